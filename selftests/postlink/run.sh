#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the tools that run after kbuild's final link do to finalized
# livepatch modules, judged with `modpost --klp-check` (and `--klp-dump`:
# the relocation table must come out identical: same objects, targets,
# offsets, types, symbols and positions).
#
#   tool                                   result (binutils 2.40, LLVM 14, Debian 6.12 kbuild)
#   strip --strip-debug (INSTALL_MOD_STRIP=1) keeps the format; drops SHF_INFO_LINK (the kernel never reads it)
#   strip --strip-unneeded                 same
#   strip (no option = --strip-all)        damages: the symbol table goes, .klp.rela stays (sh_link 0), exit 0
#   objcopy, objcopy --strip-debug,        keep the format; drop SHF_INFO_LINK
#     --strip-unneeded, --remove-section .comment, --add-gnu-debuglink
#   ld -r (re-linking the finished .ko)    damages: .klp.sym symbols become SHN_ABS, .klp.rela sections lose SHT_RELA
#   llvm-strip, llvm-objcopy               refuse (exit 1, file untouched): "symbol ... has unsupported value
#                                          greater than or equal to SHN_LORESERVE"
#   pahole -J + resolve_btfids (BTF step)  keep the format
#   scripts/sign-file                      keeps the format byte for byte (signature appended)
#   xz / zstd / gzip as modules_install    keep it byte for byte; --klp-check reads the compressed file too
#   make modules_install (sign + xz)       keeps it; with INSTALL_MOD_STRIP=1 as strip --strip-debug
#   make modules_install STRIP=llvm-strip  fails (make exit 2), nothing installed
#     INSTALL_MOD_STRIP=1
#
# The modules are the finalized ones of selftests/klp (built here with our
# modpost): a vmlinux target (vmlinux-dup-decl) and a module target
# (module-dup-annotated).  Tools that are not installed are skipped.
#
# Environment: MODPOST (ours), KDIR, POSTLINK_WORK (scratch, default
# /tmp/klp-postlink), JOBS.
set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODPOST=${MODPOST:-$TOP/build/modpost}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
WORK=${POSTLINK_WORK:-/tmp/klp-postlink}
CASES="vmlinux-dup-decl module-dup-annotated"

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"

if [ ! -x "$MODPOST" ]; then
	tap_fail "modpost binary $MODPOST"
	tap_done
fi
if [ -z "$KDIR" ] || [ ! -d "$KDIR" ]; then
	tap_fail "kernel build tree" "KDIR not found (scripts/deps.sh)"
	tap_done
fi

rm -rf "$WORK"
mkdir -p "$WORK"

# --- the modules ----------------------------------------------------------------
KLP_TEST_WORK=$WORK/klp MODPOST=$MODPOST KDIR=$KDIR "$TOP/selftests/klp/run.sh" \
	>"$WORK/klp-build.log" 2>&1 </dev/null
for c in $CASES; do
	if [ -f "$WORK/klp/cases/$c/final.ko" ]; then
		cp "$WORK/klp/cases/$c/final.ko" "$WORK/$c.ko"
		"$MODPOST" --klp-dump "$WORK/$c.ko" | tail -n +2 >"$WORK/$c.dump"
	fi
done
for c in $CASES; do
	if [ ! -f "$WORK/$c.ko" ]; then
		tap_fail "finalized module $c" "see $WORK/klp-build.log"
		tap_done
	fi
	if "$MODPOST" --klp-check "$WORK/$c.ko" >/dev/null 2>&1 && grep -q '\.klp\.rela\.' <(readelf -SW "$WORK/$c.ko"); then
		tap_ok "$c: the finalized module is intact to begin with"
	else
		tap_fail "$c: the finalized module is intact to begin with"
		tap_done
	fi
done

# --- judging ---------------------------------------------------------------------
# intact LABEL FILE CASE: --klp-check passes and the relocation table is unchanged
intact() {
	local label=$1 file=$2 c=$3 err
	if ! err=$("$MODPOST" --klp-check "$file" 2>&1 >/dev/null); then
		tap_fail "$label [$c]: still intact" "$(head -3 <<<"$err" | tr '\n' ' ')"
	elif ! "$MODPOST" --klp-dump "$file" | tail -n +2 | cmp -s - "$WORK/$c.dump"; then
		tap_fail "$label [$c]: still intact" "the livepatch relocation table changed"
	else
		tap_ok "$label [$c]: still intact"
	fi
}

# refused LABEL FILE CASE PATTERN: --klp-check fails and says PATTERN
refused() {
	local label=$1 file=$2 c=$3 pattern=$4 err rc=0
	err=$("$MODPOST" --klp-check "$file" 2>&1 >/dev/null) || rc=$?
	if [ "$rc" = 1 ] && grep -qF -- "$pattern" <<<"$err"; then
		tap_ok "$label [$c]: check mode refuses it ($pattern)"
	else
		tap_fail "$label [$c]: check mode refuses it ($pattern)" "exit $rc: $(head -2 <<<"$err" | tr '\n' ' ')"
	fi
}

have() { command -v "$1" >/dev/null 2>&1; }

# apply LABEL VERDICT [PATTERN] -- COMMAND...: run COMMAND on a copy ($F) of each module
#   VERDICT intact | refused PATTERN | tool-refuses (exit != 0, file untouched)
apply() {
	local label=$1 verdict=$2 pattern= c rc
	shift 2
	if [ "$verdict" = refused ]; then
		pattern=$1
		shift
	fi
	[ "$1" = -- ] && shift
	for c in $CASES; do
		F=$WORK/t-$c.ko
		cp "$WORK/$c.ko" "$F"
		rc=0
		(cd "$WORK" && "$@") >"$WORK/tool.out" 2>&1 || rc=$?
		case $verdict in
		intact)
			if [ $rc = 0 ]; then intact "$label" "$F" "$c"
			else tap_fail "$label [$c]: still intact" "tool exit $rc: $(head -1 "$WORK/tool.out")"; fi ;;
		refused)
			refused "$label" "$F" "$c" "$pattern" ;;
		tool-refuses)
			if [ $rc != 0 ] && cmp -s "$F" "$WORK/$c.ko"; then
				tap_ok "$label [$c]: the tool refuses it and leaves the file alone ($(head -1 "$WORK/tool.out" | cut -c1-90))"
			else
				tap_fail "$label [$c]: the tool refuses it and leaves the file alone" "exit $rc"
			fi ;;
		esac
	done
}
# the commands below see the copy as $F
sh_F() { sh -c "$1" sh "$F"; }

# --- binutils ----------------------------------------------------------------------
apply "strip --strip-debug (INSTALL_MOD_STRIP=1)" intact -- sh_F 'strip --strip-debug "$1"'
apply "strip --strip-unneeded" intact -- sh_F 'strip --strip-unneeded "$1"'
apply "strip (--strip-all)" refused "sh_link is 0, not the symbol table" -- sh_F 'strip "$1"'
apply "objcopy" intact -- sh_F 'objcopy "$1"'
apply "objcopy --strip-debug" intact -- sh_F 'objcopy --strip-debug "$1"'
apply "objcopy --strip-unneeded" intact -- sh_F 'objcopy --strip-unneeded "$1"'
apply "objcopy --remove-section .comment" intact -- sh_F 'objcopy --remove-section .comment "$1"'
apply "objcopy --only-keep-debug + --strip-debug --add-gnu-debuglink" intact -- \
	sh_F 'objcopy --only-keep-debug "$1" "$1.debug" && objcopy --strip-debug --add-gnu-debuglink="$1.debug" "$1"'
apply "ld -r (re-link)" refused "lost its SHN_LIVEPATCH section index" -- \
	sh_F 'ld -r -o "$1.relinked" "$1" && mv "$1.relinked" "$1"'

# what binutils changes: SHF_INFO_LINK only, which the kernel never reads
c=vmlinux-dup-decl
cp "$WORK/$c.ko" "$WORK/s.ko"
strip --strip-debug "$WORK/s.ko"
flags=$(readelf -SW "$WORK/s.ko" | sed -n 's/.*\.klp\.rela\.[^ ]* *RELA *[0-9a-f]* [0-9a-f]* [0-9a-f]* [0-9a-f]* *\([A-Za-z]*\) .*/\1/p' | head -1)
if [ "$flags" = Ao ]; then
	tap_ok "strip --strip-debug: .klp.rela flags become 'Ao' (SHF_INFO_LINK dropped, SHF_ALLOC and SHF_RELA_LIVEPATCH kept)"
else
	tap_fail "strip --strip-debug: .klp.rela flags become 'Ao'" "found '$flags'"
fi
if "$MODPOST" --klp-check "$WORK/s.ko" 2>&1 >/dev/null | grep -q "WARNING: modpost: .*lacks SHF_INFO_LINK"; then
	tap_ok "check mode warns about the dropped SHF_INFO_LINK"
else
	tap_fail "check mode warns about the dropped SHF_INFO_LINK"
fi
if ! "$MODPOST" --klp-check --strict "$WORK/s.ko" >/dev/null 2>&1; then
	tap_ok "check mode --strict refuses the dropped SHF_INFO_LINK"
else
	tap_fail "check mode --strict refuses the dropped SHF_INFO_LINK"
fi

# --- LLVM --------------------------------------------------------------------------
if have llvm-strip; then
	apply "llvm-strip --strip-debug" tool-refuses -- sh_F 'llvm-strip --strip-debug "$1"'
else
	tap_skip "llvm-strip" "not installed"
fi
if have llvm-objcopy; then
	apply "llvm-objcopy" tool-refuses -- sh_F 'llvm-objcopy "$1"'
else
	tap_skip "llvm-objcopy" "not installed"
fi

# --- kbuild's BTF step (Makefile.modfinal), run again on the finished module ----------
rbi=$KDIR/tools/bpf/resolve_btfids/resolve_btfids
if have pahole && [ -x "$rbi" ] && [ -f "$KDIR/vmlinux" ]; then
	apply "pahole -J + resolve_btfids" intact -- \
		sh_F "LLVM_OBJCOPY=objcopy pahole -J --btf_base '$KDIR/vmlinux' \"\$1\" && '$rbi' -b '$KDIR/vmlinux' \"\$1\""
else
	tap_skip "pahole -J + resolve_btfids" "pahole, resolve_btfids or $KDIR/vmlinux missing"
fi

# --- signing -------------------------------------------------------------------------
signfile=$KDIR/scripts/sign-file
key=$WORK/signing_key.pem
if [ -x "$signfile" ] && have openssl &&
   openssl req -new -nodes -utf8 -sha256 -days 2 -batch -x509 -subj "/CN=klp postlink test/" \
	-newkey rsa:2048 -keyout "$key" -out "$key" >/dev/null 2>&1; then
	apply "scripts/sign-file sha256" intact -- sh_F "'$signfile' sha256 '$key' '$key' \"\$1\""
	for c in $CASES; do
		size=$(stat -c %s "$WORK/$c.ko")
		if cmp -s -n "$size" "$WORK/t-$c.ko" "$WORK/$c.ko" &&
		   tail -c 28 "$WORK/t-$c.ko" | grep -q "~Module signature appended~"; then
			tap_ok "scripts/sign-file [$c]: the ELF bytes are unchanged, the signature is appended"
		else
			tap_fail "scripts/sign-file [$c]: the ELF bytes are unchanged, the signature is appended"
		fi
	done
else
	key=
	tap_skip "scripts/sign-file" "no $signfile or openssl"
fi

# --- compression, as modules_install runs it (and as kmod / the kernel undo it) -----
compress_roundtrip() { # label suffix compress-cmd decompress-cmd
	local label=$1 suffix=$2 comp=$3 decomp=$4 c
	for c in $CASES; do
		local f=$WORK/z-$c.ko
		rm -f "$f" "$f$suffix"
		cp "$WORK/$c.ko" "$f"
		if ! sh -c "$comp" sh "$f" >/dev/null 2>&1 || [ ! -f "$f$suffix" ]; then
			tap_fail "$label [$c]: compresses"
			continue
		fi
		intact "$label (--klp-check on the .ko$suffix)" "$f$suffix" "$c"
		rm -f "$f"
		if sh -c "$decomp" sh "$f$suffix" >"$f" 2>/dev/null && cmp -s "$f" "$WORK/$c.ko"; then
			tap_ok "$label [$c]: decompresses byte for byte"
		else
			tap_fail "$label [$c]: decompresses byte for byte"
		fi
	done
}
if have xz; then
	compress_roundtrip "xz --check=crc32 --lzma2=dict=1MiB" .xz 'xz --check=crc32 --lzma2=dict=1MiB -f "$1"' 'xz -dc "$1"'
else
	tap_skip "xz" "not installed"
fi
if have zstd; then
	compress_roundtrip "zstd --rm" .zst 'zstd --rm -f -q "$1"' 'zstd -dcq "$1"'
else
	tap_skip "zstd" "not installed"
fi
if have gzip; then
	compress_roundtrip "gzip -n" .gz 'gzip -n -f "$1"' 'gzip -dc "$1"'
else
	tap_skip "gzip" "not installed"
fi

# --- make modules_install ----------------------------------------------------------------
# An external-module tree whose .ko is the finalized module.
modinst_tree() { # case -> prints the directory
	local c=$1 dir=$WORK/mi/$1 ko
	rm -rf "$dir"
	mkdir -p "$WORK/mi"
	cp -r "$WORK/klp/cases/$c" "$dir"
	ko=$(ls "$dir"/*.ko | grep -v '/final\.ko$' | head -1)
	cp "$WORK/$c.ko" "$ko"
	rm -f "$dir/final.ko"
	sed -i "s|$WORK/klp/cases/$c|$dir|" "$dir/modules.order"
	echo "$dir"
}
# modinst LABEL VERDICT SUFFIX MAKE-ARGS...: VERDICT intact | make-fails
modinst() {
	local label=$1 verdict=$2 suffix=$3 c dir root rc out installed
	shift 3
	for c in $CASES; do
		dir=$(modinst_tree "$c")
		root=$WORK/mi/root-$c
		rm -rf "$root"
		rc=0
		local sign=()
		[ -n "$key" ] && sign=("cmd_sign=scripts/sign-file \$(CONFIG_MODULE_SIG_HASH) $key $key \$@")
		out=$(env -u MAKEFLAGS -u MAKELEVEL make -C "$KDIR" M="$dir" INSTALL_MOD_PATH="$root" \
			"${sign[@]}" "$@" modules_install 2>&1) || rc=$?
		installed=$(find "$root" -name "*.ko$suffix" 2>/dev/null | head -1)
		case $verdict in
		intact)
			if [ $rc != 0 ] || [ -z "$installed" ]; then
				tap_fail "$label [$c]: still intact" "make exit $rc: $(grep -m1 -i error <<<"$out")"
				continue
			fi
			intact "$label" "$installed" "$c"
			if [ -n "$key" ]; then
				if grep -q "SIGN" <<<"$out" && "$MODPOST" --klp-check "$installed" >/dev/null 2>&1 &&
				   { [ -z "$suffix" ] && cat "$installed" || xz -dc "$installed" 2>/dev/null || zstd -dcq "$installed"; } |
				   tail -c 28 | grep -q "~Module signature appended~"; then
					tap_ok "$label [$c]: installed module is signed"
				else
					tap_fail "$label [$c]: installed module is signed"
				fi
			fi ;;
		make-fails)
			if [ $rc != 0 ] && [ -z "$(find "$root" -name '*.ko*' 2>/dev/null)" ]; then
				tap_ok "$label [$c]: make fails, nothing installed ($(grep -m1 'error' <<<"$out" | cut -c1-90))"
			else
				tap_fail "$label [$c]: make fails, nothing installed" "make exit $rc"
			fi ;;
		esac
	done
}
suffix=
grep -q '^CONFIG_MODULE_COMPRESS_ALL=y' "$KDIR/.config" 2>/dev/null &&
	grep -q '^CONFIG_MODULE_COMPRESS_XZ=y' "$KDIR/.config" && suffix=.xz
modinst "make modules_install" intact "$suffix"
modinst "make modules_install INSTALL_MOD_STRIP=1" intact "$suffix" INSTALL_MOD_STRIP=1
modinst "make modules_install INSTALL_MOD_STRIP=--strip-unneeded" intact "$suffix" INSTALL_MOD_STRIP=--strip-unneeded
if have zstd; then
	modinst "make modules_install (zstd compression)" intact .zst \
		CONFIG_MODULE_COMPRESS_ALL=y CONFIG_MODULE_COMPRESS_XZ= CONFIG_MODULE_COMPRESS_ZSTD=y
fi
if have llvm-strip; then
	modinst "make modules_install STRIP=llvm-strip INSTALL_MOD_STRIP=1" make-fails "" \
		STRIP=llvm-strip INSTALL_MOD_STRIP=1
fi

tap_done
