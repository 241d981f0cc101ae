# SPDX-License-Identifier: GPL-2.0
# Guest side of test-klp-verbatim.sh (busybox sh, run by /init in /root).
#
# Livepatches whose replacement functions are real kernel functions copied
# verbatim, with one visible change each; what they call and read stays
# the kernel's own (livepatch relocations written by our modpost).  For
# each: the output before the patch, with the patch (the original plus the
# change, every other line equal), after disabling (the original again).
#
#  1. klp_verb_vm: show_tty_driver (/proc/tty/drivers) of vmlinux; the
#     marker "KLPVERB-VM show_tty_driver" comes first;
#  2. klp_verb_mod: nvram_proc_read (/proc/driver/nvram) of Debian's module
#     nvram, from /lib/modules/<release>; the marker
#     "KLPVERB-MOD nvram_proc_read" comes last.  Then the other order: the
#     livepatch first, nvram loaded under it (its relocations applied
#     while it loads);
#  3. klp_verb_asm (klpasm=1: the host built and converted it): the
#     asm-named statics of klp_verb_target (klp_string.12345,
#     klp_string.67890) and its function-local static kvt_reads.<N>.
#
# Files: /root/klp_verb_{vm,mod,asm}.ko (finalized), /root/klp_verb_target.ko,
# /lib/modules/<release>/kernel/drivers/char/nvram.ko[.xz] (Debian's).
. /lib/kh-klp-guest.sh
klp_begin

VM_MARK="KLPVERB-VM show_tty_driver"
MOD_MARK="KLPVERB-MOD nvram_proc_read"
TTY=/proc/tty/drivers
NV=/proc/driver/nvram
KVT=/proc/klp_verb_target

# same DESC ACTUAL WANT: one result; on a difference, the lines that differ
same() {
	if [ "$2" = "$3" ]; then
		kh_ok "$1"
	else
		echo "$3" >/tmp/want
		echo "$2" >/tmp/got
		kh_fail "$1" "diff want got:"
		diff /tmp/want /tmp/got | head -n 20 | while IFS= read -r l; do echo "KH-TAP #   $l"; done
	fi
}
# patched_as LABEL FILE ORIG MARK first|last: FILE must be ORIG with MARK as
# its first (last) line, once, every other line equal
patched_as() {
	p=$(cat "$2")
	n=$(echo "$p" | grep -cxF "$4")
	[ "$n" = 1 ] || prob "'$4' $n times in $2, expected once"
	if [ "$5" = first ]; then
		end=$(echo "$p" | head -n 1)
		rest=$(echo "$p" | sed 1d)
	else
		end=$(echo "$p" | tail -n 1)
		rest=$(echo "$p" | sed '$d')
	fi
	[ "$end" = "$4" ] || prob "$5 line of $2: '$end', expected '$4'"
	if [ "$rest" != "$3" ]; then
		echo "$3" >/tmp/want
		echo "$rest" >/tmp/got
		prob "the other lines differ from the unpatched $2 (diff unpatched patched):" \
			"$(diff /tmp/want /tmp/got | head -n 20)"
	fi
	result "$1: $2 is the original with '$4' as its $5 line; the other $(echo "$rest" | wc -l) lines equal the unpatched ones"
}

kh_note "kernel: $(uname -r)"

# --- 1. vmlinux: show_tty_driver ---------------------------------------------------
ORIG_TTY=$(cat $TTY)
same "$TTY read twice unpatched: the same" "$(cat $TTY)" "$ORIG_TTY"
# the first driver gets the pseudo-driver lines (tty_drivers.next), every
# driver its lines from show_tty_range
first=$(echo "$ORIG_TTY" | head -n 1)
case $first in
"/dev/tty "*" system:/dev/tty") ;;
*) prob "first line: '$first', expected the pseudo-driver /dev/tty" ;;
esac
echo "$ORIG_TTY" | grep -qE '^serial +/dev/ttyS +4 64-[0-9]+ serial$' ||
	prob "no line 'serial /dev/ttyS 4 64-<n> serial' (from show_tty_range)"
echo "$ORIG_TTY" | grep -q 'pty:master$' || prob "no pty:master line (from show_tty_range)"
result "$TTY unpatched: the pseudo-drivers first, then the drivers ($(echo "$ORIG_TTY" | wc -l) lines)"

lp_load klp_verb_vm /root/klp_verb_vm.ko klp_verb_vm vmlinux 1 || exit 1
has_msg "klp_verb_vm: tainting kernel with TAINT_LIVEPATCH"
result "klp_verb_vm: kernel: tainting kernel with TAINT_LIVEPATCH (first livepatch of the boot)"
patched_as "klp_verb_vm (verbatim show_tty_driver: vmlinux show_tty_range, tty_drivers)" $TTY "$ORIG_TTY" "$VM_MARK" first
patched_as "klp_verb_vm, read again" $TTY "$ORIG_TTY" "$VM_MARK" first
lp_unload klp_verb_vm klp_verb_vm
same "klp_verb_vm disabled and removed: $TTY is the original" "$(cat $TTY)" "$ORIG_TTY"

# --- 2. a module of the image: nvram_proc_read of nvram ------------------------------
NVKO=$(find /lib/modules/"$(uname -r)"/kernel/drivers/char -name 'nvram.ko*' 2>/dev/null | head -n 1)
nv_insmod() {
	step
	if out=$(kh_insmod "$NVKO"); then
		grab
		[ -r $NV ] || prob "no $NV after insmod"
	else
		grab
		prob "insmod $NVKO: $out" "$(show_step)"
	fi
	for m in "$@"; do has_msg "$m"; done
	result "insmod $NVKO (Debian's module)${1:+; kernel: $1}"
	oops_guard
}
nv_rmmod() {
	step
	out=$(rmmod nvram 2>&1) || prob "rmmod nvram: $out"
	[ ! -e /sys/module/nvram ] || prob "/sys/module/nvram still there"
	grab
	result "rmmod nvram"
	oops_guard
}
if [ -z "$NVKO" ]; then
	kh_fail "nvram.ko in /lib/modules/$(uname -r)/kernel/drivers/char of the initramfs"
	exit 1
fi
nv_insmod
ORIG_NV=$(cat $NV)
kh_note "$NV: $(echo "$ORIG_NV" | tr '\n' '|')"
same "$NV read twice unpatched: the same" "$(cat $NV)" "$ORIG_NV"
# each line the patch's references decide, in the module's own words
echo "$ORIG_NV" | grep -qE '^Checksum status: (not )?valid$' || prob "no checksum line (__nvram_check_checksum)"
for f in 0 1; do
	echo "$ORIG_NV" | grep -qE "^Floppy $f type  : (none|5\\.25'' 360k|5\\.25'' 1\\.2M|3\\.5'' 720k|3\\.5'' 1\\.44M|3\\.5'' 2\\.88M|[0-9]+ \\(unknown\\))\$" ||
		prob "no 'Floppy $f type' line with a name of floppy_types"
done
echo "$ORIG_NV" | grep -qE '^Gfx adapter    : (EGA, VGA, \.\.\. \(with BIOS\)|CGA \(40 cols\)|CGA \(80 cols\)|monochrome)$' ||
	prob "no 'Gfx adapter' line with a name of gfx_types"
[ "$(echo "$ORIG_NV" | wc -l)" = 12 ] || prob "$(echo "$ORIG_NV" | wc -l) lines, expected 12"
result "$NV unpatched: 12 lines; checksum status, floppy and display names from nvram's tables"

lp_load klp_verb_mod /root/klp_verb_mod.ko klp_verb_mod nvram 1 || exit 1
patched_as "klp_verb_mod (verbatim nvram_proc_read: nvram __nvram_check_checksum, floppy_types, gfx_types)" $NV "$ORIG_NV" "$MOD_MARK" last
lp_unload klp_verb_mod klp_verb_mod
same "klp_verb_mod disabled and removed: $NV is the original" "$(cat $NV)" "$ORIG_NV"

# the other order: the livepatch first, then the module
nv_rmmod
lp_load klp_verb_mod /root/klp_verb_mod.ko "klp_verb_mod (nvram not loaded)" nvram 0 || exit 1
nv_insmod "livepatch: applying patch 'klp_verb_mod' to loading module 'nvram'"
[ "$(sysval "$LP/klp_verb_mod/nvram/patched")" = 1 ] || prob "nvram/patched: $(sysval "$LP/klp_verb_mod/nvram/patched")"
result "klp_verb_mod: nvram loaded under the patch: nvram/patched=1"
patched_as "klp_verb_mod, nvram loaded after it (relocations applied while nvram loads)" $NV "$ORIG_NV" "$MOD_MARK" last
lp_unload klp_verb_mod "klp_verb_mod (nvram loaded after it)"
same "klp_verb_mod disabled and removed again: $NV is the original" "$(cat $NV)" "$ORIG_NV"
nv_rmmod

# --- 3. asm-named and function-local statics of klp_verb_target -----------------------
if [ "$(kh_arg klpasm)" != 1 ]; then
	kh_note "klp_verb_asm: not loaded (the host could not build or convert it: see its results)"
else
	step
	if out=$(kh_insmod /root/klp_verb_target.ko); then
		grab
		kh_ok "insmod klp_verb_target.ko"
	else
		grab
		kh_fail "insmod klp_verb_target.ko" "$out" "$(show_step)"
		exit 1
	fi
	ORIG_A="orig a=klp_string.12345 b=klp_string.67890 plain=klp_string"
	same "klp_verb_target unpatched: its own strings, kvt_reads counts from 501" \
		"$(cat $KVT | tr '\n' '|')" "reads=501|$ORIG_A|"
	lp_load klp_verb_asm /root/klp_verb_asm.ko klp_verb_asm klp_verb_target 1 || exit 1
	same "klp_verb_asm: klp_string.12345 and klp_string.67890 each their own string, kvt_reads.<N> the counter of line 1" \
		"$(cat $KVT | tr '\n' '|')" "reads=502|KLPVERB-ASM a=klp_string.12345 b=klp_string.67890 reads=502|"
	same "klp_verb_asm, read again: the counter follows" \
		"$(cat $KVT | tr '\n' '|')" "reads=503|KLPVERB-ASM a=klp_string.12345 b=klp_string.67890 reads=503|"
	lp_unload klp_verb_asm klp_verb_asm
	same "klp_verb_asm disabled and removed: klp_verb_target's own line again" \
		"$(cat $KVT | tr '\n' '|')" "reads=504|$ORIG_A|"
	step
	out=$(rmmod klp_verb_target 2>&1) || prob "rmmod klp_verb_target: $out"
	result "rmmod klp_verb_target"
fi

# --- the end -------------------------------------------------------------------------
[ -z "$(ls "$LP")" ] || prob "left in $LP: $(ls "$LP")"
result "the end: no livepatch left in $LP"
kh_note "kernel taint: $(cat /proc/sys/kernel/tainted)"
lp_send_log
