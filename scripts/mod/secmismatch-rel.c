// SPDX-License-Identifier: GPL-2.0
/*
 * Section checks: reading the field a REL relocation patches, where its
 * addend is stored (i386, ARM, MIPS).  What each kernel makes of it is the
 * profile's REL reader (scripts/mod/profiles/<series>/rel.c).
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "secmismatch.h"

/* ---- REL: the addend lives in the relocated field ---- */

const unsigned char *rel_location(const struct secref_check *c,
					 unsigned int shndx,
					 const struct elf_reloc *r, unsigned int len)
{
	const unsigned char *p = elf_section_bytes(c->elf, shndx, r->offset, len);

	if (!p)
		fatal("%s: section %s: REL relocation at offset 0x%" PRIx64
		      " needs %u bytes that are not in the section's data\n",
		      c->elf->path, elf_section_name(c->elf, shndx), r->offset,
		      len);
	return p;
}

uint32_t rel_word(const struct secref_check *c, unsigned int shndx,
			 const struct elf_reloc *r)
{
	return elf_get32(c->elf, rel_location(c, shndx, r, 4));
}

int64_t sign_extend(uint32_t v, unsigned int top)
{
	uint64_t field = v & ((UINT64_C(1) << (top + 1)) - 1);
	uint64_t sign = UINT64_C(1) << top;

	return (int64_t)(field ^ sign) - (int64_t)sign;
}

rel_target_fn *rel_machine_find(const struct rel_machine *table, size_t n,
				uint16_t machine)
{
	for (size_t i = 0; i < n; i++)
		if (table[i].machine == machine)
			return table[i].read;
	return NULL;
}
