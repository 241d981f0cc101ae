#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: on a fresh Debian 12 machine, install what is needed, build
# modpost, build the sample livepatch against the Debian kernel's headers
# with it (the reference to the non-exported saved_command_line is resolved
# at build time and converted after the link), boot that Debian kernel
# under QEMU and show /proc/cmdline before and after the patch.
#
# The kernel is Debian's newest 6.12 unless KDIR names another headers
# tree: `make demo KDIR=/usr/src/linux-headers-6.1.0-<n>-amd64` shows the
# same on Debian 12's default kernel (KSERIES=6.1 picks the newest one).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${KDIR:-}" ]; then
	KSERIES=$("$TOP/scripts/mod/kernel-series.sh" "$KDIR") ||
		{ echo "demo: KDIR=$KDIR is not a kernel build tree" >&2; exit 1; }
fi
export KSERIES=${KSERIES:-6.12}
export BUILD=${BUILD:-$TOP/build/$KSERIES}
W=${DEMO_WORK:-$BUILD/demo}
step=0
say() { step=$((step + 1)); printf '\n== %d. %s\n' "$step" "$*"; }
quote() { sed 's/^/   | /'; }

say "installing what is needed for Linux $KSERIES (Debian packages, the kernel images; the first run downloads about 1 GB)"
"$TOP/scripts/deps.sh" --with-dbg </dev/null | tail -n 4 | quote
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
REL=$("$TOP/scripts/kdir.sh" release "$KDIR")
export KDIR

say "building modpost for $KDIR"
make -s -C "$TOP" BUILD="$BUILD" KDIR="$KDIR" all
MODPOST=$BUILD/modpost
export MODPOST
echo "   $MODPOST"

say "building samples/livepatch/livepatch-annotated-sample.c with it (make livepatch: our modpost + the post-link step)"
rm -rf "$W" && mkdir -p "$W"
cp -r "$TOP/samples/livepatch" "$W/sample"
rm -rf "$W/sample/ambiguous"
echo "   \$ make livepatch KDIR=$KDIR M=$W/sample"
make -s -C "$TOP" BUILD="$BUILD" KDIR="$KDIR" livepatch M="$W/sample" 2>&1 | quote || true
ko=$W/sample/livepatch-annotated-sample.ko
[ -f "$ko" ] || { echo "demo: the sample did not build" >&2; exit 1; }
echo "   modpost resolved (recorded in livepatch-annotated-sample.mod.c):"
sed -n 's/^\t"\(.* .* .* [0-9]*\)\\n"$/     \1/p' "$W/sample/livepatch-annotated-sample.mod.c" | grep -v klp-modpost
echo "   the converted module:"
"$MODPOST" --klp-dump "$ko" | sed 's/^/     /'
"$MODPOST" --klp-check "$ko" | sed 's/^/     /'
echo "   will the kernel load it and patch what it says? (offline, from the debug vmlinux)"
"$MODPOST" --klp-verify "$ko" | sed 's/^/     /'

say "booting Debian $REL under QEMU (software emulation, about 10 s)"
# shellcheck source=../../selftests/kernel/lib/harness.sh
. "$TOP/selftests/kernel/lib/harness.sh"
KH_WORK=$W/qemu
kh_setup >/dev/null
kh_initramfs "$W/demo.cpio" "$TOP/scripts/demo/demo-guest.sh" \
	"$W/sample/livepatch-annotated-sample.ko:/root/livepatch-annotated-sample.ko" >/dev/null
kh_boot demo "$W/demo.cpio" >"$W/boot.out" || true
if ! grep -q '^DEMO| ' "$KH_LOG"; then
	echo "demo: the guest printed nothing; console log: $KH_LOG" >&2
	tail -n 30 "$KH_LOG" >&2
	exit 1
fi
sed -n 's/^DEMO| \(# .*\)$/   guest\1/p; s/^DEMO| \(.*\)$/   \1/p' "$KH_LOG" | sed 's/^   guest# /   guest# /'
grep -q 'livepatch=1' "$KH_LOG" || { echo "demo: /proc/cmdline was not patched" >&2; exit 1; }
printf '\n== done: the livepatch replaced cmdline_proc_show() using a symbol vmlinux does not export\n'
