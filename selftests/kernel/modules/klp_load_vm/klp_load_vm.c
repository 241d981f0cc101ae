// SPDX-License-Identifier: GPL-2.0
/*
 * klp_load_vm: livepatch of vmlinux only (test-klp-load.sh).  Replaces
 * cmdline_proc_show(); /proc/cmdline then reads
 *
 *	KLPLOAD-VM cmdline=[<saved_command_line>] cstate=3,5 data=5 rodata=3,5 init=35
 *
 * when booted with intel_idle.max_cstate=3 processor.max_cstate=5.
 *  - saved_command_line: unique in vmlinux, not exported;
 *  - max_cstate exists twice in vmlinux: position 1 is intel_idle's,
 *    position 2 processor_idle's (address order), bound by annotations;
 *  - references from code, from data (a volatile pointer: gcc folds a
 *    plain one), from read-only data (a const table read with a volatile
 *    index) and from init code.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/klp-annotations.h>
#include <selftest-livepatch.h>

extern char *saved_command_line;
extern unsigned int lp_max_cstate_1, lp_max_cstate_2;
KLP_SYMBOL(lp_max_cstate_1, vmlinux, "max_cstate", 1);
KLP_SYMBOL(lp_max_cstate_2, vmlinux, "max_cstate", 2);

static unsigned int *volatile lp_data_ref = &lp_max_cstate_2;		/* .data */
static unsigned int *const lp_ro_refs[] = { &lp_max_cstate_1, &lp_max_cstate_2 }; /* .rodata */
static volatile int lp_ro_index;
static unsigned int lp_init_val;					/* set by init code */

static int lp_cmdline_proc_show(struct seq_file *m, void *v)
{
	int i = lp_ro_index;

	seq_printf(m, "KLPLOAD-VM cmdline=[%s] cstate=%u,%u data=%u rodata=%u,%u init=%u\n",
		   saved_command_line, lp_max_cstate_1, lp_max_cstate_2, *lp_data_ref,
		   *lp_ro_refs[i], *lp_ro_refs[i + 1], lp_init_val);
	return 0;
}

static struct klp_func lp_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = lp_cmdline_proc_show },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .funcs = lp_funcs },	/* vmlinux */
	{ }
};

SELFTEST_LIVEPATCH_INIT(lp_objs, "livepatch load test: vmlinux symbols",
		  lp_init_val = lp_max_cstate_1 * 10 + lp_max_cstate_2);
