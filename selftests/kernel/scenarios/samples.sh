# SPDX-License-Identifier: GPL-2.0
# Guest side of test-samples.sh (busybox sh, run by /init in /root): each
# sample livepatch replaces cmdline_proc_show(); load it, read
# /proc/cmdline, unload it.  Booted with
#   intel_idle.max_cstate=3 processor.max_cstate=5
# so that max_cstate position 1 (intel_idle's) reads 3, position 2
# (processor_idle's) 5.

ORIG=$(cat /proc/cmdline)

. /lib/kh-klp-guest.sh
klp_begin

kh_note "kernel command line: $ORIG"
kh_note "kallsyms: $(grep -E ' (max_cstate|saved_command_line)$' /proc/kallsyms | tr '\t\n' '  ')"
lp_cmdline_sample livepatch-auto-sample "$ORIG [livepatch-auto-sample]"
lp_cmdline_sample livepatch-annotated-sample "$ORIG livepatch=1"
lp_cmdline_sample livepatch-sympos-sample "$ORIG [max_cstate,1=3 max_cstate,2=5]"

step
equal "no livepatch left in $LP" "$(ls $LP)" ""
lp_send_log
