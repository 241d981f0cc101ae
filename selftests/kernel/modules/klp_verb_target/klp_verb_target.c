// SPDX-License-Identifier: GPL-2.0
/*
 * klp_verb_target: target module of test-klp-verbatim.sh whose statics
 * have symbol names that are not C identifiers, as the livepatch
 * maintainers' klp-convert selftests have them:
 *
 *	klp_string.12345    static char[] "klp_string.12345" (an asm name)
 *	klp_string.67890    static char[] "klp_string.67890" (an asm name)
 *	klp_string          static char[] "klp_string": the name both of them
 *	                    would have if a tool dropped their suffix
 *	kvt_reads.<N>       the function-local static "kvt_reads" of kvt_count():
 *	                    gcc appends a number (the test reads it with nm);
 *	                    counts the reads of /proc/klp_verb_target, from 500
 *
 * /proc/klp_verb_target prints
 *
 *	reads=<kvt_reads after this read's increment: 501, 502, ...>
 *	<kvt_patchme(): "orig a=klp_string.12345 b=klp_string.67890 plain=klp_string";
 *	 klp_verb_asm replaces it>
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/* replaced by klp_verb_asm (global: its name stays as it is) */
void kvt_patchme(struct seq_file *m);

static char klp_string_a[] asm("klp_string.12345") = "klp_string.12345";
static char klp_string_b[] asm("klp_string.67890") = "klp_string.67890";
static char klp_string[] = "klp_string";

static noinline int kvt_count(void)
{
	static int kvt_reads = 500;

	return ++kvt_reads;
}

noinline void kvt_patchme(struct seq_file *m)
{
	seq_printf(m, "orig a=%s b=%s plain=%s\n", klp_string_a, klp_string_b, klp_string);
}

static int kvt_show(struct seq_file *m, void *v)
{
	seq_printf(m, "reads=%d\n", kvt_count());
	kvt_patchme(m);
	return 0;
}

static int __init kvt_init(void)
{
	if (!proc_create_single("klp_verb_target", 0444, NULL, kvt_show))
		return -ENOMEM;
	return 0;
}

static void __exit kvt_exit(void)
{
	remove_proc_entry("klp_verb_target", NULL);
}

module_init(kvt_init);
module_exit(kvt_exit);
MODULE_DESCRIPTION("target module of the verbatim livepatch test (asm-named and function-local statics)");
MODULE_LICENSE("GPL");
