#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness itself (lib/): one boot checks kernel arguments, mounts, extra
# files and the bulk channel (raw binary and gzip records); host-only checks
# run the log parser on synthetic console logs (results, exit status, panic).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/harness.sh"
kh_setup
W=$KH_WORK/harness
rm -rf "$W"
mkdir -p "$W"

# --- the log parser, on synthetic logs (no boot) ------------------------------
# kh_guest_tap's verdicts, counted in a subshell so they do not count here
parse() { # LOG -> "ok=N fail=N skip=N"
	(
		tap_reset
		kh_guest_tap "$1" >/dev/null
		echo "ok=$tap_passed fail=$tap_failed skip=$tap_skipped"
	)
}
printf '%s\n' 'noise KH-BEGIN 2.1' 'KH-TAP ok - a' '[ 3.0] kernel says something' \
	'KH-TAP not ok - b' 'KH-TAP # why b failed' 'KH-TAP ok - c # SKIP not today' \
	'KH-END rc=0 uptime=3.2' 'KH-TAP ok - after the end marker' >"$W/log1"
printf '%s\n' 'KH-BEGIN 2.1' 'KH-TAP ok - a' 'KH-END rc=3 uptime=3.2' >"$W/log2"
printf '%s\n' 'KH-BEGIN 2.1' 'KH-TAP ok - a' 'Kernel panic - not syncing: x' >"$W/log3"
printf '%s\n' 'KH-BEGIN 2.1' 'KH-END rc=0 uptime=3.2' >"$W/log4"
for c in "log1 ok=1 fail=1 skip=1" "log2 ok=1 fail=1 skip=0" "log3 ok=1 fail=1 skip=0" \
	"log4 ok=0 fail=1 skip=0"; do
	read -r log want <<<"$c"
	got=$(parse "$W/$log")
	if [ "$got" = "$want" ]; then
		kh_ok "parser: $log gives $got"
	else
		kh_fail "parser: $log" "expected '$want', got '$got'"
	fi
done

# --- one boot -------------------------------------------------------------------
mkdir -p "$W/files"
echo "payload 17" >"$W/files/payload.txt"
kh_initramfs "$W/harness.cpio" "$HERE/scenarios/harness.sh" "$W/files/payload.txt:/root/sub/dir/payload.txt" ||
	kh_bail "initramfs"
booted=1
kh_boot harness "$W/harness.cpio" khtoken=harness_ok_42 || booted=0
kh_guest_tap "$KH_LOG"
[ "$booted" = 1 ] || kh_done
for r in bin text; do
	want=$(sed -n "s/^KH-TAP # md5 $r \([0-9a-f]*\)$/\1/p" "$KH_LOG")
	got=$(md5sum <"$KH_BULKDIR/$r" 2>/dev/null | cut -d' ' -f1 || true)
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		kh_ok "bulk record '$r' arrives intact ($(wc -c <"$KH_BULKDIR/$r") bytes)"
	else
		kh_fail "bulk record '$r' arrives intact" "guest md5 '$want', host md5 '$got'"
	fi
done
if [ -f "$KH_BULKDIR/empty" ] && [ ! -s "$KH_BULKDIR/empty" ]; then
	kh_ok "empty bulk record"
else
	kh_fail "empty bulk record" "$(ls -l "$KH_BULKDIR")"
fi
kh_done
