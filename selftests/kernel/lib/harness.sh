# SPDX-License-Identifier: GPL-2.0
# Host side of the kernel test harness: sourced by selftests/kernel/test-*.sh.
#
# A test script boots the target kernel once under QEMU (TCG) with an
# initramfs holding busybox, a scenario (a busybox sh script run by /init)
# and extra files, then reports TAP:
#
#   . "$(dirname "$0")/lib/harness.sh"
#   kh_setup                          # KDIR, KREL, VMLINUZ, KH_WORK, ...
#   kh_initramfs "$KH_WORK/t.cpio" scenario.sh  mod.ko:/root/mod.ko
#   kh_boot t "$KH_WORK/t.cpio" myarg=value     # one TAP result; log $KH_LOG, bulk $KH_BULKDIR
#   kh_guest_tap                      # re-emit the guest's TAP results
#   kh_ok "host-side check" / kh_fail "..." "diagnostic" ...
#   kh_done                           # plan line, exit status
#
# Environment (all optional): KDIR (target headers tree, default
# scripts/kdir.sh default), KH_WORK (work directory, default
# $BUILD/kernel-tests or /tmp/klp-kernel-tests), KH_TIMEOUT (seconds per boot,
# default 120), KH_QEMU_EXTRA (more QEMU options), KH_VERBOSE=1 (print the
# whole console log of every boot), KH_ALLOW_OOPS=1 (an Oops on the console
# is expected: kh_boot does not fail for it; a panic still fails).

KH_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KH_TOP=$(cd "$KH_LIB/../../.." && pwd)
TOP=${TOP:-$KH_TOP}

# --- TAP: selftests/lib/tap.sh, under the names the guest side uses too ----
# shellcheck source=../../lib/tap.sh
. "$KH_TOP/selftests/lib/tap.sh"
kh_diag() {
	local l
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}
kh_ok() { tap_ok "$1"; }
kh_fail() { tap_fail "$@"; }
kh_skip() { tap_skip "$1" "$2"; }
# kh_bail REASON: stop the script with one failed result (setup errors).
kh_bail() {
	kh_fail "$1" "${@:2}"
	kh_done
}
# the plan and summary lines; exit 1 when something failed or nothing passed
kh_done() { tap_done; }

# --- setup ----------------------------------------------------------------
# Sets KDIR KREL VMLINUZ KH_WORK BUSYBOX; checks the tools.  Bails out (one
# failed result) when something is missing.
kh_setup() {
	local t
	for t in qemu-system-x86_64 python3 timeout; do
		command -v "$t" >/dev/null 2>&1 || kh_bail "setup: $t not found (scripts/deps.sh installs it)"
	done
	BUSYBOX=${BUSYBOX:-/bin/busybox}
	[ -x "$BUSYBOX" ] || kh_bail "setup: no $BUSYBOX (apt-get install busybox-static)"
	if readelf -lW "$BUSYBOX" 2>/dev/null | grep -q 'INTERP'; then
		kh_bail "setup: $BUSYBOX is dynamically linked (apt-get install busybox-static)"
	fi
	KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
	if [ -z "$KDIR" ] || [ ! -d "$KDIR" ]; then
		kh_bail "setup: no kernel headers tree (scripts/deps.sh)"
	fi
	KREL=$("$TOP/scripts/kdir.sh" release "$KDIR")
	local img
	img=$("$TOP/scripts/kdir.sh" image "$KDIR" 2>/dev/null || true)
	VMLINUZ=${VMLINUZ:-${img%/}/boot/vmlinuz-$KREL}
	[ -r "$VMLINUZ" ] || kh_bail "setup: no kernel image $VMLINUZ (scripts/deps.sh)"
	if [ -z "${KH_WORK:-}" ]; then
		if [ -n "${BUILD:-}" ]; then
			KH_WORK=$BUILD/kernel-tests
		else
			KH_WORK=/tmp/klp-kernel-tests
		fi
	fi
	mkdir -p "$KH_WORK"
	KH_WORK=$(cd "$KH_WORK" && pwd)
	export KDIR KREL VMLINUZ KH_WORK
}

# The debug vmlinux of release KREL (scripts/deps.sh --with-dbg), or KLP_VMLINUX.
kh_debug_vmlinux() {
	local cache=${KLP_CACHE:-/var/cache/klp-modpost} f
	if [ -n "${KLP_VMLINUX:-}" ]; then
		echo "$KLP_VMLINUX"
		return 0
	fi
	[ -d "$cache/$KREL/dbg" ] || return 1
	f=$(find "$cache/$KREL/dbg" -type f -name "vmlinux-$KREL" 2>/dev/null | head -n1)
	[ -n "$f" ] && echo "$f"
}

# --- external modules --------------------------------------------------------
# kh_build_module SRC_DIR OUT_DIR [make args...]: copy SRC_DIR to OUT_DIR
# (fresh) and run `make -C $KDIR M=OUT_DIR modules` (stock modpost unless
# the args say MODPOST=...), SELFTEST_INCLUDE naming the headers the test
# modules share (selftests/lib/include).  Output in OUT_DIR/build.log; on
# failure prints its tail and returns 1.
kh_build_module() {
	local src=$1 out=$2
	shift 2
	rm -rf "$out"
	mkdir -p "$out"
	cp -a "$src/." "$out/"
	if ! make -j"$(nproc)" -C "$KDIR" M="$out" SELFTEST_INCLUDE="$KH_TOP/selftests/lib/include" \
		"$@" modules </dev/null >"$out/build.log" 2>&1; then
		echo "# make -C $KDIR M=$out $* modules failed:"
		tail -n 25 "$out/build.log" | sed 's/^/#   /'
		return 1
	fi
}

# --- initramfs ---------------------------------------------------------------
# kh_initramfs OUT.cpio SCENARIO [HOSTFILE:GUESTPATH]...
# Uncompressed newc archive: busybox with a link per applet, /init
# (lib/init.sh), /lib/kh-guest.sh, the scenario as /scenario.sh, device nodes
# for a kernel without devtmpfs, and the extra files (mode kept: 0755 when
# executable, else 0644; parent directories are created).
kh_initramfs() {
	local out=$1 scenario=$2
	shift 2
	local list=$out.list a d spec src dst mode
	{
		for d in bin sbin usr usr/bin usr/sbin dev proc sys tmp root lib etc; do
			echo "dir /$d 0755"
		done
		echo "nod /dev/console 0600 c 5 1"
		echo "nod /dev/null 0666 c 1 3"
		echo "nod /dev/ttyS0 0660 c 4 64"
		echo "nod /dev/ttyS1 0660 c 4 65"
		echo "file /bin/busybox $BUSYBOX 0755"
		"$BUSYBOX" --list-full | while read -r a; do
			[ "$a" = bin/busybox ] || echo "slink /$a /bin/busybox"
		done
		echo "file /init $KH_LIB/init.sh 0755"
		echo "file /lib/kh-guest.sh $KH_LIB/kh-guest.sh 0644"
		echo "file /scenario.sh $scenario 0755"
		declare -A seen=([/]=1 [/bin]=1 [/sbin]=1 [/usr]=1 [/usr/bin]=1 [/usr/sbin]=1
			[/dev]=1 [/proc]=1 [/sys]=1 [/tmp]=1 [/root]=1 [/lib]=1 [/etc]=1)
		for spec in "$@"; do
			src=${spec%%:*}
			dst=/${spec#*:}
			dst=/${dst##/}
			[ -e "$src" ] || {
				echo "kh_initramfs: no such file: $src" >&2
				return 1
			}
			local -a newdirs=()
			d=$(dirname "$dst")
			while [ -z "${seen[$d]:-}" ]; do
				seen[$d]=1
				newdirs=("$d" "${newdirs[@]}")
				d=$(dirname "$d")
			done
			for d in "${newdirs[@]}"; do
				echo "dir $d 0755"
			done
			mode=0644
			[ -x "$src" ] && mode=0755
			echo "file $dst $src $mode"
		done
	} >"$list" || return 1
	python3 "$KH_LIB/khtool.py" cpio "$out" "$list"
}

# --- boot ---------------------------------------------------------------------
# kh_boot NAME CPIO [KERNEL ARGS...]
# Boots VMLINUZ with CPIO; console log -> $KH_WORK/NAME.log ($KH_LOG), ttyS1
# capture -> $KH_WORK/NAME.ttyS1, split into $KH_WORK/NAME.bulk/ ($KH_BULKDIR).
# Sets KH_BOOT_SECONDS.  Reports one TAP result "boot NAME": ok when the
# scenario ran to its end marker, the bulk records are intact and the kernel
# log has no Oops/BUG/WARNING (KH_ALLOW_OOPS=1: Oopses expected); otherwise
# not ok with a diagnosis (timeout, panic, Oops, no end marker) and the tail
# of the console log, and returns 1.
kh_boot() {
	local name=$1 cpio=$2
	shift 2
	local a
	for a in "$@"; do
		case $a in
		*=*.*) echo "# kh_boot: warning: kernel argument '$a' has a dot in its value; it will not reach init" ;;
		esac
	done
	KH_LOG=$KH_WORK/$name.log
	KH_BULK=$KH_WORK/$name.ttyS1
	KH_BULKDIR=$KH_WORK/$name.bulk
	rm -rf "$KH_LOG" "$KH_BULK" "$KH_BULKDIR"
	local tmo=${KH_TIMEOUT:-120} rc=0 t0 t1
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086 # KH_QEMU_EXTRA is a list of options
	timeout -k 5 "$tmo" qemu-system-x86_64 -accel tcg -smp 1 -m 1024 \
		-nographic -no-reboot -net none \
		-kernel "$VMLINUZ" -initrd "$cpio" \
		-serial mon:stdio -serial "file:$KH_BULK" \
		-append "console=ttyS0 panic=-1 nokaslr quiet $*" \
		${KH_QEMU_EXTRA:-} </dev/null >"$KH_LOG" 2>&1 || rc=$?
	t1=$(date +%s.%N)
	KH_BOOT_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	# console lines end in CR LF; drop the firmware's terminal escapes
	sed -i -e 's/\r$//' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' "$KH_LOG"
	[ "${KH_VERBOSE:-0}" = 1 ] && sed 's/^/# console: /' "$KH_LOG"
	local why=
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		why="timeout after ${tmo}s"
	elif [ "$rc" != 0 ]; then
		why="qemu exit status $rc"
	fi
	if grep -q -e 'Kernel panic' "$KH_LOG"; then
		why="${why:+$why, }kernel panic"
	elif [ "${KH_ALLOW_OOPS:-0}" != 1 ] &&
		grep -q -e '^KH-DMESG-BEGIN oops=[1-9]' -e '^\[.*\] \(Oops\|BUG\|WARNING\|general protection\)' \
			-e 'Oops:' "$KH_LOG"; then
		why="${why:+$why, }Oops/BUG/WARNING on the console"
	fi
	if ! grep -q 'KH-BEGIN' "$KH_LOG"; then
		why="${why:+$why, }/init did not start"
	elif ! grep -q '^KH-END rc=' "$KH_LOG"; then
		why="${why:+$why, }no end marker"
	fi
	local bulkout
	if [ -s "$KH_BULK" ]; then
		if ! bulkout=$(python3 "$KH_LIB/khtool.py" bulk "$KH_BULK" "$KH_BULKDIR" 2>&1); then
			why="${why:+$why, }bad bulk data"
		fi
	else
		mkdir -p "$KH_BULKDIR"
	fi
	local up
	up=$(sed -n 's/^KH-END rc=[0-9]* uptime=\([0-9.]*\).*/\1/p' "$KH_LOG" | tail -n1)
	echo "# boot $name: ${KH_BOOT_SECONDS}s wall${up:+, guest uptime ${up}s at the end marker} (log $KH_LOG)"
	if [ -n "${bulkout:-}" ]; then
		printf '%s\n' "$bulkout" | sed 's/^/# /'
	fi
	if [ -n "$why" ]; then
		kh_fail "boot $name" "$why; last lines of the console log:" \
			"$(grep -v '^KH-TAP ' "$KH_LOG" | tail -n 40 | sed 's/^/  | /')"
		return 1
	fi
	kh_ok "boot $name (${KH_BOOT_SECONDS}s)"
	return 0
}

# kh_guest_tap [LOG]: re-emit the guest's TAP results (and comments) from the
# scenario's section of the log, renumbered.  Fails one result when the
# scenario exited non-zero or printed no result at all.
kh_guest_tap() {
	local log=${1:-$KH_LOG} line n=0 rc
	while IFS= read -r line; do
		case $line in
		"KH-TAP ok - "*" # SKIP"*)
			line=${line#KH-TAP ok - }
			kh_skip "${line%% # SKIP*}" "${line#* # SKIP }"
			n=$((n + 1))
			;;
		"KH-TAP ok - "*)
			kh_ok "${line#KH-TAP ok - }"
			n=$((n + 1))
			;;
		"KH-TAP not ok - "*)
			kh_fail "${line#KH-TAP not ok - }"
			n=$((n + 1))
			;;
		"KH-TAP # "*) echo "# ${line#KH-TAP # }" ;;
		esac
	done < <(sed -n '/KH-BEGIN/,/^KH-END/p' "$log")
	rc=$(sed -n 's/^KH-END rc=\([0-9]*\).*/\1/p' "$log" | tail -n1)
	if [ -z "$rc" ]; then
		kh_fail "guest scenario ran to completion" "no KH-END marker in $log"
	elif [ "$rc" != 0 ]; then
		kh_fail "guest scenario exit status" "status $rc; kernel log:" \
			"$(sed -n '/^KH-DMESG-BEGIN/,/^KH-DMESG-END/p' "$log" | tail -n 30)"
	elif [ "$n" = 0 ]; then
		kh_fail "guest scenario reported results" "no KH-TAP result lines in $log"
	fi
}
