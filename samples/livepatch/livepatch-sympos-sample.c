// SPDX-License-Identifier: GPL-2.0
/*
 * Use case 2: a name that exists more than once, resolved by annotations.
 *
 * vmlinux has two static variables named max_cstate (intel_idle's and
 * processor_idle's).  The kernel's livepatch loader counts them by address;
 * modpost shows the candidates in that order.  Here both are used, under C
 * names of our choice, one per position.  Boot with
 * "intel_idle.max_cstate=3 processor.max_cstate=5" to tell them apart.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include <linux/klp-annotations.h>

extern int intel_idle_max_cstate, processor_max_cstate;
KLP_SYMBOL(intel_idle_max_cstate, vmlinux, "max_cstate", 1);
KLP_SYMBOL(processor_max_cstate, vmlinux, "max_cstate", 2);

extern char *saved_command_line;

static int sympos_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s [max_cstate,1=%d max_cstate,2=%d]\n", saved_command_line,
		   intel_idle_max_cstate, processor_max_cstate);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = sympos_cmdline_proc_show },
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

static int sympos_sample_init(void)
{
	return klp_enable_patch(&patch);
}

static void sympos_sample_exit(void)
{
}

module_init(sympos_sample_init);
module_exit(sympos_sample_exit);
MODULE_DESCRIPTION("Livepatch sample: same-named vmlinux symbols chosen by annotations");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
