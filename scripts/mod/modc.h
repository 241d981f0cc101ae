/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The blocks of the generated <module>.mod.c (and, in-tree,
 * .vmlinux.export.c).  Each kernel profile arranges them in its kernel's
 * layout (scripts/mod/profiles/<series>/modc.c); every block that begins
 * with a blank line says so.
 */
#ifndef MODPOST_MODC_H
#define MODPOST_MODC_H

#include "modpost.h"

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
