#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Data safety: what modpost writes is whole or not there, and what it was
# given is never damaged.  --klp-finalize (in place and with -o) and
# modpost's own outputs (Module.symvers, the .mod.c files) under:
#
#   a read-only file          (as an unprivileged user: root writes anyway)
#   a read-only directory     (the temporary file cannot be created)
#   a full file system        (a small tmpfs, filled up)
#   a file with hard links    (rewritten in place, on a full file system too)
#   two processes at once     (on the same module, on the same output)
#
# After every failure: exit 1 with a message naming the file (finalize:
# "ERROR: modpost: <file>: <reason>"; modpost's outputs: the stock tool's
# "<file>: <reason>", and the stock tool is run beside ours to show it),
# the input byte-identical, no temporary file left beside it.
#
# The modules: one livepatch case of selftests/klp (vmlinux-dup-decl),
# built here with our modpost and left unconverted (no post-link step),
# and an ordinary module built with it.
# Needs root (for the tmpfs mount and for running as "nobody"); SKIPs
# what it cannot set up.
#
# And text inputs that never end (an object list from /dev/zero).
#
# Environment: MODPOST, KDIR, TOP.
set -u
export LC_ALL=C
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
MODPOST=${MODPOST:-$TOP/build/modpost}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/klp-data-safety.XXXXXX")
chmod 0755 "$work"
mnt=$work/small
cleanup() {
	mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"
	rm -rf "$work"
}
trap cleanup EXIT

# --- the module ----------------------------------------------------------------------
case_dir=$work/case
cp -r "$TOP/selftests/klp/cases/vmlinux-dup-decl" "$case_dir"
cp "$TOP/selftests/klp/cases/lp-common.h" "$work/"
echo 'obj-m += ds_plain.o' >>"$case_dir/Kbuild"
cat >"$case_dir/ds_plain.c" <<'SRC'
#include <linux/module.h>
int ds_plain_value;
EXPORT_SYMBOL_GPL(ds_plain_value);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("data-safety: an ordinary module");
SRC
if ! env -u MAKEFLAGS -u MAKELEVEL make -C "$KDIR" M="$case_dir" MODPOST="$MODPOST" \
	KLP_INCLUDE="$TOP/include" SELFTEST_INCLUDE="$TOP/selftests/lib/include" \
	CFLAGS_MODULE=-DKLP_MODPOST_POSTLINK modules >"$work/build.log" 2>&1; then
	tap_fail "the livepatch module builds" "$(tail -5 "$work/build.log")"
	tap_done
fi
KO=$case_dir/lp_vmlinux_dup_decl.ko
if "$MODPOST" --klp-check "$KO" >/dev/null 2>&1; then
	tap_fail "the module is built unconverted" "--klp-check passes on it before finalize"
	tap_done
fi
tap_ok "the livepatch module builds, unconverted"
chmod 0644 "$KO"

converted() { "$MODPOST" --klp-check "$1" 2>/dev/null | grep -q "livepatch format intact"; }
temps_beside() { find "$(dirname "$1")" -maxdepth 1 -name '.*.tmp' | wc -l; }

# expect_refused DESC FILE-THAT-MUST-NOT-CHANGE MESSAGE-REGEX -- command...
expect_refused() {
	local desc=$1 keep=$2 msg=$3 before after rc=0 out
	shift 4
	before=$(sha256sum <"$keep")
	out=$("$@" 2>&1) || rc=$?
	after=$(sha256sum <"$keep")
	if [ "$rc" = 1 ] && grep -Eq "$msg" <<<"$out" && [ "$before" = "$after" ] &&
	   [ "$(temps_beside "$keep")" = 0 ]; then
		tap_ok "$desc: refused, input unchanged, no temporary left"
	else
		tap_fail "$desc" "exit $rc, input $([ "$before" = "$after" ] && echo unchanged || echo CHANGED), $(temps_beside "$keep") temporaries" "$(head -3 <<<"$out")"
	fi
}

as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
ERR='^(ERROR|FATAL): modpost: '
STOCK=$KDIR/scripts/mod/modpost
PLAIN_O=$case_dir/ds_plain.o
EXPORT_FLAG=$(kbuild_export_flag "$KDIR")	# -M (6.12) or nothing (6.1)
# stock_says COMMAND...: what the stock modpost prints (a note in the log)
stock_says() { local out rc=0; out=$("$@" 2>&1 >/dev/null) || rc=$?; echo "#   stock modpost: exit $rc: $(head -1 <<<"$out")"; }

# --- read-only file and directory (as an unprivileged user) --------------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	ro=$work/ro
	mkdir "$ro" && cp "$KO" "$ro/lp.ko" && chown -R nobody:nogroup "$ro"
	chmod 0444 "$ro/lp.ko"
	expect_refused "finalize a read-only module in place" "$ro/lp.ko" "${ERR}$ro/lp.ko: Permission denied" -- \
		as_nobody "$MODPOST" --klp-finalize "$ro/lp.ko"
	chmod 0644 "$ro/lp.ko"
	chmod 0555 "$ro"
	expect_refused "finalize in place in a read-only directory" "$ro/lp.ko" "${ERR}$ro/lp.ko: Permission denied" -- \
		as_nobody "$MODPOST" --klp-finalize "$ro/lp.ko"
	expect_refused "finalize -o into a read-only directory" "$ro/lp.ko" "${ERR}$ro/out.ko: Permission denied" -- \
		as_nobody "$MODPOST" --klp-finalize -o "$ro/out.ko" "$ro/lp.ko"
	# modpost's own outputs: Module.symvers and the .mod.c files
	chmod 0755 "$ro"
	cp "$PLAIN_O" "$case_dir/ds_plain.mod" "$ro/"
	printf 'old\n' >"$ro/Module.symvers"
	chown -R nobody:nogroup "$ro"
	chmod 0555 "$ro"
	expect_refused "modpost -o Module.symvers in a read-only directory (stock wording)" \
		"$ro/Module.symvers" "^$ro/ds_plain.mod.c: Permission denied\$" -- \
		as_nobody "$MODPOST" -a -o "$ro/Module.symvers" "$ro/ds_plain.o"
	stock_says as_nobody "$STOCK" -a -o "$ro/Module.symvers" "$ro/ds_plain.o"
	if [ ! -e "$ro/ds_plain.mod.c" ] && [ "$(cat "$ro/Module.symvers")" = old ]; then
		tap_ok "no .mod.c appears in the read-only directory, Module.symvers as it was"
	else
		tap_fail "no .mod.c appears in the read-only directory, Module.symvers as it was"
	fi
	chmod 0755 "$ro"
else
	tap_skip "read-only file and directory" "needs root and setpriv to run as nobody"
fi

# --- a full file system ------------------------------------------------------------------
mkdir -p "$mnt"
size_kb=$(( ($(stat -c %s "$KO") * 3) / 1024 + 64 ))
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o "size=${size_kb}k" klp-data-safety "$mnt" 2>/dev/null; then
	cp "$KO" "$mnt/lp.ko"
	ln "$mnt/lp.ko" "$mnt/lp-link.ko"
	cp "$KO" "$mnt/other.ko"
	# fill what is left (dd stops at ENOSPC)
	dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
	expect_refused "finalize in place on a full file system" "$mnt/other.ko" "${ERR}$mnt/other.ko: No space left on device" -- \
		"$MODPOST" --klp-finalize "$mnt/other.ko"
	expect_refused "finalize -o onto a full file system" "$mnt/other.ko" "${ERR}$mnt/out.ko: No space left on device" -- \
		"$MODPOST" --klp-finalize -o "$mnt/out.ko" "$mnt/other.ko"
	[ -e "$mnt/out.ko" ] && tap_fail "no half-written -o output" || tap_ok "no half-written -o output"
	expect_refused "finalize a hard-linked module on a full file system" "$mnt/lp.ko" "${ERR}$mnt/lp.ko: No space left on device" -- \
		"$MODPOST" --klp-finalize "$mnt/lp.ko"
	if [ "$(stat -c %h "$mnt/lp.ko")" = 2 ] && cmp -s "$mnt/lp.ko" "$KO"; then
		tap_ok "the hard-linked module: still two names, its old bytes"
	else
		tap_fail "the hard-linked module: still two names, its old bytes"
	fi
	rm -f "$mnt/filler"
	printf 'old\n' >"$mnt/Module.symvers"
	cp "$PLAIN_O" "$case_dir/ds_plain.mod" "$mnt/"
	dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
	expect_refused "modpost -o Module.symvers on a full file system (stock wording)" "$mnt/Module.symvers" \
		"^$mnt/ds_plain.mod.c: No space left on device\$" -- \
		"$MODPOST" -a -o "$mnt/Module.symvers" "$mnt/ds_plain.o"
	stock_says "$STOCK" -a -o "$mnt/Module.symvers" "$mnt/ds_plain.o"
	if [ "$(cat "$mnt/Module.symvers")" = old ] && [ ! -s "$mnt/ds_plain.mod.c" ]; then
		tap_ok "full file system: Module.symvers as it was, no .mod.c"
	else
		tap_fail "full file system: Module.symvers as it was, no .mod.c" "$(ls -l "$mnt")"
	fi
	# room again: the same commands succeed, and the hard links stay one file
	rm -f "$mnt/filler"
	rc=0
	"$MODPOST" --klp-finalize "$mnt/lp.ko" 2>"$work/err" || rc=$?
	if [ "$rc" = 0 ] && converted "$mnt/lp-link.ko" &&
	   [ "$(stat -c %i "$mnt/lp.ko")" = "$(stat -c %i "$mnt/lp-link.ko")" ]; then
		tap_ok "with room again: the hard-linked module is converted under both names"
	else
		tap_fail "with room again: the hard-linked module is converted" "exit $rc: $(cat "$work/err")"
	fi
	umount "$mnt"
else
	tap_skip "a full file system" "cannot mount a tmpfs (needs root)"
fi

# --- two processes at once ------------------------------------------------------------
# In place on one module, and -o to one output: each run either converts
# or finds the module already converted; the file is whole at the end.
bad=0
ko_sum=$(sha256sum <"$KO")
for i in $(seq 20); do
	cp "$KO" "$work/race.ko"
	"$MODPOST" --klp-finalize "$work/race.ko" 2>"$work/race1.err" &
	p1=$!
	"$MODPOST" --klp-finalize "$work/race.ko" 2>"$work/race2.err" &
	p2=$!
	r1=0 r2=0
	wait "$p1" || r1=$?
	wait "$p2" || r2=$?
	if [ "$r1" != 0 ] || [ "$r2" != 0 ] || ! converted "$work/race.ko" || [ "$(temps_beside "$work/race.ko")" != 0 ]; then
		bad=$((bad + 1))
		echo "# round $i: exit $r1/$r2: $(cat "$work/race1.err" "$work/race2.err" | head -2)"
	fi
	rm -f "$work/out.ko"
	"$MODPOST" --klp-finalize -o "$work/out.ko" "$KO" 2>"$work/race1.err" &
	p1=$!
	"$MODPOST" --klp-finalize -o "$work/out.ko" "$KO" 2>"$work/race2.err" &
	p2=$!
	r1=0 r2=0
	wait "$p1" || r1=$?
	wait "$p2" || r2=$?
	if [ "$r1" != 0 ] || [ "$r2" != 0 ] || ! converted "$work/out.ko" || [ "$(sha256sum <"$KO")" != "$ko_sum" ]; then
		bad=$((bad + 1))
		echo "# round $i (-o): exit $r1/$r2: $(cat "$work/race1.err" "$work/race2.err" | head -2)"
	fi
done
if [ "$bad" = 0 ]; then
	tap_ok "two finalize processes at once, 20 rounds in place and 20 with -o: always whole and converted"
else
	tap_fail "two finalize processes at once" "$bad of 40 rounds went wrong"
fi
bad=0
for i in $(seq 20); do
	"$MODPOST" $EXPORT_FLAG -m -i "$KDIR/Module.symvers" -o "$work/Module.symvers" "$PLAIN_O" 2>"$work/race1.err" &
	p1=$!
	"$MODPOST" $EXPORT_FLAG -m -i "$KDIR/Module.symvers" -o "$work/Module.symvers" "$PLAIN_O" 2>"$work/race2.err" &
	p2=$!
	r1=0 r2=0
	wait "$p1" || r1=$?
	wait "$p2" || r2=$?
	[ "$r1" = 0 ] && [ "$r2" = 0 ] && grep -q ds_plain_value "$work/Module.symvers" &&
		[ "$(temps_beside "$work/Module.symvers")" = 0 ] || {
		bad=$((bad + 1))
		echo "# round $i: exit $r1/$r2: $(cat "$work/race1.err" "$work/race2.err" | head -2)"
	}
done
if [ "$bad" = 0 ]; then
	tap_ok "two modpost processes writing one Module.symvers, 20 rounds: whole, no temporary left"
else
	tap_fail "two modpost processes writing one Module.symvers" "$bad of 20 rounds went wrong"
fi

# --- text inputs without end ----------------------------------------------------------
# The object list's first line is read to probe the first object (as
# Debian's dispatcher does): from /dev/zero the dispatcher reads until
# memory runs out, from a stdin of zeros the stock tool never returns.
# Ours stops after a path's length.  (Symbol maps: tools.sh.)
for list in /dev/zero -; do
	rc=0
	out=$(cd "$work" && ulimit -v 4000000 && timeout 20 "$MODPOST" -T "$list" </dev/zero 2>&1) || rc=$?
	if [ "$rc" = 1 ] && grep -Eq "${ERR}(/dev/zero|standard input): the first line is longer than a path can be" <<<"$out"; then
		tap_ok "modpost -T $list (zeros without end): refused after a path's length"
	else
		tap_fail "modpost -T $list (zeros without end)" "exit $rc (124: timed out)" "$(head -c 300 <<<"$out")"
	fi
done

tap_done
