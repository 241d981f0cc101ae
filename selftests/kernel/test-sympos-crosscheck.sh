#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Does our symbol index count sympos exactly as the kernel does?
#
# Boots the target kernel (nokaslr: guest addresses equal the vmlinux
# addresses) with the test module klp_homonyms (modules/klp_homonyms, many
# same-named symbols) loaded, takes /proc/kallsyms and the module's section
# addresses from the guest, and compares them with
#
#   $MODPOST --klp-dump-index --vmlinux <debug vmlinux> --modules <dir> \
#            --object klp_homonyms
#
# whose lines read "<object> <name> <sympos> <count> <address> <type>
# <section|-> <load-order|->" (address: 16 hex digits; a module's is st_value).
#
#  - vmlinux: the kernel counts same-named symbols in address order, so for
#    every name that kallsyms lists more than once, position k is the k-th
#    address; the index must give the same (name, sympos, count, address),
#    and the same number of occurrences for every kallsyms name;
#  - the module: kallsyms lists its core symbols in .ko symbol-table order;
#    the k-th [klp_homonyms] line of a name must be the index's sympos k, at
#    section base (/sys/module/klp_homonyms/sections/<sec>) + st_value;
#  - the __init copies of hom_setup/hom_initdata are not in the live
#    kallsyms, and the index marks exactly the names that have both init and
#    core copies "load-order".
#
# Environment: KDIR, MODPOST (default $BUILD/modpost, else build/modpost),
# KLP_VMLINUX (debug vmlinux; default: scripts/deps.sh --with-dbg's copy),
# KH_WORK, KH_TIMEOUT (see lib/harness.sh).
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/harness.sh"
kh_setup

MODPOST=${MODPOST:-${BUILD:-$TOP/build}/modpost}
MAXDIFF=${MAXDIFF:-20}
W=$KH_WORK/sympos
rm -rf "$W"
mkdir -p "$W"

# differences FILE_A LABEL_A FILE_B LABEL_B: print the first MAXDIFF lines
# only in A and only in B (both sorted) as diagnostics; returns 1 if any.
differences() {
	local a=$1 la=$2 b=$3 lb=$4 na nb
	na=$(comm -23 "$a" "$b" | wc -l)
	nb=$(comm -13 "$a" "$b" | wc -l)
	[ "$na" = 0 ] && [ "$nb" = 0 ] && return 0
	echo "$na lines only in $la, $nb only in $lb (first $MAXDIFF of each):"
	comm -23 "$a" "$b" | head -n "$MAXDIFF" | sed "s/^/  $la: /"
	comm -13 "$a" "$b" | head -n "$MAXDIFF" | sed "s/^/  $lb: /"
	return 1
}

# --- build the target module (stock modpost) and the initramfs -------------
t0=$SECONDS
if kh_build_module "$HERE/modules/klp_homonyms" "$W/klp_homonyms" >"$W/build.out"; then
	kh_ok "build klp_homonyms.ko ($((SECONDS - t0))s)"
else
	cat "$W/build.out"
	kh_bail "build klp_homonyms.ko"
fi
KO=$W/klp_homonyms/klp_homonyms.ko
mkdir -p "$W/modules"
cp "$KO" "$W/modules/"
kh_initramfs "$W/sympos.cpio" "$HERE/scenarios/sympos-crosscheck.sh" "$KO:/root/klp_homonyms.ko" ||
	kh_bail "initramfs"

# --- our index, in the background while the guest boots ----------------------
VMLINUX=$(kh_debug_vmlinux || true)
index_state=none
if [ -z "$VMLINUX" ] || [ ! -r "$VMLINUX" ]; then
	index_state="no debug vmlinux for $KREL (scripts/deps.sh --with-dbg, or KLP_VMLINUX=)"
elif [ ! -x "$MODPOST" ]; then
	index_state="no modpost binary $MODPOST (make, or MODPOST=)"
fi
dump_index() { # extra --object args...
	local rc=0 t0=$SECONDS
	timeout 300 "$MODPOST" --klp-dump-index --vmlinux "$VMLINUX" --modules "$W/modules" \
		"$@" >"$W/index.txt" 2>"$W/index.err" </dev/null || rc=$?
	echo "$rc $((SECONDS - t0))" >"$W/index.rc"
}
if [ "$index_state" = none ]; then
	dump_index --object klp_homonyms &
	index_pid=$!
	# a bail-out below must not leave it writing into $W after we exit
	trap 'wait' EXIT
fi

# --- boot ------------------------------------------------------------------------
booted=1
kh_boot sympos "$W/sympos.cpio" || booted=0
kh_guest_tap "$KH_LOG"
KALLSYMS=$KH_BULKDIR/kallsyms
SECTIONS=$KH_BULKDIR/sections
if [ "$booted" = 1 ] && [ -s "$KALLSYMS" ] && [ -s "$SECTIONS" ]; then
	kh_ok "guest sent /proc/kallsyms ($(wc -l <"$KALLSYMS") lines) and $(wc -l <"$SECTIONS") section addresses"
else
	kh_bail "guest sent /proc/kallsyms and the section addresses" "missing in $KH_BULKDIR"
fi

# --- the index ---------------------------------------------------------------------
if [ "$index_state" = none ]; then
	wait "$index_pid" || true
	read -r rc t_idx <"$W/index.rc"
	# does --object restrict the output to the named objects? then ask for vmlinux too
	if [ "$rc" = 0 ] && ! grep -q '^vmlinux ' "$W/index.txt"; then
		dump_index --object vmlinux --object klp_homonyms
		read -r rc t_idx <"$W/index.rc"
	fi
	if [ "$rc" = 0 ]; then
		index_state=ok
		echo "# index: $(wc -l <"$W/index.txt") lines in ${t_idx}s"
	elif [ "$rc" = 1 ] && grep -q 'not implemented' "$W/index.err" && [ ! -s "$W/index.txt" ]; then
		index_state="not implemented yet: $(head -n1 "$W/index.err")"
	else
		kh_bail "$MODPOST --klp-dump-index" "exit status $rc; stderr:" "$(head -n 20 "$W/index.err")"
	fi
fi
if [ "$index_state" != ok ]; then
	for t in "index format" "vmlinux: duplicated names agree" "vmlinux: occurrence counts agree" \
		"vmlinux: type letters agree" "module: duplicated names agree" \
		"module: all core symbols agree" "module: type letters agree" \
		"module: index marks exactly the init homonyms load-order" \
		"self-check: a corrupted index fails"; do
		kh_skip "$t" "$index_state"
	done
fi

# --- checks that need no index: the fixture does what it claims -----------------
# kallsyms lines of the module: "name position count address type" in file order
awk '$4 == "[klp_homonyms]" { n++; name[n] = $3; addr[n] = tolower($1); type[n] = $2; c[$3]++ }
	END { for (i = 1; i <= n; i++) print name[i], ++k[name[i]], c[name[i]], addr[i], type[i] }' \
	"$KALLSYMS" >"$W/kallsyms-mod.txt"
# section name -> base address
awk 'NF == 2 { a = tolower($2); sub(/^0x/, "", a); while (length(a) < 16) a = "0" a; print $1, a }' \
	"$SECTIONS" >"$W/sections.txt"
# the .ko symbol table: "index name section value" for named symbols in real sections
readelf -SW "$KO" | sed -n 's/^ *\[ *\([0-9]*\)\] \([^ ]*\) .*/\1 \2/p' >"$W/ko-secnames.txt"
readelf -sW "$KO" | awk 'NR == FNR { sec[$1] = $2; next }
	$1 ~ /^[0-9]+:$/ && $7 ~ /^[0-9]+$/ && $8 != "" && $4 != "SECTION" && $4 != "FILE" {
		print $1 + 0, $8, sec[$7], $2 }' "$W/ko-secnames.txt" - >"$W/ko-symtab.txt"
# names with copies in an init section and in a core section
awk '{ if ($3 ~ /^\.init/) init[$2] = 1; else core[$2] = 1 }
	END { for (n in init) if (n in core) print n }' "$W/ko-symtab.txt" | sort >"$W/init-homonyms.txt"

problems=()
mixed=$(awk '$1 == "hom_mixed" { print $2, $4 }' "$W/kallsyms-mod.txt" | tr '\n' ' ')
# position 1 is hom_a.c's .bss copy, which lies above hom_b.c's .data copy
if [[ $mixed =~ ^1\ ([0-9a-f]+)\ 2\ ([0-9a-f]+)\ $ ]] && [[ ${BASH_REMATCH[1]} > ${BASH_REMATCH[2]} ]]; then
	:
else
	problems+=("hom_mixed: kallsyms order should differ from address order: '$mixed'")
fi
# (__pfx_ symbols exist only with function padding: 6.12, not 6.1)
pfx=
grep -q ' __pfx_hom_helper ' "$W/ko-symtab.txt" && pfx=__pfx_hom_helper
for n in hom_helper hom_counter hom_mixed hom_table hom_ro_after hom_twin hom_twin_val hom_shared $pfx; do
	c=$(awk -v n="$n" '$1 == n' "$W/kallsyms-mod.txt" | wc -l)
	[ "$c" = 2 ] || problems+=("$n: $c kallsyms lines, expected 2")
done
for n in hom_setup hom_initdata; do
	c=$(awk -v n="$n" '$1 == n' "$W/kallsyms-mod.txt" | wc -l)
	[ "$c" = 1 ] || problems+=("$n: $c kallsyms lines, expected 1 (its __init copy is freed)")
	grep -qx "$n" "$W/init-homonyms.txt" || problems+=("$n: the .ko has no init and core copies")
done
if [ "${#problems[@]}" = 0 ]; then
	kh_ok "fixture: kallsyms shows the homonyms of klp_homonyms as designed, init copies absent"
else
	kh_fail "fixture: kallsyms shows the homonyms of klp_homonyms as designed, init copies absent" "${problems[@]}"
fi

[ "$index_state" = ok ] || kh_done

# --- kallsyms-derived expectations (independent of the index) --------------------
# vmlinux: kallsyms lines with 3 fields (no [module]); position = rank of the
# address among the name's occurrences: "name position count address type".
awk 'NF == 3 { print $3, tolower($1), $2 }' "$KALLSYMS" | sort -k1,1 -k2,2 |
	awk '{ if ($1 != prev) { flush(); prev = $1; n = 0 } n++; a[n] = $2; t[n] = $3 }
	function flush(  i) { for (i = 1; i <= n; i++) print prev, i, n, a[i], t[i] }
	END { flush() }' >"$W/k-vm-all.txt"
awk '$3 > 1 { print $1, $2, $3, $4 }' "$W/k-vm-all.txt" | sort >"$W/k-vm-dup.txt"
awk '$2 == 1 { print $1, $3 }' "$W/k-vm-all.txt" | sort >"$W/k-vm-count.txt"
awk '{ print $1, $2, $3, $4 }' "$W/kallsyms-mod.txt" | sort >"$W/k-mod.txt"
declare -A base=()
while read -r s a; do base[$s]=$a; done <"$W/sections.txt"

# compare INDEX DIR: every comparison of INDEX with the kallsyms expectations,
# one TAP result each; work files in DIR.
compare() {
	local idx=$1 d=$2 bad nvm nmod kdup idup kocc same desc out ntype
	mkdir -p "$d"
	# --- index format
	bad=$(awk 'NF != 8 || $3 !~ /^[0-9]+$/ || $4 !~ /^[0-9]+$/ || $3 + 0 < 1 || $3 + 0 > $4 + 0 ||
		length($5) != 16 || $5 !~ /^[0-9a-fA-F]+$/ || length($6) != 1 ||
		($8 != "-" && $8 != "load-order") { print NR ": " $0 }' "$idx" | head -n "$MAXDIFF")
	nvm=$(grep -c '^vmlinux ' "$idx" || true)
	nmod=$(grep -c '^klp_homonyms ' "$idx" || true)
	if [ -z "$bad" ] && [ "$nvm" -gt 0 ] && [ "$nmod" -gt 0 ]; then
		kh_ok "index format ($nvm vmlinux lines, $nmod klp_homonyms lines)"
	else
		kh_fail "index format" "$nvm vmlinux lines, $nmod klp_homonyms lines; malformed lines:" "$bad"
	fi

	# --- vmlinux
	awk '$1 == "vmlinux" { print $2, $3, $4, tolower($5), $6 }' "$idx" >"$d/i-vm-all.txt"
	awk '$3 > 1 { print $1, $2, $3, $4 }' "$d/i-vm-all.txt" | sort >"$d/i-vm-dup.txt"
	kdup=$(cut -d' ' -f1 "$W/k-vm-dup.txt" | uniq | wc -l)
	idup=$(cut -d' ' -f1 "$d/i-vm-dup.txt" | sort -u | wc -l)
	kocc=$(wc -l <"$W/k-vm-dup.txt")
	same=$(comm -12 "$W/k-vm-dup.txt" "$d/i-vm-dup.txt" | wc -l)
	desc="vmlinux: duplicated names agree (kallsyms $kdup names/$kocc occurrences, index $idup names, $same occurrences equal)"
	if out=$(differences "$W/k-vm-dup.txt" kallsyms "$d/i-vm-dup.txt" index); then
		kh_ok "$desc"
	else
		kh_fail "$desc" "lines: name sympos count address" "$out"
	fi
	awk '{ print $1, $3 }' "$d/i-vm-all.txt" | sort -u >"$d/i-vm-count.txt"
	desc="vmlinux: occurrence counts agree for all $(wc -l <"$W/k-vm-count.txt") kallsyms names"
	if out=$(differences "$W/k-vm-count.txt" kallsyms "$d/i-vm-count.txt" index); then
		kh_ok "$desc"
	else
		kh_fail "$desc" "lines: name count" "$out"
	fi
	# type letters of the occurrences both sides have (kallsyms takes them from nm)
	join -j1 <(awk '{ print $1 "/" $2 "/" $4, $5 }' "$W/k-vm-all.txt" | sort) \
		<(awk '{ print $1 "/" $2 "/" $4, $5 }' "$d/i-vm-all.txt" | sort) |
		awk '$2 != $3' >"$d/vm-types.txt"
	ntype=$(wc -l <"$d/vm-types.txt")
	if [ "$ntype" = 0 ]; then
		kh_ok "vmlinux: type letters agree"
	else
		kh_fail "vmlinux: type letters agree" "$ntype occurrences differ (name/sympos/address kallsyms index):" \
			"$(head -n "$MAXDIFF" "$d/vm-types.txt")"
	fi

	# --- the module: index lines of core symbols -> "name sympos count address"
	# with the address computed from the live section base; init-section lines
	# are left out (not in the live kallsyms); a section the live module does
	# not have gives the address "no-live-section:<name>", a difference.
	local name pos count value type sec
	while read -r _ name pos count value type sec _; do
		case $sec in .init*) continue ;; esac
		if [ -z "${base[$sec]:-}" ]; then
			echo "$name $pos $count no-live-section:$sec $type"
		else
			printf '%s %s %s %016x %s\n' "$name" "$pos" "$count" $((0x${base[$sec]} + 0x$value)) "$type"
		fi
	done < <(awk '$1 == "klp_homonyms"' "$idx") >"$d/i-mod-all.txt"
	awk '{ print $1, $2, $3, $4 }' "$d/i-mod-all.txt" | sort >"$d/i-mod.txt"
	# duplicated names: more than one line in kallsyms or in the index's core lines
	awk '$3 > 1 { print $1 }' "$W/k-mod.txt" "$d/i-mod.txt" | sort -u >"$d/mod-dupnames.txt"
	awk 'NR == FNR { n[$1] = 1; next } $1 in n' "$d/mod-dupnames.txt" "$W/k-mod.txt" >"$d/k-mod-dup.txt"
	awk 'NR == FNR { n[$1] = 1; next } $1 in n' "$d/mod-dupnames.txt" "$d/i-mod.txt" >"$d/i-mod-dup.txt"
	kdup=$(wc -l <"$d/mod-dupnames.txt")
	same=$(comm -12 "$d/k-mod-dup.txt" "$d/i-mod-dup.txt" | wc -l)
	desc="module: duplicated names agree ($kdup names, $(wc -l <"$d/k-mod-dup.txt") kallsyms occurrences, $same equal)"
	if out=$(differences "$d/k-mod-dup.txt" kallsyms "$d/i-mod-dup.txt" index); then
		kh_ok "$desc"
	else
		kh_fail "$desc" "lines: name sympos count base+st_value" "$out"
	fi
	desc="module: all core symbols agree ($(wc -l <"$W/k-mod.txt") kallsyms lines)"
	if out=$(differences "$W/k-mod.txt" kallsyms "$d/i-mod.txt" index); then
		kh_ok "$desc"
	else
		kh_fail "$desc" "lines: name sympos count base+st_value" "$out"
	fi
	join -j1 <(awk '{ print $1 "/" $2, $5 }' "$W/kallsyms-mod.txt" | sort) \
		<(awk '{ print $1 "/" $2, $5 }' "$d/i-mod-all.txt" | sort) | awk '$2 != $3' >"$d/mod-types.txt"
	ntype=$(wc -l <"$d/mod-types.txt")
	if [ "$ntype" = 0 ]; then
		kh_ok "module: type letters agree"
	else
		kh_fail "module: type letters agree" "$ntype occurrences differ (name/sympos kallsyms index):" \
			"$(head -n "$MAXDIFF" "$d/mod-types.txt")"
	fi

	# names the index marks load-order dependent = names with init and core copies
	awk '$1 == "klp_homonyms" && $8 == "load-order" { print $2 }' "$idx" | sort -u >"$d/i-loadorder.txt"
	desc="module: index marks exactly the init homonyms load-order ($(tr '\n' ' ' <"$W/init-homonyms.txt"))"
	if out=$(differences "$W/init-homonyms.txt" "init+core-in-.ko" "$d/i-loadorder.txt" "load-order-in-index"); then
		kh_ok "$desc"
	else
		kh_fail "$desc" "$out"
	fi
}

compare "$W/index.txt" "$W/cmp"

# --- the comparison cannot pass by accident: a corrupted copy of the index
# (vmlinux: positions 1 and 2 of the first duplicated name swapped; module:
# hom_twin's positions swapped; hom_setup not marked load-order) must fail
# exactly those checks.
vdup=$(head -n1 "$W/k-vm-dup.txt" | cut -d' ' -f1)
awk -v v="$vdup" '$1 == "vmlinux" && $2 == v && ($3 == 1 || $3 == 2) { $3 = 3 - $3 }
	$1 == "klp_homonyms" && $2 == "hom_twin" { $3 = 3 - $3 }
	$1 == "klp_homonyms" && $2 == "hom_setup" { $8 = "-" }
	{ print }' "$W/index.txt" >"$W/index-corrupt.txt"
selfcheck=$(
	tap_reset	# the counts of this subshell's checks do not count here
	compare "$W/index-corrupt.txt" "$W/cmp-corrupt" | sed -n 's/^not ok [0-9]* - \([^(]*\).*/\1/p' |
		sed 's/ *$//' | tr '\n' ';'
)
want="vmlinux: duplicated names agree;module: duplicated names agree;module: all core symbols agree;module: index marks exactly the init homonyms load-order;"
if [ "$selfcheck" = "$want" ]; then
	kh_ok "self-check: a corrupted index fails the vmlinux, module and load-order checks"
else
	kh_fail "self-check: a corrupted index fails the vmlinux, module and load-order checks" \
		"failed checks: '$selfcheck'" "expected:      '$want'"
fi
kh_done
