#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The installed kbuild integration shared by two checkouts of this project
# and changed while modules build, on ONE private copy of KDIR's trees
# (plain renames, no dpkg; the system is never touched):
#
#  1. owners: an installation names its checkout and modpost (path,
#     sha256); installing again from the same checkout updates in place;
#     the other checkout's install and uninstall are refused with the
#     command to use, and nothing changes; FORCE=1 takes over; status
#     tells whose it is;
#  2. the lock: an install waits for another one holding the lock, and
#     gives up after KLP_INSTALL_LOCK_TIMEOUT with a message, having changed
#     nothing;
#  3. each interleaving of a build with an install/uninstall, made to
#     happen (KBUILD_MODPOST_NOFINAL, a linker held at the module link):
#     the installed modpost, then a stock link (the guard stops the .mod.c);
#     the step's files removed while the link runs; the integration taken
#     over by the other checkout, or removed and installed again, while
#     the link runs (converted); a stock modpost, then our link (ordinary
#     modules as stock: the step is a no-op); a user's own link command;
#  4. the race: two checkouts install, uninstall and force in a loop, alone
#     and at the same time, while two livepatch modules (one using the
#     installed <linux/klp-annotations.h>) build in a loop: every module
#     built is converted (`modpost --klp-check`) or its build failed with
#     an error; every install/uninstall does what its state calls for;
#  5. in the end, after uninstall, every file of the trees is as before
#     (sha256, mode, time stamps, links).
#
# Environment: TOP, KDIR, MODPOST (ours: the judge), RACE_WORK (scratch,
# default /tmp/klp-install-race), RACE_SECONDS (the race, default 60),
# RACE_SEED (the order of the race's operations, default random).
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
BUILD=${BUILD:-$TOP/build}
MODPOST=${MODPOST:-$BUILD/modpost}
WORK=${RACE_WORK:-/tmp/klp-install-race}
RACE_SECONDS=${RACE_SECONDS:-60}
SEED=${RACE_SEED:-$((RANDOM * 32768 + RANDOM))}
INCLUDE_MARK='include $(srctree)/scripts/klp-modpost/kbuild.mk'

# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
# shellcheck source=../lib/kbtree.sh
. "$TOP/selftests/lib/kbtree.sh"

# BUILD and MODPOST too: ours (run-all.sh exports them) must not become
# the checkouts' build directory or binary
clean_env() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u MAKEOVERRIDES -u BUILD -u MODPOST "$@"; }
has() { grep -qF -- "$2" "$1"; }

if [ ! -x "$MODPOST" ]; then
	tap_fail "modpost binary $MODPOST"
	tap_done
fi
rm -rf "$WORK"
mkdir -p "$WORK/logs"
# physical: install.sh names checkouts by their physical path
WORK=$(cd "$WORK" && pwd -P)
LOG=$WORK/logs

# --- the trees: one private copy ---------------------------------------------
S_SYS=$(readlink -f "$KDIR/scripts")
if [ -e "$S_SYS/klp-modpost" ] || [ -e "$S_SYS/mod/modpost.klp-orig" ] || [ -e "$S_SYS/Makefile.modfinal.klp-orig" ] ||
   [ -e "$KDIR/include/linux/klp-annotations.h" ]; then
	tap_fail "$KDIR is stock" "klp-modpost is installed in $S_SYS: a copy would not be stock"
	tap_done
fi
if ! KC=$(kbtree_copy "$KDIR" "$WORK/root"); then
	tap_fail "a self-contained copy of $KDIR's trees"
	tap_done
fi
mapfile -t ROOTS < <(kbtree_roots "$KC")
SC=$(readlink -f "$KC/scripts")
H=$KC/include/linux/klp-annotations.h
cp -p "$SC/mod/modpost" "$WORK/stock-modpost"
cp -p "$SC/Makefile.modfinal" "$WORK/stock-modfinal"
kbtree_manifest "${ROOTS[@]}" >"$WORK/before"

# --- two checkouts, each built for the copy ------------------------------------
A=$WORK/a
B=$WORK/b
for co in "$A" "$B"; do
	mkdir -p "$co"
	if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
		# the working tree as it is (uncommitted files too), without what
		# .gitignore names (build/)
		(cd "$TOP" && git ls-files -z --cached --others --exclude-standard |
			xargs -0 -r -I{} sh -c '[ ! -e "$1" ] || printf "%s\0" "$1"' sh {} |
			tar -c --null -T - -f -) | tar -x -C "$co" -f -
	else
		tar -C "$TOP" --exclude=./build --exclude=./.git -c -f - . | tar -x -C "$co" -f -
	fi
done
build_checkout() {
	clean_env make -C "$1" KDIR="$KC" -j2 all >"$LOG/build-$(basename "$1").log" 2>&1
}
if build_checkout "$A" && build_checkout "$B"; then
	tap_ok "two checkouts ($A, $B), each built for the copy"
else
	tap_fail "two checkouts, each built for the copy" "$(tail -3 "$LOG"/build-*.log | tr '\n' ';')"
	tap_done
fi
BIN_A=$A/build/modpost
BIN_B=$B/build/modpost

# inst WHO ACTION [ARGS...]: `make install|uninstall` from checkout a or b;
# output in $out, status in $rc
n_inst=0
inst() {
	local who=$1 action=$2 co
	shift 2
	co=$A
	[ "$who" = b ] && co=$B
	n_inst=$((n_inst + 1))
	out=$LOG/inst.$n_inst.$who.$action.log
	rc=0
	clean_env make -C "$co" KDIR="$KC" "$action" "$@" >"$out" 2>&1 || rc=$?
}

# state: none, a or b (whose installation is complete and consistent), or
# broken
state() {
	local o bin
	if [ ! -e "$SC/klp-modpost" ] && [ ! -e "$SC/mod/modpost.klp-orig" ] &&
	   [ ! -e "$SC/Makefile.modfinal.klp-orig" ] && [ ! -e "$H" ] &&
	   cmp -s "$SC/mod/modpost" "$WORK/stock-modpost" && cmp -s "$SC/Makefile.modfinal" "$WORK/stock-modfinal"; then
		echo none
		return
	fi
	o=$(sed -n 's/^owner: //p' "$SC/klp-modpost/INSTALLED" 2>/dev/null)
	case $o in
	"$A") o=a bin=$BIN_A ;;
	"$B") o=b bin=$BIN_B ;;
	*) echo broken; return ;;
	esac
	if [ -f "$SC/klp-modpost/kbuild.mk" ] && [ -x "$SC/klp-modpost/klp-postlink.sh" ] && [ -f "$H" ] &&
	   cmp -s "$SC/mod/modpost" "$bin" && cmp -s "$SC/mod/modpost.klp-orig" "$WORK/stock-modpost" &&
	   cmp -s "$SC/Makefile.modfinal.klp-orig" "$WORK/stock-modfinal" &&
	   [ "$(head -c "$(stat -c %s "$WORK/stock-modfinal")" "$SC/Makefile.modfinal" | sha256sum)" = \
	     "$(sha256sum <"$WORK/stock-modfinal")" ] &&
	   grep -qF -- "$INCLUDE_MARK" "$SC/Makefile.modfinal"; then
		echo "$o"
	else
		echo broken
	fi
}
unchanged_since() { kbtree_manifest "${ROOTS[@]}" | cmp -s - "$1"; }
checkout_of() { if [ "$1" = a ]; then echo "$A"; else echo "$B"; fi; }

# =============================================================================
# 1. owners
# =============================================================================
inst a install
tap_check "a: make install (status $rc)" eval '[ $rc = 0 ] && [ "$(state)" = a ]'
sum_a=$(sha256sum <"$BIN_A" | cut -d' ' -f1)
tap_check "a: INSTALLED names the checkout and the modpost copied (path, sha256)" eval \
	'has "$SC/klp-modpost/INSTALLED" "owner: $A" && has "$SC/klp-modpost/INSTALLED" "modpost: $BIN_A (sha256 $sum_a)"'
tap_check "a: status prints the owner: this checkout" eval \
	'"$A/scripts/livepatch/install.sh" status "$KC" | grep -qxF "  owner: $A (this checkout)"'
tap_check "b: status prints the owner: another checkout" eval \
	'"$B/scripts/livepatch/install.sh" status "$KC" | grep -qxF "  owner: $A (another checkout)"'
kbtree_manifest "${ROOTS[@]}" >"$WORK/installed-a"

inst a install
tap_check "a: installing again (status $rc) changes no file" eval '[ $rc = 0 ] && unchanged_since "$WORK/installed-a"'

# the same checkout with another modpost binary: updated in place
cp "$SC/klp-modpost/INSTALLED" "$WORK/INSTALLED-a"
cp "$BIN_A" "$WORK/modpost-a2"
printf 'klp-race' >>"$WORK/modpost-a2"
rc=0
"$A/scripts/livepatch/install.sh" install "$KC" "$WORK/modpost-a2" >"$LOG/a2.log" 2>&1 || rc=$?
tap_check "a: install with another modpost (status $rc): copied, INSTALLED updated, the saved originals untouched" eval \
	'[ $rc = 0 ] && cmp -s "$SC/mod/modpost" "$WORK/modpost-a2" &&
	 has "$SC/klp-modpost/INSTALLED" "modpost: $WORK/modpost-a2 (sha256 $(sha256sum <"$WORK/modpost-a2" | cut -d" " -f1))" &&
	 [ "$(grep -F ".klp-orig" "$WORK/installed-a")" = "$(kbtree_manifest "${ROOTS[@]}" | grep -F ".klp-orig")" ]'
inst a install
tap_check "a: and back (status $rc): the first installation again" eval \
	'[ $rc = 0 ] && [ "$(state)" = a ] && cmp -s "$SC/klp-modpost/INSTALLED" "$WORK/INSTALLED-a"'
kbtree_manifest "${ROOTS[@]}" >"$WORK/installed-a"

inst b install
refused_install=$out
tap_check "b: install over a's is refused (status $rc), nothing changed" eval \
	'[ $rc != 0 ] && unchanged_since "$WORK/installed-a"'
tap_check "b: the refusal names a's checkout and modpost" eval \
	'has "$out" "was installed by another checkout, $A" && has "$out" "its modpost: $BIN_A (sha256 $sum_a)"'
tap_check "b: the refusal gives the exact commands: uninstall from a, or install FORCE=1 from b" eval \
	'has "$out" "make -C $A uninstall KDIR=$KC" && has "$out" "make -C $B KDIR=$KC install FORCE=1"'
inst b uninstall
tap_check "b: uninstall of a's is refused (status $rc), with the commands, nothing changed" eval \
	'[ $rc != 0 ] && unchanged_since "$WORK/installed-a" && has "$out" "was installed by another checkout, $A" &&
	 has "$out" "make -C $A uninstall KDIR=$KC" && has "$out" "make -C $B KDIR=$KC uninstall FORCE=1"'

# the refused command, as printed, works
cmd=$(sed -n 's/^  Or install anyway, from here: //p' "$refused_install")
rc=0
(cd / && clean_env bash -c "$cmd") >"$LOG/b-force.log" 2>&1 || rc=$?
tap_check "b: the printed FORCE=1 command takes the installation over (status $rc), and says so" eval \
	'[ $rc = 0 ] && [ "$(state)" = b ] && has "$LOG/b-force.log" "forced: the installation of another checkout, $A is taken over"'
inst a uninstall
tap_check "a: uninstall of b's is refused now (status $rc)" eval '[ $rc != 0 ] && [ "$(state)" = b ]'
inst a install FORCE=1
tap_check "a: make install FORCE=1 takes it back (status $rc)" eval '[ $rc = 0 ] && [ "$(state)" = a ]'

# an INSTALLED from before owners were recorded: its source line names it
sed -i '/^owner: /d' "$SC/klp-modpost/INSTALLED"
inst b install
tap_check "an installation without owner line belongs to the checkout of its source line (b refused: $rc)" eval \
	'[ $rc != 0 ] && has "$out" "was installed by another checkout, $A"'
inst a install
tap_check "... and a updates it, owner line written (status $rc)" eval '[ $rc = 0 ] && [ "$(state)" = a ]'
# an interrupted installation that names no owner: nobody's without FORCE=1
mv "$SC/klp-modpost/INSTALLED" "$WORK/INSTALLED-moved"
inst a install
tap_check "an installation that names no owner: install refused (status $rc), FORCE=1 suggested" eval \
	'[ $rc != 0 ] && has "$out" "a checkout that $SC/klp-modpost/INSTALLED does not name" && has "$out" "install FORCE=1"'
inst a install FORCE=1
tap_check "... FORCE=1 installs it again, owner named (status $rc)" eval '[ $rc = 0 ] && [ "$(state)" = a ]'

inst b uninstall FORCE=1
tap_check "b: make uninstall FORCE=1 (status $rc) removes a's installation" eval '[ $rc = 0 ] && [ "$(state)" = none ]'
tap_check "... every file as before" unchanged_since "$WORK/before"
inst a uninstall
tap_check "a: uninstall then says: not installed (status $rc)" eval '[ $rc = 0 ] && has "$out" "klp-modpost is not installed in $SC"'

# =============================================================================
# 2. the lock (the directory S itself)
# =============================================================================
flock -x "$SC" sleep 4 &
holder=$!
sleep 0.5
t0=$SECONDS
rc=0
KLP_INSTALL_LOCK_TIMEOUT=1 clean_env make -C "$A" KDIR="$KC" install >"$LOG/lock-timeout.log" 2>&1 || rc=$?
tap_check "lock held: install with KLP_INSTALL_LOCK_TIMEOUT=1 gives up (status $rc), says why, changes nothing" eval \
	'[ $rc != 0 ] && has "$LOG/lock-timeout.log" "$SC is still locked by another make install/uninstall after 1s; nothing changed" &&
	 unchanged_since "$WORK/before"'
rc=0
clean_env make -C "$A" KDIR="$KC" install >"$LOG/lock-wait.log" 2>&1 || rc=$?
waited=$((SECONDS - t0))
wait "$holder" || true
tap_check "lock held: install waits for it (${waited}s), then installs (status $rc)" eval \
	'[ $rc = 0 ] && [ $waited -ge 2 ] && has "$LOG/lock-wait.log" "waiting (up to 60s)" && [ "$(state)" = a ]'
inst a uninstall
tap_check "the lock leaves nothing behind" unchanged_since "$WORK/before"

# =============================================================================
# 3. interleavings, made to happen
# =============================================================================
mkdir -p "$WORK/mods" "$WORK/m"
cp "$TOP/selftests/klp/cases/lp-common.h" "$WORK/m/"
cp -r "$TOP/selftests/klp/cases/vmlinux-unique" "$WORK/m/lp"
cp -r "$TOP/selftests/integration/annotated" "$WORK/m/ann"
cp -r "$TOP/selftests/integration/plain" "$WORK/m/plain"
LP=$WORK/m/lp
ANN=$WORK/m/ann
PLAIN=$WORK/m/plain
# KLP_MODULES_DIR: an empty directory (the cases patch vmlinux only)
kvars=(KLP_INCLUDE="$TOP/include" SELFTEST_INCLUDE="$TOP/selftests/lib/include" KLP_MODULES_DIR="$WORK/mods")
kmake() { # DIR ARGS...
	local dir=$1
	shift
	clean_env make -C "$KC" M="$dir" "${kvars[@]}" "$@"
}
ko_of() { { ls "$1"/*.ko 2>/dev/null || true; } | head -1; }
converted() { [ -n "$1" ] && "$MODPOST" --klp-check "$1" >/dev/null 2>&1; }
GUARD_MSG="its .mod.c comes from the klp-modpost installed in this kbuild, whose post-link step this link does not run"

# ld, held at the final link of a module while $WORK/gate exists
cat >"$WORK/gate-ld" <<EOF
#!/bin/sh
for a; do
	case \$a in
	*.ko)
		if [ -d "$WORK/gate" ]; then
			: >"$WORK/gate/at-link"
			while [ ! -e "$WORK/gate/open" ]; do sleep 0.05; done
		fi ;;
	esac
done
exec ld "\$@"
EOF
chmod +x "$WORK/gate-ld"
# held_build DIR LOG: a build of DIR, held at its link; returns once there
held_build() {
	rm -rf "$WORK/gate"
	mkdir "$WORK/gate"
	kmake "$1" LD="$WORK/gate-ld" modules >"$2" 2>&1 &
	held_pid=$!
	local i
	for ((i = 0; i < 600; i++)); do
		[ -e "$WORK/gate/at-link" ] && return 0
		kill -0 $held_pid 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
release_build() { # -> rc
	: >"$WORK/gate/open"
	rc=0
	wait "$held_pid" || rc=$?
	rm -rf "$WORK/gate"
}

# (1) the installed modpost, then the stock link: the guard
inst a install
kmake "$LP" clean >/dev/null 2>&1
kmake "$LP" KBUILD_MODPOST_NOFINAL=1 modules >"$LOG/i1-modpost.log" 2>&1 || true
tap_check "installed modpost: the livepatch .mod.c has the record and the guard" eval \
	'grep -q "^#ifndef KLP_MODPOST_POSTLINK" "$LP"/*.mod.c && has "$(ls "$LP"/*.mod.c)" "__klp_modpost_record"'
inst a uninstall
rc=0
kmake "$LP" modules >"$LOG/i1-link.log" 2>&1 || rc=$?
tap_check "installed modpost, then uninstall, then the stock link: make fails (status $rc) at the guard, no .ko" eval \
	'[ $rc != 0 ] && has "$LOG/i1-link.log" "#error" && has "$LOG/i1-link.log" "$GUARD_MSG" && [ -z "$(ko_of "$LP")" ]'
rc=0
kmake "$LP" modules >"$LOG/i1-again.log" 2>&1 || rc=$?
tap_check "... and again (status $rc) until make clean, never an unconverted .ko" eval \
	'[ $rc != 0 ] && has "$LOG/i1-again.log" "$GUARD_MSG" && [ -z "$(ko_of "$LP")" ]'
kmake "$LP" clean >/dev/null 2>&1
rc=0
kmake "$LP" modules >"$LOG/i1-clean.log" 2>&1 || rc=$?
tap_check "... after make clean: the stock modpost's own error (status $rc), no .ko" eval \
	'[ $rc != 0 ] && has "$LOG/i1-clean.log" "undefined!" && [ -z "$(ko_of "$LP")" ]'

# (2) our Makefile.modfinal read, the step's files removed before the link
inst a install
kmake "$LP" clean >/dev/null 2>&1
if held_build "$LP" "$LOG/i2.log"; then
	inst a uninstall
	release_build
	tap_check "link under way, uninstall: make fails (status $rc), the .ko deleted" eval \
		'[ $rc != 0 ] && has "$LOG/i2.log" "klp-postlink.sh" && [ -z "$(ko_of "$LP")" ]'
else
	tap_fail "link under way, uninstall" "the build did not reach its link: $(tail -3 "$LOG/i2.log" | tr '\n' ';')"
fi

# (3) taken over by the other checkout while the link runs
inst a install
kmake "$LP" clean >/dev/null 2>&1
if held_build "$LP" "$LOG/i3.log"; then
	inst b install FORCE=1
	release_build
	tap_check "link under way, b takes over (FORCE=1): built (status $rc) and converted by b's step" eval \
		'[ $rc = 0 ] && converted "$(ko_of "$LP")" && has "$LOG/i3.log" "KLP [M]"'
else
	tap_fail "link under way, b takes over" "the build did not reach its link"
fi

# (4) removed and installed again while the link runs
kmake "$LP" clean >/dev/null 2>&1
if held_build "$LP" "$LOG/i4.log"; then
	inst b uninstall
	inst a install
	release_build
	tap_check "link under way, uninstall and install again: built (status $rc) and converted" eval \
		'[ $rc = 0 ] && converted "$(ko_of "$LP")"'
else
	tap_fail "link under way, uninstall and install again" "the build did not reach its link"
fi

# (5) a user's own link command: no post-link step, so the guard
kmake "$LP" clean >/dev/null 2>&1
rc=0
kmake "$LP" 'cmd_ld_ko_o=$(LD) -r $(KBUILD_LDFLAGS) $(KBUILD_LDFLAGS_MODULE) $(LDFLAGS_MODULE) -T $(ARCH_MODULE_LDS) -o $@ $(filter %.o, $^)' \
	modules >"$LOG/i5.log" 2>&1 || rc=$?
tap_check "installed, with the user's own cmd_ld_ko_o (no step): make fails at the guard (status $rc)" eval \
	'[ $rc != 0 ] && has "$LOG/i5.log" "$GUARD_MSG" && [ -z "$(ko_of "$LP")" ]'

# (6) ordinary modules: the stock modpost, then our link (the step a no-op);
# our modpost: the same .mod.c as stock
inst a uninstall
kmake "$PLAIN" clean >/dev/null 2>&1
kmake "$PLAIN" modules >"$LOG/i6-stock.log" 2>&1 || true
mkdir -p "$WORK/plain-stock"
for f in "$PLAIN"/*.mod.c; do cp "$f" "$WORK/plain-stock/"; done
for f in "$PLAIN"/*.ko; do objcopy -R .BTF "$f" "$WORK/plain-stock/$(basename "$f")"; done
kmake "$PLAIN" clean >/dev/null 2>&1
kmake "$PLAIN" KBUILD_MODPOST_NOFINAL=1 modules >"$LOG/i6-modpost.log" 2>&1 || true
inst a install
# modpost ran before the install, in the same build: make does not run it again
touch "$PLAIN/Module.symvers"
rc=0
kmake "$PLAIN" modules >"$LOG/i6-link.log" 2>&1 || rc=$?
same_plain() {
	local f
	for f in "$WORK/plain-stock"/*.ko; do
		objcopy -R .BTF "$PLAIN/$(basename "$f")" "$WORK/cmp.ko" && cmp -s "$f" "$WORK/cmp.ko" || return 1
	done
	for f in "$WORK/plain-stock"/*.mod.c; do cmp -s "$f" "$PLAIN/$(basename "$f")" || return 1; done
}
tap_check "stock modpost, then install, then our link (status $rc): ordinary modules as stock (objcopy -R .BTF)" eval \
	'[ $rc = 0 ] && ! has "$LOG/i6-link.log" "MODPOST" && same_plain'
touch "$PLAIN"/*.c
rc=0
kmake "$PLAIN" modules >"$LOG/i6-ours.log" 2>&1 || rc=$?
tap_check "installed modpost (status $rc): the ordinary modules' .mod.c byte for byte as stock (no guard), the modules too" eval \
	'[ $rc = 0 ] && has "$LOG/i6-ours.log" "MODPOST" && same_plain && ! grep -q KLP_MODPOST_POSTLINK "$PLAIN"/*.mod.c'
inst a uninstall
tap_check "after the interleavings, uninstall: every file as before" unchanged_since "$WORK/before"

# =============================================================================
# 4. the race
# =============================================================================
tap_note "race: ${RACE_SECONDS}s, RACE_SEED=$SEED"
rm -f "$WORK/stop"
# builder NAME DIR: build DIR again and again (its source touched, its .ko
# removed first); one line per build: rc, verdict, reason
builder() {
	local name=$1 dir=$2 n=0 rc ko v why l
	while [ ! -e "$WORK/stop" ]; do
		n=$((n + 1))
		l=$LOG/race.$name.$n.log
		touch "$(ls "$dir"/*.c | grep -v '\.mod\.c$' | head -1)"
		rm -f "$dir"/*.ko
		rc=0
		kmake "$dir" modules >"$l" 2>&1 || rc=$?
		ko=$(ko_of "$dir")
		if [ $rc = 0 ]; then
			if converted "$ko"; then v=converted; else v=SILENT; fi
		elif [ -n "$ko" ] && ! converted "$ko"; then
			v=SILENT
		elif grep -q -e 'rror' "$l"; then
			v=failed
		else
			v=SILENT
		fi
		why=-
		if [ $v = failed ]; then
			if has "$l" "$GUARD_MSG"; then why=guard
			elif has "$l" "undefined!"; then why=stock-modpost
			elif grep -q 'klp-postlink.sh.*not found\|klp-postlink: .* failed' "$l"; then why=post-link-step
			elif has "$l" "klp-annotations.h: No such file"; then why=header
			elif has "$l" "kbuild.mk: No such file"; then why=kbuild.mk
			else why=other
			fi
		fi
		echo "$n $rc $v $why $l" >>"$WORK/race.$name"
	done
}
: >"$WORK/race.lp"
: >"$WORK/race.ann"
builder lp "$LP" &
pid_lp=$!
builder ann "$ANN" &
pid_ann=$!

RANDOM=$SEED
ops_ok=0
ops_bad=()
ops_concurrent=0
# expect WHO ACTION FORCE BEFORE: the state after, and whether refused
expect() {
	local who=$1 action=$2 force=$3 before=$4
	if [ "$action" = install ]; then
		if [ "$before" = none ] || [ "$before" = "$who" ] || [ -n "$force" ]; then echo "$who ok"; else echo "$before refused"; fi
	else
		if [ "$before" = none ] || [ "$before" = "$who" ] || [ -n "$force" ]; then echo "none ok"; else echo "$before refused"; fi
	fi
}
end=$((SECONDS + RACE_SECONDS))
while [ $SECONDS -lt $end ]; do
	before=$(state)
	if [ "$before" = broken ]; then
		ops_bad+=("state broken before an operation")
		break
	fi
	if [ $((RANDOM % 6)) = 0 ] && [ "$before" != b ]; then
		# both at once: a installs, b uninstalls with FORCE=1; the lock
		# puts them in some order, both succeed
		rc_a=0 rc_b=0
		clean_env make -C "$A" KDIR="$KC" install >"$LOG/race.both.a.$ops_concurrent.log" 2>&1 &
		pa=$!
		clean_env make -C "$B" KDIR="$KC" uninstall FORCE=1 >"$LOG/race.both.b.$ops_concurrent.log" 2>&1 &
		pb=$!
		wait $pa || rc_a=$?
		wait $pb || rc_b=$?
		after=$(state)
		ops_concurrent=$((ops_concurrent + 1))
		if [ $rc_a = 0 ] && [ $rc_b = 0 ] && { [ "$after" = a ] || [ "$after" = none ]; }; then
			ops_ok=$((ops_ok + 1))
		else
			ops_bad+=("a install + b uninstall FORCE=1 at once from $before: status $rc_a, $rc_b, state $after")
		fi
	else
		who=a
		[ $((RANDOM % 2)) = 0 ] && who=b
		action=install
		[ $((RANDOM % 2)) = 0 ] && action=uninstall
		force=
		[ $((RANDOM % 3)) = 0 ] && force=FORCE=1
		read -r want verdict < <(expect "$who" "$action" "$force" "$before")
		inst "$who" "$action" ${force:+"$force"}
		after=$(state)
		if [ "$verdict" = refused ]; then
			if [ $rc != 0 ] && [ "$after" = "$before" ] && has "$out" "was installed by another checkout, $(checkout_of "$before")" &&
			   has "$out" "FORCE=1"; then
				ops_ok=$((ops_ok + 1))
			else
				ops_bad+=("$who $action $force from $before: want refused, got status $rc, state $after ($out)")
			fi
		elif [ $rc = 0 ] && [ "$after" = "$want" ]; then
			ops_ok=$((ops_ok + 1))
		else
			ops_bad+=("$who $action $force from $before: want $want, got status $rc, state $after ($out)")
		fi
	fi
	sleep "0.$((RANDOM % 8))"
done
: >"$WORK/stop"
wait $pid_lp $pid_ann || true

tap_tally $((ops_ok + ${#ops_bad[@]})) ${#ops_bad[@]} \
	"race: each of $((ops_ok + ${#ops_bad[@]})) installs/uninstalls (a, b, FORCE=1; $ops_concurrent pairs at once) did what its state called for" \
	"${ops_bad[@]:0:5}"
for name in lp ann; do
	total=$(wc -l <"$WORK/race.$name")
	silent=$(grep -c ' SILENT ' "$WORK/race.$name" || true)
	conv=$(grep -c ' converted ' "$WORK/race.$name" || true)
	reasons=$(awk '$3 == "failed" { n[$4]++ } END { for (r in n) s = s (s ? ", " : "") r " " n[r]; print s }' "$WORK/race.$name")
	tap_tally "$total" "$silent" \
		"race: $name: each of $total builds converted ($conv) or failed with an error (${reasons:-none}) — never an unconverted module" \
		"$(grep ' SILENT ' "$WORK/race.$name" | head -3)"
	tap_check "race: $name: some builds converted while the integration changed" [ "$conv" -gt 0 ]
	while read -r _ _ _ _ l; do
		tap_note "$name: failed otherwise: $(grep -m1 -i 'error' "$l" | cut -c1-160)"
	done < <(grep ' other ' "$WORK/race.$name" | head -3)
done

# =============================================================================
# 5. restored
# =============================================================================
case $(state) in
a) inst a uninstall ;;
b) inst b uninstall ;;
none) ;;
*) inst a uninstall FORCE=1 ;;
esac
tap_check "after the race, uninstall: nothing installed" eval '[ "$(state)" = none ]'
if unchanged_since "$WORK/before"; then
	tap_ok "every file of the trees as before the first install (sha256, mode, mtime, links), no lock file"
else
	tap_fail "every file of the trees as before" "$(kbtree_manifest "${ROOTS[@]}" | diff "$WORK/before" - | head -5 | tr '\n' ';')"
fi

tap_done
