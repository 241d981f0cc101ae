/* SPDX-License-Identifier: GPL-2.0 */
/* The "tag=value" entries of an object's .modinfo section. */
#ifndef MODPOST_MODINFO_H
#define MODPOST_MODINFO_H

#include "elffile.h"

/*
 * Value of the first "tag=value" entry in .modinfo (@prev NULL), or of the
 * next one after @prev; NULL when there is none.
 */
const char *modinfo_get(const struct elf_file *elf, const char *tag,
			const char *prev);

#endif /* MODPOST_MODINFO_H */
