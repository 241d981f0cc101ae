#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: selftests/bench/run.sh for each supported kernel series
# (each one's newest Debian headers tree, our modpost built for it into
# $BUILD/<series>, that series' stock modpost), then the corpus ratios of
# all series side by side.  With KDIR given, only that tree's series.
# Benchmarks report; they do not fail on a missed target.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_TOP=${BUILD:-$TOP/build}
if [ -n "${KDIR:-}" ]; then
	series_list=$("$TOP/scripts/mod/kernel-series.sh" "$KDIR")
else
	series_list=$(cd "$TOP/scripts/mod/profiles" && ls -d */ | tr -d / | sort -V -r)
fi

summary=()
for series in $series_list; do
	kdir=${KDIR:-$(KSERIES=$series "$TOP/scripts/kdir.sh" default)}
	build=$BUILD_TOP/$series
	echo "== Linux $series: $kdir"
	make -s -C "$TOP" KDIR="$kdir" BUILD="$build" all
	log=$(mktemp)
	KDIR=$kdir BUILD=$build MODPOST=$build/modpost "$TOP/selftests/bench/run.sh" | tee "$log"
	summary+=("$(awk -v s="$series" '
		/^bench corpus \(/ { where = $3; sub(/:$/, "", where); sub(/^\(/, "", where) }
		where && /ratio ours\/stock wall time/ { wall = $5; sub(/.*target/, "target"); wt = $0 }
		where && /ratio ours\/stock peak RSS/ {
			rss = $5; sub(/.*target/, "target")
			printf "  Linux %-5s corpus on %-6s wall ours/stock %s (%s), peak RSS ours/stock %s (%s)\n", s, where, wall, wt, rss, $0
			where = ""
		}' "$log")")
	rm -f "$log"
done
echo
echo "== corpus ratios, every series (target: wall <= 0.3, RSS <= 1.0)"
printf '%s\n' "${summary[@]}"
