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
