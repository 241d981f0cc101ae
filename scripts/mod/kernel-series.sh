#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernel-series.sh KDIR: print the kernel series ("6.1", "6.12") of a kernel
# build tree, from the tree's own version, never from its path:
#
#   1. include/generated/uapi/linux/version.h (LINUX_VERSION_MAJOR and
#      LINUX_VERSION_PATCHLEVEL; every prepared tree and every Debian
#      headers package has it);
#   2. else VERSION and PATCHLEVEL of the tree's top Makefile (an
#      unprepared source tree).
#
# Prints nothing and exits 1 when KDIR is not a kernel build tree.
kdir=${1:?usage: kernel-series.sh KDIR}

v=$kdir/include/generated/uapi/linux/version.h
if [ -f "$v" ]; then
	series=$(awk '
		$1 == "#define" && $2 == "LINUX_VERSION_MAJOR" { major = $3 }
		$1 == "#define" && $2 == "LINUX_VERSION_PATCHLEVEL" { minor = $3 }
		END { if (major != "" && minor != "") print major "." minor }' "$v")
	if [ -n "$series" ]; then
		echo "$series"
		exit 0
	fi
fi

if [ -f "$kdir/Makefile" ]; then
	series=$(awk -F'[ \t]*=[ \t]*' '
		$1 == "VERSION" { major = $2 }
		$1 == "PATCHLEVEL" { minor = $2 }
		END { if (major != "" && minor != "") print major "." minor }' "$kdir/Makefile")
	if [ -n "$series" ]; then
		echo "$series"
		exit 0
	fi
fi
exit 1
