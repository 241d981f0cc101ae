#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Kernel profiles: which series a build tree is (scripts/mod/kernel-series.sh),
# that an unsupported series fails the build with a message naming the
# supported ones, and that a binary run by the kbuild of another series
# stops with one clear line.
#
# Environment: MODPOST (ours), KDIR (the tree it was built for), TOP.
# Output: TAP (selftests/lib/tap.sh).
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
: "${MODPOST:?set MODPOST}"
: "${KDIR:?set KDIR}"

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"

work=$(mktemp -d /tmp/kernel-series.XXXXXX)
trap 'rm -rf "$work"' EXIT

# fake_tree DIR MAJOR PATCHLEVEL: a tree that says which version it is
fake_tree() {
	mkdir -p "$1/include/generated/uapi/linux"
	printf '#define LINUX_VERSION_CODE 0\n#define LINUX_VERSION_MAJOR %s\n#define LINUX_VERSION_PATCHLEVEL %s\n#define LINUX_VERSION_SUBLEVEL 7\n' \
		"$2" "$3" >"$1/include/generated/uapi/linux/version.h"
	printf 'VERSION = %s\nPATCHLEVEL = %s\n' "$2" "$3" >"$1/Makefile"
}

series=$("$TOP/scripts/mod/kernel-series.sh" "$KDIR")
supported=$(cd "$TOP/scripts/mod/profiles" && ls -d */ | tr -d / | sort | paste -sd, | sed 's/,/, /g')
tap_check "KDIR $KDIR is a supported series ($series; supported: $supported)" \
	grep -qx "$series" <(cd "$TOP/scripts/mod/profiles" && ls -d */ | tr -d /)

# --- the series of a tree, from its version header or its Makefile ---
fake_tree "$work/v510" 5 10
tap_check "kernel-series.sh reads the version header (5.10)" \
	test "$("$TOP/scripts/mod/kernel-series.sh" "$work/v510")" = 5.10
mkdir -p "$work/src612"
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\n' >"$work/src612/Makefile"
tap_check "kernel-series.sh reads an unprepared tree's Makefile (6.12)" \
	test "$("$TOP/scripts/mod/kernel-series.sh" "$work/src612")" = 6.12
tap_check "kernel-series.sh fails on a directory that is no kernel tree" \
	bash -c "! '$TOP/scripts/mod/kernel-series.sh' '$work/nothing' >/dev/null 2>&1"

# --- building for an unsupported series fails, naming the supported ones ---
out=$(make -C "$TOP" KDIR="$work/v510" BUILD="$work/build" all 2>&1)
rc=$?
want="KDIR=$work/v510 is Linux 5.10; this modpost supports Linux $supported"
if [ $rc -ne 0 ] && grep -qF "$want" <<<"$out" && [ ! -e "$work/build/modpost" ]; then
	tap_ok "make KDIR=<5.10 tree> fails: $want"
else
	tap_fail "make KDIR=<5.10 tree> (exit $rc): $(head -c 300 <<<"$out")"
fi
out=$(make -C "$TOP" KDIR="$work/nothing" BUILD="$work/build" all 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -qF "KDIR=$work/nothing is not a kernel build tree" <<<"$out"; then
	tap_ok "make KDIR=<not a kernel tree> fails with a clear message"
else
	tap_fail "make KDIR=<not a kernel tree> (exit $rc): $(head -c 300 <<<"$out")"
fi
out=$(make -C "$TOP" KDIR="$work/v510" BUILD="$work/build" clean 2>&1)
tap_check "goals that build nothing do not need a supported KDIR (make clean)" test $? -eq 0

# --- a binary run by the kbuild of another series says so ---
for other in $(cd "$TOP/scripts/mod/profiles" && ls -d */ | tr -d /) 5.10; do
	[ "$other" = "$series" ] && continue
	fake_tree "$work/tree-$other" "${other%%.*}" "${other#*.}"
	out=$(cd "$work/tree-$other" && "$MODPOST" -m -o "$work/x.symvers" -e -T - </dev/null 2>&1)
	rc=$?
	want="modpost: this modpost was built for Linux $series, but it runs in the build tree of Linux $other ($work/tree-$other): build one for that tree (make KDIR=$work/tree-$other) and use it"
	if [ $rc -eq 1 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -qF "$want" <<<"$out"; then
		tap_ok "run in a $other tree: one line, exit 1"
	else
		tap_fail "run in a $other tree (exit $rc): $out"
	fi
done
fake_tree "$work/tree-same" "${series%%.*}" "${series#*.}"
out=$(cd "$work/tree-same" && "$MODPOST" -o "$work/x.symvers" 2>&1)
tap_check "run in a tree of its own series: no complaint" test $? -eq 0 -a -z "$out"

tap_done
