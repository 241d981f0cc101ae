/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boilerplate for the livepatch test cases: each case defines the
 * replacement functions it needs and picks the objects it declares.
 *
 *	LP_NEW_CMDLINE_SHOW	replaces vmlinux's cmdline_proc_show()
 *	LP_NEW_TARGET_FUNC	replaces klp_target's klpt_exported_func()
 *	LP_FUNCS/LP_NEW		klp_func arrays for any functions
 *	LP_PATCH(LP_OBJ_VMLINUX, LP_OBJ_TARGET)
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include <linux/klp-annotations.h>

#include "selftest-livepatch.h"

#define LP_NEW_CMDLINE_SHOW(body)					\
	static int lp_cmdline_proc_show(struct seq_file *m, void *v)	\
	{ body; return 0; }						\
	static struct klp_func lp_vmlinux_funcs[] = {			\
		{ .old_name = "cmdline_proc_show",			\
		  .new_func = lp_cmdline_proc_show }, { } }

#define LP_NEW_TARGET_FUNC(body)					\
	static int lp_target_func(void) { body; }			\
	static struct klp_func lp_target_funcs[] = {			\
		{ .old_name = "klpt_exported_func",			\
		  .new_func = lp_target_func }, { } }

/* klp_func arrays of one's own: LP_FUNCS(array, { .old_name = ..., ... }, ...) */
#define LP_FUNCS(array, ...)						\
	static int lp_replacement(void) { return 0; }			\
	static struct klp_func array[] = { __VA_ARGS__, { } }
#define LP_NEW(name, ...)						\
	{ .old_name = name, .new_func = lp_replacement, __VA_ARGS__ }

#define LP_OBJ_VMLINUX	{ .funcs = lp_vmlinux_funcs }
#define LP_OBJ_TARGET	{ .name = "klp_target", .funcs = lp_target_funcs }

#define LP_PATCH(...)							\
	static struct klp_object lp_objs[] = { __VA_ARGS__, { } };	\
	SELFTEST_LIVEPATCH(lp_objs, "livepatch resolution test case")
