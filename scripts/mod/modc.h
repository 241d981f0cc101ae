/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generated <module>.mod.c (and, in-tree, .vmlinux.export.c), written
 * in one order of blocks (modc.c).  What differs between kernels is data,
 * the profile's struct modc_layout (scripts/mod/profiles/<series>/modc.c).
 */
#ifndef MODPOST_MODC_H
#define MODPOST_MODC_H

#include "modpost.h"

/*
 * A kernel's layout:
 *
 *	head, __this_module, intree/staging/test (with after_intree between
 *	intree and staging), KSYMTAB lines when @ksymtab, CRCs, then the
 *	blocks of modc_finish_mod_c()
 */
struct modc_layout {
	const char *head;		/* everything before struct module */
	const char *after_intree;	/* NULL: nothing */
	bool ksymtab;			/* exports come from .export_symbol */
};

/* <module>.mod.c and, in-tree, .vmlinux.export.c in kprofile.mod_c's layout */
void write_mod_c_file(struct module *mod);
void write_vmlinux_export_c_file(struct module *mod);

#endif
