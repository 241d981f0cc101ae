#!/bin/bash
# Locate Debian kernel build trees and releases.
#   kdir.sh default       the newest installed 6.12 headers tree (/usr/src/linux-headers-6.12.*-amd64)
#   kdir.sh release KDIR  the release string of a build tree (e.g. 6.12.117+deb12-amd64)
set -euo pipefail
case "${1:-default}" in
default)
	series=${KSERIES:-6.12}
	ls -d /usr/src/linux-headers-"$series".*-amd64 /usr/src/linux-headers-"$series".*-*-amd64 2>/dev/null |
		grep -v -e -rt- -e -cloud- | sort -V | tail -n1
	;;
release)
	kdir=${2:?KDIR}
	if [ -f "$kdir/include/config/kernel.release" ]; then
		cat "$kdir/include/config/kernel.release"
	else
		basename "$kdir" | sed 's/^linux-headers-//'
	fi
	;;
*)
	echo "usage: $0 default|release KDIR" >&2
	exit 2
	;;
esac
