#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# srcversion on real kbuild output: external modules are built against KDIR
# with the stock tools, then the stock modpost and ours are run with kbuild's
# command line on separate copies of the build directory, and the srcversion
# lines of the .mod.c files are compared (a srcversion must be there where
# one is expected, so that two programs that both fail cannot agree).  Modules:
#   - drivers/ata/pata_netcell.c of the kernel's own sources (one object,
#     MODULE_VERSION; from the linux-source package, see kbuild_source_file);
#   - a two-object module with headers beside it, in a subdirectory and
#     included from elsewhere;
#   - a module without MODULE_VERSION, run with and without -a.
#
# Environment: MODPOST (ours), KDIR, TOP.  Output: TAP (selftests/lib/tap.sh).

set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
OURS=${MODPOST:-$TOP/build/modpost}
KDIR=${KDIR:-$("$TOP/scripts/kdir.sh" default)}
# shellcheck source=../lib/tap.sh
. "$TOP/selftests/lib/tap.sh"
# shellcheck source=../lib/kbuild.sh
. "$TOP/selftests/lib/kbuild.sh"
if [ -z "$KDIR" ] || [ ! -x "$KDIR/scripts/mod/modpost" ] || [ ! -f "$KDIR/Makefile" ]; then
	tap_fail "kernel headers tree" "KDIR='$KDIR' has no scripts/mod/modpost (make deps)"
	tap_done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export_flag=$(kbuild_export_flag "$KDIR")

work=$(mktemp -d /tmp/srcversion-kbuild.XXXXXX)
trap 'rm -rf "$work"' EXIT

result() {	# result OK NAME [DETAIL]
	if [ "$1" = 1 ]; then
		tap_ok "$2${3:+ ($3)}"
	else
		tap_fail "$2${3:+ ($3)}"
	fi
}

# build DIR: kbuild with the stock tools; returns make's status
build() {
	make -s -C "$KDIR" M="$1" modules > "$1.build.log" 2>&1
}

# compare NAME DIR [EXTRA_FLAGS] [EXPECTED]: rerun modpost both ways on copies of
# DIR with kbuild's command line (plus EXTRA_FLAGS) and compare srcversions.
# EXPECTED "no srcversion": there must be none; else there must be one.
compare() {
	local name=$1 dir=$2 extra=${3:-} expected=${4:-} impl bin sv_stock= sv_ours=
	local args
	for impl in stock ours; do
		local copy=$work/$impl-$(basename "$dir")
		rm -rf "$copy"
		cp -a "$dir" "$copy"
		# kbuild writes absolute paths into these files
		sed -i "s#$dir#$copy#g" "$copy"/modules.order "$copy"/*.mod "$copy"/.*.cmd
		rm -f "$copy"/*.mod.c
		bin=$KDIR/scripts/mod/modpost
		[ $impl = ours ] && bin=$OURS
		# shellcheck disable=SC2206
		args=($export_flag -m $extra -o "$copy/Module.symvers")
		[ -f "$KDIR/Module.symvers" ] && args+=(-i Module.symvers)
		args+=(-e)
		(cd "$KDIR" && kbuild_run_modpost "$KDIR" "$bin" "$copy/modules.order" "${args[@]}") \
			> "$copy.log" 2>&1
		local sv
		sv=$(cat "$copy"/*.mod.c 2>/dev/null | grep srcversion || echo "no srcversion")
		if [ $impl = stock ]; then sv_stock=$sv; else sv_ours=$sv; fi
	done
	local ok=1
	[ "$sv_stock" = "$sv_ours" ] || ok=0
	if [ "$expected" = "no srcversion" ]; then
		[ "$sv_stock" = "$expected" ] || ok=0
	else
		case $sv_stock in *'MODULE_INFO(srcversion, "'[0-9A-F]*'");') ;; *) ok=0 ;; esac
	fi
	result $ok "$name" "stock: $sv_stock; ours: $sv_ours"
}

# --- pata_netcell ---
d=$work/netcell
mkdir -p "$d"
if src=$(kbuild_source_file "$KDIR" drivers/ata/pata_netcell.c); then
	cp "$src" "$d/"
	echo 'obj-m := pata_netcell.o' > "$d/Kbuild"
	if build "$d"; then
		compare "pata_netcell" "$d"
		compare "pata_netcell with -a" "$d" "-a"
	else
		result 0 "pata_netcell builds" "$(tail -3 "$d.build.log")"
	fi
else
	result 0 "drivers/ata/pata_netcell.c from the kernel sources" \
		"no /usr/src/linux-source-$(kbuild_series "$KDIR").tar.xz (make deps)"
fi

# --- two objects, local headers ---
d=$work/twoobj
mkdir -p "$d/sub" "$work/elsewhere"
cat > "$d/Kbuild" <<EOF
obj-m := twoobj.o
twoobj-objs := c1.o c2.o
ccflags-y := -I$work/elsewhere
EOF
cat > "$d/local.h" <<'EOF'
/* counted: same directory as the objects */
static inline int local_value(void) { return 1; }
EOF
cat > "$d/sub/deep.h" <<'EOF'
/* not counted: a subdirectory */
static inline int deep_value(void) { return 2; }
EOF
cat > "$work/elsewhere/far.h" <<'EOF'
/* not counted: another directory */
static inline int far_value(void) { return 3; }
EOF
cat > "$d/c1.c" <<'EOF'
#include <linux/module.h>
#include "local.h"
#include "sub/deep.h"
#include <far.h>

int c2_helper(void);

static int __init twoobj_init(void)
{
	pr_info("twoobj: %d \"quoted\"\n", local_value() + deep_value() + far_value() + c2_helper());
	return 0;
}
module_init(twoobj_init);

static void __exit twoobj_exit(void) { }
module_exit(twoobj_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("srcversion test: two objects");
MODULE_VERSION("2.0");
EOF
cat > "$d/c2.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include "local.h"

/* a comment that is dropped */
int c2_helper(void)
{
	return local_value() * 2;	// a comment that is kept
}
EOF
if build "$d"; then
	compare "two-object module" "$d"
	compare "two-object module with -a" "$d" "-a"
else
	result 0 "two-object module builds" "$(tail -3 "$d.build.log")"
fi

# --- no MODULE_VERSION: srcversion only with -a ---
d=$work/noversion
mkdir -p "$d"
echo 'obj-m := noversion.o' > "$d/Kbuild"
cat > "$d/noversion.c" <<'EOF'
#include <linux/module.h>
static int __init nv_init(void) { return 0; }
module_init(nv_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("srcversion test: no version");
EOF
if build "$d"; then
	compare "no MODULE_VERSION, no -a" "$d" "" "no srcversion"
	compare "no MODULE_VERSION, -a" "$d" "-a"
else
	result 0 "noversion module builds" "$(tail -3 "$d.build.log")"
fi

tap_done
