#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Do livepatch modules converted by our modpost work in a running kernel?
#
# Builds, with our modpost (make -C $KDIR M=<dir> MODPOST=$MODPOST):
#   modules/klp_load_target  a target module: same-named statics in two
#                            files (functions, .data and .bss/.data data),
#                            an export, klt_patchme() to replace, /proc/klp_load_target
#   modules/klp_load_vm      livepatch of vmlinux: saved_command_line (unique),
#                            max_cstate positions 1 and 2; code, data,
#                            rodata and init references
#   modules/klp_load_mod     livepatch of klp_load_target: its homonyms by
#                            position, its export, data and rodata references
#   modules/klp_load_mix     livepatch of both: a vmlinux and module symbols in
#                            one function
# then runs `$MODPOST --klp-finalize` on each linked .ko (harmless when
# kbuild already did), checks the result on the host (the expected
# .klp.sym symbols and .klp.rela sections, every other undefined symbol a
# versioned export, no module dependency for the target's export), makes
# the variants (a wrong position by a same-length edit of one .klp.sym name;
# strip --strip-debug of each livepatch; scripts/sign-file with a throwaway
# key; xz; strip+sign+xz loaded with finit_module so that the kernel
# decompresses) and boots the target kernel once with
# intel_idle.max_cstate=3 processor.max_cstate=5: scenarios/klp-load.sh
# loads everything and checks sysfs, the patched output and the kernel's
# messages.  A variant whose livepatch summary (lib/klpelf.py: what the
# loader reads, symbol indices resolved to names) differs from the
# original's was damaged by its tool: it is not loaded (the kernel can
# Oops on it), the difference is printed, and our `--klp-check` must
# refuse it (a SKIP naming the missing mode while modpost has none).
# Every build or conversion failure fails the test; nothing passes by
# being skipped.
#
# Environment: KDIR, MODPOST (default $BUILD/modpost, else build/modpost),
# KH_WORK, KH_TIMEOUT (default 90 here), KH_VERBOSE=1 (also print the
# livepatch lines of the guest's kernel log); see lib/harness.sh.
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/harness.sh"
kh_setup

MODPOST=${MODPOST:-${BUILD:-$TOP/build}/modpost}
KH_TIMEOUT=${KH_TIMEOUT:-90}
KLPELF="python3 $KH_LIB/klpelf.py"
W=$KH_WORK/klp-load
rm -rf "$W"
mkdir -p "$W/modules" "$W/out"
T=klp_load_target
LPS="klp_load_vm klp_load_mod klp_load_mix"

[ -x "$MODPOST" ] || kh_bail "our modpost $MODPOST exists (make BUILD=..., or MODPOST=)"
for t in strip xz openssl gcc; do
	command -v "$t" >/dev/null 2>&1 || kh_bail "setup: $t not found"
done
SIGN_FILE=$KDIR/scripts/sign-file
[ -x "$SIGN_FILE" ] || kh_bail "setup: no $SIGN_FILE"

# problems accumulated for one result (like the guest's): P, result
. "$KH_LIB/kh-klp-host.sh"

# --- build ---------------------------------------------------------------------
t0=$SECONDS
if kh_build_module "$HERE/modules/$T" "$W/$T" MODPOST="$MODPOST" >"$W/$T.out"; then
	kh_ok "build $T.ko with our modpost ($((SECONDS - t0))s)"
else
	cat "$W/$T.out"
	kh_bail "build $T.ko with our modpost"
fi
cp "$W/$T/$T.ko" "$W/modules/"

# the livepatches, in parallel: the target through KLP_MODULES_DIR, its
# export through KBUILD_EXTRA_SYMBOLS (selftests/klp/run.sh does the same)
t0=$SECONDS
declare -A pid=()
for m in $LPS; do
	kh_build_module "$HERE/modules/$m" "$W/$m" MODPOST="$MODPOST" KLP_INCLUDE="$TOP/include" \
		KLP_MODULES_DIR="$W/modules" KBUILD_EXTRA_SYMBOLS="$W/$T/Module.symvers" >"$W/$m.out" &
	pid[$m]=$!
done
gcc -static -O2 -Wall -o "$W/out/kh-finit" "$KH_LIB/kh-finit.c" >"$W/kh-finit.out" 2>&1 &
pid_finit=$!
built=1
for m in $LPS; do
	if wait "${pid[$m]}"; then
		kh_ok "build $m.ko with our modpost"
	else
		kh_fail "build $m.ko with our modpost" "$(cat "$W/$m.out")"
		built=0
	fi
done
wait "$pid_finit" || kh_bail "build lib/kh-finit.c statically" "$(cat "$W/kh-finit.out")"
echo "# livepatch builds: $((SECONDS - t0))s"
[ "$built" = 1 ] || kh_bail "every livepatch module built (nothing to load)"

# --- finalize and check the conversion on the host ----------------------------------
for m in $LPS; do
	if ! "$MODPOST" --klp-finalize -o "$W/out/$m.ko" "$W/$m/$m.ko" >"$W/$m.finalize" 2>&1; then
		kh_bail "$MODPOST --klp-finalize $m.ko" "$(head -n 20 "$W/$m.finalize")"
	fi
	$KLPELF summary "$W/out/$m.ko" >"$W/$m.summary" || kh_bail "read the livepatch format of $m.ko"
done
kh_ok "--klp-finalize wrote klp_load_vm.ko klp_load_mod.ko klp_load_mix.ko"

# expected symbols and relocation sections (object names and positions as
# the sources ask; unique names position 0)
declare -A want_sym=(
	[klp_load_vm]="vmlinux.max_cstate,1 vmlinux.max_cstate,2 vmlinux.saved_command_line,0"
	[klp_load_mod]="$T.klt_dup_counter,1 $T.klt_dup_counter,2 $T.klt_dup_helper,1 $T.klt_dup_helper,2 $T.klt_dup_mixed,1 $T.klt_dup_mixed,2 $T.klt_exported,0"
	[klp_load_mix]="$T.klt_dup_counter,2 $T.klt_dup_helper,1 $T.klt_exported,0 vmlinux.max_cstate,1 vmlinux.saved_command_line,0"
)
declare -A want_sec=(
	[klp_load_vm]="vmlinux..data:.data vmlinux..init.text:.init.text vmlinux..rodata:.rodata vmlinux..text:.text"
	[klp_load_mod]="$T..data:.data $T..rodata:.rodata $T..text:.text"
	[klp_load_mix]="$T..text:.text vmlinux..text:.text"
)
for m in $LPS; do
	klp_check_converted "$W/$m.summary" "$W/out/$m.ko" "${want_sym[$m]}" "${want_sec[$m]}"
	result "$m: converted: .klp.sym ${want_sym[$m]}; .klp.rela ${want_sec[$m]}"
done
for m in klp_load_mod klp_load_mix; do
	dep=$(modinfo -F depends "$W/out/$m.ko")
	[ -z "$dep" ] || P+=("modinfo depends: '$dep'")
	! modprobe --dump-modversions "$W/out/$m.ko" 2>/dev/null | grep -qw klt_exported ||
		P+=("klt_exported has a __versions entry")
	grep -q ' \.klp\.sym\.klp_load_target\.klt_exported,0 ' "$W/$m.summary" ||
		P+=("no .klp.sym.klp_load_target.klt_exported,0")
	result "$m: the module export klt_exported is a livepatch relocation (modinfo depends empty, no __versions entry)"
done

# --- variants ------------------------------------------------------------------------
# wrong positions: one .klp.sym name edited in place (same length)
if $KLPELF setpos "$W/out/klp_load_vm.ko" "$W/out/klp_load_vm-badpos.ko" vmlinux max_cstate 1 3 &&
	$KLPELF setpos "$W/out/klp_load_mod.ko" "$W/out/klp_load_mod-badpos.ko" $T klt_dup_counter 1 3; then
	kh_ok "wrong-position copies: .klp.sym.vmlinux.max_cstate,1 -> ,3 and .klp.sym.$T.klt_dup_counter,1 -> ,3"
else
	kh_bail "wrong-position copies"
fi

# A tool keeps the format when the variant's summary (what the livepatch
# loader reads, symbol indices resolved to names) equals the original's.
# damaged: "<file> <tool>" of every variant that differs; not loaded.
damaged=()
# intact ORIGINAL_SUMMARY VARIANT TOOL: 0 when equal; else diagnostics in P
intact() {
	local d
	if d=$(diff "$1" <($KLPELF summary "$2" 2>&1)); then
		return 0
	fi
	P+=("$3 changed what the livepatch loader reads in ${2##*/} (diff original variant):"
		"$(head -n 12 <<<"$d")")
	damaged+=("${2##*/}:$3")
	return 1
}
args=(intel_idle.max_cstate=3 processor.max_cstate=5)

# Does the kernel clear a livepatch's relocations for a module that is
# unloaded (clear_relocate_add, since 6.3)?  Without it (Debian's 6.1) the
# module cannot be loaded again under the livepatch; the guest checks that
# refusal instead (klpreload=0).
vm=$(kh_debug_vmlinux) || kh_bail "setup: the debug vmlinux of $KREL (scripts/deps.sh --with-dbg, or KLP_VMLINUX=)"
if nm "$vm" | grep ' clear_relocate_add$' >/dev/null; then  # no -q: nm must not die of SIGPIPE under pipefail
	args+=(klpreload=1)
	echo "# $KREL clears livepatch relocations on module unload (clear_relocate_add)"
else
	args+=(klpreload=0)
	echo "# $KREL keeps livepatch relocations after module unload (no clear_relocate_add): a patched module cannot be reloaded under its livepatch"
fi

# strip --strip-debug (what INSTALL_MOD_STRIP=1 runs) on every livepatch
stripped=()
for m in $LPS; do
	cp "$W/out/$m.ko" "$W/out/$m-strip.ko"
	strip --strip-debug "$W/out/$m-strip.ko"
	if intact "$W/$m.summary" "$W/out/$m-strip.ko" "strip --strip-debug"; then
		stripped+=("$m")
	else
		mv "$W/out/$m-strip.ko" "$W/$m-strip.ko"	# kept for --klp-check, not loaded
	fi
done
bad=("${P[@]}")
P=()
desc="strip --strip-debug keeps the livepatch format of: ${stripped[*]:-none} (loaded below)"
if [ "${#bad[@]}" = 0 ]; then
	kh_ok "$desc"
else
	# not a failure by itself: the tool's damage is reported, the damaged
	# copies are not loaded, and --klp-check must refuse them (below)
	kh_ok "$desc; damaged (not loaded): $(printf '%s ' "${damaged[@]%%:*}")"
	kh_diag "${bad[@]}"
fi
args+=("klpstripped=$(IFS=,; echo "${stripped[*]:-none}")")

# a throwaway key; sign-file appends the signature
openssl req -new -nodes -utf8 -sha256 -days 2 -batch -x509 -subj "/CN=klp-load throwaway key/" \
	-newkey rsa:2048 -keyout "$W/key.pem" -out "$W/key.pem" >"$W/openssl.out" 2>&1 ||
	kh_bail "openssl: throwaway signing key" "$(tail -n 5 "$W/openssl.out")"
mix=$W/out/klp_load_mix.ko
cp "$mix" "$W/out/klp_load_mix-signed.ko"
"$SIGN_FILE" sha256 "$W/key.pem" "$W/key.pem" "$W/out/klp_load_mix-signed.ko" ||
	kh_bail "scripts/sign-file klp_load_mix.ko"
[ "$(tail -c 28 "$W/out/klp_load_mix-signed.ko")" = "~Module signature appended~" ] ||
	P+=("no signature trailer")
if intact "$W/klp_load_mix.summary" "$W/out/klp_load_mix-signed.ko" sign-file; then
	result "scripts/sign-file keeps the livepatch format (signature appended)"
else
	result "scripts/sign-file keeps the livepatch format"
	mv "$W/out/klp_load_mix-signed.ko" "$W/"
	args+=(klpsign=0)
fi

xz --check=crc32 --lzma2=dict=1MiB -c "$mix" >"$W/out/klp_load_mix-xz.ko.xz"
if xz -dc "$W/out/klp_load_mix-xz.ko.xz" | cmp -s - "$mix"; then
	kh_ok "xz (as kbuild compresses modules) round-trips klp_load_mix.ko byte for byte"
else
	kh_fail "xz (as kbuild compresses modules) round-trips klp_load_mix.ko byte for byte"
	args+=(klpxz=0)
fi

# Debian's order: strip (when that keeps klp_load_mix intact), sign,
# compress when the kernel decompresses modules itself
# (CONFIG_MODULE_DECOMPRESS: Debian's 6.12; its 6.1 installs them
# uncompressed); loaded with finit_module, as modprobe does
if [[ " ${stripped[*]:-} " == *" klp_load_mix "* ]]; then
	cp "$W/out/klp_load_mix-strip.ko" "$W/mix-pipeline.ko"
	pipeline="strip --strip-debug, sign-file"
else
	cp "$mix" "$W/mix-pipeline.ko"
	pipeline="sign-file (strip damages it)"
fi
"$SIGN_FILE" sha256 "$W/key.pem" "$W/key.pem" "$W/mix-pipeline.ko"
if grep -qx 'CONFIG_MODULE_DECOMPRESS=y' "$KDIR/include/config/auto.conf"; then
	xz --check=crc32 --lzma2=dict=1MiB -c "$W/mix-pipeline.ko" >"$W/out/klp_load_mix-pipeline.ko.xz"
	pipeline="$pipeline, xz"
	pipeline_arg=xz
else
	cp "$W/mix-pipeline.ko" "$W/out/klp_load_mix-pipeline.ko"
	pipeline_arg=ko
fi
if intact "$W/klp_load_mix.summary" "$W/mix-pipeline.ko" "$pipeline"; then
	args+=(klppipeline=$pipeline_arg)
else
	args+=(klppipeline=0)
fi
result "klp_load_mix after $pipeline keeps the livepatch format"

# --klp-check: must refuse what a tool damaged, and accept the rest
check_state=
if ! out=$("$MODPOST" --klp-check "$mix" 2>&1) && grep -qiE 'unknown mode|not implemented' <<<"$out"; then
	check_state="modpost has no --klp-check mode yet ('$(head -n 1 <<<"$out")')"
fi
for v in "${damaged[@]}"; do
	f=${v%%:*}
	desc="--klp-check refuses $f (damaged by ${v#*:})"
	if [ -n "$check_state" ]; then
		kh_skip "$desc" "$check_state"
	elif "$MODPOST" --klp-check "$W/$f" >"$W/check.out" 2>&1; then
		kh_fail "$desc" "exit status 0: $(head -n 5 "$W/check.out")"
	else
		kh_ok "$desc: $(grep -m1 ERROR "$W/check.out" || head -n 1 "$W/check.out")"
	fi
done
accept=()
for f in "$W"/out/*.ko; do
	case $f in *-badpos.ko) ;; *) accept+=("out/${f##*/}") ;; esac
done
[[ " ${damaged[*]:-} " == *" mix-pipeline.ko:"* ]] || accept+=(mix-pipeline.ko)
if [ -n "$check_state" ]; then
	kh_skip "--klp-check accepts ${accept[*]}" "$check_state"
else
	for f in "${accept[@]}"; do
		"$MODPOST" --klp-check "$W/$f" >"$W/check.out" 2>&1 ||
			P+=("$f: exit status $?: $(head -n 3 "$W/check.out")")
	done
	result "--klp-check accepts ${accept[*]}"
fi

# --- boot ---------------------------------------------------------------------------
files=("$KH_LIB/kh-klp-guest.sh:/lib/kh-klp-guest.sh" "$W/$T/$T.ko:/root/$T.ko")
for f in "$W"/out/*; do
	files+=("$f:/root/${f##*/}")
done
kh_initramfs "$W/klp-load.cpio" "$HERE/scenarios/klp-load.sh" "${files[@]}" || kh_bail "initramfs"
kh_boot klp-load "$W/klp-load.cpio" "${args[@]}" || true
kh_guest_tap "$KH_LOG"
if [ -s "$KH_BULKDIR/dmesg" ]; then
	grep -E 'livepatch|klp_load|symbol position' "$KH_BULKDIR/dmesg" >"$W/dmesg-livepatch.txt" || true
	echo "# guest kernel log: $KH_BULKDIR/dmesg ($(wc -l <"$W/dmesg-livepatch.txt") livepatch lines in $W/dmesg-livepatch.txt)"
	[ "${KH_VERBOSE:-0}" = 1 ] && sed 's/^/#   /' "$W/dmesg-livepatch.txt"
fi
kh_done
