/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A livepatch module's relocations: which relocation sections the
 * post-link step converts, and the relocations that apply to one section,
 * sorted by offset (how the livepatch reader learns what a pointer field
 * in the module's data points to: a symbol, or section + addend).
 */
#ifndef KLP_RELOCS_H
#define KLP_RELOCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elffile.h"

/*
 * Does the post-link step convert the relocations of section @rs?  Every
 * relocation section whose target is loaded (SHF_ALLOC) and is not
 * annotation data (build-time only).  The one rule for modpost's record
 * and for finalize.
 */
bool klp_reloc_section_converted(const struct elf_file *elf,
				 const struct elf_section *rs);

/* Relocations of one section; addends of REL entries read from the field. */
struct klp_relocs {
	struct elf_reloc *v;
	size_t n;
};

/* Collect every REL/RELA entry whose target section is @shndx. */
void klp_relocs_collect(const struct elf_file *elf, unsigned int shndx,
			struct klp_relocs *out);
void klp_relocs_free(struct klp_relocs *r);

/* The relocation at exactly @offset, or NULL. */
const struct elf_reloc *klp_reloc_at(const struct klp_relocs *r, uint64_t offset);

/*
 * Where a relocated pointer field points: the symbol's section and
 * value + addend.  False when the symbol is not defined in a section.
 */
bool klp_reloc_target(const struct elf_file *elf, const struct elf_reloc *r,
		      unsigned int *shndx, uint64_t *offset);

#endif
