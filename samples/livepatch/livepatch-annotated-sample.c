// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch sample: replace cmdline_proc_show() (fs/proc/cmdline.c), the
 * function behind /proc/cmdline, with a version that also says it is
 * patched.  The replacement reads saved_command_line, which vmlinux does
 * not export: modpost resolves that reference to the kernel's own symbol
 * (object vmlinux, position 0: the name is unique there), and the build
 * turns it into a livepatch relocation that the kernel resolves when the
 * module loads.
 *
 * The annotation below is optional, since the name is unique: it shows
 * how to pin a symbol when it is not.  Build it as an external module
 * against a kernel build tree with this project's modpost:
 *
 *	make -C <this project> livepatch M=$PWD
 *
 * Then: insmod livepatch-annotated-sample.ko; cat /proc/cmdline.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include <linux/klp-annotations.h>

/* Not exported by vmlinux; resolved by modpost. */
extern char *saved_command_line;

KLP_MODULE_RELOC(vmlinux) livepatch_sample_relocs[] = {
	KLP_SYMPOS(saved_command_line, 0),
};

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s livepatch=1\n", saved_command_line);
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* name == NULL: vmlinux */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int livepatch_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_exit(void)
{
}

module_init(livepatch_init);
module_exit(livepatch_exit);
MODULE_DESCRIPTION("Livepatch sample using a non-exported vmlinux symbol");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
