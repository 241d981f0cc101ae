/* SPDX-License-Identifier: GPL-2.0 */
/* The parts of the Linux 6.12 profile, shared by its files. */
#ifndef MODPOST_PROFILE_6_12_H
#define MODPOST_PROFILE_6_12_H

#include "modpost.h"
#include "profile.h"
#include "secmismatch.h"

/* modc.c */
void write_mod_c_file(struct module *mod);
void write_vmlinux_export_c_file(struct module *mod);

/* secmismatch.c */
extern const struct secmismatch_profile secmismatch_6_12;

/* exports.c: validate one .export_symbol entry and register the export */
void export_from_reloc(struct secref_check *c, const struct elf_reloc *r,
		       const struct elf_symbol *sym);

/* rel.c: the REL reader of @machine, or NULL */
rel_target_fn *rel_reader_6_12(uint16_t machine);

/* devtables.c */
extern const struct devtable_registry devtables_6_12;

/* kallsyms.c */
extern const struct kallsyms_rules kallsyms_6_12;

#endif
