#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In a kernel tree: Debian's linux-source of the series, a small x86_64
# config (config.frag on top of tinyconfig), the project applied with
# `make intree KSRC=<tree>`, and the tree's own `make` building vmlinux,
# our modpost and the livepatch samples in one pass.
#
#  1. a from-scratch build at -j16 (2 cores here: the race test): every
#     livepatch module is linked after vmlinux and converted against it;
#     the .klp.sym positions are those of the final vmlinux;
#  2. the tail of the build (modpost, vmlinux, modules) again at -j1 and
#     at -j$(nproc): the same bytes;
#  3. use case 3 (SAMPLE_LIVEPATCH_AMBIGUOUS) fails the build after the
#     vmlinux link, with both candidates and the line to paste for each;
#  4. the kernel boots under QEMU with its own modules: every sample
#     loads, patches, reads the symbols its source means, and unloads;
#     the positions are checked against that kernel's /proc/kallsyms;
#  5. `make intree-remove` gives back the tree as it was, and the stock
#     build from it gives the same vmlinux, bzImage, Module.symvers,
#     .vmlinux.export.c, .mod.c of every module of the stock build,
#     vmlinux.symvers (`make vmlinux`), and the same modpost messages and
#     exit status.
#
# Environment: BUILD (work in $BUILD/intree), KDIR (its series picks the
# source package), INTREE_KEEP=1 (keep the trees afterwards).
set -uo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
# the QEMU harness (it brings selftests/lib/tap.sh): sourced once, here,
# since sourcing tap.sh starts the count again
KH_WORK=${BUILD:-$TOP/build}/intree/qemu
export KH_WORK
. "$TOP/selftests/kernel/lib/harness.sh"

BUILD=${BUILD:-$TOP/build}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default 2>/dev/null || true)}
series=$("$TOP/scripts/mod/kernel-series.sh" "$KDIR" 2>/dev/null || true)
W=$BUILD/intree
SRC=$W/src
OUT=$W/out
KEEP=$W/kept		# the outputs of the first (-j16) build
NPROC=$(nproc 2>/dev/null || echo 2)

# reproducible outputs: the same build twice gives the same bytes
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=klp KBUILD_BUILD_HOST=klp KBUILD_BUILD_VERSION=1
unset MAKEFLAGS MFLAGS MAKEOVERRIDES MAKELEVEL

# our samples, and local.c: a livepatch the suite puts into the tree for
# its builds (a static vmlinux variable, recorded by its vmlinux.o identity)
OUR_SAMPLES="livepatch-auto-sample livepatch-annotated-sample livepatch-sympos-sample klp-suite-local"
# what each must say in its .klp.sym symbols (the kernel's positions)
declare -A WANT_KLP_SYMS=(
	[klp-suite-local]=".klp.sym.vmlinux.ramdisk_execute_command,0"
	[livepatch-auto-sample]=".klp.sym.vmlinux.saved_command_line,0"
	[livepatch-annotated-sample]=".klp.sym.vmlinux.saved_command_line,0"
	[livepatch-sympos-sample]=".klp.sym.vmlinux.max_cstate,1 .klp.sym.vmlinux.max_cstate,2 .klp.sym.vmlinux.saved_command_line,0"
)

bail() {
	tap_fail "$@"
	tap_done
}

kmake() { # LOG ARGS...: the tree's make, output in LOG
	local log=$1
	shift
	make -C "$SRC" O="$OUT" "$@" </dev/null >"$log" 2>&1
}

tarball=/usr/src/linux-source-$series.tar.xz
[ -r "$tarball" ] || bail "setup: $tarball (scripts/deps.sh installs linux-source-$series)"
for t in bison flex bc; do
	command -v $t >/dev/null || bail "setup: $t (scripts/deps.sh installs it)"
done

# --- the tree and its config -------------------------------------------------------
rm -rf "$W"
mkdir -p "$W" "$KEEP"
t0=$SECONDS
if tar -C "$W" -xJf "$tarball" && mv "$W/linux-source-$series" "$SRC"; then
	tap_ok "extract $tarball ($((SECONDS - t0)) s)"
else
	bail "extract $tarball"
fi
# the files the patch may touch, to check that intree-remove restores them
fingerprint() {
	(cd "$SRC" && find Makefile scripts samples include/uapi/linux include/linux \
		Documentation/livepatch -type f ! -name '.klp-modpost-intree.patch' -print0 |
		sort -z | xargs -0 md5sum)
}
fingerprint >"$W/tree.before"

if kmake "$W/config.log" tinyconfig &&
	"$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" "$HERE/config.frag" \
		>>"$W/config.log" 2>&1 &&
	kmake "$W/olddefconfig.log" olddefconfig; then
	lost=$(grep '^CONFIG_' "$HERE/config.frag" | while read -r l; do
		grep -qx "$l" "$OUT/.config" || echo "$l"
	done)
	if [ -z "$lost" ]; then
		tap_ok "config: tinyconfig + config.frag, every line of config.frag kept"
	else
		tap_fail "config: tinyconfig + config.frag, every line of config.frag kept" "lost: $lost"
	fi
else
	bail "config" "$(tail -n 20 "$W/config.log")"
fi

# --- the project in the tree ----------------------------------------------------------
if make -s --no-print-directory -C "$TOP" intree KSRC="$SRC" </dev/null >"$W/intree.log" 2>&1 &&
	[ "$("$TOP/scripts/livepatch/intree/intree.sh" status "$SRC")" = applied ]; then
	tap_ok "make intree KSRC=<tree>: $(tail -n 1 "$W/intree.log")"
else
	bail "make intree KSRC=<tree>" "$(cat "$W/intree.log")"
fi
kmake "$W/olddefconfig2.log" olddefconfig
lpdir=$SRC/samples/livepatch
cp "$lpdir/Makefile" "$W/samples-Makefile.patched"
cp "$HERE/local.c" "$lpdir/klp-suite-local.c"
echo 'obj-$(CONFIG_SAMPLE_LIVEPATCH) += klp-suite-local.o' >>"$lpdir/Makefile"
if grep -qx 'CONFIG_SAMPLE_LIVEPATCH_SYMPOS=m' "$OUT/.config" &&
	grep -qx '# CONFIG_SAMPLE_LIVEPATCH_AMBIGUOUS is not set' "$OUT/.config"; then
	tap_ok "Kconfig: the sympos sample on with the other samples, the ambiguous one off"
else
	tap_fail "Kconfig: the sympos sample on with the other samples, the ambiguous one off" \
		"$(grep SAMPLE_LIVEPATCH "$OUT/.config")"
fi

# --- 1. from scratch, -j16 ----------------------------------------------------------------
t0=$SECONDS
if kmake "$W/build-j16.log" -j16; then
	tap_ok "make -j16 from scratch (vmlinux, bzImage, modules; $((SECONDS - t0)) s on $NPROC cores)"
else
	bail "make -j16 from scratch" "$(grep -E 'error|Error|ERROR' "$W/build-j16.log" | head -n 20)"
fi
if grep -q 'scripts/mod/modpost' "$OUT/.Module.symvers.cmd" &&
	[ -x "$OUT/scripts/mod/modpost" ] && "$OUT/scripts/mod/modpost" --help 2>&1 | grep -q -- '--klp-finalize'; then
	tap_ok "modpost of this build is ours (built by the tree's kbuild as scripts/mod/modpost)"
else
	tap_fail "modpost of this build is ours"
fi

klp_modules=$(cat "$OUT/modules.livepatch" 2>/dev/null)
want_list=$(for m in $(cat "$OUT/modules.order"); do
	[ -n "$(modinfo -F livepatch "$OUT/${m%.o}.ko" 2>/dev/null)" ] && echo "$m"
done)
if [ -n "$klp_modules" ] && [ "$klp_modules" = "$want_list" ]; then
	tap_ok "modules.livepatch lists the $(wc -l <<<"$klp_modules") livepatch modules of modules.order"
else
	tap_fail "modules.livepatch lists the livepatch modules of modules.order" \
		"modules.livepatch: $klp_modules" "modinfo says: $want_list"
fi

# every livepatch module is linked (and converted) after vmlinux
vmlinux_line=$(grep -n '^  LD      vmlinux$' "$W/build-j16.log" | tail -n 1 | cut -d: -f1)
late=
for m in $klp_modules; do
	l=$(grep -n "^  LD \[M\]  ${m%.o}.ko$" "$W/build-j16.log" | cut -d: -f1)
	if [ -z "$l" ] || [ -z "$vmlinux_line" ] || [ "$l" -lt "$vmlinux_line" ]; then
		late="$late ${m%.o}.ko(line ${l:-none})"
	fi
done
if [ -z "$late" ]; then
	tap_ok "-j16: every livepatch module linked after vmlinux (line $vmlinux_line of the log)"
else
	tap_fail "-j16: every livepatch module linked after vmlinux (line ${vmlinux_line:-none})" "$late"
fi

# the .klp.sym symbols: the kernel's positions, in the final vmlinux
klp_syms() { readelf -sW "$1" 2>/dev/null | awk '$NF ~ /^\.klp\.sym\./ { print $NF }' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
for s in $OUR_SAMPLES; do
	ko=$OUT/samples/livepatch/$s.ko
	got=$(klp_syms "$ko")
	if [ "$got" = "${WANT_KLP_SYMS[$s]}" ] &&
		readelf -SW "$ko" | grep -q '\.klp\.rela\.vmlinux\.'; then
		tap_ok "$s.ko: $got"
	else
		tap_fail "$s.ko: ${WANT_KLP_SYMS[$s]}" "got: ${got:-no .klp.sym symbols}"
	fi
done
# the record (identities of vmlinux.o) and what finalize made of them
if grep -q '"klp-modpost 2' "$OUT/samples/livepatch/livepatch-auto-sample.mod.c" &&
	grep -q 'saved_command_line vmlinux saved_command_line @G:' "$OUT/samples/livepatch/livepatch-auto-sample.mod.c" &&
	grep -q 'processor_max_cstate vmlinux max_cstate =2' "$OUT/samples/livepatch/livepatch-sympos-sample.mod.c" &&
	grep -q 'ramdisk_execute_command vmlinux ramdisk_execute_command @L1:1:main.c' "$OUT/samples/livepatch/klp-suite-local.mod.c"; then
	tap_ok "the .mod.c records vmlinux.o identities and annotations for the post-link step (record version 2)"
else
	tap_fail "the .mod.c records vmlinux.o identities and annotations (record version 2)" \
		"$(grep -h 'vmlinux' "$OUT"/samples/livepatch/{livepatch-auto-sample,livepatch-sympos-sample,klp-suite-local}.mod.c)"
fi
# positions cross-checked against the final vmlinux, as kallsyms will count
if python3 "$HERE/positions.py" "$OUT/vmlinux" "$OUT/vmlinux.o" >"$W/positions.log" 2>&1; then
	tap_ok "vmlinux.o identity -> final position, for every duplicated name: $(tail -n 1 "$W/positions.log")"
else
	tap_fail "vmlinux.o identity -> final position, for every duplicated name" "$(tail -n 15 "$W/positions.log")"
fi

# finalize refuses an identity it cannot find again: klp-suite-local linked
# anew (kbuild's link command, without the post-link step), then converted
# against a "vmlinux.o" that is not the one modpost read (fs/proc/cmdline.o)
link=$(sed -n 's/^savedcmd_[^ ]* := //p' "$OUT/samples/livepatch/.klp-suite-local.ko.cmd" | sed 's/;.*//')
mkdir -p "$W/fake"
ln -sf "$OUT/vmlinux" "$W/fake/vmlinux"
ln -sf "$OUT/fs/proc/cmdline.o" "$W/fake/vmlinux.o"
if [ -n "$link" ] && (cd "$OUT" && eval "${link/-o samples\/livepatch\/klp-suite-local.ko/-o $W/unconverted.ko}") &&
	cp "$W/unconverted.ko" "$W/unconverted.pristine" &&
	! "$OUT/scripts/mod/modpost" --klp-finalize --vmlinux "$W/fake/vmlinux" "$W/unconverted.ko" \
		>"$W/fake.log" 2>&1 &&
	grep -q "\"ramdisk_execute_command\" \[$W/unconverted.ko\]: $W/fake/vmlinux.o is not the vmlinux.o modpost read" "$W/fake.log" &&
	cmp -s "$W/unconverted.ko" "$W/unconverted.pristine"; then
	tap_ok "finalize against another vmlinux.o: refused (\"is not the vmlinux.o modpost read\"), the module untouched"
else
	tap_fail "finalize against another vmlinux.o: refused, the module untouched" "link: $link" \
		"$(cat "$W/fake.log" 2>/dev/null)"
fi

# an external module built against this tree (make M=): the tree's vmlinux
# is the target, the tree's Makefile.modfinal converts it
ext=$W/ext
mkdir -p "$ext"
cp "$TOP/samples/livepatch/livepatch-auto-sample.c" "$ext/"
echo 'obj-m += livepatch-auto-sample.o' >"$ext/Kbuild"
if kmake "$W/build-ext.log" M="$ext" modules &&
	[ "$(klp_syms "$ext/livepatch-auto-sample.ko")" = ".klp.sym.vmlinux.saved_command_line,0" ] &&
	[ "$(cat "$ext/modules.livepatch")" = "$ext/livepatch-auto-sample.o" ] &&
	"$OUT/scripts/mod/modpost" --klp-check "$ext/livepatch-auto-sample.ko" >"$W/ext-check.log" 2>&1; then
	tap_ok "make M=<dir> against the tree: the sample resolved against the tree's vmlinux and converted ($(head -n 1 "$W/ext-check.log"))"
else
	tap_fail "make M=<dir> against the tree: the sample resolved against the tree's vmlinux and converted" \
		"$(tail -n 12 "$W/build-ext.log")" "$(cat "$W/ext-check.log" 2>/dev/null)"
fi

# what a later build must reproduce (a build of vmlinux and modules writes
# Module.symvers, not vmlinux.symvers: that is `make vmlinux` alone)
outputs() { # the files compared between builds, relative to $OUT
	(cd "$OUT" && {
		echo vmlinux arch/x86/boot/bzImage Module.symvers .vmlinux.export.c modules.livepatch
		sed 's/\.o$/.mod.c/' modules.order
		sed 's/\.o$/.ko/' modules.order
	} | tr ' ' '\n')
}
modpost_messages() { # DIR: modpost's stdout, stderr and status, run again as kbuild ran it
	local cmd
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p' "$OUT/.Module.symvers.cmd" 2>/dev/null ||
		sed -n 's/^savedcmd_[^ ]* := //p' "$OUT/.vmlinux.symvers.cmd")
	(cd "$OUT" && eval "$cmd") >"$1/modpost.out" 2>"$1/modpost.err"
	echo $? >"$1/modpost.rc"
}
save() { # DIR
	mkdir -p "$1"
	outputs | while read -r f; do
		mkdir -p "$1/$(dirname "$f")"
		cp "$OUT/$f" "$1/$f" 2>/dev/null
	done
}
compare() { # DIR: the same bytes as now in $OUT; prints what differs
	outputs | while read -r f; do
		cmp -s "$1/$f" "$OUT/$f" || echo "$f"
	done
}
save "$KEEP"
modpost_messages "$KEEP"
# `make vmlinux` alone: modpost over vmlinux.o only, writing vmlinux.symvers
vmlinux_symvers() { # DIR
	kmake "$1/make-vmlinux.log" vmlinux && cp "$OUT/vmlinux.symvers" "$1/" && rm -f "$OUT/vmlinux.symvers"
}
if vmlinux_symvers "$KEEP"; then
	tap_ok "make vmlinux: vmlinux.symvers ($(wc -l <"$KEEP/vmlinux.symvers") exports)"
else
	tap_fail "make vmlinux: vmlinux.symvers" "$(tail -n 10 "$KEEP/make-vmlinux.log")"
fi

# --- 2. the tail of the build at -j1 and at -j$NPROC ---------------------------------------
rm_outputs() { # what modpost writes and what is linked after it
	(cd "$OUT" && rm -f vmlinux Module.symvers .vmlinux.export.* modules.livepatch \
		arch/x86/boot/bzImage System.map && find . -name '*.ko' -delete -o -name '*.mod.[co]' -delete)
}
for j in 1 "$NPROC"; do
	rm_outputs
	t0=$SECONDS
	if kmake "$W/build-j$j.log" -j"$j"; then
		diff=$(compare "$KEEP")
		if [ -z "$diff" ]; then
			tap_ok "-j$j: modpost, vmlinux and modules again ($((SECONDS - t0)) s): the same bytes as -j16"
		else
			tap_fail "-j$j: the same bytes as -j16" "differ: $(echo $diff | head -c 600)"
		fi
	else
		tap_fail "-j$j: modpost, vmlinux and modules again" "$(tail -n 15 "$W/build-j$j.log")"
	fi
done

# --- 3. use case 3: the ambiguous sample fails the build --------------------------------
# With it, for this step only, two test modules: reorder.c.in refers to a
# name of two symbols which the final link orders otherwise than vmlinux.o
# (its candidates must come in the kernel's order); bad-func.c replaces a
# vmlinux function that does not exist (refused when it is linked).
read -r rname rsrc1 rsrc2 < <(python3 "$HERE/positions.py" --reordered "$OUT/vmlinux" "$OUT/vmlinux.o")
cp "$lpdir/Makefile" "$W/samples-Makefile"
cp "$HERE/bad-func.c" "$lpdir/klp-suite-bad-func.c"
echo 'obj-$(CONFIG_SAMPLE_LIVEPATCH_AMBIGUOUS) += klp-suite-bad-func.o' >>"$lpdir/Makefile"
if [ -n "${rname:-}" ]; then
	sed "s/@NAME@/$rname/g" "$HERE/reorder.c.in" >"$lpdir/klp-suite-reorder.c"
	echo 'obj-$(CONFIG_SAMPLE_LIVEPATCH_AMBIGUOUS) += klp-suite-reorder.o' >>"$lpdir/Makefile"
fi
"$SRC/scripts/config" --file "$OUT/.config" -m SAMPLE_LIVEPATCH_AMBIGUOUS
kmake "$W/olddefconfig3.log" olddefconfig
amb=samples/livepatch/livepatch-ambiguous-sample
reo=samples/livepatch/klp-suite-reorder
bad=samples/livepatch/klp-suite-bad-func
if kmake "$W/build-ambiguous.log" -k -j"$NPROC"; then
	tap_fail "SAMPLE_LIVEPATCH_AMBIGUOUS=m: the build fails" "it succeeded"
else
	log=$W/build-ambiguous.log
	if grep -q "\"max_cstate\" \[$amb.ko\] is ambiguous: 2 symbols of that name in vmlinux" "$log" &&
		grep -q 'KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 1);' "$log" &&
		grep -q 'KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 2);' "$log" &&
		grep -q 'max_cstate,1  (d .data, intel_idle.c)' "$log" &&
		grep -q 'max_cstate,2  (d .data, processor_idle.c)' "$log" &&
		[ ! -e "$OUT/$amb.ko" ]; then
		tap_ok "SAMPLE_LIVEPATCH_AMBIGUOUS=m: the build fails at $amb.ko with both candidates, their positions and the lines to paste; no .ko"
	else
		tap_fail "SAMPLE_LIVEPATCH_AMBIGUOUS=m: the build fails with both candidates" \
			"$(grep -B2 -A12 'ambiguous' "$log" | head -n 30)"
	fi
	if [ -z "${rname:-}" ]; then
		tap_fail "a name the final link reorders: none in this build (config.frag changed?)"
	elif grep -q "\"$rname\" \[$reo.ko\] is ambiguous: 2 symbols of that name in vmlinux" "$log" &&
		grep -q "^	  vmlinux $rname,1  (.*, $rsrc1)$" "$log" &&
		grep -q "^	  vmlinux $rname,2  (.*, $rsrc2)$" "$log" &&
		[ ! -e "$OUT/$reo.ko" ]; then
		tap_ok "$rname (vmlinux.o lists $rsrc2's first): the candidates in the kernel's order, $rsrc1's at position 1"
	else
		tap_fail "$rname: the candidates in the kernel's order ($rsrc1, $rsrc2)" \
			"$(grep -A8 "\"$rname\"" "$log" | head -n 12)"
	fi
	if grep -q "klp_func funcs\[0\] of $bad.ko replaces 'klp_suite_no_such_function', but vmlinux has no symbol of" "$log" &&
		grep -q "$bad.ko: refused: the kernel would not apply this livepatch" "$log" &&
		[ ! -e "$OUT/$bad.ko" ]; then
		tap_ok "a klp_func for a vmlinux function that does not exist: refused when the module is linked, no .ko"
	else
		tap_fail "a klp_func for a vmlinux function that does not exist: refused when linked" \
			"$(grep -A4 "bad-func" "$log" | head -n 12)"
	fi
fi
cp "$W/samples-Makefile" "$lpdir/Makefile"
rm -f "$lpdir/klp-suite-reorder.c" "$lpdir/klp-suite-bad-func.c"
"$SRC/scripts/config" --file "$OUT/.config" -d SAMPLE_LIVEPATCH_AMBIGUOUS
kmake "$W/olddefconfig4.log" olddefconfig
if kmake "$W/build-after-ambiguous.log" -j"$NPROC" && [ -z "$(compare "$KEEP")" ]; then
	tap_ok "without it again: the build succeeds, the same bytes as before"
else
	tap_fail "without it again: the build succeeds, the same bytes as before" \
		"$(compare "$KEEP" | head -n 10)" "$(tail -n 10 "$W/build-after-ambiguous.log")"
fi

# --- 4. the kernel boots with its own modules --------------------------------------------
KDIR=$OUT VMLINUZ=$OUT/arch/x86/boot/bzImage kh_setup
files=("$KH_LIB/kh-klp-guest.sh:/lib/kh-klp-guest.sh")
for s in $OUR_SAMPLES livepatch-sample; do
	files+=("$OUT/samples/livepatch/$s.ko:/root/$s.ko")
done
KH_TIMEOUT=${KH_TIMEOUT:-120}
if kh_initramfs "$W/boot.cpio" "$HERE/scenario.sh" "${files[@]}"; then
	kh_boot intree "$W/boot.cpio" intel_idle.max_cstate=3 processor.max_cstate=5 || true
	kh_guest_tap "$KH_LOG"
	# the guest's kallsyms (bulk record): every .klp.sym position is there
	if [ -f "$KH_BULKDIR/kallsyms" ] &&
		python3 "$HERE/positions.py" --kallsyms "$KH_BULKDIR/kallsyms" "$OUT/vmlinux" \
			$(for s in $OUR_SAMPLES; do echo "$OUT/samples/livepatch/$s.ko"; done) \
			>"$W/kallsyms-check.log" 2>&1; then
		tap_ok "the booted kernel's /proc/kallsyms: $(tail -n 1 "$W/kallsyms-check.log")"
	else
		tap_fail "the booted kernel's /proc/kallsyms has each .klp.sym symbol at its position" \
			"$(tail -n 15 "$W/kallsyms-check.log" 2>/dev/null)"
	fi
else
	tap_fail "initramfs"
fi

# --- 5. the tree without the project: the stock build ----------------------------------
cp "$W/samples-Makefile.patched" "$lpdir/Makefile"
rm -f "$lpdir/klp-suite-local.c"
if make -s --no-print-directory -C "$TOP" intree-remove KSRC="$SRC" </dev/null >"$W/intree-remove.log" 2>&1 &&
	fingerprint >"$W/tree.after" && cmp -s "$W/tree.before" "$W/tree.after"; then
	tap_ok "make intree-remove: the tree is as it was (md5sum of every file the patch may touch)"
else
	tap_fail "make intree-remove: the tree is as it was" "$(cat "$W/intree-remove.log")" \
		"$(diff "$W/tree.before" "$W/tree.after" | head -n 10)"
fi
kmake "$W/olddefconfig5.log" olddefconfig
# everything modpost writes, and what is linked from it, made anew by stock
rm_outputs
t0=$SECONDS
if kmake "$W/build-stock.log" -j"$NPROC"; then
	tap_ok "stock: make -j$NPROC in the same output tree: stock modpost, vmlinux and modules made anew ($((SECONDS - t0)) s)"
else
	bail "stock: make" "$(tail -n 20 "$W/build-stock.log")"
fi
if "$OUT/scripts/mod/modpost" --help 2>&1 | grep -q -- '--klp'; then
	tap_fail "stock: scripts/mod/modpost is the tree's own again"
else
	tap_ok "stock: scripts/mod/modpost is the tree's own again"
fi
differ=
nmods=0
for f in vmlinux arch/x86/boot/bzImage Module.symvers .vmlinux.export.c \
	$(sed 's/\.o$/.mod.c/' "$OUT/modules.order"); do
	[ "${f%.mod.c}" = "$f" ] || nmods=$((nmods + 1))
	cmp -s "$KEEP/$f" "$OUT/$f" || differ="$differ $f"
done
if [ -z "$differ" ]; then
	tap_ok "stock and ours: vmlinux, bzImage, Module.symvers, .vmlinux.export.c and the .mod.c of all $nmods stock modules are identical"
else
	tap_fail "stock and ours: identical outputs" "differ:$differ"
fi
mkdir -p "$W/stock"
modpost_messages "$W/stock"
if vmlinux_symvers "$W/stock" && cmp -s "$KEEP/vmlinux.symvers" "$W/stock/vmlinux.symvers"; then
	tap_ok "stock and ours: make vmlinux gives the same vmlinux.symvers"
else
	tap_fail "stock and ours: make vmlinux gives the same vmlinux.symvers" \
		"$(diff "$KEEP/vmlinux.symvers" "$W/stock/vmlinux.symvers" 2>&1 | head -n 5)"
fi
# our samples are not in the stock build: their lines are left out
for s in out err; do
	grep -v -E 'livepatch-(auto|annotated|sympos)-sample|klp-suite-local' "$KEEP/modpost.$s" >"$W/ours.$s.filtered"
done
if cmp -s "$W/ours.out.filtered" "$W/stock/modpost.out" &&
	cmp -s "$W/ours.err.filtered" "$W/stock/modpost.err" &&
	cmp -s "$KEEP/modpost.rc" "$W/stock/modpost.rc"; then
	tap_ok "stock and ours: modpost's messages and exit status ($(cat "$KEEP/modpost.rc")) are identical ($(wc -l <"$W/stock/modpost.err") lines on stderr)"
else
	tap_fail "stock and ours: modpost's messages and exit status" \
		"$(diff "$W/ours.err.filtered" "$W/stock/modpost.err" | head -n 10)" \
		"status: ours $(cat "$KEEP/modpost.rc"), stock $(cat "$W/stock/modpost.rc")"
fi

[ "${INTREE_KEEP:-0}" = 1 ] || rm -rf "$SRC" "$OUT"
tap_note "selftests/intree took $SECONDS s"
tap_done
