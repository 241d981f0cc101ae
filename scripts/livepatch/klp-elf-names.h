/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The livepatch ELF names and markers, read exactly as the kernel reads them
 * (kernel/livepatch/core.c, with the kernel's own vsscanf semantics):
 *
 *	section: ".klp.rela.%55[^.]"
 *	symbol:  ".klp.sym.%55[^.].%511[^,],%lu"
 */
#ifndef KLP_ELF_NAMES_H
#define KLP_ELF_NAMES_H

#include <stdbool.h>

#include "../../include/uapi/linux/livepatch.h"
#include "elffile.h"

/* The object and symbol parts of a .klp.sym name, as the kernel reads it. */
struct klp_sym_name {
	char object[KLP_OBJECT_NAME_MAX + 1];
	char name[KLP_SYMBOL_NAME_MAX + 1];
	unsigned long sympos;
};

/* sscanf(s, ".klp.sym.%55[^.].%511[^,],%lu", ...) == 3 */
bool klp_parse_sym_name(const char *s, struct klp_sym_name *out);
/*
 * sscanf(s, ".klp.rela.%55[^.]", obj) == 1.  *truncated (optional) is set
 * when the object part was cut at 55 characters (the kernel then looks for
 * an object that cannot exist).
 */
bool klp_parse_rela_name(const char *s, char object[KLP_OBJECT_NAME_MAX + 1],
			 bool *truncated);

/* Is @sec a livepatch relocation section (by flag or by name)? */
bool klp_is_klp_rela_section(const struct elf_section *sec);
/* The SHN_LIVEPATCH test on a decoded symbol. */
bool klp_sym_is_livepatch(const struct elf_symbol *sym);

#endif /* KLP_ELF_NAMES_H */
