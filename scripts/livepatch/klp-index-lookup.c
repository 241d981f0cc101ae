// SPDX-License-Identifier: GPL-2.0
/*
 * Queries on the symbol index (klp-index.h): lookups in one object or in
 * all of them, near misses, and ordered walks.
 *
 * A lookup across all objects needs one array of pointers spanning
 * several objects; it is built on first use and cached per name (the
 * cache is dropped whenever a module is added).
 */
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "lib.h"

struct klp_lookup_cache {
	struct klp_cached {
		char *name;
		const struct klp_symbol **syms;
		size_t n;
	} *entries;
	size_t nentries, size;
};

void klp_lookup_cache_free(struct klp_index *idx)
{
	struct klp_lookup_cache *c = idx->cache;

	if (!c)
		return;
	for (size_t i = 0; i < c->size; i++) {
		free(c->entries[i].name);
		free(c->entries[i].syms);
	}
	free(c->entries);
	free(c);
	idx->cache = NULL;
}

/* Occurrences of @name across all objects, cached per name. */
static size_t lookup_all(const struct klp_index *idx, const char *name,
			 const struct klp_symbol *const **out)
{
	struct klp_lookup_cache *c = idx->cache;
	struct klp_cached *slot;
	const struct klp_name_entry *e;
	size_t n = 0, mask, i;
	uint32_t hash = klp_hash(name, NULL);

	if (!c) {
		/* the cache is not part of the index's logical state */
		c = xcalloc(1, sizeof(*c));
		c->size = 64;
		c->entries = xcalloc(c->size, sizeof(*c->entries));
		((struct klp_index *)idx)->cache = c;
	}
	mask = c->size - 1;
	for (i = hash & mask; c->entries[i].name; i = (i + 1) & mask)
		if (strcmp(c->entries[i].name, name) == 0) {
			*out = c->entries[i].n ? c->entries[i].syms : NULL;
			return c->entries[i].n;
		}
	if (2 * (c->nentries + 1) > c->size) {
		struct klp_cached *old = c->entries;
		size_t oldsize = c->size;

		c->size *= 2;
		c->entries = xcalloc(c->size, sizeof(*c->entries));
		mask = c->size - 1;
		for (size_t k = 0; k < oldsize; k++) {
			size_t j;

			if (!old[k].name)
				continue;
			for (j = klp_hash(old[k].name, NULL) & mask; c->entries[j].name;
			     j = (j + 1) & mask)
				;
			c->entries[j] = old[k];
		}
		free(old);
		for (i = hash & mask; c->entries[i].name; i = (i + 1) & mask)
			;
	}
	slot = &c->entries[i];
	slot->name = xstrdup(name);
	c->nentries++;

	e = klp_symtab_find(idx->vmlinux, name);
	n += e ? e->count : 0;
	for (size_t m = 0; m < idx->nmodules; m++) {
		e = klp_symtab_find(idx->modules[m], name);
		n += e ? e->count : 0;
	}
	slot->n = n;
	slot->syms = xmalloc((n ? n : 1) * sizeof(*slot->syms));
	n = 0;
	for (size_t m = 0; m <= idx->nmodules; m++) {
		const struct klp_symtab *obj = m == 0 ? idx->vmlinux : idx->modules[m - 1];

		e = klp_symtab_find(obj, name);
		if (!e)
			continue;
		memcpy(slot->syms + n, obj->ptrs + e->first, e->count * sizeof(*slot->syms));
		n += e->count;
	}
	*out = n ? slot->syms : NULL;
	return n;
}

size_t klp_index_lookup(const struct klp_index *idx, const char *object,
			const char *name, const struct klp_symbol *const **out)
{
	const struct klp_symtab *obj;
	const struct klp_name_entry *e;

	*out = NULL;
	if (!object)
		return lookup_all(idx, name, out);
	obj = klp_index_object(idx, object);
	e = klp_symtab_find(obj, name);
	if (!e)
		return 0;
	*out = obj->ptrs + e->first;
	return e->count;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct klp_name_entry *x = *(const struct klp_name_entry *const *)a;
	const struct klp_name_entry *y = *(const struct klp_name_entry *const *)b;

	return strcmp(x->name, y->name);
}

/* Call @fn for every occurrence of the entries of @obj that @match accepts. */
static void for_each_entry(const struct klp_symtab *obj,
			   bool (*match)(const struct klp_name_entry *e, const void *ctx),
			   const void *ctx,
			   void (*fn)(const struct klp_symbol *sym, void *arg), void *arg)
{
	const struct klp_name_entry **list;
	size_t n = 0;

	if (!obj)
		return;
	list = xmalloc((obj->nnames ? obj->nnames : 1) * sizeof(*list));
	for (size_t i = 0; i < obj->nnames; i++)
		if (!match || match(&obj->names[i], ctx))
			list[n++] = &obj->names[i];
	qsort(list, n, sizeof(*list), entry_cmp);
	for (size_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < list[i]->count; k++)
			fn(&obj->syms[list[i]->first + k], arg);
	free(list);
}

static bool is_near_miss(const struct klp_name_entry *e, const void *ctx)
{
	const char *name = ctx;
	size_t len = strlen(name);

	if (strncmp(e->name, name, len) == 0 && e->name[len] == '.' && e->name[len + 1])
		return true;
	return strncmp(e->name, "__pfx_", 6) == 0 && strcmp(e->name + 6, name) == 0;
}

void klp_index_for_each_near_miss(const struct klp_index *idx, const char *name,
				  void (*fn)(const struct klp_symbol *sym, void *arg),
				  void *arg)
{
	for_each_entry(idx->vmlinux, is_near_miss, name, fn, arg);
	for (size_t m = 0; m < idx->nmodules; m++)
		for_each_entry(idx->modules[m], is_near_miss, name, fn, arg);
}

void klp_index_for_each_symbol(const struct klp_index *idx, const char *object,
			       void (*fn)(const struct klp_symbol *sym, void *arg),
			       void *arg)
{
	if (object) {
		for_each_entry(klp_index_object(idx, object), NULL, NULL, fn, arg);
		return;
	}
	for_each_entry(idx->vmlinux, NULL, NULL, fn, arg);
	for (size_t m = 0; m < idx->nmodules; m++)
		for_each_entry(idx->modules[m], NULL, NULL, fn, arg);
}

size_t klp_index_objects(const struct klp_index *idx, const char ***names)
{
	size_t n = 0;

	*names = xmalloc((idx->nmodules + 1) * sizeof(**names));
	if (idx->vmlinux)
		(*names)[n++] = idx->vmlinux->name;
	for (size_t m = 0; m < idx->nmodules; m++)
		(*names)[n++] = idx->modules[m]->name;
	return n;
}
