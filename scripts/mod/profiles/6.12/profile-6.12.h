/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of the Linux 6.12 profile that only it has; the parts every
 * profile has are declared in profile-parts.h.
 */
#ifndef MODPOST_PROFILE_6_12_H
#define MODPOST_PROFILE_6_12_H

#include "profile-parts.h"

/* exports.c: validate one .export_symbol entry and register the export */
void export_from_reloc(struct secref_check *c, const struct elf_reloc *r,
		       const struct elf_symbol *sym);

#endif
