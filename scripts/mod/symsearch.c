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
#include <stdbool.h>
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

static bool key_before(const struct symsearch_key *x, const struct symsearch_key *y)
{
	if (x->shndx != y->shndx)
		return x->shndx < y->shndx;
	if (x->addr != y->addr)
		return x->addr < y->addr;
	return x->sym < y->sym;
}

static void sift_down(struct symsearch_key *k, size_t root, size_t n)
{
	struct symsearch_key top = k[root];

	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && key_before(&k[child], &k[child + 1]))
			child++;
		if (!key_before(&top, &k[child]))
			break;
		k[root] = k[child];
	}
	k[root] = top;
}

/*
 * Heapsort, in place: qsort() is glibc's merge sort, whose scratch copy of
 * the array (3 MB for vmlinux.o of x86_64_defconfig) raised the peak RSS
 * of a kernel build's modpost above the stock one's.  The keys are unique
 * (each symbol is one), so stability does not matter.
 */
static void sort_keys(struct symsearch_key *k, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(k, i, n);
	for (size_t end = n; end-- > 1;) {
		struct symsearch_key t = k[0];

		k[0] = k[end];
		k[end] = t;
		sift_down(k, 0, end);
	}
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
	sort_keys(ss->keys, n);

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
