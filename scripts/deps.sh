#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build and the tests need on a Debian 12 machine
# (run as root).  Idempotent: when everything is present it only checks,
# which takes about a second (two apt-cache calls).
#
#   scripts/deps.sh              tools + headers + extracted image of the
#                                newest complete release of each series in
#                                $KSERIES
#   scripts/deps.sh --with-dbg   additionally what the tests need: the debug
#                                vmlinux (1 GB download) and the kernel's
#                                sources (linux-source-<series>, read by tests
#                                that build real kernel files)
#   scripts/deps.sh --release    only print the release that would be chosen
#
# Environment:
#   KSERIES    kernel series, one or several (default: every supported
#              one, i.e. each directory of scripts/mod/profiles/: "6.12 6.1")
#   KLP_CACHE  cache directory (default /var/cache/klp-modpost)
#
# Chosen release: the newest <rel> (amd64 flavour, not rt/cloud) for which
# linux-headers-<rel>, linux-image-<rel>-unsigned and linux-image-<rel>-dbg all
# exist in apt.  The headers (and with them linux-kbuild) are installed with
# apt.  The image package is NOT installed (that would run initramfs and
# bootloader hooks): it is downloaded and extracted into
#   $KLP_CACHE/<rel>/image            (stamp: $KLP_CACHE/<rel>/image.stamp)
# and with --with-dbg only the vmlinux of the -dbg package goes to
#   $KLP_CACHE/<rel>/dbg              (stamp: $KLP_CACHE/<rel>/dbg.stamp)
# The chosen release is recorded in $KLP_CACHE/current-$KSERIES, which
# scripts/kdir.sh reads.
set -euo pipefail

# every supported series: one kernel profile each (scripts/mod/profiles/)
KSERIES=${KSERIES:-$(cd "$(dirname "$0")/mod/profiles" && ls -d */ | tr -d / | sort -V -r | tr '\n' ' ')}
KSERIES=${KSERIES% }
KLP_CACHE=${KLP_CACHE:-/var/cache/klp-modpost}

# Several series: one run each (the rest of this script handles one).
if [ "${KSERIES// /}" != "$KSERIES" ]; then
	for series in $KSERIES; do
		KSERIES=$series "$0" "$@" || exit
	done
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive

# Tools for the build and the tests.  `time` is GNU /usr/bin/time (peak RSS),
# busybox-static and qemu-system-x86 are for the QEMU tests, dwarves (pahole)
# for BTF in external module builds, python3 for generated test objects;
# bison, flex, libelf-dev, libssl-dev and bc build a kernel (selftests/intree).
BASE_PACKAGES=(gcc make binutils libc6-dev xz-utils zstd kmod cpio dwarves time python3
	bison flex libelf-dev libssl-dev bc
	busybox-static qemu-system-x86)

with_dbg=0
only_release=0
for arg in "$@"; do
	case $arg in
	--with-dbg) with_dbg=1 ;;
	--release) only_release=1 ;;
	-h | --help)
		sed -n '3,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "deps.sh: unknown argument '$arg' (try --help)" >&2
		exit 2
		;;
	esac
done

say() { printf 'deps: %s\n' "$*"; }
die() {
	printf 'deps: error: %s\n' "$*" >&2
	exit 1
}

is_installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_updated=0
apt_update() {
	[ "$apt_updated" = 1 ] && return 0
	say "apt-get update ..."
	apt-get update -qq >/dev/null || die "apt-get update failed"
	apt_updated=1
}

apt_install() {
	local log
	log=$(mktemp)
	if ! apt-get install -y -q --no-install-recommends "$@" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		rm -f "$log"
		die "apt-get install $* failed"
	fi
	rm -f "$log"
}

# The newest release of the series with headers, unsigned image and dbg.
# Release strings look like 6.12.117+deb12-amd64 or 6.1.0-56-amd64.
# (One apt-cache policy call for all candidates: each call costs ~0.5 s.)
choose_release() {
	local series_re
	local -a rels pkgs
	series_re=${KSERIES//./\\.}
	mapfile -t rels < <(apt-cache pkgnames "linux-image-$KSERIES." 2>/dev/null |
		sed -n -E "s/^linux-image-(${series_re}\.[0-9]+[^-]*(-[0-9]+)?-amd64)-unsigned\$/\1/p" |
		sort -V -r)
	[ "${#rels[@]}" -gt 0 ] || return 0
	for rel in "${rels[@]}"; do
		pkgs+=("linux-headers-$rel" "linux-image-$rel-unsigned" "linux-image-$rel-dbg")
	done
	apt-cache policy "${pkgs[@]}" 2>/dev/null | awk -v order="${rels[*]}" '
		/^[^ ].*:$/ { pkg = substr($0, 1, length($0) - 1) }
		/^ *Candidate:/ && $2 != "(none)" { have[pkg] = 1 }
		END {
			n = split(order, r, " ")
			for (i = 1; i <= n; i++)
				if (have["linux-headers-" r[i]] && have["linux-image-" r[i] "-unsigned"] &&
				    have["linux-image-" r[i] "-dbg"]) { print r[i]; exit }
		}'
}

# Directory holding the kernel/ tree inside an extracted image.
image_moddir() {
	local root=$1 rel=$2 d
	for d in "$root/lib/modules/$rel" "$root/usr/lib/modules/$rel"; do
		if [ -d "$d/kernel" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

# Download package $1 into directory $2, print the .deb path.
download_deb() {
	local pkg=$1 dir=$2 deb
	mkdir -p "$dir"
	rm -f "$dir"/*.deb
	# apt-get download as root warns that _apt cannot write the directory.
	(cd "$dir" && apt-get download -q "$pkg" >/dev/null 2>"$dir/download.log") || {
		tail -n5 "$dir/download.log" >&2
		return 1
	}
	deb=$(ls "$dir"/*.deb 2>/dev/null | head -n1)
	[ -n "$deb" ] || return 1
	echo "$deb"
}

missing_base() {
	local p
	for p in "${BASE_PACKAGES[@]}"; do
		is_installed "$p" || echo "$p"
	done
}

image_done() { [ -f "$KLP_CACHE/$1/image.stamp" ] && image_moddir "$KLP_CACHE/$1/image" "$1" >/dev/null; }
dbg_done() { [ -f "$KLP_CACHE/$1/dbg.stamp" ]; }
source_done() { is_installed "linux-source-$KSERIES" && [ -r "/usr/src/linux-source-$KSERIES.tar.xz" ]; }
headers_done() { is_installed "linux-headers-$1" && [ -x "/usr/src/linux-headers-$1/scripts/mod/modpost" ]; }

# ---------------------------------------------------------------------------

if [ "$only_release" = 1 ]; then
	rel=$(choose_release)
	[ -n "$rel" ] || die "no complete $KSERIES release known to apt (run apt-get update?)"
	echo "$rel"
	exit 0
fi

command -v apt-get >/dev/null || die "this script needs Debian's apt"

# Fast path: with the current apt lists, is everything already there?
rel=$(choose_release || true)
need_work=0
if [ -z "$rel" ] || [ -n "$(missing_base)" ] || ! headers_done "$rel" || ! image_done "$rel" ||
	{ [ "$with_dbg" = 1 ] && { ! dbg_done "$rel" || ! source_done; }; }; then
	need_work=1
fi

if [ "$need_work" = 1 ]; then
	[ "$(id -u)" = 0 ] || die "something is missing and installing it needs root"
	# Something is missing: refresh the lists first (an old list may name
	# versions that the archive no longer has), then choose again.
	apt_update
	rel=$(choose_release)
	[ -n "$rel" ] || die "no $KSERIES release has headers, -unsigned and -dbg packages in apt"

	mapfile -t missing < <(missing_base)
	if [ "${#missing[@]}" -gt 0 ]; then
		say "installing ${missing[*]} ..."
		apt_install "${missing[@]}"
	fi

	if ! headers_done "$rel"; then
		say "installing linux-headers-$rel (pulls linux-kbuild) ..."
		apt_install "linux-headers-$rel"
		headers_done "$rel" || die "/usr/src/linux-headers-$rel/scripts/mod/modpost missing after install"
	fi

	if ! image_done "$rel"; then
		dl=$KLP_CACHE/$rel/download
		say "downloading linux-image-$rel-unsigned (~100 MB) ..."
		deb=$(download_deb "linux-image-$rel-unsigned" "$dl") ||
			die "apt-get download linux-image-$rel-unsigned failed"
		say "extracting $(basename "$deb") into $KLP_CACHE/$rel/image ..."
		rm -rf "$KLP_CACHE/$rel/image" "$KLP_CACHE/$rel/image.tmp"
		dpkg-deb -x "$deb" "$KLP_CACHE/$rel/image.tmp"
		image_moddir "$KLP_CACHE/$rel/image.tmp" "$rel" >/dev/null ||
			die "no lib/modules/$rel/kernel in $deb"
		mv "$KLP_CACHE/$rel/image.tmp" "$KLP_CACHE/$rel/image"
		dpkg-deb -f "$deb" Package Version >"$KLP_CACHE/$rel/image.stamp"
		rm -rf "$dl"
	fi

	if [ "$with_dbg" = 1 ] && ! source_done; then
		say "installing linux-source-$KSERIES ..."
		apt_install "linux-source-$KSERIES"
		source_done || die "/usr/src/linux-source-$KSERIES.tar.xz missing after install"
	fi

	if [ "$with_dbg" = 1 ] && ! dbg_done "$rel"; then
		dl=$KLP_CACHE/$rel/download-dbg
		say "downloading linux-image-$rel-dbg (~1 GB) ..."
		deb=$(download_deb "linux-image-$rel-dbg" "$dl") ||
			die "apt-get download linux-image-$rel-dbg failed"
		say "extracting vmlinux from $(basename "$deb") into $KLP_CACHE/$rel/dbg ..."
		rm -rf "$KLP_CACHE/$rel/dbg" "$KLP_CACHE/$rel/dbg.tmp"
		mkdir -p "$KLP_CACHE/$rel/dbg.tmp"
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$KLP_CACHE/$rel/dbg.tmp" --wildcards '*vmlinux*'
		mv "$KLP_CACHE/$rel/dbg.tmp" "$KLP_CACHE/$rel/dbg"
		dpkg-deb -f "$deb" Package Version >"$KLP_CACHE/$rel/dbg.stamp"
		rm -rf "$dl"
	fi
fi

if [ "$(cat "$KLP_CACHE/current-$KSERIES" 2>/dev/null)" != "$rel" ]; then
	mkdir -p "$KLP_CACHE"
	echo "$rel" >"$KLP_CACHE/current-$KSERIES.tmp"
	mv "$KLP_CACHE/current-$KSERIES.tmp" "$KLP_CACHE/current-$KSERIES"
fi

moddir=$(image_moddir "$KLP_CACHE/$rel/image" "$rel")
say "release     $rel"
say "KDIR        /usr/src/linux-headers-$rel"
say "modpost     /usr/src/linux-headers-$rel/scripts/mod/modpost"
say "modules     $moddir"
say "vmlinuz     $KLP_CACHE/$rel/image/boot/vmlinuz-$rel"
if dbg_done "$rel"; then
	say "vmlinux     $(find "$KLP_CACHE/$rel/dbg" -type f -name "vmlinux-$rel" | head -n1)"
else
	say "vmlinux     (not downloaded; scripts/deps.sh --with-dbg)"
fi
