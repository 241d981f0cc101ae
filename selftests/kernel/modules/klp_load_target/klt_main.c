// SPDX-License-Identifier: GPL-2.0
/*
 * klp_load_target: /proc/klp_load_target shows the homonyms' values, the
 * export and the line of klt_patchme(), the function the livepatches of
 * test-klp-load.sh replace.  See klt.h.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "klt.h"

noinline int klt_exported(int x)
{
	return 100 + x;
}
EXPORT_SYMBOL_GPL(klt_exported);

noinline void klt_patchme(struct seq_file *m)
{
	seq_puts(m, "orig\n");
}

static int klt_show(struct seq_file *m, void *v)
{
	seq_printf(m, "counter=%d,%d mixed=%d,%d helper=%d,%d exported=%d\n",
		   klt_a_counter(), klt_b_counter(), klt_a_mixed(), klt_b_mixed(),
		   klt_a_helper(), klt_b_helper(), klt_exported(5));
	klt_patchme(m);
	return 0;
}

static int __init klt_init(void)
{
	klt_a_init();
	if (!proc_create_single("klp_load_target", 0444, NULL, klt_show))
		return -ENOMEM;
	return 0;
}

static void __exit klt_exit(void)
{
	remove_proc_entry("klp_load_target", NULL);
}

module_init(klt_init);
module_exit(klt_exit);
MODULE_DESCRIPTION("target module of the livepatch load test");
MODULE_LICENSE("GPL");
