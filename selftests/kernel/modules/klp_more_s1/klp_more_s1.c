// SPDX-License-Identifier: GPL-2.0
/*
 * klp_more_s1: the lower of two stacked livepatches (test-klp-more.sh).
 * Replaces km_a_stacked and km_b_stacked; /proc/klp_more_a line 3 and
 * /proc/klp_more_b line 3 then read
 *
 *	KLPMORE-S1 a value=1001
 *	KLPMORE-S1 b value=2001
 *
 * klp_more_s2, loaded later, replaces km_a_stacked again (it wins while
 * enabled); km_b_stacked stays klp_more_s1's.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/klp-annotations.h>
#include <selftest-livepatch.h>

extern int lp_a_value, lp_b_value;
KLP_SYMBOL(lp_a_value, klp_more_a, "km_dup_value", 0);
KLP_SYMBOL(lp_b_value, klp_more_b, "km_dup_value", 0);

static void lp_a_stacked(struct seq_file *m)
{
	seq_printf(m, "KLPMORE-S1 a value=%d\n", lp_a_value);
}

static void lp_b_stacked(struct seq_file *m)
{
	seq_printf(m, "KLPMORE-S1 b value=%d\n", lp_b_value);
}

static struct klp_func lp_a_funcs[] = {
	{ .old_name = "km_a_stacked", .new_func = lp_a_stacked },
	{ }
};

static struct klp_func lp_b_funcs[] = {
	{ .old_name = "km_b_stacked", .new_func = lp_b_stacked },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .name = "klp_more_a", .funcs = lp_a_funcs },
	{ .name = "klp_more_b", .funcs = lp_b_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: stacked patches, the lower one");
