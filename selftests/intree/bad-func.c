// SPDX-License-Identifier: GPL-2.0
/*
 * A test module of selftests/intree/run.sh, put into the tree only for the
 * step that must fail: it replaces a vmlinux function that does not exist.
 * modpost's pass over vmlinux.o leaves struct klp_func entries for vmlinux
 * to the post-link step, which must refuse this one against the final
 * vmlinux, as klp_enable_patch() would.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

static void bad_func_replacement(void)
{
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_suite_no_such_function", .new_func = bad_func_replacement },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int bad_func_init(void)
{
	return klp_enable_patch(&patch);
}

module_init(bad_func_init);
MODULE_DESCRIPTION("selftests/intree: a klp_func for a vmlinux function that does not exist");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
