// SPDX-License-Identifier: GPL-2.0
/*
 * klp_more_hom: homonyms across objects (test-klp-more.sh).  One livepatch
 * uses the same-named statics of klp_more_a and klp_more_b, and the
 * vmlinux statics of the names those modules also define, all at once,
 * each bound to its object by KLP_SYMBOL with a C name of its own:
 *
 *	km_dup_value, km_dup_func   klp_more_a (1001, 1002) and klp_more_b (2001, 2002)
 *	pause_on_oops               klp_more_a (1003) and vmlinux (unique there:
 *	                            the boot argument, 7 in the test)
 *	max_cstate                  klp_more_b (2003) and vmlinux positions 1 and 2
 *	                            (intel_idle's 3, processor_idle's 5)
 *
 * Replaces, with boot arguments pause_on_oops=7 intel_idle.max_cstate=3
 * processor.max_cstate=5:
 *
 *	version_proc_show (/proc/version):
 *	  KLPMORE-HOM vmlinux pause_on_oops=7 max_cstate=3,5
 *	km_a_patchme (/proc/klp_more_a line 2; every symbol in one function,
 *	  plus .data references to both modules' km_dup_value):
 *	  KLPMORE-HOM a=1001,1002,1003 b=2001,2002,2003 vmlinux=7,3,5 data=1001,2001
 *	km_b_patchme (/proc/klp_more_b line 2):
 *	  KLPMORE-HOM b=2001,2002,2003 a=1001,1002,1003
 *
 * With -DKLP_MORE_AMBIGUOUS it also uses a plain "extern int km_dup_value":
 * that name exists in two declared objects, so modpost must refuse it.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/klp-annotations.h>
#include <selftest-livepatch.h>

extern int lp_a_value, lp_b_value, lp_a_pause, lp_vm_pause;
extern unsigned int lp_b_max_cstate, lp_vm_max_cstate_1, lp_vm_max_cstate_2;
extern int lp_a_func(void), lp_b_func(void);
KLP_SYMBOL(lp_a_value, klp_more_a, "km_dup_value", 0);
KLP_SYMBOL(lp_b_value, klp_more_b, "km_dup_value", 0);
KLP_SYMBOL(lp_a_func, klp_more_a, "km_dup_func", 0);
KLP_SYMBOL(lp_b_func, klp_more_b, "km_dup_func", 0);
KLP_SYMBOL(lp_a_pause, klp_more_a, "pause_on_oops", 0);
KLP_SYMBOL(lp_vm_pause, vmlinux, "pause_on_oops", 0);
KLP_SYMBOL(lp_b_max_cstate, klp_more_b, "max_cstate", 0);
KLP_SYMBOL(lp_vm_max_cstate_1, vmlinux, "max_cstate", 1);
KLP_SYMBOL(lp_vm_max_cstate_2, vmlinux, "max_cstate", 2);

/* .data relocations to both modules (volatile: gcc would fold a plain one) */
static int *volatile lp_value_refs[] = { &lp_a_value, &lp_b_value };

#ifdef KLP_MORE_AMBIGUOUS
extern int km_dup_value;
static int *volatile lp_ambiguous_ref = &km_dup_value;
#endif

static int lp_version_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "KLPMORE-HOM vmlinux pause_on_oops=%d max_cstate=%u,%u\n",
		   lp_vm_pause, lp_vm_max_cstate_1, lp_vm_max_cstate_2);
	return 0;
}

static void lp_a_patchme(struct seq_file *m)
{
	seq_printf(m, "KLPMORE-HOM a=%d,%d,%d b=%d,%d,%u vmlinux=%d,%u,%u data=%d,%d\n",
		   lp_a_value, lp_a_func(), lp_a_pause,
		   lp_b_value, lp_b_func(), lp_b_max_cstate,
		   lp_vm_pause, lp_vm_max_cstate_1, lp_vm_max_cstate_2,
		   *lp_value_refs[0], *lp_value_refs[1]);
#ifdef KLP_MORE_AMBIGUOUS
	seq_printf(m, "%d\n", *lp_ambiguous_ref);
#endif
}

static void lp_b_patchme(struct seq_file *m)
{
	seq_printf(m, "KLPMORE-HOM b=%d,%d,%u a=%d,%d,%d\n",
		   lp_b_value, lp_b_func(), lp_b_max_cstate,
		   lp_a_value, lp_a_func(), lp_a_pause);
}

static struct klp_func lp_vmlinux_funcs[] = {
	{ .old_name = "version_proc_show", .new_func = lp_version_proc_show },
	{ }
};

static struct klp_func lp_a_funcs[] = {
	{ .old_name = "km_a_patchme", .new_func = lp_a_patchme },
	{ }
};

static struct klp_func lp_b_funcs[] = {
	{ .old_name = "km_b_patchme", .new_func = lp_b_patchme },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .funcs = lp_vmlinux_funcs },
	{ .name = "klp_more_a", .funcs = lp_a_funcs },
	{ .name = "klp_more_b", .funcs = lp_b_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: same-named symbols of two modules and vmlinux in one patch");
