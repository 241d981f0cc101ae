// SPDX-License-Identifier: GPL-2.0
#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/module.h>

/*
 * Homonyms of target_b.c: positions 1 here, 2 there (symbol table order).
 * __used and written at init time, so that the compiler keeps them.
 */
static int klpt_dup_counter __used = 1111;
static int klpt_dup_mixed __used;	/* .bss here, .data in target_b.c */

static noinline int klpt_dup_helper(void)
{
	return klpt_dup_counter + klpt_dup_mixed;
}

/* only here */
static int klpt_unique_static __used = 42;

/* an init-only homonym of target_b.c's klpt_init_dup() */
static noinline int __init klpt_init_dup(void)
{
	klpt_dup_mixed = 1;
	klpt_unique_static++;
	return 7;
}

DEFINE_STATIC_KEY_FALSE(klpt_key);

noinline int klpt_exported_func(void)
{
	if (static_branch_unlikely(&klpt_key))
		return -1;
	return klpt_dup_helper() + klpt_unique_static + klpt_dup_counter++;
}
EXPORT_SYMBOL_GPL(klpt_exported_func);

int klpt_b_sum(void);

static int __init klpt_init(void)
{
	return klpt_init_dup() == 7 && klpt_b_sum() > 0 ? 0 : -EINVAL;
}

static void __exit klpt_exit(void)
{
}

module_init(klpt_init);
module_exit(klpt_exit);
MODULE_DESCRIPTION("Target module for livepatch resolution tests");
MODULE_LICENSE("GPL");
