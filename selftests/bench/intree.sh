#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench-intree` (not part of make check): modpost over a real
# vmlinux.o and its modules, the critical path of every kernel build.
#
# Builds Debian's linux-source of the 6.12 series with x86_64_defconfig
# plus LIVEPATCH (and what it needs) and the livepatch samples, once,
# cached in $BUILD/bench-intree (about half an hour on 2 cores; delete the
# directory to rebuild).  Then runs the modpost command kbuild ran
# (.Module.symvers.cmd) with the tree's stock modpost and with ours (built
# for that tree: `make KDIR=<that build>`), alternately, BENCH_RUNS times
# each, and reports median wall time and peak RSS, and the ratios
# ours/stock.  After each of our runs the outputs (Module.symvers,
# .vmlinux.export.c, every .mod.c) must be those of stock: a difference
# ends the benchmark.  Target: wall <= 0.3x stock, RSS <= stock.
#
# With the livepatch samples in the build, our run also opens vmlinux.o's
# symbol index (their struct klp_func entries name vmlinux functions).
set -euo pipefail
export LC_ALL=C

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
W=$BUILD/bench-intree
SRC=$W/src
OUT=$W/out
RUNS=${BENCH_RUNS:-5}
series=6.12
tarball=/usr/src/linux-source-$series.tar.xz
unset MAKEFLAGS MFLAGS MAKEOVERRIDES MAKELEVEL

[ -r "$tarball" ] || "$TOP/scripts/deps.sh" --with-dbg </dev/null

if [ ! -f "$W/built.stamp" ]; then
	echo "== building x86_64_defconfig + LIVEPATCH from $tarball into $OUT (cached)"
	rm -rf "$W"
	mkdir -p "$W"
	tar -C "$W" -xJf "$tarball"
	mv "$W/linux-source-$series" "$SRC"
	make -s -C "$SRC" O="$OUT" x86_64_defconfig
	"$SRC/scripts/config" --file "$OUT/.config" \
		-e FTRACE -e FUNCTION_TRACER -e DYNAMIC_FTRACE -e KALLSYMS_ALL \
		-e LIVEPATCH -e SAMPLES -m SAMPLE_LIVEPATCH
	make -s -C "$SRC" O="$OUT" olddefconfig
	grep -qx 'CONFIG_LIVEPATCH=y' "$OUT/.config" || { echo "bench-intree: LIVEPATCH did not stick" >&2; exit 1; }
	t0=$SECONDS
	make -s -C "$SRC" O="$OUT" -j"$(nproc)" </dev/null >"$W/build.log" 2>&1 ||
		{ tail -n 30 "$W/build.log"; exit 1; }
	echo "built in $((SECONDS - t0)) s"
	touch "$W/built.stamp"
fi

echo "== our modpost for that tree"
make -s -C "$TOP" KDIR="$OUT" BUILD="$W/ours" all
ours=$W/ours/modpost
stock=$OUT/scripts/mod/modpost
cmd=$(sed -n 's/^savedcmd_[^ ]* := //p' "$OUT/.Module.symvers.cmd")
[ -n "$cmd" ] || { echo "bench-intree: no modpost command in $OUT/.Module.symvers.cmd" >&2; exit 1; }
cmd=${cmd#*scripts/mod/modpost }
nmods=$(wc -l <"$OUT/modules.order")
nlp=$(cd "$OUT" && sed 's/\.o$/.ko/' modules.order | while read -r ko; do
	if [ -n "$(modinfo -F livepatch "$ko" 2>/dev/null)" ]; then echo "$ko"; fi; done | wc -l)
echo "vmlinux.o: $(stat -c %s "$OUT/vmlinux.o") bytes, $nmods modules ($nlp livepatch modules)"

snapshot() { # DIR: modpost's outputs
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$OUT" && cp Module.symvers .vmlinux.export.c "$1/" &&
		sed 's/\.o$/.mod.c/' modules.order | tar -cf "$1/modc.tar" -T -)
}

run() { # PROG LABEL -> "wall rss" appended to $W/LABEL.times
	(cd "$OUT" && /usr/bin/time -f '%e %M' -o "$W/$2.one" $1 $cmd >/dev/null 2>"$W/$2.err") ||
		{ echo "bench-intree: $2 modpost failed:"; cat "$W/$2.err"; exit 1; }
	cat "$W/$2.one" >>"$W/$2.times"
}

rm -f "$W/stock.times" "$W/ours.times"
run "$stock" stock
snapshot "$W/stock.out"
for i in $(seq "$RUNS"); do
	run "$ours" ours
	snapshot "$W/ours.out"
	if ! diff -r "$W/stock.out" "$W/ours.out" >/dev/null; then
		echo "bench-intree: our outputs differ from stock's:"
		diff -r "$W/stock.out" "$W/ours.out" | head -n 20
		exit 1
	fi
	run "$stock" stock
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
sw=$(cut -d' ' -f1 "$W/stock.times" | median)
ow=$(cut -d' ' -f1 "$W/ours.times" | median)
sr=$(cut -d' ' -f2 "$W/stock.times" | median)
orss=$(cut -d' ' -f2 "$W/ours.times" | median)
echo "bench intree (x86_64_defconfig + LIVEPATCH, $nmods modules, $RUNS runs each, median):"
echo "  stock: wall ${sw} s, peak RSS ${sr} KiB"
echo "  ours:  wall ${ow} s, peak RSS ${orss} KiB"
awk -v o="$ow" -v s="$sw" 'BEGIN { printf "  ratio ours/stock wall time %.2f (target <= 0.3)\n", (s > 0 ? o / s : 0) }'
awk -v o="$orss" -v s="$sr" 'BEGIN { printf "  ratio ours/stock peak RSS %.2f (target <= 1.0)\n", (s > 0 ? o / s : 0) }'
echo "  outputs: Module.symvers, .vmlinux.export.c and $nmods .mod.c identical to stock's"
