/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Body of sub1/hom_twin.c and sub2/hom_twin.c: the two copies of hom_twin
 * and hom_twin_val differ only in their position in the symbol table.
 */
#include <linux/compiler.h>
#include "hom.h"

static int hom_twin_val = 7;

static HOM_NOINLINE int hom_twin(int x)
{
	hom_twin_val ^= x;
	return hom_twin_val;
}

int HOM_TWIN_USE(int x)
{
	return hom_twin(x) + 1;
}
