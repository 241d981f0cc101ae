// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int klpt_dup_counter __used = 2222;
static int klpt_dup_mixed __used = 100;	/* .data */

static noinline int klpt_dup_helper(void)
{
	return klpt_dup_counter++ - klpt_dup_mixed++;
}

/* the core homonym of target_a.c's __init klpt_init_dup() */
static noinline int klpt_init_dup(void)
{
	return 8;
}

/* a function-local static: gcc names it klpt_calls.0, as in target_c.c */
static noinline int klpt_b_count(void)
{
	static int klpt_calls = 3;

	return klpt_calls++;
}

int klpt_c_count(void);
int klpt_b_sum(void);
int klpt_b_sum(void)
{
	return klpt_dup_helper() + klpt_init_dup() + klpt_b_count() + klpt_c_count();
}

/* not traceable: a livepatch cannot replace it */
int klpt_notrace(void);
notrace noinline int klpt_notrace(void)
{
	return klpt_dup_counter;
}
