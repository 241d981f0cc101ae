// SPDX-License-Identifier: GPL-2.0
/*
 * Use case 3: the name of use case 2 without an annotation.
 *
 * This module does NOT build, on purpose: max_cstate exists twice in
 * vmlinux, and modpost cannot know which one is meant.  The build stops
 * with every candidate and the annotation line to paste for each.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

extern int max_cstate;		/* which one? */

static int ambiguous_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "max_cstate=%d\n", max_cstate);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = ambiguous_cmdline_proc_show },
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

static int ambiguous_sample_init(void)
{
	return klp_enable_patch(&patch);
}

module_init(ambiguous_sample_init);
MODULE_DESCRIPTION("Livepatch sample that must not build: an ambiguous name");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
