#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Livepatches written the way livepatch authors write them (kpatch,
# klp-ccp): a real kernel function copied verbatim into the livepatch,
# with one visible change; what gcc inlined is copied along, what it did
# not inline and the data stay references to the kernel's own symbols,
# which our modpost turns into livepatch relocations.
#
# Builds, with our modpost (make -C $KDIR M=<dir> MODPOST=$MODPOST):
#   modules/klp_verb_vm    show_tty_driver() of fs/proc/proc_tty.c
#                        (/proc/tty/drivers): calls the static
#                        show_tty_range() (not inlined: a 't' symbol of
#                        vmlinux) and reads tty_drivers (not exported)
#   modules/klp_verb_mod   nvram_proc_read() of drivers/char/nvram.c, the
#                        Debian module nvram (/proc/driver/nvram), with
#                        the static pc_nvram_proc_read() and
#                        __nvram_read_byte() that gcc inlined (copied too);
#                        calls the static __nvram_check_checksum() (a 't'
#                        symbol of nvram.ko), reads floppy_types and
#                        gfx_types (static)
#   modules/klp_verb_target  statics named "klp_string.12345" and
#                        "klp_string.67890" (asm names), a plain
#                        "klp_string", a function-local static "kvt_reads"
#                        (gcc: "kvt_reads.<N>")
#   modules/klp_verb_asm   reaches them by those names (asm declarations;
#                        the function-local one's name, read here with nm,
#                        in a generated header)
# checks on the host, before booting:
#   - the target kernel is as the copies assume: the callees left as
#     references are functions of their own in the target (their symbols
#     exist: not inlined), the inlined ones have no symbol, and nothing the
#     copies reference is exported (Module.symvers of KDIR);
#   - each copy (between "KLPVERB copy: <file> <function>" and "KLPVERB
#     end") is the function of the kernel's own source of this series
#     (Debian's linux-source package, selftests/lib/kbuild.sh
#     kbuild_source_file), line for line, except the one line marked
#     "KLPVERB change";
#   - modpost resolved every reference without a warning; after
#     `$MODPOST --klp-finalize`, `--klp-dump` lists exactly the expected
#     (object, symbol, position) entries, and the .klp.sym symbols and
#     .klp.rela sections are as the kernel wants them; `--klp-check`
#     accepts each livepatch;
# then boots once (scenarios/klp-verbatim.sh): each patched file is the
# unpatched one plus the change, every other line equal; after disabling,
# the original again.  Every build or conversion failure fails the test.
#
# Environment: KDIR, MODPOST (default $BUILD/modpost, else build/modpost),
# KH_WORK, KH_TIMEOUT (default 90 here), KH_VERBOSE=1 (also print the
# livepatch lines of the guest's kernel log), KLP_VMLINUX; see lib/harness.sh.
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/harness.sh"
kh_setup
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"

MODPOST=${MODPOST:-${BUILD:-$TOP/build}/modpost}
KH_TIMEOUT=${KH_TIMEOUT:-90}
KLPELF="python3 $KH_LIB/klpelf.py"
W=$KH_WORK/klp-verbatim
rm -rf "$W"
mkdir -p "$W/modules" "$W/out" "$W/src"
T=klp_verb_target
LPS="klp_verb_vm klp_verb_mod klp_verb_asm"

[ -x "$MODPOST" ] || kh_bail "our modpost $MODPOST exists (make BUILD=..., or MODPOST=)"
VMLINUX_DBG=$(kh_debug_vmlinux) ||
	kh_bail "setup: the debug vmlinux of $KREL (scripts/deps.sh --with-dbg, or KLP_VMLINUX=)"
[ -r "$VMLINUX_DBG" ] || kh_bail "setup: cannot read $VMLINUX_DBG"
MODDIR=$("$TOP/scripts/kdir.sh" modules "$KDIR") || kh_bail "setup: the module tree of $KREL (scripts/deps.sh)"
NVKO=$(find "$MODDIR/kernel/drivers/char" -maxdepth 1 -name 'nvram.ko*' 2>/dev/null | head -n 1 || true)
[ -n "$NVKO" ] || kh_bail "setup: Debian's nvram module in $MODDIR/kernel/drivers/char"

# problems accumulated for one result: P, result
. "$KH_LIB/kh-klp-host.sh"

# the kernel's sources of the copied functions; the first read of a file
# decompresses the source package (about 20 s, then cached): meanwhile, build
declare -A SRCFILE=([klp_verb_vm]="fs/proc/proc_tty.c" [klp_verb_mod]="drivers/char/nvram.c")
declare -A srcpid=()
for m in "${!SRCFILE[@]}"; do
	kbuild_source_file "$KDIR" "${SRCFILE[$m]}" >"$W/src/$m.path" 2>"$W/src/$m.err" &
	srcpid[$m]=$!
done

# --- the target kernel is as the copies assume ------------------------------------
# index lines: <object> <name> <pos> <count> <addr> <type> <section> <file>
"$MODPOST" --klp-dump-index --release "$KREL" --object nvram >"$W/index.txt" 2>"$W/index.err" ||
	kh_bail "$MODPOST --klp-dump-index --release $KREL --object nvram" "$(head -n 10 "$W/index.err")"
# sym OBJECT NAME: "<type>/<count>" of NAME in OBJECT, "none" when it has no such symbol
sym() {
	awk -v o="$1" -v n="$2" '$1 == o && $2 == n { t = $6 "/" $4 } END { print t ? t : "none" }' "$W/index.txt"
}
[ -s "$KDIR/Module.symvers" ] || kh_bail "setup: $KDIR/Module.symvers (the exports of $KREL)"
exported() { awk -v n="$1" '$2 == n { f = 1 } END { exit !f }' "$KDIR/Module.symvers"; }
# calls ELF FN CALLEE: the call instructions to CALLEE in the code of FN
calls() {
	objdump -d --no-show-raw-insn --disassemble="$2" "$1" | grep -cE "call +[0-9a-f]+ <$3>" || true
}
# check_target OBJECT ELF FN "REF:TYPES..." "INLINED...": FN of OBJECT (its
# code in ELF) calls each REF of type t (a call instruction: not inlined
# there), every REF is one symbol of one of TYPES and not exported, and
# the INLINED statics have no symbol
check_target() {
	local obj=$1 elf=$2 fn=$3 refs=$4 inlined=$5 r want got n names=
	[ "$(sym "$obj" "$fn")" = t/1 ] || P+=("$obj $fn: $(sym "$obj" "$fn"), expected one local function (t/1)")
	for r in $refs; do
		want=${r#*:}
		r=${r%%:*}
		names="$names $r"
		got=$(sym "$obj" "$r")
		[[ "$got" =~ ^[$want]/1$ ]] || P+=("$obj $r: $got, expected one symbol of type [$want] (a reference the livepatch keeps)")
		! exported "$r" || P+=("$r is exported ($KDIR/Module.symvers)")
		if [ "$want" = t ]; then
			n=$(calls "$elf" "$fn" "$r")
			[ "$n" -gt 0 ] || P+=("$fn in $elf has no call to $r (inlined there?)")
		fi
	done
	for r in $inlined; do
		got=$(sym "$obj" "$r")
		[ "$got" = none ] || P+=("$obj $r: $got, expected no symbol (inlined: the livepatch copies it)")
	done
	result "$KREL $obj: $fn calls/reads$names (symbols of their own, not exported; call instructions in $fn)${inlined:+; $inlined inlined (no symbol)}"
}
check_target vmlinux "$VMLINUX_DBG" show_tty_driver "show_tty_range:t tty_drivers:dDbB" ""
case $NVKO in
*.xz) xz -dc "$NVKO" >"$W/nvram.ko" ;;
*.zst) zstd -qdc "$NVKO" >"$W/nvram.ko" ;;
*.gz) gzip -dc "$NVKO" >"$W/nvram.ko" ;;
*) cp "$NVKO" "$W/nvram.ko" ;;
esac
check_target nvram "$W/nvram.ko" nvram_proc_read "__nvram_check_checksum:t floppy_types:r gfx_types:r" \
	"pc_nvram_proc_read __nvram_read_byte"

# --- build ---------------------------------------------------------------------------
# the vmlinux and nvram livepatches meanwhile; klp_verb_asm needs the target
t0=$SECONDS
declare -A pid=() lpargs=(
	[klp_verb_vm]=""
	[klp_verb_mod]="KLP_MODULES_DIR=$MODDIR"
	[klp_verb_asm]="KLP_MODULES_DIR=$W/modules KLP_VERB_SYMS=$W/klp_verb_syms.h"
)
build_lp() {
	# shellcheck disable=SC2086 # lpargs are words without spaces
	kh_build_module "$HERE/modules/$1" "$W/$1" MODPOST="$MODPOST" ${lpargs[$1]} >"$W/$1.out" &
	pid[$1]=$!
}
build_lp klp_verb_vm
build_lp klp_verb_mod
if kh_build_module "$HERE/modules/$T" "$W/$T" MODPOST="$MODPOST" >"$W/$T.out"; then
	kh_ok "build $T.ko with our modpost"
else
	kh_bail "build $T.ko with our modpost" "$(cat "$W/$T.out")"
fi
cp "$W/$T/$T.ko" "$W/modules/"
# the target's symbols, as nm sees them
nm "$W/modules/$T.ko" >"$W/$T.nm"
READS=$(awk '$3 ~ /^kvt_reads\.[0-9]+$/ { print $3 }' "$W/$T.nm")
for s in klp_string.12345 klp_string.67890 klp_string; do
	[ "$(awk -v s="$s" '$3 == s { print $2 }' "$W/$T.nm")" = d ] || P+=("no local data symbol $s")
done
[ "$(wc -w <<<"$READS")" = 1 ] || P+=("function-local static kvt_reads: '$READS', expected one kvt_reads.<N>")
result "$T.ko (nm): d klp_string.12345, d klp_string.67890, d klp_string, function-local ${READS:-kvt_reads.?}"
cat >"$W/klp_verb_syms.h" <<EOF
/* generated by test-klp-verbatim.sh from \`nm $T.ko\` */
#define KVT_READS "$READS"
EOF
build_lp klp_verb_asm
declare -A built=()
for m in $LPS; do
	if wait "${pid[$m]}"; then
		built[$m]=1
		warn=$(grep -A6 -E '(WARNING|ERROR): modpost' "$W/$m/build.log" || true)
		if [ -z "$warn" ]; then
			kh_ok "build $m.ko with our modpost: every reference resolved, no modpost warning"
		else
			kh_fail "build $m.ko with our modpost: every reference resolved, no modpost warning" "$warn"
		fi
	else
		built[$m]=0
		kh_fail "build $m.ko with our modpost" "$(cat "$W/$m.out")"
	fi
done
echo "# module builds: $((SECONDS - t0))s"

# --- the copies are the kernel's functions ------------------------------------------
# kernel_func FILE NAME: the definition of NAME in FILE, from its first line
# (at column 0, not a declaration) to the "}" that ends it
kernel_func() {
	awk -v n="$2" '!p && $0 ~ ("^[A-Za-z].*[ *]" n "\\(") && $0 !~ /;[ \t]*$/ { p = 1 }
		p { print } p && /^}$/ { exit }' "$1"
}
# copy_func SRC FILE NAME: the copy of NAME between its KLPVERB markers,
# without the line marked as the change
copy_func() {
	awk -v m="/* KLPVERB copy: $2 $3 */" 'index($0, m) == 1 { p = 1; next }
		p && index($0, "/* KLPVERB end */") == 1 { exit }
		p && !index($0, "/* KLPVERB change */") { print }' "$1"
}
for m in klp_verb_vm klp_verb_mod; do
	src=$HERE/modules/$m/$m.c
	if ! wait "${srcpid[$m]}" || ! kfile=$(cat "$W/src/$m.path") || [ ! -r "$kfile" ]; then
		kh_fail "$m: ${SRCFILE[$m]} of the kernel's sources ($(kbuild_series "$KDIR"))" \
			"kbuild_source_file: $(cat "$W/src/$m.err")" "(needs /usr/src/linux-source-$(kbuild_series "$KDIR").tar.xz: make deps)"
		continue
	fi
	copies=$(sed -n 's|^/\* KLPVERB copy: \([^ ]*\) \([^ ]*\) \*/$|\1:\2|p' "$src")
	names=
	for c in $copies; do
		file=${c%%:*} fn=${c#*:}
		names="$names $fn"
		[ "$file" = "${SRCFILE[$m]}" ] || P+=("$fn: copied from $file, the test reads ${SRCFILE[$m]}")
		kernel_func "$kfile" "$fn" >"$W/src/$m.$fn.kernel"
		copy_func "$src" "$file" "$fn" >"$W/src/$m.$fn.copy"
		if [ ! -s "$W/src/$m.$fn.kernel" ]; then
			P+=("no function $fn in $file of the kernel's sources")
		elif ! d=$(diff "$W/src/$m.$fn.kernel" "$W/src/$m.$fn.copy"); then
			P+=("$fn differs from the kernel's (diff kernel copy):" "$(head -n 20 <<<"$d")")
		fi
	done
	[ -n "$names" ] || P+=("no KLPVERB copy in $src")
	nchange=$(grep -cF '/* KLPVERB change */' "$src" || true)
	[ "$nchange" = 1 ] || P+=("$nchange lines marked KLPVERB change, expected one")
	result "$m: the copies of${names:- nothing} are verbatim ${SRCFILE[$m]} of $(kbuild_series "$KDIR") (one changed line)"
done

# --- finalize and check the conversion on the host --------------------------------------
declare -A want_sym=(
	[klp_verb_vm]="vmlinux.show_tty_range,0 vmlinux.tty_drivers,0"
	[klp_verb_mod]="nvram.__nvram_check_checksum,0 nvram.floppy_types,0 nvram.gfx_types,0"
	[klp_verb_asm]="$T.klp_string.12345,0 $T.klp_string.67890,0 $T.$READS,0"
)
declare -A want_sec=(
	[klp_verb_vm]="vmlinux..text:.text"
	[klp_verb_mod]="nvram..text:.text"
	[klp_verb_asm]="$T..text:.text"
)
ready=()
for m in $LPS; do
	[ "${built[$m]}" = 1 ] || continue
	if ! "$MODPOST" --klp-finalize -o "$W/out/$m.ko" "$W/$m/$m.ko" >"$W/$m.finalize" 2>&1; then
		kh_fail "$MODPOST --klp-finalize $m.ko" "$(head -n 20 "$W/$m.finalize")"
		continue
	fi
	# --klp-dump: "<object> <section> <offset> <type> <symbol> <sympos> <addend>" per relocation
	if "$MODPOST" --klp-dump "$W/out/$m.ko" >"$W/$m.dump" 2>&1; then
		got=$(awk 'f && NF == 7 { print $1 "." $5 "," $6 } $1 == "object" && $2 == "section" { f = 1 }' "$W/$m.dump" |
			sort -u | tr '\n' ' ')
		[ "$got" = "${want_sym[$m]} " ] ||
			P+=("--klp-dump entries: '$got'" "expected:           '${want_sym[$m]} '" "$(cat "$W/$m.dump")")
	else
		P+=("--klp-dump $m.ko failed: $(head -n 5 "$W/$m.dump")")
	fi
	result "$m: --klp-dump lists the livepatch relocations to ${want_sym[$m]}"
	if ! $KLPELF summary "$W/out/$m.ko" >"$W/$m.summary"; then
		kh_fail "read the livepatch format of $m.ko"
		continue
	fi
	klp_check_converted "$W/$m.summary" "$W/out/$m.ko" "${want_sym[$m]}" "${want_sec[$m]}"
	dep=$(modinfo -F depends "$W/out/$m.ko")
	[ -z "$dep" ] || P+=("modinfo depends: '$dep' (nothing the copies use is exported by a module)")
	result "$m: converted: .klp.sym ${want_sym[$m]}; .klp.rela ${want_sec[$m]}; no depends"
	if "$MODPOST" --klp-check "$W/out/$m.ko" >"$W/$m.check" 2>&1; then
		kh_ok "--klp-check accepts $m.ko: $(head -n 1 "$W/$m.check")"
	else
		kh_fail "--klp-check accepts $m.ko" "$(head -n 5 "$W/$m.check")"
	fi
	ready+=("$m")
done
for m in klp_verb_vm klp_verb_mod; do
	[[ " ${ready[*]} " == *" $m "* ]] || kh_bail "$m built and converted (the guest needs it)"
done
klpasm=0
[[ " ${ready[*]} " != *" klp_verb_asm "* ]] || klpasm=1

# --- boot -----------------------------------------------------------------------------
files=("$KH_LIB/kh-klp-guest.sh:/lib/kh-klp-guest.sh"
	"$NVKO:/lib/modules/$KREL/kernel/drivers/char/${NVKO##*/}"
	"$W/modules/$T.ko:/root/$T.ko")
for m in "${ready[@]}"; do
	files+=("$W/out/$m.ko:/root/$m.ko")
done
kh_initramfs "$W/klp-verbatim.cpio" "$HERE/scenarios/klp-verbatim.sh" "${files[@]}" || kh_bail "initramfs"
kh_boot klp-verbatim "$W/klp-verbatim.cpio" "klpasm=$klpasm" || true
kh_guest_tap "$KH_LOG"
if [ -s "$KH_BULKDIR/dmesg" ]; then
	grep -E 'livepatch|klp_verb|nvram' "$KH_BULKDIR/dmesg" >"$W/dmesg-livepatch.txt" || true
	echo "# guest kernel log: $KH_BULKDIR/dmesg ($(wc -l <"$W/dmesg-livepatch.txt") livepatch lines in $W/dmesg-livepatch.txt)"
	[ "${KH_VERBOSE:-0}" = 1 ] && sed 's/^/#   /' "$W/dmesg-livepatch.txt"
else
	kh_fail "the guest's kernel log arrived (bulk record dmesg)" "no $KH_BULKDIR/dmesg"
fi
kh_done
