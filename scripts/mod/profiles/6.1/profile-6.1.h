/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of the Linux 6.1 profile that only it has; the parts every
 * profile has are declared in profile-parts.h.
 */
#ifndef MODPOST_PROFILE_6_1_H
#define MODPOST_PROFILE_6_1_H

#include "profile-parts.h"

/* exports.c */
void export_from_ksymtab_symbol(struct module *mod, const struct elf_file *elf,
				const struct elf_symbol *sym, const char *name);
void exports_apply_namespaces(struct module *mod, const struct elf_file *elf);

#endif
