# SPDX-License-Identifier: GPL-2.0
# Helpers for scenarios, sourced by /init before /scenario.sh runs (busybox sh).
#
#   kh_ok DESC / kh_fail DESC [DIAG] / kh_skip DESC REASON / kh_check DESC CMD...
#       one TAP result each (the host renumbers them); DIAG lines are printed
#       as TAP comments.  kh_check runs CMD and reports ok when it succeeds.
#   kh_note TEXT...       a line of information in the host's output
#   kh_bulk NAME [gz|raw] stdin -> one record on /dev/ttyS1 (default gz:
#                         compressed in the guest, decompressed on the host;
#                         the serial port costs one host write() per byte)
#   kh_arg NAME           value of a kernel command-line parameter NAME=value
#                         (values without dots: a dotted value never reaches
#                         init, see livepatch-elf.md 6.5)
#   kh_insmod FILE [ARGS] insmod, printing the error once (busybox prints
#                         every load error twice)
#
# The console shows only kernel messages of level 0-1 (panics, "BUG: ...");
# read the rest with dmesg.  Console lines that the host reads start with "KH-".  Scenarios should not
# print other lines that start with "KH-".

kh_ok() { echo "KH-TAP ok - $1"; }
kh_fail() {
	echo "KH-TAP not ok - $1"
	shift
	for l in "$@"; do echo "KH-TAP # $l"; done
}
kh_skip() { echo "KH-TAP ok - $1 # SKIP ${2:-}"; }
kh_note() { echo "KH-TAP # $*"; }
kh_check() {
	kh_d=$1
	shift
	if kh_out=$("$@" 2>&1); then
		kh_ok "$kh_d"
	else
		kh_fail "$kh_d" "command: $*" "$(echo "$kh_out" | tail -n 5)"
	fi
}

kh_bulk() {
	kh_name=$1
	kh_enc=${2:-gz}
	kh_tmp=/tmp/kh-bulk.$$
	if [ "$kh_enc" = gz ]; then
		gzip -1 -c >"$kh_tmp"
	else
		cat >"$kh_tmp"
	fi
	kh_n=$(wc -c <"$kh_tmp")
	# one open and close of the port per record: the last close waits
	# until the UART has sent everything (poweroff -f would cut it off)
	{
		printf 'KH-BULK %s %s %s\n' "$kh_name" "$kh_n" "$kh_enc"
		cat "$kh_tmp"
	} >/dev/ttyS1
	rm -f "$kh_tmp"
	echo "KH-BULK-SENT $kh_name $kh_n"
}

kh_arg() {
	for kh_w in $(cat /proc/cmdline); do
		case $kh_w in
		"$1"=*) echo "${kh_w#*=}"; return 0 ;;
		esac
	done
	return 1
}

kh_insmod() {
	kh_out=$(insmod "$@" 2>&1)
	kh_rc=$?
	[ -z "$kh_out" ] || echo "$kh_out" | uniq
	return $kh_rc
}
