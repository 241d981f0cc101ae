#!/bin/bash
# Locate Debian kernel build trees, releases and module trees.
#   kdir.sh default        the headers tree of the release chosen by scripts/deps.sh
#                          ($KLP_CACHE/current-$KSERIES), else the newest installed
#                          $KSERIES headers tree (/usr/src/linux-headers-6.12.*-amd64)
#   kdir.sh release KDIR   the release string of a build tree (e.g. 6.12.117+deb12-amd64)
#   kdir.sh modules KDIR   the module tree (the directory holding kernel/ and
#                          modules.order) of that release: the image extracted by
#                          scripts/deps.sh, else /lib/modules/<release>
#   kdir.sh image KDIR     the root of the extracted image package (holds
#                          boot/vmlinuz-<release>), else /
# Environment: KSERIES (default 6.12), KLP_CACHE (default /var/cache/klp-modpost).
set -euo pipefail
series=${KSERIES:-6.12}
cache=${KLP_CACHE:-/var/cache/klp-modpost}

# UTS_RELEASE is what `uname -r` and /lib/modules use.  (Debian's 6.1 headers
# have include/config/kernel.release = 6.1.192 but UTS_RELEASE 6.1.0-56-amd64.)
release_of() {
	local kdir=$1 rel=
	if [ -f "$kdir/include/generated/utsrelease.h" ]; then
		rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
	fi
	if [ -n "$rel" ]; then
		echo "$rel"
	elif [ -f "$kdir/include/config/kernel.release" ]; then
		cat "$kdir/include/config/kernel.release"
	else
		basename "$kdir" | sed 's/^linux-headers-//'
	fi
}

case "${1:-default}" in
default)
	if [ -f "$cache/current-$series" ]; then
		rel=$(cat "$cache/current-$series")
		if [ -n "$rel" ] && [ -x "/usr/src/linux-headers-$rel/scripts/mod/modpost" ]; then
			echo "/usr/src/linux-headers-$rel"
			exit 0
		fi
	fi
	shopt -s nullglob
	dirs=(/usr/src/linux-headers-"$series".*-amd64)
	[ "${#dirs[@]}" -gt 0 ] || exit 1
	printf '%s\n' "${dirs[@]}" | grep -v -e '-rt-amd64$' -e '-cloud-amd64$' | sort -V | tail -n1
	;;
release)
	release_of "${2:?usage: $0 release KDIR}"
	;;
modules | image)
	rel=$(release_of "${2:?usage: $0 $1 KDIR}")
	root=
	if [ -f "$cache/$rel/image.stamp" ]; then
		root=$cache/$rel/image
	elif [ -d "/lib/modules/$rel/kernel" ]; then
		root=/
	fi
	if [ -z "$root" ]; then
		echo "kdir.sh: no module tree for $rel (run scripts/deps.sh)" >&2
		exit 1
	fi
	if [ "$1" = image ]; then
		echo "$root"
		exit 0
	fi
	for d in "${root%/}/lib/modules/$rel" "${root%/}/usr/lib/modules/$rel"; do
		if [ -d "$d/kernel" ]; then
			echo "$d"
			exit 0
		fi
	done
	echo "kdir.sh: no lib/modules/$rel/kernel under $root" >&2
	exit 1
	;;
*)
	echo "usage: $0 default|release KDIR|modules KDIR|image KDIR" >&2
	exit 2
	;;
esac
