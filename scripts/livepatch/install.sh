#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installed kbuild integration (`make install` / `make uninstall`).
#
#   install.sh install [--force] KDIR MODPOST
#                                 make KDIR's kbuild use MODPOST (copied)
#                                 and the livepatch post-link step
#   install.sh uninstall [--force] KDIR
#                                 restore the original files
#   install.sh status KDIR        print what is installed, and by whom
#
# (`make install` / `make uninstall` at the top of the project, with
# FORCE=1 for --force.)
#
# KDIR is a kernel build tree (a Debian headers tree); the files changed
# live in its kbuild scripts directory S (Debian: the shared
# /usr/lib/linux-kbuild-<version>/scripts, which KDIR/scripts links to, so
# every headers flavour of that version is affected):
#
#   S/mod/modpost            replaced by a copy of MODPOST
#   S/Makefile.modfinal      the original plus one line at the end:
#                              include $(srctree)/scripts/klp-modpost/kbuild.mk
#   S/klp-modpost/           new: kbuild.mk, klp-postlink.sh, INSTALLED,
#                            headers (what was written outside S, below)
#
# and, in KDIR and in every other tree whose scripts/ is S (the trees that
# now use our modpost), the annotations header, so that a livepatch source
# can `#include <linux/klp-annotations.h>` with no Kbuild change:
#
#   T/include/linux/klp-annotations.h    new (T/include/linux too, if absent)
#
# T/include is the build tree's own include directory, which kbuild puts
# on every compile's include path (-I$(objtree)/include, after the
# kernel's arch and source include/ directories, before the uapi ones); on
# Debian it holds only config/ and generated/.  The name is new to the
# kernel: an existing T/include/linux/klp-annotations.h that is not ours,
# or one in the kernel's own include/linux or include/uapi/linux (T's, or
# the source tree T's Makefile includes), stops the installation, so no
# kernel header is replaced or hidden.  The file installed is
# include/linux/klp-annotations.h with the project's
# ../uapi/linux/livepatch.h written into it (self-contained): our uapi
# header is installed nowhere, so it can never be found as a kernel
# header (<uapi/linux/livepatch.h>, <linux/livepatch.h>).  Every file and
# directory created is listed in S/klp-modpost/headers, and uninstall
# removes exactly those.
#
# The originals are kept as <file>.klp-orig.  Files that belong to a Debian
# package are moved there with `dpkg-divert --local --rename`, so that a
# package upgrade writes its new version to <file>.klp-orig and does not
# overwrite ours (run `make install` again after such an upgrade to rebuild
# Makefile.modfinal from the new original); other files get <file>.klp-orig
# as a second name (a hard link) before ours is renamed over <file>, and
# uninstall renames the original back over ours.  Renaming keeps the
# original's bytes, mode and time stamps, so uninstall gives back the very
# same files.
#
# Installing again refreshes our files and never touches the saved
# originals: a file is only moved aside when no original is saved yet, and
# a file that is already ours is never taken for an original.
#
# One installation per kbuild scripts directory, with an owner: the
# checkout (the project's top directory) that installed it, recorded with
# the modpost copied (path, sha256) in S/klp-modpost/INSTALLED.  Installing
# again from the same checkout updates it in place; install and uninstall
# refuse an installation of another checkout (its builds would silently
# change modpost, its `make uninstall` would find nothing), unless forced.
# install, uninstall and status hold a lock on the directory S itself
# (flock(1); exclusive, shared for status), so that two of them never
# interleave and no lock file is left behind: a second one waits up to
# KLP_INSTALL_LOCK_TIMEOUT seconds (default 60), then gives up, having
# changed nothing.
#
# Builds running meanwhile: each file is replaced by a rename, so a build
# reads the old or the new one, never a partial file; a build that mixes
# the two states fails (see klp-record.h: the installed modpost's livepatch
# .mod.c compiles only with the installed Makefile.modfinal) instead of
# producing an unconverted livepatch module.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# the checkout: the owner of what it installs
TOP=$(cd "$SRC/../.." && pwd -P)
LOCK_TIMEOUT=${KLP_INSTALL_LOCK_TIMEOUT:-60}
MARK='klp-modpost'
INCLUDE_LINE='include $(srctree)/scripts/klp-modpost/kbuild.mk # klp-modpost: livepatch post-link step (make uninstall removes this line)'
SUFFIX=.klp-orig
# a string in our modpost binary and in no stock one: its finalize usage
MODPOST_MARK='--klp-finalize'
HEADER=include/linux/klp-annotations.h
HEADER_MARK='klp-modpost: installed by make install'
# the project's headers, next to scripts/
PROJECT_INCLUDE=$(cd "$SRC/../../include" && pwd)

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "  $*"; }

usage() {
	echo "usage: install.sh install [--force] KDIR MODPOST | uninstall [--force] KDIR | status KDIR" >&2
	exit 2
}

force=0
args=()
for a in "$@"; do
	case $a in
	--force) force=1 ;;
	*) args+=("$a") ;;
	esac
done
set -- "${args[@]}"
[ $# -ge 2 ] || usage
action=$1
kdir=$2
case $action in install) [ $# -eq 3 ] || usage ;; *) [ $# -eq 2 ] || usage ;; esac
[ $force = 0 ] || [ "$action" != status ] || usage

[ -n "$kdir" ] && [ -f "$kdir/Makefile" ] || die "KDIR='$kdir' is not a kernel build tree"
S=$(readlink -f "$kdir/scripts") && [ -d "$S" ] || die "$kdir/scripts: no such directory"
KDIR_ABS=$(cd "$kdir" && pwd)
OURDIR=$S/klp-modpost
FILES=("$S/mod/modpost" "$S/Makefile.modfinal")

# lock -x|-s: hold a lock on the directory S until this script exits.  S
# itself, not a lock file: uninstall leaves the tree as it found it.
lock() {
	command -v flock >/dev/null 2>&1 || die "flock(1) not found (util-linux)"
	exec {lock_fd}<"$S" || die "$S: cannot open it to lock it"
	flock -n "$1" "$lock_fd" && return 0
	echo "install.sh: another make install/uninstall is at work in $S; waiting (up to ${LOCK_TIMEOUT}s)" >&2
	flock -w "$LOCK_TIMEOUT" "$1" "$lock_fd" ||
		die "$S is still locked by another make install/uninstall after ${LOCK_TIMEOUT}s; nothing changed: try again when it is done"
}
if [ "$action" = status ]; then lock -s; else lock -x; fi

[ -f "$S/Makefile.modfinal" ] || die "$S/Makefile.modfinal: not found"
[ -e "$S/mod/modpost" ] || [ -e "$S/mod/modpost$SUFFIX" ] || die "$S/mod/modpost: not found"

have_dpkg() { command -v dpkg-divert >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }

# packaged FILE: does a Debian package own FILE?
packaged() { have_dpkg && dpkg-query -S "$1" >/dev/null 2>&1; }

# diversion FILE: where FILE is diverted to, if it is
diversion() {
	have_dpkg || return 0
	local t
	t=$(dpkg-divert --truename "$1")
	[ "$t" != "$1" ] && echo "$t"
	return 0
}

# saved FILE: is FILE's original saved (by us)?
saved() {
	local d
	d=$(diversion "$1")
	if [ -n "$d" ]; then
		[ "$d" = "$1$SUFFIX" ] || die "$1 is diverted to $d by someone else; not touching it"
		return 0
	fi
	[ -e "$1$SUFFIX" ]
}

# ours FILE: does FILE look like one of ours (never to be saved as original)?
ours() {
	case $1 in
	*/Makefile.modfinal) grep -qF "$MARK" "$1" 2>/dev/null ;;
	*/modpost) grep -qaF -- "$MODPOST_MARK" "$1" 2>/dev/null ;;
	*/klp-annotations.h) grep -qF -- "$HEADER_MARK" "$1" 2>/dev/null ;;
	*) return 1 ;;
	esac
}

# can_save FILE: may FILE be taken as the original?
can_save() {
	local f=$1
	if ours "$f"; then
		die "$f looks like this project's file, but no original is saved ($f$SUFFIX); reinstall the package that owns it first"
	fi
	[ ! -e "$f$SUFFIX" ] || die "$f$SUFFIX exists but is not our saved original; remove it first"
}

# save FILE: keep the original aside
save() {
	local f=$1
	can_save "$f"
	if packaged "$f"; then
		dpkg-divert --local --rename --divert "$f$SUFFIX" --add "$f" >/dev/null
		say "diverted $f -> $f$SUFFIX (dpkg-divert)"
	else
		# a second name for the same file: FILE stays in place until ours
		# is renamed over it, so a build never finds it missing
		ln "$f" "$f$SUFFIX"
		say "saved $f -> $f$SUFFIX"
	fi
}

# restore FILE: put the original back in place of ours
restore() {
	local f=$1 d
	d=$(diversion "$f")
	if [ -n "$d" ]; then
		[ "$d" = "$f$SUFFIX" ] || die "$f is diverted to $d by someone else; not touching it"
		# dpkg-divert --rename will not rename over an existing file
		rm -f "$f"
		dpkg-divert --local --rename --divert "$f$SUFFIX" --remove "$f" >/dev/null
		say "restored $f (dpkg-divert --remove)"
	elif [ -e "$f$SUFFIX" ]; then
		mv -f "$f$SUFFIX" "$f"
		say "restored $f"
	fi
}

# put SRC DEST MODE [SAVE]: write DEST atomically (unless it is already the
# same); with SAVE, DEST's original is saved first (if it is not yet), with
# the new file already written beside it
pending=
put() {
	if cmp -s "$1" "$2" && [ "$(stat -c %a "$2")" = "${3#0}" ]; then
		return 0
	fi
	pending=$(mktemp "$2.klp-new.XXXXXX")
	cat "$1" >"$pending"
	chmod "$3" "$pending"
	if [ -n "${4-}" ]; then
		saved "$2" || save "$2"
	fi
	mv -f "$pending" "$2"
	pending=
}

sharing_trees() {
	local d
	for d in /usr/src/linux-headers-*; do
		[ -f "$d/.config" ] && [ "$(readlink -f "$d/scripts" 2>/dev/null)" = "$S" ] && echo "$d"
	done
	return 0
}

# header_trees: the trees that get the header: KDIR and the sharing trees
header_trees() {
	{ readlink -f "$kdir"; sharing_trees | xargs -r readlink -f; } | awk '!seen[$0]++'
}

# gen_header OUT: include/linux/klp-annotations.h, self-contained
gen_header() {
	local inc='#include "../uapi/linux/livepatch.h"'
	awk -v inc="$inc" -v uapi="$PROJECT_INCLUDE/uapi/linux/livepatch.h" \
	    -v mark="$HEADER_MARK" -v from="$PROJECT_INCLUDE/linux/klp-annotations.h" '
		NR == 1 {
			print
			print "/*"
			print " * " mark " (make uninstall removes this file), from"
			print " * " from ","
			print " * with its " substr(inc, 11, length(inc) - 11) " written in."
			print " */"
			next
		}
		$0 == inc {
			while ((getline line < uapi) > 0)
				print line
			n++
			next
		}
		{ print }
		END { exit n == 1 ? 0 : 3 }
	' "$PROJECT_INCLUDE/linux/klp-annotations.h" >"$1" || {
		echo "install.sh: $PROJECT_INCLUDE/linux/klp-annotations.h: does not include ../uapi/linux/livepatch.h once" >&2
		return 1
	}
	if grep -q '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$1"; then
		echo "install.sh: $PROJECT_INCLUDE/linux/klp-annotations.h: a relative #include is left; the installed header must stand alone" >&2
		return 1
	fi
}

# record WHAT PATH: note a created file or directory in the headers list
record() {
	grep -qxF -- "$1 $2" "$OURDIR/headers" 2>/dev/null || echo "$1 $2" >>"$OURDIR/headers"
}

# can_put_header TREE: may the header be written into TREE?
can_put_header() {
	local f=$1/$HEADER src k
	[ -d "$1/include" ] || die "$1/include: no such directory (not a kernel build tree?)"
	if [ -e "$f" ] && ! ours "$f"; then
		die "$f exists and is not this project's; not replacing it"
	fi
	# the kernel's own sources: TREE, or the tree its Makefile includes
	# (Debian's -common, an O= build's source tree)
	src=$(sed -n '1,3s/^include \(\/.*\)\/Makefile$/\1/p' "$1/Makefile" | head -1)
	for k in "$1" $src; do
		for f in "$k/include/uapi/linux/klp-annotations.h" "$k/$HEADER"; do
			if [ -e "$f" ] && ! ours "$f"; then
				die "$f: the kernel has a klp-annotations.h of its own; not installing ours"
			fi
		done
	done
	return 0
}

# put_header TREE GENERATED
put_header() {
	local d=$1/include/linux f=$1/$HEADER
	if [ ! -d "$d" ]; then
		record dir "$d"
		mkdir -m 0755 "$d"
	fi
	record file "$f"
	put "$2" "$f" 0644
	say "installed $f (#include <linux/klp-annotations.h>)"
}

# remove_headers: what the headers list names, files first
remove_headers() {
	local what p
	[ -f "$OURDIR/headers" ] || return 0
	while read -r what p; do
		[ "$what" = file ] || continue
		if [ ! -e "$p" ]; then
			continue
		elif ours "$p"; then
			rm -f "$p"
			say "removed $p"
		else
			say "$p is not ours any more; left in place"
		fi
	done <"$OURDIR/headers"
	while read -r what p; do
		[ "$what" = dir ] && [ -d "$p" ] || continue
		if rmdir "$p" 2>/dev/null; then
			say "removed $p"
		else
			say "$p: not empty, left in place"
		fi
	done < <(tac "$OURDIR/headers")
	rm -f "$OURDIR/headers"
}

# installed: is anything of ours in S?
installed() {
	[ -d "$OURDIR" ] || saved "$S/mod/modpost" || saved "$S/Makefile.modfinal"
}

# owner: the checkout that installed what is in S; empty when unknown
owner() {
	local o
	[ -f "$OURDIR/INSTALLED" ] || return 0
	o=$(sed -n '/^owner: /{s///p;q}' "$OURDIR/INSTALLED")
	# an installation from before owners were recorded names its scripts
	[ -n "$o" ] ||
		o=$(sed -n '\|^source: \(.*\)/scripts/livepatch$|{s||\1|p;q}' "$OURDIR/INSTALLED")
	echo "$o"
}

# ours_to_change: is the installation in S this checkout's (or none)?
ours_to_change() {
	local o
	installed || return 0
	o=$(owner)
	[ -n "$o" ] && [ "$(readlink -f "$o")" = "$TOP" ]
}

# owner_desc: "another checkout, DIR", for messages
owner_desc() {
	local o
	o=$(owner)
	if [ -z "$o" ]; then
		echo "a checkout that $OURDIR/INSTALLED does not name (an interrupted installation?)"
	elif [ -d "$o" ]; then
		echo "another checkout, $o"
	else
		echo "another checkout, $o (which no longer exists)"
	fi
}

# forced ACTION: the exact command that does ACTION with --force
forced() {
	# `make install` passes its own command line (the Makefile's
	# KLP_MAKE_CMD); install.sh run by hand gets its own
	if [ -n "${KLP_MAKE_CMD:-}" ]; then
		echo "$KLP_MAKE_CMD $1 FORCE=1"
	elif [ "$1" = install ]; then
		echo "$SRC/install.sh install --force $KDIR_ABS $modpost"
	else
		echo "$SRC/install.sh uninstall --force $KDIR_ABS"
	fi
}

# check_owner ACTION: refuse to ACTION (install over, uninstall) another
# checkout's installation, unless forced (then say so in $taking_over)
taking_over=
undoing=0
check_owner() {
	local o
	# undoing our own failed first installation, whatever it got to write
	[ $undoing = 0 ] || return 0
	ours_to_change && return 0
	o=$(owner)
	if [ $force = 1 ]; then
		taking_over="  forced: the installation of $(owner_desc) is taken over"
		return 0
	fi
	{
		echo "install.sh: klp-modpost in $S was installed by $(owner_desc)"
		sed -n 's/^modpost: /  its modpost: /p' "$OURDIR/INSTALLED" 2>/dev/null || true
		echo "  This checkout is $TOP."
		if [ "$1" = install ]; then
			echo "  Installing over it would change the modpost that checkout's builds use, and its"
			echo "  'make uninstall' would refuse."
		else
			echo "  Uninstalling it would take it away from that checkout's builds."
		fi
		if [ -n "$o" ] && [ -d "$o" ]; then
			echo "  Uninstall it from there:  make -C $o uninstall KDIR=$KDIR_ABS"
		fi
		echo "  Or $1 anyway, from here: $(forced "$1")"
	} >&2
	exit 1
}

do_uninstall() {
	local f
	if ! installed; then
		echo "klp-modpost is not installed in $S"
		return 0
	fi
	check_owner uninstall
	echo "Uninstalling klp-modpost from $S"
	[ -z "$taking_over" ] || echo "$taking_over"
	# Makefile.modfinal first: from then on kbuild no longer calls our step;
	# klp-modpost/ last: a build that has read our Makefile.modfinal still
	# finds kbuild.mk and the step for as long as possible.
	for ((i = ${#FILES[@]} - 1; i >= 0; i--)); do
		f=${FILES[$i]}
		if saved "$f"; then
			restore "$f"
		elif ours "$f"; then
			die "$f is ours but its original is missing; reinstall the package that owns it"
		fi
	done
	remove_headers
	if [ -d "$OURDIR" ]; then
		rm -f "$OURDIR"/kbuild.mk "$OURDIR"/klp-postlink.sh "$OURDIR"/INSTALLED
		rmdir "$OURDIR" || die "$OURDIR: not empty, left in place"
		say "removed $OURDIR"
	fi
}

# (global: the EXIT trap removes them)
hdr=
tmp=
do_install() {
	modpost=$1
	local f t trees sum
	[ -x "$modpost" ] || die "$modpost: not an executable (build it first: make KDIR=$kdir)"
	grep -qaF -- "$MODPOST_MARK" "$modpost" || die "$modpost is not this project's modpost"
	modpost=$(readlink -f "$modpost")
	[ -w "$S" ] || die "$S is not writable (run as root)"

	# everything that can refuse, before anything changes
	check_owner install
	echo "Installing klp-modpost into $S"
	[ -z "$taking_over" ] || echo "$taking_over"
	for f in "${FILES[@]}"; do
		saved "$f" || can_save "$f"
	done
	mapfile -t trees < <(header_trees)
	for t in "${trees[@]}"; do
		can_put_header "$t"
	done
	hdr=$(mktemp)
	gen_header "$hdr" || { rm -f "$hdr"; exit 1; }
	# a first installation that fails half-way is undone
	fresh=1
	if installed; then
		fresh=0
	fi
	trap 'rm -f "$hdr" ${tmp:+"$tmp"} ${pending:+"$pending"}
	      if [ $fresh = 1 ]; then echo "install.sh: failed; undoing" >&2; undoing=1; do_uninstall >&2 || true; fi' EXIT

	# The owner first: an installation interrupted from here on (a crash,
	# kill -9) still names the checkout it belongs to.  No date in it:
	# installing again changes nothing when nothing changed.
	mkdir -p "$OURDIR"
	sum=$(sha256sum <"$modpost" | cut -d' ' -f1)
	tmp=$(mktemp)
	{
		echo "klp-modpost kbuild integration"
		echo "owner: $TOP"
		echo "modpost: $modpost (sha256 $sum)"
		echo "source: $SRC"
		echo "kernel build tree: $KDIR_ABS"
	} >"$tmp"
	put "$tmp" "$OURDIR/INSTALLED" 0644
	rm -f "$tmp"
	tmp=

	# Then what the new Makefile.modfinal includes, before it does; the
	# header before the modpost that lets its users build.  The modpost
	# before Makefile.modfinal: a build that runs in between gets our
	# modpost with the stock link, which stops at the guard of each
	# livepatch .mod.c (klp-record.h), with a message.
	put "$SRC/kbuild.mk" "$OURDIR/kbuild.mk" 0644
	put "$SRC/klp-postlink.sh" "$OURDIR/klp-postlink.sh" 0755
	for t in "${trees[@]}"; do
		put_header "$t" "$hdr"
	done
	rm -f "$hdr"

	# stand-alone copy of our modpost, in place of kbuild's
	put "$modpost" "$S/mod/modpost" 0755 save
	say "installed $S/mod/modpost (from $modpost)"

	# Makefile.modfinal: always rebuilt from the saved original
	tmp=$(mktemp)
	if saved "$S/Makefile.modfinal"; then
		cat "$S/Makefile.modfinal$SUFFIX" >"$tmp"
	else
		cat "$S/Makefile.modfinal" >"$tmp"
	fi
	printf '\n%s\n' "$INCLUDE_LINE" >>"$tmp"
	put "$tmp" "$S/Makefile.modfinal" 0644 save
	rm -f "$tmp"
	tmp=
	say "installed $S/Makefile.modfinal (original + 1 line)"
	trap - EXIT

	local names
	names=$(sharing_trees | paste -sd' ')
	echo "Done: 'make -C <tree> M=<dir>' now converts livepatch modules for ${names:-$kdir}"
	echo "Installed by this checkout, $TOP; undo with: make -C $TOP uninstall KDIR=$KDIR_ABS"
}

do_status() {
	local f what p o
	echo "kbuild scripts: $S"
	for f in "${FILES[@]}"; do
		if saved "$f"; then
			echo "  $f: ours (original: $f$SUFFIX$( [ -n "$(diversion "$f")" ] && echo ', dpkg diversion'))"
		else
			echo "  $f: original"
		fi
	done
	if [ -f "$OURDIR/headers" ]; then
		while read -r what p; do
			[ "$what" = file ] || continue
			if ours "$p"; then echo "  $p: ours"; else echo "  $p: missing or not ours"; fi
		done <"$OURDIR/headers"
	fi
	if ! installed; then
		echo "  not installed"
		return 0
	fi
	if [ -f "$OURDIR/INSTALLED" ]; then sed '/^owner: /d; s/^/  /' "$OURDIR/INSTALLED"; fi
	o=$(owner)
	if ours_to_change; then
		echo "  owner: $o (this checkout)"
	elif [ -n "$o" ]; then
		echo "  owner: $o (another checkout$( [ -d "$o" ] || echo ', which no longer exists'))"
	else
		echo "  owner: unknown ($OURDIR/INSTALLED names none)"
	fi
}

case $action in
install) do_install "$3" ;;
uninstall) do_uninstall ;;
status) do_status ;;
*) usage ;;
esac
