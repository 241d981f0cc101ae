# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Private copies of a Debian kernel build tree, for the suites that install
# the kbuild integration without touching the system.  Source it.
#
#   kbtree_roots KDIR         the directories a build of KDIR reads: KDIR,
#                             the tree its Makefile includes (Debian's
#                             -common) and the kbuild directory its
#                             scripts/ links to (physical paths, one a line)
#   kbtree_copy KDIR DEST     copy them under DEST (DEST/<their path>),
#                             the Makefile's include pointed into the copy
#                             (its time stamp kept); prints the copy of
#                             KDIR.  Fails when the copy's scripts/ does
#                             not lead into the copy.
#   kbtree_manifest DIR...    every file, link and directory: type, mode,
#                             time stamp and size (files), link target,
#                             sha256 (files); sorted, for cmp

kbtree_roots() {
	local k c
	k=$(readlink -f "$1")
	echo "$k"
	c=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$k/Makefile" | head -1)
	if [ -n "$c" ] && [ -d "$c" ]; then readlink -f "$c"; fi
	dirname "$(readlink -f "$k/scripts")"
}

kbtree_copy() {
	local kdir=$1 dest=$2 r kc common stamp
	while read -r r; do
		mkdir -p "$dest$(dirname "$r")"
		cp -a "$r" "$dest$r" || return 1
	done < <(kbtree_roots "$kdir")
	kc=$dest$(readlink -f "$kdir")
	common=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$kc/Makefile" | head -1)
	if [ -n "$common" ]; then
		stamp=$(stat -c %y "$kc/Makefile")
		sed -i "s|^include $common/Makefile\$|include $dest$common/Makefile|" "$kc/Makefile"
		touch -d "$stamp" "$kc/Makefile"
	fi
	[ "$(readlink -f "$kc/scripts")" = "$dest$(readlink -f "$kdir/scripts")" ] || return 1
	echo "$kc"
}

kbtree_manifest() {
	local r
	for r in "$@"; do
		find "$r" \( -type f -printf 'f %m %T@ %s %p\n' \) -o \( -type l -printf 'l %p -> %l\n' \) \
			-o \( -type d -printf 'd %m %p\n' \) -o -printf '? %p\n'
		find "$r" -type f -print0 | xargs -0 sha256sum
	done | LC_ALL=C sort
}
