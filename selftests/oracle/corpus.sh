#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Corpus oracle (modpost-spec §9): run the stock modpost and ours with the same
# arguments over every module of the installed kernel, and compare the
# outputs byte for byte.
#
#   modes    e:     -M -m -o out.symvers -T modules.order -i <KDIR>/Module.symvers -e
#            no-e:  the same without -e
#            stdin: the list on standard input, "-T -" (6.1's kbuild does
#                   that; default mode there)
#            (-M only where kbuild passes it: 6.12 yes, 6.1 no)
#   tests    per mode: one test per module (its .mod.c: same bytes, or absent
#            on both sides), plus symvers output, other written files, stdout,
#            stderr, exit status, and a sanity test of the stock run itself.
#
# Environment:
#   MODPOST        our binary (default $BUILD/modpost, i.e. <repo>/build/modpost)
#   KDIR           headers tree (default `scripts/kdir.sh default`); the stock
#                  binary is $KDIR/scripts/mod/modpost
#   BUILD          where the corpus is cached (default <repo>/build)
#   CORPUS_MODES   modes to run (default "e no-e", and "stdin" for 6.1)
#   CORPUS_SHOW    how many differing files to show per mode (default 3)
#   CORPUS_TIMEOUT seconds allowed per modpost run (default 300)
#
# The trees of the last run are kept in <corpus>/last-run for inspection.
# The output ends with "N passed, N failed"; exit status 1 on any failure.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODPOST=${MODPOST:-${BUILD:-$TOP/build}/modpost}
MODES=${CORPUS_MODES:-}
SHOW=${CORPUS_SHOW:-3}
TIMEOUT=${CORPUS_TIMEOUT:-300}

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
abort() {
	tap_fail "corpus: $*"
	tap_done
}

KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
[ -n "$KDIR" ] && [ -d "$KDIR" ] || abort "no kernel headers tree (KDIR='$KDIR'); run scripts/deps.sh"
STOCK=$KDIR/scripts/mod/modpost
[ -x "$STOCK" ] || abort "stock modpost $STOCK missing"
[ -f "$KDIR/Module.symvers" ] || abort "$KDIR/Module.symvers missing"
case $MODPOST in /*) ;; *) MODPOST=$PWD/$MODPOST ;; esac
[ -x "$MODPOST" ] || abort "our modpost $MODPOST missing (run make)"

export KDIR
src=$("$TOP/selftests/oracle/corpus-prepare.sh") || abort "corpus preparation failed"
corpus=$(dirname "$src")
nmod=$(wc -l <"$src/modules.order")
echo "corpus: $nmod modules in $src"
echo "corpus: stock $STOCK"
echo "corpus: ours  $MODPOST"

# Leftovers of killed runs (a normal exit removes its own run directory).
find "$corpus" -maxdepth 1 -name 'run.*' -mmin +120 -exec rm -rf {} + 2>/dev/null || true
run=$(mktemp -d "$corpus/run.XXXXXX")
cleanup() { [ -z "${run:-}" ] || rm -rf "$run"; }
trap cleanup EXIT

# Short, bounded diff of two files.
show_diff() {
	diff -u --label "stock/$3" --label "ours/$3" "$1" "$2" 2>&1 | head -n "${4:-14}" | cut -c1-200 | sed "s/^/#       /" || true
}

# Run one binary in one tree: <tree> <stdin> <binary> <args...>; results
# next to the tree.
run_one() {
	local tree=$1 input=$2 bin=$3 rc=0
	shift 3
	(cd "$tree" && ulimit -c 0 && exec timeout "$TIMEOUT" "$bin" "$@" <"$input") \
		>"$tree.stdout" 2>"$tree.stderr" || rc=$?
	echo "$rc" >"$tree.rc"
}

# 6.1's modpost has no -M (getopt "ei:mnT:o:aWwENd:"): pass it only where
# kbuild does.
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
read -r -a mflag <<<"$(kbuild_export_flag "$KDIR")"
if [ -z "$MODES" ]; then
	MODES="e no-e"
	[ "$(kbuild_series "$KDIR")" != 6.1 ] || MODES="$MODES stdin"
fi

prev=
for mode in $MODES; do
	args=("${mflag[@]}" -m -o out.symvers -T modules.order -i "$KDIR/Module.symvers")
	input=/dev/null
	case $mode in
	e) args+=(-e) ;;
	no-e) ;;
	stdin)
		# 6.1's kbuild: sed 's/ko$/o/' modules.order | modpost ... -T -
		args=("${mflag[@]}" -m -o out.symvers -e -i "$KDIR/Module.symvers" -T -)
		input=$src/modules.order
		;;
	*) abort "unknown mode '$mode' (CORPUS_MODES: e, no-e, stdin)" ;;
	esac
	echo "corpus: mode $mode: modpost ${args[*]}$([ "$input" = /dev/null ] || echo " < $input")"
	s=$run/$mode-stock
	o=$run/$mode-ours
	cp -al "$src" "$s"
	cp -al "$src" "$o"
	t0=$EPOCHREALTIME
	run_one "$s" "$input" "$STOCK" "${args[@]}" &
	spid=$!
	run_one "$o" "$input" "$MODPOST" "${args[@]}" &
	opid=$!
	wait "$spid" "$opid"
	t1=$EPOCHREALTIME
	printf 'corpus: mode %s: both ran in %s s (exit status: stock %s, ours %s)\n' \
		"$mode" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$(cat "$s.rc")" "$(cat "$o.rc")"

	# Every file that differs or exists on one side only, relative to the tree.
	(cd "$run" && LC_ALL=C diff -rq "$mode-stock" "$mode-ours" || true) |
		LC_ALL=C awk -v s="$mode-stock" -v o="$mode-ours" '
			/^Files / { f = $2; sub("^" s "/", "", f); print f; next }
			/^Only in / {
				d = $3; sub(":$", "", d); f = $4
				sub("^(" s "|" o ")/?", "", d)
				print (d == "" ? f : d "/" f); next }
			{ print "?" $0 }' >"$run/$mode.differ"
	nstock=$(cd "$s" && find . -name '*.mod.c' | wc -l)

	# Sanity of the oracle itself: stock succeeded and wrote every .mod.c.
	if [ "$(cat "$s.rc")" = 0 ] && [ "$nstock" = "$nmod" ]; then
		tap_ok "$mode: stock run sane (exit 0, $nstock .mod.c)"
	else
		tap_fail "$mode: stock run not sane (exit $(cat "$s.rc"), $nstock of $nmod .mod.c): the oracle is broken"
	fi

	# Per module .mod.c.
	sed 's/\.o$/.mod.c/' "$src/modules.order" >"$run/$mode.expect"
	awk 'NR == FNR { d[$0] = 1; next } d[$0]' "$run/$mode.differ" "$run/$mode.expect" >"$run/$mode.badmods"
	nbad=$(wc -l <"$run/$mode.badmods")
	if [ "$nbad" = 0 ]; then
		tap_tally "$nmod" 0 "$mode: $nmod .mod.c identical (one check each)"
	else
		tap_tally $((nmod - nbad)) "$nbad" "$mode: .mod.c: $((nmod - nbad)) identical, $nbad differ or are missing on one side"
		show=$SHOW
		if [ -n "$prev" ] && cmp -s "$run/$prev.badmods" "$run/$mode.badmods"; then
			echo "#     (the same modules as in mode $prev)"
			show=1
		fi
		head -n "$show" "$run/$mode.badmods" | while read -r f; do
			if [ -f "$s/$f" ] && [ -f "$o/$f" ]; then
				echo "#     $f differs:"
				show_diff "$s/$f" "$o/$f" "$f"
			elif [ -f "$s/$f" ]; then
				echo "#     $f: not written by ours"
			else
				echo "#     $f: written by ours only"
			fi
		done
		[ "$nbad" -le "$show" ] || echo "#     ... and $((nbad - show)) more (list: $corpus/last-run/$mode.badmods)"
	fi

	# The symvers output.
	if ! grep -qx 'out.symvers' "$run/$mode.differ"; then
		tap_ok "$mode: out.symvers"
	elif [ -f "$s/out.symvers" ] && [ -f "$o/out.symvers" ]; then
		tap_fail "$mode: out.symvers differs"
		show_diff "$s/out.symvers" "$o/out.symvers" out.symvers
	else
		tap_fail "$mode: out.symvers written by $([ -f "$s/out.symvers" ] && echo stock || echo ours) only"
	fi

	# Anything else written (or deleted) by one side only.
	grep -v -x -F -f "$run/$mode.expect" "$run/$mode.differ" | grep -v -x 'out.symvers' >"$run/$mode.other" || true
	if [ ! -s "$run/$mode.other" ]; then
		tap_ok "$mode: no other files differ"
	else
		tap_fail "$mode: $(wc -l <"$run/$mode.other") other files differ:"
		head -n "$SHOW" "$run/$mode.other" | cut -c1-200 | sed 's/^/#       /'
	fi

	# stdout, stderr and exit status.
	for kind in stdout stderr; do
		if cmp -s "$s.$kind" "$o.$kind"; then
			tap_ok "$mode: $kind ($(wc -l <"$s.$kind") lines)"
		else
			tap_fail "$mode: $kind differs (stock $(wc -l <"$s.$kind") lines, ours $(wc -l <"$o.$kind") lines)"
			show_diff "$s.$kind" "$o.$kind" "$kind" 20
		fi
	done
	if [ "$(cat "$s.rc")" = "$(cat "$o.rc")" ]; then
		tap_ok "$mode: exit status $(cat "$s.rc")"
	else
		tap_fail "$mode: exit status: stock $(cat "$s.rc"), ours $(cat "$o.rc")"
	fi
	prev=$mode
done

# Keep this run for inspection.
rm -rf "$corpus/last-run"
mv -T "$run" "$corpus/last-run" 2>/dev/null && run=
echo "corpus: trees and outputs of this run: $corpus/last-run"
tap_done
