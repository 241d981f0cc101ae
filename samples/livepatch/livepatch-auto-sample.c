// SPDX-License-Identifier: GPL-2.0
/*
 * Use case 1: a reference that modpost resolves automatically.
 *
 * saved_command_line is not exported, but the name is unique in vmlinux:
 * no annotation is needed.  modpost finds it in the target kernel's
 * symbol table (object vmlinux, position 0) and the post-link step turns
 * the reference into a livepatch relocation.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

extern char *saved_command_line;	/* not exported by vmlinux */

static int auto_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s [livepatch-auto-sample]\n", saved_command_line);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = auto_cmdline_proc_show },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs },	/* name NULL: vmlinux */
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int auto_sample_init(void)
{
	return klp_enable_patch(&patch);
}

static void auto_sample_exit(void)
{
}

module_init(auto_sample_init);
module_exit(auto_sample_exit);
MODULE_DESCRIPTION("Livepatch sample: a non-exported symbol resolved automatically");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
