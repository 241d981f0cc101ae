#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Synthetic objects no x86-64 build produces (secmismatch-elfgen/mkobjs.py:
# ELF32/ELF64, both byte orders, REL and RELA, several machines) through the
# stock modpost built for the object's class and byte order
# ($KDIR/scripts/mod/modpost.real-<class>) and through ours, each in a fresh
# copy of the same directory: stderr, stdout, exit status and every output
# file must be identical.  One TAP line per object.
#
# Environment: MODPOST (ours), KDIR (headers tree with the stock binaries),
# WORK (scratch directory, default a new one under /tmp, removed at the end).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
MODPOST=${MODPOST:-$TOP/build/modpost}
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"

if [ -z "$KDIR" ] || [ ! -x "$KDIR/scripts/mod/modpost.real-lsb-64" ]; then
	tap_fail "stock modpost binaries" "no $KDIR/scripts/mod/modpost.real-lsb-64 (make deps)"
	tap_done
fi
if [ -z "${WORK:-}" ]; then
	WORK=$(mktemp -d /tmp/secmismatch-elf.XXXXXX)
	trap 'rm -rf "$WORK"' EXIT
fi

python3 "$HERE/secmismatch-elfgen/mkobjs.py" "$WORK/gen" || {
	tap_fail "mkobjs.py writes the objects"
	tap_done
}
# -M (exports from .export_symbol) is 6.12's; 6.1's modpost has no such
# option, and finds exports by symbol name without it.
has_M=1
[ -n "$(kbuild_export_flag "$KDIR")" ] || has_M=0

for dir in "$WORK"/gen/*/; do
	name=$(basename "$dir")
	read -r cls flags < "$dir/args"
	[ $has_M = 1 ] || flags=$(sed -e 's/\(^\| \)-M\( \|$\)/\1\2/g' <<<"$flags")
	for who in stock ours; do
		if [ $who = stock ]; then
			bin=$KDIR/scripts/mod/modpost.real-$cls
		else
			bin=$MODPOST
		fi
		rm -rf "$WORK/run" && cp -a "$dir" "$WORK/run"
		# shellcheck disable=SC2086
		(cd "$WORK/run" && "$bin" $flags -o out.symvers "$name.o" \
			> "$WORK/$name.$who.out" 2> "$WORK/$name.$who.err"
		 echo "rc=$?" >> "$WORK/$name.$who.err")
		rm -rf "$WORK/$name.$who" && mkdir -p "$WORK/$name.$who"
		cp "$WORK/run"/*.mod.c "$WORK/run"/out.symvers "$WORK/$name.$who/" 2>/dev/null
	done
	if cmp -s "$WORK/$name.stock.err" "$WORK/$name.ours.err" &&
	   cmp -s "$WORK/$name.stock.out" "$WORK/$name.ours.out" &&
	   diff -r "$WORK/$name.stock" "$WORK/$name.ours" > /dev/null; then
		tap_ok "$name ($(grep -c . "$WORK/$name.stock.err") stderr lines, $(tail -1 "$WORK/$name.stock.err"))"
	else
		tap_fail "$name" \
			"$(diff "$WORK/$name.stock.err" "$WORK/$name.ours.err" | head -10)" \
			"$(diff "$WORK/$name.stock.out" "$WORK/$name.ours.out" | head -10)" \
			"$(diff -r "$WORK/$name.stock" "$WORK/$name.ours" | head -10)"
	fi
done
tap_done
