# SPDX-License-Identifier: GPL-2.0
# Livepatch helpers for scenarios (busybox sh), on top of lib/kh-guest.sh.
# Ship this file in the initramfs (kh_initramfs ... "$KH_LIB/kh-klp-guest.sh:/lib/kh-klp-guest.sh")
# and source it from the scenario: . /lib/kh-klp-guest.sh
#
#   klp_begin                 start collecting the kernel log ($KLP_ALL)
#   prob TEXT / result DESC   note a problem / one result: ok when none was noted
#   step / grab               a step starts (dmesg -c) / its kernel messages -> $KLP_STEP
#   has_msg TEXT              the step's kernel log must contain TEXT
#   show_step                 the last lines of the step's kernel log
#   equal DESC ACTUAL WANT    one result
#   wait_for TENTHS CMD...    retry CMD every 0.1 s
#   oops_guard                an Oops/BUG in the kernel log: one failed result, exit 1
#   lp_insmod FILE            load with $LOADER: busybox insmod (default) or
#                             finit (/root/kh-finit: the kernel decompresses)
#   lp_load NAME FILE LABEL [OBJECT PATCHED]...   insmod a livepatch, check
#                             enabled/transition/patched/taint and the messages
#   lp_unload NAME LABEL      disable, wait until gone, rmmod, check the messages
#   lp_cmdline_sample FILE WANT   a sample livepatch that replaces
#                             cmdline_proc_show(): load /root/FILE.ko,
#                             /proc/cmdline must read WANT, unload, and
#                             /proc/cmdline must read $ORIG again
#   lp_send_log               the whole kernel log as bulk record "dmesg"

LP=/sys/kernel/livepatch
KLP_STEP=/tmp/step.log
KLP_ALL=/tmp/dmesg.all

klp_begin() { dmesg -c >$KLP_ALL; : >$KLP_STEP; }
P=
prob() {
	P="$P$*
"
}
result() {
	if [ -z "$P" ]; then
		kh_ok "$1"
	else
		kh_fail "$1"
		printf '%s' "$P" | while IFS= read -r l; do echo "KH-TAP #   $l"; done
	fi
	P=
}
step() {
	dmesg -c >>$KLP_ALL
	: >$KLP_STEP
}
grab() { dmesg -c | tee -a $KLP_ALL >>$KLP_STEP; }
has_msg() { grep -qF -- "$1" $KLP_STEP || prob "kernel log lacks: $1"; }
show_step() { sed "s/^/kernel: /" $KLP_STEP | tail -n 8; }
sysval() { cat "$1" 2>/dev/null || echo "(no $1)"; }
wait_for() {
	wf_n=$1
	shift
	while [ "$wf_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		wf_n=$((wf_n - 1))
	done
	"$@"
}
no_transition() { [ "$(cat "$LP/$1/transition" 2>/dev/null)" = 0 ]; }
gone() { [ ! -e "$LP/$1" ]; }
equal() {
	if [ "$2" = "$3" ]; then
		kh_ok "$1"
	else
		kh_fail "$1" "got:  '$2'" "want: '$3'"
	fi
}
oops_guard() {
	if dmesg | grep -qE 'Oops|BUG:|general protection fault' ||
		grep -qE 'Oops|BUG:|general protection fault' $KLP_ALL; then
		kh_fail "no Oops in the kernel log (remaining steps not run)"
		exit 1
	fi
}

lp_insmod() {
	if [ "${LOADER:-insmod}" = finit ]; then
		/root/kh-finit "$1" 2>&1
	else
		kh_insmod "$1" 2>&1
	fi
}

lp_load() {
	name=$1 file=$2 label=$3
	shift 3
	step
	if out=$(lp_insmod "$file"); then
		kh_ok "$label: insmod $file"
	else
		grab
		kh_fail "$label: insmod $file" "$out" "$(show_step)"
		oops_guard
		return 1
	fi
	wait_for 150 no_transition "$name" || prob "transition still $(sysval "$LP/$name/transition") after 15 s"
	grab
	[ "$(sysval "$LP/$name/enabled")" = 1 ] || prob "enabled: $(sysval "$LP/$name/enabled")"
	[ "$(sysval "$LP/$name/transition")" = 0 ] || prob "transition: $(sysval "$LP/$name/transition")"
	objs=
	while [ $# -ge 2 ]; do
		v=$(sysval "$LP/$name/$1/patched")
		[ "$v" = "$2" ] || prob "$1/patched: $v, expected $2"
		objs="$objs $1=$2"
		shift 2
	done
	case $(sysval "/sys/module/$name/taint") in
	*K*) ;;
	*) prob "/sys/module/$name/taint: $(sysval "/sys/module/$name/taint"), no K (livepatch)" ;;
	esac
	has_msg "livepatch: enabling patch '$name'"
	has_msg "livepatch: '$name': starting patching transition"
	has_msg "livepatch: '$name': patching complete"
	result "$label: enabled=1 transition=0 patched:$objs; kernel: enabling, starting patching transition, patching complete"
	oops_guard
}

lp_unload() {
	name=$1 label=$2
	step
	echo 0 >"$LP/$name/enabled" || prob "cannot write 0 to $LP/$name/enabled"
	wait_for 150 gone "$name" || prob "$LP/$name still there 15 s after disabling"
	out=$(rmmod "$name" 2>&1) || prob "rmmod $name: $out"
	[ ! -e "/sys/module/$name" ] || prob "/sys/module/$name still there"
	grab
	has_msg "livepatch: '$name': starting unpatching transition"
	has_msg "livepatch: '$name': unpatching complete"
	result "$label: disable, wait, rmmod; kernel: starting unpatching transition, unpatching complete"
	oops_guard
}

lp_cmdline_sample() {
	name=$(echo "$1" | tr - _)
	[ -f "/root/$1.ko" ] || { kh_fail "$1: /root/$1.ko is there (the host could not build it)"; return; }
	if lp_load "$name" "/root/$1.ko" "$1" vmlinux 1; then
		equal "$1: /proc/cmdline" "$(cat /proc/cmdline)" "$2"
		lp_unload "$name" "$1"
		equal "$1: /proc/cmdline is the original again" "$(cat /proc/cmdline)" "$ORIG"
	fi
}

lp_send_log() {
	step
	kh_bulk dmesg gz <$KLP_ALL
}
