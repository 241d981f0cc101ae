# SPDX-License-Identifier: GPL-2.0
# Guest side of test-klp-funcs.sh (busybox sh, run by /init in /root).
#
# The kernel's verdict on livepatches of one struct klp_func each, built
# with kbuild's stock modpost (which does not check them).  /root/cases.txt
# has one line per livepatch /root/klp_funcs_<case>.ko,
#   <case> <object> <old_name> <old_sympos> <what the kernel does>
# (ok, ambiguous, position, missing, nolocation: see test-klp-funcs.sh).
# First the running kernel must be as the cases assume (kallsyms, ftrace's
# call sites); then klp_target is loaded and each livepatch loaded alone
# (/root/kh-finit: one finit_module(2) call): one that loads must enable
# (and is then disabled and unloaded), one that is refused must fail with
# EINVAL and the kernel's own message, once.
# Whatever happens is also sent to the host as bulk record "outcomes", one
# line per case,
#   <case> <what the kernel did> <load status>|<its livepatch messages>
# which the host compares with our modpost's verdicts.

T=klp_target
TRACING=/sys/kernel/tracing
OUT=/tmp/outcomes

. /lib/kh-klp-guest.sh
klp_begin
: >$OUT

# ksyms NAME [MODULE]: "<type>" per /proc/kallsyms symbol NAME of vmlinux
# (no module column) or of MODULE, on one line
ksyms() {
	if [ -n "${2:-}" ]; then
		awk -v n="$1" -v m="[$2]" '$3 == n && $4 == m { printf "%s ", $2 }' /proc/kallsyms
	else
		awk -v n="$1" '$3 == n && NF == 3 { printf "%s ", $2 }' /proc/kallsyms
	fi
}
# ftrace_sites NAME [MODULE]: how many ftrace call sites NAME has
# (available_filter_functions: one line per traceable function)
ftrace_sites() {
	if [ -n "${2:-}" ]; then
		grep -cx "$1 \[$2\]" $TRACING/available_filter_functions
	else
		grep -cx "$1" $TRACING/available_filter_functions
	fi
}
# expect DESC GOT WANT: one result
expect() { equal "$1" "$2" "$3"; }

# --- 1. the target module ---------------------------------------------------------------
step
if out=$(kh_insmod /root/$T.ko 2>&1); then
	kh_ok "insmod $T.ko"
else
	grab
	kh_fail "insmod $T.ko" "$out" "$(show_step)"
	exit 1
fi
grab

# --- 2. the kernel is as the cases assume -----------------------------------------------
# kallsyms: what klp_find_object_symbol() walks (by name, any type)
expect "kallsyms: vmlinux has two print_cpu (t)" "$(ksyms print_cpu)" "t t "
expect "kallsyms: vmlinux has one native_sched_clock (T)" "$(ksyms native_sched_clock)" "T "
sct=$(ksyms saved_command_line)
case $sct in
[dDbBrR]" ") kh_ok "kallsyms: vmlinux has one saved_command_line, data ($sct)" ;;
*) kh_fail "kallsyms: vmlinux has one saved_command_line, data" "got: '$sct'" ;;
esac
expect "kallsyms: no klp_funcs_no_such_function anywhere" \
	"$(grep -c ' klp_funcs_no_such_function' /proc/kallsyms)" 0
expect "kallsyms: $T has two klpt_dup_helper (t)" "$(ksyms klpt_dup_helper $T)" "t t "
expect "kallsyms: $T has one klpt_notrace" "$(ksyms klpt_notrace $T | wc -w)" 1
# ftrace: what klp_patch_func() needs (ftrace_location() of the address)
mount -t tracefs nodev $TRACING 2>/dev/null
if [ -r $TRACING/available_filter_functions ]; then
	expect "ftrace call sites: print_cpu 2, native_sched_clock 0, saved_command_line 0, klpt_dup_helper 2, klpt_notrace 0" \
		"$(ftrace_sites print_cpu) $(ftrace_sites native_sched_clock) $(ftrace_sites saved_command_line) $(ftrace_sites klpt_dup_helper $T) $(ftrace_sites klpt_notrace $T)" \
		"2 0 0 2 0"
else
	kh_fail "tracefs mounted on $TRACING (available_filter_functions)"
fi
# print_cpu of kernel/time/timer_list.c writes "cpu: <n>" into /proc/timer_list
expect "/proc/timer_list unpatched: one 'cpu: 0' line" "$(grep -cx 'cpu: 0' /proc/timer_list)" 1

# --- 3. each livepatch alone ---------------------------------------------------------------
# kernel_said: the step's livepatch messages, without timestamps, "; "-joined
kernel_said() {
	sed -n 's/^\[[ 0-9.]*\] //; /livepatch: /p' $KLP_STEP | grep -v 'tainting kernel' |
		awk '{ printf "%s%s", s, $0; s = "; " }'
}
# what_kernel_did STATUS NAME: ok, or the kind of refusal in the step's log
what_kernel_did() {
	if [ "$1" = 0 ]; then
		if [ "$(sysval "$LP/$2/enabled")" = 1 ]; then echo ok; else echo loaded-not-enabled; fi
	elif grep -q 'livepatch: unresolvable ambiguity for symbol ' $KLP_STEP; then
		echo ambiguous
	elif grep -q 'livepatch: symbol position [0-9]* for symbol ' $KLP_STEP; then
		echo position
	elif grep -q "livepatch: symbol '.*' not found in symbol table" $KLP_STEP; then
		echo missing
	elif grep -q 'livepatch: failed to find location for function ' $KLP_STEP; then
		echo nolocation
	else
		echo other
	fi
}

while read -r c obj fn pos want; do
	m=klp_funcs_$c
	label="$m ($obj $fn,$pos)"
	step
	rc=0
	# one finit_module(2) per livepatch: busybox insmod tries a failed load
	# a second time (init_module), and the kernel would say everything twice
	out=$(/root/kh-finit /root/$m.ko </dev/null 2>&1) || rc=$?
	[ "$rc" = 0 ] && wait_for 150 no_transition "$m"
	grab
	did=$(what_kernel_did "$rc" "$m")
	said=$(kernel_said)
	echo "$c $did $rc|$said" >>$OUT
	kh_note "$label: load status $rc${out:+ ($(echo "$out" | head -n 1))}; kernel: ${said:-(nothing)}"

	if [ "$want" = ok ]; then
		[ "$rc" = 0 ] || prob "finit_module failed: $out"
		[ "$(sysval "$LP/$m/enabled")" = 1 ] || prob "enabled: $(sysval "$LP/$m/enabled")"
		[ "$(sysval "$LP/$m/transition")" = 0 ] || prob "transition: $(sysval "$LP/$m/transition")"
		[ "$(sysval "$LP/$m/$obj/patched")" = 1 ] || prob "$obj/patched: $(sysval "$LP/$m/$obj/patched")"
		has_msg "livepatch: enabling patch '$m'"
		has_msg "livepatch: '$m': patching complete"
		[ -n "$P" ] && prob "kernel log of this step:" "$(show_step)"
		result "$label: the kernel enables it: enabled=1 transition=0 $obj/patched=1; kernel: enabling patch, patching complete"
	else
		[ "$rc" != 0 ] || prob "finit_module succeeded (enabled: $(sysval "$LP/$m/enabled"))"
		case $out in
		*"Invalid argument"*) ;;
		*) [ "$rc" = 0 ] || prob "finit_module did not fail with EINVAL: $out" ;;
		esac
		case $want in
		ambiguous)
			# obj->name of vmlinux is NULL, and this message prints it as it is
			if [ "$obj" = vmlinux ]; then o='(null)'; else o=$obj; fi
			msg="livepatch: unresolvable ambiguity for symbol '$fn' in object '$o'" ;;
		position) msg="livepatch: symbol position $pos for symbol '$fn' in object '$obj' not found" ;;
		missing) msg="livepatch: symbol '$fn' not found in symbol table" ;;
		nolocation)
			msg="livepatch: failed to find location for function '$fn'"
			has_msg "livepatch: failed to patch object '$obj'"
			has_msg "livepatch: failed to enable patch '$m'" ;;
		*) msg="(no such verdict: $want)" ;;
		esac
		n=$(grep -cF -- "$msg" $KLP_STEP)
		[ "$n" = 1 ] || prob "kernel log has $n times: $msg"
		[ ! -e "$LP/$m" ] || prob "$LP/$m is there"
		[ "$rc" = 0 ] || [ ! -e "/sys/module/$m" ] || prob "/sys/module/$m is there"
		[ -n "$P" ] && prob "kernel log of this step:" "$(show_step)"
		result "$label: the kernel refuses it: finit_module fails with EINVAL; kernel, once: $msg"
	fi
	oops_guard

	if [ "$did" = ok ] && [ "$fn" = print_cpu ]; then
		# the replacement's one line per CPU instead of the CPU's hrtimer bases
		expect "$label: /proc/timer_list shows the replacement" \
			"$(grep -cx 'KLPFUNCS print_cpu cpu=0' /proc/timer_list) $(grep -cx 'cpu: 0' /proc/timer_list)" "1 0"
	fi
	if [ "$rc" = 0 ]; then
		if [ -e "$LP/$m" ]; then
			lp_unload "$m" "$label"
		else
			rmmod "$m" 2>/dev/null
		fi
	fi
	if [ "$did" = ok ] && [ "$fn" = print_cpu ]; then
		expect "$label: /proc/timer_list unpatched again" "$(grep -cx 'cpu: 0' /proc/timer_list)" 1
	fi
done </root/cases.txt

kh_bulk outcomes raw <$OUT
step
expect "no livepatch left in $LP" "$(ls $LP)" ""
out=$(rmmod $T 2>&1) || kh_fail "rmmod $T" "$out"
lp_send_log
