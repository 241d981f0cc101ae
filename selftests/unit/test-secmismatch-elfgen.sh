#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Synthetic ELF32/ELF64, little/big-endian objects (REL and RELA, several
# machines) through the matching stock binary and ours: TAP, one line each.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ -z "${KDIR:-}" ] || [ ! -x "$KDIR/scripts/mod/modpost.real-lsb-64" ]; then
	echo "ok 1 - synthetic ELF variants # SKIP no stock modpost binaries"
	exit 0
fi
n=0 status=0
while read -r verdict name rest; do
	case $verdict in
	same) n=$((n + 1)); echo "ok $n - elfgen $name" ;;
	DIFF) n=$((n + 1)); status=1; echo "not ok $n - elfgen $name" ;;
	*) echo "# $verdict $name $rest" ;;
	esac
done < <("$TOP/selftests/fixtures/secmismatch/elfgen/run.sh" 2>&1)
[ $n -gt 0 ] || { echo "not ok 1 - elfgen produced no cases"; exit 1; }
echo "1..$n"
exit $status
