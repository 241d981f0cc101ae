# SPDX-License-Identifier: GPL-2.0
# Guest side of selftests/intree/run.sh (busybox sh, run by /init in /root),
# in the kernel the tree built, with the modules of the same build.  Each
# sample livepatch replaces cmdline_proc_show(); load it, read
# /proc/cmdline, unload it.  Booted with
#   intel_idle.max_cstate=3 processor.max_cstate=5
# so that max_cstate position 1 (intel_idle's) reads 3, position 2
# (processor_idle's) 5.  The kernel's kallsyms goes to the host (bulk
# record "kallsyms"), which checks every .klp.sym position against it.

ORIG=$(cat /proc/cmdline)

. /lib/kh-klp-guest.sh
klp_begin

kh_note "kernel $(uname -r), command line: $ORIG"
kh_note "kallsyms: $(grep -E ' (max_cstate|saved_command_line)$' /proc/kallsyms | tr '\t\n' '  ')"
grep -E ' (max_cstate|saved_command_line|cmdline_proc_show|ramdisk_execute_command)$' /proc/kallsyms |
	kh_bulk kallsyms gz
# the kernel's own sample (no symbol to convert), then ours
lp_cmdline_sample livepatch-sample "this has been live patched"
lp_cmdline_sample livepatch-auto-sample "$ORIG [livepatch-auto-sample]"
lp_cmdline_sample livepatch-annotated-sample "$ORIG livepatch=1"
lp_cmdline_sample livepatch-sympos-sample "$ORIG [max_cstate,1=3 max_cstate,2=5]"
# the suite's own: a static of init/main.c
lp_cmdline_sample klp-suite-local "ramdisk_execute_command=/init"

step
equal "no livepatch left in $LP" "$(ls $LP)" ""
lp_send_log
