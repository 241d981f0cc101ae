# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The one way a suite reports (TAP, as kselftest does).  Source it.
#
#   tap_ok DESC                 "ok N - DESC"
#   tap_fail DESC [DETAIL...]   "not ok N - DESC", each DETAIL line as "# ..."
#   tap_skip DESC WHY           "ok N - DESC # SKIP WHY" (counts as skipped)
#   tap_check DESC CMD...       tap_ok when CMD succeeds, else tap_fail
#   tap_tally PASSED FAILED DESC [DETAIL...]
#                               one line that stands for many checks (the
#                               corpus's one comparison per module): "ok"
#                               when FAILED is 0; the counts of the summary
#                               line include them all
#   tap_note TEXT...            "# TEXT" (diagnostics, not a result)
#   tap_reset                   forget the counts (for a subshell that
#                               counts the results of a check under test)
#   tap_done                    "1..N", then "N passed, N failed[, N skipped]";
#                               exits 1 when something failed or when no
#                               test ran at all (a suite that proves nothing
#                               must not pass), else 0
#
# selftests/run-all.sh reads the last line.

tap_reset() {
	tap_n=0
	tap_passed=0
	tap_failed=0
	tap_skipped=0
}
tap_reset

tap_ok() {
	tap_n=$((tap_n + 1))
	tap_passed=$((tap_passed + 1))
	printf 'ok %d - %s\n' "$tap_n" "$1"
}

tap_fail() {
	local line
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	printf 'not ok %d - %s\n' "$tap_n" "$1"
	shift
	for line in "$@"; do
		[ -n "$line" ] || continue
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

tap_skip() {
	tap_n=$((tap_n + 1))
	tap_skipped=$((tap_skipped + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

tap_check() {
	local desc=$1
	shift
	if "$@"; then tap_ok "$desc"; else tap_fail "$desc"; fi
}

tap_tally() {
	local p=$1 f=$2
	shift 2
	if [ "$f" = 0 ]; then
		tap_ok "$1"
		tap_passed=$((tap_passed + p - 1))
	else
		tap_fail "$@"
		tap_passed=$((tap_passed + p))
		tap_failed=$((tap_failed + f - 1))
	fi
}

tap_note() {
	printf '# %s\n' "$*"
}

tap_done() {
	printf '1..%d\n' "$tap_n"
	if [ "$tap_skipped" -gt 0 ]; then
		printf '%d passed, %d failed, %d skipped\n' "$tap_passed" "$tap_failed" "$tap_skipped"
	else
		printf '%d passed, %d failed\n' "$tap_passed" "$tap_failed"
	fi
	if [ "$tap_failed" -gt 0 ] || [ "$tap_passed" -eq 0 ]; then
		exit 1
	fi
	exit 0
}
