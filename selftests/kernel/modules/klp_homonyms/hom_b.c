// SPDX-License-Identifier: GPL-2.0
#include <linux/init.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include "hom.h"

static int hom_counter = 2222;			/* .data */
static int hom_mixed = 100;			/* .data (hom_a.c's is .bss) */
static const char hom_table[16] = "hom_b table";	/* .rodata */
static int hom_initdata = 6;			/* .data (hom_a.c's is __initdata) */
static int hom_ro_after __ro_after_init = 32;	/* .data..ro_after_init */

static HOM_NOINLINE int hom_helper(int x)
{
	hom_counter -= x;
	return hom_counter * 5 + hom_table[x & 7];
}

static HOM_NOINLINE int hom_setup(int x)		/* .text (hom_a.c's is __init) */
{
	hom_initdata += x;
	return hom_initdata;
}

static HOM_NOINLINE int hom_shared(int x)		/* static; hom_a.c's is global */
{
	return x * 7 + hom_ro_after;
}

int hom_b_use(int x)
{
	hom_mixed -= x;
	return hom_helper(x) + hom_mixed + hom_setup(x) + hom_shared(x);
}

int __init hom_b_init(void)
{
	hom_ro_after += hom_setup(2);
	return 0;
}
