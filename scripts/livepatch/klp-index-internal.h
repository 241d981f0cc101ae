/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the symbol index (klp-index.h), shared by its parts:
 *
 *   klp-arena.c             the string arena and the name hash
 *   klp-symtab.c            one object's symbol table: build, find, free
 *   klp-index.c             the tables by object name, open/free
 *   klp-index-lookup.c      lookups, near misses, ordered walks
 *   klp-index-vmlinux.c     vmlinux from a final ELF (nm letters, kallsyms rules)
 *   klp-index-map.c         vmlinux (and modules) from System.map / /proc/kallsyms
 *   klp-index-filter.c      which nm lines scripts/mksysmap and scripts/kallsyms drop
 *   klp-index-modules.c     module files: discovery, core/full tables
 *   klp-index-decompress.c  the process pool running xz/zstd/gzip
 *   klp-call-sites.c        ftrace call sites (__mcount_loc): can a function be patched
 *   klp-index-sources.c     where the symbols are: klp_index_find_sources(),
 *                           klp_index_choose_sources()
 *
 * Every part hands its symbols to klp_symtab_build() as a list of
 * struct klp_occ in the object's symbol-table (or file) order; the builder
 * copies the strings, groups the occurrences by name and numbers them.
 */
#ifndef KLP_INDEX_INTERNAL_H
#define KLP_INDEX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klp-index.h"

/* ---- string arena: many small strings, freed all at once ---- */

struct klp_arena_block;
struct klp_arena {
	struct klp_arena_block *blocks;
	char *next;
	size_t left;
};

void klp_arena_reserve(struct klp_arena *a, size_t size);
char *klp_arena_strndup(struct klp_arena *a, const char *s, size_t len);
char *klp_arena_strdup(struct klp_arena *a, const char *s);
void klp_arena_free(struct klp_arena *a);

uint32_t klp_hash(const char *s, size_t *len);

/* ---- objects ---- */

/* One symbol as a reader found it; strings may be temporary. */
struct klp_occ {
	const char *name;
	const char *section;	/* NULL: unknown */
	const char *source;	/* NULL: unknown */
	uint64_t address;
	char type;
	bool weak;		/* nm letter w/W/v/V: kallsyms sorts these last */
	unsigned char ftrace;	/* enum klp_ftrace */
};

struct klp_name_entry {
	const char *name;
	uint32_t hash;
	uint32_t first;		/* index of position 1 in klp_symtab.syms */
	uint32_t count;
};

/* The symbols of one object (vmlinux or a module), as kallsyms lists them. */
struct klp_symtab {
	char *name;
	struct klp_symbol *syms;	/* grouped by name, each group by position */
	const struct klp_symbol **ptrs;	/* &syms[i], for klp_index_lookup() */
	size_t nsyms;
	struct klp_name_entry *names;
	size_t nnames;
	uint32_t *slots;		/* open addressing: names index + 1, 0 = empty */
	size_t nslots;			/* power of two */
	struct klp_arena arena;
	bool from_map;			/* a /proc/kallsyms module: a file may replace it */
	char *file;			/* the module file it was read from, or NULL */
};

enum klp_order {
	KLP_ORDER_TABLE,	/* as given (module symbol table, kallsyms file order) */
	KLP_ORDER_ADDRESS,	/* vmlinux: address, non-weak first, then as given */
};

struct klp_symtab *klp_symtab_build(const char *objname, const struct klp_occ *occ,
				    size_t n, enum klp_order order);
void klp_symtab_free(struct klp_symtab *obj);
const struct klp_name_entry *klp_symtab_find(const struct klp_symtab *obj,
					     const char *name);
/* Mark every occurrence of @name (if present) as load-order dependent. */
void klp_symtab_mark_load_order(struct klp_symtab *obj, const char *name);

/* ---- the index ---- */

struct klp_modfile {
	char *key;		/* file name without .ko*, '-' as '_' */
	char *path;
	bool tried;
};

struct klp_lookup_cache;

struct klp_index {
	struct klp_symtab *vmlinux;
	char *vmlinux_source;
	char *vmlinux_elf;		/* the vmlinux ELF read, or NULL (a map) */
	bool vmlinux_is_object;		/* ... and it is vmlinux.o (in-tree, before the link) */

	struct klp_symtab **modules;	/* sorted by name */
	size_t nmodules, modules_cap;

	char *modules_dir;
	bool modules_scanned;
	struct klp_modfile *files;	/* sorted by key, then path */
	size_t nfiles;
	char **absent;
	size_t nabsent;

	struct klp_lookup_cache *cache;	/* lookups across all objects */
};

/* vmlinux or a loaded module, NULL if unknown */
const struct klp_symtab *klp_index_object(const struct klp_index *idx, const char *object);
void klp_lookup_cache_free(struct klp_index *idx);

/* Add or replace a module object (takes ownership). */
void klp_index_add_module(struct klp_index *idx, struct klp_symtab *obj);
struct klp_symtab *klp_index_module(const struct klp_index *idx, const char *name);

/* ---- readers ---- */

/* vmlinux from a final ELF; NULL (after a message) when unusable. */
struct klp_symtab *klp_read_vmlinux_elf(const char *path);
/* vmlinux.o (ET_REL): table order instead of addresses, no call sites */
struct klp_symtab *klp_read_vmlinux_object(const char *path);

/*
 * A System.map or /proc/kallsyms file: the vmlinux object, plus module
 * objects for "[module]" lines, added to @idx.  Returns false (after a
 * message) when the file is unusable, e.g. Debian's stub System.map.
 */
bool klp_read_symbol_map(struct klp_index *idx, const char *path);

/* Is this (stub or real) System.map the one-line Debian placeholder? */
bool klp_map_is_stub(const char *path);

/*
 * Would kallsyms keep the nm line "<addr> @type @name"?  (scripts/mksysmap
 * followed by scripts/kallsyms' is_ignored_symbol(); with
 * CONFIG_KALLSYMS_ALL there is no address-range filtering.)
 */
bool klp_kallsyms_keeps(const char *name, size_t len, char type);

/* ---- modules ---- */

/* Parse one module image; NULL (after a message) if it cannot be used. */
struct klp_symtab *klp_read_module(const char *path, void *data, size_t size);

/* ---- ftrace call sites (klp-call-sites.c) ---- */

struct elf_file;

/* Sorted call-site addresses (vmlinux) or offsets in one section (module). */
struct klp_call_sites {
	uint64_t *v;
	size_t n, cap;
	bool known;		/* the object has a call-site table */
};

/* vmlinux: false (nothing known) when the image has no __mcount_loc table. */
bool klp_call_sites_vmlinux(const struct elf_file *elf, struct klp_call_sites *out);
void klp_call_sites_free(struct klp_call_sites *s);
/* A module: one list per section index (elf->nsections of them). */
struct klp_call_sites *klp_call_sites_module(const struct elf_file *elf);
void klp_call_sites_module_free(struct klp_call_sites *per_section, unsigned int n);
/* A function at [@start, @start + @size) of the sites' address space. */
enum klp_ftrace klp_call_sites_judge(const struct klp_call_sites *s, uint64_t start,
				     uint64_t size);

#include "klp-decompress.h"

#endif /* KLP_INDEX_INTERNAL_H */
