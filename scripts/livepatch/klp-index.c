// SPDX-License-Identifier: GPL-2.0
/*
 * The symbol index (klp-index.h): the symbol tables of vmlinux and of the
 * target kernel's modules, by object name, and opening it from the sources
 * klp_index_choose_sources() picked.  Lookups are in klp-index-lookup.c,
 * one object's table in klp-symtab.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "lib.h"

static int module_cmp(const void *key, const void *elem)
{
	return strcmp(key, (*(struct klp_symtab *const *)elem)->name);
}

/* Index in idx->modules where @name is or belongs. */
static size_t module_slot(const struct klp_index *idx, const char *name, bool *found)
{
	size_t lo = 0, hi = idx->nmodules;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = module_cmp(name, &idx->modules[mid]);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found = false;
	return lo;
}

struct klp_symtab *klp_index_module(const struct klp_index *idx, const char *name)
{
	bool found;
	size_t at = module_slot(idx, name, &found);

	return found ? idx->modules[at] : NULL;
}

void klp_index_add_module(struct klp_index *idx, struct klp_symtab *obj)
{
	bool found;
	size_t at = module_slot(idx, obj->name, &found);

	klp_lookup_cache_free(idx);
	if (found) {
		klp_symtab_free(idx->modules[at]);
		idx->modules[at] = obj;
		return;
	}
	/* doubling: reading thousands of modules stays linear */
	if (idx->nmodules == idx->modules_cap) {
		idx->modules_cap = idx->modules_cap ? idx->modules_cap * 2 : 64;
		idx->modules = xrealloc(idx->modules, idx->modules_cap * sizeof(*idx->modules));
	}
	memmove(idx->modules + at + 1, idx->modules + at,
		(idx->nmodules - at) * sizeof(*idx->modules));
	idx->modules[at] = obj;
	idx->nmodules++;
}

struct klp_index *klp_index_open(const struct klp_index_sources *src)
{
	struct klp_index *idx = xcalloc(1, sizeof(*idx));
	const char *kind = NULL, *path = NULL;

	if (src->vmlinux_object) {
		idx->vmlinux = src->vmlinux_object_unread ?
			       klp_symtab_build("vmlinux", NULL, 0, KLP_ORDER_TABLE) :
			       klp_read_vmlinux_object(src->vmlinux_object);
		if (idx->vmlinux) {
			kind = "ELF";
			path = src->vmlinux_object;
			idx->vmlinux_is_object = true;
		}
	}
	if (!idx->vmlinux && src->vmlinux_elf) {
		idx->vmlinux = klp_read_vmlinux_elf(src->vmlinux_elf);
		if (idx->vmlinux) {
			kind = "ELF";
			path = src->vmlinux_elf;
		}
	}
	if (!idx->vmlinux && src->symbol_map &&
	    klp_read_symbol_map(idx, src->symbol_map)) {
		kind = "map";
		path = src->symbol_map;
	}
	if (!idx->vmlinux) {
		/* no source at all: the caller says where it looked and what to set */
		klp_index_free(idx);
		return NULL;
	}
	idx->vmlinux_source = xasprintf("%s %s", kind, path);
	if (strcmp(kind, "ELF") == 0)
		idx->vmlinux_elf = xstrdup(path);
	if (src->modules_dir)
		idx->modules_dir = xstrdup(src->modules_dir);
	return idx;
}

void klp_index_free(struct klp_index *idx)
{
	if (!idx)
		return;
	klp_lookup_cache_free(idx);
	klp_symtab_free(idx->vmlinux);
	for (size_t i = 0; i < idx->nmodules; i++)
		klp_symtab_free(idx->modules[i]);
	free(idx->modules);
	for (size_t i = 0; i < idx->nfiles; i++) {
		free(idx->files[i].key);
		free(idx->files[i].path);
	}
	free(idx->files);
	for (size_t i = 0; i < idx->nabsent; i++)
		free(idx->absent[i]);
	free(idx->absent);
	free(idx->modules_dir);
	free(idx->vmlinux_source);
	free(idx->vmlinux_elf);
	free(idx);
}

const char *klp_index_vmlinux_source(const struct klp_index *idx)
{
	return idx->vmlinux_source;
}

bool klp_index_vmlinux_is_object(const struct klp_index *idx)
{
	return idx->vmlinux_is_object;
}

const char *klp_index_vmlinux_elf(const struct klp_index *idx)
{
	return idx->vmlinux_elf;
}

const char *klp_index_module_file(const struct klp_index *idx, const char *object)
{
	const struct klp_symtab *obj = klp_index_object(idx, object);

	return obj && obj != idx->vmlinux ? obj->file : NULL;
}

const char *klp_index_modules_dir(const struct klp_index *idx)
{
	return idx->modules_dir;
}

const struct klp_symtab *klp_index_object(const struct klp_index *idx,
					  const char *object)
{
	if (strcmp(object, "vmlinux") == 0)
		return idx->vmlinux;
	return klp_index_module(idx, object);
}

bool klp_index_has_object(const struct klp_index *idx, const char *object)
{
	return klp_index_object(idx, object) != NULL;
}

