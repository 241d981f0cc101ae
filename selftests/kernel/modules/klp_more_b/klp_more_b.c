// SPDX-License-Identifier: GPL-2.0
/*
 * klp_more_b: target module of test-klp-more.sh.
 *
 * Its statics have the same names as klp_more_a's (km_dup_value,
 * km_dup_func) and as a vmlinux static that exists twice there
 * (max_cstate: intel_idle's and processor_idle's):
 *
 *	km_dup_value    2001 (.data)     klp_more_a: 1001
 *	km_dup_func()   returns 2002     klp_more_a: returns 1002
 *	max_cstate      2003 (.data)     vmlinux: 3 and 5 with intel_idle.max_cstate=3
 *	                                 processor.max_cstate=5
 *
 * Each name is unique in this module.  /proc/klp_more_b prints
 *
 *	value=2001 func=2002 max_cstate=2003
 *	<km_b_patchme(): "orig-b-patchme" unpatched; klp_more_hom replaces it>
 *	<km_b_stacked(): "orig-b-stacked" unpatched; klp_more_s1 replaces it>
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/* replaced by the livepatches (global: their names stay as they are) */
void km_b_patchme(struct seq_file *m);
void km_b_stacked(struct seq_file *m);

static int km_dup_value __used = 2001;
static unsigned int max_cstate __used = 2003;

static noinline __used int km_dup_func(void)
{
	barrier();
	return 2002;
}

noinline void km_b_patchme(struct seq_file *m)
{
	seq_puts(m, "orig-b-patchme\n");
}

noinline void km_b_stacked(struct seq_file *m)
{
	seq_puts(m, "orig-b-stacked\n");
}

static int km_b_show(struct seq_file *m, void *v)
{
	seq_printf(m, "value=%d func=%d max_cstate=%u\n",
		   READ_ONCE(km_dup_value), km_dup_func(), READ_ONCE(max_cstate));
	km_b_patchme(m);
	km_b_stacked(m);
	return 0;
}

static int __init km_b_init(void)
{
	if (!proc_create_single("klp_more_b", 0444, NULL, km_b_show))
		return -ENOMEM;
	return 0;
}

static void __exit km_b_exit(void)
{
	remove_proc_entry("klp_more_b", NULL);
}

module_init(km_b_init);
module_exit(km_b_exit);
MODULE_DESCRIPTION("target module of the second livepatch load test (homonyms of klp_more_a and vmlinux)");
MODULE_LICENSE("GPL");
