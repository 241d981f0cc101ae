#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad input: corrupt objects, missing files and malformed symbol dumps.
#
# Every case runs through the stock modpost and through ours (the normal
# build and the AddressSanitizer/UBSan build).  Ours must never crash or
# hang, must leave its inputs untouched and must write no output when it
# fails.  Where the stock tool terminates normally, ours must agree with
# it exactly (status and messages); where the stock tool crashes, ours must
# fail cleanly with an "ERROR: modpost:" message (or, where that is how
# the series' modpost reports a fatal error, "FATAL: modpost:": 6.1).
#
# Bad command lines too: stock's getopt() messages, byte for byte; and
# --help / -h (ours only): the options of KDIR's profile and the tool modes.
#
# Environment: MODPOST (ours), MODPOST_SAN (sanitizer build, optional),
# KDIR (target kernel build tree; the stock modpost is its scripts/mod/modpost).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
MODPOST=${MODPOST:-$TOP/build/modpost}
MODPOST_SAN=${MODPOST_SAN:-$TOP/build/san/modpost}
STOCK=$KDIR/scripts/mod/modpost
FATAL=$(kbuild_fatal_prefix "$KDIR")
WORK=${WORK:-$(mktemp -d /tmp/badinput.XXXXXX)}
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"

cc -O1 -g -Wall -Wextra -Werror -o "$WORK/mkbad" "$TOP/selftests/badinput/mkbad.c"
cc -O2 -fno-pic -fno-asynchronous-unwind-tables -c -o "$WORK/good.o" "$TOP/selftests/badinput/good.c"

binaries=("$MODPOST")
[ -x "$MODPOST_SAN" ] && binaries+=("$MODPOST_SAN")

# Malformed objects that the stock tool reads without noticing (it trusts
# its input and carries on with garbage, or dies on a stray message);
# ours must refuse them with a clear error instead of agreeing.
# (bad-data-encoding, bad-class: Debian's dispatcher exits 1 without a word;
# shnum-huge: stock reads past the file, and its message shows whatever it
# found there, e.g. 6.1's "sh_offset=140675440714078")
refused_variants=" shoff-zero shentsize-wrong shstrndx-out-of-range truncated-half
	bad-data-encoding bad-class rela-uncovered-symbol-out-of-range shnum-huge
	truncated-section-headers section-size-overflow symtab-link-out-of-range
	symtab-size-ragged strtab-unterminated modinfo-unterminated rela-size-ragged "
refused_variants=" $(echo $refused_variants) "

# A case directory may hold the standard input to give modpost ("-T -").
stdin_of() { if [ -f "$1/stdin" ]; then echo "$1/stdin"; else echo /dev/null; fi; }

# Messages name the program on a bad option: compare them without it.
normalise() { sed -e "s|$STOCK|modpost|g" -e "s|$1|modpost|g" "$2"; }

# run_case LABEL MODE DIR -- ARGS...: run stock and ours in copies of DIR
# and judge.  MODE "stock": ours must match the stock tool wherever the
# stock tool terminates normally; MODE "refuse": ours must fail cleanly.
run_case() {
	local label=$1 mode=$2 dir=$3
	shift 4
	local s="$WORK/$label.stock"
	rm -rf "$s" && cp -a "$dir" "$s"
	local stock_rc
	# an inner shell reports a crash of the stock tool to /dev/null, not to us
	sh -c 'cd "$1" && shift && timeout 20 "$@" >stdout 2>stderr; echo $? >status' \
		sh "$s" "$STOCK" "$@" 2>/dev/null <"$(stdin_of "$dir")"
	stock_rc=$(cat "$s/status")

	for bin in "${binaries[@]}"; do
		local tag=$label
		[ "$bin" = "$MODPOST_SAN" ] && tag="$label [asan+ubsan]"
		local o="$WORK/$label.ours"
		rm -rf "$o" && cp -a "$dir" "$o"
		local before after rc=0
		before=$(cd "$o" && find . -type f ! -name 'std*' ! -name status -exec md5sum {} + | sort)
		(cd "$o" && timeout 20 "$bin" "$@" >stdout 2>stderr <"$(stdin_of "$dir")") || rc=$?
		after=$(cd "$o" && find . -type f ! -name 'std*' ! -name status ! -name '*.mod.c' ! -name 'out.symvers' -exec md5sum {} + | sort)

		if [ "$rc" -ge 124 ]; then
			tap_fail "$tag" "ours terminated abnormally (status $rc)"; sed 's/^/    /' "$o/stderr" | head -20
			continue
		fi
		if grep -q -e AddressSanitizer -e 'runtime error' "$o/stderr"; then
			tap_fail "$tag" "sanitizer report"; head -20 "$o/stderr" | sed 's/^/    /'
			continue
		fi
		if [ "$before" != "$after" ]; then
			tap_fail "$tag" "an input file was modified"
			continue
		fi
		if [ "$mode" = stock ] && [ "$stock_rc" -lt 124 ]; then
			# stock terminated normally: match it exactly
			if [ "$rc" != "$stock_rc" ]; then
				tap_fail "$tag" "status $rc, stock $stock_rc"; sed 's/^/    ours: /' "$o/stderr" | head -5
				continue
			fi
			if ! cmp -s <(normalise "$bin" "$s/stderr") <(normalise "$bin" "$o/stderr"); then
				tap_fail "$tag" "messages differ from stock"
				{ diff <(normalise "$bin" "$s/stderr") <(normalise "$bin" "$o/stderr") || true; } | head -10 | sed "s/^/    /"
				continue
			fi
			if [ "$rc" -ne 0 ] && ls "$o"/*.mod.c "$o"/out.symvers >/dev/null 2>&1; then
				tap_fail "$tag" "output written although modpost failed"
				continue
			fi
		else
			# malformed input (or stock crashed): ours must fail cleanly
			if [ "$rc" -ne 1 ] || ! grep -qE "^(ERROR|$FATAL): modpost: " "$o/stderr"; then
				tap_fail "$tag" "stock status $stock_rc; ours status $rc without an ERROR or $FATAL line"
				sed 's/^/    /' "$o/stderr" | head -5
				continue
			fi
			if ls "$o"/*.mod.c "$o"/out.symvers >/dev/null 2>&1; then
				tap_fail "$tag" "output written although modpost failed"
				continue
			fi
		fi
		tap_ok "$tag$( [ "$stock_rc" -ge 124 ] && echo " (stock crashed: status $stock_rc)" || true)"
	done
}

# --- corrupt objects ---
for variant in $("$WORK/mkbad" list); do
	d="$WORK/in.$variant"
	rm -rf "$d" && mkdir -p "$d"
	"$WORK/mkbad" "$WORK/good.o" "$variant" "$d/x.o"
	: >"$d/x.mod"
	echo "x.o" >"$d/modules.order"
	mode=stock
	case "$refused_variants" in *" $variant "*) mode=refuse ;; esac
	# shellcheck disable=SC2046 # -M or nothing
	run_case "object-$variant" "$mode" "$d" -- $(kbuild_export_flag "$KDIR") -m -o out.symvers -T modules.order -e
done

# --- missing and malformed files ---
mk() { local d="$WORK/in.$1"; rm -rf "$d" && mkdir -p "$d"; cp "$WORK/good.o" "$d/x.o"; echo "$d"; }

d=$(mk missing-object); rm "$d/x.o"
run_case missing-object stock "$d" -- -o out.symvers x.o
run_case missing-object-ignored stock "$d" -- -n -o out.symvers x.o
d=$(mk missing-mod-file)
run_case missing-mod-file stock "$d" -- -m -o out.symvers x.o
d=$(mk missing-cmd-file); echo x.o >"$d/x.mod"
run_case missing-cmd-file stock "$d" -- -m -o out.symvers x.o
d=$(mk missing-order-file)
run_case missing-order-file stock "$d" -- -o out.symvers -T modules.order
run_case order-from-empty-stdin stock "$d" -- -o out.symvers -T -
printf 'x.o\n' >"$d/stdin"
run_case order-from-stdin stock "$d" -- -o out.symvers -T -
d=$(mk not-dot-o); mv "$d/x.o" "$d/x.obj"
run_case not-dot-o stock "$d" -- -o out.symvers x.obj
d=$(mk empty-object); : >"$d/x.o"
run_case empty-object stock "$d" -- -o out.symvers x.o
d=$(mk missing-symvers)
run_case missing-symvers stock "$d" -- -i nope.symvers -o out.symvers x.o
d=$(mk symvers-four-columns); printf '0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL\n' >"$d/in.symvers"
run_case symvers-four-columns stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-bad-crc); printf '0x1234zz78\texternal_function\tvmlinux\tEXPORT_SYMBOL\t\n' >"$d/in.symvers"
run_case symvers-bad-crc stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-empty-name); printf '0x12345678\t\tvmlinux\tEXPORT_SYMBOL\t\n' >"$d/in.symvers"
run_case symvers-empty-name stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-unknown-type); printf '0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL_FOO\t\n' >"$d/in.symvers"
run_case symvers-unknown-type stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-good); printf '0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL\t\n' >"$d/in.symvers"
run_case symvers-good stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk bad-option)
run_case bad-option stock "$d" -- -Z -o out.symvers x.o
# Only a first argument -h or --help asks for the listing: anywhere else,
# and every near miss, getopt() rejects them exactly as stock does.
run_case help-not-first stock "$d" -- -o out.symvers -h x.o
run_case long-help-not-first stock "$d" -- -o out.symvers --help x.o
run_case help-in-a-cluster stock "$d" -- -hm -o out.symvers x.o
run_case help-abbreviated stock "$d" -- --he -o out.symvers x.o
run_case help-misspelt stock "$d" -- --helpme -o out.symvers x.o
run_case help-after-double-dash stock "$d" -- -o out.symvers -- -h
run_case missing-argument stock "$d" -- -o

# --- --help and -h: the profile's options and the livepatch tool modes ---
# expected from the sources: the option string of KDIR's profile, the
# letters every profile's option table knows, and the mode names where the
# modes are defined
series=$(kbuild_series "$KDIR")
optstring=$(sed -n 's/^[[:space:]]*\.optstring = "\(.*\)",$/\1/p' "$TOP/scripts/mod/profiles/$series/profile.c")
all_letters=$(cat "$TOP"/scripts/mod/profiles/*/profile.c |
	sed -n 's/^[[:space:]]*\.optstring = "\(.*\)",$/\1/p' | tr -d ':\n' | fold -w1 | sort -u | tr -d '\n')
modes=$(awk '/^const struct klp_mode klp_mode_/ { m = 1 } m && /\.name = "/ {
	sub(/.*\.name = "/, ""); sub(/".*/, ""); print; m = 0 }' "$TOP"/scripts/livepatch/*.c | sort)
if [ -z "$optstring" ] || [ -z "$modes" ]; then
	tap_fail "--help: the profile's option string and the mode names are found in the sources" \
		"optstring '$optstring' (series $series), modes '$modes'"
fi
for b in "${binaries[@]}"; do
	tag=""
	[ "$b" = "$MODPOST_SAN" ] && tag=" [asan+ubsan]"
	bin=$(readlink -f "$b")	# the same argv[0] from / as from here
	for arg in --help -h; do
		rc=0
		(cd / && timeout 20 "$bin" "$arg" extra arguments -Z) >"$WORK/help$arg.out" 2>"$WORK/help$arg.err" || rc=$?
		tap_check "$arg$tag: exit 0, nothing on stderr, even outside a kernel tree (status $rc)" \
			eval '[ $rc = 0 ] && [ ! -s "$WORK/help$arg.err" ]'
	done
	tap_check "-h$tag prints what --help prints" cmp -s "$WORK/help--help.out" "$WORK/help-h.out"
	out=$WORK/help--help.out
	missing=""
	for ((i = 0; i < ${#optstring}; i++)); do
		l=${optstring:i:1}
		[ "$l" = : ] && continue
		if [ "${optstring:i+1:1}" = : ]; then re="  -$l [A-Z]+ +[a-zA-Z(]"; else re="  -$l +[a-zA-Z(]"; fi
		grep -qE "^$re" "$out" || missing+=" -$l"
	done
	tap_check "--help$tag: every option of the $series profile ($optstring), with its argument and a description" \
		eval '[ -z "$missing" ] || { echo "# missing:$missing"; false; }'
	extra=""
	for ((i = 0; i < ${#all_letters}; i++)); do
		l=${all_letters:i:1}
		case $optstring in *"$l"*) continue ;; esac
		! grep -qE "^  -$l " "$out" || extra+=" -$l"
	done
	tap_check "--help$tag: no option of another series' profile (of $all_letters)" \
		eval '[ -z "$extra" ] || { echo "# listed:$extra"; false; }'
	missing=""
	for m in $modes; do
		grep -qE "^  --klp-$m +[^ ]" "$out" || missing+=" --klp-$m"
	done
	tap_check "--help$tag: every livepatch tool mode ($(echo $modes)), with its usage" \
		eval '[ -z "$missing" ] || { echo "# missing:$missing"; false; }'
	tap_check "--help$tag: the modes as --klp-help lists them" \
		eval 'cmp -s <("$bin" --klp-help) <(sed -n "/^usage: .* --klp-<mode>/,\$p" "$out")'
done

# A bad symbol index in a section no section-mismatch rule covers: only the
# index check reads it (stock dies by SIGSEGV; ours once exited 0 with -w).
mkdir -p "$WORK/uncovered"
"$WORK/mkbad" "$WORK/good.o" rela-uncovered-symbol-out-of-range "$WORK/uncovered/bad.o"
: >"$WORK/uncovered/bad.mod"
for bin in "${binaries[@]}"; do
	rc=0
	out=$(cd "$WORK/uncovered" && "$bin" -w -o out.symvers bad.o 2>&1) || rc=$?
	if [ "$rc" = 1 ] && grep -qF "bad.o: relocation 0 in section .rela.klp_badinput_uncovered refers to symbol 4294967295, but the symbol table has" <<<"$out" &&
	   ! grep -q "runtime error" <<<"$out"; then
		tap_ok "a bad symbol index in an unchecked relocation section is an error ($(basename "$(dirname "$bin")"))"
	else
		tap_fail "a bad symbol index in an unchecked relocation section is an error ($(basename "$(dirname "$bin")"))" "exit $rc" "$out"
	fi
done
tap_done
