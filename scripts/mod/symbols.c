// SPDX-License-Identifier: GPL-2.0
/*
 * The run's tables: its options, the module table and the export hash.
 *
 * Exports of every module (from objects and from symbol dumps) share one
 * hash keyed by name; a name may be registered more than once (external
 * builds tolerate module-vs-module duplicates), and a lookup must then find
 * the newest registration, so new entries go to the head of their chain.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "modpost.h"

struct modpost_options opts = {
	.sec_mismatch_warn_only = true,
};

struct module **modules;
size_t nmodules;
static size_t modules_cap;

#define MODULE_HASH_SIZE 4096u
#define EXPORT_HASH_SIZE 16384u

struct module_slot {
	struct module *mod;
	struct module_slot *next;
};

static struct module_slot *module_hash[MODULE_HASH_SIZE];
static struct symbol *export_hash[EXPORT_HASH_SIZE];

/* FNV-1a: fast and well spread for symbol and path names. */
static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

struct module *module_find(const char *name)
{
	struct module_slot *slot;

	for (slot = module_hash[name_hash(name) % MODULE_HASH_SIZE]; slot;
	     slot = slot->next)
		if (strcmp(slot->mod->name, name) == 0)
			return slot->mod;
	return NULL;
}

struct module *module_new(const char *name, size_t namelen)
{
	struct module *mod = xcalloc(1, sizeof(*mod));
	struct module_slot *slot = xmalloc(sizeof(*slot));
	const char *slash;
	uint32_t bucket;

	mod->name = xstrndup(name, namelen);
	slash = strrchr(mod->name, '/');
	mod->basename = slash ? slash + 1 : mod->name;
	mod->is_vmlinux = strcmp(mod->name, "vmlinux") == 0;
	/*
	 * Without MODULE_LICENSE() the build fails anyway; do not add a
	 * GPL-only complaint on top of that.
	 */
	mod->is_gpl_compatible = true;

	if (nmodules == modules_cap) {
		modules_cap = modules_cap ? 2 * modules_cap : 256;
		modules = xrealloc(modules, modules_cap * sizeof(*modules));
	}
	modules[nmodules++] = mod;

	/* the first module of a name is the one module_find() returns */
	bucket = name_hash(mod->name) % MODULE_HASH_SIZE;
	slot->mod = mod;
	slot->next = NULL;
	if (!module_hash[bucket]) {
		module_hash[bucket] = slot;
	} else {
		struct module_slot *last = module_hash[bucket];

		while (last->next)
			last = last->next;
		last->next = slot;
	}
	return mod;
}

static void symbol_list_add(struct symbol_list *l, struct symbol *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static void symbol_list_trim(struct symbol_list *l)
{
	if (l->cap > l->n && l->n) {
		l->v = xrealloc(l->v, l->n * sizeof(*l->v));
		l->cap = l->n;
	}
}

void module_lists_trim(struct module *mod)
{
	symbol_list_trim(&mod->unresolved);
	symbol_list_trim(&mod->exports);
}

static struct symbol *symbol_new(const char *name)
{
	size_t len = strlen(name);
	struct symbol *s = xalloc_permanent(sizeof(*s) + len + 1);

	memcpy(s->name, name, len + 1);
	return s;
}

struct symbol *export_find_in(const char *name, const struct module *mod)
{
	struct symbol *s;

	/* For our purposes, .foo matches foo (PPC64 function descriptors). */
	if (name[0] == '.')
		name++;

	for (s = export_hash[name_hash(name) % EXPORT_HASH_SIZE]; s; s = s->hash_next)
		if (strcmp(s->name, name) == 0 && (!mod || s->module == mod))
			return s;
	return NULL;
}

struct symbol *export_find(const char *name)
{
	return export_find_in(name, NULL);
}

/*
 * Most exports have no namespace: they share one empty string instead of
 * an allocation each (tens of thousands from a vmlinux symbol dump).
 */
static char no_namespace[] = "";

void export_set_namespace(struct symbol *s, const char *namespace)
{
	if (s->namespace != no_namespace)
		free(s->namespace);
	s->namespace = namespace[0] ? xstrdup(namespace) : no_namespace;
}

struct symbol *export_add(struct module *mod, const char *name, bool gpl_only,
			  const char *namespace)
{
	struct symbol *s = export_find(name);
	uint32_t bucket;

	if (s && (!opts.external_module || s->module->is_vmlinux || s->module == mod))
		error("%s: '%s' exported twice. Previous export was in %s%s\n",
		      mod->name, name, s->module->name,
		      s->module->is_vmlinux ? "" : ".ko");

	s = symbol_new(name);
	s->module = mod;
	s->is_gpl_only = gpl_only;
	s->namespace = no_namespace;
	export_set_namespace(s, namespace);
	symbol_list_add(&mod->exports, s);

	bucket = name_hash(s->name) % EXPORT_HASH_SIZE;
	s->hash_next = export_hash[bucket];
	export_hash[bucket] = s;
	return s;
}

void unresolved_add(struct module *mod, const char *name, bool weak)
{
	struct symbol *s = symbol_new(name);

	s->weak = weak;
	symbol_list_add(&mod->unresolved, s);
}
