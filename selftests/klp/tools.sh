#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# modpost --klp-dump, --klp-check and --klp-verify on the finalized
# livepatch modules of selftests/klp (built here with our modpost), and on
# deliberately damaged copies of them: flags, sh_info, sh_type, sh_link,
# sh_entsize, section and symbol names, positions, symbol indices, a
# module-specific section that references vmlinux.  --klp-verify needs the
# target's debug vmlinux (scripts/deps.sh --with-dbg) and SKIPs without it.
# Every mode also runs over every damaged copy and over random corruptions
# under the ASan/UBSan build when there is one (MODPOST_SAN, default
# $BUILD/san/modpost): exit status 0 or 1, never a crash.
#
# Environment: MODPOST, MODPOST_SAN, KDIR, TOP, BUILD, KLP_TOOLS_WORK
# (scratch; default a fresh temporary directory, removed at the end).
set -u
export LC_ALL=C
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
MODPOST=${MODPOST:-$TOP/build/modpost}
BUILD=${BUILD:-$TOP/build}
SAN=${MODPOST_SAN:-$BUILD/san/modpost}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"

if [ -z "$KDIR" ] || [ ! -d "$KDIR" ] || ! command -v python3 >/dev/null; then
	tap_skip "livepatch tool modes" "no kernel build tree or no python3"
	tap_done
fi
if [ -n "${KLP_TOOLS_WORK:-}" ]; then
	work=$KLP_TOOLS_WORK
	rm -rf "$work"
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/klp-tools.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
unset KLP_MODULES_DIR KLP_VMLINUX KLP_SYSTEM_MAP KLP_RELEASE

# --- the modules -------------------------------------------------------------------
KLP_TEST_WORK=$work/klp MODPOST=$MODPOST KDIR=$KDIR "$TOP/selftests/klp/run.sh" \
	>"$work/klp-build.log" 2>&1 </dev/null
C=$work/klp/cases
VM=$C/vmlinux-dup-decl/final.ko		# .klp.sym.vmlinux.max_cstate,1 and ,2
MD=$C/module-dup-annotated/final.ko	# .klp.sym.klp_target.klpt_dup_counter,1/,2, klpt_dup_mixed,1
UNFIN=$C/vmlinux-dup-decl/lp_vmlinux_dup_decl.ko
TARGET=$work/klp/targets/klp_target/klp_target.ko
MODS=$work/klp/modules
if [ ! -f "$VM" ] || [ ! -f "$MD" ] || [ ! -f "$UNFIN" ]; then
	tap_fail "selftests/klp builds the modules" "$(tail -5 "$work/klp-build.log")"
	tap_done
fi
tap_ok "selftests/klp builds the modules"

# --- a small ELF64 little-endian editor for damaged copies ---------------------------
cat >"$work/elfedit.py" <<'EOF'
import struct, sys
path, op, args = sys.argv[1], sys.argv[2], sys.argv[3:]
b = bytearray(open(path, 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28)
shnum, shstrndx = struct.unpack_from('<HH', b, 0x3c)
def sh(i):
    return list(struct.unpack_from('<IIQQQQIIQQ', b, shoff + i * 64))
def put_sh(i, v):
    struct.pack_into('<IIQQQQIIQQ', b, shoff + i * 64, *v)
def cstr(off):
    return bytes(b[off:b.index(0, off)]).decode()
def secname(i):
    return cstr(sh(shstrndx)[4] + sh(i)[0])
def sec(name):
    for i in range(shnum):
        if secname(i) == name:
            return i
    sys.exit('no section ' + name)
symtab = next(i for i in range(shnum) if sh(i)[1] == 2)
stroff = sh(sh(symtab)[6])[4]
def syms():
    s = sh(symtab)
    for k in range(s[5] // 24):
        off = s[4] + k * 24
        yield k, off, cstr(stroff + struct.unpack_from('<I', b, off)[0])
def sym(name):
    for k, off, nm in syms():
        if nm == name:
            return k, off
    sys.exit('no symbol ' + name)
def rename(off, old, new):
    assert len(new) <= len(old), 'new name longer'
    b[off:off + len(old)] = new.encode() + b'\0' * (len(old) - len(new))
FIELDS = {'name': 0, 'type': 1, 'flags': 2, 'offset': 4, 'size': 5, 'link': 6, 'info': 7, 'entsize': 9}
if op == 'sec-set':            # SECTION FIELD EXPR-of-v
    i = sec(args[0]); v = sh(i); f = FIELDS[args[1]]
    v[f] = eval(args[2], {'v': v[f], 'sec': sec, 'symtab': symtab}) & 0xffffffffffffffff
    if f in (0, 1, 6, 7):
        v[f] &= 0xffffffff
    put_sh(i, v)
elif op == 'sec-rename':       # OLD NEW
    i = sec(args[0]); rename(sh(shstrndx)[4] + sh(i)[0], args[0], args[1])
elif op == 'sym-rename':       # OLD NEW
    k, off = sym(args[0]); rename(stroff + struct.unpack_from('<I', b, off)[0], args[0], args[1])
elif op == 'sym-shndx':        # NAME VALUE
    k, off = sym(args[0]); struct.pack_into('<H', b, off + 6, int(args[1], 0))
elif op == 'rela-set':         # SECTION INDEX sym|type|offset VALUE|@SYMBOL
    s = sh(sec(args[0])); off = s[4] + int(args[1]) * 24
    info, = struct.unpack_from('<Q', b, off + 8)
    val = sym(args[3][1:])[0] if args[3].startswith('@') else int(args[3], 0)
    if args[2] == 'offset':
        struct.pack_into('<Q', b, off, val)
    else:
        info = (val << 32 | info & 0xffffffff) if args[2] == 'sym' else (info & ~0xffffffff | val)
        struct.pack_into('<Q', b, off + 8, info)
elif op == 'machine':          # VALUE
    struct.pack_into('<H', b, 0x12, int(args[0], 0))
elif op == 'truncate':         # BYTES
    del b[int(args[0]):]
elif op == 'flip':             # SEED COUNT: flip random bytes in headers and .klp.rela data
    import random
    r = random.Random(int(args[0]))
    spots = [(shoff, shnum * 64)] + [(sh(i)[4], sh(i)[5]) for i in range(shnum)
                                     if secname(i).startswith('.klp.rela') or i == symtab]
    for _ in range(int(args[1])):
        base, size = r.choice(spots)
        if size:
            b[base + r.randrange(size)] ^= 1 << r.randrange(8)
else:
    sys.exit('unknown op ' + op)
open(path, 'wb').write(b)
EOF
# damage NAME SOURCE OP ARGS...: a damaged copy $work/d/NAME.ko
mkdir -p "$work/d"
damage() {
	local name=$1 src=$2
	shift 2
	cp "$src" "$work/d/$name.ko"
	python3 "$work/elfedit.py" "$work/d/$name.ko" "$@" || tap_fail "editing $name" ""
}

run() { # mode args... -> $out (stdout), $err (stderr), $rc
	rc=0
	out=$("$MODPOST" "$@" 2>"$work/err") || rc=$?
	err=$(cat "$work/err")
}
# expect_out DESC RC PATTERN: last run's status and stdout
expect_out() {
	if [ "$rc" = "$2" ] && grep -qF -- "$3" <<<"$out"; then tap_ok "$1"
	else tap_fail "$1" "exit $rc, stdout: $(head -12 <<<"$out")
stderr: $(head -5 <<<"$err")"; fi
}
expect_err() {
	if [ "$rc" = "$2" ] && grep -qF -- "$3" <<<"$err"; then tap_ok "$1"
	else tap_fail "$1" "exit $rc, stderr: $(head -8 <<<"$err")"; fi
}

VMSEC=.klp.rela.vmlinux..text

# --- --klp-dump -----------------------------------------------------------------------
run --klp-dump "$VM"
expect_out "dump: header counts the vmlinux symbols and relocations" 0 \
	"object vmlinux: 2 livepatch symbols, 2 relocations in 1 section"
if grep -qE '^vmlinux +\.text +0x[0-9a-f]+ +R_X86_64_PC32 +max_cstate +2 +-4$' <<<"$out" &&
   grep -qE '^vmlinux +\.text +0x[0-9a-f]+ +R_X86_64_PC32 +max_cstate +1 +-4$' <<<"$out"; then
	tap_ok "dump: one row per relocation: object, target section, offset, type name, symbol, sympos, addend"
else
	tap_fail "dump: one row per relocation" "$out"
fi
if [ "$(grep -c '^vmlinux ' <<<"$out")" = "$(readelf -rW "$VM" | grep -c '\.klp\.sym\.vmlinux\.')" ]; then
	tap_ok "dump: as many rows as readelf shows .klp.sym relocations"
else
	tap_fail "dump: as many rows as readelf shows .klp.sym relocations" "$out"
fi
run --klp-dump "$MD"
expect_out "dump: module target object" 0 "object klp_target: 3 livepatch symbols, 3 relocations in 1 section"
expect_out "dump: module target rows" 0 "klpt_dup_counter"
run --klp-dump "$UNFIN"
expect_out "dump: an unfinalized module says so" 0 "NOTE: unfinalized modpost record (section .klp.modpost, 2 conversions)"
run --klp-dump "$TARGET"
expect_out "dump: an ordinary module has no livepatch content" 0 "no livepatch symbols or relocations"
damage type200 "$VM" rela-set "$VMSEC" 0 type 200
run --klp-dump "$work/d/type200.ko"
expect_out "dump: unknown relocation type falls back to 'type N'" 0 "type 200"
damage arm64 "$VM" machine 183
python3 "$work/elfedit.py" "$work/d/arm64.ko" rela-set "$VMSEC" 0 type 283
run --klp-dump "$work/d/arm64.ko"
expect_out "dump: relocation names follow e_machine (arm64 R_AARCH64_CALL26)" 0 "R_AARCH64_CALL26"
damage ppc64 "$VM" machine 21
python3 "$work/elfedit.py" "$work/d/ppc64.ko" rela-set "$VMSEC" 0 type 10
run --klp-dump "$work/d/ppc64.ko"
expect_out "dump: ppc64 R_PPC64_REL24" 0 "R_PPC64_REL24"
run --klp-dump "$work/nonexistent.ko"
expect_err "dump: a missing file is an error" 1 "ERROR: modpost: $work/nonexistent.ko"

# --- --klp-check: intact modules ----------------------------------------------------------
finals=$(ls "$C"/*/final.ko)
run --klp-check $finals
if [ "$rc" = 0 ] && [ -z "$err" ] && [ "$(grep -c 'livepatch format intact' <<<"$out")" = "$(wc -l <<<"$finals")" ]; then
	tap_ok "check: every finalized module of selftests/klp is intact ($(wc -l <<<"$finals") modules)"
else
	tap_fail "check: every finalized module of selftests/klp is intact" "$out
$err"
fi
run --klp-check "$TARGET"
expect_out "check: an ordinary module is 'not a livepatch module', exit 0" 0 "not a livepatch module"
run --klp-check "$UNFIN"
expect_err "check: an unfinalized module is refused" 1 \
	"ERROR: modpost: $UNFIN: unfinalized: section .klp.modpost still holds the modpost record (2 conversions)"
expect_err "check: ... naming each symbol the record would convert" 1 \
	"symbol lp_max_cstate_1 is still undefined; the modpost record converts it to .klp.sym.vmlinux.max_cstate,1"
# one reader of the record: a position too big for the kernel is refused by
# --klp-check as by --klp-finalize (which leaves the module as it was)
python3 - "$UNFIN" "$work/overflow.ko" <<'PYEOF'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
old = b"lp_max_cstate_1 vmlinux max_cstate 1\n"
i = data.index(old)
data[i:i + len(old)] = (b"a b c " + b"9" * (len(old) - 7) + b"\n")
open(sys.argv[2], "wb").write(data)
PYEOF
cp "$work/overflow.ko" "$work/overflow.orig"
run --klp-check "$work/overflow.ko"
expect_err "check: a record position beyond unsigned long is malformed" 1 \
	"section .klp.modpost is not a record of this modpost (malformed lines)"
run --klp-finalize "$work/overflow.ko"
expect_err "finalize: the same record is refused, naming the line" 1 \
	"line 3 of section .klp.modpost is malformed: a position that is no unsigned decimal number of the kernel's size"
if cmp -s "$work/overflow.ko" "$work/overflow.orig"; then
	tap_ok "finalize: the refused module is left as it was"
else
	tap_fail "finalize: the refused module is left as it was"
fi
xz -c "$VM" >"$work/vm.ko.xz"
run --klp-check "$work/vm.ko.xz"
expect_out "check: reads compressed modules" 0 "livepatch format intact: 2 livepatch symbols"

# --- --klp-check: damaged copies ---------------------------------------------------------
# check_damaged NAME DESC PATTERN -- edit...
check_damaged() {
	local name=$1 desc=$2 pattern=$3 src=$VM
	shift 4
	case $1 in @md) src=$MD; shift ;; esac
	damage "$name" "$src" "$@"
	run --klp-check "$work/d/$name.ko"
	if [ "$rc" = 1 ] && grep -qF -- "ERROR: modpost: $work/d/$name.ko: " <<<"$err" &&
	   grep -qF -- "$pattern" <<<"$err"; then
		tap_ok "check: $desc"
	else
		tap_fail "check: $desc" "exit $rc, wanted '$pattern'; stderr: $(head -6 <<<"$err")"
	fi
}
check_damaged noflag "SHF_RELA_LIVEPATCH cleared" "section $VMSEC lacks SHF_RELA_LIVEPATCH" -- \
	sec-set "$VMSEC" flags 'v & ~0x100000'
check_damaged noalloc "SHF_ALLOC cleared" "section $VMSEC lacks SHF_ALLOC" -- \
	sec-set "$VMSEC" flags 'v & ~0x2'
check_damaged info0 "sh_info 0" "section $VMSEC: sh_info 0 is not a section" -- \
	sec-set "$VMSEC" info 0
check_damaged infobig "sh_info out of range" "sh_info 4000 is not a section" -- \
	sec-set "$VMSEC" info 4000
check_damaged infocomment "sh_info naming a non-allocated section" "its target .comment" -- \
	sec-set "$VMSEC" info 'sec(".comment")'
check_damaged rel "sh_type SHT_REL" "section $VMSEC is not SHT_RELA (sh_type 9)" -- \
	sec-set "$VMSEC" type 9
check_damaged link "sh_link not the symbol table" "section $VMSEC: sh_link is 1, not the symbol table" -- \
	sec-set "$VMSEC" link 1
check_damaged entsize "sh_entsize 0" "section $VMSEC: sh_entsize is 0, expected 24" -- \
	sec-set "$VMSEC" entsize 0
check_damaged secname "a .klp.rela name without an object" \
	"section .klp.rela..vmlinux.text has an incorrectly formatted name" -- \
	sec-rename "$VMSEC" .klp.rela..vmlinux.text
check_damaged symname "a .klp.sym name without ',<pos>'" \
	"symbol .klp.sym.vmlinux.max_cstate_1 has an incorrectly formatted name" -- \
	sym-rename .klp.sym.vmlinux.max_cstate,1 .klp.sym.vmlinux.max_cstate_1
check_damaged symnopos "a .klp.sym name with ',' but no digits" \
	"symbol .klp.sym.vmlinux.max_cstate,x has an incorrectly formatted name" -- \
	sym-rename .klp.sym.vmlinux.max_cstate,1 .klp.sym.vmlinux.max_cstate,x
check_damaged shndx "a .klp.sym symbol that lost SHN_LIVEPATCH (as after ld -r)" \
	"symbol .klp.sym.vmlinux.max_cstate,1 lost its SHN_LIVEPATCH section index (st_shndx is 0xfff1)" -- \
	sym-shndx .klp.sym.vmlinux.max_cstate,1 0xfff1
check_damaged shndx-rel "... and its relocation then references a non-livepatch symbol" \
	"section $VMSEC: symbol .klp.sym.vmlinux.max_cstate,1 is not marked as a livepatch symbol" -- \
	sym-shndx .klp.sym.vmlinux.max_cstate,1 0
check_damaged modsec "a module-specific section referencing a vmlinux symbol" \
	"section .klp.rela.klptarg..text: invalid access to vmlinux symbol 'max_cstate' from module-specific livepatch relocation section" -- \
	sec-rename "$VMSEC" .klp.rela.klptarg..text
check_damaged othermod "a section of one module referencing another module's symbol" \
	"(object klp_tXXXXt) refers to .klp.sym.klp_target.klpt_dup_counter,2 of object klp_target" -- \
	@md sec-rename .klp.rela.klp_target..text .klp.rela.klp_tXXXXt..text
check_damaged initsec "a module-specific section relocating .init.text" \
	"section .klp.rela.klp_target..text: relocations for module klp_target into .init.text cannot work: init sections are freed" -- \
	@md sec-set .klp.rela.klp_target..text info 'sec(".init.text")'
check_damaged ordinary "an ordinary relocation section referencing a livepatch symbol" \
	"(ordinary relocations for .text) refers to livepatch symbol .klp.sym.vmlinux.max_cstate,2" -- \
	rela-set .rela.text 0 sym @.klp.sym.vmlinux.max_cstate,2
check_damaged symrange "a relocation whose symbol index is out of range" \
	"section $VMSEC: relocation 0 refers to symbol 16777215, but the symbol table has" -- \
	rela-set "$VMSEC" 0 sym 0xffffff
check_damaged offset "a relocation outside its target section" \
	"relocation 0 at offset 0x7fffffff is outside .text" -- \
	rela-set "$VMSEC" 0 offset 0x7fffffff
damage nomodinfo "$VM" sec-rename .modinfo .modinfX
run --klp-check "$work/d/nomodinfo.ko"
expect_err "check: livepatch content without the livepatch modinfo" 1 "no \"livepatch\" modinfo entry"
damage nolink "$VM" sec-set "$VMSEC" flags 'v & ~0x40'
run --klp-check "$work/d/nolink.ko"
if [ "$rc" = 0 ] && grep -q "WARNING: modpost: .*lacks SHF_INFO_LINK" <<<"$err"; then
	tap_ok "check: SHF_INFO_LINK missing is a warning (the kernel never reads it; binutils drops it)"
else
	tap_fail "check: SHF_INFO_LINK missing is a warning" "exit $rc: $err"
fi
run --klp-check --strict "$work/d/nolink.ko"
expect_err "check --strict: SHF_INFO_LINK missing is an error" 1 "ERROR: modpost: $work/d/nolink.ko: section $VMSEC lacks SHF_INFO_LINK"
run --klp-check "$work/d/noflag.ko" "$VM"
if [ "$rc" = 1 ] && grep -q "$VM: livepatch format intact" <<<"$out"; then
	tap_ok "check: several modules: each judged, exit 1 when any is broken"
else
	tap_fail "check: several modules: each judged" "$out $err"
fi

# --- --klp-verify -----------------------------------------------------------------------
run --klp-verify "$VM"
if [ "$rc" != 0 ] && grep -q "no symbols of kernel\|target kernel is unknown" <<<"$err"; then
	tap_skip "verify" "no symbols of the target kernel (scripts/deps.sh --with-dbg)"
else
	expect_out "verify: the good module resolves (release from vermagic)" 0 "every livepatch symbol resolves"
	if grep -qE '^max_cstate +vmlinux +1 +0x[0-9a-f]{16} \.data +ok$' <<<"$out" &&
	   grep -qE '^max_cstate +vmlinux +2 +0x[0-9a-f]{16} \.data +ok$' <<<"$out"; then
		tap_ok "verify: table rows: symbol, object, position, address and section, verdict"
	else
		tap_fail "verify: table rows" "$out"
	fi
	a1=$(awk '$1 == "max_cstate" && $3 == 1 { print $4 }' <<<"$out")
	a2=$(awk '$1 == "max_cstate" && $3 == 2 { print $4 }' <<<"$out")
	if [ -n "$a1" ] && [ -n "$a2" ] && [[ $a1 < $a2 ]]; then
		tap_ok "verify: vmlinux positions count in address order ($a1 < $a2)"
	else
		tap_fail "verify: vmlinux positions count in address order" "$a1 $a2"
	fi

	damage pos9 "$VM" sym-rename .klp.sym.vmlinux.max_cstate,2 .klp.sym.vmlinux.max_cstate,9
	run --klp-verify "$work/d/pos9.ko"
	expect_out "verify: position out of range: the kernel's message" 1 \
		"symbol position 9 for symbol 'max_cstate' in object 'vmlinux' not found"
	expect_err "verify: ... and exit 1 with an error line" 1 "ERROR: modpost: $work/d/pos9.ko: 1 of 2 livepatch symbols would not resolve"
	damage pos0 "$VM" sym-rename .klp.sym.vmlinux.max_cstate,2 .klp.sym.vmlinux.max_cstate,0
	run --klp-verify "$work/d/pos0.ko"
	expect_out "verify: position 0 on a duplicate: the kernel's message (vmlinux printed as (null))" 1 \
		"unresolvable ambiguity for symbol 'max_cstate' in object '(null)'"
	damage notfound "$VM" sym-rename .klp.sym.vmlinux.max_cstate,2 .klp.sym.vmlinux.max_cstatz,2
	run --klp-verify "$work/d/notfound.ko"
	expect_out "verify: unknown symbol: the kernel's message" 1 "symbol 'max_cstatz' not found in symbol table"
	run --klp-verify "$work/d/symname.ko"
	expect_out "verify: unparsable name: the kernel's message" 1 \
		"symbol .klp.sym.vmlinux.max_cstate_1 has an incorrectly formatted name"
	run --klp-verify "$VM" --release "$("$TOP/scripts/kdir.sh" release "$KDIR")"
	expect_out "verify: --release" 0 "every livepatch symbol resolves"

	run --klp-verify "$MD" --modules "$MODS"
	expect_out "verify: module target found under --modules (.ko.xz)" 0 "every livepatch symbol resolves"
	if grep -qE '^klpt_dup_counter +klp_target +2 +\.data\+0x[0-9a-f]+ +ok$' <<<"$out"; then
		tap_ok "verify: module rows show section+offset"
	else
		tap_fail "verify: module rows show section+offset" "$out"
	fi
	damage mpos3 "$MD" sym-rename .klp.sym.klp_target.klpt_dup_counter,2 .klp.sym.klp_target.klpt_dup_counter,3
	run --klp-verify "$work/d/mpos3.ko" --modules "$MODS"
	expect_out "verify: module position out of range" 1 \
		"symbol position 3 for symbol 'klpt_dup_counter' in object 'klp_target' not found"
	damage loadorder "$MD" sym-rename .klp.sym.klp_target.klpt_dup_mixed,1 .klp.sym.klp_target.klpt_init_dup,1
	run --klp-verify "$work/d/loadorder.ko" --modules "$MODS"
	expect_out "verify: a position that depends on load order" 1 \
		"the position of klpt_init_dup in module klp_target depends on load order"
	run --klp-verify "$MD" --modules "$work/d"
	expect_out "verify: a module target that is not there cannot be told" 1 \
		"cannot tell: module klp_target not found under $work/d"

	# what modpost now refuses at build time, built with kbuild's stock modpost
	# (which knows nothing of livepatch) so that --klp-verify sees it
	stock_built() { # case -> path of its .ko, or nothing
		local d=$work/stock/$1
		mkdir -p "$work/stock"
		cp -r "$TOP/selftests/klp/cases/$1" "$d"
		cp "$TOP/selftests/klp/cases/lp-common.h" "$work/stock/"
		env -u MAKEFLAGS -u MAKELEVEL make -C "$KDIR" M="$d" KLP_INCLUDE="$TOP/include" \
			SELFTEST_INCLUDE="$TOP/selftests/lib/include" modules >"$d.log" 2>&1 &&
			ls "$d"/*.ko 2>/dev/null
	}
	ko=$(stock_built func-notrace)
	run --klp-verify "$ko"
	expect_out "verify: klp_func on a noinstr function (native_sched_clock)" 1 \
		"vmlinux native_sched_clock,0  (lp_funcs[0]): cannot be patched: no ftrace call site (notrace/noinstr, or inlined)"
	expect_err "verify: ... is an error" 1 "ERROR: modpost: 1 of 1 patched function would not be patched"
	ko=$(stock_built func-dup-unpositioned)
	run --klp-verify "$ko"
	expect_out "verify: klp_func on a duplicated name without old_sympos" 1 \
		"vmlinux print_cpu,0  (lp_funcs[0]): unresolvable ambiguity (old_sympos 0) (2 of that name)"
	ko=$(stock_built func-missing)
	run --klp-verify "$ko"
	expect_out "verify: klp_func on a name that does not exist" 1 \
		"vmlinux lp_no_such_function,0  (lp_funcs[1]): not found in symbol table"
	ko=$(stock_built func-module)
	run --klp-verify "$ko" --modules "$MODS"
	if [ "$rc" = 1 ] && grep -qF "klp_target klpt_exported_func,0  (lp_funcs[0]): ok -> .text+0x" <<<"$out" &&
	   grep -qF "klp_target klpt_dup_helper,2  (lp_funcs[1]): ok" <<<"$out" &&
	   grep -qF "klp_target klpt_dup_helper,0  (lp_funcs[2]): unresolvable ambiguity" <<<"$out" &&
	   grep -qF "klp_target klpt_notrace,0  (lp_funcs[3]): cannot be patched" <<<"$out" &&
	   grep -qF "klp_target klpt_dup_helper,3  (lp_funcs[4]): symbol position not found" <<<"$out"; then
		tap_ok "verify: klp_func of a module target: positions, notrace, ok"
	else
		tap_fail "verify: klp_func of a module target" "exit $rc" "$out"
	fi
	ko=$(stock_built func-dup-positioned)
	run --klp-verify "$ko"
	expect_out "verify: klp_func with the right old_sympos is fine" 0 \
		"vmlinux print_cpu,2  (lp_funcs[0]): ok -> 0x"
	run --klp-verify "$C/inlined-callee/lp_inlined_callee.ko"
	expect_out "verify: an undefined symbol nobody exports (an inlined static)" 1 \
		"show_val_kb: exported by nobody: the module loader refuses the module (\"Unknown symbol show_val_kb\")"
	expect_err "verify: ... is an error" 1 "ERROR: modpost: 1 undefined symbol the target kernel does not export"
	run --klp-verify "$C/inlined-callee/lp_inlined_callee.ko" --symvers /dev/null
	expect_out "verify: --symvers replaces the release's Module.symvers" 1 \
		", checked against /dev/null"
	run --klp-verify "$C/inlined-callee/lp_inlined_callee.ko" --symvers "$work/no-such-file"
	expect_err "verify: an unreadable --symvers is an error" 1 "cannot read $work/no-such-file"
fi
# symbol maps that are not files, or not Unix text: /dev/zero and a FIFO
# were read (or waited for) without end; CRLF lines gave names ending in \r
mkfifo "$work/fifo.map"
for map in /dev/zero "$work/fifo.map"; do
	rc=0
	out=$(timeout 30 "$MODPOST" --klp-verify "$VM" --map "$map" 2>&1) || rc=$?
	if [ "$rc" = 1 ] && grep -qF "ERROR: modpost: $map: not a regular file" <<<"$out"; then
		tap_ok "verify --map $(basename "$map"): refused at once as not a regular file"
	else
		tap_fail "verify --map $(basename "$map"): refused at once" "exit $rc (124: timed out)" "$(head -3 <<<"$out")"
	fi
done
printf 'ffffffff81000000 T _text\r\nffffffff81000010 t klp_crlf_name\r\n' >"$work/crlf.map"
run --klp-dump-index --map "$work/crlf.map"
if [ "$rc" = 0 ] && grep -q '^vmlinux klp_crlf_name 1 1 ffffffff81000010 t - -$' <<<"$out" &&
   ! grep -q $'\r' <<<"$out"; then
	tap_ok "a System.map with CRLF line ends: names without the \\r"
else
	tap_fail "a System.map with CRLF line ends" "exit $rc" "$(cat -A <<<"$out" | head -3)"
fi

# a /proc/kallsyms dump naming 100,000 modules, each on lines far apart:
# every module line was a linear search of the names read so far and every
# new module a copy of the list (53 s, 1 KiB per module up front); the
# work must stay linear in the file (the timeout is a hang guard, not a
# measurement: linear reading takes well under a second)
awk 'BEGIN { print "ffffffff81000000 T _text"; print "ffffffff81000010 T start_kernel";
	for (r = 0; r < 3; r++) for (i = 0; i < 100000; i++)
		printf "ffffffffc%07x t fn%d\t[mod%06d]\n", i * 16 + r, r, i }' >"$work/many-modules.map"
rc=0
out=$(timeout 20 "$MODPOST" --klp-dump-index --map "$work/many-modules.map" --summary 2>&1) || rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c '^mod[0-9]* symbols 3 names 3 ' <<<"$out")" = 100000 ]; then
	tap_ok "a kallsyms dump naming 100,000 modules: read in linear time, every module with its 3 symbols"
else
	tap_fail "a kallsyms dump naming 100,000 modules" "exit $rc (124: timed out)" "$(head -3 <<<"$out")"
fi
rm -f "$work/many-modules.map"

# modes on a module without any livepatch content (--klp-dump once gave
# qsort() the NULL of an empty object list)
for bin in "$MODPOST" $( [ -x "$SAN" ] && echo "$SAN"); do
	for mode in --klp-dump --klp-check; do
		rc=0
		out=$(ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 "$bin" $mode "$TARGET" 2>&1) || rc=$?
		if [ "$rc" = 0 ] && ! grep -q "runtime error\|Sanitizer" <<<"$out"; then
			tap_ok "$mode on a module without livepatch content ($(basename "$(dirname "$bin")")): exit 0, no sanitizer report"
		else
			tap_fail "$mode on a module without livepatch content ($(basename "$(dirname "$bin")"))" "exit $rc" "$(head -5 <<<"$out")"
		fi
	done
done

# finalize through a symbolic link: the file it names is converted, the
# link stays a link (it was once replaced by a converted regular file,
# leaving the real module unconverted)
cp "$UNFIN" "$work/real.ko"
ln -sf real.ko "$work/link.ko"
run --klp-finalize "$work/link.ko"
if [ "$rc" = 0 ] && [ -L "$work/link.ko" ] && [ "$(readlink "$work/link.ko")" = real.ko ] &&
   "$MODPOST" --klp-check "$work/real.ko" 2>/dev/null | grep -q "livepatch format intact: 2 livepatch symbols"; then
	tap_ok "finalize through a symbolic link: the link stays, the file it names is converted"
else
	tap_fail "finalize through a symbolic link" "exit $rc: $err" "$(ls -l "$work/link.ko" "$work/real.ko")"
fi
# finalize a module with two names (a hard link): both names still name
# one file, and it is converted (renaming a new file over one name once
# split them, leaving the other name's module unconverted)
cp "$UNFIN" "$work/hard-a.ko"
chmod 0640 "$work/hard-a.ko"
ln -f "$work/hard-a.ko" "$work/hard-b.ko"
run --klp-finalize "$work/hard-a.ko"
if [ "$rc" = 0 ] && [ "$(stat -c '%i %h %a' "$work/hard-a.ko")" = "$(stat -c '%i %h %a' "$work/hard-b.ko")" ] &&
   [ "$(stat -c '%h %a' "$work/hard-b.ko")" = "2 640" ] &&
   "$MODPOST" --klp-check "$work/hard-b.ko" 2>/dev/null | grep -q "livepatch format intact: 2 livepatch symbols"; then
	tap_ok "finalize a hard-linked module: still one file under both names, converted, mode kept"
else
	tap_fail "finalize a hard-linked module" "exit $rc: $err" "$(ls -li "$work"/hard-?.ko)"
fi
# a file name of 255 bytes (the longest a file system takes) as the
# output: the temporary file beside it once had a longer, refused name
long=$(printf 'k%.0s' $(seq 252)).ko
run --klp-finalize -o "$work/$long" "$UNFIN"
if [ "$rc" = 0 ] && "$MODPOST" --klp-check "$work/$long" 2>/dev/null | grep -q "livepatch format intact" &&
   [ "$(find "$work" -maxdepth 1 -name '*.tmp' | wc -l)" = 0 ]; then
	tap_ok "finalize -o a 255-byte file name: written, no temporary left"
else
	tap_fail "finalize -o a 255-byte file name" "exit $rc: $err"
fi
long=$(printf 's%.0s' $(seq 255))
rc=0
(cd "$(dirname "$TARGET")" &&
 "$MODPOST" $(kbuild_export_flag "$KDIR") -m -i "$KDIR/Module.symvers" -o "$work/$long" klp_target.o >/dev/null 2>"$work/err") || rc=$?
if [ "$rc" = 0 ] && grep -q 'klpt_exported_func' "$work/$long"; then
	tap_ok "modpost -o a 255-byte file name (as the stock modpost writes it)"
else
	tap_fail "modpost -o a 255-byte file name" "exit $rc: $(cat "$work/err")"
fi
# -o a device: written through, never replaced by a regular file (as root,
# -o /dev/null once removed the system's /dev/null)
if [ "$(id -u)" = 0 ] && mknod "$work/null-dev" c 1 3 2>/dev/null; then
	run --klp-finalize -o "$work/null-dev" "$UNFIN"
	if [ "$rc" = 0 ] && [ -c "$work/null-dev" ]; then
		tap_ok "finalize -o a character device: written through, still a device"
	else
		tap_fail "finalize -o a character device" "exit $rc: $err" "$(ls -l "$work/null-dev")"
	fi
else
	tap_skip "finalize -o a character device" "needs root to create a device node"
fi
mkfifo "$work/out.fifo"
cat "$work/out.fifo" >"$work/fifo.bytes" &
reader=$!
run --klp-finalize -o "$work/out.fifo" "$UNFIN"
wait "$reader"
if [ "$rc" = 0 ] && [ -p "$work/out.fifo" ] && "$MODPOST" --klp-check "$work/fifo.bytes" >/dev/null 2>&1; then
	tap_ok "finalize -o a FIFO: the converted module goes through it, the FIFO stays"
else
	tap_fail "finalize -o a FIFO" "exit $rc: $err"
fi

# a module directory that is empty, missing or a regular file: a clear
# error or "cannot tell", never a sanitizer report (the index's qsort once
# got the NULL of an empty file list)
mkdir -p "$work/emptymods"
: >"$work/regular-file"
for dir in "$work/emptymods" "$work/no-such-dir" "$work/regular-file"; do
	for bin in "$MODPOST" $( [ -x "$SAN" ] && echo "$SAN"); do
		rc=0
		out=$(ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 \
			"$bin" --klp-verify "$MD" --modules "$dir" 2>&1) || rc=$?
		if [ "$rc" = 1 ] && ! grep -q "runtime error\|Sanitizer" <<<"$out" &&
		   grep -q "cannot tell: module klp_target not found under $dir" <<<"$out"; then
			tap_ok "verify --modules $(basename "$dir") ($(basename "$(dirname "$bin")")): cannot tell, no sanitizer report"
		else
			tap_fail "verify --modules $(basename "$dir") ($(basename "$(dirname "$bin")"))" "exit $rc" "$(head -5 <<<"$out")"
		fi
	done
done
run --klp-verify "$MD" --modules "$work/regular-file"
expect_err "verify: a module directory that is a regular file is named as such" 1 \
	"$work/regular-file: the module directory (KLP_MODULES_DIR, --modules) is not a directory"

run --klp-verify "$VM" --bogus
expect_err "verify: unknown argument" 1 "unknown argument '--bogus'"

# --- never a crash: every mode over every damaged copy and random corruptions ------------
for i in $(seq 1 40); do
	damage "flip$i" "$VM" flip "$i" 6
done
for i in 1 64 1000 20000; do
	damage "trunc$i" "$VM" truncate "$i"
done
bins=$MODPOST
if [ -x "$SAN" ]; then bins="$MODPOST $SAN"; else tap_skip "ASan/UBSan runs" "no $SAN (make sanitize)"; fi
for bin in $bins; do
	bad=
	for f in "$work"/d/*.ko; do
		for mode in --klp-dump --klp-check "--klp-verify --map /proc/kallsyms --modules $MODS"; do
			rc=0
			# shellcheck disable=SC2086
			"$bin" $mode "$f" >/dev/null 2>"$work/err" || rc=$?
			if [ $rc -gt 1 ] || grep -qE 'Sanitizer|runtime error' "$work/err"; then
				bad="$bad
$mode $(basename "$f"): exit $rc $(grep -m1 -E 'Sanitizer|runtime error|ERROR' "$work/err")"
			fi
		done
	done
	if [ -z "$bad" ]; then
		tap_ok "$(basename "$(dirname "$bin")")/$(basename "$bin"): every mode on $(ls "$work"/d/*.ko | wc -l) damaged modules exits 0 or 1, no sanitizer report"
	else
		tap_fail "$bin: every mode on the damaged modules exits 0 or 1" "$bad"
	fi
done

tap_done
