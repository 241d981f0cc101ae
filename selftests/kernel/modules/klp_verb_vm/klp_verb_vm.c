// SPDX-License-Identifier: GPL-2.0
/*
 * klp_verb_vm: a vmlinux function copied verbatim into a livepatch, the
 * way livepatch authors (kpatch, klp-ccp users) write one
 * (test-klp-verbatim.sh).
 *
 * show_tty_driver() prints /proc/tty/drivers.  Copied from the kernel's
 * fs/proc/proc_tty.c, function show_tty_driver() (identical in Linux 6.1
 * and 6.12; the test compares this copy with the kernel source of the
 * target series, line by line), with one change, marked "KLPVERB change":
 * a marker line before the pseudo-drivers, so the patched file is the
 * original with "KLPVERB-VM show_tty_driver" as its first line.
 *
 * What the copy uses, as in the kernel (nothing is exported):
 *
 *	show_tty_range()  static in fs/proc/proc_tty.c, called twice there and
 *	                  not inlined (a local 't' symbol of vmlinux): declared
 *	                  here, resolved by modpost to vmlinux show_tty_range
 *	tty_drivers       the list of tty drivers (drivers/tty/tty_io.c, not
 *	                  exported; declared by <linux/tty_driver.h>): resolved
 *	                  to vmlinux tty_drivers
 *
 * Only the first driver of tty_drivers gets the pseudo-driver lines (and
 * the marker): with any other list than the kernel's, they and the marker
 * disappear; with any other function than show_tty_range, the drivers'
 * lines change.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/time.h>
#include <linux/proc_fs.h>
#include <linux/stat.h>
#include <linux/tty.h>
#include <linux/seq_file.h>
#include <linux/bitops.h>
#include <selftest-livepatch.h>

/* static in fs/proc/proc_tty.c: the kernel's own copy is called */
void show_tty_range(struct seq_file *m, struct tty_driver *p,
	dev_t from, int num);

/* KLPVERB copy: fs/proc/proc_tty.c show_tty_driver */
static int show_tty_driver(struct seq_file *m, void *v)
{
	struct tty_driver *p = list_entry(v, struct tty_driver, tty_drivers);
	dev_t from = MKDEV(p->major, p->minor_start);
	dev_t to = from + p->num;

	if (&p->tty_drivers == tty_drivers.next) {
		seq_puts(m, "KLPVERB-VM show_tty_driver\n");	/* KLPVERB change */
		/* pseudo-drivers first */
		seq_printf(m, "%-20s /dev/%-8s ", "/dev/tty", "tty");
		seq_printf(m, "%3d %7d ", TTYAUX_MAJOR, 0);
		seq_puts(m, "system:/dev/tty\n");
		seq_printf(m, "%-20s /dev/%-8s ", "/dev/console", "console");
		seq_printf(m, "%3d %7d ", TTYAUX_MAJOR, 1);
		seq_puts(m, "system:console\n");
#ifdef CONFIG_UNIX98_PTYS
		seq_printf(m, "%-20s /dev/%-8s ", "/dev/ptmx", "ptmx");
		seq_printf(m, "%3d %7d ", TTYAUX_MAJOR, 2);
		seq_puts(m, "system\n");
#endif
#ifdef CONFIG_VT
		seq_printf(m, "%-20s /dev/%-8s ", "/dev/vc/0", "vc/0");
		seq_printf(m, "%3d %7d ", TTY_MAJOR, 0);
		seq_puts(m, "system:vtmaster\n");
#endif
	}

	while (MAJOR(from) < MAJOR(to)) {
		dev_t next = MKDEV(MAJOR(from)+1, 0);
		show_tty_range(m, p, from, next - from);
		from = next;
	}
	if (from != to)
		show_tty_range(m, p, from, to - from);
	return 0;
}
/* KLPVERB end */

static struct klp_func lp_funcs[] = {
	{ .old_name = "show_tty_driver", .new_func = show_tty_driver },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .funcs = lp_funcs },		/* vmlinux */
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: show_tty_driver of fs/proc/proc_tty.c copied verbatim");
