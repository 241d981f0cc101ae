#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Kernel test suite: every selftests/kernel/test-*.sh boots the target kernel
# once under QEMU (TCG) and reports TAP; this script runs them in turn and
# ends with the line "N passed, N failed" (", N skipped" when some were).
#
#   selftests/kernel/run.sh                      all tests
#   selftests/kernel/run.sh sympos-crosscheck    only test-sympos-crosscheck.sh
#
# Environment (selftests/run-all.sh exports them): KDIR, BUILD, MODPOST
# (our binary; built with `make BUILD=$BUILD` when MODPOST is not set and
# $BUILD/modpost is missing), STOCK_MODPOST.  Work files and console logs go
# to $KH_WORK (default $BUILD/kernel-tests); KH_FETCH_DBG=1 downloads the
# debug vmlinux when missing; see lib/harness.sh for the rest.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
export TOP
export LC_ALL=C

KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
BUILD=${BUILD:-$TOP/build}
export KDIR BUILD
export KH_WORK=${KH_WORK:-$BUILD/kernel-tests}
mkdir -p "$KH_WORK"

if [ -z "${MODPOST:-}" ]; then
	MODPOST=$BUILD/modpost
	if [ ! -x "$MODPOST" ] && [ -n "$KDIR" ]; then
		echo "# building $MODPOST"
		if ! make -C "$TOP" BUILD="$BUILD" KDIR="$KDIR" </dev/null >"$KH_WORK/make.log" 2>&1; then
			tail -n 20 "$KH_WORK/make.log" | sed 's/^/# /'
		fi
	fi
fi
export MODPOST

# KH_FETCH_DBG=1: download the debug vmlinux (1 GB) when it is missing; without
# it the sympos cross-check reports its index checks as skipped.
if [ "${KH_FETCH_DBG:-0}" = 1 ] && [ -z "${KLP_VMLINUX:-}" ] && [ -n "$KDIR" ]; then
	rel=$("$TOP/scripts/kdir.sh" release "$KDIR")
	if [ ! -f "${KLP_CACHE:-/var/cache/klp-modpost}/$rel/dbg.stamp" ]; then
		echo "# fetching the debug vmlinux of $rel (scripts/deps.sh --with-dbg)"
		KSERIES=$("$TOP/scripts/mod/kernel-series.sh" "$KDIR") \
			"$TOP/scripts/deps.sh" --with-dbg </dev/null | sed 's/^/# /'
	fi
fi

tests=()
if [ $# -gt 0 ]; then
	for a in "$@"; do
		a=${a#test-}
		a=${a%.sh}
		tests+=("$HERE/test-$a.sh")
	done
else
	tests=("$HERE"/test-*.sh)
fi

passed=0
failed=0
skipped=0
t_all=$SECONDS
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	log=$KH_WORK/$name.out
	echo "# --- $name"
	t0=$SECONDS
	rc=0
	if [ -f "$t" ]; then
		bash "$t" </dev/null 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
	else
		echo "no such test: $t" | tee "$log"
		rc=2
	fi
	p=$(grep -E '^ok [0-9]+' "$log" | grep -cv '# SKIP' || true)
	s=$(grep -E '^ok [0-9]+.*# SKIP' -c "$log" || true)
	f=$(grep -cE '^not ok [0-9]+' "$log" || true)
	if ! grep -qE '^1\.\.[0-9]+$' "$log"; then
		echo "# $name: ended without a TAP plan line (exit status $rc)"
		f=$((f + 1))
	elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "# $name: exit status $rc without a failed result"
		f=1
	fi
	echo "# $name: $p passed, $f failed, $s skipped ($((SECONDS - t0))s)"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done
echo "# kernel suite: $((SECONDS - t_all))s; console logs and work files in $KH_WORK"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
