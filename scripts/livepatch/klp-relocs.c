// SPDX-License-Identifier: GPL-2.0
#include <elf.h>
#include <stdlib.h>

#include "klp-module.h"
#include "klp-relocs.h"
#include "klp-rules.h"
#include "lib.h"

bool klp_reloc_section_converted(const struct elf_file *elf,
				 const struct elf_section *rs)
{
	const struct elf_section *target;

	if (!elf_is_reloc_section(rs))
		return false;
	target = elf_section(elf, rs->info);
	return target && (target->flags & SHF_ALLOC) &&
	       !klp_is_annotation_section(target->name);
}

static int by_offset(const void *a, const void *b)
{
	const struct elf_reloc *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void klp_relocs_collect(const struct elf_file *elf, unsigned int shndx,
			struct klp_relocs *out)
{
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	const struct elf_section *rs;
	struct elf_reloc r;

	for_each_reloc_sec(elf, rs) {
		if (rs->info != shndx)
			continue;
		for_each_reloc(elf, rs, k, &r) {
			if (out->n == cap) {
				cap = cap ? 2 * cap : 64;
				out->v = xrealloc(out->v, cap * sizeof(*out->v));
			}
			r.addend = elf_reloc_pointer_addend(elf, rs, &r);
			out->v[out->n++] = r;
		}
	}
	if (out->n > 1)	/* qsort() must not see the NULL of an empty list */
		qsort(out->v, out->n, sizeof(*out->v), by_offset);
}

void klp_relocs_free(struct klp_relocs *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

const struct elf_reloc *klp_reloc_at(const struct klp_relocs *r, uint64_t offset)
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

bool klp_reloc_target(const struct elf_file *elf, const struct elf_reloc *r,
		      unsigned int *shndx, uint64_t *offset)
{
	const struct elf_symbol *sym = &elf->syms[r->sym];

	if (!elf_section(elf, sym->shndx))
		return false;
	*shndx = sym->shndx;
	*offset = sym->value + (uint64_t)r->addend;
	return true;
}
