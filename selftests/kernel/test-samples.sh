#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The samples of samples/livepatch, built the way the README tells a user
# to (`make livepatch KDIR=... M=<copy of the samples>`: the annotation
# header comes from make livepatch, the Kbuild file has no ccflags for it),
# then loaded one after the other in the
# target kernel booted with intel_idle.max_cstate=3 processor.max_cstate=5:
#
#   livepatch-auto-sample       use case 1: saved_command_line, resolved
#                               automatically (unique, not exported)
#   livepatch-annotated-sample  the same through an array annotation
#   livepatch-sympos-sample     use case 2: both max_cstate, by position:
#                               /proc/cmdline must show 3 (intel_idle's) and
#                               5 (processor_idle's)
#
# Each must enable, change /proc/cmdline as its source says, disable and
# unload.  Use case 3 (samples/livepatch/ambiguous) must not build: that
# is checked by selftests/klp/run.sh.
#
# Environment: KDIR, BUILD (our modpost is built there for KDIR by `make
# livepatch`), KH_WORK; see lib/harness.sh.
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/harness.sh"
kh_setup

KH_TIMEOUT=${KH_TIMEOUT:-90}
W=$KH_WORK/samples
rm -rf "$W"
mkdir -p "$W/out"
SAMPLES="livepatch-auto-sample livepatch-annotated-sample livepatch-sympos-sample"

# --- build, as the README says -------------------------------------------------------
cp -r "$TOP/samples/livepatch" "$W/src"
rm -rf "$W/src/ambiguous"
t0=$SECONDS
if make -C "$TOP" BUILD="${BUILD:-$TOP/build}" KDIR="$KDIR" livepatch M="$W/src" \
	</dev/null >"$W/build.log" 2>&1; then
	kh_ok "make livepatch KDIR=$KDIR M=<samples> ($((SECONDS - t0))s)"
else
	kh_bail "make livepatch KDIR=$KDIR M=<samples>" "$(tail -n 20 "$W/build.log")"
fi
for s in $SAMPLES; do
	ko=$W/src/$s.ko
	if [ -f "$ko" ] && "${MODPOST:-${BUILD:-$TOP/build}/modpost}" --klp-check "$ko" >"$W/$s.check" 2>&1; then
		kh_ok "$s.ko built and converted (--klp-check: $(head -n 1 "$W/$s.check"))"
		cp "$ko" "$W/out/"
	else
		kh_fail "$s.ko built and converted" "$(cat "$W/$s.check" 2>/dev/null || echo "no $ko")"
	fi
done

# --- boot -------------------------------------------------------------------------
files=("$KH_LIB/kh-klp-guest.sh:/lib/kh-klp-guest.sh")
for f in "$W"/out/*.ko; do
	files+=("$f:/root/${f##*/}")
done
kh_initramfs "$W/samples.cpio" "$HERE/scenarios/samples.sh" "${files[@]}" || kh_bail "initramfs"
kh_boot samples "$W/samples.cpio" intel_idle.max_cstate=3 processor.max_cstate=5 || true
kh_guest_tap "$KH_LOG"
kh_done
