// SPDX-License-Identifier: GPL-2.0
/*
 * klp_load_mod: livepatch of the module klp_load_target only
 * (test-klp-load.sh).  Replaces klt_patchme(); the second line of
 * /proc/klp_load_target then reads
 *
 *	KLPLOAD-MOD counter=1111,2222 mixed=31,32 helper=11,22 exported=107 data=2222 rodata=31,32
 *
 *  - the same-named statics of klt_a.c and klt_b.c by position
 *    (klt_dup_counter: .data/.data, klt_dup_mixed: .bss/.data,
 *    klt_dup_helper: functions), bound by annotations;
 *  - klt_exported: an export of the target, which must become a livepatch
 *    relocation like the rest (no module dependency: modinfo depends empty);
 *  - references from code, data (volatile pointer) and read-only data.
 *    (None from init code: a module-specific relocation is applied when the
 *    target loads, possibly after the livepatch's init code is gone.)
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/klp-annotations.h>
#include <selftest-livepatch.h>

extern int lp_counter_1, lp_counter_2, lp_mixed_1, lp_mixed_2;
extern int lp_helper_1(void), lp_helper_2(void);
KLP_SYMBOL(lp_counter_1, klp_load_target, "klt_dup_counter", 1);
KLP_SYMBOL(lp_counter_2, klp_load_target, "klt_dup_counter", 2);
KLP_SYMBOL(lp_mixed_1, klp_load_target, "klt_dup_mixed", 1);
KLP_SYMBOL(lp_mixed_2, klp_load_target, "klt_dup_mixed", 2);
KLP_SYMBOL(lp_helper_1, klp_load_target, "klt_dup_helper", 1);
KLP_SYMBOL(lp_helper_2, klp_load_target, "klt_dup_helper", 2);

int klt_exported(int x);	/* EXPORT_SYMBOL_GPL in klp_load_target */

static int *volatile lp_data_ref = &lp_counter_2;			/* .data */
static int *const lp_ro_refs[] = { &lp_mixed_1, &lp_mixed_2 };		/* .rodata */
static volatile int lp_ro_index;

static void lp_patchme(struct seq_file *m)
{
	int i = lp_ro_index;

	seq_printf(m, "KLPLOAD-MOD counter=%d,%d mixed=%d,%d helper=%d,%d exported=%d data=%d rodata=%d,%d\n",
		   lp_counter_1, lp_counter_2, lp_mixed_1, lp_mixed_2,
		   lp_helper_1(), lp_helper_2(), klt_exported(7), *lp_data_ref,
		   *lp_ro_refs[i], *lp_ro_refs[i + 1]);
}

static struct klp_func lp_funcs[] = {
	{ .old_name = "klt_patchme", .new_func = lp_patchme },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .name = "klp_load_target", .funcs = lp_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch load test: symbols of a module");
