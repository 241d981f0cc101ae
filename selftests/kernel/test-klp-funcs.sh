#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The struct klp_func checks of our modpost (scripts/livepatch/
# klp-func-check.c, klp-resolve-funcs.c: the build refuses a livepatch whose
# old_name klp_enable_patch() would not patch; `modpost --klp-verify` says
# the same offline) against the kernel's own verdict on the same modules.
#
# Builds modules/klp_funcs: nine livepatches of ONE klp_func each (so that
# each load shows one verdict), the table below:
#   vmlinux     print_cpu (twice in vmlinux) at .old_sympos 0, 2, 3;
#               native_sched_clock (noinstr); saved_command_line (a
#               variable); a name that exists nowhere
#   klp_target  klpt_dup_helper (twice in the module) at 0, 2; klpt_notrace
#               (notrace); klp_target is selftests/klp/targets/klp_target
# and on the host, for each one, in its own directory:
#   1. builds it with kbuild's stock modpost, which does not check klp_func:
#      the module that goes into the guest;
#   2. runs `$MODPOST --klp-verify` on that module (--modules: a directory
#      with klp_target.ko): our verdict on the klp_func;
#   3. builds it again with our modpost (make -C $KDIR M=<dir>
#      MODPOST=$MODPOST KLP_MODULES_DIR=...): built, or refused (exit
#      status, the ERROR).
# Then boots once (scenarios/klp-funcs.sh): the guest checks that the
# running kernel is as the cases assume (kallsyms, ftrace's call sites),
# loads klp_target, then each livepatch alone, with one finit_module(2)
# call (lib/kh-finit.c): what the kernel accepts must enable (enabled=1,
# the object patched; print_cpu,2 shows in /proc/timer_list) and is then
# disabled and unloaded; what it refuses must fail with EINVAL and the
# kernel's message, once.  The guest sends back, per livepatch, what the
# kernel did (bulk record "outcomes").
#
# Each verdict is reduced to what klp_enable_patch() does (KERNEL column):
#   ok          loads and enables
#   ambiguous   "unresolvable ambiguity for symbol '<f>' in object '<o>'"
#               (<o> is '(null)' for vmlinux: the kernel prints the NULL
#               object name as it is)
#   position    "symbol position <n> for symbol '<f>' in object '<o>' not found"
#   missing     "symbol '<f>' not found in symbol table"
#   nolocation  "failed to find location for function '<f>'": the symbol
#               exists but ftrace has no call site at its address
#               (klp_patch_func(); notrace/noinstr functions, and, as the
#               kernel looks symbols up by name only, any symbol that is
#               not a function: the patch is refused only there, after
#               "enabling patch")
# The KERNEL column is the kernel's truth, asserted in the guest.  Our
# verdicts (the --klp-verify line, the build's ERROR) map onto it (notrace
# and "not a function" both onto nolocation), and the final "agree"
# results require them to equal what the guest saw the kernel do.  A
# disagreement fails there, naming both sides: it is a bug in our checks,
# to be fixed there, not in this table.
#
# Environment: KDIR, MODPOST (default $BUILD/modpost, else build/modpost),
# KH_WORK, KH_TIMEOUT (default 90 here), KH_VERBOSE=1 (also print the
# livepatch lines of the guest's kernel log), KLP_VMLINUX; see lib/harness.sh.
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/harness.sh"
kh_setup

MODPOST=${MODPOST:-${BUILD:-$TOP/build}/modpost}
KH_TIMEOUT=${KH_TIMEOUT:-90}
W=$KH_WORK/klp-funcs
rm -rf "$W"
mkdir -p "$W/modules" "$W/stock"
T=klp_target

# case        object      old_name                    sympos  KERNEL
TABLE="\
vm_dup0       vmlinux     print_cpu                   0       ambiguous
vm_dup2       vmlinux     print_cpu                   2       ok
vm_dup3       vmlinux     print_cpu                   3       position
vm_noinstr    vmlinux     native_sched_clock          0       nolocation
vm_data       vmlinux     saved_command_line          0       nolocation
vm_missing    vmlinux     klp_funcs_no_such_function  0       missing
mod_dup0      $T  klpt_dup_helper             0       ambiguous
mod_dup2      $T  klpt_dup_helper             2       ok
mod_notrace   $T  klpt_notrace                0       nolocation"
CASES=$(awk '{ print $1 }' <<<"$TABLE")
declare -A OBJ=() FN=() POS=() KERNEL=()
while read -r c o f p k; do
	OBJ[$c]=$o FN[$c]=$f POS[$c]=$p KERNEL[$c]=$k
done <<<"$TABLE"

[ -x "$MODPOST" ] || kh_bail "our modpost $MODPOST exists (make BUILD=..., or MODPOST=)"
VMLINUX_DBG=$(kh_debug_vmlinux) ||
	kh_bail "setup: the debug vmlinux of $KREL (scripts/deps.sh --with-dbg, or KLP_VMLINUX=)"
[ -r "$VMLINUX_DBG" ] || kh_bail "setup: cannot read $VMLINUX_DBG"

# problems accumulated for one result: P, result
. "$KH_LIB/kh-klp-host.sh"

# --- build ------------------------------------------------------------------------------
t0=$SECONDS
# the guest loads each livepatch with one finit_module(2) call (busybox
# insmod retries a failed load, and the kernel says everything twice)
gcc -static -O2 -Wall -o "$W/kh-finit" "$KH_LIB/kh-finit.c" >"$W/kh-finit.out" 2>&1 &
pid_finit=$!
if kh_build_module "$TOP/selftests/klp/targets/$T" "$W/$T" MODPOST="$MODPOST" >"$W/$T.out"; then
	kh_ok "build $T.ko (selftests/klp/targets/$T) with our modpost"
else
	kh_bail "build $T.ko (selftests/klp/targets/$T) with our modpost" "$(cat "$W/$T.out")"
fi
cp "$W/$T/$T.ko" "$W/modules/"

# build_case CASE: in $W/CASE, the stock build (the .ko to load: $W/stock),
# then our modpost over the same objects; its exit status in $W/CASE.ours-rc
build_case() {
	local c=$1 m=klp_funcs_$1 d=$W/$1 rc=0
	kh_build_module "$HERE/modules/klp_funcs" "$d" KF_CASES="$m" >"$W/$c.stock.out" || return 1
	cp "$d/$m.ko" "$W/stock/" || return 1
	# no Module.symvers: kbuild runs modpost again (the objects stay)
	rm -f "$d/Module.symvers" "$d/$m.ko" "$d/$m.mod.c"
	make -j"$(nproc)" -C "$KDIR" M="$d" SELFTEST_INCLUDE="$KH_TOP/selftests/lib/include" \
		KF_CASES="$m" MODPOST="$MODPOST" KLP_MODULES_DIR="$W/modules" modules \
		</dev/null >"$d/ours.log" 2>&1 || rc=$?
	echo "$rc" >"$d/ours-rc"
}
declare -A pid=()
for c in $CASES; do
	build_case "$c" &
	pid[$c]=$!
done
for c in $CASES; do
	if wait "${pid[$c]}"; then
		continue
	fi
	m=klp_funcs_$c
	# a refusal by the stock build means kbuild runs our modpost: the
	# integration is installed in the system kbuild (a CI run, make install)
	if grep -q 'ERROR: modpost: livepatch: klp_func' "$W/$c/build.log" 2>/dev/null; then
		kh_bail "build $m.ko with kbuild's stock modpost" \
			"kbuild's modpost refused it: the system kbuild runs our modpost (make install, or a CI run that installs it for a few minutes): retry later" \
			"$(cat "$W/$c.stock.out")"
	fi
	kh_bail "build $m.ko with kbuild's stock modpost" "$(cat "$W/$c.stock.out")"
done
wait "$pid_finit" || kh_bail "build lib/kh-finit.c statically" "$(cat "$W/kh-finit.out")"
kh_ok "build the $(wc -w <<<"$CASES") livepatches with kbuild's stock modpost, and again with ours ($((SECONDS - t0))s)"

# --- our verdicts on the host --------------------------------------------------------------
# category TEXT: what our verdict TEXT (a --klp-verify line, or the ERROR of
# the build joined into one line) says klp_enable_patch() will do
category() {
	case $1 in
	*"): ok -> "*) echo ok ;;
	*"unresolvable ambiguity"*) echo ambiguous ;;
	*"symbol position not found"* | *"at .old_sympos "*", but "*" has only "*) echo position ;;
	*"not found in symbol table"*) echo missing ;;
	*"no ftrace call site"*) echo nolocation ;;
	*"not a function"*) echo nolocation ;;
	*) echo "unknown" ;;
	esac
}
declare -A VERIFY=() BUILT=() VCAT=() BCAT=()
for c in $CASES; do
	m=klp_funcs_$c
	want="${OBJ[$c]} ${FN[$c]},${POS[$c]}"
	# --klp-verify: one line "  <object> <name>,<pos>  (kf_funcs[0]): <verdict>"
	rc=0
	"$MODPOST" --klp-verify "$W/stock/$m.ko" --modules "$W/modules" >"$W/$c.verify" 2>&1 || rc=$?
	line=$(grep -F " (kf_funcs[0]): " "$W/$c.verify" | sed 's/^ *//') || true
	VERIFY[$c]=$line
	VCAT[$c]=$(category "$line")
	[ "$(grep -cF " (kf_funcs[0]): " "$W/$c.verify")" = 1 ] || P+=("not one verdict line for kf_funcs[0]")
	[[ "$line" == "$want  (kf_funcs[0]): "* ]] || P+=("the verdict is not about '$want' (the table does not describe $m.c?)")
	case ${VCAT[$c]} in
	ok) [ "$rc" = 0 ] || P+=("exit status $rc for a good klp_func") ;;
	*) [ "$rc" = 1 ] || P+=("exit status $rc for a bad klp_func, expected 1")
	   grep -q '^ERROR: modpost: 1 of 1 patched function would not be patched' "$W/$c.verify" ||
		P+=("no 'ERROR: modpost: 1 of 1 patched function would not be patched'") ;;
	esac
	[ "${#P[@]}" = 0 ] || P+=("--klp-verify said:" "$(cat "$W/$c.verify")")
	result "$m: --klp-verify (exit $rc): $line"

	# our build: refused with one ERROR about kf_funcs[0], or built
	rc=$(cat "$W/$c/ours-rc")
	err=$(awk '/^ERROR: modpost: / { p = 1; printf "%s", $0; next }
		p && /^\t/ { sub(/^\t+/, " "); printf "%s", $0; next } { p = 0 }' "$W/$c/ours.log")
	nerr=$(grep -c '^ERROR: modpost: ' "$W/$c/ours.log" || true)
	if [ "$rc" = 0 ]; then
		BUILT[$c]="built"
		BCAT[$c]=ok
		[ "$nerr" = 0 ] || P+=("exit status 0 but $nerr ERROR lines")
		[ -f "$W/$c/$m.ko" ] || P+=("no $m.ko")
		! grep -q 'WARNING: modpost: .*klp_func' "$W/$c/ours.log" || P+=("a klp_func warning")
	else
		BUILT[$c]="refused (make exit $rc): $(grep -m1 '^ERROR: modpost: ' "$W/$c/ours.log")"
		BCAT[$c]=$(category "$err")
		[ "$nerr" = 1 ] || P+=("$nerr ERROR lines, expected one")
		[[ "$err" == "ERROR: modpost: livepatch: klp_func kf_funcs[0] of $W/$c/$m.ko replaces '${FN[$c]}'"* ]] ||
			P+=("the ERROR is not about kf_funcs[0] replacing '${FN[$c]}'")
	fi
	[ "${#P[@]}" = 0 ] || P+=("build log:" "$(grep -v '^make' "$W/$c/ours.log" | tail -n 15)")
	result "$m: our modpost: ${BUILT[$c]}"
done

# --- boot ----------------------------------------------------------------------------------
files=("$KH_LIB/kh-klp-guest.sh:/lib/kh-klp-guest.sh" "$W/modules/$T.ko:/root/$T.ko"
	"$W/kh-finit:/root/kh-finit")
: >"$W/cases.txt"
for c in $CASES; do
	files+=("$W/stock/klp_funcs_$c.ko:/root/klp_funcs_$c.ko")
	echo "$c ${OBJ[$c]} ${FN[$c]} ${POS[$c]} ${KERNEL[$c]}" >>"$W/cases.txt"
done
files+=("$W/cases.txt:/root/cases.txt")
kh_initramfs "$W/klp-funcs.cpio" "$HERE/scenarios/klp-funcs.sh" "${files[@]}" || kh_bail "initramfs"
kh_boot klp-funcs "$W/klp-funcs.cpio" || true
kh_guest_tap "$KH_LOG"
if [ -s "$KH_BULKDIR/dmesg" ]; then
	grep -E 'livepatch|klp_funcs|klp_target' "$KH_BULKDIR/dmesg" >"$W/dmesg-livepatch.txt" || true
	echo "# guest kernel log: $KH_BULKDIR/dmesg ($(wc -l <"$W/dmesg-livepatch.txt") livepatch lines in $W/dmesg-livepatch.txt)"
	[ "${KH_VERBOSE:-0}" = 1 ] && sed 's/^/#   /' "$W/dmesg-livepatch.txt"
else
	kh_fail "the guest's kernel log arrived (bulk record dmesg)" "no $KH_BULKDIR/dmesg"
fi

# --- agreement: our verdicts and the kernel's, case by case -------------------------------
# outcomes: "<case> <category> <load status>|<the kernel's livepatch messages>"
declare -A SEEN=() SAID=()
if [ -s "$KH_BULKDIR/outcomes" ]; then
	while IFS='|' read -r head msgs; do
		read -r c cat _ <<<"$head"
		SEEN[$c]=$cat
		SAID[$c]=$msgs
	done <"$KH_BULKDIR/outcomes"
else
	kh_fail "the guest's outcomes arrived (bulk record outcomes)" "no $KH_BULKDIR/outcomes"
fi
for c in $CASES; do
	m=klp_funcs_$c
	k=${SEEN[$c]:-"(not run)"}
	[ "${VCAT[$c]}" = "$k" ] || P+=("DISAGREEMENT: --klp-verify says ${VCAT[$c]} (${VERIFY[$c]}), the kernel $k")
	[ "${BCAT[$c]}" = "$k" ] || P+=("DISAGREEMENT: our build says ${BCAT[$c]} (${BUILT[$c]}), the kernel $k")
	[ "$k" = "${KERNEL[$c]}" ] || P+=("the kernel did not do what the table says (${KERNEL[$c]}): fix the table")
	if [ "$k" = ok ]; then
		result "agree: $m (${OBJ[$c]} ${FN[$c]},${POS[$c]}): our modpost builds it, --klp-verify ok, the kernel enables it"
	else
		why=$(tr ';' '\n' <<<"${SAID[$c]:-}" | grep -v -e 'enabling patch' -e 'transition' -e 'complete' |
			sed 's/^ *//' | paste -sd ';' | sed 's/;/; /g')
		result "agree: $m (${OBJ[$c]} ${FN[$c]},${POS[$c]}): our modpost refuses it, --klp-verify bad, the kernel refuses it ($k): $why"
	fi
done
kh_done
