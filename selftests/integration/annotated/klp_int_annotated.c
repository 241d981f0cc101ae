// SPDX-License-Identifier: GPL-2.0
/*
 * Both annotation styles, with the header found through the kbuild
 * integration only (see Kbuild): vmlinux's two max_cstate, one by
 * declaration, one by array.  Stand-alone on purpose: every other test
 * livepatch gets its boilerplate through ccflags-y.
 *
 * The functions under #ifdef prove that a user's own CFLAGS_MODULE and
 * KCFLAGS still reach the compiler next to the integration's flags.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include <linux/klp-annotations.h>

extern int klp_int_max_cstate_1;
KLP_SYMBOL(klp_int_max_cstate_1, vmlinux, "max_cstate", 1);

extern int max_cstate;
KLP_MODULE_RELOC(vmlinux) klp_int_relocs[] = {
	KLP_SYMPOS(max_cstate, 2),
};

#ifdef KLP_INT_USER_CFLAGS_MODULE
int klp_int_user_cflags_module(void);
int klp_int_user_cflags_module(void) { return 1; }
#endif
#ifdef KLP_INT_USER_KCFLAGS
int klp_int_user_kcflags(void);
int klp_int_user_kcflags(void) { return 2; }
#endif

static int klp_int_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d %d\n", klp_int_max_cstate_1, max_cstate);
	return 0;
}

static struct klp_func klp_int_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = klp_int_cmdline_proc_show },
	{ }
};

static struct klp_object klp_int_objs[] = {
	{ .funcs = klp_int_funcs },
	{ }
};

static struct klp_patch klp_int_patch = {
	.mod = THIS_MODULE,
	.objs = klp_int_objs,
};

static int __init klp_int_init(void)
{
	return klp_enable_patch(&klp_int_patch);
}

static void __exit klp_int_exit(void)
{
}

module_init(klp_int_init);
module_exit(klp_int_exit);
MODULE_DESCRIPTION("annotations header without a Kbuild change");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
