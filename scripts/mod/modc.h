/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generated <module>.mod.c (and, in-tree, .vmlinux.export.c): its
 * blocks, and the one order they come in.  What differs between kernels is
 * data, the profile's struct modc_layout (scripts/mod/profiles/<series>/
 * modc.c).  Every block that begins with a blank line says so.
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

/* "__visible struct module __this_module ..." up to its closing "};" */
void modc_this_module(struct buffer *b, const struct module *mod);
/* MODULE_INFO(intree, "Y") unless -e; then staging/test by module path */
void modc_intree(struct buffer *b);
void modc_staging_and_test(struct buffer *b, const struct module *mod);
/* a blank line, then KSYMTAB_FUNC/KSYMTAB_DATA(sym, "_gpl"|"", "<ns>") */
void modc_ksymtab(struct buffer *b, const struct module *mod);
/* with -m: a blank line, then SYMBOL_CRC(sym, 0x..., "_gpl"|"") */
void modc_symbol_crcs(struct buffer *b, const struct module *mod);
/* with -m: the ____versions[] table of the resolved imports */
void modc_versions(struct buffer *b, const struct module *mod);
/* MODULE_INFO(depends, "..."), always */
void modc_depends(struct buffer *b, const struct module *mod);
/* MODULE_INFO(srcversion, ...), when computed */
void modc_srcversion(struct buffer *b, const struct module *mod);

/*
 * The blocks after the exports, the same in every supported kernel:
 * __versions, depends, the device-table aliases, srcversion and (for
 * livepatch modules) the resolution record; then @b is written as
 * <module>.mod.c (if changed) and freed.
 */
void modc_finish_mod_c(struct buffer *b, struct module *mod);

#endif
