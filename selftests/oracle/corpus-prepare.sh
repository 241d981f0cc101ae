#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare (once, cached) the differential-test corpus of modpost-spec §9 from
# the installed module tree of the target release, and print its directory.
#
#   <corpus>/src/<path>.o        every kernel/<path>.ko[.xz|.zst|.gz], decompressed
#   <corpus>/src/<path>.mod      empty (needed by -m)
#   <corpus>/src/modules.order   the real modules.order, kernel/<path>.ko -> <path>.o
#   <corpus>/src.stamp           written last; its presence means "ready"
#
# <corpus> is $KLP_CORPUS, default $BUILD/corpus-<release> (BUILD defaults to
# <repo>/build).  KDIR defaults to `scripts/kdir.sh default`.  Progress goes to
# stderr; stdout is only the path of the src directory.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
say() { printf 'corpus: %s\n' "$*" >&2; }
die() {
	printf 'corpus: error: %s\n' "$*" >&2
	exit 1
}

KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
[ -n "$KDIR" ] && [ -d "$KDIR" ] || die "no kernel headers tree (KDIR='$KDIR'); run scripts/deps.sh"
rel=$("$TOP/scripts/kdir.sh" release "$KDIR")
BUILD=${BUILD:-$TOP/build}
corpus=${KLP_CORPUS:-$BUILD/corpus-$rel}
src=$corpus/src
stamp=$corpus/src.stamp

if [ -f "$stamp" ]; then
	echo "$src"
	exit 0
fi

moddir=$("$TOP/scripts/kdir.sh" modules "$KDIR") || die "no module tree for $rel; run scripts/deps.sh"
[ -f "$moddir/modules.order" ] || die "$moddir/modules.order missing"

mkdir -p "$corpus"
# Serialise concurrent preparations (several people share build/).
exec 9>"$corpus/.prepare.lock"
flock 9
if [ -f "$stamp" ]; then
	echo "$src"
	exit 0
fi

tmp=$corpus/src.tmp
rm -rf "$tmp" "$src"
mkdir -p "$tmp"

cd "$moddir"
find kernel -type f \( -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz' \) |
	LC_ALL=C sort >"$tmp/.files"
nfiles=$(wc -l <"$tmp/.files")
[ "$nfiles" -gt 0 ] || die "no modules under $moddir/kernel"

say "preparing $nfiles modules of $rel from $moddir into $src (one-off, ~20 s) ..."
start=$SECONDS
sed -e 's#^kernel/##' -e 's#/[^/]*$##' "$tmp/.files" | LC_ALL=C sort -u | (cd "$tmp" && xargs mkdir -p)

decompress() {
	local f out
	for f in "$@"; do
		out=$DEST/${f#kernel/}
		out=${out%.ko*}.o
		case $f in
		*.ko.xz) xz -dc -- "$f" >"$out" ;;
		*.ko.zst) zstd -dcq -- "$f" >"$out" ;;
		*.ko.gz) gzip -dc -- "$f" >"$out" ;;
		*) cat -- "$f" >"$out" ;;
		esac
		: >"${out%.o}.mod"
	done
}
export -f decompress
export DEST=$tmp
xargs -P2 -n 32 bash -c 'decompress "$@"' _ <"$tmp/.files"

# modules.order: the real order first, then any module the order does not list.
sed -E -e 's#^kernel/##' -e 's#\.ko(\.(xz|zst|gz))?$#.o#' "$tmp/.files" >"$tmp/.have"
sed -n -e 's#^kernel/\(.*\)\.ko$#\1.o#p' "$moddir/modules.order" >"$tmp/.order"
awk 'NR == FNR { have[$0] = 1; next }
     FILENAME == ARGV[2] { if (have[$0] && !seen[$0]++) print; next }
     !seen[$0]++' "$tmp/.have" "$tmp/.order" "$tmp/.have" >"$tmp/modules.order"
extra=$(awk 'NR == FNR { o[$0] = 1; next } !o[$0]' "$tmp/.order" "$tmp/.have" | wc -l)
missing=$(awk 'NR == FNR { h[$0] = 1; next } !h[$0]' "$tmp/.have" "$tmp/.order" | wc -l)
[ "$extra" = 0 ] || say "note: $extra module(s) not in modules.order, appended"
[ "$missing" = 0 ] || say "note: $missing modules.order entries have no file, dropped"
rm -f "$tmp/.files" "$tmp/.have" "$tmp/.order"

mv "$tmp" "$src"
printf 'release %s\nmoduledir %s\nmodules %s\n' "$rel" "$moddir" "$(wc -l <"$src/modules.order")" >"$stamp"
say "prepared $(wc -l <"$src/modules.order") modules ($(du -sm "$src" | cut -f1) MB) in $((SECONDS - start)) s"
echo "$src"
