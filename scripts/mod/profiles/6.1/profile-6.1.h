/* SPDX-License-Identifier: GPL-2.0 */
/* The parts of the Linux 6.1 profile, shared by its files. */
#ifndef MODPOST_PROFILE_6_1_H
#define MODPOST_PROFILE_6_1_H

#include "modpost.h"
#include "profile.h"
#include "secmismatch.h"

/* modc.c */
void write_mod_c_file(struct module *mod);
void write_vmlinux_export_c_file(struct module *mod);

/* secmismatch.c */
extern const struct secmismatch_profile secmismatch_6_1;

/* exports.c */
void export_from_ksymtab_symbol(struct module *mod, const struct elf_file *elf,
				const struct elf_symbol *sym, const char *name);
void exports_apply_namespaces(struct module *mod, const struct elf_file *elf);

/* rel.c: the REL reader of @machine (every machine has one) */
rel_target_fn *rel_reader_6_1(uint16_t machine);

/* devtables.c */
extern const struct devtable_registry devtables_6_1;

/* kallsyms.c */
extern const struct kallsyms_rules kallsyms_6_1;

#endif
