# SPDX-License-Identifier: GPL-2.0
# Guest side of test-klp-more.sh (busybox sh, run by /init in /root).
#
# Boot with pause_on_oops=7 intel_idle.max_cstate=3 processor.max_cstate=5
# klpfuncstr=<the string the clone patch's __func__.<n> holds>.
# Files in /root: klp_more_a.ko, klp_more_b.ko (targets), klp_more_hom.ko,
# klp_more_clone.ko, klp_more_s1.ko, klp_more_s2.ko (finalized livepatches).
#
#  1. the targets: /proc/klp_more_a and /proc/klp_more_b unpatched;
#  2. klp_more_hom: km_dup_value/km_dup_func of both modules, pause_on_oops
#     of klp_more_a and of vmlinux, max_cstate of klp_more_b and vmlinux
#     positions 1 and 2, all in one patch (one function uses them all);
#  3. klp_more_clone: "<f>.part.0", "<f>.isra.0", a duplicated
#     ".constprop.0" by position and "__func__.<n>": addresses against
#     /proc/kallsyms, the string against klpfuncstr;
#  4. klp_more_s1 then klp_more_s2 (both replace km_a_stacked; s1 also
#     km_b_stacked): four livepatches enabled at once, the newest wins;
#  5. unloaded in reverse order: disabling s2 reverts km_a_stacked to s1's;
#  6. reload: every livepatch loaded again after its rmmod works again;
#     then s1, the lower of the stack, disabled first: s2 stays in force.
. /lib/kh-klp-guest.sh
klp_begin

A_BASE="value=1001 func=1002 pause_on_oops=1003"
B_BASE="value=2001 func=2002 max_cstate=2003"
HOM_V="KLPMORE-HOM vmlinux pause_on_oops=7 max_cstate=3,5"
HOM_A="KLPMORE-HOM a=1001,1002,1003 b=2001,2002,2003 vmlinux=7,3,5 data=1001,2001"
HOM_B="KLPMORE-HOM b=2001,2002,2003 a=1001,1002,1003"
S1_A="KLPMORE-S1 a value=1001"
S1_B="KLPMORE-S1 b value=2001"
S2_A="KLPMORE-S2 a func=1002"
OA2=orig-a-patchme OA3=orig-a-stacked OB2=orig-b-patchme OB3=orig-b-stacked
ORIG_VERSION=$(cat /proc/version)
FUNCSTR=$(kh_arg klpfuncstr)

line() { sed -n "${2}p" "/proc/$1" 2>/dev/null; }
# /proc/version: "orig" when unpatched
vers() {
	v=$(cat /proc/version)
	[ "$v" = "$ORIG_VERSION" ] && v=orig
	echo "$v"
}
# /proc/loadavg: "clone" (klp_more_clone's line) or "orig" (the kernel's format)
lavg() {
	l=$(cat /proc/loadavg)
	case $l in
	"KLPMORE-CLONE "*) echo clone ;;
	*) if echo "$l" | grep -qE '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+/[0-9]+ [0-9]+$'; then echo orig; else echo "$l"; fi ;;
	esac
}
# expect DESC VERSION LOADAVG A2 A3 B2 B3: what every replaceable function prints
expect() {
	d=$1
	shift
	equal "$d" \
		"version=[$(vers)] loadavg=[$(lavg)] klp_more_a=[$(line klp_more_a 2)|$(line klp_more_a 3)] klp_more_b=[$(line klp_more_b 2)|$(line klp_more_b 3)]" \
		"version=[$1] loadavg=[$2] klp_more_a=[$3|$4] klp_more_b=[$5|$6]"
}
targets_base() {
	equal "$1: the targets' own values unchanged" \
		"$(line klp_more_a 1) / $(line klp_more_b 1)" "$A_BASE / $B_BASE"
}

# clone_check LABEL: each "<name>,<pos>=<addr>" of /proc/loadavg against the
# <pos>-th (address order; 0: the only) vmlinux entry of <name> in kallsyms
clone_check() {
	l=$(cat /proc/loadavg)
	kh_note "$1: /proc/loadavg: $l"
	case $l in
	"KLPMORE-CLONE "*) ;;
	*)
		kh_fail "$1: /proc/loadavg is klp_more_clone's line" "got: $l"
		return
		;;
	esac
	names=
	for t in ${l#KLPMORE-CLONE }; do
		case $t in data=*) ;; *) names="$names ${t%%,*}" ;; esac
	done
	awk -v names="$names" 'BEGIN { n = split(names, a, " "); for (i = 1; i <= n; i++) w[a[i]] = 1 }
		NF == 3 && ($3 in w) { print $3, $1 }' /proc/kallsyms >/tmp/ks
	for t in ${l#KLPMORE-CLONE }; do
		case $t in
		data=*)
			[ "$t" = "data=[$FUNCSTR]" ] || prob "string: '$t', expected 'data=[$FUNCSTR]' (the debug vmlinux's bytes)"
			continue
			;;
		esac
		n=${t%%,*}
		r=${t#*,}
		pos=${r%%=*}
		addr=${r#*=}
		addrs=$(awk -v n="$n" '$1 == n { print $2 }' /tmp/ks | sort)
		cnt=$(echo "$addrs" | grep -c .)
		if [ "$pos" = 0 ]; then
			[ "$cnt" = 1 ] || prob "$n: $cnt vmlinux entries in /proc/kallsyms, position 0 needs exactly one"
			want=$addrs
		else
			want=$(echo "$addrs" | sed -n "${pos}p")
		fi
		if [ "$addr" = "$want" ]; then
			kh_note "$1: $n,$pos = $addr = /proc/kallsyms entry $pos of $cnt"
		else
			prob "$n,$pos: the livepatch got $addr, /proc/kallsyms has: $(echo "$addrs" | tr '\n' ' ')"
		fi
	done
	result "$1: the clone-suffixed symbols resolved to their /proc/kallsyms addresses (${names# }); the __func__ string is '$FUNCSTR'"
}

kh_note "kernel command line: $(cat /proc/cmdline)"

# --- 1. the targets ---------------------------------------------------------------
for t in klp_more_a klp_more_b; do
	step
	if out=$(kh_insmod /root/$t.ko); then
		grab
		kh_ok "insmod $t.ko"
	else
		grab
		kh_fail "insmod $t.ko" "$out" "$(show_step)"
		exit 1
	fi
done
targets_base "before any patch"
expect "before any patch: every replaceable function is the original" orig orig $OA2 $OA3 $OB2 $OB3

# --- 2. homonyms of two modules and vmlinux in one patch -------------------------------
lp_load klp_more_hom /root/klp_more_hom.ko klp_more_hom vmlinux 1 klp_more_a 1 klp_more_b 1 || exit 1
has_msg "klp_more_hom: tainting kernel with TAINT_LIVEPATCH"
result "klp_more_hom: kernel: tainting kernel with TAINT_LIVEPATCH (first livepatch of the boot)"
expect "klp_more_hom: km_dup_value/km_dup_func of klp_more_a (1001,1002) and klp_more_b (2001,2002), pause_on_oops of klp_more_a (1003) and vmlinux (7), max_cstate of klp_more_b (2003) and vmlinux 1,2 (3,5), .data refs to both modules" \
	"$HOM_V" orig "$HOM_A" $OA3 "$HOM_B" $OB3
targets_base klp_more_hom

# --- 3. compiler-suffixed vmlinux symbols -------------------------------------------------
lp_load klp_more_clone /root/klp_more_clone.ko klp_more_clone vmlinux 1 || exit 1
clone_check klp_more_clone

# --- 4. stacked patches: four livepatches enabled at once ---------------------------------
lp_load klp_more_s1 /root/klp_more_s1.ko klp_more_s1 klp_more_a 1 klp_more_b 1 || exit 1
expect "klp_more_s1 on top of klp_more_hom and klp_more_clone: km_a_stacked and km_b_stacked are s1's, the rest unchanged" \
	"$HOM_V" clone "$HOM_A" "$S1_A" "$HOM_B" "$S1_B"
lp_load klp_more_s2 /root/klp_more_s2.ko klp_more_s2 klp_more_a 1 || exit 1
equal "four livepatches enabled at once" \
	"$(for p in "$LP"/*; do echo "${p##*/}=$(sysval "$p/enabled")"; done | tr '\n' ' ')" \
	"klp_more_clone=1 klp_more_hom=1 klp_more_s1=1 klp_more_s2=1 "
expect "klp_more_s2 stacked on klp_more_s1: the newest wins for km_a_stacked (s2's unannotated km_dup_func is klp_more_a's), km_b_stacked still s1's" \
	"$HOM_V" clone "$HOM_A" "$S2_A" "$HOM_B" "$S1_B"
clone_check "klp_more_clone (four patches enabled)"

# --- 5. reverse order ------------------------------------------------------------------------
lp_unload klp_more_s2 klp_more_s2
expect "klp_more_s2 disabled and removed: km_a_stacked reverts to klp_more_s1's" \
	"$HOM_V" clone "$HOM_A" "$S1_A" "$HOM_B" "$S1_B"
lp_unload klp_more_s1 klp_more_s1
expect "klp_more_s1 disabled and removed: the stacked functions are the originals" \
	"$HOM_V" clone "$HOM_A" $OA3 "$HOM_B" $OB3
lp_unload klp_more_clone klp_more_clone
expect "klp_more_clone disabled and removed: /proc/loadavg is the kernel's" \
	"$HOM_V" orig "$HOM_A" $OA3 "$HOM_B" $OB3
lp_unload klp_more_hom klp_more_hom
expect "klp_more_hom disabled and removed: every function is the original" orig orig $OA2 $OA3 $OB2 $OB3
equal "no livepatch left in $LP" "$(ls $LP)" ""

# --- 6. reload -------------------------------------------------------------------------------
lp_load klp_more_hom /root/klp_more_hom.ko "klp_more_hom (reloaded)" vmlinux 1 klp_more_a 1 klp_more_b 1 || exit 1
expect "klp_more_hom (reloaded): every homonym right again" "$HOM_V" orig "$HOM_A" $OA3 "$HOM_B" $OB3
lp_load klp_more_clone /root/klp_more_clone.ko "klp_more_clone (reloaded)" vmlinux 1 || exit 1
clone_check "klp_more_clone (reloaded)"
lp_load klp_more_s1 /root/klp_more_s1.ko "klp_more_s1 (reloaded)" klp_more_a 1 klp_more_b 1 || exit 1
lp_load klp_more_s2 /root/klp_more_s2.ko "klp_more_s2 (reloaded)" klp_more_a 1 || exit 1
expect "all four reloaded: the same outputs as before" \
	"$HOM_V" clone "$HOM_A" "$S2_A" "$HOM_B" "$S1_B"
# the lower patch of the stack removed first: the upper one stays in force
lp_unload klp_more_s1 "klp_more_s1 (below klp_more_s2)"
expect "klp_more_s1 removed from under klp_more_s2: km_a_stacked still s2's, km_b_stacked the original" \
	"$HOM_V" clone "$HOM_A" "$S2_A" "$HOM_B" $OB3
lp_unload klp_more_s2 "klp_more_s2 (alone)"
lp_unload klp_more_clone "klp_more_clone (reloaded)"
lp_unload klp_more_hom "klp_more_hom (reloaded)"
expect "everything removed: every function is the original" orig orig $OA2 $OA3 $OB2 $OB3
targets_base "the end"

# --- the end -----------------------------------------------------------------------------------
step
for t in klp_more_b klp_more_a; do
	out=$(rmmod $t 2>&1) || prob "rmmod $t: $out"
done
[ -z "$(ls $LP)" ] || prob "left in $LP: $(ls $LP)"
[ -z "$(ls -d /sys/module/klp_more_* 2>/dev/null)" ] || prob "still loaded: $(ls -d /sys/module/klp_more_*)"
result "the end: no livepatch left in $LP; rmmod klp_more_b klp_more_a"
kh_note "kernel taint: $(cat /proc/sys/kernel/tainted)"
lp_send_log
