#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every test suite (`make check`).
#
#  1. installs what is missing (scripts/deps.sh) when the headers tree, the
#     extracted kernel image or a needed tool is absent;
#  2. builds modpost (`make`) and the sanitizer build (`make sanitize`);
#  3. runs each suite that exists, in order, with stdin from /dev/null;
#  4. prints a summary table and the total line "N passed, N failed".
#
# Each suite must end its output with a line "N passed, N failed".  A suite
# that exits non-zero, or prints no such line, counts as failed.
#
# Exported to the suites: TOP, KDIR, BUILD, MODPOST (our binary),
# MODPOST_SAN (the sanitizer build), STOCK_MODPOST.
# Knobs: SUITE_TIMEOUT (seconds per suite, default 1500), RUNALL_LOGS (where
# full suite logs go, default $BUILD/test-logs), CHECK_SUITES (run only these,
# e.g. CHECK_SUITES="unit/run oracle/corpus").
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TOP
BUILD=${BUILD:-$TOP/build}
export BUILD
SUITE_TIMEOUT=${SUITE_TIMEOUT:-1500}
LOGS=${RUNALL_LOGS:-$BUILD/test-logs}
JOBS=$(nproc 2>/dev/null || echo 2)

SUITES=(
	selftests/unit/run.sh
	selftests/oracle/corpus.sh
	selftests/oracle/fixtures.sh
	selftests/badinput/run.sh
	selftests/klp/run.sh
	selftests/integration/run.sh
	selftests/postlink/run.sh
	selftests/kernel/run.sh
)

say() { printf '== %s\n' "$*"; }
start_all=$SECONDS

# --- 1. dependencies --------------------------------------------------------
deps_missing() {
	local kdir rel t
	for t in gcc make ld xz zstd cpio modinfo pahole busybox qemu-system-x86_64 python3 /usr/bin/time; do
		command -v "$t" >/dev/null 2>&1 || {
			echo "tool $t"
			return 0
		}
	done
	kdir=$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)
	if [ -z "$kdir" ] || [ ! -x "$kdir/scripts/mod/modpost" ]; then
		echo "kernel headers"
		return 0
	fi
	rel=$("$TOP/scripts/kdir.sh" release "$kdir")
	if [ ! -f "${KLP_CACHE:-/var/cache/klp-modpost}/$rel/image.stamp" ]; then
		echo "extracted image of $rel"
		return 0
	fi
	# the livepatch suites resolve against the target's debug vmlinux
	if [ ! -f "${KLP_CACHE:-/var/cache/klp-modpost}/$rel/dbg.stamp" ]; then
		echo "debug vmlinux of $rel"
		return 0
	fi
	return 1
}
if what=$(deps_missing); then
	say "missing: $what; running scripts/deps.sh --with-dbg"
	"$TOP/scripts/deps.sh" --with-dbg </dev/null
fi

KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
export KDIR
export MODPOST=${MODPOST:-$BUILD/modpost}
export MODPOST_SAN=${MODPOST_SAN:-$BUILD/san/modpost}
export STOCK_MODPOST=$KDIR/scripts/mod/modpost
say "KDIR $KDIR (release $("$TOP/scripts/kdir.sh" release "$KDIR"))"

mkdir -p "$LOGS"

# --- 2. build ---------------------------------------------------------------
names=()
results=()
npass=()
nfail=()
times=()
total_pass=0
total_fail=0
any_bad=0

record() { # name result passed failed seconds
	names+=("$1")
	results+=("$2")
	npass+=("$3")
	nfail+=("$4")
	times+=("$5")
	total_pass=$((total_pass + $3))
	total_fail=$((total_fail + $4))
	[ "$2" = ok ] || [ "$2" = skipped ] || any_bad=1
}

build_ok=1
for target in all sanitize; do
	say "make $target"
	t0=$SECONDS
	if make -C "$TOP" -j"$JOBS" BUILD="$BUILD" KDIR="$KDIR" "$target" </dev/null >"$LOGS/make-$target.log" 2>&1; then
		record "make $target" ok 1 0 $((SECONDS - t0))
	else
		tail -n 30 "$LOGS/make-$target.log"
		record "make $target" FAILED 0 1 $((SECONDS - t0))
		build_ok=0
	fi
done

# --- 3. suites ---------------------------------------------------------------
count_re='^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
for suite in "${SUITES[@]}"; do
	name=${suite#selftests/}
	name=${name%.sh}
	if [ -n "${CHECK_SUITES:-}" ] && [[ " $CHECK_SUITES " != *" $name "* ]]; then
		continue
	fi
	if [ ! -f "$TOP/$suite" ]; then
		say "$suite: not present, skipped"
		record "$name" skipped 0 0 0
		continue
	fi
	if [ "$build_ok" = 0 ]; then
		say "$suite: skipped, the build failed"
		record "$name" "not run" 0 1 0
		continue
	fi
	log=$LOGS/${name//\//-}.log
	say "$suite"
	t0=$SECONDS
	rc=0
	(cd "$TOP" && exec timeout -k 10 "$SUITE_TIMEOUT" bash "$TOP/$suite") </dev/null 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
	dt=$((SECONDS - t0))
	line=$(grep -E "$count_re" "$log" | tail -n 1 || true)
	if [ -z "$line" ]; then
		p=0
		f=1
		res="no count (exit $rc)"
	else
		p=$(sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed.*/\2/' <<<"$line")
		f=$(sed -E 's/^.* ([0-9]+) failed.*/\1/' <<<"$line")
		if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
			res="TIMEOUT"
			[ "$f" -gt 0 ] || f=1
		elif [ "$rc" != 0 ]; then
			res="FAILED (exit $rc)"
			[ "$f" -gt 0 ] || f=1
		elif [ "$f" -gt 0 ]; then
			res="FAILED (exit 0)"
		else
			res=ok
		fi
	fi
	record "$name" "$res" "$p" "$f" "$dt"
done

# --- 4. summary --------------------------------------------------------------
echo
say "summary (logs in $LOGS)"
printf '%-22s %-20s %8s %8s %7s\n' suite result passed failed time
for i in "${!names[@]}"; do
	printf '%-22s %-20s %8s %8s %6ss\n' "${names[$i]}" "${results[$i]}" "${npass[$i]}" "${nfail[$i]}" "${times[$i]}"
done
printf '%-22s %-20s %8s %8s %6ss\n' total "" "$total_pass" "$total_fail" $((SECONDS - start_all))
echo
echo "$total_pass passed, $total_fail failed"
if [ "$any_bad" = 1 ] || [ "$total_fail" -gt 0 ]; then
	exit 1
fi
exit 0
