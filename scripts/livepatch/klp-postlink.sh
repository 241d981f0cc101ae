#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# klp-postlink.sh: what kbuild runs right after the final `ld -r` of each
# module, as part of the link command (cmd_ld_ko_o), when this project's
# kbuild integration is used (kbuild.mk; `make livepatch` or `make install`
# at the top of the project).
#
#   klp-postlink.sh --modpost PROG [--btf] MODULE.ko
#
# 1. --btf: the module's BTF, exactly as kbuild's own BTF step
#    (cmd_btf_ko in scripts/Makefile.modfinal) would have made it: pahole
#    with the flags kbuild exports (PAHOLE, PAHOLE_FLAGS,
#    MODULE_PAHOLE_FLAGS, OBJCOPY), then resolve_btfids (RESOLVE_BTFIDS).
#    The integration empties cmd_btf_ko, so this is the only BTF step.
# 2. PROG --klp-finalize MODULE.ko: the livepatch ELF format (a no-op for
#    modules without a livepatch record).
#
# Why BTF is done here, before finalize: pahole adds .BTF with
# `objcopy --add-section`, and GNU objcopy rewrites the whole file: it drops
# SHF_INFO_LINK from the .klp.rela.* sections (0x100042 -> 0x100002) and
# moves them in front of .symtab.  Nothing may run after finalize.  Doing
# BTF in the link command also gives every link its BTF; kbuild's own step
# runs only when a prerequisite is newer, not when only the command changed.
#
# The current directory is the kernel build tree, as for every kbuild
# command.  Messages follow kbuild's quiet/verbose setting ($quiet, exported
# by kbuild).  On any failure the module is deleted, so that the next make
# links it again instead of taking a half-processed module for up to date.
set -u

modpost=
btf=
while [ $# -gt 1 ]; do
	case $1 in
	--modpost) modpost=$2; shift ;;
	--modpost=*) modpost=${1#--modpost=} ;;
	--btf) btf=1 ;;
	*) break ;;
	esac
	shift
done
if [ $# -ne 1 ] || [ -z "$modpost" ]; then
	echo "usage: klp-postlink.sh --modpost PROG [--btf] MODULE.ko" >&2
	exit 2
fi
ko=$1

log() { # short name, as kbuild prints it in quiet mode
	if [ "${quiet-}" = quiet_ ]; then
		printf '  %-7s %s\n' "$1" "$ko"
	fi
}

failed() {
	echo "klp-postlink: $1 failed for $ko; deleting it" >&2
	rm -f "$ko"
	exit 1
}

if [ -n "$btf" ]; then
	log 'BTF [M]'
	if [ ! -f vmlinux ]; then
		printf "Skipping BTF generation for %s due to unavailability of vmlinux\n" "$ko" 1>&2
	else
		# shellcheck disable=SC2086 # the flags are word lists
		LLVM_OBJCOPY="${OBJCOPY:-objcopy}" ${PAHOLE:-pahole} -J ${PAHOLE_FLAGS-} \
			${MODULE_PAHOLE_FLAGS-} --btf_base vmlinux "$ko" || failed pahole
		${RESOLVE_BTFIDS:-./tools/bpf/resolve_btfids/resolve_btfids} -b vmlinux "$ko" ||
			failed resolve_btfids
	fi
fi

# finalize replaces the file (temporary file + rename) only when it converts
# something: a new inode means this module is a converted livepatch module.
before=$(ls -i "$ko" 2>/dev/null) || failed "finding the module"
"$modpost" --klp-finalize "$ko" || failed "$modpost --klp-finalize"
after=$(ls -i "$ko")
if [ "$before" != "$after" ]; then
	log 'KLP [M]'
fi
exit 0
