#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# /init of the kernel test initramfs (busybox sh).  Generated archives ship
# this file unchanged; see selftests/kernel/lib/harness.sh.
#
#  1. mounts proc, sys and dev (devtmpfs, else the nodes shipped in /dev);
#  2. lowers the console log level to 2 (emergency and alert messages only:
#     "BUG: ...", panics; dmesg keeps everything), so that kernel messages
#     do not cut the scenario's lines;
#  3. sets /dev/ttyS1 raw (no newline translation) for bulk records;
#  4. runs /scenario.sh with the helpers of /lib/kh-guest.sh sourced, its
#     output between the lines KH-BEGIN and "KH-END rc=<status>";
#  5. on a non-zero status, or when the kernel log has an Oops/BUG/WARNING,
#     prints its last 80 lines between "KH-DMESG-BEGIN oops=<n>" and KH-DMESG-END;
#  6. powers off (poweroff -f: no init system to ask).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root
umask 022
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || true
mkdir -p /tmp /dev/pts /root
mount -t tmpfs tmpfs /tmp 2>/dev/null || true
echo "2 4 1 7" >/proc/sys/kernel/printk
stty -F /dev/ttyS1 raw -echo 2>/dev/null || echo "KH-WARN: cannot set /dev/ttyS1 raw"

echo
echo "KH-BEGIN $(cut -d' ' -f1 /proc/uptime)"
(
	. /lib/kh-guest.sh
	cd /root || exit 1
	. /scenario.sh
)
rc=$?
echo "KH-END rc=$rc uptime=$(cut -d' ' -f1 /proc/uptime)"
# an Oops, BUG or WARNING anywhere in the kernel log is reported even when
# the scenario passed (most of an Oops is below the console log level)
oops=$(dmesg | grep -cE 'Oops|BUG:|WARNING:|general protection fault')
if [ "$rc" != 0 ] || [ "$oops" != 0 ]; then
	echo "KH-DMESG-BEGIN oops=$oops"
	dmesg | tail -n 80
	echo "KH-DMESG-END"
fi
sync
poweroff -f
# poweroff -f does not return; if it did, fall off: the kernel panics
# (init exited) and panic=-1 plus -no-reboot ends QEMU.
