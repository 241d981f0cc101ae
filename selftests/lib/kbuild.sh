# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What a kernel build tree's kbuild passes to modpost, for the suites that
# run modpost by hand the way kbuild would.  Source it; needs TOP.
#
#   kbuild_series KDIR        "6.1", "6.12" (scripts/mod/kernel-series.sh)
#   kbuild_export_flag KDIR   "-M" where kbuild passes it (6.12: module
#                             exports come from .export_symbol), else empty
#                             (6.1 has no such option)

kbuild_series() {
	"$TOP/scripts/mod/kernel-series.sh" "$1"
}

kbuild_export_flag() {
	case $(kbuild_series "$1") in
	6.1) ;;
	*) echo -M ;;
	esac
}

# kbuild_fatal_prefix KDIR: how that series' modpost starts a fatal error
# ("FATAL" in 6.1, "ERROR" in 6.12)
kbuild_fatal_prefix() {
	case $(kbuild_series "$1") in
	6.1) echo FATAL ;;
	*) echo ERROR ;;
	esac
}

# kbuild_source_file KDIR PATH: a file of the kernel's own sources (e.g.
# drivers/ata/pata_netcell.c), for tests that build real kernel code the way
# an author would copy it.  Read from Debian's linux-source-<series> package
# (/usr/src/linux-source-<series>.tar.xz, installed by make deps) and kept in
# $KLP_CACHE/source-<series>/ so that only the first call pays for
# decompressing the tarball.  Prints the path; fails when there is no source
# package or no such file.
kbuild_source_file() {
	local series tarball cache file
	series=$(kbuild_series "$1") || return 1
	tarball=/usr/src/linux-source-$series.tar.xz
	cache=${KLP_CACHE:-/var/cache/klp-modpost}/source-$series
	file=$cache/$2
	[ -r "$tarball" ] || return 1
	if [ ! -f "$file" ] || [ "$file" -ot "$tarball" ]; then
		mkdir -p "$cache" &&
		tar -xJf "$tarball" -C "$cache" --strip-components=1 \
			"linux-source-$series/$2" 2>/dev/null &&
		touch "$file" || return 1
	fi
	echo "$file"
}

# kbuild_run_modpost KDIR MODPOST ORDER ARGS...: run MODPOST with ARGS and
# the object list of modules.order ORDER, handed over the way that tree's
# kbuild does it: "-T modules.order" (6.12), or the list on standard input
# with each .ko turned into its .o and "-T -" (6.1).
kbuild_run_modpost() {
	local kdir=$1 bin=$2 order=$3
	shift 3
	case $(kbuild_series "$kdir") in
	6.1) sed 's/ko$/o/' "$order" | "$bin" "$@" -T - ;;
	*) "$bin" "$@" -T "$order" ;;
	esac
}
