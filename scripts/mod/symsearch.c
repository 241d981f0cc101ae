// SPDX-License-Identifier: GPL-2.0
/*
 * Nearest-symbol index: see symsearch.h.
 *
 * The index is one array of (section, address, symbol) keys sorted by
 * section, then address, then symbol table index, with every run of equal
 * (section, address) keys reduced to its first entry.  That reduction is
 * what makes the lowest-indexed symbol represent its address whether the
 * address is approached from below or from above.
 */
#include <elf.h>
#include <stdlib.h>

#include "log.h"
#include "xalloc.h"
#include "symsearch.h"

struct symsearch_key {
	uint64_t addr;
	unsigned int shndx;
	uint32_t sym;
};

struct symsearch {
	size_t n;
	struct symsearch_key keys[];
};

static int key_order(const void *a, const void *b)
{
	const struct symsearch_key *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->sym != y->sym)
		return x->sym < y->sym ? -1 : 1;
	return 0;
}

struct symsearch *symsearch_build(const struct elf_file *elf)
{
	struct symsearch *ss;
	size_t n = 0, kept;

	ss = xmalloc(sizeof(*ss) + (size_t)elf->nsyms * sizeof(ss->keys[0]));
	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		struct symsearch_key *k;

		if (!elf_name_is_valid(sym->name))
			continue;
		k = &ss->keys[n++];
		k->shndx = sym->shndx;
		k->addr = sym->value;
		k->sym = i;
		/* Thumb functions carry the instruction-set bit in their value */
		if (elf->machine == EM_ARM && sym->type == STT_FUNC)
			k->addr &= ~(uint64_t)1;
	}
	qsort(ss->keys, n, sizeof(ss->keys[0]), key_order);

	/* one entry per (section, address): the lowest symbol index */
	kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept && ss->keys[kept - 1].shndx == ss->keys[i].shndx &&
		    ss->keys[kept - 1].addr == ss->keys[i].addr)
			continue;
		ss->keys[kept++] = ss->keys[i];
	}
	ss->n = kept;
	return ss;
}

void symsearch_free(struct symsearch *ss)
{
	free(ss);
}

const struct elf_symbol *symsearch_nearest(const struct symsearch *ss,
					   const struct elf_file *elf,
					   unsigned int shndx, uint64_t addr,
					   bool look_above,
					   uint64_t max_distance)
{
	const struct symsearch_key *keys = ss->keys;
	const struct elf_symbol *best = NULL;
	size_t lo = 0, hi = ss->n;

	/* hi := first key beyond (shndx, addr) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (keys[mid].shndx < shndx ||
		    (keys[mid].shndx == shndx && keys[mid].addr <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}

	/* Above: only if strictly closer than what lies below (checked next). */
	if (look_above && hi < ss->n && keys[hi].shndx == shndx &&
	    keys[hi].addr - addr <= max_distance) {
		max_distance = keys[hi].addr - addr;
		best = &elf->syms[keys[hi].sym];
	}
	if (hi > 0 && keys[hi - 1].shndx == shndx &&
	    addr - keys[hi - 1].addr <= max_distance)
		best = &elf->syms[keys[hi - 1].sym];
	return best;
}
