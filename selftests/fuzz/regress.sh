#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz regressions: every input that once broke a fuzz target
# (selftests/fuzz/regressions/<target>/) and the small committed seeds
# (selftests/fuzz/seeds/<target>/) through the targets, built with a plain
# main() (driver.c, no libFuzzer) and AddressSanitizer + UBSan against the
# sanitizer build of modpost (make sanitize: $BUILD/san).  Every input must
# run to its end: no crash, no sanitizer report, no assertion of the
# target.  One TAP line per target (a failing input gets its own line).
#
# Environment: TOP, KDIR, BUILD (default <repo>/build), CC (default cc),
# FUZZ_NO_BUILD=1 (do not run make sanitize first).
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=${TOP:-$(cd "$HERE/../.." && pwd)}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null)}
BUILD=$(realpath -m "${BUILD:-$TOP/build}")
OUT=$BUILD/fuzz-regress
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export FUZZ_TMPDIR=$OUT/tmp

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"

mkdir -p "$BUILD"
if [ "${FUZZ_NO_BUILD:-}" != 1 ]; then
	if ! make -s -C "$TOP" BUILD="$BUILD" ${KDIR:+KDIR="$KDIR"} sanitize > "$BUILD/fuzz-regress.make.log" 2>&1; then
		tap_fail "the sanitizer build of modpost builds (make sanitize)" \
			"$(tail -5 "$BUILD/fuzz-regress.make.log")"
		tap_done
	fi
fi
rm -rf "$OUT"
mkdir -p "$OUT/bin" "$FUZZ_TMPDIR"
if ! "$HERE/build.sh" driver "$BUILD/san" "$OUT/bin" > "$OUT/targets" 2> "$OUT/build.log"; then
	tap_fail "the fuzz targets build with the plain driver" "$(tail -20 "$OUT/build.log")"
	tap_done
fi

# run TARGET FILE...: "ok" if every file ran; otherwise one failure per
# input that crashed, then on with the inputs after it
run() {
	local t=$1 bin=$OUT/bin/$1 log=$OUT/$1.log ran=0 bad=0 rc last
	shift
	local rest=("$@")
	while [ ${#rest[@]} -gt 0 ]; do
		timeout 300 "$bin" "${rest[@]}" > /dev/null 2> "$log"
		rc=$?
		if [ $rc -eq 0 ] && grep -q "^DONE ${#rest[@]}\$" "$log" &&
		   ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|ASSERTION FAILED' "$log"; then
			ran=$((ran + ${#rest[@]}))
			break
		fi
		last=$(sed -n 's/^RUN //p' "$log" | tail -1)
		[ -n "$last" ] || last=${rest[0]}
		bad=$((bad + 1))
		tap_fail "$t: ${last#"$HERE"/} (status $rc)" \
			"$(grep -m 8 -E 'ERROR:|runtime error:|ASSERTION|^    #[0-3] |SUMMARY' "$log")"
		# the inputs after the one that failed
		local i=0
		while [ $i -lt ${#rest[@]} ] && [ "${rest[$i]}" != "$last" ]; do
			i=$((i + 1))
		done
		ran=$((ran + i))
		rest=("${rest[@]:$((i + 1))}")
	done
	[ $bad -eq 0 ] && tap_tally "$ran" 0 "$t: $ran inputs run cleanly"
	[ $bad -eq 0 ] || tap_passed=$((tap_passed + ran))
}

while read -r t; do
	files=()
	for dir in "$HERE/regressions/$t" "$HERE/seeds/$t"; do
		[ -d "$dir" ] || continue
		while IFS= read -r f; do
			files+=("$f")
		done < <(find -L "$dir" -type f | sort)
	done
	if [ ${#files[@]} -eq 0 ]; then
		tap_fail "$t: no regression inputs or seeds to run"
		continue
	fi
	nreg=$(find -L "$HERE/regressions/$t" -type f 2>/dev/null | wc -l)
	tap_note "$t: $nreg regression input(s), $((${#files[@]} - nreg)) seed(s)"
	run "$t" "${files[@]}"
done < "$OUT/targets"

rm -rf "$FUZZ_TMPDIR"
tap_done
