#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The livepatch resolver on small crafted objects (x86_64 assembly): every
# annotation error that C code cannot produce, position rules against a
# tiny System.map, and the decisions about which references convert.
# TAP output; needs the host assembler (x86_64) and $MODPOST.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
MODPOST=${MODPOST:-$TOP/build/modpost}
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
WORK=$(mktemp -d /tmp/klp-annot.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

tap() { # ok|not-ok description
	if [ "$1" = ok ]; then tap_ok "$2"; else tap_fail "$2"; fi
}

if ! printf '.text\n' | as --64 -o /dev/null - 2>/dev/null; then
	tap_fail "the x86_64 assembler (as --64)"
	tap_done
fi

# The target kernel, as a System.map: max_cstate twice, one unique static,
# a clone.  Addresses order the duplicates.
cat >"$WORK/System.map" <<'EOF'
ffffffff81000000 T _text
ffffffff81000100 t unique_fn
ffffffff81000200 t helper.constprop.0
ffffffff82000000 d max_cstate
ffffffff82000100 d max_cstate
ffffffff82000200 D exported_var
EOF
printf '0x12345678\texported_var\tvmlinux\tEXPORT_SYMBOL\t\n0x0badc0de\tmodule_layout\tvmlinux\tEXPORT_SYMBOL\t\n' >"$WORK/Module.symvers"
mkdir -p "$WORK/modules"

# obj NAME: assemble $WORK/NAME.s (common header prepended) into NAME.o
common_head='
	.section .modinfo,"a"
	.asciz "license=GPL"
	.asciz "livepatch=Y"
	.text
'
# a KLP_SYMBOL record: label, referenced symbol (+addend), pos, object, name
binding() { # label ref pos object name [flags]
	local label=$1 ref=$2 pos=$3 obj=$4 name=$5 flags=${6:-0}
	cat <<EOF
	.section .klp.symbols,"a"
	.balign 8
	.type $label, @object
	.size $label, 584
$label:
	.quad $ref
	.long $pos, $flags
1:	.ascii "$obj"
	.zero 56 - (. - 1b)
2:	.ascii "$name"
	.zero 512 - (. - 2b)
EOF
}

run() { # NAME: modpost on NAME.o; sets rc and err
	(cd "$WORK" && : >"$1.mod" && KLP_SYSTEM_MAP="$WORK/System.map" KLP_MODULES_DIR="$WORK/modules" \
		KLP_RELEASE=test "$MODPOST" -m -o out.symvers -i Module.symvers -e "$1.o" \
		>"$1.out" 2>"$1.err")
	rc=$?
	err=$(cat "$WORK/$1.err")
}

expect_error() { # NAME description text...
	local name=$1 what=$2
	shift 2
	run "$name"
	local okay=ok
	[ "$rc" = 1 ] || okay=not-ok
	for t in "$@"; do
		grep -qF -- "$t" <<<"$err" || okay=not-ok
	done
	[ -f "$WORK/$name.mod.c" ] && okay=not-ok
	tap "$okay" "$what"
	[ "$okay" = ok ] || sed 's/^/# /' <<<"$err" | head -8
}

expect_record() { # NAME description record-lines...
	local name=$1 what=$2
	shift 2
	run "$name"
	local okay=ok
	[ "$rc" = 0 ] || okay=not-ok
	for r in "$@"; do
		grep -qF -- "\"$r\\n\"" "$WORK/$name.mod.c" 2>/dev/null || okay=not-ok
	done
	tap "$okay" "$what"
	[ "$okay" = ok ] || { sed 's/^/# /' <<<"$err" | head -8; grep -F '\n"' "$WORK/$name.mod.c" 2>/dev/null | sed 's/^/# /'; }
}

asm() { # NAME < body
	{ echo "$common_head"; cat; } >"$WORK/$1.s"
	as --64 -o "$WORK/$1.o" "$WORK/$1.s" || { tap not-ok "assemble $1"; return 1; }
}

# --- what converts ---------------------------------------------------------------
asm convert <<'EOF'
	call unique_fn
	movq exported_var(%rip), %rax
EOF
expect_record convert "unique non-exported name converts; vmlinux export does not" \
	"unique_fn vmlinux unique_fn 0"
grep -q '"exported_var" }' "$WORK/convert.mod.c" && grep -q 'unique_fn vmlinux' "$WORK/convert.mod.c" &&
	! grep -q '"unique_fn" }' "$WORK/convert.mod.c"
tap $([ $? = 0 ] && echo ok || echo not-ok) "exported symbol versioned, converted one not"

# --- annotations that are well-formed ---------------------------------------------
asm good_binding <<EOF
	call lp_clone
	movl lp_second(%rip), %eax
$(binding b1 lp_clone 0 vmlinux helper.constprop.0)
$(binding b2 lp_second 2 vmlinux max_cstate)
EOF
expect_record good_binding "declaration-style records, dotted names, position 2" \
	"lp_clone vmlinux helper.constprop.0 0" "lp_second vmlinux max_cstate 2"

asm good_array <<'EOF'
	movl max_cstate(%rip), %eax
	.section .klp.module_relocs.vmlinux,"a"
	.type relocs, @object
	.size relocs, 12
relocs:
	.quad max_cstate
	.long 1
EOF
expect_record good_array "array-style record" "max_cstate vmlinux max_cstate 1"

# --- malformed records --------------------------------------------------------------
asm unterminated <<'EOF'
	call lp_x
	.section .klp.symbols,"a"
	.type b, @object
	.size b, 584
b:	.quad lp_x
	.long 0, 0
	.fill 56, 1, 0x41
	.fill 512, 1, 0x42
EOF
expect_error unterminated "record with unterminated names" "object or symbol name is not NUL-terminated"

asm defined_ref <<EOF
local_thing:
	call local_thing
$(binding b local_thing 0 vmlinux unique_fn)
EOF
expect_error defined_ref "record pointing at something the module defines" \
	"livepatch: annotation .klp.symbols+0x0 of defined_ref.ko refers to" "defines itself"

asm addend_ref <<EOF
	call lp_y
$(binding b lp_y+8 0 vmlinux unique_fn)
EOF
expect_error addend_ref "record pointing into a symbol (addend)" "annotate the symbol itself"

asm no_reloc <<'EOF'
	call lp_z
	.section .klp.symbols,"a"
	.type b, @object
	.size b, 584
b:	.quad 0
	.long 0, 0
	.asciz "vmlinux"
	.zero 48
	.asciz "unique_fn"
	.zero 502
EOF
expect_error no_reloc "record without a relocation" "does not refer to a symbol"

asm bad_size <<'EOF'
	call lp_w
	.section .klp.symbols,"a"
	.type b, @object
	.size b, 100
b:	.quad lp_w
	.zero 92
EOF
expect_error bad_size "record object of the wrong size" "not a whole" "number of 584-byte records"

asm dotted_object <<EOF
	call lp_v
$(binding b lp_v 0 my.module unique_fn)
EOF
expect_error dotted_object "object name with a dot" "object name 'my.module' is not valid"

asm comma_name <<EOF
	call lp_u
$(binding b lp_u 0 vmlinux "a,b")
EOF
expect_error comma_name "symbol name with a comma" "symbol name 'a,b' is not valid"

asm bad_array <<'EOF'
	movl max_cstate(%rip), %eax
	.section .klp.module_relocs.vmlinux,"a"
	.type relocs, @object
	.size relocs, 10
relocs:
	.quad max_cstate
	.short 1
EOF
expect_error bad_array "array record of the wrong size" "not a whole" "number of 12-byte records"

# --- position rules against the map -------------------------------------------------
asm pos_range <<EOF
	movl lp_m(%rip), %eax
$(binding b lp_m 3 vmlinux max_cstate)
EOF
expect_error pos_range "position past the last duplicate" "gives position 3 for 'max_cstate', but vmlinux has" \
	'KLP_SYMBOL(lp_m, vmlinux, "max_cstate", 1);' 'KLP_SYMBOL(lp_m, vmlinux, "max_cstate", 2);'

asm pos_zero <<EOF
	movl lp_m(%rip), %eax
$(binding b lp_m 0 vmlinux max_cstate)
EOF
expect_error pos_zero "position 0 on a duplicate" "gives position 0 for 'max_cstate', but vmlinux has 2"

asm missing_sym <<EOF
	movl lp_m(%rip), %eax
$(binding b lp_m 1 vmlinux no_such_name)
EOF
expect_error missing_sym "annotation naming a symbol the object lacks" "vmlinux has no symbol 'no_such_name'"

asm bad_flags <<EOF
	movl lp_m(%rip), %eax
$(binding b lp_m 1 vmlinux max_cstate 6)
EOF
expect_error bad_flags "a binding with flags this modpost does not know" \
	"livepatch: annotation .klp.symbols+0x0 of bad_flags.ko has unknown flags 0x6 (a newer" \
	"<linux/klp-annotations.h> than this modpost?)"

asm clone_flag <<EOF
	movl lp_m(%rip), %eax
$(binding b lp_m 0 vmlinux helper.constprop.0 1)
EOF
run clone_flag
{ [ "$rc" = 0 ] && ! grep -q 'is bound to' <<<"$err"; } && r=ok || r=not-ok
tap $r "a clone binding with KLP_SYMBOL_F_CLONE_ABI: no warning"
[ "$r" = ok ] || sed 's/^/# /' <<<"$err" | head -8
asm clone_noflag <<EOF
	movl lp_m(%rip), %eax
$(binding b lp_m 0 vmlinux helper.constprop.0 0)
EOF
run clone_noflag
{ [ "$rc" = 0 ] && grep -qF 'is bound to vmlinux helper.constprop.0,0, a constant-propagation clone' <<<"$err"; } && r=ok || r=not-ok
tap $r "the same binding without the flag: the clone warning"
[ "$r" = ok ] || sed 's/^/# /' <<<"$err" | head -8

asm ambiguous <<'EOF'
	movl max_cstate(%rip), %eax
EOF
expect_error ambiguous "unannotated duplicate" '"max_cstate" [ambiguous.ko] is ambiguous: 2 symbols' \
	'KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 1);' 'KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 2);' \
	"referenced from .text+0x"

asm not_found <<'EOF'
	call helper
EOF
run not_found
{ [ "$rc" = 0 ] && grep -qF '"helper" [not_found.ko] is not exported and not found' <<<"$err" &&
  grep -qF 'similar names, none of them a substitute:' <<<"$err" &&
  grep -qF 'vmlinux helper.constprop.0  (constant-propagation clone)' <<<"$err" &&
  grep -qF "(why cannot be told from vmlinux (the target's symbols come from a text map))" <<<"$err" &&
  grep -qF 'searched: vmlinux (map ' <<<"$err"; } && r=ok || r=not-ok
tap $r "unknown name: a warning with near misses and the sources searched"

asm not_livepatch <<'EOF'
	.section .modinfo,"a"
	.text
	call unique_fn
EOF
sed -i 's/"livepatch=Y"/"description=x"/' "$WORK/not_livepatch.s" && as --64 -o "$WORK/not_livepatch.o" "$WORK/not_livepatch.s"
run not_livepatch
{ [ "$rc" = 1 ] && grep -qF '"unique_fn" [not_livepatch.ko] undefined!' <<<"$err"; } && r=ok || r=not-ok
tap $r "without the livepatch modinfo entry nothing changes: undefined!"

tap_done
