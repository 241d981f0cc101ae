/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module around a test livepatch: the struct klp_patch of the
 * module's struct klp_object array, init (which enables the patch) and
 * exit.  Each livepatch of the test suites (selftests/kernel/modules/,
 * selftests/klp/cases/ through lp-common.h) writes only what it tests: its
 * replacement functions, its klp_func and klp_object arrays, and then
 *
 *	SELFTEST_LIVEPATCH(lp_objs, "what it tests");
 *
 * or, with code to run before the patch is enabled (init-time references),
 *
 *	SELFTEST_LIVEPATCH_INIT(lp_objs, "what it tests", statement);
 *
 * Kbuild: ccflags-y += -I$(SELFTEST_INCLUDE), which the suites pass to make
 * as SELFTEST_INCLUDE=<repo>/selftests/lib/include.
 */
#ifndef SELFTEST_LIVEPATCH_H
#define SELFTEST_LIVEPATCH_H

#include <linux/livepatch.h>
#include <linux/module.h>

#define SELFTEST_LIVEPATCH_INIT(object_array, description, before_enable)	\
	static struct klp_patch selftest_patch = {			\
		.mod = THIS_MODULE,					\
		.objs = object_array,					\
	};								\
	static int __init selftest_livepatch_init(void)			\
	{								\
		before_enable;						\
		return klp_enable_patch(&selftest_patch);		\
	}								\
	static void __exit selftest_livepatch_exit(void)		\
	{								\
	}								\
	module_init(selftest_livepatch_init);				\
	module_exit(selftest_livepatch_exit);				\
	MODULE_DESCRIPTION(description);				\
	MODULE_LICENSE("GPL");						\
	MODULE_INFO(livepatch, "Y")

#define SELFTEST_LIVEPATCH(object_array, description)			\
	SELFTEST_LIVEPATCH_INIT(object_array, description, (void)0)

#endif /* SELFTEST_LIVEPATCH_H */
