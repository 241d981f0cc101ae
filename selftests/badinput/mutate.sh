#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutation suite: real modules, corrupted in many small ways by a
# deterministic mutator (mutate.c, fixed seed), through every mode of our
# modpost that reads a module:
#
#   modpost     as kbuild runs it for one external module: the series'
#               flags, -e, -i with the lines of KDIR's Module.symvers that
#               the module imports, the object list as the series' kbuild
#               gives it (6.12: -T modules.order; 6.1: -T - on stdin)
#   dump        --klp-dump MUTANT
#   check       --klp-check MUTANT
#   finalize    --klp-finalize COPY (in place, on a copy of the mutant)
#
# Each run of ours (the sanitizer build, and the normal build) must:
# terminate by itself within 20 s with status 0 or 1 (no signal, no hang),
# give no sanitizer report, say why when it fails (an "ERROR: modpost:"
# line, or the series' fatal prefix, or the stock tool's very words for
# the same failure: Debian's dispatcher says "Error: not ELF"), leave no
# output behind when it fails (no .mod.c, no Module.symvers, no temporary
# file; for finalize, the copy byte for byte as it was; except where the
# stock tool writes them too: section mismatches are reported after the
# files are written) and never modify its input.  Both builds must
# agree (status and messages).  The stock modpost runs on every mutant in
# modpost mode too: its crashes are expected and only counted; the figures
# of both are printed side by side at the end.
#
# The modules: a fixed sample of the target release's own modules (from
# each MUTATE_MODULES-th of the sorted list of those under 64 KiB
# compressed, the first the stock tool takes as it is; decompressed),
# and the project's livepatch samples (samples/livepatch) built here with
# our modpost: the object modpost reads, the linked module with its modpost
# record, and the finalized module.  Livepatch files get four times the
# share of mutants of an ordinary module.
#
# A failure prints the line that makes the same mutant again:
#   mutate GOOD SEED STREAM K+1 OUTPREFIX K
#
# Environment: KDIR, MODPOST, MODPOST_SAN, TOP;
#   MUTANTS        total number of mutants (default 1200)
#   MUTATE_SEED    the seed (default 20250611)
#   MUTATE_MODULES how many of the release's modules (default 60)
#   MUTATE_NORMAL  0: the sanitizer build only (default 1: both builds)
#   MUTATE_WORK    scratch directory (default: a fresh one, removed after a
#                  run without failures)
#   JOBS           parallel workers (default 2)
set -uo pipefail
export LC_ALL=C

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
MODPOST=${MODPOST:-$TOP/build/modpost}
MODPOST_SAN=${MODPOST_SAN:-$(dirname "$MODPOST")/san/modpost}
STOCK=$KDIR/scripts/mod/modpost
MUTANTS=${MUTANTS:-1200}
SEED=${MUTATE_SEED:-20250611}
NMODULES=${MUTATE_MODULES:-60}
NORMAL=${MUTATE_NORMAL:-1}
JOBS=${JOBS:-2}

for b in "$MODPOST" "$MODPOST_SAN" "$STOCK"; do
	if [ ! -x "$b" ]; then
		tap_fail "the binaries exist" "$b is missing (make; make sanitize)"
		tap_done
	fi
done
case $MODPOST in /*) ;; *) MODPOST=$PWD/$MODPOST ;; esac
case $MODPOST_SAN in /*) ;; *) MODPOST_SAN=$PWD/$MODPOST_SAN ;; esac

if [ -n "${MUTATE_WORK:-}" ]; then
	WORK=$MUTATE_WORK
	rm -rf "$WORK"
	mkdir -p "$WORK"
else
	WORK=$(mktemp -d /tmp/mutate.XXXXXX)
fi
SERIES=$(kbuild_series "$KDIR")
FATAL=$(kbuild_fatal_prefix "$KDIR")
t_start=$SECONDS

cc -O2 -std=c11 -Wall -Wextra -Werror -o "$WORK/mutate" "$TOP/selftests/badinput/mutate.c" ||
	{ tap_fail "the mutator builds"; tap_done; }

# --- the good modules -----------------------------------------------------------------
# the object list: a file (6.12), or standard input (6.1's kbuild: "-T -");
# "-i GOOD.symvers" is added per module
order=modules.order
[ "$SERIES" != 6.1 ] || order=-
read -r -a MODPOST_ARGS <<<"$(kbuild_export_flag "$KDIR") -m -a -E -N -e -o out.symvers -T $order"

# GOOD.symvers: the lines of KDIR's symbol dump for what GOOD imports
# (modpost reads some lines instead of ~30,000: the runs stay short; and
# no module is given its own exports, which 6.1 refuses to see twice)
imports_of() {
	{ nm -u "$1" 2>/dev/null | awk '{ print $NF }'
	  echo module_layout	# modpost adds it to every module's __versions
	} | awk 'NR == FNR { want[$1] = 1; next } want[$2]' - "$KDIR/Module.symvers" >"$1.symvers"
}

# passes PROG GOOD: modpost mode, as the mutants get it, exits 0
passes() {
	local d=$WORK/sanity base
	base=$(basename "$2")
	base=${base%%.*}
	rm -rf "$d" && mkdir -p "$d"
	cp "$2" "$d/$base.o"
	: >"$d/$base.mod"
	echo "$base.o" >"$d/modules.order"
	(cd "$d" && "$1" "${MODPOST_ARGS[@]}" -i "$2.symvers" <modules.order >/dev/null 2>err)
}

mkdir -p "$WORK/good"
moddir=$("$TOP/scripts/kdir.sh" modules "$KDIR") || { tap_fail "the module tree of $KDIR exists (make deps)"; tap_done; }
(cd "$moddir" && find kernel -type f -name '*.ko*' -size -64k | sort) >"$WORK/all-modules"
total=$(wc -l <"$WORK/all-modules")
if [ "$total" -lt "$NMODULES" ]; then
	tap_fail "the module tree has at least $NMODULES modules under 64 KiB" "$total in $moddir"
	tap_done
fi
# the first module of each NMODULES-th of the sorted list that the stock
# tool takes as it is (6.1's refuses a linked module that exports symbols:
# it sees their namespaces twice)
: >"$WORK/goods"
for ((i = 0; i < NMODULES; i++)); do
	for ((j = i * total / NMODULES; j < (i + 1) * total / NMODULES; j++)); do
		f=$(sed -n "$((j + 1))p" "$WORK/all-modules")
		base=$(basename "${f%%.ko*}")
		out=$WORK/good/$base.ko
		case $f in
		*.ko.xz) xz -dc "$moddir/$f" >"$out" ;;
		*.ko.zst) zstd -dcq "$moddir/$f" >"$out" ;;
		*.ko.gz) gzip -dc "$moddir/$f" >"$out" ;;
		*) cp "$moddir/$f" "$out" ;;
		esac
		imports_of "$out"
		if passes "$STOCK" "$out"; then
			echo "$out 1" >>"$WORK/goods"
			break
		fi
		rm -f "$out" "$out.symvers"
	done
done
tap_check "$NMODULES modules of the release that the stock tool takes as they are ($(wc -l <"$WORK/goods") found)" \
	[ "$(wc -l <"$WORK/goods")" = "$NMODULES" ]

# the livepatch samples, built with our modpost (kbuild writes only into M=)
lp=$WORK/lp
mkdir -p "$lp"
cp "$TOP"/samples/livepatch/Kbuild "$TOP"/samples/livepatch/*.c "$lp/"
# a small text symbol map of the target: resolution without the debug vmlinux
printf '%s\n' 'ffffffff81000000 T _stext' 'ffffffff81000000 T _text' \
	'ffffffff81100000 t cmdline_proc_show' 'ffffffff81200000 T _etext' \
	'ffffffff83000000 D saved_command_line' 'ffffffff83000100 d max_cstate' \
	'ffffffff83000200 d max_cstate' 'ffffffff84000000 B _end' >"$WORK/System.map"
unset KLP_VMLINUX KLP_MODULES_DIR KLP_RELEASE KLP_CACHE
export KLP_SYSTEM_MAP=$WORK/System.map
if env -u MAKEFLAGS -u MAKELEVEL make -C "$KDIR" M="$lp" MODPOST="$MODPOST" \
	ccflags-y="-I$TOP/include" modules >"$lp/build.log" 2>&1; then
	tap_ok "the livepatch samples build with our modpost"
	for ko in "$lp"/*.ko; do
		b=${ko%.ko}
		"$MODPOST" --klp-finalize -o "$b.final.ko" "$ko" ||
			tap_fail "--klp-finalize $(basename "$ko")"
		cp "$b.o" "$WORK/good/$(basename "$b").lp.o"
		cp "$ko" "$WORK/good/$(basename "$b").unfinalized.ko"
		cp "$b.final.ko" "$WORK/good/$(basename "$b").final.ko"
		for g in lp.o unfinalized.ko final.ko; do
			imports_of "$WORK/good/$(basename "$b").$g"
			echo "$WORK/good/$(basename "$b").$g 4" >>"$WORK/goods"
		done
	done
else
	tap_fail "the livepatch samples build with our modpost" "$(grep -m5 -e rror -e modpost "$lp/build.log")"
fi

# --- the good modules pass ---------------------------------------------------------
# modpost mode: ours takes every file as it is (a finalized module is no
# input of modpost: its annotations are emptied); the finalized modules
# are intact
bad=""
ngood=0
while read -r g _; do
	case $g in *.final.ko) continue ;; esac
	passes "$MODPOST" "$g" || bad+=" $(basename "$g"): $(head -1 "$WORK/sanity/err")"
	ngood=$((ngood + 1))
done <"$WORK/goods"
tap_check "modpost mode: ours takes the $ngood unmutated modules as they are" \
	eval '[ -z "$bad" ] || { echo "#$bad"; false; }'
bad=""
for g in "$WORK"/good/*.final.ko; do
	[ -e "$g" ] || continue
	"$MODPOST" --klp-check "$g" >/dev/null 2>"$WORK/sanity/err" || bad+=" $(basename "$g"): $(head -1 "$WORK/sanity/err")"
done
tap_check "--klp-check: the finalized livepatch samples are intact" eval '[ -z "$bad" ] || { echo "#$bad"; false; }'

# --- the mutants: MUTANTS spread over the good files by weight ------------------------
awk -v n="$MUTANTS" '
	{ file[NR] = $1; wt[NR] = $2 }
	END {
		# round robin over a list in which each file appears weight times
		for (i = 1; i <= NR; i++) for (k = 0; k < wt[i]; k++) slot[++s] = i
		for (j = 0; j < n; j++) cnt[slot[j % s + 1]]++
		for (i = 1; i <= NR; i++) if (cnt[i]) print i - 1, cnt[i], file[i]
	}' "$WORK/goods" >"$WORK/plan"

export WORK MODPOST MODPOST_SAN STOCK SEED FATAL NORMAL
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
export MODPOST_ARGS_STR="${MODPOST_ARGS[*]}"

# One good file's mutants.  Writes $WORK/res/STREAM: one line per run,
#   K MODE BINARY OUTCOME STATUS VERDICT [WHY]
# OUTCOME: ok | error | crashed | hang | silent; VERDICT: pass | FAIL (a
# broken promise) | - (the stock tool: not judged).  Runs in its own bash
# (xargs).
worker() {
	local stream=$1 count=$2 good=$3
	local base res dir k m rc
	local -a args
	read -r -a args <<<"$MODPOST_ARGS_STR"
	args+=(-i "$good.symvers")
	base=$(basename "$good")
	base=${base%%.*}
	res=$WORK/res/$stream
	dir=$WORK/run.$stream
	mkdir -p "$dir/mut"
	"$WORK/mutate" "$good" "$SEED" "$stream" "$count" "$dir/mut/m" >"$res.what" ||
		{ echo "- setup - - 0 FAIL the mutator failed on $good" >>"$res.res"; return; }

	# outcome FILE-OF-STDERR RC [stock]: ok | error | crashed | hang | silent
	# (for the stock tool, any message counts as an error message)
	outcome() {
		local err
		err=$(<"$1")
		if [ "$2" = 124 ]; then echo hang
		elif [ "$2" -ge 128 ] || [[ $err == *AddressSanitizer* ]] ||
			[[ $err == *"runtime error"* ]] || [[ $err == *LeakSanitizer* ]] ||
			[ "$2" = 86 ] || [ "$2" = 87 ]; then echo crashed
		elif [ "$2" = 0 ]; then echo ok
		elif grep -qE "^(ERROR|$FATAL): modpost: " "$1"; then echo error
		elif [ "${3:-}" = stock ] && [ -s "$1" ]; then echo error	# its own words
		else echo silent
		fi
	}
	# judge K MODE BIN RC DIR LEFTOVER: "K MODE BIN OUTCOME RC VERDICT [WHY]",
	# VERDICT "pass" or "FAIL" (a broken promise)
	judge() {
		local k=$1 mode=$2 bin=$3 rc=$4 d=$5 leftover=$6 o
		o=$(outcome "$d/err" "$rc")
		# the words of Debian's dispatcher ("Error: not ELF"), as stock says them
		if [ "$o" = silent ] && [ "$mode" = modpost ] && [ -s "$d/err" ] &&
			[ "$(<"$dir/stock/status")" = "$rc" ] && cmp -s "$dir/stock/err" "$d/err"; then
			o=error
		fi
		# what a failure said, kept for the report
		case $o:$rc:$leftover in ok:0: | error:1:) ;; *) cp "$d/err" "$res.$k.$mode.$bin.err" ;; esac
		case $o in
		ok | error)
			if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
				echo "$k $mode $bin $o $rc FAIL exit status $rc (0 or 1 expected)"
			elif [ -n "$leftover" ] && { [ "$rc" = 1 ] || [ "$mode" != modpost ]; }; then
				echo "$k $mode $bin $o $rc FAIL failed, but left $leftover behind"
			else
				echo "$k $mode $bin $o $rc pass"
			fi
			;;
		crashed) echo "$k $mode $bin $o $rc FAIL crashed (status $rc or a sanitizer report): $(grep -m1 -e Sanitizer -e 'runtime error' "$d/err")" ;;
		hang) echo "$k $mode $bin $o $rc FAIL did not finish within 20 s" ;;
		silent) echo "$k $mode $bin $o $rc FAIL exit status $rc without an ERROR or $FATAL line" ;;
		esac
	}

	local stock_rc stock_left
	for ((k = 0; k < count; k++)); do
		m=$dir/mut/m$k
		local sum
		sum=$(cksum <"$m")
		# modpost as kbuild runs it, for the stock tool and ours
		for bin in stock san normal; do
			local prog=$MODPOST d=$dir/$bin
			[ "$bin" = stock ] && prog=$STOCK
			[ "$bin" = san ] && prog=$MODPOST_SAN
			[ "$bin" = normal ] && [ "$NORMAL" = 0 ] && continue
			rm -rf "$d" && mkdir -p "$d"
			ln "$m" "$d/$base.o"
			: >"$d/$base.mod"
			echo "$base.o" >"$d/modules.order"
			cd "$d" || return
			rc=0
			(ulimit -c 0; timeout 20 "$prog" "${args[@]}" <modules.order >out 2>err) 2>/dev/null || rc=$?
			echo "$rc" >status
			cd "$WORK" || return
			local left=""
			compgen -G "$d/*.mod.c" >/dev/null && left="a .mod.c"
			[ -e "$d/out.symvers" ] && left="${left:+$left and }out.symvers"
			if [ "$bin" = stock ]; then
				echo "$k modpost stock $(outcome "$d/err" "$rc" stock) $rc -"
				stock_rc=$rc
				stock_left=$left
				continue
			fi
			# Section mismatches fail the run after the files are
			# written: the stock tool does the same (if it gets there)
			if [ -n "$left" ] && { { [ "$stock_rc" -lt 124 ] && [ "$left" = "$stock_left" ]; } ||
				! grep -E "^(ERROR|$FATAL): modpost: " "$d/err" |
					grep -qv '^ERROR: modpost: Section mismatches detected\.$'; }; then
				left=""
			fi
			judge "$k" modpost "$bin" "$rc" "$d" "$left"
		done >>"$res.res"
		# the livepatch tool modes (ours only)
		for bin in san normal; do
			local prog=$MODPOST d=$dir/$bin.klp
			[ "$bin" = san ] && prog=$MODPOST_SAN
			[ "$bin" = normal ] && [ "$NORMAL" = 0 ] && continue
			rm -rf "$d" && mkdir -p "$d"
			ln "$m" "$d/$base.ko"
			for mode in dump check; do
				rc=0
				(ulimit -c 0; cd "$d" && timeout 20 "$prog" --klp-$mode "$base.ko" >out 2>err) 2>/dev/null || rc=$?
				local -a files=("$d"/*)
				local left=""
				[ "${#files[@]}" = 3 ] || left="$(cd "$d" && echo *)"
				judge "$k" "$mode" "$bin" "$rc" "$d" "$left"
				rm -f "$d/out" "$d/err"
			done
			cp "$m" "$d/f.ko"
			rc=0
			(ulimit -c 0; cd "$d" && timeout 20 "$prog" --klp-finalize f.ko >out 2>err) 2>/dev/null || rc=$?
			local left=""
			[ "$rc" = 0 ] || cmp -s "$m" "$d/f.ko" || left="a changed module"
			for f in "$d"/.[!.]* "$d"/*; do
				case ${f##*/} in "$base.ko" | f.ko | out | err | '.[!.]*' | '*') ;; *) left="${left:+$left, }${f##*/}" ;; esac
			done
			judge "$k" finalize "$bin" "$rc" "$d" "$left"
		done >>"$res.res"
		if [ "$(cksum <"$m")" != "$sum" ]; then
			echo "$k input - - 0 FAIL the mutant was modified by one of the runs" >>"$res.res"
		fi
		# both builds of ours must say the same (modpost mode)
		if [ "$NORMAL" != 0 ] && { ! cmp -s "$dir/san/err" "$dir/normal/err" ||
			! cmp -s "$dir/san/status" "$dir/normal/status"; }; then
			echo "$k modpost both - 0 FAIL the sanitizer build (status $(<"$dir/san/status")) and the normal build (status $(<"$dir/normal/status")) disagree" >>"$res.res"
			diff "$dir/san/err" "$dir/normal/err" >"$res.$k.modpost.both.err"
		fi
		rm -f "$m"
	done
	rm -rf "$dir"
}
export -f worker

mkdir -p "$WORK/res"
t0=$SECONDS
# shellcheck disable=SC2016
xargs -P "$JOBS" -L 1 bash -c 'worker "$@"' _ <"$WORK/plan" 2>"$WORK/workers.log"
t1=$SECONDS

# --- the verdicts -------------------------------------------------------------------
nmut=$(awk '{ n += $2 } END { print n + 0 }' "$WORK/plan")
nruns=0
nfail=0
while read -r stream count good; do
	res=$WORK/res/$stream
	if [ ! -s "$res.res" ]; then
		tap_fail "the mutants of $(basename "$good") ran" "no results (see $WORK/workers.log)"
		continue
	fi
	nruns=$((nruns + $(awk '$6 == "pass"' "$res.res" | wc -l)))
	# one TAP line per broken promise, with what makes the mutant again
	while read -r k mode bin _ _ _ why; do
		nfail=$((nfail + 1))
		[ "$nfail" -le 100 ] || continue
		tap_fail "mutant $stream/$k of $(basename "$good"), $mode ($bin): $why" \
			"mutation: $(awk -F'\t' -v k="$k" '$1 == k { print $2 }' "$res.what")" \
			"make it: $WORK/mutate $good $SEED $stream $((k + 1)) /tmp/mutant $k" \
			"$(sed 's/^/  /' "$res.$k.$mode.$bin.err" 2>/dev/null | head -6)"
	done < <(awk '$6 == "FAIL"' "$res.res")
done <"$WORK/plan"
[ "$nfail" -le 100 ] || tap_note "... and $((nfail - 100)) more broken promises (see $WORK/res)"
if [ "$nruns" -gt 0 ]; then
	tap_tally "$nruns" 0 "$nmut mutants of $(wc -l <"$WORK/goods") modules ($SERIES): $nruns runs of ours kept every promise (no signal, hang, sanitizer report, silent failure, leftover output or modified input)"
else
	tap_fail "some run of ours kept its promises"
fi

# --- the figures ---------------------------------------------------------------------
figures() { # MODE BIN
	cat "$WORK"/res/*.res 2>/dev/null | awk -v m="$1" -v b="$2" '
		$2 == m && $3 == b { n[$4]++ }
		END { printf "%d ok, %d error, %d crashed (signal or sanitizer), %d silent, %d hang\n",
			n["ok"], n["error"], n["crashed"], n["silent"], n["hang"] }'
}
tap_note "figures ($SERIES, $nmut mutants, seed $SEED; runs $((t1 - t0)) s, all $((SECONDS - t_start)) s):"
tap_note "  modpost mode, stock:             $(figures modpost stock)"
tap_note "  modpost mode, ours (asan+ubsan): $(figures modpost san)"
[ "$NORMAL" = 0 ] || tap_note "  modpost mode, ours (normal):     $(figures modpost normal)"
for mode in dump check finalize; do
	tap_note "  --klp-$mode, ours (asan+ubsan): $(figures "$mode" san)"
done
# how the two tools' outcomes pair up (not a verdict: the stock tool trusts
# its input)
tap_note "  stock -> ours (asan+ubsan), modpost mode: $(
	for f in "$WORK"/res/*.res; do
		awk '$2 == "modpost" && ($3 == "stock" || $3 == "san") { print $1, $3, $4 }' "$f"
	done | awk '$2 == "stock" { s[$1] = $3 } $2 == "san" { o[$1] = $3 }
		$2 == "san" && ($1 in s) { c[s[$1] " -> " o[$1]]++; delete s[$1] }
		END { for (p in c) printf "%s: %d, ", p, c[p] }' | sed 's/, $//')"

if [ "$nfail" = 0 ] && [ -z "${MUTATE_WORK:-}" ]; then
	rm -rf "$WORK"
else
	tap_note "work directory kept: $WORK"
fi
tap_done
