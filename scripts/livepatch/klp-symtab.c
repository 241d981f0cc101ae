// SPDX-License-Identifier: GPL-2.0
/*
 * One object's symbol table in the index (struct klp_symtab): built once
 * from the list of symbols a reader found (klp_symtab_build) and never
 * changed afterwards, except for the load-order marks that the module
 * reader sets right after building.  Occurrences of one name are stored
 * next to each other in position order, so a lookup is one hash probe and
 * returns a slice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "lib.h"

static size_t slots_for(size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	return size;
}

/* Slot of @name: its entry, or the empty slot where it belongs. */
static uint32_t *find_slot(const struct klp_symtab *obj, const char *name,
			   uint32_t hash)
{
	size_t mask = obj->nslots - 1;

	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		uint32_t *slot = &obj->slots[i];
		const struct klp_name_entry *e;

		if (!*slot)
			return slot;
		e = &obj->names[*slot - 1];
		if (e->hash == hash && strcmp(e->name, name) == 0)
			return slot;
	}
}

const struct klp_name_entry *klp_symtab_find(const struct klp_symtab *obj,
					     const char *name)
{
	uint32_t *slot;

	if (!obj || !obj->nslots)
		return NULL;
	slot = find_slot(obj, name, klp_hash(name, NULL));
	return *slot ? &obj->names[*slot - 1] : NULL;
}

void klp_symtab_mark_load_order(struct klp_symtab *obj, const char *name)
{
	const struct klp_name_entry *e = klp_symtab_find(obj, name);

	if (!e)
		return;
	for (uint32_t i = 0; i < e->count; i++)
		obj->syms[e->first + i].load_order_dependent = true;
}

/*
 * vmlinux order, as scripts/kallsyms sorts its table (by address, weak
 * symbols after the others, then input order; the name-sorted table the
 * 6.12 lookup walks keeps that order among equal names).  Input order is
 * kept in @seq.
 */
struct sort_item {
	struct klp_symbol sym;
	uint32_t seq;
	bool weak;
};

static int by_address(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;

	if (x->sym.address != y->sym.address)
		return x->sym.address < y->sym.address ? -1 : 1;
	if (x->weak != y->weak)
		return x->weak ? 1 : -1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sort_group(struct klp_symbol *syms, const uint32_t *seq,
		       const bool *weak, uint32_t count)
{
	struct sort_item stack[16], *items;

	items = count <= 16 ? stack : xmalloc(count * sizeof(*items));
	for (uint32_t i = 0; i < count; i++) {
		items[i].sym = syms[i];
		items[i].seq = seq[i];
		items[i].weak = weak[i];
	}
	qsort(items, count, sizeof(*items), by_address);
	for (uint32_t i = 0; i < count; i++)
		syms[i] = items[i].sym;
	if (items != stack)
		free(items);
}

/*
 * Section and source strings: few distinct values, each passed by the
 * reader as the same pointer every time, so they are copied once per
 * pointer.
 */
struct intern_map {
	struct { const char *in; const char *out; } *e;
	size_t size;
	size_t used;
};

static const char *intern(struct klp_symtab *obj, struct intern_map *m, const char *s)
{
	size_t i;

	if (!s)
		return NULL;
	if (!m->e) {
		m->size = 1024;
		m->e = xcalloc(m->size, sizeof(*m->e));
	}
	for (i = ((uintptr_t)s >> 3) * 2654435761u & (m->size - 1); m->e[i].in;
	     i = (i + 1) & (m->size - 1))
		if (m->e[i].in == s)
			return m->e[i].out;
	if (2 * (m->used + 1) > m->size) {
		/* rare: rebuild twice as large */
		struct intern_map big = { .size = m->size * 2 };

		big.e = xcalloc(big.size, sizeof(*big.e));
		for (size_t k = 0; k < m->size; k++) {
			size_t j;

			if (!m->e[k].in)
				continue;
			for (j = ((uintptr_t)m->e[k].in >> 3) * 2654435761u & (big.size - 1);
			     big.e[j].in; j = (j + 1) & (big.size - 1))
				;
			big.e[j] = m->e[k];
		}
		big.used = m->used;
		free(m->e);
		*m = big;
		for (i = ((uintptr_t)s >> 3) * 2654435761u & (m->size - 1); m->e[i].in;
		     i = (i + 1) & (m->size - 1))
			;
	}
	m->e[i].in = s;
	m->e[i].out = klp_arena_strdup(&obj->arena, s);
	m->used++;
	return m->e[i].out;
}

struct klp_symtab *klp_symtab_build(const char *objname, const struct klp_occ *occ,
				    size_t n, enum klp_order order)
{
	struct klp_symtab *obj = xcalloc(1, sizeof(*obj));
	uint32_t *group = xmalloc((n ? n : 1) * sizeof(*group));
	uint32_t *fill, *seq = NULL;
	bool *weak = NULL;
	struct intern_map strings = { 0 };

	if (n >= UINT32_MAX / 2)
		fatal("%s: too many symbols (%zu)\n", objname, n);
	obj->name = xstrdup(objname);
	obj->nslots = slots_for(n);
	obj->slots = xcalloc(obj->nslots, sizeof(*obj->slots));
	obj->names = xmalloc((n ? n : 1) * sizeof(*obj->names));

	/* room for every name (an upper bound: duplicates are stored once) */
	{
		size_t total = 0;

		for (size_t i = 0; i < n; i++)
			total += strlen(occ[i].name) + 1;
		klp_arena_reserve(&obj->arena, total + 1);
	}

	/* group by name */
	for (size_t i = 0; i < n; i++) {
		size_t len;
		uint32_t hash = klp_hash(occ[i].name, &len);
		uint32_t *slot = find_slot(obj, occ[i].name, hash);

		if (!*slot) {
			struct klp_name_entry *e = &obj->names[obj->nnames];

			e->name = klp_arena_strndup(&obj->arena, occ[i].name, len);
			e->hash = hash;
			e->count = 0;
			*slot = ++obj->nnames;
		}
		obj->names[*slot - 1].count++;
		group[i] = *slot - 1;
	}

	/* lay the groups out one after the other */
	fill = xmalloc((obj->nnames ? obj->nnames : 1) * sizeof(*fill));
	for (size_t g = 0, first = 0; g < obj->nnames; g++) {
		obj->names[g].first = first;
		fill[g] = first;
		first += obj->names[g].count;
	}
	obj->nsyms = n;
	obj->syms = xcalloc(n ? n : 1, sizeof(*obj->syms));
	if (order == KLP_ORDER_ADDRESS) {
		seq = xmalloc((n ? n : 1) * sizeof(*seq));
		weak = xmalloc(n ? n : 1);
	}
	for (size_t i = 0; i < n; i++) {
		const struct klp_name_entry *e = &obj->names[group[i]];
		uint32_t at = fill[group[i]]++;
		struct klp_symbol *s = &obj->syms[at];

		s->object = obj->name;
		s->name = e->name;
		s->address = occ[i].address;
		s->type = occ[i].type;
		s->ftrace = occ[i].ftrace;
		s->section = intern(obj, &strings, occ[i].section);
		if (!s->section)
			s->section = "";
		s->source = intern(obj, &strings, occ[i].source);
		if (seq) {
			seq[at] = i;
			weak[at] = occ[i].weak;
		}
	}
	free(fill);
	free(group);
	free(strings.e);

	for (size_t g = 0; g < obj->nnames; g++) {
		const struct klp_name_entry *e = &obj->names[g];

		if (seq && e->count > 1)
			sort_group(obj->syms + e->first, seq + e->first,
				   weak + e->first, e->count);
		for (uint32_t k = 0; k < e->count; k++) {
			obj->syms[e->first + k].sympos = k + 1;
			obj->syms[e->first + k].count = e->count;
		}
	}
	free(seq);
	free(weak);

	obj->ptrs = xmalloc((n ? n : 1) * sizeof(*obj->ptrs));
	for (size_t i = 0; i < n; i++)
		obj->ptrs[i] = &obj->syms[i];
	return obj;
}

void klp_symtab_free(struct klp_symtab *obj)
{
	if (!obj)
		return;
	klp_arena_free(&obj->arena);
	free(obj->name);
	free(obj->file);
	free(obj->syms);
	free(obj->ptrs);
	free(obj->names);
	free(obj->slots);
	free(obj);
}
