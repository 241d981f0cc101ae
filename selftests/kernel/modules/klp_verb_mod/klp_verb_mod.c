// SPDX-License-Identifier: GPL-2.0
/*
 * klp_verb_mod: a function of a real Debian module copied verbatim into a
 * livepatch (test-klp-verbatim.sh).
 *
 * nvram_proc_read() prints /proc/driver/nvram (the PC's CMOS memory; QEMU
 * has one) in the module nvram (drivers/char/nvram.c), which the guest
 * loads from the Debian image's /lib/modules.  Copied from the kernel's
 * drivers/char/nvram.c (identical in Linux 6.1 and 6.12; the test compares
 * each copy with the kernel source of the target series):
 *
 *	nvram_proc_read()     the patched function, with one change, marked
 *	                      "KLPVERB change": a marker line at the end
 *	pc_nvram_proc_read()  static, inlined by gcc into nvram_proc_read (the
 *	__nvram_read_byte()   Debian module has no symbol for either): the
 *	                      livepatch carries its own copies
 *
 * and what stays a reference to the module, resolved by modpost (nothing
 * is exported):
 *
 *	__nvram_check_checksum()  static, not inlined (a local 't' symbol of
 *	                          nvram.ko; its other callers share it)
 *	floppy_types, gfx_types   static const string tables ('r' symbols)
 *
 * Every line of the output depends on them: the checksum status on the
 * function, the floppy and display lines on the tables.
 */
#include <linux/module.h>
#include <linux/nvram.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/mc146818rtc.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/io.h>
#include <selftest-livepatch.h>

/* drivers/char/nvram.c */
#define NVRAM_BYTES		(128 - NVRAM_FIRST_BYTE)

/* static in drivers/char/nvram.c: the module's own copies are used */
int __nvram_check_checksum(void);
extern const char * const floppy_types[7];
extern const char * const gfx_types[4];

/* KLPVERB copy: drivers/char/nvram.c __nvram_read_byte */
static unsigned char __nvram_read_byte(int i)
{
	return CMOS_READ(NVRAM_FIRST_BYTE + i);
}
/* KLPVERB end */

/* KLPVERB copy: drivers/char/nvram.c pc_nvram_proc_read */
static void pc_nvram_proc_read(unsigned char *nvram, struct seq_file *seq,
			       void *offset)
{
	int checksum;
	int type;

	spin_lock_irq(&rtc_lock);
	checksum = __nvram_check_checksum();
	spin_unlock_irq(&rtc_lock);

	seq_printf(seq, "Checksum status: %svalid\n", checksum ? "" : "not ");

	seq_printf(seq, "# floppies     : %d\n",
	    (nvram[6] & 1) ? (nvram[6] >> 6) + 1 : 0);
	seq_printf(seq, "Floppy 0 type  : ");
	type = nvram[2] >> 4;
	if (type < ARRAY_SIZE(floppy_types))
		seq_printf(seq, "%s\n", floppy_types[type]);
	else
		seq_printf(seq, "%d (unknown)\n", type);
	seq_printf(seq, "Floppy 1 type  : ");
	type = nvram[2] & 0x0f;
	if (type < ARRAY_SIZE(floppy_types))
		seq_printf(seq, "%s\n", floppy_types[type]);
	else
		seq_printf(seq, "%d (unknown)\n", type);

	seq_printf(seq, "HD 0 type      : ");
	type = nvram[4] >> 4;
	if (type)
		seq_printf(seq, "%02x\n", type == 0x0f ? nvram[11] : type);
	else
		seq_printf(seq, "none\n");

	seq_printf(seq, "HD 1 type      : ");
	type = nvram[4] & 0x0f;
	if (type)
		seq_printf(seq, "%02x\n", type == 0x0f ? nvram[12] : type);
	else
		seq_printf(seq, "none\n");

	seq_printf(seq, "HD type 48 data: %d/%d/%d C/H/S, precomp %d, lz %d\n",
	    nvram[18] | (nvram[19] << 8),
	    nvram[20], nvram[25],
	    nvram[21] | (nvram[22] << 8), nvram[23] | (nvram[24] << 8));
	seq_printf(seq, "HD type 49 data: %d/%d/%d C/H/S, precomp %d, lz %d\n",
	    nvram[39] | (nvram[40] << 8),
	    nvram[41], nvram[46],
	    nvram[42] | (nvram[43] << 8), nvram[44] | (nvram[45] << 8));

	seq_printf(seq, "DOS base memory: %d kB\n", nvram[7] | (nvram[8] << 8));
	seq_printf(seq, "Extended memory: %d kB (configured), %d kB (tested)\n",
	    nvram[9] | (nvram[10] << 8), nvram[34] | (nvram[35] << 8));

	seq_printf(seq, "Gfx adapter    : %s\n",
	    gfx_types[(nvram[6] >> 4) & 3]);

	seq_printf(seq, "FPU            : %sinstalled\n",
	    (nvram[6] & 2) ? "" : "not ");

	return;
}
/* KLPVERB end */

/* KLPVERB copy: drivers/char/nvram.c nvram_proc_read */
static int nvram_proc_read(struct seq_file *seq, void *offset)
{
	unsigned char contents[NVRAM_BYTES];
	int i = 0;

	spin_lock_irq(&rtc_lock);
	for (i = 0; i < NVRAM_BYTES; ++i)
		contents[i] = __nvram_read_byte(i);
	spin_unlock_irq(&rtc_lock);

	pc_nvram_proc_read(contents, seq, offset);
	seq_puts(seq, "KLPVERB-MOD nvram_proc_read\n");	/* KLPVERB change */

	return 0;
}
/* KLPVERB end */

static struct klp_func lp_funcs[] = {
	{ .old_name = "nvram_proc_read", .new_func = nvram_proc_read },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .name = "nvram", .funcs = lp_funcs },
	{ }
};

SELFTEST_LIVEPATCH(lp_objs, "livepatch test: nvram_proc_read of drivers/char/nvram.c (module nvram) copied verbatim");
