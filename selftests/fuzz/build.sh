#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build fuzz targets (selftests/fuzz/fuzz-<target>.c) against a libmodpost.a.
#
#   build.sh libfuzzer LIBBUILD OUTDIR [TARGET...]   (CC default clang)
#   build.sh driver    LIBBUILD OUTDIR [TARGET...]   (CC default cc)
#
# LIBBUILD is the build directory of the library (its libmodpost.a and
# generated/ headers): for libfuzzer, one compiled by clang with
# -fsanitize=fuzzer-no-link,address,undefined; for driver, one compiled
# with -fsanitize=address,undefined (make sanitize).  Each target becomes
# OUTDIR/<target> (libFuzzer's main, or driver.c's).  No TARGET: all of
# them.  The link wraps elf_open, elf_open_memory, klp_read_images and
# xalloc_permanent (fuzz.h says why).  Prints the targets built, one a line.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)

mode=${1:?usage: build.sh libfuzzer|driver LIBBUILD OUTDIR [TARGET...]}
lib_build=${2:?LIBBUILD}
out=${3:?OUTDIR}
shift 3

case $mode in
libfuzzer)
	CC=${CC:-clang}
	san="-fsanitize=fuzzer,address,undefined" ;;
driver)
	CC=${CC:-cc}
	san="-fsanitize=address,undefined" ;;
*)
	echo "build.sh: unknown mode $mode" >&2
	exit 2 ;;
esac

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in "$HERE"/fuzz-*.c; do
		t=$(basename "$f" .c)
		t=${t#fuzz-}
		[ "$t" = common ] || targets+=("$t")
	done
fi

[ -f "$lib_build/libmodpost.a" ] || {
	echo "build.sh: $lib_build/libmodpost.a is missing" >&2
	exit 1
}
mkdir -p "$out"

for t in "${targets[@]}"; do
	extra=()
	[ "$mode" = driver ] && extra=("$HERE/driver.c")
	# shellcheck disable=SC2086
	$CC -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g \
		-fno-omit-frame-pointer -fno-sanitize-recover=all $san \
		-I"$TOP/scripts/mod" -I"$TOP/scripts/livepatch" -I"$lib_build/generated" \
		-I"$TOP/include/uapi" -I"$HERE" \
		-o "$out/$t" "$HERE/fuzz-$t.c" "$HERE/fuzz-common.c" "${extra[@]}" \
		"$lib_build/libmodpost.a" \
		-Wl,--wrap=elf_open -Wl,--wrap=elf_open_memory -Wl,--wrap=klp_read_images \
		-Wl,--wrap=xalloc_permanent
	echo "$t"
done
