/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Relocations that apply to one section, sorted by offset: how the
 * livepatch reader learns what a pointer field in the module's data
 * points to (a symbol, or section + addend).
 */
#ifndef KLP_RELOCS_H
#define KLP_RELOCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elffile.h"

struct klp_reloc {
	uint64_t offset;
	int64_t addend;		/* RELA addend; for REL read from the location */
	uint32_t sym;
	uint32_t type;
};

struct klp_relocs {
	struct klp_reloc *v;
	size_t n;
};

/* Collect every REL/RELA entry whose target section is @shndx. */
void klp_relocs_collect(const struct elf_file *elf, unsigned int shndx,
			struct klp_relocs *out);
void klp_relocs_free(struct klp_relocs *r);

/* The relocation at exactly @offset, or NULL. */
const struct klp_reloc *klp_reloc_at(const struct klp_relocs *r, uint64_t offset);

/*
 * Where a relocated pointer field points: the symbol's section and
 * value + addend.  False when the symbol is not defined in a section.
 */
bool klp_reloc_target(const struct elf_file *elf, const struct klp_reloc *r,
		      unsigned int *shndx, uint64_t *offset);

#endif
