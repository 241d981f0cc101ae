#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Livepatch resolution at build time, against the real target kernel:
# its debug vmlinux (found the way modpost finds it for users) and a
# target module written for these tests (klp_target, given to modpost
# through KLP_MODULES_DIR, xz-compressed like Debian's modules).
#
# Every case under selftests/klp/cases/ is an external livepatch module
# built with `make -C $KDIR M=<case> MODPOST=<ours>`; its `expect` file
# says what must happen:
#
#   status N             make's exit status (default 0)
#   contains TEXT        make's output contains TEXT (@M@: the case dir)
#   lacks TEXT           ... does not contain TEXT
#   record C O N P       the .mod.c records C -> object O, symbol N, position P
#                        (and the finalized .ko has .klp.sym.O.N,P for it)
#   records N            exactly N record lines
#   versions SYM         SYM is in __versions
#   no-versions SYM      SYM is not in __versions
#   depends [LIST]       MODULE_INFO(depends, "LIST")
#   no-mod-c             no .mod.c was written (modpost failed)
#   verify-fails TEXT    --klp-verify refuses the built module, saying TEXT
#                        (without it, a module that builds must pass
#                        --klp-verify: what modpost lets through, the
#                        kernel must accept)
#
# Environment: KDIR, MODPOST (ours), KLP_TEST_WORK (scratch), JOBS.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
MODPOST=${MODPOST:-$TOP/build/modpost}
WORK=${KLP_TEST_WORK:-/tmp/klp-tests}
JOBS=${JOBS:-2}
CASES_SRC=$TOP/selftests/klp/cases


rm -rf "$WORK"
mkdir -p "$WORK/targets" "$WORK/modules" "$WORK/cases"

kmake() { # dir, extra make args...
	local dir=$1
	shift
	env -u MAKEFLAGS -u MAKELEVEL make -C "$KDIR" M="$dir" MODPOST="$MODPOST" "$@" modules
}

# --- the target module --------------------------------------------------------
cp -r "$TOP/selftests/klp/targets/klp_target" "$WORK/targets/"
if kmake "$WORK/targets/klp_target" >"$WORK/targets/build.log" 2>&1; then
	tap_ok "target module klp_target builds"
else
	tap_fail "target module klp_target builds"
	tail -20 "$WORK/targets/build.log"
	tap_done
fi
xz -c "$WORK/targets/klp_target/klp_target.ko" >"$WORK/modules/klp_target.ko.xz"

# --- build every case (in parallel) ----------------------------------------------
cp "$CASES_SRC/lp-common.h" "$WORK/cases/"
build_case() {
	local name=$1 dir=$WORK/cases/$1 status=0
	cp -r "$CASES_SRC/$name" "$dir"
	kmake "$dir" KLP_INCLUDE="$TOP/include" SELFTEST_INCLUDE="$TOP/selftests/lib/include" \
		KLP_MODULES_DIR="$WORK/modules" \
		KBUILD_EXTRA_SYMBOLS="$WORK/targets/klp_target/Module.symvers" \
		>"$dir/make.out" 2>&1 || status=$?
	echo "$status" >"$dir/make.status"
}
export -f build_case kmake
export WORK KDIR MODPOST CASES_SRC TOP
cases=$(cd "$CASES_SRC" && for d in */; do echo "${d%/}"; done)
printf '%s\n' $cases | xargs -P "$JOBS" -I{} bash -c 'build_case {}'

# --- check them ---------------------------------------------------------------
record_lines() { # .mod.c -> "C O N P" lines of the livepatch record
	sed -n 's/^\t"\([^"]*\)\\n"$/\1/p' "$1" | { grep -v '^klp-modpost ' || true; }
}

check_case() {
	local name=$1 dir=$WORK/cases/$1 modc status want_status=0 line kind rest verify_text=
	modc=$(ls "$dir"/*.mod.c 2>/dev/null | head -1 || true)
	status=$(cat "$dir/make.status")
	local out
	out=$(sed "s|$dir|@M@|g" "$dir/make.out")

	while IFS= read -r line || [ -n "$line" ]; do
		[ -z "$line" ] && continue
		kind=${line%% *}
		rest=${line#"$kind"}
		rest=${rest# }
		case $kind in
		status) want_status=$rest ;;
		contains)
			if grep -qF -- "$rest" <<<"$out"; then tap_ok "$name: contains '$rest'"
			else tap_fail "$name: contains '$rest'"; fi ;;
		lacks)
			if ! grep -qF -- "$rest" <<<"$out"; then tap_ok "$name: lacks '$rest'"
			else tap_fail "$name: lacks '$rest'"; fi ;;
		record)
			if [ -n "$modc" ] && record_lines "$modc" | grep -qxF -- "$rest"; then
				tap_ok "$name: record $rest"
			else
				tap_fail "$name: record $rest" "$( [ -n "$modc" ] && record_lines "$modc" | tr '\n' ';')"
			fi ;;
		records)
			local n=0
			[ -n "$modc" ] && n=$(record_lines "$modc" | wc -l)
			if [ "$n" = "$rest" ]; then tap_ok "$name: $rest record lines"
			else tap_fail "$name: $rest record lines" "found $n"; fi ;;
		versions|no-versions)
			local found=no
			[ -n "$modc" ] && grep -q "\"$rest\" }," "$modc" && found=yes
			if { [ "$kind" = versions ] && [ $found = yes ]; } ||
			   { [ "$kind" = no-versions ] && [ $found = no ]; }; then
				tap_ok "$name: $kind $rest"
			else
				tap_fail "$name: $kind $rest"
			fi ;;
		depends)
			if [ -n "$modc" ] && grep -qxF "MODULE_INFO(depends, \"$rest\");" "$modc"; then
				tap_ok "$name: depends \"$rest\""
			else
				tap_fail "$name: depends \"$rest\"" "$( [ -n "$modc" ] && grep depends "$modc")"
			fi ;;
		no-mod-c)
			if [ -z "$modc" ]; then tap_ok "$name: no .mod.c written"
			else tap_fail "$name: no .mod.c written"; fi ;;
		verify-fails) verify_text=$rest ;;
		*) tap_fail "$name: unknown expect line '$line'" ;;
		esac
	done <"$CASES_SRC/$name/expect"

	if [ "$status" = "$want_status" ]; then
		tap_ok "$name: make status $status"
	else
		tap_fail "$name: make status $status, expected $want_status"
		grep -e 'modpost' -e 'rror' "$dir/make.out" | head -15 | sed 's/^/    /'
	fi

	# the finalized module carries one .klp.sym symbol per record line
	local ko
	ko=$(ls "$dir"/*.ko 2>/dev/null | head -1 || true)
	if [ "$status" = 0 ] && [ -n "$ko" ] && [ -n "$modc" ] && [ -n "$(record_lines "$modc")" ]; then
		if "$MODPOST" --klp-finalize -o "$dir/final.ko" "$ko" 2>"$dir/finalize.err"; then
			local missing=0
			while read -r c o n p; do
				readelf -sW "$dir/final.ko" | grep -qF " .klp.sym.$o.$n,$p" || missing=$((missing + 1))
			done < <(record_lines "$modc")
			if [ $missing = 0 ]; then tap_ok "$name: finalized .ko has every .klp.sym symbol"
			else tap_fail "$name: finalized .ko lacks $missing .klp.sym symbols"; fi
		else
			tap_fail "$name: finalize" "$(head -3 "$dir/finalize.err")"
		fi
	fi

	# the module as it would be loaded: --klp-verify agrees with the build
	if [ "$status" = 0 ] && [ -n "$ko" ]; then
		local final=$ko vrc=0
		[ -f "$dir/final.ko" ] && final=$dir/final.ko
		"$MODPOST" --klp-verify "$final" --modules "$WORK/modules" --symvers "$KDIR/Module.symvers" \
			--symvers "$WORK/targets/klp_target/Module.symvers" >"$dir/verify.out" 2>&1 || vrc=$?
		if [ -z "$verify_text" ]; then
			if [ "$vrc" = 0 ]; then tap_ok "$name: --klp-verify accepts the built module"
			else tap_fail "$name: --klp-verify accepts the built module" "$(grep -v '^ ' "$dir/verify.out" | head -5)"; fi
		elif [ "$vrc" = 1 ] && grep -qF -- "$verify_text" "$dir/verify.out"; then
			tap_ok "$name: --klp-verify refuses the built module: $verify_text"
		else
			tap_fail "$name: --klp-verify refuses the built module: $verify_text" "exit $vrc" "$(head -8 "$dir/verify.out")"
		fi
	fi
}

for name in $cases; do
	check_case "$name"
done

# --- in-tree: the build's own vmlinux and modules of the same modpost run -------
# modpost runs in the object tree, without -e: ./vmlinux is the vmlinux source,
# and klp_target is read from its object (no installed copy, no release).
intree_check() {
	local d=$WORK/intree rel dbg
	rel=$("$TOP/scripts/kdir.sh" release "$KDIR")
	dbg=${KLP_CACHE:-/var/cache/klp-modpost}/$rel/dbg/usr/lib/debug/boot/vmlinux-$rel
	if [ ! -r "$dbg" ]; then
		tap_fail "in-tree: debug vmlinux $dbg (scripts/deps.sh --with-dbg)"
		return
	fi
	mkdir -p "$d/empty"
	ln -sf "$dbg" "$d/vmlinux"
	cp "$WORK/targets/klp_target/klp_target.o" "$WORK/cases/module-dup-annotated/lp_module_dup_annotated.o" "$d/"
	printf 'klp_target.o\nlp_module_dup_annotated.o\n' >"$d/modules.order"
	if (cd "$d" && KLP_RELEASE=no-such-release KLP_MODULES_DIR="$d/empty" \
		"$MODPOST" $(kbuild_export_flag "$KDIR") -o Module.symvers -T modules.order -i "$KDIR/Module.symvers" \
		>"$d/out" 2>&1); then
		tap_ok "in-tree: modpost succeeds"
	else
		tap_fail "in-tree: modpost succeeds" "$(head -5 "$d/out")"
		return
	fi
	for want in "lp_counter_1 klp_target klpt_dup_counter 1" "lp_counter_2 klp_target klpt_dup_counter 2" \
		    "lp_mixed_1 klp_target klpt_dup_mixed 1"; do
		if record_lines "$d/lp_module_dup_annotated.mod.c" | grep -qxF "$want"; then
			tap_ok "in-tree: record $want"
		else
			tap_fail "in-tree: record $want"
		fi
	done
	if grep -q 'MODULE_INFO(intree, "Y");' "$d/klp_target.mod.c"; then
		tap_ok "in-tree: ordinary module output unchanged (intree .mod.c)"
	else
		tap_fail "in-tree: ordinary module output unchanged (intree .mod.c)"
	fi
}
intree_check

# --- a livepatch that only replaces functions, without the target's symbols -----
# (nothing to convert: the klp_func checks are skipped with a warning, the
# build succeeds as it always did)
funcs_without_index() {
	local d=$WORK/noindex/case status=0
	mkdir -p "$WORK/noindex"
	cp -r "$CASES_SRC/func-dup-positioned" "$d"
	cp "$CASES_SRC/lp-common.h" "$WORK/noindex/"
	KLP_RELEASE=no-such-release kmake "$d" KLP_INCLUDE="$TOP/include" \
		SELFTEST_INCLUDE="$TOP/selftests/lib/include" >"$d/make.out" 2>&1 || status=$?
	if [ "$status" = 0 ] &&
	   grep -qF 'WARNING: modpost: livepatch: the symbol table of the target kernel no-such-release was not found, so the' "$d/make.out" &&
	   grep -qF 'lp_func_dup_positioned.ko replaces (struct klp_func) are not checked; install the' "$d/make.out"; then
		tap_ok "klp_func checks without the target's symbols: a warning, the build goes on"
	else
		tap_fail "klp_func checks without the target's symbols: a warning, the build goes on" \
			"status $status" "$(grep -A3 modpost "$d/make.out" | head -8)"
	fi
}
funcs_without_index

# --- the samples: use cases 1 and 2 build, use case 3 must not -----------------
samples_check() {
	local d=$WORK/samples
	cp -r "$TOP/samples/livepatch" "$d"
	if kmake "$d" ccflags-y="-I$TOP/include" >"$d/make.out" 2>&1; then
		tap_ok "samples: livepatch samples build"
	else
		tap_fail "samples: livepatch samples build" "$(grep -m3 -e rror "$d/make.out")"
	fi
	local want
	while read -r mod want; do
		if [ -f "$d/$mod.mod.c" ] && record_lines "$d/$mod.mod.c" | grep -qxF "$want"; then
			tap_ok "samples: $mod records $want"
		else
			tap_fail "samples: $mod records $want"
		fi
	done <<'EOS'
livepatch-auto-sample saved_command_line vmlinux saved_command_line 0
livepatch-annotated-sample saved_command_line vmlinux saved_command_line 0
livepatch-sympos-sample intel_idle_max_cstate vmlinux max_cstate 1
livepatch-sympos-sample processor_max_cstate vmlinux max_cstate 2
EOS
	if kmake "$d/ambiguous" >"$d/ambiguous.out" 2>&1; then
		tap_fail "samples: the ambiguous sample (use case 3) fails to build"
	elif grep -qF 'is ambiguous: 2 symbols of that name' "$d/ambiguous.out" &&
	     grep -qF 'KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 1);' "$d/ambiguous.out" &&
	     grep -qF 'KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 2);' "$d/ambiguous.out"; then
		tap_ok "samples: the ambiguous sample (use case 3) fails with both candidates and their lines"
	else
		tap_fail "samples: the ambiguous sample (use case 3) fails with both candidates and their lines" \
			"$(grep -m5 modpost "$d/ambiguous.out")"
	fi
}
samples_check

tap_done
