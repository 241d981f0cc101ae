#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Seed corpora for the fuzz targets, generated (nothing large is committed):
#
#   seeds.sh OUTDIR            writes OUTDIR/<target>/ for every target
#
#   elf               small modules of the installed kernels (/lib/modules),
#                     the synthetic ELF32/ELF64 LE/BE REL/RELA objects of
#                     selftests/oracle/secmismatch-elfgen, selftests/badinput's
#                     object and its damaged variants, the livepatch objects
#   modinfo           the .modinfo sections of all of those
#   modcmd            .mod/.cmd/source sets made from the kbuild output of
#                     the livepatch build below (paths made relative)
#   symvers           excerpts of KDIR's Module.symvers
#   kallsyms          excerpts of the debug vmlinux's `nm -n` (System.map) and
#                     of /proc/kallsyms (with module lines)
#   klp-record        the .klp.modpost sections of the livepatch modules
#   klp-annotations   the livepatch objects (<module>.o) and modules
#   klp-modes         the livepatch modules, finalized and not; small modules
#   klp-finalize      the livepatch modules before the post-link step
#
# The livepatch modules are samples/livepatch and a few selftests/klp/cases,
# built with kbuild of KDIR and MODPOST (ours; kbuild's own link, so the .ko
# keeps its record), then finalized with MODPOST; debug info is stripped so
# that seeds stay small.  Every target also gets selftests/fuzz/seeds/<target>/
# (the small committed seeds).  Parts that cannot be made (no debug vmlinux,
# a failed build) are skipped with a note on stderr.
#
# Environment: KDIR (default: scripts/kdir.sh default), MODPOST (default:
# build/modpost), TOP.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=${TOP:-$(cd "$HERE/../.." && pwd)}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
MODPOST=${MODPOST:-$TOP/build/modpost}
OUT=${1:?usage: seeds.sh OUTDIR}
TARGETS="elf modinfo modcmd symvers kallsyms klp-record klp-annotations klp-modes klp-finalize"
MAX_BYTES=65536		# larger seeds make every execution slow

note() { echo "seeds.sh: $*" >&2; }

OUT=$(realpath -m "$OUT")
WORK=$(mktemp -d /tmp/fuzz-seeds.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
for t in $TARGETS; do
	mkdir -p "$OUT/$t"
	[ -d "$HERE/seeds/$t" ] && cp "$HERE/seeds/$t"/* "$OUT/$t/" 2>/dev/null
done

# put FILE TARGET [NAME]: a seed, unless it is too large
put() {
	local size
	size=$(stat -c %s "$1" 2>/dev/null || echo 0)
	[ "$size" -gt 0 ] && [ "$size" -le $MAX_BYTES ] || return 0
	cp "$1" "$OUT/$2/${3:-$(basename "$1")}"
}

# section FILE SECTION OUT: the bytes of one section
section() {
	objcopy -O binary --only-section="$2" "$1" "$3" 2>/dev/null && [ -s "$3" ]
}

release=$(cat "$KDIR/include/config/kernel.release" 2>/dev/null)
release=${release:-$(basename "$KDIR" | sed 's/^linux-headers-//')}

# ---- small real modules ------------------------------------------------------
n=0
for dir in /lib/modules/*/kernel; do
	[ -d "$dir" ] || continue
	# every 40th compressed module under 6 KiB: spread over the tree
	while read -r ko; do
		base=$(basename "$ko" .xz)
		case $ko in
		*.xz) xz -dc "$ko" > "$WORK/$base" 2>/dev/null || continue ;;
		*) cp "$ko" "$WORK/$base" ;;
		esac
		put "$WORK/$base" elf "${base%.ko}.o" && n=$((n + 1))
		put "$WORK/$base" klp-modes
		section "$WORK/$base" .modinfo "$WORK/$base.modinfo" &&
			put "$WORK/$base.modinfo" modinfo
	done < <(find "$dir" -name '*.ko*' -size -6k | sort | awk 'NR % 40 == 1' | head -24)
done
[ $n -gt 0 ] || note "no modules under /lib/modules/*/kernel"

# ---- synthetic objects ---------------------------------------------------------
if python3 "$TOP/selftests/oracle/secmismatch-elfgen/mkobjs.py" "$WORK/gen" >/dev/null 2>&1; then
	for o in "$WORK"/gen/*/*.o; do
		put "$o" elf
	done
else
	note "mkobjs.py failed"
fi

if cc -O1 -o "$WORK/mkbad" "$TOP/selftests/badinput/mkbad.c" 2>/dev/null &&
   cc -O2 -fno-pic -fno-asynchronous-unwind-tables -c -o "$WORK/good.o" \
	"$TOP/selftests/badinput/good.c" 2>/dev/null; then
	put "$WORK/good.o" elf
	for v in $("$WORK/mkbad" list); do
		"$WORK/mkbad" "$WORK/good.o" "$v" "$WORK/bad-$v.o" 2>/dev/null &&
			put "$WORK/bad-$v.o" elf
	done
else
	note "badinput objects not built"
fi

# ---- livepatch modules ---------------------------------------------------------
lp=$WORK/lp
mkdir -p "$lp/cases"
cp -r "$TOP/samples/livepatch" "$lp/samples"
rm -rf "$lp/samples/ambiguous"
cp "$TOP/selftests/klp/cases/lp-common.h" "$lp/cases/"
for c in clone-explicit vmlinux-dup-decl vmlinux-dup-array dot-names func-dup-positioned scope-unknown; do
	[ -d "$TOP/selftests/klp/cases/$c" ] && cp -r "$TOP/selftests/klp/cases/$c" "$lp/cases/"
done
built=0
if [ -x "$MODPOST" ] && [ -f "$KDIR/Makefile" ]; then
	for d in "$lp/samples" "$lp"/cases/*/; do
		env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$KDIR" M="${d%/}" \
			MODPOST="$MODPOST" KLP_INCLUDE="$TOP/include" \
			SELFTEST_INCLUDE="$TOP/selftests/lib/include" \
			CFLAGS_MODULE="-I$TOP/include" modules >"$d.log" 2>&1 ||
			note "livepatch build of $(basename "$d") failed (see nothing: scratch)"
	done
	for ko in "$lp"/samples/*.ko "$lp"/cases/*/*.ko; do
		[ -f "$ko" ] || continue
		name=$(basename "$ko" .ko)
		obj=${ko%.ko}.o
		objcopy --strip-debug "$ko" "$WORK/$name.ko" || continue
		objcopy --strip-debug "$obj" "$WORK/$name.o" || continue
		put "$WORK/$name.ko" klp-finalize
		put "$WORK/$name.ko" klp-modes "$name-unfinalized.ko"
		put "$WORK/$name.ko" klp-annotations "$name.ko"
		put "$WORK/$name.o" klp-annotations
		put "$WORK/$name.o" elf
		section "$WORK/$name.o" .modinfo "$WORK/$name.modinfo" &&
			put "$WORK/$name.modinfo" modinfo
		section "$WORK/$name.ko" .klp.modpost "$WORK/$name.record" &&
			put "$WORK/$name.record" klp-record
		if "$MODPOST" --klp-finalize -o "$WORK/$name-final.ko" "$WORK/$name.ko" 2>/dev/null; then
			put "$WORK/$name-final.ko" klp-modes
			put "$WORK/$name-final.ko" klp-annotations
		fi
		built=$((built + 1))
	done
else
	note "no $MODPOST or no kernel tree $KDIR: no livepatch modules"
fi
[ $built -gt 0 ] || note "no livepatch module built"

# ---- .mod/.cmd sets from the kbuild output ---------------------------------------
python3 - "$lp" "$OUT/modcmd" <<'EOF' || note "modcmd seeds not made"
import glob, os, re, sys

lp, out = sys.argv[1], sys.argv[2]

def relative(text, obj, new):
    """The .cmd text with paths made relative and the object renamed."""
    text = text.replace(obj, new)
    return re.sub(r'(^|[ =:(])/(?:[^ \n]*/)?', r'\1', text, flags=re.M)

n = 0
for cmd in sorted(glob.glob(lp + '/**/.*.o.cmd', recursive=True)):
    base = os.path.basename(cmd)[1:-len('.cmd')]
    if base.endswith('.mod.o') or 'module-common' in base:
        continue
    obj = os.path.join(os.path.dirname(cmd), base)
    src = obj[:-2] + '.c'
    if not os.path.exists(src):
        continue
    text = open(cmd, errors='replace').read()
    lines = text.split('\n')
    # the savedcmd line is huge and ignored: keep the deps head and the rest short
    head = [l for l in lines if not l.startswith('savedcmd_')][:80]
    a = relative('\n'.join(head) + '\n#SYMVER lp_export 0x1234abcd\n', obj, 'a.o')
    a = a.replace(os.path.basename(src), 'a.c')
    c = relative('\n'.join(head) + '\n', obj, 'sub/c.o').replace(os.path.basename(src), 'sub/b.h')
    c = c.replace('deps_sub/c.o := \\\n', 'deps_sub/c.o := \\\n  sub/b.h \\\n', 1)
    source = open(src, errors='replace').read()[:4096]
    parts = ['a.o\nsub/c.o\n', a, c, source, '/* b */\n#define B "x\\"y"\n', 'lp_export\nother\n']
    data = '\0'.join(parts).encode()
    # what the target rejects: a path that could leave its directory
    if any(re.search(r'(^|[ \t])/|\.\./', p, flags=re.M) for p in parts[:3]):
        continue
    open(os.path.join(out, 'kbuild-%s' % os.path.basename(obj)[:-2]), 'wb').write(data)
    n += 1
sys.exit(0 if n else 1)
EOF

# ---- Module.symvers ----------------------------------------------------------------
if [ -f "$KDIR/Module.symvers" ]; then
	head -n 150 "$KDIR/Module.symvers" > "$OUT/symvers/kdir-head"
	awk -F'\t' '$5 != ""' "$KDIR/Module.symvers" | head -n 60 > "$OUT/symvers/kdir-namespaces"
	awk -F'\t' '$3 != "vmlinux"' "$KDIR/Module.symvers" | head -n 60 > "$OUT/symvers/kdir-modules"
else
	note "no $KDIR/Module.symvers"
fi

# ---- symbol maps ----------------------------------------------------------------------
vmlinux=
for v in "${KLP_CACHE:-/var/cache/klp-modpost}/$release/dbg/usr/lib/debug/boot/vmlinux-$release" \
	 "/usr/lib/debug/boot/vmlinux-$release"; do
	[ -f "$v" ] && vmlinux=$v && break
done
if [ -n "$vmlinux" ] && nm -n "$vmlinux" > "$WORK/nm" 2>/dev/null; then
	head -n 300 "$WORK/nm" > "$OUT/kallsyms/nm-head"
	lines=$(wc -l < "$WORK/nm")
	sed -n "$((lines / 2)),$((lines / 2 + 300))p" "$WORK/nm" > "$OUT/kallsyms/nm-middle"
	grep -n -m 1 'max_cstate' "$WORK/nm" >/dev/null &&
		grep -B 100 -A 100 -m 1 ' max_cstate$' "$WORK/nm" > "$OUT/kallsyms/nm-max-cstate"
	tail -n 200 "$WORK/nm" > "$OUT/kallsyms/nm-tail"
else
	note "no debug vmlinux for $release: no System.map seeds"
fi
if [ -r /proc/kallsyms ]; then
	head -n 200 /proc/kallsyms > "$OUT/kallsyms/proc-head"
	{ head -n 50 /proc/kallsyms; grep -m 300 $'\t\[' /proc/kallsyms; } > "$OUT/kallsyms/proc-modules"
fi

for t in $TARGETS; do
	echo "$t: $(find "$OUT/$t" -type f | wc -l) seeds"
done
