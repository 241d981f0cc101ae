# SPDX-License-Identifier: GPL-2.0
# Guest side of test-klp-load.sh (busybox sh, run by /init in /root).
#
# Loads the livepatch modules converted by our modpost (--klp-finalize) and
# checks what the running kernel does with them: the patch enables, the
# replaced functions print the values their relocations point at, targets
# loaded later are patched, disabling and unloading work, wrong positions
# are refused with the kernel's own message, and stripped, signed and
# xz-compressed copies load too.  Boot with
#   intel_idle.max_cstate=3 processor.max_cstate=5
# (max_cstate position 1 is intel_idle's, position 2 processor_idle's).
# Kernel arguments: klpstripped=<livepatch>,... (or none): the stripped
# copies the host found intact; klpsign=0 / klpxz=0 / klppipeline=0 leave
# out a variant the host found damaged (it reports why); klpreload=0: the
# kernel does not clear a livepatch's relocations for a module that is
# unloaded (no clear_relocate_add: before 6.3, e.g. Debian's 6.1), so that
# module cannot be loaded again while the livepatch stays; the kernel
# refuses it, which is checked instead.
#
# Files in /root: klp_load_target.ko, klp_load_{vm,mod,mix}.ko (finalized),
# klp_load_vm-badpos.ko (.klp.sym.vmlinux.max_cstate,1 -> ,3),
# klp_load_mod-badpos.ko (.klp.sym.klp_load_target.klt_dup_counter,1 -> ,3),
# <livepatch>-strip.ko (strip --strip-debug), klp_load_mix-signed.ko,
# klp_load_mix-xz.ko.xz, klp_load_mix-pipeline.ko[.xz] (stripped when that
# keeps it intact, signed, compressed where the kernel decompresses
# modules, klppipeline=xz, else klppipeline=ko; loaded with kh-finit).

T=klp_load_target
ORIG=$(cat /proc/cmdline)
BASE="counter=1111,2222 mixed=31,32 helper=11,22 exported=105"
VM_LINE="KLPLOAD-VM cmdline=[$ORIG] cstate=3,5 data=5 rodata=3,5 init=35"
MOD_LINE="KLPLOAD-MOD counter=1111,2222 mixed=31,32 helper=11,22 exported=107 data=2222 rodata=31,32"
MIXC_LINE="KLPLOAD-MIX cstate1=3 cmdline=[$ORIG]"
MIXT_LINE="KLPLOAD-MIX cstate1=3 counter2=2222 helper1=11 exported=109"

. /lib/kh-klp-guest.sh
klp_begin

target_line() { sed -n "${1}p" /proc/$T 2>/dev/null; }

# refused LABEL FILE MESSAGE...: insmod must fail and the kernel log must
# have every MESSAGE; the module must not stay loaded
refused() {
	label=$1 file=$2
	shift 2
	step
	if out=$(kh_insmod "$file" 2>&1); then
		prob "insmod $file succeeded"
	else
		case $out in
		*"Invalid argument"*) ;;
		*) prob "insmod did not say Invalid argument (EINVAL): $out" ;;
		esac
	fi
	grab
	for m in "$@"; do has_msg "$m"; done
	[ -n "$P" ] && prob "kernel log of this step:" "$(show_step)"
	result "$label: insmod fails with EINVAL; kernel: $1"
	kh_note "$label: insmod said: $(echo "$out" | head -n 1)"
	oops_guard
}

target_in() {
	step
	if out=$(kh_insmod /root/$T.ko); then
		grab
		return 0
	fi
	grab
	kh_fail "insmod $T.ko" "$out" "$(show_step)"
	oops_guard
	return 1
}
target_out() {
	step
	out=$(rmmod $T 2>&1) || kh_fail "rmmod $T" "$out"
	grab
}

# reload_refused LABEL: (klpreload=0) loading the target again under the
# livepatch fails, as the kernel refuses to relocate into a place that
# still holds the first load's value
reload_refused() {
	step
	if out=$(kh_insmod /root/$T.ko 2>&1); then
		prob "insmod $T.ko succeeded"
	fi
	grab
	has_msg "x86/modules: Skipping invalid relocation target, existing value is nonzero"
	[ ! -e /sys/module/$T ] || prob "$T is loaded"
	result "$1: $T cannot be loaded again while the livepatch stays (this kernel keeps the relocations of the first load): insmod fails; kernel: x86/modules: Skipping invalid relocation target, existing value is nonzero"
	kh_note "$1: insmod $T said: $(echo "$out" | head -n 1)"
	oops_guard
}

# --- 1. the target module --------------------------------------------------------
kh_note "kernel command line: $ORIG"
if target_in; then
	kh_ok "insmod $T.ko"
else
	exit 1
fi
equal "$T: /proc/$T before any patch" "$(cat /proc/$T)" "$BASE
orig"
# positions count in symbol-table order; kallsyms lists klt_dup_mixed in
# that order although a.c's .bss copy lies above b.c's .data copy
kh_note "kallsyms: $(grep ' klt_dup_mixed' /proc/kallsyms | tr '\t\n' '  ')"

# --- 2. vmlinux symbols: unique, duplicated by position, code/data/rodata/init --
if lp_load klp_load_vm /root/klp_load_vm.ko klp_load_vm vmlinux 1; then
	has_msg "klp_load_vm: tainting kernel with TAINT_LIVEPATCH"
	result "klp_load_vm: kernel: tainting kernel with TAINT_LIVEPATCH (first livepatch of the boot)"
	for sec in .klp.rela.vmlinux..text .klp.rela.vmlinux..init.text .klp.rela.vmlinux..rodata .klp.rela.vmlinux..data; do
		[ -e "/sys/module/klp_load_vm/sections/$sec" ] || prob "no /sys/module/klp_load_vm/sections/$sec"
	done
	result "klp_load_vm: its .klp.rela sections are loaded (listed in /sys/module/klp_load_vm/sections)"
	equal "klp_load_vm: /proc/cmdline shows saved_command_line, max_cstate,1=3 (intel_idle), max_cstate,2=5 (processor_idle), via code, data, rodata and init code" \
		"$(cat /proc/cmdline)" "$VM_LINE"
	lp_unload klp_load_vm klp_load_vm
	equal "klp_load_vm: /proc/cmdline is the original again" "$(cat /proc/cmdline)" "$ORIG"
fi

# --- 3. wrong vmlinux position ---------------------------------------------------
refused klp_load_vm-badpos /root/klp_load_vm-badpos.ko \
	"livepatch: symbol position 3 for symbol 'max_cstate' in object 'vmlinux' not found"
[ ! -e $LP/klp_load_vm ] && [ ! -e /sys/module/klp_load_vm ] || prob "klp_load_vm left behind"
result "klp_load_vm-badpos: nothing left in /sys/module or $LP"

# --- 4. module statics by position, the module's export, data/rodata refs ---------
if lp_load klp_load_mod /root/klp_load_mod.ko "klp_load_mod (target loaded)" $T 1; then
	equal "klp_load_mod: $T's klt_patchme replaced; homonyms by position (.data/.data, .bss/.data, functions), the export, data and rodata references" \
		"$(target_line 2)" "$MOD_LINE"
	equal "klp_load_mod: the target's own values unchanged" "$(target_line 1)" "$BASE"
	equal "klp_load_mod: no module dependency: /sys/module/$T/holders is empty" \
		"$(ls /sys/module/$T/holders 2>&1)" ""
	lp_unload klp_load_mod "klp_load_mod (target loaded)"
	equal "klp_load_mod: klt_patchme is the original again" "$(target_line 2)" "orig"
fi

# --- 5. wrong module position, target loaded ---------------------------------------
refused "klp_load_mod-badpos (target loaded)" /root/klp_load_mod-badpos.ko \
	"livepatch: symbol position 3 for symbol 'klt_dup_counter' in object '$T' not found"
[ ! -e $LP/klp_load_mod ] && [ ! -e /sys/module/klp_load_mod ] || prob "klp_load_mod left behind"
equal "klp_load_mod-badpos (target loaded): $T unpatched" "$(target_line 2)" "orig"

# --- 6. vmlinux and module symbols in one livepatch; target reloaded under it ----
if lp_load klp_load_mix /root/klp_load_mix.ko "klp_load_mix (target loaded)" vmlinux 1 $T 1; then
	equal "klp_load_mix: /proc/cmdline (max_cstate,1 by array annotation, saved_command_line)" \
		"$(cat /proc/cmdline)" "$MIXC_LINE"
	equal "klp_load_mix: $T line (a vmlinux and module symbols in one function, the export)" \
		"$(target_line 2)" "$MIXT_LINE"
	target_out
	has_msg "livepatch: reverting patch 'klp_load_mix' on unloading module '$T'"
	[ "$(sysval $LP/klp_load_mix/$T/patched)" = 0 ] || prob "$T/patched: $(sysval $LP/klp_load_mix/$T/patched)"
	[ "$(sysval $LP/klp_load_mix/vmlinux/patched)" = 1 ] || prob "vmlinux/patched: $(sysval $LP/klp_load_mix/vmlinux/patched)"
	result "klp_load_mix: rmmod $T while patched; kernel: reverting patch 'klp_load_mix' on unloading module '$T'"
	equal "klp_load_mix: vmlinux part still patched without the target" "$(cat /proc/cmdline)" "$MIXC_LINE"
	if [ "$(kh_arg klpreload)" = 0 ]; then
		reload_refused klp_load_mix
		lp_unload klp_load_mix klp_load_mix
		target_in && kh_ok "klp_load_mix unloaded: insmod $T.ko works again"
	elif target_in; then
		has_msg "livepatch: applying patch 'klp_load_mix' to loading module '$T'"
		[ "$(sysval $LP/klp_load_mix/$T/patched)" = 1 ] || prob "$T/patched: $(sysval $LP/klp_load_mix/$T/patched)"
		result "klp_load_mix: $T loaded again; kernel: applying patch 'klp_load_mix' to loading module '$T'"
		equal "klp_load_mix: $T line after the reload" "$(target_line 2)" "$MIXT_LINE"
		lp_unload klp_load_mix klp_load_mix
	fi
	equal "klp_load_mix: /proc/cmdline and $T original again" \
		"$(cat /proc/cmdline) / $(target_line 2)" "$ORIG / orig"
fi

# --- 7. copies after strip --strip-debug, sign-file, xz ----------------------------
# (the host leaves out, and names in klpstripped=, what a tool kept intact)
# lp_variant NAME FILE LABEL: load, check the output, unload (target loaded)
lp_variant() {
	case $1 in
	klp_load_vm)
		lp_load $1 "$2" "$3" vmlinux 1 || return
		equal "$3: /proc/cmdline" "$(cat /proc/cmdline)" "$VM_LINE"
		;;
	klp_load_mod)
		lp_load $1 "$2" "$3" $T 1 || return
		equal "$3: $T line" "$(target_line 2)" "$MOD_LINE"
		;;
	klp_load_mix)
		lp_load $1 "$2" "$3" vmlinux 1 $T 1 || return
		equal "$3: /proc/cmdline and $T line" "$(cat /proc/cmdline) / $(target_line 2)" \
			"$MIXC_LINE / $MIXT_LINE"
		;;
	esac
	lp_unload $1 "$3"
}
for m in $(kh_arg klpstripped | tr , ' '); do
	[ "$m" = none ] || lp_variant $m /root/$m-strip.ko "$m after strip --strip-debug"
done
if [ "$(kh_arg klpsign)" != 0 ]; then
	lp_variant klp_load_mix /root/klp_load_mix-signed.ko "klp_load_mix signed with scripts/sign-file"
fi
if [ "$(kh_arg klpxz)" != 0 ]; then
	lp_variant klp_load_mix /root/klp_load_mix-xz.ko.xz "klp_load_mix xz-compressed (busybox insmod decompresses)"
fi
case $(kh_arg klppipeline) in
xz)
	LOADER=finit
	lp_variant klp_load_mix /root/klp_load_mix-pipeline.ko.xz \
		"klp_load_mix stripped if intact, signed, xz (finit_module: the kernel decompresses)"
	LOADER=
	;;
ko)
	LOADER=finit
	lp_variant klp_load_mix /root/klp_load_mix-pipeline.ko \
		"klp_load_mix stripped if intact, signed (finit_module; this kernel's modules are not compressed)"
	LOADER=
	;;
esac

# --- 8. the target loaded after the livepatch ------------------------------------------
target_out
if lp_load klp_load_mod /root/klp_load_mod.ko "klp_load_mod (target not loaded)" $T 0; then
	for round in 1 2; do
		if [ $round = 2 ] && [ "$(kh_arg klpreload)" = 0 ]; then
			reload_refused "klp_load_mod late (2)"
		elif target_in; then
			has_msg "livepatch: applying patch 'klp_load_mod' to loading module '$T'"
			[ "$(sysval $LP/klp_load_mod/$T/patched)" = 1 ] || prob "$T/patched: $(sysval $LP/klp_load_mod/$T/patched)"
			result "klp_load_mod late ($round): insmod $T; kernel: applying patch 'klp_load_mod' to loading module '$T'"
			equal "klp_load_mod late ($round): $T line (data and rodata relocations written at target load)" \
				"$(target_line 2)" "$MOD_LINE"
			target_out
			has_msg "livepatch: reverting patch 'klp_load_mod' on unloading module '$T'"
			result "klp_load_mod late ($round): rmmod $T; kernel: reverting patch 'klp_load_mod' on unloading module '$T'"
		fi
	done
	lp_unload klp_load_mod "klp_load_mod (late target)"
fi

# --- 9. wrong module position, target loaded after the livepatch -----------------------
if lp_load klp_load_mod /root/klp_load_mod-badpos.ko "klp_load_mod-badpos (target not loaded)" $T 0; then
	step
	if out=$(kh_insmod /root/$T.ko); then
		prob "insmod $T.ko succeeded"
	fi
	grab
	has_msg "livepatch: symbol position 3 for symbol 'klt_dup_counter' in object '$T' not found"
	has_msg "livepatch: patch 'klp_load_mod' failed for module '$T', refusing to load module '$T'"
	[ ! -e /sys/module/$T ] || prob "$T is loaded"
	[ -n "$P" ] && prob "kernel log of this step:" "$(show_step)"
	result "klp_load_mod-badpos: insmod $T fails; kernel: symbol position 3 for symbol 'klt_dup_counter' in object '$T' not found; patch 'klp_load_mod' failed for module '$T', refusing to load module '$T'"
	kh_note "klp_load_mod-badpos: insmod $T said: $(echo "$out" | head -n 1)"
	lp_unload klp_load_mod "klp_load_mod-badpos (late target)"
fi

# --- the end ----------------------------------------------------------------------------
step
equal "no livepatch left in $LP" "$(ls $LP)" ""
kh_note "kernel taint: $(cat /proc/sys/kernel/tainted)"
kh_bulk dmesg gz <$KLP_ALL
