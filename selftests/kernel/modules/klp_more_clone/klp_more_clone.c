// SPDX-License-Identifier: GPL-2.0
/*
 * klp_more_clone: vmlinux symbols whose names carry a compiler suffix
 * (test-klp-more.sh).  The names come from the header the test generates
 * from the target kernel's symbol index (`modpost --klp-dump-index`),
 * passed with -include:
 *
 *	KMC_PART         a unique "<f>.part.0" whose <f> exists too
 *	KMC_ISRA         a unique "<f>.isra.0" whose <f> exists too
 *	KMC_DUP          a ".constprop.0" clone that exists several times,
 *	KMC_DUP_POS      used at that position (address order)
 *	KMC_DATA         a unique "__func__.<n>" (a string in .rodata: the
 *	                 name of the function it belongs to)
 *
 * Replaces loadavg_proc_show; /proc/loadavg then reads
 *
 *	KLPMORE-CLONE <part>,0=<addr> <isra>,0=<addr> <dup>,<pos>=<addr> <data>,0=<addr> data=[<string>]
 *
 * and the guest compares each address with /proc/kallsyms (nokaslr).
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/klp-annotations.h>
#include <selftest-livepatch.h>

extern void lp_part(void), lp_isra(void), lp_dup(void);
extern const char lp_data[];
KLP_SYMBOL(lp_part, vmlinux, KMC_PART, 0);
KLP_SYMBOL(lp_isra, vmlinux, KMC_ISRA, 0);
KLP_SYMBOL(lp_dup, vmlinux, KMC_DUP, KMC_DUP_POS);
KLP_SYMBOL(lp_data, vmlinux, KMC_DATA, 0);

static int lp_loadavg_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "KLPMORE-CLONE %s,0=%lx %s,0=%lx %s,%d=%lx %s,0=%lx data=[%s]\n",
		   KMC_PART, (unsigned long)&lp_part,
		   KMC_ISRA, (unsigned long)&lp_isra,
		   KMC_DUP, KMC_DUP_POS, (unsigned long)&lp_dup,
		   KMC_DATA, (unsigned long)lp_data, lp_data);
	return 0;
}

static struct klp_func lp_funcs[] = {
	{ .old_name = "loadavg_proc_show", .new_func = lp_loadavg_proc_show },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .funcs = lp_funcs },	/* vmlinux */
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: compiler-suffixed vmlinux symbols");
