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
# Every case names the words our message must contain (expect[], below):
# a failure must say what is wrong, not only that something is.
#
# Bad command lines too: stock's getopt() messages, byte for byte; and
# --help / -h (ours only): the options of KDIR's profile and the tool modes.
#
# Livepatch modules (built here from samples/livepatch with kbuild, our
# modpost and a small text symbol map of the target): damaged annotation
# records in the object modpost reads, a damaged modpost record in the
# linked module --klp-finalize reads; ours only (the stock tool knows
# neither), each with the message it must give, and --klp-check and
# --klp-dump on each without a crash.
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
# (truncated-in-*: stock reads past the end of the file, zeros or SIGBUS;
# overlap-*: symbols read from strings, relocations from symbols; sharing
# bytes with a table is refused, other overlaps are read as stock reads
# them: overlap-nobits, overlap-modinfo-comment)
refused_variants=" truncated-header shoff-zero shentsize-wrong shstrndx-out-of-range truncated-half
	bad-data-encoding bad-class rela-uncovered-symbol-out-of-range shnum-huge
	truncated-section-headers section-size-overflow symtab-link-out-of-range
	symtab-size-ragged strtab-unterminated modinfo-unterminated rela-size-ragged
	truncated-in-section-headers truncated-in-symtab truncated-in-strtab
	truncated-in-modinfo truncated-in-rela overlap-symtab-strtab overlap-rela-symtab
	overlap-symtab-section-headers modinfo-size-huge strtab-size-huge
	rela-size-overflow symtab-link-not-strtab section-name-at-end
	shstrtab-unterminated symbol-name-at-end symbol-shndx-out-of-range "
refused_variants=" $(echo $refused_variants) "

# The sections of good.o that messages name by index (the compiler decides).
shindex() { readelf -SW "$WORK/good.o" | sed -n "s/^ *\[ *\([0-9]*\)\] $1 .*/\1/p"; }
i_symtab=$(shindex .symtab)
i_strtab=$(shindex .strtab)
i_modinfo=$(shindex .modinfo)
i_rela=$(shindex .rela.text)

# What our message must say (fixed strings, "|" between them), by case
# label; "<none>": nothing at all (an empty object list, a good symbol
# dump).  A file too short for an ELF header, which the stock tool skips
# without a word (exit 0, the module missing from its outputs), is refused.
declare -A expect=(
	[object-bad-magic]="Error: not ELF"
	[object-bad-data-encoding]="x.o: unknown ELF data encoding 7"
	[object-bad-class]="x.o: unknown ELF class 9"
	[object-not-relocatable]="x.o: not relocatable object"
	[object-shoff-beyond-eof]="section header offset=|in file 'x.o' is bigger than filesize="
	[object-shoff-zero]="x.o: has no section header table"
	[object-shnum-huge]="x.o: section header table (65279 entries at offset|extends past the end of the file"
	[object-shentsize-wrong]="x.o: section header size is 40, expected 64"
	[object-shstrndx-out-of-range]="x.o: section name string table index|is out of range"
	[object-truncated-header]="x.o: not an ELF object (no ELF magic, or shorter than an ELF header)"
	[object-truncated-half]="x.o: section header table|extends past the end of the file"
	[object-truncated-section-headers]="x.o: section header table|extends past the end of the file"
	[object-section-offset-beyond-eof]="x.o is truncated. sechdrs[i].sh_offset="
	[object-section-size-beyond-eof]="x.o is truncated: section $i_symtab (offset|extends past the end of the file"
	[object-section-size-overflow]="x.o is truncated: section $i_symtab (offset|size 18446744073709551607) extends past the end"
	[object-section-name-out-of-range]="x.o: section $i_symtab has name offset 2147483632 outside the section name table"
	[object-no-symtab]="x.o has no symtab?"
	[object-symtab-link-out-of-range]="x.o: symbol table links to string table|which does not exist"
	[object-symtab-size-ragged]="x.o: symbol table size|is not a multiple of the symbol size 24"
	[object-strtab-unterminated]="x.o: string table .strtab is empty or not NUL-terminated"
	[object-symbol-name-out-of-range]="has name offset 2147483632 outside the string table"
	[object-symbol-xindex-without-table]="uses SHN_XINDEX, but there is no SYMTAB_SHNDX entry for it"
	[object-symtab-shndx-bad-link]="x.o: SYMTAB_SHNDX has bad sh_link: 0!=$i_symtab"
	[object-modinfo-nobits]="x.o has NOBITS .modinfo"
	[object-modinfo-unterminated]="x.o: .modinfo entry 'license=GPLQ' is not NUL-terminated"
	[object-rela-symbol-out-of-range]="x.o: relocation 0 in section .rela.text refers to symbol 16777215, but the symbol table has"
	[object-rela-uncovered-symbol-out-of-range]="relocation 0 in section .rela.klp_badinput_uncovered refers to symbol 4294967295"
	[object-rela-size-ragged]="x.o: relocation section .rela.text has size|which is not a multiple of its entry size 24"
	[object-rela-target-out-of-range]='"external_function" [x.ko] undefined!'
	[object-truncated-in-ident]="Error: input truncated"
	[object-truncated-in-section-headers]="x.o: section header table (|entries at offset 64) extends past the end of the file"
	[object-truncated-in-symtab]="x.o is truncated: section $i_symtab (offset|extends past the end of the file"
	[object-truncated-in-strtab]="x.o is truncated: section $i_strtab (offset|extends past the end of the file"
	[object-truncated-in-modinfo]="x.o is truncated: section $i_modinfo (offset|extends past the end of the file"
	[object-truncated-in-rela]="x.o is truncated: section $i_rela (offset|extends past the end of the file"
	[object-overlap-nobits]='"external_function" [x.ko] undefined!'
	[object-overlap-modinfo-comment]="missing MODULE_LICENSE() in x.o"
	[object-overlap-symtab-strtab]="x.o: section $i_strtab (.strtab, offset|shares bytes with section $i_symtab (.symtab, offset"
	[object-overlap-rela-symtab]="x.o: section $i_rela (.rela.text, offset|shares bytes with section $i_symtab (.symtab, offset"
	[object-overlap-symtab-section-headers]="x.o: section $i_symtab (.symtab, offset|shares bytes with the section header table"
	[object-section-offset-wraps]="x.o is truncated. sechdrs[i].sh_offset=18446744073709551608"
	[object-modinfo-size-huge]="x.o is truncated: section $i_modinfo (offset|size 4611686018427387904) extends past the end"
	[object-strtab-size-huge]="x.o is truncated: section $i_strtab (offset|size 18446744073709551615) extends past the end"
	[object-rela-size-overflow]="x.o is truncated: section $i_rela (offset|size 18446744073709551600) extends past the end"
	[object-symtab-entsize-zero]='"external_function" [x.ko] undefined!'
	[object-rela-entsize-zero]='"external_function" [x.ko] undefined!'
	[object-symtab-link-not-strtab]="x.o: symbol table links to section $i_modinfo (.modinfo), which is not a string table"
	[object-section-name-at-end]="x.o: section $i_symtab has name offset|outside the section name table"
	[object-shstrtab-unterminated]="(offset|in the section name table) is not NUL-terminated"
	[object-symbol-name-at-end]="has name offset|outside the string table"
	[object-symbol-shndx-out-of-range]="(modinfo_license) is defined in section|which does not exist"
	[missing-object]="Can't open \"x.o\""
	[missing-object-ignored]="Can't open \"x.o\""
	[missing-mod-file]="x.mod: No such file or directory"
	[missing-cmd-file]=".x.o.cmd: No such file or directory"
	[missing-order-file]="Can't open \"modules.order\""
	[order-from-empty-stdin]="<none>"
	[not-dot-o]="x.obj: filename must be suffixed with .o"
	[not-elf-later]="y.o: not an ELF object (no ELF magic, or shorter than an ELF header)"
	[empty-object]="Error: input truncated"
	[missing-symvers]="nope.symvers: No such file or directory"
	[symvers-four-columns]="parse error in symbol dump file"
	[symvers-bad-crc]="parse error in symbol dump file"
	[symvers-empty-name]="parse error in symbol dump file"
	[symvers-unknown-type]="external_function: unknown license EXPORT_SYMBOL_FOO"
	[symvers-good]="<none>"
	[symvers-three-columns]="parse error in symbol dump file"
	[symvers-six-columns]="module x uses symbol external_function from namespace $(printf '\t')extra, but does not import it"
	[symvers-empty-lines]="parse error in symbol dump file"
	[symvers-crlf]="module x uses symbol external_function from namespace $(printf '\r'), but does not import it"
	[symvers-no-final-newline]="<none>"
	[symvers-spaces]="parse error in symbol dump file"
	[symvers-nul-byte]="parse error in symbol dump file"
	[bad-option]="invalid option -- 'Z'"
	[help-not-first]="invalid option -- 'h'"
	[long-help-not-first]="invalid option -- '-'"
	[help-in-a-cluster]="invalid option -- 'h'"
	[help-abbreviated]="invalid option -- '-'"
	[help-misspelt]="invalid option -- '-'"
	[help-after-double-dash]="Can't open \"-h\""
	[missing-argument]="option requires an argument -- 'o'"
)
# 6.1's modpost reads the object list from standard input ("-T -"), 6.12's
# takes "-" for a file name
if [ "$(kbuild_series "$KDIR")" = 6.1 ]; then
	expect[order-from-stdin]='"external_function" [x.ko] undefined!'
else
	expect[order-from-stdin]="Can't open filenames file -: No such file or directory"
fi

# expected_ok LABEL STDERR-FILE: our message says what expect[LABEL] says
expected_ok() {
	local want=${expect[$1]-} w
	[ -n "$want" ] || { echo "# no expected message for $1"; return 1; }
	if [ "$want" = "<none>" ]; then
		[ ! -s "$2" ] || { echo "# expected no message"; return 1; }
		return 0
	fi
	while IFS= read -r -d '|' w; do
		grep -qF -- "$w" "$2" || { echo "# expected: $w"; return 1; }
	done <<<"$want|"
}

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
		local why
		if ! why=$(expected_ok "$label" "$o/stderr"); then
			tap_fail "$tag" "$why" "ours said:"; sed 's/^/    /' "$o/stderr" | head -5
			continue
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
# a later object that is no ELF file: stock skips it without a word (exit
# 0, the module missing from its outputs); ours says so
d=$(mk not-elf-later); echo 'not an object' >"$d/y.o"; printf 'x.o\ny.o\n' >"$d/modules.order"
run_case not-elf-later refuse "$d" -- -o out.symvers -T modules.order
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
# wrong columns, empty lines, CRLF: the stock tool's verdicts, word for word
# (a CR ends up in the namespace field, and the error names it)
d=$(mk symvers-three-columns); printf '0x12345678\texternal_function\tvmlinux\n' >"$d/in.symvers"
run_case symvers-three-columns stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-six-columns); printf '0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL\t\textra\n' >"$d/in.symvers"
run_case symvers-six-columns stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-empty-lines); printf '\n0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL\t\n\n' >"$d/in.symvers"
run_case symvers-empty-lines stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-crlf); printf '0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL\t\r\n' >"$d/in.symvers"
run_case symvers-crlf stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-no-final-newline); printf '0x12345678\texternal_function\tvmlinux\tEXPORT_SYMBOL\t' >"$d/in.symvers"
run_case symvers-no-final-newline stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-spaces); printf '0x12345678 external_function vmlinux EXPORT_SYMBOL \n' >"$d/in.symvers"
run_case symvers-spaces stock "$d" -- -i in.symvers -o out.symvers x.o
d=$(mk symvers-nul-byte); printf '0x12345678\texternal_\0function\tvmlinux\tEXPORT_SYMBOL\t\n' >"$d/in.symvers"
run_case symvers-nul-byte stock "$d" -- -i in.symvers -o out.symvers x.o
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

# --- livepatch modules: damaged annotation records and modpost records ---
# The samples built by kbuild with our modpost (kbuild writes only into
# M=); the target's symbols from a small text map, not the debug vmlinux.
lp=$WORK/lp
rm -rf "$lp" && mkdir -p "$lp"
cp "$TOP"/samples/livepatch/Kbuild "$TOP"/samples/livepatch/*.c "$lp/"
printf '%s\n' 'ffffffff81000000 T _stext' 'ffffffff81000000 T _text' \
	'ffffffff81100000 t cmdline_proc_show' 'ffffffff81200000 T _etext' \
	'ffffffff83000000 D saved_command_line' 'ffffffff83000100 d max_cstate' \
	'ffffffff83000200 d max_cstate' 'ffffffff84000000 B _end' >"$WORK/System.map"
unset KLP_VMLINUX KLP_MODULES_DIR KLP_RELEASE
export KLP_SYSTEM_MAP=$WORK/System.map
rc=0
env -u MAKEFLAGS -u MAKELEVEL make -C "$KDIR" M="$lp" MODPOST="$MODPOST" \
	ccflags-y="-I$TOP/include" modules >"$lp/build.log" 2>&1 || rc=$?
if [ "$rc" != 0 ] || [ ! -f "$lp/livepatch-sympos-sample.ko" ] ||
   [ ! -f "$lp/livepatch-annotated-sample.ko" ]; then
	tap_fail "livepatch: the samples build (the inputs of the livepatch cases)" \
		"$(grep -m5 -e rror -e modpost "$lp/build.log")"
	tap_done
fi
tap_ok "livepatch: the samples build (the inputs of the livepatch cases)"
# as kbuild runs modpost: the object list in a file (6.12) or on stdin (6.1)
klp_order=modules.order
[ "$(kbuild_series "$KDIR")" != 6.1 ] || klp_order=-
read -r -a klp_modpost_args <<<"$(kbuild_export_flag "$KDIR") -m -e -i $KDIR/Module.symvers -o out.symvers -T $klp_order"

# klp_run DIR BIN MODE FILE: one run, "$rc" and DIR/stderr
klp_run() {
	rc=0
	case $3 in
	modpost)
		(cd "$1" && timeout 20 "$2" "${klp_modpost_args[@]}" <modules.order >stdout 2>stderr) 2>/dev/null || rc=$?
		;;
	*)
		(cd "$1" && timeout 20 "$2" --klp-"$3" "$4" >stdout 2>stderr) 2>/dev/null || rc=$?
		;;
	esac
}

# extra_files DIR NAME...: the files in DIR (dot files too) not named
extra_files() {
	local dir=$1 f n extra=""
	shift
	for f in "$dir"/* "$dir"/.*; do
		n=${f##*/}
		case " . .. * .* $* " in *" $n "*) continue ;; esac
		extra+=" $n"
	done
	echo "$extra"
}

# klp_case VARIANT SAMPLE MODE "WORDS|...": the damaged file of SAMPLE
# (modpost mode: its object; finalize: the linked module) must fail with
# those words; --klp-check and --klp-dump must read it without a crash.
klp_case() {
	local v=$1 base=livepatch-$2-sample mode=$3 file tag why
	local d=$WORK/klp.$v
	case $mode in modpost) file=$base.o ;; *) file=$base.ko ;; esac
	expect[klp-$v]=$4
	for bin in "${binaries[@]}"; do
		tag="livepatch $v ($mode)"
		[ "$bin" = "$MODPOST_SAN" ] && tag="$tag [asan+ubsan]"
		rm -rf "$d" && mkdir -p "$d"
		"$WORK/mkbad" "$lp/$file" "klp-$v" "$d/$file"
		: >"$d/$base.mod"
		echo "$base.o" >"$d/modules.order"
		cp "$d/$file" "$d/pristine"
		klp_run "$d" "$bin" "$mode" "$file"
		if [ "$rc" -ge 124 ] || grep -q -e AddressSanitizer -e 'runtime error' "$d/stderr"; then
			tap_fail "$tag" "status $rc"; sed 's/^/    /' "$d/stderr" | head -20
		elif [ "$rc" != 1 ] || ! grep -qE "^(ERROR|$FATAL): modpost: " "$d/stderr"; then
			tap_fail "$tag" "status $rc without an ERROR or $FATAL line"; sed 's/^/    /' "$d/stderr" | head -5
		elif ! cmp -s "$d/$file" "$d/pristine"; then
			tap_fail "$tag" "the input was changed"
		elif [ -n "$(extra_files "$d" "$base.mod" "$file" modules.order pristine stderr stdout)" ]; then
			tap_fail "$tag" "output left behind:$(extra_files "$d" "$base.mod" "$file" modules.order pristine stderr stdout)"
		elif ! why=$(expected_ok "klp-$v" "$d/stderr"); then
			tap_fail "$tag" "$why" "ours said:"; sed 's/^/    /' "$d/stderr" | head -5
		else
			tap_ok "$tag"
		fi
		for m in check dump; do
			klp_run "$d" "$bin" "$m" "$file"
			if [ "$rc" -lt 124 ] && [ "$rc" -le 1 ] &&
			   ! grep -q -e AddressSanitizer -e 'runtime error' "$d/stderr" &&
			   { [ "$rc" = 0 ] || grep -qE "^(ERROR|$FATAL): modpost: " "$d/stderr"; }; then
				tap_ok "$tag: --klp-$m reads it (status $rc)"
			else
				tap_fail "$tag: --klp-$m reads it" "status $rc"; sed 's/^/    /' "$d/stderr" | head -10
			fi
		done
	done
}

# the undamaged samples pass
for bin in "${binaries[@]}"; do
	for sample in sympos annotated; do
		d=$WORK/klp.good-$sample
		rm -rf "$d" && mkdir -p "$d"
		cp "$lp/livepatch-$sample-sample.o" "$lp/livepatch-$sample-sample.ko" "$d/"
		: >"$d/livepatch-$sample-sample.mod"
		echo "livepatch-$sample-sample.o" >"$d/modules.order"
		klp_run "$d" "$bin" modpost x
		r1=$rc
		klp_run "$d" "$bin" finalize "livepatch-$sample-sample.ko"
		tap_check "livepatch: the undamaged $sample sample passes modpost ($r1) and --klp-finalize ($rc) ($(basename "$(dirname "$bin")"))" \
			eval '[ "$r1" = 0 ] && [ "$rc" = 0 ] || { sed "s/^/# /" "$d/stderr"; false; }'
	done
done

# in the object modpost reads: KLP_SYMBOL() records (struct klp_symbol_binding)
klp_case binding-object-unterminated sympos modpost \
	"of livepatch-sympos-sample.ko: object or symbol name is not NUL-terminated"
klp_case binding-name-unterminated sympos modpost \
	"of livepatch-sympos-sample.ko: object or symbol name is not NUL-terminated"
klp_case binding-unknown-flags sympos modpost "of livepatch-sympos-sample.ko has unknown flags 0x80"
klp_case binding-outside-section sympos modpost \
	"of livepatch-sympos-sample.ko (offset|lies outside|its section .klp.symbols ("
klp_case binding-size-ragged sympos modpost \
	"in section .klp.symbols of livepatch-sympos-sample.ko has size|not a whole|-byte records"
klp_case binding-section-nobits sympos modpost \
	"of livepatch-sympos-sample.ko is in section .klp.symbols, which has no data"
klp_case binding-reloc-symbol-out-of-range sympos modpost \
	"livepatch-sympos-sample.o: relocation 0 in section .rela.klp.symbols refers to symbol|but the symbol table has"
klp_case binding-without-reloc sympos modpost \
	"annotation .klp.symbols+0x0 of livepatch-sympos-sample.ko does not refer to a symbol"
# ... KLP_MODULE_RELOC() records
klp_case module-relocs-outside-section annotated modpost \
	"annotation livepatch_sample_relocs of livepatch-annotated-sample.ko (offset 1099511627776|lies outside"
klp_case module-relocs-reloc-beyond-section annotated modpost \
	"annotation .klp.module_relocs.vmlinux+0x0 of livepatch-annotated-sample.ko does not refer to a symbol"
# in the linked module: the modpost record
klp_case record-bad-header sympos finalize \
	"livepatch-sympos-sample.ko: section .klp.modpost does not start with \"klp-modpost 1\""
klp_case record-position-overflow sympos finalize \
	"line 2 of section .klp.modpost is malformed: a position that is no unsigned decimal number"
klp_case record-three-fields sympos finalize "line 2 of section .klp.modpost is malformed: not four fields"
# ... of an in-tree build (version 2), outside one: no vmlinux to settle it
klp_case record-intree-ambiguous sympos finalize \
	"livepatch: livepatch-sympos-sample.ko: vmlinux is needed to convert it: link vmlinux first"
klp_case record-intree-position sympos finalize \
	"line 2 of section .klp.modpost is malformed: a vmlinux position that is neither @<identity>, =<number> nor ?"
klp_case record-unknown-symbol sympos finalize \
	"section .klp.modpost names 'processor_max_cstat_', which is not an undefined symbol of the module"
klp_case record-unterminated sympos finalize "of section .klp.modpost is malformed: not four fields"
klp_case record-offset-beyond-eof sympos finalize "livepatch-sympos-sample.ko is truncated. sechdrs[i].sh_offset="
klp_case record-size-beyond-eof sympos finalize \
	"livepatch-sympos-sample.ko is truncated: section|extends past the end of the file"
# --klp-finalize given something that is no module file: said as a modpost
# error (it once printed perror()'s bare "e.ko: Invalid argument")
d=$WORK/klp.not-a-module
rm -rf "$d" && mkdir -p "$d/dir.ko"
: >"$d/empty.ko"
for bin in "${binaries[@]}"; do
	for f in empty.ko:"not an ELF file (empty)" dir.ko:"not a regular file" \
		 missing.ko:"No such file or directory"; do
		klp_run "$d" "$bin" finalize "${f%%:*}"
		tap_check "--klp-finalize ${f%%:*}: ERROR: modpost: ${f%%:*}: ${f#*:} ($(basename "$(dirname "$bin")"))" \
			grep -qxF "$FATAL: modpost: ${f%%:*}: ${f#*:}" "$d/stderr"
		[ "$rc" = 1 ] || tap_fail "--klp-finalize ${f%%:*}: exit 1" "status $rc"
	done
done

if [ "$("$WORK/mkbad" list-klp | wc -l)" != "$(grep -c '^klp_case [a-z]' "$0")" ]; then
	tap_fail "every livepatch variant of mkbad has a case here" "$("$WORK/mkbad" list-klp | tr '\n' ' ')"
fi
tap_done
