#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmarks of our modpost against the stock one (`make bench`).
# Benchmarks report; they do not fail on a missed target (tests assert).
#
# Environment:
#   MODPOST      our binary (default $BUILD/modpost, BUILD default <repo>/build)
#   KDIR         headers tree (default `scripts/kdir.sh default`)
#   BENCH_RUNS   timed runs per binary and benchmark (default 3, interleaved)
#   BENCHES      benchmarks to run (default: all of the list below)
#
# To add a benchmark: write a function bench_<name> that calls measure_pair
# (or prints its own table) and append <name> to ALL_BENCHES.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
MODPOST=${MODPOST:-$BUILD/modpost}
RUNS=${BENCH_RUNS:-3}
GNU_TIME=/usr/bin/time

# Targets: ours/stock ratios to reach.
TARGET_WALL=0.3
TARGET_RSS=1.0

ALL_BENCHES=(corpus klp_index_vmlinux klp_index_modules klp_resolve klp_finalize)

die() {
	echo "bench: error: $*" >&2
	exit 1
}

KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
[ -n "$KDIR" ] && [ -d "$KDIR" ] || die "no kernel headers tree; run make deps"
export KDIR BUILD
STOCK=$KDIR/scripts/mod/modpost
[ -x "$STOCK" ] || die "stock modpost $STOCK missing; run make deps"
case $MODPOST in /*) ;; *) MODPOST=$PWD/$MODPOST ;; esac
[ -x "$MODPOST" ] || die "our modpost $MODPOST missing; run make"
[ -x "$GNU_TIME" ] || die "GNU time ($GNU_TIME) missing; run make deps"

# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/modpost-bench.XXXXXX")
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
meets() { awk -v r="$1" -v t="$2" 'BEGIN { print (r == "n/a") ? "(no comparison)" : (r + 0 <= t + 0) ? "met" : "NOT met" }'; }

# measure <label> <setup-fn> <dir> <binary> <args...>
# Runs <setup-fn> <dir> (untimed), then the binary in <dir> under GNU time;
# appends "<label> <wall s> <peak RSS KiB> <user s> <sys s> <exit>" to $work/results.
measure() {
	local label=$1 setup=$2 dir=$3 bin=$4 rc=0
	shift 4
	"$setup" "$dir"
	(cd "$dir" && exec "$GNU_TIME" -o "$work/time.out" -f '%e %M %U %S' "$bin" "$@") \
		>"$work/$label.stdout" 2>"$work/$label.stderr" || rc=$?
	echo "$label $(tail -n 1 "$work/time.out") $rc" >>"$work/results"
}

# measure_pair <name> <setup-fn> <args...>: one untimed warm-up run of each
# binary, then $RUNS interleaved timed runs of each, then the table.
measure_pair() {
	local name=$1 setup=$2 i
	shift 2
	: >"$work/results"
	measure warmup-stock "$setup" "$work/tree" "$STOCK" "$@"
	measure warmup-ours "$setup" "$work/tree" "$MODPOST" "$@"
	: >"$work/results"
	for ((i = 1; i <= RUNS; i++)); do
		measure stock "$setup" "$work/tree" "$STOCK" "$@"
		measure ours "$setup" "$work/tree" "$MODPOST" "$@"
	done
	report "$name"
}

report() {
	local name=$1 sw ow sr orss wr rr
	echo
	echo "bench $name: $RUNS timed runs each (after one warm-up), interleaved"
	printf '  %-6s %3s %8s %9s %8s %8s %5s\n' binary run wall_s rss_MiB user_s sys_s exit
	awk '{ n[$1]++; printf "  %-6s %3d %8.2f %9.1f %8.2f %8.2f %5s\n", $1, n[$1], $2, $3 / 1024, $4, $5, $6 }' "$work/results"
	sw=$(awk '$1 == "stock" { print $2 }' "$work/results" | median)
	ow=$(awk '$1 == "ours" { print $2 }' "$work/results" | median)
	sr=$(awk '$1 == "stock" { print $3 }' "$work/results" | median)
	orss=$(awk '$1 == "ours" { print $3 }' "$work/results" | median)
	wr=$(ratio "$ow" "$sw")
	rr=$(ratio "$orss" "$sr")
	printf '  median wall: stock %.2f s, ours %.2f s\n' "$sw" "$ow"
	printf '  median peak RSS: stock %.1f MiB, ours %.1f MiB\n' "$(awk -v k="$sr" 'BEGIN { print k / 1024 }')" \
		"$(awk -v k="$orss" 'BEGIN { print k / 1024 }')"
	printf '  %-28s %6s   target <= %-4s  %s\n' "ratio ours/stock wall time" "$wr" "$TARGET_WALL" "$(meets "$wr" "$TARGET_WALL")"
	printf '  %-28s %6s   target <= %-4s  %s\n' "ratio ours/stock peak RSS" "$rr" "$TARGET_RSS" "$(meets "$rr" "$TARGET_RSS")"
	if awk '$1 == "ours" && $6 != 0 { bad = 1 } END { exit !bad }' "$work/results"; then
		echo "  note: our modpost exited non-zero (stderr: $(head -c 200 "$work/ours.stderr" | head -n 1))"
	fi
	if ! cmp -s "$work/stock.stderr" "$work/ours.stderr"; then
		echo "  note: stderr differs from stock: outputs are not identical yet (see selftests/oracle/corpus.sh)"
	fi
}

# --- benchmarks --------------------------------------------------------------

# The whole installed module tree (modpost-spec §9), -e mode.  Every run
# gets a fresh tree of hardlinks, so that every .mod.c is written; all
# trees are made before the first timed run and removed after the last.
#
# Where the trees are matters more than it should: creating 4,000 files
# on ext4 costs both binaries about a second of system time while the
# inodes of files deleted in the last half minute are skipped (which any
# earlier benchmark or run leaves behind), several times what modpost
# itself spends.  So the corpus is measured twice: on a tmpfs (/dev/shm,
# when it has room), which measures the programs, and in the build
# directory, which is what a kbuild user's disk adds.  The target applies
# to the first.
corpus_src=
corpus_base=
corpus_tree=0
corpus_setup() {
	corpus_tree=$((corpus_tree + 1))
	ln -sfn "$corpus_base/corpus-$corpus_tree" "$1"
}
# corpus_at NAME DIR ARGS...: the pair of measurements with trees in DIR
corpus_at() {
	local name=$1 i
	corpus_base=$2
	shift 2
	mkdir -p "$corpus_base"
	for ((i = 1; i <= 2 * RUNS + 2; i++)); do
		cp -al "$corpus_src" "$corpus_base/corpus-$i"
	done
	sync -f "$corpus_base"
	corpus_tree=0
	measure_pair "$name" corpus_setup "$@"
	rm -rf "$corpus_base"/corpus-* "$work/tree"
}
bench_corpus() {
	local args=(-m -o out.symvers -T modules.order -i "$KDIR/Module.symvers" -e) shm
	corpus_src=$("$TOP/selftests/oracle/corpus-prepare.sh")
	echo "bench corpus: $(wc -l <"$corpus_src/modules.order") modules from $corpus_src"
	# -M where kbuild passes it (6.12; 6.1 has no such option)
	[ -z "$(kbuild_export_flag "$KDIR")" ] || args=(-M "${args[@]}")
	echo "  modpost ${args[*]}"
	shm=${BENCH_TMPFS:-/dev/shm}
	if [ -d "$shm" ] && [ -w "$shm" ] &&
	   [ "$(df -k --output=avail "$shm" | tail -n 1)" -gt "$(( $(du -sk "$corpus_src" | cut -f1) * 3 / 2 ))" ]; then
		shm=$(mktemp -d "$shm/modpost-bench.XXXXXX")
		cp -a "$corpus_src" "$shm/src"
		corpus_src=$shm/src corpus_at "corpus (tmpfs $shm)" "$shm" "${args[@]}"
		rm -rf "$shm"
	else
		echo "  (no tmpfs with room at $shm: measured on disk only)"
	fi
	corpus_at "corpus (build directory: $(df --output=fstype "$work" | tail -n 1))" "$work" "${args[@]}"
}

# The livepatch symbol index (scripts/livepatch/klp-index*.c) through
# `modpost --klp-dump-index --summary`: no stock counterpart, so these
# print absolute times against their own targets.
TARGET_INDEX_VMLINUX=0.1	# seconds for the debug vmlinux
TARGET_INDEX_MODULES=1.2	# ratio to decompressing every module, same parallelism

# time_cmd <outfile> <cmd...>: append "<wall s> <peak RSS KiB>" of one run
time_cmd() {
	local out=$1
	shift
	"$GNU_TIME" -o "$work/time.out" -f '%e %M' "$@" >/dev/null 2>"$work/cmd.err" ||
		echo "  note: $1 ... exited non-zero: $(head -c 200 "$work/cmd.err" | head -n 1)"
	tail -n 1 "$work/time.out" >>"$out"
}

debug_vmlinux() {
	local rel
	rel=$("$TOP/scripts/kdir.sh" release "$KDIR" 2>/dev/null) || return 1
	echo "${KLP_CACHE:-/var/cache/klp-modpost}/$rel/dbg/usr/lib/debug/boot/vmlinux-$rel"
}

bench_klp_index_vmlinux() {
	local v i med
	v=$(debug_vmlinux) || true
	echo
	if [ -z "$v" ] || [ ! -r "$v" ]; then
		echo "bench klp_index_vmlinux: skipped (no debug vmlinux; scripts/deps.sh --with-dbg)"
		return 0
	fi
	echo "bench klp_index_vmlinux: index of $v ($RUNS timed runs after one warm-up)"
	: >"$work/idx.times"
	time_cmd "$work/idx.warm" "$MODPOST" --klp-dump-index --vmlinux "$v" --summary
	for ((i = 1; i <= RUNS; i++)); do
		time_cmd "$work/idx.times" "$MODPOST" --klp-dump-index --vmlinux "$v" --summary
	done
	awk '{ printf "  run %d: %.2f s, peak RSS %.1f MiB\n", NR, $1, $2 / 1024 }' "$work/idx.times"
	med=$(awk '{ print $1 }' "$work/idx.times" | median)
	printf '  %-28s %6.2f s target <= %-4s  %s\n' "median wall time" "$med" "$TARGET_INDEX_VMLINUX" \
		"$(meets "$med" "$TARGET_INDEX_VMLINUX")"
	"$MODPOST" --klp-dump-index --vmlinux "$v" --summary | sed 's/^/  /'
}

# Decompress every module file under $1 with $2 parallel jobs, one process
# per file (as the index does), output discarded.
decompress_all() {
	local dir=$1 jobs=$2
	find "$dir" -name '*.ko.xz' -print0 | xargs -0 -r -P "$jobs" -n 1 xz -dcq -- >/dev/null
	find "$dir" -name '*.ko.zst' -print0 | xargs -0 -r -P "$jobs" -n 1 zstd -dcq -- >/dev/null
	find "$dir" -name '*.ko.gz' -print0 | xargs -0 -r -P "$jobs" -n 1 gzip -dcq -- >/dev/null
}

bench_klp_index_modules() {
	local dir jobs i n ratio mi md
	dir=$("$TOP/scripts/kdir.sh" modules "$KDIR" 2>/dev/null) || true
	echo
	if [ -z "$dir" ]; then
		echo "bench klp_index_modules: skipped (no module tree; run make deps)"
		return 0
	fi
	jobs=$(getconf _NPROCESSORS_ONLN)
	n=$(find "$dir" -name '*.ko*' | wc -l)
	echo "bench klp_index_modules: $n modules under $dir, $jobs parallel jobs ($RUNS interleaved runs)"
	if [ -z "$(find "$dir" \( -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz' \) -print -quit)" ]; then
		# nothing to decompress (Debian's 6.1 installs modules as they are):
		# the index alone, against the same target as its full time
		echo "  (the modules are not compressed: the index time is shown alone)"
	fi
	# vmlinux is not what is measured here: a one-line map stands in for it
	echo "ffffffff81000000 T _stext" >"$work/tiny.map"
	export -f decompress_all
	: >"$work/dec.times"
	: >"$work/mod.times"
	for ((i = 1; i <= RUNS; i++)); do
		time_cmd "$work/dec.times" bash -c 'decompress_all "$1" "$2"' _ "$dir" "$jobs"
		time_cmd "$work/mod.times" "$MODPOST" --klp-dump-index --map "$work/tiny.map" \
			--modules "$dir" --all-modules --summary
	done
	paste "$work/dec.times" "$work/mod.times" |
		awk '{ printf "  run %d: decompress %.2f s, index %.2f s (peak RSS %.1f MiB)\n", NR, $1, $3, $4 / 1024 }'
	md=$(awk '{ print $1 }' "$work/dec.times" | median)
	mi=$(awk '{ print $1 }' "$work/mod.times" | median)
	ratio=$(ratio "$mi" "$md")
	# uncompressed modules: decompressing is free; report n/a, not a ratio to nothing
	awk -v d="$md" 'BEGIN { exit !(d < 0.1) }' && ratio=n/a
	printf '  median: decompress %.2f s, index %.2f s\n' "$md" "$mi"
	printf '  %-28s %6s   target <= %-4s  %s\n' "ratio index/decompress" "$ratio" \
		"$TARGET_INDEX_MODULES" "$(meets "$ratio" "$TARGET_INDEX_MODULES")"
}

# -----------------------------------------------------------------------------
echo "bench: stock $STOCK"
echo "bench: ours  $MODPOST"
# Resolution of a livepatch object with 100 references to unique,
# non-exported vmlinux symbols, after the index is built: modpost's own
# phase timing (KLP_STATS=1) separates the two.
TARGET_KLP_RESOLVE_MS=${TARGET_KLP_RESOLVE_MS:-10}
bench_klp_resolve() {
	local v d i med layout
	v=$(debug_vmlinux) || true
	echo
	if [ -z "$v" ] || [ ! -r "$v" ]; then
		echo "bench klp_resolve: skipped (no debug vmlinux; scripts/deps.sh --with-dbg)"
		return 0
	fi
	layout=$BUILD/generated/klp-layout.h
	[ -f "$layout" ] || die "no $layout: build modpost first"
	d=$work/klp_resolve
	rm -rf "$d" && mkdir -p "$d/nomodules"

	# 100 names that are unique in vmlinux, local, C identifiers, not exported
	cut -f2 "$KDIR/Module.symvers" | sort -u >"$d/exported"
	"$MODPOST" --klp-dump-index --vmlinux "$v" |
		awk '$1 == "vmlinux" && $4 == 1 && $6 ~ /^[tdbr]$/ && $2 ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && $2 !~ /^__/ { print $2 }' |
		sort -u | comm -23 - "$d/exported" | awk 'NR % 97 == 0 && ++n <= 100' >"$d/names"
	[ "$(wc -l <"$d/names")" = 100 ] || die "could not pick 100 symbols"

	{
		echo '#include "klp-layout.h"'
		echo 'static const char mi_license[] __attribute__((section(".modinfo"), used, aligned(1))) = "license=GPL";'
		echo 'static const char mi_livepatch[] __attribute__((section(".modinfo"), used, aligned(1))) = "livepatch=Y";'
		awk '{ printf "extern char %s[];\n", $1 }' "$d/names"
		echo 'void *const lp_refs[] __attribute__((used)) = {'
		awk '{ printf "\t%s,\n", $1 }' "$d/names"
		echo '};'
		# struct klp_patch / klp_object as the target lays them out
		cat <<'EOC'
extern char __this_module[];
/* three functions the patch replaces, checked as klp_enable_patch() will */
struct lp_func {
	char pad0[KLPL_OFF_klp_func_old_name];
	const char *old_name;
	char pad1[KLPL_OFF_klp_func_new_func - KLPL_OFF_klp_func_old_name - sizeof(void *)];
	void *new_func;
	char pad2[KLPL_OFF_klp_func_old_sympos - KLPL_OFF_klp_func_new_func - sizeof(void *)];
	unsigned long old_sympos;
	char pad3[KLPL_SIZE_klp_func - KLPL_OFF_klp_func_old_sympos - sizeof(long)];
};
static int lp_new(void) { return 0; }
static struct lp_func lp_funcs[4] __attribute__((used)) = {
	{ .old_name = "cmdline_proc_show", .new_func = lp_new },
	{ .old_name = "meminfo_proc_show", .new_func = lp_new },
	{ .old_name = "print_cpu", .new_func = lp_new, .old_sympos = 2 },
};
struct lp_object {
	char pad0[KLPL_OFF_klp_object_name];
	void *name;
	char pad1[KLPL_OFF_klp_object_funcs - KLPL_OFF_klp_object_name - sizeof(void *)];
	void *funcs;
	char pad2[KLPL_SIZE_klp_object - KLPL_OFF_klp_object_funcs - sizeof(void *)];
};
struct lp_patch {
	char pad0[KLPL_OFF_klp_patch_mod];
	void *mod;
	char pad1[KLPL_OFF_klp_patch_objs - KLPL_OFF_klp_patch_mod - sizeof(void *)];
	void *objs;
	char pad2[KLPL_SIZE_klp_patch - KLPL_OFF_klp_patch_objs - sizeof(void *)];
};
static struct lp_object lp_objs[2] __attribute__((used)) = { { .funcs = lp_funcs } };
static struct lp_patch lp_patch __attribute__((used)) = { .mod = __this_module, .objs = lp_objs };
EOC
	} >"$d/lp100.c"
	cc -O2 -fno-pic -I"$BUILD/generated" -c -o "$d/lp100.o" "$d/lp100.c" || die "cannot compile the benchmark livepatch"
	: >"$d/lp100.mod"
	echo "lp100.o" >"$d/modules.order"

	echo "bench klp_resolve: a livepatch with 100 references and 3 klp_func entries, resolution"
	echo "  and klp_func checks after the index ($RUNS runs)"
	: >"$d/times"
	for ((i = 0; i <= RUNS; i++)); do
		(cd "$d" && KLP_STATS=1 KLP_VMLINUX="$v" KLP_MODULES_DIR="$d/nomodules" \
			"$MODPOST" $(kbuild_export_flag "$KDIR") -o out.symvers -T modules.order -i "$KDIR/Module.symvers" -e \
			>/dev/null 2>"$d/err") || { cat "$d/err" >&2; die "modpost failed on the benchmark livepatch"; }
		[ "$i" -gt 0 ] && sed -n 's/^klp-stats: index-vmlinux \([0-9.]*\) s, index-modules [0-9.]* s, resolve \([0-9.]*\) s for \([0-9]*\) references, why-missing [0-9.]* s (first [0-9.]* s)$/\1 \2 \3/p' "$d/err" >>"$d/times"
	done
	[ "$(grep -c . "$d/times")" = "$RUNS" ] || die "no klp-stats line from modpost"
	awk '{ printf "  run %d: index %.1f ms, resolve %.3f ms for %d references\n", NR, $1 * 1000, $2 * 1000, $3 }' "$d/times"
	med=$(awk '{ print $2 * 1000 }' "$d/times" | median)
	printf '  %-28s %6.3f ms target <= %-4s  %s\n' "median resolution time" "$med" "$TARGET_KLP_RESOLVE_MS" \
		"$(meets "$med" "$TARGET_KLP_RESOLVE_MS")"
	grep -c "^$(printf '\t')\"" "$d/lp100.mod.c" | awk '{ printf "  %d record lines written (of 100)\n", $1 - 1 }'

	# the same livepatch with names the target does not have: the "why" of
	# each comes from the debug vmlinux's DWARF (first lookup, then a second)
	local m=$d/missing
	rm -rf "$m" && mkdir -p "$m/nomodules"
	sed -e 's/^void \*const lp_refs\[\] __attribute__((used)) = {$/extern char show_val_kb[], saved_command_lin[];\n&\n\tshow_val_kb, saved_command_lin,/' \
		"$d/lp100.c" >"$m/lp100.c"
	cc -O2 -fno-pic -I"$BUILD/generated" -c -o "$m/lp100.o" "$m/lp100.c" || die "cannot compile the benchmark livepatch"
	: >"$m/lp100.mod"
	echo "lp100.o" >"$m/modules.order"
	echo "bench klp_why_missing: the same livepatch plus two names the target lacks (an inlined"
	echo "  static, a typo), explained from the debug vmlinux ($RUNS runs)"
	: >"$m/times"
	for ((i = 0; i <= RUNS; i++)); do
		(cd "$m" && KLP_STATS=1 KLP_VMLINUX="$v" KLP_MODULES_DIR="$m/nomodules" \
			"$MODPOST" $(kbuild_export_flag "$KDIR") -o out.symvers -T modules.order -i "$KDIR/Module.symvers" -e \
			>/dev/null 2>"$m/err") || { cat "$m/err" >&2; die "modpost failed on the benchmark livepatch"; }
		grep -q "why: show_val_kb is a static function of fs/proc/meminfo.c" "$m/err" ||
			die "no reason for show_val_kb: $(head -5 "$m/err")"
		[ "$i" -gt 0 ] && sed -n 's/^klp-stats: .* resolve \([0-9.]*\) s for [0-9]* references, why-missing \([0-9.]*\) s (first \([0-9.]*\) s)$/\1 \2 \3/p' "$m/err" >>"$m/times"
	done
	[ "$(grep -c . "$m/times")" = "$RUNS" ] || die "no klp-stats line from modpost"
	awk '{ printf "  run %d: first name %.1f ms, second name %.1f ms\n", NR, $3 * 1000, ($2 - $3) * 1000 }' "$m/times"
	med=$(awk '{ print $3 * 1000 }' "$m/times" | median)
	printf '  %-28s %6.1f ms target <= %-4s  %s\n' "median first lookup" "$med" "$TARGET_KLP_WHY_MS" \
		"$(meets "$med" "$TARGET_KLP_WHY_MS")"
	med=$(awk '{ print ($2 - $3) * 1000 }' "$m/times" | median)
	printf '  %-28s %6.1f ms target <= %-4s  %s\n' "median repeated lookup" "$med" "$TARGET_KLP_WHY_MS" \
		"$(meets "$med" "$TARGET_KLP_WHY_MS")"
}

# The post-link step per module: 100 copies of a linked livepatch module
# (converted) and 100 copies of an ordinary module (left alone), finalized
# in place by one process each, so that start-up does not count.
# diagnosing missing names: at most 1 s on the 2-core reference machine
TARGET_KLP_WHY_MS=${TARGET_KLP_WHY_MS:-1000}
TARGET_FINALIZE_LP_MS=${TARGET_FINALIZE_LP_MS:-5}
TARGET_FINALIZE_PLAIN_MS=${TARGET_FINALIZE_PLAIN_MS:-1}
bench_klp_finalize() {
	local d=$work/klp_finalize lp plain i kind t med
	echo
	rm -rf "$d" && mkdir -p "$d"
	cp -r "$TOP/samples/livepatch" "$d/sample"
	rm -rf "$d/sample/ambiguous"
	# linked but not converted: kbuild with our modpost, without the step
	if ! env -u MAKEFLAGS make -s -C "$KDIR" M="$d/sample" MODPOST="$MODPOST" \
		ccflags-y="-I$TOP/include" modules >"$d/build.log" 2>&1; then
		echo "bench klp_finalize: skipped (the sample livepatch does not build here: $(grep -m1 -e rror "$d/build.log"))"
		return 0
	fi
	lp=$d/sample/livepatch-annotated-sample.ko
	# an ordinary module of the Debian image (the corpus keeps them as .o)
	local corpus
	corpus=$("$TOP/selftests/oracle/corpus-prepare.sh")
	plain=$corpus/drivers/ata/pata_netcell.o
	[ -f "$plain" ] || plain=$(find "$corpus" -name '*.o' -size +100k -print -quit)
	[ -n "$plain" ] || die "no corpus module for the ordinary case"
	echo "bench klp_finalize: modpost --klp-finalize on 100 copies per run ($RUNS runs)"
	echo "  livepatch: $(basename "$lp") ($(stat -c %s "$lp") bytes); ordinary: ${plain#"$corpus"/} ($(stat -c %s "$plain") bytes)"
	for kind in lp plain; do
		: >"$d/$kind.times"
		for ((i = 0; i <= RUNS; i++)); do
			rm -rf "$d/$kind" && mkdir -p "$d/$kind"
			for n in $(seq 1 100); do
				if [ "$kind" = lp ]; then cp "$lp" "$d/$kind/m$n.ko"; else cp "$plain" "$d/$kind/m$n.ko"; fi
			done
			local t0 t1
			t0=$(date +%s.%N)
			"$MODPOST" --klp-finalize "$d/$kind"/m*.ko >/dev/null
			t1=$(date +%s.%N)
			[ "$i" -gt 0 ] && awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' >>"$d/$kind.times"
		done
		med=$(awk '{ print $1 * 1000 / 100 }' "$d/$kind.times" | median)
		if [ "$kind" = lp ]; then
			printf '  %-28s %6.3f ms target <= %-4s  %s\n' "livepatch module, each" "$med" \
				"$TARGET_FINALIZE_LP_MS" "$(meets "$med" "$TARGET_FINALIZE_LP_MS")"
			"$MODPOST" --klp-check "$d/lp/m1.ko" | sed 's/^/  check: /'
		else
			printf '  %-28s %6.3f ms target <= %-4s  %s\n' "ordinary module, each" "$med" \
				"$TARGET_FINALIZE_PLAIN_MS" "$(meets "$med" "$TARGET_FINALIZE_PLAIN_MS")"
			cmp -s "$plain" "$d/plain/m1.ko" && echo "  ordinary module unchanged (byte-identical)"
		fi
	done
}

read -r -a benches <<<"${BENCHES:-${ALL_BENCHES[*]}}"
for b in "${benches[@]}"; do
	declare -F "bench_$b" >/dev/null || die "unknown benchmark '$b' (known: ${ALL_BENCHES[*]})"
	"bench_$b"
done
