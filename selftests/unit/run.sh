#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unit tests: build and run every selftests/unit/test-*.c and test-*.sh.
#
#   selftests/unit/run.sh [BUILD_DIR]      (default: $BUILD, else <repo>/build)
#
# A test-*.c file has its own main(); it is compiled with modpost's flags and
# linked against BUILD_DIR/libmodpost.a (modpost without its main()).  A
# test-*.sh file is run with MODPOST (our binary),
# BUILD, KDIR and TOP in its environment.  Both report TAP lines ("ok N",
# "not ok N", "# SKIP" on an ok line), which are counted; a test that cannot
# be built, or exits non-zero without a "not ok" line, counts as one failure.
#
# Environment: CC, CFLAGS, LDFLAGS (use the sanitizer flags for a sanitizer
# build), KDIR (passed on), UNIT_NO_BUILD=1 (do not run make first).
# The last line of output is "N passed, N failed".

set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
UNIT=$TOP/selftests/unit
BUILD=$(realpath -m "${1:-${BUILD:-$TOP/build}}")
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -g}
LDFLAGS=${LDFLAGS:-}
OUT=$BUILD/unit

if [ -z "${KDIR:-}" ]; then
	KDIR=$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)
fi
export KDIR TOP BUILD
export MODPOST=$BUILD/modpost

if [ "${UNIT_NO_BUILD:-}" != 1 ]; then
	make -s -C "$TOP" BUILD="$BUILD" ${KDIR:+KDIR="$KDIR"} all >&2 || {
		echo "make failed" >&2
		echo "0 passed, 1 failed"
		exit 1
	}
fi

mkdir -p "$OUT"

# modpost without its main() (the Makefile's libmodpost.a): a test links
# only the parts it uses, and its own main() is the one that runs.
lib=$BUILD/libmodpost.a
[ -f "$lib" ] || {
	echo "$lib is missing (make BUILD=$BUILD all)" >&2
	echo "0 passed, 1 failed"
	exit 1
}

passed=0
failed=0
skipped=0

# tally NAME LOGFILE STATUS: count the TAP lines of one test program
tally() {
	local name=$1 log=$2 status=$3 ok notok skip
	ok=$(grep -cE '^ok [0-9]+' "$log")
	notok=$(grep -cE '^not ok [0-9]+' "$log")
	skip=$(grep -cE '^ok [0-9]+.*# SKIP' "$log")
	if [ "$status" -ne 0 ] && [ "$notok" -eq 0 ]; then
		notok=1
		echo "not ok - $name exited with status $status" >> "$log"
	elif [ "$ok" -eq 0 ] && [ "$notok" -eq 0 ]; then
		notok=1	# a test that reports nothing proves nothing
		echo "not ok - $name reported no test" >> "$log"
	fi
	passed=$((passed + ok - skip))
	skipped=$((skipped + skip))
	failed=$((failed + notok))
	if [ "$notok" -eq 0 ]; then
		printf '%-40s %d passed%s\n' "$name" $((ok - skip)) \
			"$( [ "$skip" -gt 0 ] && echo ", $skip skipped")"
	else
		printf '%-40s %d passed, %d FAILED\n' "$name" $((ok - skip)) "$notok"
		grep -vE '^ok [0-9]+' "$log" | sed 's/^/    /'
	fi
}

shopt -s nullglob
for src in "$UNIT"/test-*.c; do
	name=$(basename "$src" .c)
	bin=$OUT/$name
	log=$OUT/$name.log
	# shellcheck disable=SC2086
	if ! $CC -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $CFLAGS \
		-I"$TOP/scripts/mod" -I"$BUILD/generated" -I"$TOP/include/uapi" -I"$UNIT" \
		-o "$bin" "$src" "$lib" $LDFLAGS > "$log" 2>&1; then
		failed=$((failed + 1))
		printf '%-40s does not build\n' "$name"
		sed 's/^/    /' "$log"
		continue
	fi
	(cd "$OUT" && "$bin") > "$log" 2>&1
	tally "$name" "$log" $?
done

for script in "$UNIT"/test-*.sh; do
	name=$(basename "$script")
	log=$OUT/$name.log
	bash "$script" > "$log" 2>&1
	tally "$name" "$log" $?
done

[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
