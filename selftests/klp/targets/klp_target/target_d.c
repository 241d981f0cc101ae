// SPDX-License-Identifier: GPL-2.0
/* A function-local static of a unique name: gcc calls it klpt_once.0. */
#include <linux/compiler.h>

int klpt_d_once(void);
noinline int klpt_d_once(void)
{
	static int klpt_once = 5;

	return klpt_once++;
}
