#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The symbol index of the real Debian debug vmlinux against an independent
# reference made with the real tools: `nm -n vmlinux`, filtered the way
# scripts/mksysmap and scripts/kallsyms filter it (rules restated below in
# awk, and checked against the kernel's own scripts/mksysmap of KDIR),
# sympos counted by address with weak symbols after the others at equal
# addresses (scripts/kallsyms' order).
#
# Needs the -dbg vmlinux (scripts/deps.sh --with-dbg puts it in
# $KLP_CACHE/<release>/dbg); KLP_VMLINUX names another one.
set -u
export LC_ALL=C
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
MODPOST=${MODPOST:-$TOP/build/modpost}
cache=${KLP_CACHE:-/var/cache/klp-modpost}
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
kdir=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}

vmlinux=${KLP_VMLINUX:-}
if [ -z "$vmlinux" ]; then
	rel=
	[ -n "$kdir" ] && rel=$("$TOP/scripts/kdir.sh" release "$kdir" 2>/dev/null || true)
	[ -n "$rel" ] && vmlinux=$cache/$rel/dbg/usr/lib/debug/boot/vmlinux-$rel
fi
if [ -z "$vmlinux" ] || [ ! -r "$vmlinux" ]; then
	tap_fail "the debug vmlinux" "no '$vmlinux' (make deps)"
	tap_done
fi
# the series of the kernel under test (its kallsyms rules differ)
series=$("$TOP/scripts/mod/kernel-series.sh" "$kdir" 2>/dev/null || echo unknown)
work=$(mktemp -d "${TMPDIR:-/tmp}/klp-index-vmlinux.XXXXXX")
trap 'rm -rf "$work"' EXIT
tap_note "vmlinux: $vmlinux (Linux $series)"

# What System.map (scripts/mksysmap) leaves out of `nm -n` lines
# "<address> <type> <name>": local absolute, debugging, undefined and weak
# undefined types; local labels; EFI stub, PIE and nVHE KVM namespaces;
# linker thunks and veneers; CFI type ids; modversions CRCs; export
# strings; a few exact names; ppc branch stubs.
sysmap_filter='
function sysmap_drops(t, n) {
	if (t == "a" || t == "N" || t == "U" || t == "w") return 1
	if (n ~ /^(\$|\.L|__efistub_|__pi_\$|__pi_\.L|__kvm_nvhe_\$|__kvm_nvhe_\.L)/) return 1
	if (n ~ /^(__kcfi_typeid_|__kvm_nvhe___kcfi_typeid_|__pi___kcfi_typeid_)/) return 1
	if (n ~ /^(__crc_|__kstrtab_|__kstrtabns_)/) return 1
	if (n ~ /^__[A-Za-z0-9]*Thunk_/) return 1
	if (n ~ /(_from_arm|_from_thumb|_veneer)$/) return 1
	if (n == "L0" || n == "_SDA_BASE_" || n == "_SDA2_BASE_") return 1
	if (index(n, ".long_branch.") || index(n, ".plt_branch.")) return 1
	return 0
}'
# What scripts/kallsyms then drops: unique-global and read-only-note types,
# absolute symbols except four arch names, names of 512 bytes or more; and
# in 6.1 its own tables (kallsyms_*, added between its link passes; 6.12
# lists them) and the arm/mips linker thunks and veneers by name.
kallsyms_filter='
function kallsyms_drops(t, n) {
	if (series == "6.1" && n ~ /^kallsyms_(addresses|offsets|relative_base|num_syms|names|markers|token_table|token_index|seqs_of_names)$/) return 1
	if (t == "u" || t == "n") return 1
	if ((t == "A" || t == "a") && n != "__kernel_syscall_via_break" &&
	    n != "__kernel_syscall_via_epc" && n != "__kernel_sigtramp" && n != "__gp") return 1
	return length(n) >= 512
}'

nm -n "$vmlinux" >"$work/nm" || { tap_fail "nm -n $vmlinux"; tap_done; }
awk -v series="$series" "$sysmap_filter $kallsyms_filter"' !sysmap_drops($2, $3) && !kallsyms_drops($2, $3)' \
	"$work/nm" >"$work/ref.map"

# the kernel's own mksysmap (a sed script since 6.2, a shell script running
# $NM -n before) gives the same lines
mksysmap=$kdir/scripts/mksysmap
if [ ! -r "$mksysmap" ]; then
	tap_fail "restated mksysmap against the kernel's" "no $mksysmap"
else
	if head -n 1 "$mksysmap" | grep -q sed; then
		sed -f "$mksysmap" "$work/nm" >"$work/mksysmap.out"
	else
		NM=nm sh "$mksysmap" "$vmlinux" "$work/mksysmap.out"
	fi
	awk -v series="$series" "$kallsyms_filter"' !kallsyms_drops($2, $3)' "$work/mksysmap.out" >"$work/ref2.map"
	if [ -s "$work/ref.map" ] && cmp -s "$work/ref.map" "$work/ref2.map"; then
		tap_ok "our restatement of mksysmap matches $mksysmap ($(wc -l <"$work/ref.map") symbols)"
	else
		tap_fail "our restatement of mksysmap differs from $mksysmap" \
			"$(diff "$work/ref.map" "$work/ref2.map" | head -n 10)"
	fi
fi

# reference positions: by address, weak after the others, then nm order
awk '{ printf "%s %s %d %09d\n", $3, $1, ($2 == "w" || $2 == "W"), NR }' "$work/ref.map" |
	sort -k1,1 -k2,2 -k3,3n -k4,4n |
	awk '{ pos[$1]++; print $1, pos[$1], $2 }' | sort >"$work/ref.pos"

start=$(date +%s.%N)
if ! "$MODPOST" --klp-dump-index --vmlinux "$vmlinux" >"$work/ours" 2>"$work/ours.err"; then
	tap_fail "modpost --klp-dump-index --vmlinux exits 0" "$(head "$work/ours.err")"
	tap_done
fi
end=$(date +%s.%N)
tap_note "dump-index: $(wc -l <"$work/ours") lines in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s"
awk '$1 == "vmlinux" { print $2, $3, $5 }' "$work/ours" | sort >"$work/ours.pos"

if cmp -s "$work/ref.pos" "$work/ours.pos"; then
	tap_ok "all $(wc -l <"$work/ref.pos") kallsyms symbols: same (name, position, address) set"
else
	tap_fail "kallsyms symbols: (name, position, address) sets differ" \
		"$(diff "$work/ref.pos" "$work/ours.pos" | head -n 10)"
fi

# the names that need a sympos: duplicated names
awk '{ c[$1]++ } END { for (k in c) if (c[k] > 1) print k }' "$work/ref.pos" | sort >"$work/dupnames"
ndup=$(wc -l <"$work/dupnames")
join "$work/dupnames" "$work/ref.pos" >"$work/ref.dup"
awk '$1 == "vmlinux" && $4 > 1 { print $2, $3, $5 }' "$work/ours" | sort >"$work/ours.dup"
if [ "$ndup" -gt 0 ] && cmp -s "$work/ref.dup" "$work/ours.dup"; then
	tap_ok "$ndup duplicated names ($(wc -l <"$work/ref.dup") occurrences): same positions and addresses"
else
	tap_fail "duplicated names: $ndup in the reference, positions differ" \
		"$(diff "$work/ref.dup" "$work/ours.dup" | head -n 10)"
fi

# type letters: nm's, except per-cpu symbols, which kallsyms shows as 'A'
awk '{ print $3, $1, $2 }' "$work/ref.map" | sort >"$work/ref.let"
awk '$1 == "vmlinux" { print $2, $5, $6 }' "$work/ours" | sort >"$work/ours.let"
bad=$(diff "$work/ref.let" "$work/ours.let" | grep '^>' | awk '$4 != "A"' | wc -l)
npcpu=$(diff "$work/ref.let" "$work/ours.let" | grep -c '^> .* A$')
if [ "$bad" -eq 0 ]; then
	tap_ok "type letters are nm's ($npcpu per-cpu symbols shown as A)"
else
	tap_fail "type letters: $bad differ from nm's" \
		"$(diff "$work/ref.let" "$work/ours.let" | grep '^[<>]' | head -n 10)"
fi

# the same kernel from a System.map (mksysmap output): same positions
awk "$sysmap_filter"' !sysmap_drops($2, $3)' "$work/nm" >"$work/System.map"
if "$MODPOST" --klp-dump-index --map "$work/System.map" >"$work/ours.map" 2>"$work/ours.map.err" &&
	awk '$1 == "vmlinux" { print $2, $3, $5 }' "$work/ours.map" | sort | cmp -s - "$work/ours.pos"; then
	tap_ok "System.map input: same (name, position, address) set as the ELF"
else
	tap_fail "System.map input differs from the ELF" "$(head -n 5 "$work/ours.map.err")"
fi

tap_done
