// SPDX-License-Identifier: GPL-2.0
#include <elf.h>
#include <stdlib.h>

#include "klp-relocs.h"
#include "lib.h"

static int by_offset(const void *a, const void *b)
{
	const struct klp_reloc *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void klp_relocs_collect(const struct elf_file *elf, unsigned int shndx,
			struct klp_relocs *out)
{
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *rs = &elf->sections[i];
		size_t count;

		if ((rs->type != SHT_RELA && rs->type != SHT_REL) || rs->info != shndx)
			continue;
		count = elf_reloc_count(elf, rs);
		for (size_t k = 0; k < count; k++) {
			struct elf_reloc er;
			struct klp_reloc *r;

			elf_reloc_get(elf, rs, k, &er);
			if (out->n == cap) {
				cap = cap ? 2 * cap : 64;
				out->v = xrealloc(out->v, cap * sizeof(*out->v));
			}
			r = &out->v[out->n++];
			r->offset = er.offset;
			r->sym = er.sym;
			r->type = er.type;
			r->addend = er.addend;
			if (rs->type == SHT_REL) {
				/* REL keeps the addend in the field itself */
				const unsigned char *p = elf_section_bytes(elf, shndx, er.offset,
									   elf_addr_size(elf));

				r->addend = p ? (int64_t)elf_get_addr(elf, p) : 0;
			}
		}
	}
	qsort(out->v, out->n, sizeof(*out->v), by_offset);
}

void klp_relocs_free(struct klp_relocs *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

const struct klp_reloc *klp_reloc_at(const struct klp_relocs *r, uint64_t offset)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->v[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->v[lo].offset == offset ? &r->v[lo] : NULL;
}

bool klp_reloc_target(const struct elf_file *elf, const struct klp_reloc *r,
		      unsigned int *shndx, uint64_t *offset)
{
	const struct elf_symbol *sym = &elf->syms[r->sym];

	if (!elf_section(elf, sym->shndx))
		return false;
	*shndx = sym->shndx;
	*offset = sym->value + (uint64_t)r->addend;
	return true;
}
