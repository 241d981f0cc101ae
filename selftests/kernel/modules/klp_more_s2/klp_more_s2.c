// SPDX-License-Identifier: GPL-2.0
/*
 * klp_more_s2: the upper of two stacked livepatches (test-klp-more.sh).
 * Replaces km_a_stacked, which klp_more_s1 replaces too; while both are
 * enabled the newest wins.  /proc/klp_more_a line 3 then reads
 *
 *	KLPMORE-S2 a func=1002
 *
 * km_dup_func exists in klp_more_a and klp_more_b, but this patch declares
 * only klp_more_a (and vmlinux has no such name), so a plain declaration
 * is unambiguous: modpost must bind it to klp_more_a without an annotation.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <selftest-livepatch.h>
#include <linux/seq_file.h>

extern int km_dup_func(void);

static void lp_a_stacked(struct seq_file *m)
{
	seq_printf(m, "KLPMORE-S2 a func=%d\n", km_dup_func());
}

static struct klp_func lp_funcs[] = {
	{ .old_name = "km_a_stacked", .new_func = lp_a_stacked },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .name = "klp_more_a", .funcs = lp_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: stacked patches, the upper one");
