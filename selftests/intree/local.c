// SPDX-License-Identifier: GPL-2.0
/*
 * A test livepatch of selftests/intree/run.sh, put into the tree for the
 * suite's builds: ramdisk_execute_command is a static variable of
 * init/main.c, the only symbol of that name, so modpost's pass records it
 * by its identity in vmlinux.o (the first local of that name, after
 * STT_FILE main.c), and the post-link step finds it in the final vmlinux.
 * Loaded, it shows the variable's value ("/init" unless rdinit= says
 * otherwise) in /proc/cmdline.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

extern char *ramdisk_execute_command;	/* static in init/main.c */

static int local_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "ramdisk_execute_command=%s\n", ramdisk_execute_command);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = local_cmdline_proc_show },
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

static int local_init(void)
{
	return klp_enable_patch(&patch);
}

static void local_exit(void)
{
}

module_init(local_init);
module_exit(local_exit);
MODULE_DESCRIPTION("selftests/intree: a static vmlinux variable, resolved by its vmlinux.o identity");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
