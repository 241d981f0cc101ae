/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A livepatch of one struct klp_func (test-klp-funcs.sh): each
 * klp_funcs_<case>.c says what it replaces and with what,
 *
 *	KF_LIVEPATCH(object, "old_name", old_sympos, replacement);
 *
 * (object NULL for vmlinux).  One function per livepatch, so that the
 * kernel's verdict on loading it (one pr_err of klp_find_object_symbol()
 * or klp_patch_func()) is about that function alone.
 *
 * The replacements have the prototype of what they replace and do nothing
 * harmful if the kernel does enable them: those the kernel refuses too,
 * in case it does not.
 */
#ifndef KLP_FUNCS_H
#define KLP_FUNCS_H

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>
#include <selftest-livepatch.h>

/*
 * print_cpu of kernel/time/timer_list.c, static void (struct seq_file *m,
 * int cpu, u64 now): one line per CPU in /proc/timer_list instead of the
 * CPU's hrtimer bases.  sysrq-q calls it with m NULL (printk output): say
 * nothing then.  vmlinux's other print_cpu (kernel/sched/debug.c) takes
 * (m, cpu) only: "now" is never read.
 */
static __maybe_unused void kf_print_cpu(struct seq_file *m, int cpu, u64 now)
{
	if (m)
		seq_printf(m, "KLPFUNCS print_cpu cpu=%d\n", cpu);
}

/* native_sched_clock: u64 (void); a clock that is safe in any context */
static __maybe_unused u64 kf_sched_clock(void)
{
	return ktime_get_mono_fast_ns();
}

/* klpt_dup_helper, klpt_notrace of klp_target: int (void), called at init only */
static __maybe_unused int kf_int_void(void)
{
	return 0;
}

/* for what is no function (data) or does not exist: never called */
static __maybe_unused void kf_void(void)
{
}

#define KF_LIVEPATCH(object, old, sympos, replacement)			\
	static struct klp_func kf_funcs[] = {				\
		{ .old_name = old, .new_func = replacement,		\
		  .old_sympos = sympos },				\
		{ }							\
	};								\
	static struct klp_object kf_objs[] = {				\
		{ .name = object, .funcs = kf_funcs },			\
		{ }							\
	};								\
	SELFTEST_LIVEPATCH(kf_objs, "livepatch test: one klp_func, " old)

#endif /* KLP_FUNCS_H */
