// SPDX-License-Identifier: GPL-2.0
/*
 * Weak stand-ins for the symbol index while klp-index.c is being written:
 * they find no sources, so livepatch modules that need the index fail
 * with the "symbol table not found" error.  Delete once klp-index.c lands.
 */
#include <stdlib.h>

#include "klp-index.h"
#include "log.h"

__attribute__((weak)) void klp_index_find_sources(const char *release,
						  struct klp_index_sources *out,
						  char **searched)
{
	(void)release;
	out->vmlinux_elf = out->symbol_map = out->modules_dir = NULL;
	*searched = xstrdup("\t(the symbol index is not built into this modpost yet)\n");
}

__attribute__((weak)) struct klp_index *klp_index_open(const struct klp_index_sources *src)
{
	(void)src;
	return NULL;
}

__attribute__((weak)) void klp_index_free(struct klp_index *idx) { (void)idx; }

__attribute__((weak)) const char *klp_index_vmlinux_source(const struct klp_index *idx)
{
	(void)idx;
	return "";
}

__attribute__((weak)) size_t klp_index_load_modules(struct klp_index *idx,
						    const char *const *names, size_t n)
{
	(void)idx; (void)names; (void)n;
	return 0;
}

__attribute__((weak)) bool klp_index_has_object(const struct klp_index *idx, const char *o)
{
	(void)idx; (void)o;
	return false;
}

__attribute__((weak)) size_t klp_index_lookup(const struct klp_index *idx, const char *object,
					      const char *name,
					      const struct klp_symbol *const **out)
{
	(void)idx; (void)object; (void)name;
	*out = NULL;
	return 0;
}

__attribute__((weak)) void klp_index_for_each_near_miss(const struct klp_index *idx,
							const char *name,
							void (*fn)(const struct klp_symbol *, void *),
							void *arg)
{
	(void)idx; (void)name; (void)fn; (void)arg;
}
