#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# srcversion on real kbuild output: external modules are built against KDIR
# with the stock tools, then the stock modpost and ours are run with kbuild's
# command line on separate copies of the build directory, and the srcversion
# lines of the .mod.c files are compared.  Modules:
#   - pata_netcell.c (one object, MODULE_VERSION; stock: F1D169F1AD58196242EDA1F);
#   - a two-object module with headers beside it, in a subdirectory and
#     included from elsewhere;
#   - a module without MODULE_VERSION, run with and without -a.
#
# Environment: MODPOST (ours), KDIR, TOP.  Output: TAP lines.

set -u

OURS=${MODPOST:?set MODPOST to our modpost binary}
KSRC=${KSRC:-/work/ksrc/linux-source-6.12}
if [ -z "${KDIR:-}" ] || [ ! -x "$KDIR/scripts/mod/modpost" ] || [ ! -f "$KDIR/Makefile" ]; then
	echo "ok 1 # SKIP no kernel headers tree (set KDIR)"
	exit 0
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

work=$(mktemp -d /tmp/srcversion-kbuild.XXXXXX)
trap 'rm -rf "$work"' EXIT
n=0
failures=0

result() {	# result OK NAME [DETAIL]
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2${3:+ ($3)}"
	else
		failures=$((failures + 1))
		echo "not ok $n - $2${3:+ ($3)}"
	fi
}

# build DIR: kbuild with the stock tools; returns make's status
build() {
	make -s -C "$KDIR" M="$1" modules > "$1.build.log" 2>&1
}

# compare NAME DIR [EXTRA_FLAGS] [EXPECTED]: rerun modpost both ways on copies of
# DIR with kbuild's command line (plus EXTRA_FLAGS) and compare srcversions.
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
		args=(-M -m $extra -o "$copy/Module.symvers" -T "$copy/modules.order")
		[ -f "$KDIR/Module.symvers" ] && args+=(-i Module.symvers)
		args+=(-e)
		(cd "$KDIR" && "$bin" "${args[@]}") > "$copy.log" 2>&1
		local sv
		sv=$(cat "$copy"/*.mod.c 2>/dev/null | grep srcversion || echo "no srcversion")
		if [ $impl = stock ]; then sv_stock=$sv; else sv_ours=$sv; fi
	done
	local ok=1
	[ "$sv_stock" = "$sv_ours" ] || ok=0
	if [ -n "$expected" ] && [ "$sv_stock" != "$expected" ]; then ok=0; fi
	result $ok "$name" "stock: $sv_stock; ours: $sv_ours"
}

# --- pata_netcell ---
d=$work/netcell
mkdir -p "$d"
if [ -f "$KSRC/drivers/ata/pata_netcell.c" ]; then
	cp "$KSRC/drivers/ata/pata_netcell.c" "$d/"
	echo 'obj-m := pata_netcell.o' > "$d/Kbuild"
	if build "$d"; then
		compare "pata_netcell" "$d" "" 'MODULE_INFO(srcversion, "F1D169F1AD58196242EDA1F");'
		compare "pata_netcell with -a" "$d" "-a" 'MODULE_INFO(srcversion, "F1D169F1AD58196242EDA1F");'
	else
		result 0 "pata_netcell builds" "$(tail -3 "$d.build.log")"
	fi
else
	result 1 "pata_netcell # SKIP no $KSRC"
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

echo "1..$n"
[ $failures -eq 0 ]
