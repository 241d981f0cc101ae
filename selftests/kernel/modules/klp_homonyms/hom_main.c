// SPDX-License-Identifier: GPL-2.0
/*
 * klp_homonyms: target module of the sympos cross-check; see hom.h.  The
 * parameter "use" makes every copy reachable, so that none is optimised
 * away; the sums go to hom_sink.
 */
#include <linux/module.h>
#include <linux/init.h>
#include "hom.h"

int hom_shared(int x);	/* hom_a.c (hom_b.c has a static one) */

static int use = 1;
module_param(use, int, 0444);

int hom_sink;

static int __init hom_init(void)
{
	hom_a_init();
	hom_b_init();
	hom_sink = hom_a_use(use) + hom_b_use(use) + hom_twin1_use(use) +
		   hom_twin2_use(use) + hom_shared(use);
	return 0;
}

static void __exit hom_exit(void)
{
	hom_sink += hom_a_use(use) + hom_b_use(use) + hom_twin1_use(use) +
		    hom_twin2_use(use);
}

module_init(hom_init);
module_exit(hom_exit);
MODULE_DESCRIPTION("same-named symbols for the livepatch sympos cross-check");
MODULE_LICENSE("GPL");
