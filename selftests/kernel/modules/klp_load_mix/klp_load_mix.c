// SPDX-License-Identifier: GPL-2.0
/*
 * klp_load_mix: livepatch of vmlinux and of klp_load_target at once
 * (test-klp-load.sh).  Replaces cmdline_proc_show() and klt_patchme():
 *
 *	/proc/cmdline:                KLPLOAD-MIX cstate1=3 cmdline=[<saved_command_line>]
 *	/proc/klp_load_target line 2: KLPLOAD-MIX cstate1=3 counter2=2222 helper1=11 exported=109
 *
 * max_cstate position 1 through the array-style annotation (the C name is
 * the symbol's name), a vmlinux and two module symbols in one function
 * (so one target section gets a .klp.rela section per object), and the
 * module's export.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/klp-annotations.h>
#include <selftest-livepatch.h>

extern char *saved_command_line;
extern unsigned int max_cstate;
KLP_MODULE_RELOC(vmlinux) lp_vmlinux_relocs[] = {
	KLP_SYMPOS(max_cstate, 1),
};

extern int lp_counter_2;
extern int lp_helper_1(void);
KLP_SYMBOL(lp_counter_2, klp_load_target, "klt_dup_counter", 2);
KLP_SYMBOL(lp_helper_1, klp_load_target, "klt_dup_helper", 1);
int klt_exported(int x);

/* vmlinux symbols only: runs whether or not the target is loaded */
static int lp_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "KLPLOAD-MIX cstate1=%u cmdline=[%s]\n", max_cstate, saved_command_line);
	return 0;
}

/* vmlinux and module symbols */
static void lp_patchme(struct seq_file *m)
{
	seq_printf(m, "KLPLOAD-MIX cstate1=%u counter2=%d helper1=%d exported=%d\n",
		   max_cstate, lp_counter_2, lp_helper_1(), klt_exported(9));
}

static struct klp_func lp_vmlinux_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = lp_cmdline_proc_show },
	{ }
};

static struct klp_func lp_target_funcs[] = {
	{ .old_name = "klt_patchme", .new_func = lp_patchme },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .funcs = lp_vmlinux_funcs },
	{ .name = "klp_load_target", .funcs = lp_target_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch load test: vmlinux and module symbols in one patch");
