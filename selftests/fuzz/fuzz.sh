#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: every fuzz target under libFuzzer, FUZZ_SECONDS each, one after
# the other (selftests/fuzz/README).
#
#   $BUILD/fuzz/lib/          libmodpost.a by clang, -fsanitize=fuzzer-no-link,address,undefined
#   $BUILD/fuzz/bin/<t>       the targets
#   $BUILD/fuzz/seeds/<t>/    generated seeds (seeds.sh; FUZZ_RESEED=1 makes them again)
#   $BUILD/fuzz/corpus/<t>/   the corpus, kept from run to run
#   $BUILD/fuzz/crashes/<t>/  reproducers (crash-*, timeout-*, oom-*)
#   $BUILD/fuzz/logs/<t>.log  libFuzzer's output
#
# Ends with a table (target, seconds, executions, corpus size, new
# reproducers) and exits 1 when a target found something, naming the
# reproducer: minimise it with
#   $BUILD/fuzz/bin/<t> -minimize_crash=1 -runs=20000 -detect_leaks=0 <file>
# and run it with the plain driver: selftests/fuzz/regress.sh does that for
# selftests/fuzz/regressions/<t>/.
#
# Environment: TOP, KDIR, BUILD, MODPOST (a normal build, for the seeds),
# FUZZ_SECONDS (default 60), FUZZ_TARGETS (default: all), FUZZ_NICE (default
# 10), FUZZ_SLICE (seconds per libFuzzer process, default 120), FUZZ_JOBS
# (parallel make for the library, default 2), CLANG (default clang).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=${TOP:-$(cd "$HERE/../.." && pwd)}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
BUILD=$(realpath -m "${BUILD:-$TOP/build}")
MODPOST=${MODPOST:-$BUILD/modpost}
SECONDS_EACH=${FUZZ_SECONDS:-60}
NICE=${FUZZ_NICE:-10}
CLANG=${CLANG:-clang}
FUZZ=$BUILD/fuzz
export KDIR TOP

# libFuzzer is clang's (Debian: clang, and libclang-rt-<version>-dev, which
# clang only recommends): install them on a fresh machine, as
# scripts/deps.sh does for make check
has_libfuzzer() {
	local dir
	command -v "$CLANG" >/dev/null && dir=$("$CLANG" -print-resource-dir 2>/dev/null) &&
		[ -n "$(find "$dir" -name 'libclang_rt.fuzzer-x86_64.a' 2>/dev/null | head -1)" ]
}
if ! has_libfuzzer; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "fuzz: installing clang and its runtime libraries (libFuzzer)"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq --no-install-recommends clang </dev/null >/dev/null &&
			v=$("$CLANG" -dumpversion | cut -d. -f1) &&
			apt-get install -y -qq --no-install-recommends "libclang-rt-$v-dev" </dev/null >/dev/null ||
			{ echo "fuzz: installing clang failed" >&2; exit 1; }
	fi
	has_libfuzzer || { echo "fuzz: no libFuzzer: install clang and libclang-rt-<version>-dev" >&2; exit 1; }
fi


all_targets() {
	for f in "$HERE"/fuzz-*.c; do
		t=$(basename "$f" .c)
		t=${t#fuzz-}
		[ "$t" = common ] || echo "$t"
	done
}
targets=${FUZZ_TARGETS:-$(all_targets)}

command -v "$CLANG" >/dev/null || { echo "fuzz: no $CLANG (make deps)" >&2; exit 1; }

echo "fuzz: building the library with $CLANG into $FUZZ/lib"
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS nice -n "$NICE" make -s -j"${FUZZ_JOBS:-2}" \
	-f "$TOP/Makefile" BUILD="$FUZZ/lib" KDIR="$KDIR" CC="$CLANG" \
	CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	LDFLAGS="-fsanitize=address,undefined" all || exit 1
# shellcheck disable=SC2086
CC=$CLANG nice -n "$NICE" "$HERE/build.sh" libfuzzer "$FUZZ/lib" "$FUZZ/bin" $targets >/dev/null || exit 1

if [ ! -f "$FUZZ/seeds/.done" ] || [ "${FUZZ_RESEED:-}" = 1 ]; then
	echo "fuzz: generating seeds into $FUZZ/seeds"
	rm -rf "$FUZZ/seeds"
	ASAN_OPTIONS=detect_leaks=0 MODPOST=$MODPOST nice -n "$NICE" "$HERE/seeds.sh" "$FUZZ/seeds" &&
		touch "$FUZZ/seeds/.done"
fi

export FUZZ_TMPDIR=$FUZZ/tmp
# a fatal() unwinds past modpost's frees, and modpost never frees what it
# keeps: no leak report at exit (it would count as a crash)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
mkdir -p "$FUZZ_TMPDIR" "$FUZZ/logs"
found=()
summary=()
for t in $targets; do
	corpus=$FUZZ/corpus/$t
	crashes=$FUZZ/crashes/$t
	mkdir -p "$corpus" "$crashes" "$FUZZ/seeds/$t"
	before=$(find "$crashes" -type f | sort)
	echo "fuzz: $t for ${SECONDS_EACH}s (log: $FUZZ/logs/$t.log)"
	: > "$FUZZ/logs/$t.log"
	start=$SECONDS
	execs=0
	status=0
	# In slices of at most FUZZ_SLICE seconds, each a fresh process (the
	# corpus carries over): what a fatal() unwinds past is never freed, and
	# a long run would otherwise end at the RSS limit.
	while [ $((SECONDS - start)) -lt "$SECONDS_EACH" ]; do
		left=$((SECONDS_EACH - (SECONDS - start)))
		slice=$(( left < ${FUZZ_SLICE:-120} ? left : ${FUZZ_SLICE:-120} ))
		nice -n "$NICE" "$FUZZ/bin/$t" -max_total_time="$slice" -timeout=30 \
			-rss_limit_mb=4096 -max_len=131072 -detect_leaks=0 -print_final_stats=1 \
			-artifact_prefix="$crashes/" "$corpus" "$FUZZ/seeds/$t" "$HERE/seeds/$t" \
			>> "$FUZZ/logs/$t.log" 2>&1
		status=$?
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$FUZZ/logs/$t.log" | tail -1)
		# a crash ends the run without the final statistics: the last status line
		[ $status -eq 0 ] || n=$(sed -n 's/^#\([0-9]*\)\t.*/\1/p' "$FUZZ/logs/$t.log" | tail -1)
		execs=$((execs + ${n:-0}))
		[ $status -eq 0 ] || break
		echo "=== slice done" >> "$FUZZ/logs/$t.log"
	done
	took=$((SECONDS - start))
	new=$(comm -13 <(echo "$before") <(find "$crashes" -type f | sort) | grep -v '^$' || true)
	summary+=("$(printf '%-16s %6ss %10s execs %6s inputs  %s' "$t" "$took" \
		"${execs:-?}" "$(find "$corpus" -type f | wc -l)" \
		"$( [ -n "$new" ] && echo "FOUND $(echo "$new" | wc -l)" || echo "-")")")
	if [ -n "$new" ]; then
		mapfile -t -O ${#found[@]} found <<< "$new"
		echo "fuzz: $t found:"
		while read -r f; do echo "    $f"; done <<< "$new"
		grep -m 3 -E 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error|ASSERTION' \
			"$FUZZ/logs/$t.log" | sed 's/^/    /'
	elif [ $status -ne 0 ]; then
		echo "fuzz: $t exited with status $status without a reproducer:"
		tail -5 "$FUZZ/logs/$t.log" | sed 's/^/    /'
		found+=("$FUZZ/logs/$t.log")
	fi
done
rm -rf "$FUZZ_TMPDIR"

echo
printf '%s\n' "${summary[@]}"
if [ ${#found[@]} -gt 0 ]; then
	echo "fuzz: ${#found[@]} reproducer(s):"
	printf '    %s\n' "${found[@]}"
	exit 1
fi
echo "fuzz: no crash"
