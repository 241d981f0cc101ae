// SPDX-License-Identifier: GPL-2.0
#include <linux/init.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include "hom.h"

static int hom_counter = 1111;			/* .data */
static int hom_mixed;				/* .bss */
static const char hom_table[16] = "hom_a table";	/* .rodata */
static int hom_initdata __initdata = 5;		/* .init.data */
static int hom_ro_after __ro_after_init = 31;	/* .data..ro_after_init */

static HOM_NOINLINE int hom_helper(int x)
{
	hom_counter += x;
	return hom_counter * 3 + hom_table[x & 7];
}

static HOM_NOINLINE int __init hom_setup(int x)	/* .init.text */
{
	hom_initdata += x;
	return hom_initdata;
}

int hom_shared(int x);
int hom_shared(int x)				/* global; a static one in hom_b.c */
{
	return x + hom_ro_after;
}

int hom_a_use(int x)
{
	hom_mixed += x;
	return hom_helper(x) + hom_mixed;
}

int __init hom_a_init(void)
{
	hom_ro_after += hom_setup(1);
	return 0;
}
