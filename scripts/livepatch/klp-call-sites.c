// SPDX-License-Identifier: GPL-2.0
/*
 * Can ftrace patch a function?  The kernel's livepatch core redirects a
 * function through its ftrace call site (the __fentry__/mcount call the
 * compiler puts at its start), so a function without one (notrace,
 * noinstr, or a function ftrace was never told about) cannot be patched:
 * klp_enable_patch() fails on it.  The call sites are the object's
 * __mcount_loc table:
 *
 *  - vmlinux: the addresses between __start_mcount_loc and
 *    __stop_mcount_loc (in .init.data of the linked image);
 *  - a module: its __mcount_loc section, one relocated pointer per call
 *    site (section symbol or function + addend).
 *
 * The index (klp-index.h) marks every function with the result.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "elffile.h"
#include "lib.h"	/* not "xalloc.h": in a kernel tree, scripts/include has one */

static int u64_order(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void sites_add(struct klp_call_sites *s, uint64_t at)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = at;
}

static void sites_sort(struct klp_call_sites *s)
{
	if (s->n > 1)	/* qsort() must not see the NULL of an empty list */
		qsort(s->v, s->n, sizeof(*s->v), u64_order);
}

void klp_call_sites_free(struct klp_call_sites *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The section of a linked image that holds [@start, @end) in its file data. */
static const struct elf_section *section_holding(const struct elf_file *elf,
						 uint64_t start, uint64_t end)
{
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		if (s->data && (s->flags & SHF_ALLOC) && start >= s->addr &&
		    end <= s->addr + s->size)
			return s;
	}
	return NULL;
}

bool klp_call_sites_vmlinux(const struct elf_file *elf, struct klp_call_sites *out)
{
	uint64_t start = 0, stop = 0;
	unsigned int ptr = elf_addr_size(elf);
	const struct elf_section *sec;

	memset(out, 0, sizeof(*out));
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];

		if (strcmp(sym->name, "__start_mcount_loc") == 0)
			start = sym->value;
		else if (strcmp(sym->name, "__stop_mcount_loc") == 0)
			stop = sym->value;
	}
	if (!start || stop < start || (stop - start) % ptr)
		return false;
	sec = section_holding(elf, start, stop);
	if (!sec)
		return false;
	for (uint64_t at = start; at < stop; at += ptr) {
		const unsigned char *p = sec->data + (at - sec->addr);

		sites_add(out, ptr == 8 ? elf_get64(elf, p) : elf_get32(elf, p));
	}
	sites_sort(out);
	out->known = true;
	return true;
}

struct klp_call_sites *klp_call_sites_module(const struct elf_file *elf)
{
	struct klp_call_sites *per_section = xcalloc(elf->nsections, sizeof(*per_section));
	const struct elf_section *rs;
	struct elf_reloc r;
	bool any = false;

	for_each_reloc_sec(elf, rs) {
		const struct elf_section *target = elf_section(elf, rs->info);

		if (!target || strcmp(target->name, "__mcount_loc") != 0)
			continue;
		any = true;
		for_each_reloc(elf, rs, k, &r) {
			const struct elf_symbol *sym = &elf->syms[r.sym];

			if (sym->shndx && sym->shndx < elf->nsections)
				sites_add(&per_section[sym->shndx], sym->value + (uint64_t)r.addend);
		}
	}
	for (unsigned int i = 0; i < elf->nsections; i++) {
		per_section[i].known = any;
		sites_sort(&per_section[i]);
	}
	return per_section;
}

void klp_call_sites_module_free(struct klp_call_sites *per_section, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		klp_call_sites_free(&per_section[i]);
	free(per_section);
}

enum klp_ftrace klp_call_sites_judge(const struct klp_call_sites *s, uint64_t start,
				     uint64_t size)
{
	size_t lo = 0, hi = s->n;

	if (!s->known)
		return KLP_FTRACE_UNKNOWN;
	/* the first site at or after @start */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid] < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* a function of unknown size (assembly) may still start with one */
	if (lo < s->n && s->v[lo] - start < (size ? size : 1))
		return KLP_FTRACE_CALL_SITE;
	return KLP_FTRACE_NO_CALL_SITE;
}
