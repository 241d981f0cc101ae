// SPDX-License-Identifier: GPL-2.0
/*
 * klp_more_a: target module of test-klp-more.sh.
 *
 * Its statics have the same names as klp_more_b's (km_dup_value,
 * km_dup_func) and as a vmlinux static (pause_on_oops, kernel/panic.c,
 * unique in vmlinux):
 *
 *	km_dup_value    1001 (.data)     klp_more_b: 2001
 *	km_dup_func()   returns 1002     klp_more_b: returns 2002
 *	pause_on_oops   1003 (.data)     vmlinux: the boot argument pause_on_oops=
 *
 * Each name is unique in this module.  /proc/klp_more_a prints
 *
 *	value=1001 func=1002 pause_on_oops=1003
 *	<km_a_patchme(): "orig-a-patchme" unpatched; klp_more_hom replaces it>
 *	<km_a_stacked(): "orig-a-stacked" unpatched; klp_more_s1 and klp_more_s2 replace it>
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/* replaced by the livepatches (global: their names stay as they are) */
void km_a_patchme(struct seq_file *m);
void km_a_stacked(struct seq_file *m);

static int km_dup_value __used = 1001;
static int pause_on_oops __used = 1003;

static noinline __used int km_dup_func(void)
{
	barrier();
	return 1002;
}

noinline void km_a_patchme(struct seq_file *m)
{
	seq_puts(m, "orig-a-patchme\n");
}

noinline void km_a_stacked(struct seq_file *m)
{
	seq_puts(m, "orig-a-stacked\n");
}

static int km_a_show(struct seq_file *m, void *v)
{
	seq_printf(m, "value=%d func=%d pause_on_oops=%d\n",
		   READ_ONCE(km_dup_value), km_dup_func(), READ_ONCE(pause_on_oops));
	km_a_patchme(m);
	km_a_stacked(m);
	return 0;
}

static int __init km_a_init(void)
{
	if (!proc_create_single("klp_more_a", 0444, NULL, km_a_show))
		return -ENOMEM;
	return 0;
}

static void __exit km_a_exit(void)
{
	remove_proc_entry("klp_more_a", NULL);
}

module_init(km_a_init);
module_exit(km_a_exit);
MODULE_DESCRIPTION("target module of the second livepatch load test (homonyms of klp_more_b and vmlinux)");
MODULE_LICENSE("GPL");
