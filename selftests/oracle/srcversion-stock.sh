#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# srcversion against the stock modpost: crafted modules (.mod lists, .cmd
# files, sources with every lexical corner) are run through both programs in
# the same directory, one after the other, and the srcversion line of the
# .mod.c, the exit status and stderr must agree.
#
# Environment: MODPOST (ours, required), KDIR (a kernel headers tree with the
# stock scripts/mod/modpost).  Output: TAP (selftests/lib/tap.sh).

set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
OURS=${MODPOST:-$TOP/build/modpost}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
STOCK=$KDIR/scripts/mod/modpost
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
if [ -z "$KDIR" ] || [ ! -x "$STOCK" ]; then
	tap_fail "stock modpost" "no $STOCK (make deps)"
	tap_done
fi

# This test is about srcversion; leaks elsewhere in a sanitizer build are
# another test's business.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

work=$(mktemp -d /tmp/srcversion-stock.XXXXXX)
trap 'rm -rf "$work"' EXIT

# A relocatable object with .modinfo: with and without version=.
cat > "$work/obj.c" <<'EOF'
__attribute__((section(".modinfo"), used)) static const char l[] = "license=GPL";
#ifdef WITH_VERSION
__attribute__((section(".modinfo"), used)) static const char v[] = "version=1.0";
#endif
int srcversion_probe(void) { return 0; }
EOF
cc -c -DWITH_VERSION -o "$work/versioned.o" "$work/obj.c" &&
cc -c -o "$work/plain.o" "$work/obj.c" || {
	tap_fail "cc builds the probe objects"
	tap_done
}

# compare NAME DIR [OBJ [FLAGS...]]: run both on DIR/m.o (module DIR/m, or
# "m" relative to DIR when OBJ is "rel").
compare() {
	local name=$1 dir=$2 obj=${3:-versioned}
	shift 3 2>/dev/null || shift $#
	local mod=$dir/m
	[ "$obj" = rel ] && { mod=m; obj=versioned; }
	cp "$work/$obj.o" "$dir/m.o"
	echo "$mod.o" > "$dir/order"
	local impl out
	for impl in stock ours; do
		local bin=$STOCK
		[ $impl = ours ] && bin=$OURS
		rm -f "$dir/m.mod.c" "$dir/Module.symvers"
		(cd "$dir" && "$bin" "$@" -o Module.symvers -T order) \
			> "$work/$impl.out" 2> "$work/$impl.err"
		echo "rc=$?" >> "$work/$impl.err"
		if [ -f "$dir/m.mod.c" ]; then
			grep srcversion "$dir/m.mod.c" > "$work/$impl.sv" || echo "no srcversion" > "$work/$impl.sv"
		else
			echo "no .mod.c" > "$work/$impl.sv"
		fi
	done
	if stock_crashed_ours_did_not; then
		tap_ok "$name (the stock modpost crashed; ours said the same before going on: $(head -n 1 "$work/ours.err" | head -c 80))"
	elif cmp -s "$work/stock.sv" "$work/ours.sv" && cmp -s "$work/stock.err" "$work/ours.err"; then
		tap_ok "$name ($(head -c 60 "$work/ours.sv" | tr -d '\n') $(tr '\n' ' ' < "$work/ours.err" | head -c 100))"
	else
		tap_fail "$name" \
			"stock: $(cat "$work/stock.sv") / $(tr '\n' ' ' < "$work/stock.err")" \
			"ours: $(cat "$work/ours.sv") / $(tr '\n' ' ' < "$work/ours.err")"
	fi
}

# Where the stock modpost dies by a signal (6.1 frees a pointer it has
# advanced when a .cmd file is malformed), ours must not: it must print what
# stock printed before dying, and exit normally.
stock_crashed_ours_did_not() {
	local src dst
	src=$(sed -n 's/^rc=//p' "$work/stock.err")
	dst=$(sed -n 's/^rc=//p' "$work/ours.err")
	[ "$src" -ge 128 ] && [ "$dst" -lt 128 ] || return 1
	cmp -s <(grep -v '^rc=' "$work/stock.err") \
		<(grep -v '^rc=' "$work/ours.err" | head -n "$(grep -vc '^rc=' "$work/stock.err")")
}

newcase() {
	local d=$work/$1
	mkdir -p "$d"
	echo "$d"
}

# Standard layout: m.mod lists D/a.o, D/.a.o.cmd names source D/a.c.
simple() {
	local d=$1
	echo "$d/a.o" > "$d/m.mod"
	printf 'savedcmd_%s/a.o := gcc -c\n\nsource_%s/a.o := %s/a.c\n' "$d" "$d" "$d" > "$d/.a.o.cmd"
}

# --- lexical rules ---------------------------------------------------------

d=$(newcase lex)
simple "$d"
printf 'int\tx = 1;\r\n\v\fchar *s = "two  spaces\\t";\n#define A \\\n  1\n' > "$d/a.c"
printf 'char *q = "esc \\" quote";\nchar *b = "bs\\\\"; int after_quirk;" ;\n' >> "$d/a.c"
printf '// line comment "kept" /* not */\n/* block\n comment */ int y; /*/ self-closing */\n' >> "$d/a.c"
printf 'char c = \x27"\x27; int \xa0\x85\xff z; x\\\ny \\ \\\r\nw;\n"unterminated  \n  string' >> "$d/a.c"
compare "strings, comments, whitespace" "$d"

d=$(newcase open-comment)
simple "$d"
printf 'int a; /* never closed\n int b;' > "$d/a.c"
compare "unterminated comment" "$d"

d=$(newcase nul)
simple "$d"
printf 'int a;\0 int b;' > "$d/a.c"
compare "file ends at a NUL byte" "$d"

d=$(newcase tails)
simple "$d"
printf 'a/*' > "$d/a.c"
compare "comment opener at end of file" "$d"

d=$(newcase tail2)
simple "$d"
printf 'a"' > "$d/a.c"
compare "quote at end of file" "$d"

d=$(newcase tail3)
simple "$d"
printf 'a\\' > "$d/a.c"
compare "backslash at end of file" "$d"

for len in 0 1 55 56 57 63 64 65 119 120 128; do
	d=$(newcase "len$len")
	simple "$d"
	head -c "$len" /dev/zero | tr '\0' 'k' > "$d/a.c"
	compare "$len hashed bytes" "$d"
done

for big in /usr/include/stdlib.h /usr/include/unistd.h; do
	[ -f "$big" ] || continue
	d=$(newcase "big-${big##*/}")
	simple "$d"
	cp "$big" "$d/a.c"
	compare "large source ($big)" "$d"
done

# --- which files ------------------------------------------------------------

d=$(newcase deps)
echo "$d/a.o" > "$d/m.mod"
mkdir -p "$d/sub"
echo 'int a;' > "$d/a.c"; echo 'int h1;' > "$d/h1.h"; echo 'int h2;' > "$d/h2.h"
echo 'int sub;' > "$d/sub/h.h"
{
	printf 'savedcmd_%s/a.o := gcc\n\nsource_%s/a.o := %s/a.c\n\n' "$d" "$d" "$d"
	printf 'deps_%s/a.o := \\\n' "$d"
	printf '  %s/a.c \\\n' "$d"
	printf '\t%s/h1.h \\\n' "$d"
	printf '  %s/sub/h.h \\\n' "$d"
	printf '  /nonexistent/other.h \\\n'
	printf '  $(wildcard include/config/FOO) \\\n'
	printf '  %s/h2.h   trailing words \\\n' "$d"
	printf '\\\n'
	printf '  \\\n'
	printf '  %s/missing-last.h\n' "$d"
	printf '  %s/missing-after.h \\\n' "$d"
	printf '\n%s/a.o: $(deps_%s/a.o)\n\n$(deps_%s/a.o):\n' "$d" "$d" "$d"
} > "$d/.a.o.cmd"
compare "deps: same dir only, stops at first line without backslash" "$d"

d=$(newcase deps-empty-line)
echo "$d/a.o" > "$d/m.mod"
echo 'int a;' > "$d/a.c"
printf 'deps_x := \\\n  %s/a.c \\\n\n  %s/gone.h \\\n' "$d" "$d" > "$d/.a.o.cmd"
compare "deps: empty line ends the list, no source_ line" "$d"

d=$(newcase source-in-deps)
echo "$d/a.o" > "$d/m.mod"
echo 'int a;' > "$d/a.c"; echo 'int b;' > "$d/b.c"
printf 'deps_x := \\\n  source_y := %s/b.c\n  %s/a.c \\\n  %s/last.h\nsource_z := %s/gone.c\n' "$d" "$d" "$d" "$d" > "$d/.a.o.cmd"
compare "source_ line inside deps, nothing after the end" "$d"

d=$(newcase no-deps)
simple "$d"
printf '\n  source_again := %s/a.c\n' "$d" >> "$d/.a.o.cmd"
echo 'int a;' > "$d/a.c"
compare "no deps_ line, two source_ lines (indented)" "$d"

d=$(newcase dir-dep)
echo "$d/a.o" > "$d/m.mod"
printf 'deps_x := \\\n  %s/ \\\n' "$d" > "$d/.a.o.cmd"
compare "dependency that is a directory" "$d"

d=$(newcase malformed)
echo "$d/a.o" > "$d/m.mod"
printf 'source_%s/a.o:=%s/a.c\n' "$d" "$d" > "$d/.a.o.cmd"
compare "malformed source_ line" "$d"

d=$(newcase malformed2)
printf '%s/a.o\n%s/b.o\n' "$d" "$d" > "$d/m.mod"
printf 'source_a := %s/a.c\n' "$d" > "$d/.a.o.cmd"
printf 'source_b:=%s/b.c\n' "$d" > "$d/.b.o.cmd"
echo 'int a;' > "$d/a.c"
compare "malformed source_ line in the second object" "$d"

d=$(newcase trailing-space)
echo "$d/a.o" > "$d/m.mod"
printf 'source_a := %s/a.c \n' "$d" > "$d/.a.o.cmd"
compare "source_ line ending in a space" "$d"

d=$(newcase crlf)
echo "$d/a.o" > "$d/m.mod"
printf 'source_a := %s/a.c\r\n' "$d" > "$d/.a.o.cmd"
echo 'int a;' > "$d/a.c"
compare "CRLF source_ line" "$d"

d=$(newcase tab)
echo "$d/a.o" > "$d/m.mod"
printf 'source_a :=\t%s/a.c\n' "$d" > "$d/.a.o.cmd"
compare "tab before the source file name" "$d"

d=$(newcase missing-source)
echo "$d/a.o" > "$d/m.mod"
printf 'source_a := %s/nope.c\n' "$d" > "$d/.a.o.cmd"
compare "missing source file" "$d"

d=$(newcase missing-cmd)
echo "$d/a.o" > "$d/m.mod"
compare "missing .cmd file" "$d"

d=$(newcase missing-mod)
compare "missing .mod file" "$d"

d=$(newcase empty-mod)
: > "$d/m.mod"
compare "empty .mod" "$d"

d=$(newcase libs-only)
printf 'lib.a\n\n%s/x.a\n' "$d" > "$d/m.mod"
compare ".mod with only static libraries and blank lines" "$d"

d=$(newcase two)
printf '%s/a.o\n\n%s/lib.a\n%s/b.o' "$d" "$d" "$d" > "$d/m.mod"
printf 'source_a := %s/a.c\n' "$d" > "$d/.a.o.cmd"
printf 'source_b := %s/b.c\n' "$d" > "$d/.b.o.cmd"
echo 'int a;' > "$d/a.c"; echo 'int b;' > "$d/b.c"
compare "two objects and a library" "$d"

d=$(newcase relative)
mkdir -p "$d/sub" "$d/x/sub"
printf 'a.o\nsub/b.o\nc\n' > "$d/m.mod"
printf 'source_a := a.c\ndeps_a := \\\n  a.c \\\n  a.h \\\n' > "$d/.a.o.cmd"
printf 'source_b := sub/b.c\ndeps_b := \\\n  sub/b.h \\\n  x/sub/b2.h \\\n  sub/sub/no.h \\\n  ysub/yes.h \\\n' > "$d/sub/.b.o.cmd"
printf 'source_c := a.c\n' > "$d/.c.cmd"
echo 'int a;' > "$d/a.c"; echo 'int b;' > "$d/sub/b.c"
echo 'int bh;' > "$d/sub/b.h"; echo 'int b2;' > "$d/x/sub/b2.h"; mkdir -p "$d/ysub"; echo "int y;" > "$d/ysub/yes.h"
compare "relative paths, objects without a directory" "$d" rel

d=$(newcase all-versions)
simple "$d"; echo 'int a;' > "$d/a.c"
compare "no version=, no -a" "$d" plain
compare "no version=, -a" "$d" plain -a

tap_done
