#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fixture oracle: build every external-module fixture of selftests/oracle/fixtures/
# with kbuild, once with the stock modpost and once with ours (MODPOST=), in
# the same fixed directory, and compare everything modpost influences:
#
#   make-status     make's exit status
#   make-output     make's stdout+stderr (compiler and modpost messages)
#   listing         the names of all files left in the build directory
#   file:<f>        every *.mod.c, Module.symvers, modules.nsdeps
#   ko:<f>          every .ko, after removing the non-reproducible .BTF
#   direct:<case>   both binaries run directly on the stock-built objects
#                   with the arguments of a line of the fixture's `direct`
#                   file (status, stdout, stderr, every file written)
#   expect:<n>      sanity checks of the stock behaviour (`expect` file),
#                   so that a fixture that stops triggering its case shows
#
# The fixture format is described in selftests/oracle/fixtures/README.md.
#
# Usage: fixtures.sh [FIXTURE...]            (default: every fixture)
# Environment:
#   MODPOST        ours (default <repo>/build/modpost)
#   KDIR           kernel build tree (default `scripts/kdir.sh default`)
#   FIXTURE_WORK   work directory (default /tmp/modpost-fixtures); each
#                  fixture is built in the fixed path $FIXTURE_WORK/m/<name>
#   JOBS           fixtures built in parallel (default 2)
#   DIFF_LINES     lines of diff shown per failing check (default 40)
#
# Reports in TAP (selftests/lib/tap.sh): one "ok N - <fixture>/<check>" or
# "not ok N - ..." per check, a failing check followed by its bounded diff as
# "#" lines; ends with "N passed, N failed"; exits 1 if anything failed or
# nothing ran, 2 on a setup error.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURES=$TOP/selftests/oracle/fixtures
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
MODPOST=${MODPOST:-$TOP/build/modpost}
STOCK=$KDIR/scripts/mod/modpost
WORK=${FIXTURE_WORK:-/tmp/modpost-fixtures}
JOBS=${JOBS:-2}
DIFF_LINES=${DIFF_LINES:-40}

die() {
	printf 'fixtures: error: %s\n' "$*" >&2
	exit 2
}

[ -n "$KDIR" ] && [ -d "$KDIR" ] || die "no kernel build tree (KDIR='$KDIR')"
[ -x "$STOCK" ] || die "no stock modpost at $STOCK"
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
SERIES=$(kbuild_series "$KDIR") || die "cannot tell the kernel series of $KDIR"
# -M: what kbuild passes for module exports (6.12; 6.1 has no such option)
KBUILD_M=$(kbuild_export_flag "$KDIR")
case $MODPOST in /*) ;; *) MODPOST=$PWD/$MODPOST ;; esac
[ -x "$MODPOST" ] || die "our modpost '$MODPOST' does not exist (build it with make)"
case $WORK in
/*) ;;
*) die "FIXTURE_WORK must be an absolute path" ;;
esac
case $WORK in *[[:space:]]*) die "FIXTURE_WORK must not contain white space" ;; esac

# A clean, fixed environment for make and modpost: nothing from the caller
# (MAKEFLAGS of an enclosing make, KBUILD_*, W=, V=, ...) may leak in.
clean_env=(env -i "PATH=$PATH" "HOME=${HOME:-/root}" LC_ALL=C LANG=C)

mkdir -p "$WORK"
# Two runs sharing a work directory would build into the same fixed paths.
exec 9>"$WORK/.lock"
flock -w 900 9 || die "$WORK is locked by another run"

# applies NAME: does the fixture apply to this kernel series (its `series` file)?
applies() {
	[ ! -f "$FIXTURES/$1/series" ] || grep -qxF "$SERIES" "$FIXTURES/$1/series"
}

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for d in "$FIXTURES"/*/; do
		[ -f "$d/Kbuild" ] || [ -f "$d/Makefile" ] || continue	# include/ has neither
		applies "$(basename "$d")" || continue
		names+=("$(basename "$d")")
	done
fi
for n in "${names[@]}"; do
	[ -d "$FIXTURES/$n" ] || die "no fixture '$n' in $FIXTURES"
done
[ ${#names[@]} -gt 0 ] || die "no fixtures in $FIXTURES"

# ---- helpers (all run inside one fixture's subshell) ----

# Escape a string for the pattern / the replacement side of sed's s|||.
re_quote() { printf '%s' "$1" | sed -e 's/[][\\.*^$|]/\\&/g'; }
repl_quote() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

# subst: replace @M@, @KDIR@ and @KBUILD_M@ (stdin -> stdout)
subst() {
	sed -e "s|@M@|$(repl_quote "$B")|g" -e "s|@KDIR@|$(repl_quote "$KDIR")|g" \
		-e "s|@KBUILD_M@|$KBUILD_M|g"
}

# Replace the two binaries' paths by a neutral word (they show in getopt
# messages and in make's report of a failed command).
normalise() {
	sed -e "s|$(re_quote "$MODPOST")|<modpost>|g" -e "s|$(re_quote "$STOCK")|<modpost>|g" \
		-e "s|scripts/mod/modpost|<modpost>|g"
}

# Non-comment, non-empty lines of a control file that apply to this
# series: a line that starts with "[<series>] " applies only there (the
# tag is removed), every other line everywhere.
control_lines() {
	[ -f "$1" ] || return 0
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1" |
		awk -v series="$SERIES" '
			/^\[[0-9.]+\] / {
				tag = substr($1, 2, length($1) - 2)
				if (tag != series)
					next
				sub(/^\[[0-9.]+\] /, "")
			}
			{ print }' || true
}

report() { printf '%s\n' "$*" >>"$REPORT"; }
pass() { report "ok   $NAME/$1"; }
# fail CHECK [FILE-WITH-DETAILS]
fail() {
	report "FAIL $NAME/$1"
	if [ $# -gt 1 ] && [ -s "$2" ]; then
		local total
		total=$(wc -l <"$2")
		head -n "$DIFF_LINES" "$2" | sed 's/^/    /' >>"$REPORT"
		if [ "$total" -gt "$DIFF_LINES" ]; then
			report "    ... ($((total - DIFF_LINES)) more lines)"
		fi
	fi
}

# compare CHECK A B: pass if the files are identical, else fail with a diff
compare() {
	local check=$1 a=$2 b=$3 d=$R/diff.tmp
	if [ ! -e "$a" ] && [ ! -e "$b" ]; then
		pass "$check"
	elif [ ! -e "$a" ]; then
		echo "written only by ours" >"$d"
		fail "$check" "$d"
	elif [ ! -e "$b" ]; then
		echo "written by stock, not by ours" >"$d"
		fail "$check" "$d"
	elif cmp -s "$a" "$b"; then
		pass "$check"
	else
		diff -u --label stock --label ours "$a" "$b" >"$d" || true
		[ -s "$d" ] || echo "files differ" >"$d"
		fail "$check" "$d"
	fi
}

# compare_ko CHECK A B: like compare, but explain a difference between two
# objects section by section (names of the differing sections, then a hex
# diff of their contents).
compare_ko() {
	local check=$1 a=$2 b=$3 d=$R/diff.tmp sec
	if [ ! -e "$a" ] || [ ! -e "$b" ] || cmp -s "$a" "$b"; then
		compare "$@"
		return
	fi
	{
		diff -u --label stock --label ours <(readelf -SW "$a" | sed -n '/^  \[/p') \
			<(readelf -SW "$b" | sed -n '/^  \[/p') || true
		while read -r sec; do
			if ! cmp -s <(readelf -x "$sec" "$a" 2>&1) <(readelf -x "$sec" "$b" 2>&1); then
				echo "section $sec differs:"
				diff <(readelf -x "$sec" "$a" 2>&1) <(readelf -x "$sec" "$b" 2>&1) | head -n 8 || true
			fi
		done < <(readelf -SW "$a" | sed -n 's/^  \[ *[0-9]*\] \([^ ]*\) .*/\1/p' | grep -v '^$' | LC_ALL=C sort -u)
	} >"$d"
	[ -s "$d" ] || echo "files differ (ELF headers)" >"$d"
	fail "$check" "$d"
}

# Fresh copy of the fixture in its fixed build directory; *.in files are
# instantiated (placeholders replaced) under their name without .in.
prepare() {
	rm -rf "$B"
	mkdir -p "$B"
	cp -a "$FIXTURES/$NAME/." "$B/"
	local f
	while IFS= read -r -d '' f; do
		subst <"$f" >"${f%.in}"
	done < <(find "$B" -name '*.in' -type f -print0)
}

# kbuild stock|ours: build the fixture and collect the outputs in $R/<which>
kbuild() {
	local which=$1 out=$R/$1 st=0
	local args=(-C "$KDIR" "M=$B")
	[ "$which" = ours ] && args+=("MODPOST=$MODPOST")
	local a
	while IFS= read -r a; do
		args+=("$(printf '%s' "$a" | subst)")
	done < <(control_lines "$FIXTURES/$NAME/make-args")

	rm -rf "$out"
	mkdir -p "$out/files" "$out/ko"
	"${clean_env[@]}" timeout 600 make "${args[@]}" </dev/null >"$out/make.raw" 2>&1 || st=$?
	echo "$st" >"$out/status"
	normalise <"$out/make.raw" >"$out/make.out"

	(cd "$B" && find . -mindepth 1 | LC_ALL=C sort) >"$out/listing"
	local f
	while IFS= read -r -d '' f; do
		f=${f#./}
		mkdir -p "$out/files/$(dirname "$f")"
		cp "$B/$f" "$out/files/$f"
	done < <(cd "$B" && find . \( -name '*.mod.c' -o -name Module.symvers -o -name modules.nsdeps \) -type f -print0)
	while IFS= read -r -d '' f; do
		f=${f#./}
		mkdir -p "$out/ko/$(dirname "$f")"
		objcopy -R .BTF "$B/$f" "$out/ko/$f" 2>"$out/ko/$f.objcopy-err" ||
			cp "$B/$f" "$out/ko/$f"
		[ -s "$out/ko/$f.objcopy-err" ] || rm -f "$out/ko/$f.objcopy-err"
	done < <(cd "$B" && find . -name '*.ko' -type f -print0)
}

# Manifest (checksums of every file) of a directory.
manifest() {
	(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# direct_run CASE stock|ours STDIN ARGS...: restore the stock-built
# directory, run one binary with cwd = KDIR (as kbuild does) and STDIN as
# its standard input, collect status, messages and every file it created,
# changed or removed.
direct_run() {
	local case=$1 which=$2 input=$3
	shift 3
	local out=$R/direct/$case/$which bin=$STOCK st=0
	[ "$which" = ours ] && bin=$MODPOST
	rm -rf "$B" "$out"
	cp -a "$SNAP" "$B"
	mkdir -p "$out/files"
	(cd "$KDIR" && "${clean_env[@]}" timeout 60 "$bin" "$@" <"$input" \
		>"$out/stdout.raw" 2>"$out/stderr.raw") || st=$?
	echo "$st" >"$out/status"
	normalise <"$out/stdout.raw" >"$out/stdout"
	normalise <"$out/stderr.raw" >"$out/stderr"
	rm -f "$out/stdout.raw" "$out/stderr.raw"
	manifest "$B" | LC_ALL=C sort >"$out/manifest"
	# changed or new files, and removed ones
	local f
	while IFS= read -r f; do
		f=${f#./}
		mkdir -p "$out/files/$(dirname "$f")"
		cp "$B/$f" "$out/files/$f"
	done < <(LC_ALL=C comm -13 "$R/snap.manifest" "$out/manifest" | sed 's/^[0-9a-f]*  //')
	LC_ALL=C comm -23 <(sed 's/^[0-9a-f]*  //' "$R/snap.manifest" | LC_ALL=C sort) \
		<(sed 's/^[0-9a-f]*  //' "$out/manifest" | LC_ALL=C sort) >"$out/removed"
	rm -f "$out/manifest"
}

# A last argument "<FILE" is not passed: FILE becomes standard input (as
# 6.1's kbuild feeds the object list to "-T -").
direct_cases() {
	local line case argstr args d input
	[ -f "$FIXTURES/$NAME/direct" ] || return 0
	while IFS= read -r line; do
		case=${line%%:*}
		argstr=${line#*:}
		case=${case//[[:space:]]/}
		argstr=$(printf '%s' "$argstr" | subst)
		read -r -a args <<<"$argstr"
		input=/dev/null
		if [ ${#args[@]} -gt 0 ] && [[ ${args[-1]} == '<'* ]]; then
			input=${args[-1]#<}
			unset 'args[-1]'
		fi
		direct_run "$case" stock "$input" "${args[@]}"
		direct_run "$case" ours "$input" "${args[@]}"
		d=$R/diff.tmp
		if diff -r -u "$R/direct/$case/stock" "$R/direct/$case/ours" >"$d"; then
			pass "direct:$case"
		else
			sed -i -e "s|$R/direct/$case/||g" \
				-e 's/^\(---\|+++\) \([^\t]*\)\t.*/\1 \2/' "$d"
			fail "direct:$case" "$d"
		fi
	done < <(control_lines "$FIXTURES/$NAME/direct")
}

# expect_status WANT: the stock build's exit status
expect_status() {
	local want=$1 got d=$R/diff.tmp
	got=$(cat "$R/stock/status")
	if [ "$got" = "$want" ]; then
		pass "expect:status $want"
	else
		{
			echo "stock build exited $got"
			tail -n 20 "$R/stock/make.raw"
		} >"$d"
		fail "expect:status $want" "$d"
	fi
}

# Sanity checks of the stock results, from the fixture's `expect` file.
expectations() {
	local line kw rest want got text case n=0 have_status='' d=$R/diff.tmp
	while IFS= read -r line; do
		kw=${line%%[[:space:]]*}
		rest=${line#"$kw"}
		rest=${rest#"${rest%%[![:space:]]*}"}
		n=$((n + 1))
		case $kw in
		status)
			have_status=1
			expect_status "$rest"
			;;
		contains | lacks)
			text=$(printf '%s' "$rest" | subst)
			if grep -qF -- "$text" "$R/stock/make.raw"; then got=contains; else got=lacks; fi
			if [ "$got" = "$kw" ]; then
				pass "expect:$kw '$rest'"
			else
				echo "stock make output $got the text" >"$d"
				fail "expect:$kw '$rest'" "$d"
			fi
			;;
		direct-status)
			case=${rest%%[[:space:]]*}
			want=${rest#"$case"}
			want=${want//[[:space:]]/}
			got=$(cat "$R/direct/$case/stock/status" 2>/dev/null || echo none)
			if [ "$got" = "$want" ]; then
				pass "expect:direct-status $case $want"
			else
				echo "stock direct run '$case' exited $got" >"$d"
				fail "expect:direct-status $case $want" "$d"
			fi
			;;
		direct-contains)
			case=${rest%%[[:space:]]*}
			text=${rest#"$case"}
			text=${text#"${text%%[![:space:]]*}"}
			text=$(printf '%s' "$text" | subst)
			if cat "$R/direct/$case/stock/stdout" "$R/direct/$case/stock/stderr" 2>/dev/null |
				grep -qF -- "$text"; then
				pass "expect:direct-contains $case '$text'"
			else
				echo "stock direct run '$case' does not print the text" >"$d"
				fail "expect:direct-contains $case '$text'" "$d"
			fi
			;;
		*)
			echo "unknown keyword '$kw' in expect" >"$d"
			fail "expect:line$n" "$d"
			;;
		esac
	done < <(control_lines "$FIXTURES/$NAME/expect")
	# Without a status line the stock build must succeed.
	[ -n "$have_status" ] || expect_status 0
}

run_fixture() {
	NAME=$1
	B=$WORK/m/$NAME
	SNAP=$WORK/snap/$NAME
	R=$WORK/results/$NAME
	REPORT=$R/report
	rm -rf "$R" "$SNAP"
	mkdir -p "$R" "$WORK/snap"
	: >"$REPORT"

	prepare
	kbuild stock
	# The direct runs start from the stock-built objects without the files
	# modpost wrote, so that every run writes its outputs afresh; the
	# stock build's Module.symvers stays available as kbuild.symvers.
	cp -a "$B" "$SNAP"
	find "$SNAP" \( -name '*.mod.c' -o -name modules.nsdeps \) -type f -delete
	[ ! -f "$SNAP/Module.symvers" ] || mv "$SNAP/Module.symvers" "$SNAP/kbuild.symvers"
	# 6.1's modules.order names the .ko files; its kbuild turns them into
	# objects on the way to modpost (sed 's/ko$/o/' | modpost -T -), and
	# so do the direct runs' lists.
	if [ -f "$SNAP/modules.order" ] && grep -q '\.ko$' "$SNAP/modules.order"; then
		sed -i 's/ko$/o/' "$SNAP/modules.order"
	fi
	manifest "$SNAP" | LC_ALL=C sort >"$R/snap.manifest"
	direct_cases
	expectations

	prepare
	kbuild ours

	compare make-status "$R/stock/status" "$R/ours/status"
	compare make-output "$R/stock/make.out" "$R/ours/make.out"
	compare listing "$R/stock/listing" "$R/ours/listing"
	local f
	while IFS= read -r f; do
		compare "file:$f" "$R/stock/files/$f" "$R/ours/files/$f"
	done < <( (cd "$R/stock/files" && find . -type f; cd "$R/ours/files" && find . -type f) |
		sed 's|^\./||' | LC_ALL=C sort -u)
	while IFS= read -r f; do
		compare_ko "ko:$f" "$R/stock/ko/$f" "$R/ours/ko/$f"
	done < <( (cd "$R/stock/ko" && find . -type f; cd "$R/ours/ko" && find . -type f) |
		sed 's|^\./||' | LC_ALL=C sort -u)
	rm -f "$R/diff.tmp"
	touch "$R/done"
}

# ---- run the fixtures, JOBS at a time; print reports in order ----

start=$SECONDS
# headers shared by the fixtures ($(src)/../include in their Kbuild files)
rm -rf "$WORK/m/include"
mkdir -p "$WORK/m"
cp -a "$FIXTURES/include" "$WORK/m/include"
for n in "${names[@]}"; do
	rm -f "$WORK/results/$n/done"
done

# A fixture's report (written by its own process): "ok   <check>",
# "FAIL <check>", and indented details, as TAP lines of this suite.
emit_report() {
	local line
	while IFS= read -r line; do
		case $line in
		"ok   "*) tap_ok "${line#ok   }" ;;
		"FAIL "*) tap_fail "${line#FAIL }" ;;
		*) printf '#%s\n' "$line" ;;
		esac
	done <"$1"
}

printed=0
flush() {
	while [ "$printed" -lt ${#names[@]} ]; do
		local n=${names[$printed]}
		[ -e "$WORK/results/$n/done" ] || [ -e "$WORK/results/$n/crashed" ] || break
		emit_report "$WORK/results/$n/report"
		printed=$((printed + 1))
	done
}

for n in "${names[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n || true
		flush
	done
	(
		# set -e applies in here: any unexpected failure ends the
		# fixture, and the trap records it as a failed check.
		trap 'st=$?; if [ ! -e "$WORK/results/$n/done" ]; then
			mkdir -p "$WORK/results/$n"
			echo "FAIL $n/runner: the fixture runner itself failed (status $st)" >>"$WORK/results/$n/report"
			touch "$WORK/results/$n/crashed"
		fi' EXIT
		run_fixture "$n"
	) &
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
	wait -n || true
	flush
done
wait || true
flush

tap_note "fixtures: ${#names[@]} fixtures for Linux $SERIES in $((SECONDS - start)) s; details in $WORK/results"
tap_done
