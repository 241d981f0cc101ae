#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo inside the guest (busybox sh, run by the test harness's /init):
# /proc/cmdline before and after the sample livepatch, its sysfs state,
# the kernel's livepatch messages, then disable and unload.

say() { echo "DEMO| $*"; }
run() { say "# $*"; "$@" 2>&1 | while IFS= read -r l; do say "$l"; done; }
P=/sys/kernel/livepatch/livepatch_annotated_sample

dmesg -c >/dev/null
run cat /proc/cmdline
run insmod /root/livepatch-annotated-sample.ko
i=0
while [ "$(cat $P/transition 2>/dev/null)" != 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
run cat $P/enabled $P/transition $P/vmlinux/patched
run cat /proc/cmdline
say "# dmesg | grep livepatch"
dmesg | grep -i livepatch | sed 's/^\[[ 0-9.]*\] //' | while IFS= read -r l; do say "$l"; done
say "# ls -a /sys/module/livepatch_annotated_sample/sections | grep klp"
ls -a /sys/module/livepatch_annotated_sample/sections | grep klp | while IFS= read -r l; do say "$l"; done
say "# echo 0 > $P/enabled; rmmod livepatch_annotated_sample"
echo 0 > $P/enabled
i=0
while [ -d $P ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
rmmod livepatch_annotated_sample && say "(unloaded)"
run cat /proc/cmdline
