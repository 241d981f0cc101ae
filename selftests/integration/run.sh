#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kbuild integration: real kbuild runs against the target headers tree.
#
#  1. per build (`make livepatch`): livepatch modules from selftests/klp/cases
#     come out in the livepatch ELF format (checked with readelf by
#     check-klp-elf.py, against the same module linked without the step);
#     the printed command works on its own; an unchanged tree is left alone;
#     a source change relinks and converts again; a failing post-link step
#     removes the module and the next build recovers; `make clean` works;
#     ordinary modules (plain/) are byte-identical to a stock build (after
#     `objcopy -R .BTF`, modpost-spec section 11) and switching between stock
#     and this integration relinks; a livepatch whose Kbuild has no
#     include path for <linux/klp-annotations.h> (annotated/) builds, and
#     the user's own CFLAGS_MODULE and KCFLAGS still reach the compiler;
#  2. installed into a private copy of the kbuild and headers trees (plain
#     renames, no dpkg): install, install again, build (annotated/ too,
#     with the header installed in the tree), uninstall; every file of the
#     trees comes back byte for byte (with mode and time stamps), the
#     header included; a foreign klp-annotations.h stops the installation;
#  3. installed on the system (dpkg-divert): the same against KDIR itself.
#     The trees are restored on every exit path (trap); the phase refuses to
#     start if klp-modpost is already installed there, and holds a lock so
#     that two runs never overlap.  INTEGRATION_SYSTEM=0 skips it.
#
# Environment: TOP, KDIR, BUILD, MODPOST (ours, built for KDIR),
# INTEGRATION_WORK (scratch, default /tmp/klp-integration).
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
BUILD=${BUILD:-$TOP/build}
MODPOST=${MODPOST:-$BUILD/modpost}
WORK=${INTEGRATION_WORK:-/tmp/klp-integration}
CHECK=$TOP/selftests/integration/check-klp-elf.py
INSTALL_SH=$TOP/scripts/livepatch/install.sh
LP_CASES="vmlinux-unique module-static module-dup-annotated vmlinux-dup-decl"
SYS_CASES="vmlinux-unique module-static"
INCLUDE_LINE='include $(srctree)/scripts/klp-modpost/kbuild.mk # klp-modpost: livepatch post-link step (make uninstall removes this line)'

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"

clean_env() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u MAKEOVERRIDES "$@"; }

rm -rf "$WORK"
mkdir -p "$WORK/targets" "$WORK/modules" "$WORK/cases" "$WORK/logs"
LOG=$WORK/logs

# kmake KDIR DIR ARGS...: plain kbuild, as a user would run it
kmake() {
	local kdir=$1 dir=$2
	shift 2
	clean_env make -C "$kdir" M="$dir" "$@"
}
klp_vars=(KLP_INCLUDE="$TOP/include" SELFTEST_INCLUDE="$TOP/selftests/lib/include"
	KLP_MODULES_DIR="$WORK/modules"
	KBUILD_EXTRA_SYMBOLS="$WORK/targets/klp_target/Module.symvers")
# lpmake DIR ARGS...: the per-build integration
lpmake() {
	local dir=$1
	shift
	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$KDIR" livepatch M="$dir" "$@"
}

# expects CASE: --expect arguments from the case's record lines (CASE: a
# selftests/klp case, or a directory with an expect file)
expects() {
	local c o n p f=$TOP/selftests/klp/cases/$1/expect
	[ -f "$1/expect" ] && f=$1/expect
	while read -r _ c o n p; do
		printf -- '--expect\n%s.%s,%s\n' "$o" "$n" "$p"
	done < <(grep '^record ' "$f")
}
validate() { # name KO CASE [ORIG]
	local name=$1 ko=$2 cs=$3 orig=${4:-} out args
	mapfile -t args < <(expects "$cs")
	[ -n "$orig" ] && args+=(--orig "$orig")
	if out=$(python3 "$CHECK" "$ko" "${args[@]}" 2>&1); then
		tap_ok "$name"
	else
		tap_fail "$name" "$(head -5 <<<"$out" | tr '\n' ';')"
	fi
	# and modpost's own checker, where it has one
	if [ "$HAVE_KLP_CHECK" = 1 ]; then
		if out=$("$MODPOST" --klp-check --strict "$ko" 2>&1); then
			tap_ok "$name: modpost --klp-check --strict"
		else
			tap_fail "$name: modpost --klp-check --strict" "$(head -3 <<<"$out" | tr '\n' ';')"
		fi
	fi
}
HAVE_KLP_CHECK=0
"$MODPOST" --klp-help 2>/dev/null | grep -q -- '--klp-check' && HAVE_KLP_CHECK=1
src_of() { ls "$1"/*.c | grep -v '\.mod\.c$' | head -1; }
ko_of() { { ls "$1"/*.ko 2>/dev/null || true; } | head -1; }
state() { # inode, mtime, size, contents
	{ stat -c '%i %Y %s' "$1" && sha256sum <"$1"; } 2>/dev/null || echo missing
}
has() { grep -qF -- "$2" "$1"; }
# printed_cflags_module LOG WORD: the printed command has CFLAGS_MODULE once, as WORD
printed_cflags_module() {
	local line
	line=$(grep -A1 '^Equivalent command:' "$1" | tail -1)
	[ "$(grep -o 'CFLAGS_MODULE=' <<<"$line" | wc -l)" = 1 ] && grep -qF -- " $2 " <<<"$line"
}
count() { grep -cF -- "$2" "$1" || true; }
strip_btf() { objcopy -R .BTF "$1" "$2"; }

# kbuild makes module BTF only when the build tree has a vmlinux (Debian's
# 6.12 headers do; 6.1's do not: "Skipping BTF generation")
if [ -f "$KDIR/vmlinux" ]; then btf_expect=present; else btf_expect=absent; fi
has_btf_as_expected() {
	if readelf -SW "$1" | grep -q " \.BTF "; then
		[ $btf_expect = present ]
	else
		[ $btf_expect = absent ]
	fi
}

# same_as_stock NAME DIR REFDIR: every .ko of DIR equals REFDIR's (without .BTF)
same_as_stock() {
	local name=$1 dir=$2 ref=$3 ko bad=""
	for ko in "$ref"/*.ko; do
		strip_btf "$dir/$(basename "$ko")" "$WORK/cmp.ko" 2>/dev/null || { bad+=" $(basename "$ko")(missing)"; continue; }
		cmp -s "$ko" "$WORK/cmp.ko" || bad+=" $(basename "$ko")"
	done
	if [ -z "$bad" ]; then tap_ok "$name"; else tap_fail "$name" "differ:$bad"; fi
}
save_stock() { # DIR REFDIR
	local ko
	rm -rf "$2"
	mkdir -p "$2"
	for ko in "$1"/*.ko; do strip_btf "$ko" "$2/$(basename "$ko")" || true; done
}

# --- setup: the target module and the cases ---------------------------------
cp -r "$TOP/selftests/klp/targets/klp_target" "$WORK/targets/"
if ! kmake "$KDIR" "$WORK/targets/klp_target" MODPOST="$MODPOST" modules >"$LOG/target.log" 2>&1; then
	tap_fail "target module klp_target builds" "$(tail -5 "$LOG/target.log" | tr '\n' ';')"
	tap_done
fi
xz -c "$WORK/targets/klp_target/klp_target.ko" >"$WORK/modules/klp_target.ko.xz"
cp "$TOP/selftests/klp/cases/lp-common.h" "$WORK/cases/"
for c in $LP_CASES; do cp -r "$TOP/selftests/klp/cases/$c" "$WORK/cases/"; done
cp -r "$TOP/selftests/integration/plain" "$WORK/plain"
cp -r "$TOP/selftests/integration/annotated" "$WORK/annotated"
A=$WORK/annotated
A_KO=$A/klp_int_annotated.ko
A_EXPECT=$TOP/selftests/integration/annotated
HEADER_MISSING='linux/klp-annotations.h: No such file or directory'

# =============================================================================
# 1. per build: make livepatch
# =============================================================================
for c in $LP_CASES; do
	dir=$WORK/cases/$c
	# the module as linked, without the post-link step (our modpost only)
	if kmake "$KDIR" "$dir" MODPOST="$MODPOST" "${klp_vars[@]}" modules >"$LOG/$c.linked.log" 2>&1; then
		cp "$(ko_of "$dir")" "$WORK/$c.linked.ko"
	else
		tap_fail "$c: builds without the post-link step" "$(tail -3 "$LOG/$c.linked.log" | tr '\n' ';')"
		continue
	fi
	out=$LOG/$c.perbuild.log
	if lpmake "$dir" "${klp_vars[@]}" >"$out" 2>&1; then tap_ok "$c: make livepatch"; else
		tap_fail "$c: make livepatch" "$(tail -5 "$out" | tr '\n' ';')"
		continue
	fi
	ko=$(ko_of "$dir")
	tap_check "$c: the equivalent command is printed once" [ "$(count "$out" 'Equivalent command:')" = 1 ]
	tap_check "$c: the KLP_* and other kbuild variables are passed on" \
		has "$out" " KLP_MODULES_DIR=$WORK/modules "
	tap_check "$c: switching to the integration compiles again (include directory added) and relinks" \
		eval 'has "$out" "LD [M]  $ko" && grep -q "CC \[M\]  $dir/.*\.o\$" "$out"'
	tap_check "$c: BTF, then KLP, after the link" eval \
		'[ "$(grep -oE "(LD|BTF|KLP) \[M\]" "$out" | tr "\n" " ")" = "LD [M] BTF [M] KLP [M] " ]'
	tap_check "$c: .BTF $btf_expect" eval 'has_btf_as_expected "$ko"'
	tap_check "$c: savedcmd records the post-link step" \
		grep -qF "; $TOP/scripts/livepatch/klp-postlink.sh --modpost $MODPOST --btf $ko" \
		"$dir/.$(basename "$ko").cmd"
	validate "$c: livepatch ELF format (readelf), symbol and section indices kept" \
		"$ko" "$c" "$WORK/$c.linked.ko"
done

c=vmlinux-unique
dir=$WORK/cases/$c
ko=$(ko_of "$dir")
out=$LOG/$c.perbuild.log

# the printed command, run by itself after `make clean`
cmdline=$(grep -A1 '^Equivalent command:' "$out" | tail -1)
kmake "$KDIR" "$dir" clean >"$LOG/clean1.log" 2>&1 || true
tap_check "make clean removes the module and the generated files" \
	eval '[ ! -e "$ko" ] && [ -z "$(ls "$dir"/*.mod.c "$dir"/*.o "$dir"/.*.cmd 2>/dev/null)" ]'
(cd /tmp && clean_env bash -c "$cmdline") >"$LOG/direct.log" 2>&1 && rc=0 || rc=$?
tap_check "the printed command builds on its own (status $rc)" [ "$rc" = 0 ]
validate "the printed command converts" "$ko" "$c" "$WORK/$c.linked.ko"

# unchanged tree: nothing happens
before=$(state "$ko")
lpmake "$dir" "${klp_vars[@]}" >"$LOG/unchanged.log" 2>&1 || true
tap_check "unchanged tree: no link" eval '! grep -qE "(LD|BTF|KLP) \[M\]" "$LOG/unchanged.log"'
tap_check "unchanged tree: the .ko is untouched (inode, mtime, contents)" [ "$before" = "$(state "$ko")" ]

# a source change relinks and converts again
printf '\nint klp_integration_change(void);\nint klp_integration_change(void) { return 1; }\n' >>"$(src_of "$dir")"
lpmake "$dir" "${klp_vars[@]}" >"$LOG/changed.log" 2>&1 && rc=0 || rc=$?
tap_check "source change: rebuilt (status $rc), linked and converted again" eval \
	'[ $rc = 0 ] && [ "$(grep -oE "(LD|BTF|KLP) \[M\]" "$LOG/changed.log" | tr "\n" " ")" = "LD [M] BTF [M] KLP [M] " ]'
tap_check "source change: the module changed" [ "$before" != "$(state "$ko")" ]
validate "source change: livepatch ELF format" "$ko" "$c"
tap_check "source change: the new function is in the module" \
	eval 'readelf -sW "$ko" | grep -q " klp_integration_change$"'

# a failing post-link step deletes the module; the next build recovers
fail_hook='cmd_ld_ko_o=$(LD) -r $(KBUILD_LDFLAGS) $(KBUILD_LDFLAGS_MODULE) $(LDFLAGS_MODULE) -T $(ARCH_MODULE_LDS) -o $@ $(filter %.o, $^); '"$TOP"'/scripts/livepatch/klp-postlink.sh --modpost /bin/false --btf $@'
kmake "$KDIR" "$dir" MODPOST="$MODPOST" "${klp_vars[@]}" "$fail_hook" cmd_btf_ko= modules \
	>"$LOG/failing.log" 2>&1 && rc=0 || rc=$?
tap_check "failing finalize: make fails (status $rc)" [ "$rc" != 0 ]
tap_check "failing finalize: the module is deleted" [ ! -e "$ko" ]
tap_check "failing finalize: the reason is printed" has "$LOG/failing.log" "klp-postlink: /bin/false --klp-finalize failed"
lpmake "$dir" "${klp_vars[@]}" >"$LOG/recover.log" 2>&1 && rc=0 || rc=$?
tap_check "after a failure: the next build links again (status $rc)" has "$LOG/recover.log" "KLP [M]"
validate "after a failure: livepatch ELF format" "$ko" "$c"

kmake "$KDIR" "$dir" clean >"$LOG/clean2.log" 2>&1 && rc=0 || rc=$?
tap_check "make clean after the integration (status $rc)" eval '[ $rc = 0 ] && [ ! -e "$ko" ]'

# <linux/klp-annotations.h> without a Kbuild change
kmake "$KDIR" "$A" MODPOST="$MODPOST" "${klp_vars[@]}" modules >"$LOG/annotated-stock.log" 2>&1 && rc=0 || rc=$?
tap_check "annotated: stock kbuild cannot find the header (status $rc): the Kbuild has no -I for it" \
	eval '[ $rc != 0 ] && has "$LOG/annotated-stock.log" "$HEADER_MISSING"'
lpmake "$A" "${klp_vars[@]}" >"$LOG/annotated-perbuild.log" 2>&1 && rc=0 || rc=$?
tap_check "annotated: make livepatch builds it (status $rc) and converts" has "$LOG/annotated-perbuild.log" "KLP [M] $A_KO"
validate "annotated: make livepatch: both annotations in the livepatch ELF format" "$A_KO" "$A_EXPECT"
tap_check "annotated: the header used is the project's own" \
	grep -qF "$TOP/include/linux/klp-annotations.h" "$A/.klp_int_annotated.o.cmd"
tap_check "annotated: -I<project>/include comes after kbuild's include directories" \
	grep -qE -- "-I[^ ]*/include/generated/uapi .* -I$TOP/include( |\$)" "$A/.klp_int_annotated.o.cmd"
kmake "$KDIR" "$A" clean >/dev/null 2>&1 || true
lpmake "$A" "${klp_vars[@]}" CFLAGS_MODULE=-DKLP_INT_USER_CFLAGS_MODULE KCFLAGS=-DKLP_INT_USER_KCFLAGS \
	>"$LOG/annotated-user.log" 2>&1 && rc=0 || rc=$?
tap_check "annotated: with the user's CFLAGS_MODULE and KCFLAGS: builds (status $rc), both reach the compiler" eval \
	'[ $rc = 0 ] && readelf -sW "$A_KO" | grep -q " klp_int_user_cflags_module$" &&
	 readelf -sW "$A_KO" | grep -q " klp_int_user_kcflags$"'
tap_check "annotated: the printed command keeps the user's CFLAGS_MODULE in front, once" \
	printed_cflags_module "$LOG/annotated-user.log" "'CFLAGS_MODULE=-DKLP_INT_USER_CFLAGS_MODULE -I$TOP/include'"
validate "annotated: with the user's flags: livepatch ELF format" "$A_KO" "$A_EXPECT"
kmake "$KDIR" "$A" clean >/dev/null 2>&1 || true

# ordinary modules: byte-identical to stock, switching relinks
P=$WORK/plain
kmake "$KDIR" "$P" modules >"$LOG/plain-stock.log" 2>&1 && rc=0 || rc=$?
tap_check "plain: stock build (status $rc)" [ "$rc" = 0 ]
save_stock "$P" "$WORK/plain-stock"
kmake "$KDIR" "$P" clean >/dev/null 2>&1 || true
lpmake "$P" >"$LOG/plain-perbuild.log" 2>&1 && rc=0 || rc=$?
tap_check "plain: make livepatch (status $rc)" [ "$rc" = 0 ]
same_as_stock "plain: modules identical to the stock build (objcopy -R .BTF)" "$P" "$WORK/plain-stock"
tap_check "plain: no conversion reported" eval '! has "$LOG/plain-perbuild.log" "KLP [M]"'
tap_check "plain: .BTF $btf_expect" eval 'has_btf_as_expected "$P/kbi_user.ko"'
lpmake "$P" >"$LOG/plain-again.log" 2>&1 || true
tap_check "plain: unchanged tree, no link" eval '! grep -qE "(LD|BTF) \[M\]" "$LOG/plain-again.log"'
kmake "$KDIR" "$P" modules >"$LOG/plain-back.log" 2>&1 || true
tap_check "plain: switching back to stock relinks both modules" \
	[ "$(grep -c 'LD \[M\]' "$LOG/plain-back.log")" = 2 ]
same_as_stock "plain: stock relink identical to the stock build" "$P" "$WORK/plain-stock"
lpmake "$P" >"$LOG/plain-forth.log" 2>&1 || true
tap_check "plain: switching to the integration again relinks both modules" \
	[ "$(grep -c 'LD \[M\]' "$LOG/plain-forth.log")" = 2 ]

# =============================================================================
# installed integration: shared helpers
# =============================================================================
# trees KDIR: the kernel build tree, the tree its Makefile includes (Debian's
# -common) and the kbuild package directory its scripts/ links to
trees() {
	local k c
	k=$(readlink -f "$1")
	echo "$k"
	c=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$k/Makefile" | head -1)
	[ -n "$c" ] && [ -d "$c" ] && readlink -f "$c"
	dirname "$(readlink -f "$k/scripts")"
}
# manifest DIR...: every file, link and directory: type, mode, time stamp
# (files), link target, sha256 (files)
manifest() {
	local r
	for r in "$@"; do
		find "$r" \( -type f -printf 'f %m %T@ %s %p\n' \) -o \( -type l -printf 'l %p -> %l\n' \) \
			-o \( -type d -printf 'd %m %p\n' \) -o -printf '? %p\n'
		find "$r" -type f -print0 | xargs -0 sha256sum
	done | LC_ALL=C sort
}

# outside_changes BEFORE AFTER S: the paths outside S whose entry differs
# between two manifests (added, removed or changed)
outside_changes() {
	LC_ALL=C comm -3 "$1" "$2" | sed 's/^\t//' |
		awk '$1 == "f" || $1 == "d" { print $NF } $1 == "l" { print $2 }' |
		{ grep -v "^$3/" || true; } | LC_ALL=C sort -u
}

# installed_phase LABEL KDIR: install, build, uninstall, with checks
installed_phase() {
	local L=$1 K=$2 S rc c dir ko KR H expected
	S=$(readlink -f "$K/scripts")
	KR=$(readlink -f "$K")
	H=$KR/include/linux/klp-annotations.h
	mapfile -t roots < <(trees "$K")

	manifest "${roots[@]}" >"$WORK/$L.before"
	# what install adds outside the kbuild scripts: the header (and its
	# directory, where the tree has none: Debian's include/ holds only
	# config/ and generated/)
	expected=$( { [ -d "$KR/include/linux" ] || echo "$KR/include/linux"; echo "$H"; } | LC_ALL=C sort)
	INSTALLED=$K # before: an interrupted install is undone too
	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$K" install >"$LOG/$L.install.log" 2>&1 && rc=0 || rc=$?
	tap_check "$L: make install (status $rc)" [ "$rc" = 0 ]
	tap_check "$L: our modpost installed as a copy" cmp -s "$MODPOST" "$S/mod/modpost"
	tap_check "$L: Makefile.modfinal = original + a blank line and the include line" eval \
		'[ "$(diff "$S/Makefile.modfinal.klp-orig" "$S/Makefile.modfinal" | grep "^[<>]")" = "$(printf "> \n> %s" "$INCLUDE_LINE")" ]'
	if [ "$L" = system ]; then
		tap_check "$L: both files diverted with dpkg-divert" eval \
			'[ "$(dpkg-divert --truename "$S/mod/modpost")" = "$S/mod/modpost.klp-orig" ] &&
			 [ "$(dpkg-divert --truename "$S/Makefile.modfinal")" = "$S/Makefile.modfinal.klp-orig" ]'
	fi
	manifest "${roots[@]}" >"$WORK/$L.installed"
	tap_check "$L: <linux/klp-annotations.h> installed in the tree's include/ and reported" eval \
		'[ -f "$H" ] && has "$LOG/$L.install.log" "installed $H (#include <linux/klp-annotations.h>)"'
	tap_check "$L: the installed header stands alone (the uapi part written in, no relative #include)" eval \
		'! grep -q "^#[[:space:]]*include[[:space:]]*\"" "$H" && grep -q "^struct klp_symbol_binding {" "$H"'
	tap_check "$L: outside the kbuild scripts, install added the header only (no kernel file changed or hidden)" eval \
		'[ "$(outside_changes "$WORK/$L.before" "$WORK/$L.installed" "$S")" = "$expected" ]'
	tap_check "$L: no other klp-annotations.h or uapi livepatch.h in the trees" eval \
		'[ "$(find "${roots[@]}" \( -name klp-annotations.h -o -path "*/uapi/linux/livepatch.h" \) | sort)" = "$H" ]'
	tap_check "$L: install.sh status lists the header" eval \
		'grep -qxF "  $H: ours" <<<"$("$INSTALL_SH" status "$K")"'
	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$K" install >"$LOG/$L.install2.log" 2>&1 && rc=0 || rc=$?
	manifest "${roots[@]}" >"$WORK/$L.installed2"
	tap_check "$L: installing twice: status $rc, no file changed" eval \
		'[ $rc = 0 ] && cmp -s "$WORK/$L.installed" "$WORK/$L.installed2"'
	tap_check "$L: the saved originals are the original files" eval \
		'[ "$(grep -F "$S/mod/modpost.klp-orig" "$WORK/$L.installed" | sed "s/\.klp-orig\$//")" = "$(grep -F "$S/mod/modpost" "$WORK/$L.before" | grep -v "modpost\.real")" ]'

	# ordinary modules: same as stock, through plain `make -C KDIR M=dir`
	kmake "$K" "$P" clean >/dev/null 2>&1 || true
	kmake "$K" "$P" modules >"$LOG/$L.plain.log" 2>&1 && rc=0 || rc=$?
	tap_check "$L: plain modules build (status $rc)" [ "$rc" = 0 ]
	same_as_stock "$L: plain modules identical to the stock build (objcopy -R .BTF)" "$P" "$REF"
	tap_check "$L: plain modules: output as stock (LD, BTF per module, no KLP)" eval \
		'[ "$(grep -oE "(LD|BTF|KLP) \[M\]" "$LOG/$L.plain.log" | sort | uniq -c | tr -s " \n" " ")" = " 2 BTF [M] 2 LD [M] " ]'

	for c in $SYS_CASES; do
		dir=$WORK/cases/$c
		kmake "$K" "$dir" clean >/dev/null 2>&1 || true
		kmake "$K" "$dir" "${klp_vars[@]}" >"$LOG/$L.$c.log" 2>&1 && rc=0 || rc=$?
		tap_check "$L: $c: plain make -C <kdir> M=<dir> (status $rc) converts" has "$LOG/$L.$c.log" "KLP [M]"
		ko=$(ko_of "$dir")
		validate "$L: $c: livepatch ELF format" "$ko" "$c"
	done
	# <linux/klp-annotations.h> from the tree, the Kbuild has nothing for it
	kmake "$K" "$A" clean >/dev/null 2>&1 || true
	kmake "$K" "$A" "${klp_vars[@]}" >"$LOG/$L.annotated.log" 2>&1 && rc=0 || rc=$?
	tap_check "$L: annotated: plain make -C <kdir> M=<dir> (status $rc) finds the header and converts" \
		has "$LOG/$L.annotated.log" "KLP [M] $A_KO"
	validate "$L: annotated: both annotations in the livepatch ELF format" "$A_KO" "$A_EXPECT"
	tap_check "$L: annotated: the header used is the installed one" eval \
		'grep -q "include/linux/klp-annotations\.h" "$A/.klp_int_annotated.o.cmd" &&
		 ! grep -qF "$TOP/include/" "$A/.klp_int_annotated.o.cmd"'

	c=vmlinux-unique
	dir=$WORK/cases/$c
	ko=$(ko_of "$dir")
	before=$(state "$ko")
	kmake "$K" "$dir" "${klp_vars[@]}" >"$LOG/$L.unchanged.log" 2>&1 || true
	tap_check "$L: unchanged tree: no link, .ko untouched" eval \
		'! grep -qE "(LD|BTF|KLP) \[M\]" "$LOG/$L.unchanged.log" && [ "$before" = "$(state "$ko")" ]'
	printf '\nint klp_integration_change_%s(void);\nint klp_integration_change_%s(void) { return 2; }\n' "$L" "$L" >>"$(src_of "$dir")"
	kmake "$K" "$dir" "${klp_vars[@]}" >"$LOG/$L.changed.log" 2>&1 || true
	tap_check "$L: source change: linked and converted again" has "$LOG/$L.changed.log" "KLP [M]"
	validate "$L: source change: livepatch ELF format" "$ko" "$c"

	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$K" uninstall >"$LOG/$L.uninstall.log" 2>&1 && rc=0 || rc=$?
	tap_check "$L: make uninstall (status $rc)" [ "$rc" = 0 ]
	tap_check "$L: uninstall removes the header and says so" eval \
		'[ ! -e "$H" ] && has "$LOG/$L.uninstall.log" "removed $H"'
	manifest "${roots[@]}" >"$WORK/$L.after"
	if cmp -s "$WORK/$L.before" "$WORK/$L.after"; then
		INSTALLED=
		tap_ok "$L: uninstall restores every file of ${roots[*]} (sha256, mode, mtime, links)"
	else
		tap_fail "$L: uninstall restores every file" "$(diff "$WORK/$L.before" "$WORK/$L.after" | head -5 | tr '\n' ';')"
	fi
	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$K" uninstall >"$LOG/$L.uninstall2.log" 2>&1 && rc=0 || rc=$?
	manifest "${roots[@]}" >"$WORK/$L.after2"
	tap_check "$L: uninstalling twice: status $rc, nothing changed" eval \
		'[ $rc = 0 ] && cmp -s "$WORK/$L.before" "$WORK/$L.after2"'

	kmake "$K" "$A" clean >/dev/null 2>&1 || true
	kmake "$K" "$A" >"$LOG/$L.annotated-stock.log" 2>&1 && rc=0 || rc=$?
	tap_check "$L: after uninstall, the header is gone from kbuild's include path (status $rc)" eval \
		'[ $rc != 0 ] && has "$LOG/$L.annotated-stock.log" "$HEADER_MISSING"'

	# back to stock: the module is linked again, without conversion
	kmake "$K" "$dir" "${klp_vars[@]}" KBUILD_MODPOST_WARN=1 >"$LOG/$L.stock-again.log" 2>&1 || true
	tap_check "$L: after uninstall, stock kbuild relinks (command changed), unconverted" eval \
		'has "$LOG/$L.stock-again.log" "LD [M]" && ! readelf -SW "$ko" | grep -q "\.klp\.rela\."'
}

# =============================================================================
# 2. installed into a private copy of the trees (no dpkg)
# =============================================================================
COPY=$WORK/root
mapfile -t sys_roots < <(trees "$KDIR")
for r in "${sys_roots[@]}"; do
	mkdir -p "$COPY$(dirname "$r")"
	cp -a "$r" "$COPY$r"
done
KCOPY=$COPY$(readlink -f "$KDIR")
common=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$KCOPY/Makefile" | head -1)
if [ -n "$common" ]; then
	touch -r "$KCOPY/Makefile" "$WORK/mtime"
	sed -i "s|^include $common/Makefile\$|include $COPY$common/Makefile|" "$KCOPY/Makefile"
	touch -r "$WORK/mtime" "$KCOPY/Makefile"
fi
if [ "$(readlink -f "$KCOPY/scripts")" != "$COPY$(readlink -f "$KDIR/scripts")" ]; then
	tap_fail "copy of the trees: scripts/ links into the copy" "$(readlink -f "$KCOPY/scripts")"
else
	# stock reference for this tree (paths are part of the debug info)
	kmake "$KCOPY" "$P" clean >/dev/null 2>&1 || true
	kmake "$KCOPY" "$P" modules >"$LOG/copy-stock.log" 2>&1 && rc=0 || rc=$?
	tap_check "copy: stock build of the plain modules (status $rc)" [ "$rc" = 0 ]
	save_stock "$P" "$WORK/plain-stock-copy"
	REF=$WORK/plain-stock-copy
	INSTALLED=
	installed_phase copy "$KCOPY"

	# a file that is already ours is never saved as an original
	SC=$(readlink -f "$KCOPY/scripts")
	cp -p "$SC/mod/modpost" "$WORK/modpost.copy-orig"
	cp "$MODPOST" "$SC/mod/modpost"
	manifest "${sys_roots[@]/#/$COPY}" >"$WORK/copy.ours-before"
	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$KCOPY" install >"$LOG/copy.install-ours.log" 2>&1 && rc=0 || rc=$?
	manifest "${sys_roots[@]/#/$COPY}" >"$WORK/copy.ours-after"
	tap_check "copy: install refuses when kbuild's modpost is already ours (status $rc), nothing changed" eval \
		'[ $rc != 0 ] && has "$LOG/copy.install-ours.log" "looks like this project" &&
		 cmp -s "$WORK/copy.ours-before" "$WORK/copy.ours-after"'
	cp -p "$WORK/modpost.copy-orig" "$SC/mod/modpost"

	# a klp-annotations.h that is not ours is never replaced
	HC=$KCOPY/include/linux/klp-annotations.h
	made_dir=0
	[ -d "$KCOPY/include/linux" ] || { mkdir "$KCOPY/include/linux"; made_dir=1; }
	echo '/* someone else'"'"'s header */' >"$HC"
	manifest "${sys_roots[@]/#/$COPY}" >"$WORK/copy.foreign-before"
	clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$KCOPY" install >"$LOG/copy.install-foreign.log" 2>&1 && rc=0 || rc=$?
	manifest "${sys_roots[@]/#/$COPY}" >"$WORK/copy.foreign-after"
	tap_check "copy: install refuses to replace a foreign klp-annotations.h (status $rc), nothing changed" eval \
		'[ $rc != 0 ] && has "$LOG/copy.install-foreign.log" "$HC exists and is not this project'"'"'s" &&
		 cmp -s "$WORK/copy.foreign-before" "$WORK/copy.foreign-after"'
	rm -f "$HC"
	[ $made_dir = 0 ] || rmdir "$KCOPY/include/linux"

	# nor installed next to a kernel that has a klp-annotations.h of its own
	if [ -n "$common" ]; then
		HK=$COPY$common/include/uapi/linux/klp-annotations.h
		touch -r "$(dirname "$HK")" "$WORK/dir-mtime"
		echo '/* the kernel'"'"'s own */' >"$HK"
		manifest "${sys_roots[@]/#/$COPY}" >"$WORK/copy.kernel-before"
		clean_env make -C "$TOP" BUILD="$BUILD" KDIR="$KCOPY" install >"$LOG/copy.install-kernel.log" 2>&1 && rc=0 || rc=$?
		manifest "${sys_roots[@]/#/$COPY}" >"$WORK/copy.kernel-after"
		tap_check "copy: install refuses when the kernel has a klp-annotations.h (status $rc), nothing changed" eval \
			'[ $rc != 0 ] && has "$LOG/copy.install-kernel.log" "$HK: the kernel has a klp-annotations.h of its own" &&
			 cmp -s "$WORK/copy.kernel-before" "$WORK/copy.kernel-after"'
		rm -f "$HK"
		touch -r "$WORK/dir-mtime" "$(dirname "$HK")"
	fi
fi

# =============================================================================
# 3. installed on the system (dpkg-divert)
# =============================================================================
if [ "${INTEGRATION_SYSTEM:-1}" = 0 ]; then
	echo "# system installation skipped (INTEGRATION_SYSTEM=0)"
	tap_done
fi
S=$(readlink -f "$KDIR/scripts")
if [ "$(id -u)" != 0 ] || ! command -v dpkg-divert >/dev/null; then
	tap_fail "system: needs root and dpkg-divert"
	tap_done
fi
if [ -e "$S/klp-modpost" ] || [ -e "$S/mod/modpost.klp-orig" ] || [ -e "$S/Makefile.modfinal.klp-orig" ] ||
	[ "$(dpkg-divert --truename "$S/mod/modpost")" != "$S/mod/modpost" ]; then
	tap_fail "system: klp-modpost is already installed in $S; not touching it (make uninstall KDIR=$KDIR)"
	tap_done
fi
tap_check "system: the kbuild files belong to a package" eval 'dpkg-query -S "$S/Makefile.modfinal" "$S/mod/modpost" >/dev/null'

exec 9>/run/lock/klp-modpost-integration.lock
flock -w 600 9

# the trap may run inside a redirected function call: report on our own
# stdout, saved here
exec {OUT}>&1
INSTALLED=
restore_system() {
	if [ -n "$INSTALLED" ]; then
		echo "# restoring $INSTALLED" >&"$OUT"
		"$INSTALL_SH" uninstall "$INSTALLED" >&"$OUT" 2>&1 || true
		INSTALLED=
	fi
}
trap restore_system EXIT
trap 'exit 130' INT TERM HUP

dpkg-divert --list | LC_ALL=C sort >"$WORK/diversions.before"
sha256sum </var/lib/dpkg/diversions >"$WORK/diversions-file.before"
# the stock reference: the per-build phase built $P against KDIR
REF=$WORK/plain-stock
installed_phase system "$KDIR"
trap - EXIT
restore_system
dpkg-divert --list | LC_ALL=C sort >"$WORK/diversions.after"
tap_check "system: dpkg diversions as before" cmp -s "$WORK/diversions.before" "$WORK/diversions.after"
tap_check "system: /var/lib/dpkg/diversions byte-identical" eval \
	'[ "$(sha256sum </var/lib/dpkg/diversions)" = "$(cat "$WORK/diversions-file.before")" ]'

tap_done
