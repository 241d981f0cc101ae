// SPDX-License-Identifier: GPL-2.0
/*
 * klp_verb_asm: livepatch of klp_verb_target (test-klp-verbatim.sh) that
 * reaches the target's statics by their symbol names, dots included, with
 * plain asm-name declarations and no annotation:
 *
 *	klp_string.12345, klp_string.67890   the target's asm-named statics
 *	KVT_READS ("kvt_reads.<N>")          the function-local static of
 *	                                     kvt_count(), named by the test
 *	                                     from the target's symbol table
 *
 * The target also has a plain "klp_string": a tool that dropped the
 * suffixes would find that one (or call the names ambiguous).
 *
 * Replaces kvt_patchme() (line 2 of /proc/klp_verb_target):
 *
 *	KLPVERB-ASM a=klp_string.12345 b=klp_string.67890 reads=<kvt_reads>
 *
 * kvt_reads is read, not incremented: it must equal the "reads=" of line 1
 * of the same output.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <selftest-livepatch.h>

extern char klp_string_a[] asm("klp_string.12345");
extern char klp_string_b[] asm("klp_string.67890");
extern int lp_kvt_reads asm(KVT_READS);

static void lp_kvt_patchme(struct seq_file *m)
{
	seq_printf(m, "KLPVERB-ASM a=%s b=%s reads=%d\n",
		   klp_string_a, klp_string_b, READ_ONCE(lp_kvt_reads));
}

static struct klp_func lp_funcs[] = {
	{ .old_name = "kvt_patchme", .new_func = lp_kvt_patchme },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .name = "klp_verb_target", .funcs = lp_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: asm-named and function-local statics of klp_verb_target");
