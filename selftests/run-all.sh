#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every test suite (`make check`), for every supported kernel series.
#
#  1. installs what is missing (scripts/deps.sh) when a headers tree, an
#     extracted kernel image, a debug vmlinux or a needed tool is absent;
#  2. for each series (6.12, then 6.1: scripts/mod/profiles/), against the
#     newest installed Debian headers tree of that series:
#     builds modpost (`make`) and the sanitizer build (`make sanitize`) into
#     $BUILD/<series>, then runs each suite of SUITES, in order, with stdin
#     from /dev/null (those marked asan+ubsan: with MODPOST set to the
#     sanitizer build: the sanitizer suite; those marked only-<series>: for
#     that series only);
#  3. prints a summary table and the total line "N passed, N failed".
#
# Each suite reports in TAP through selftests/lib/tap.sh and ends its output
# with a line "N passed, N failed".  A suite that exits non-zero, prints no
# such line, passes nothing or is missing counts as failed.
#
# Exported to the suites: TOP, KDIR, BUILD, MODPOST (our binary),
# MODPOST_SAN (the sanitizer build), STOCK_MODPOST.
# Knobs: SUITE_TIMEOUT (seconds per suite, default 1500), RUNALL_LOGS (where
# full suite logs go, default $BUILD/test-logs), CHECK_SUITES (run only these,
# e.g. CHECK_SUITES="unit/run oracle/corpus"), CHECK_SERIES (only these
# series, e.g. CHECK_SERIES=6.1).
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
	selftests/oracle/srcversion-stock.sh
	selftests/oracle/srcversion-kbuild.sh
	selftests/oracle/secmismatch-elfgen.sh
	selftests/badinput/run.sh
	selftests/badinput/mutate.sh
	selftests/fuzz/regress.sh
	selftests/klp/run.sh
	selftests/klp/annotations.sh
	selftests/klp/index-vmlinux.sh
	selftests/klp/tools.sh
	selftests/klp/data-safety.sh
	selftests/integration/run.sh
	selftests/install/race.sh
	selftests/postlink/run.sh
	selftests/kernel/run.sh
	# in a kernel tree: the tree's kbuild changes are written for 6.12's
	only-6.12:selftests/intree/run.sh
	# the sanitizer suite: the same suites again, every modpost run by the
	# AddressSanitizer + UndefinedBehaviorSanitizer build, which stops at
	# the first report (so a report fails the test that caused it); they
	# cover each mode: modpost on ordinary modules and fixtures against
	# stock, the livepatch flow with finalize (every case
	# verified with --klp-verify), annotations; tools.sh (--klp-dump,
	# --klp-check, --klp-verify on damaged modules) and badinput (run.sh,
	# mutate.sh) run the sanitizer build themselves
	asan+ubsan:selftests/oracle/fixtures.sh
	asan+ubsan:selftests/klp/run.sh
	asan+ubsan:selftests/klp/annotations.sh
)

# The supported series, newest first (scripts/mod/profiles/<series>).
ALL_SERIES=$(cd "$TOP/scripts/mod/profiles" && ls -d */ | tr -d / | sort -V -r | tr '\n' ' ')
SERIES=${CHECK_SERIES:-$ALL_SERIES}

say() { printf '== %s\n' "$*"; }
start_all=$SECONDS

# --- 1. dependencies --------------------------------------------------------
deps_missing() { # series
	local kdir rel t
	for t in gcc make ld xz zstd cpio modinfo pahole busybox qemu-system-x86_64 python3 /usr/bin/time \
		bison flex bc; do
		command -v "$t" >/dev/null 2>&1 || {
			echo "tool $t"
			return 0
		}
	done
	# a kernel build (selftests/intree): objtool needs libelf, sign-file OpenSSL
	for t in /usr/include/gelf.h /usr/include/openssl/ssl.h; do
		[ -f "$t" ] || {
			echo "header $t"
			return 0
		}
	done
	kdir=$(KSERIES=$1 "$TOP/scripts/kdir.sh" default 2>/dev/null || true)
	if [ -z "$kdir" ] || [ ! -x "$kdir/scripts/mod/modpost" ]; then
		echo "kernel headers of Linux $1"
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
	# tests that build real kernel files read them from the source package
	if [ ! -r "/usr/src/linux-source-$1.tar.xz" ]; then
		echo "kernel sources of Linux $1"
		return 0
	fi
	return 1
}
for series in $SERIES; do
	if what=$(deps_missing "$series"); then
		say "missing: $what; running scripts/deps.sh --with-dbg for Linux $series"
		KSERIES=$series "$TOP/scripts/deps.sh" --with-dbg </dev/null
	fi
done

mkdir -p "$LOGS"

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
	[ "$2" = ok ] || any_bad=1
}

count_re='^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'

# run_series SERIES: build for that series' headers tree, run every suite
run_series() {
	local series=$1 build_ok=1 target t0 suite name log rc dt line p f res

	KDIR=$(KSERIES=$series "$TOP/scripts/kdir.sh" default)
	BUILD=$BUILD_TOP/$series
	MODPOST=$BUILD/modpost
	MODPOST_SAN=$BUILD/san/modpost
	STOCK_MODPOST=$KDIR/scripts/mod/modpost
	export KDIR BUILD MODPOST MODPOST_SAN STOCK_MODPOST
	say "Linux $series: KDIR $KDIR (release $("$TOP/scripts/kdir.sh" release "$KDIR")), BUILD $BUILD"

	for target in all sanitize; do
		say "$series: make $target"
		t0=$SECONDS
		if make -C "$TOP" -j"$JOBS" BUILD="$BUILD" KDIR="$KDIR" "$target" </dev/null >"$LOGS/$series-make-$target.log" 2>&1; then
			record "$series make $target" ok 1 0 $((SECONDS - t0))
		else
			tail -n 30 "$LOGS/$series-make-$target.log"
			record "$series make $target" FAILED 0 1 $((SECONDS - t0))
			build_ok=0
		fi
	done

	for suite in "${SUITES[@]}"; do
		local san= only
		if [[ $suite == only-*:* ]]; then
			only=${suite%%:*}
			suite=${suite#*:}
			[ "${only#only-}" = "$series" ] || continue
		fi
		if [[ $suite == asan+ubsan:* ]]; then
			san=1
			suite=${suite#asan+ubsan:}
		fi
		name=${suite#selftests/}
		name=${name%.sh}
		[ -z "$san" ] || name=asan+ubsan/$name
		if [ -n "${CHECK_SUITES:-}" ] && [[ " $CHECK_SUITES " != *" $name "* ]]; then
			continue
		fi
		if [ ! -f "$TOP/$suite" ]; then
			say "$suite: listed but not present"
			record "$series $name" missing 0 1 0
			continue
		fi
		if [ "$build_ok" = 0 ]; then
			say "$suite: skipped, the build failed"
			record "$series $name" "not run" 0 1 0
			continue
		fi
		log=$LOGS/$series-${name//\//-}.log
		say "$series: $suite"
		t0=$SECONDS
		rc=0
		(
			cd "$TOP"
			if [ -n "$san" ]; then
				export MODPOST=$MODPOST_SAN
				export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
				export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
			fi
			exec timeout -k 10 "$SUITE_TIMEOUT" bash "$TOP/$suite"
		) </dev/null 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
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
			elif [ "$p" = 0 ]; then
				# a suite that ran nothing has proven nothing
				res="ran no test"
				f=1
			else
				res=ok
			fi
		fi
		record "$series $name" "$res" "$p" "$f" "$dt"
	done
}

BUILD_TOP=$BUILD
for series in $SERIES; do
	run_series "$series"
done

# --- 3. summary --------------------------------------------------------------
echo
say "summary (logs in $LOGS)"
printf '%-32s %-20s %8s %8s %7s\n' suite result passed failed time
for i in "${!names[@]}"; do
	printf '%-32s %-20s %8s %8s %6ss\n' "${names[$i]}" "${results[$i]}" "${npass[$i]}" "${nfail[$i]}" "${times[$i]}"
done
printf '%-32s %-20s %8s %8s %6ss\n' total "" "$total_pass" "$total_fail" $((SECONDS - start_all))
echo
echo "$total_pass passed, $total_fail failed"
if [ "$any_bad" = 1 ] || [ "$total_fail" -gt 0 ]; then
	exit 1
fi
exit 0
