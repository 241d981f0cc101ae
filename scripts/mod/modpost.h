/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modpost's tables: the run's options, the modules it processes (or knows
 * from symbol dumps), their exported and unresolved symbols, and the passes
 * implemented in files of their own.  The library it is written with
 * (buffers, lists, strings, allocation, messages) is lib.h.
 */
#ifndef MODPOST_H
#define MODPOST_H

#include <stdbool.h>
#include <stddef.h>

#include "elffile.h"
#include "lib.h"
#include "modinfo.h"

/* ---- options (one run) ---- */

struct modpost_options {
	bool external_module;		/* -e */
	bool module_enabled;		/* -M: exports come from .export_symbol */
	bool modversions;		/* -m */
	bool all_versions;		/* -a: srcversion for every module */
	bool ignore_missing_files;	/* -n */
	bool warn_unresolved;		/* -w */
	bool sec_mismatch_warn_only;	/* cleared by -E */
	bool trim_unused_exports;	/* -t */
	bool allow_missing_ns_imports;	/* -N */
	bool extra_warn;		/* -W */
	const char *object_list;	/* -T FILE (kbuild: modules.order), or NULL */
};

extern struct modpost_options opts;

/* namespaces: the empty namespace "" is always implicitly present */
void namespace_list_add(struct string_list *l, const char *s);
bool namespace_list_contains(const struct string_list *l, const char *s);

struct symbol;

struct symbol_list {
	struct symbol **v;
	size_t n, cap;
};

/* ---- modules and symbols ---- */

struct module;
struct klp_module;

struct symbol {
	struct symbol *hash_next;	/* exports hash chain */
	struct module *module;		/* exporter; for unresolved: resolved exporter */
	char *namespace;		/* exports: "" when none */
	unsigned int crc;
	bool crc_valid;
	bool weak;			/* unresolved: weak reference */
	bool is_func;			/* exports: STT_FUNC */
	bool is_gpl_only;		/* exports: EXPORT_SYMBOL_GPL */
	bool used;			/* exports: something uses it */
	bool klp_claimed;		/* unresolved: becomes a livepatch relocation */
	char name[];
};

struct module {
	char *name;			/* object path without ".o" */
	const char *basename;		/* text after the last '/' of name */
	bool is_vmlinux;
	bool from_dump;			/* known only from a symvers file */
	bool is_gpl_compatible;
	bool has_init;
	bool has_cleanup;
	bool seen;			/* scratch flag for add_depends */
	unsigned int name_len_max;	/* MODULE_NAME_LEN: 64 - sizeof(Elf_Addr) */
	struct symbol_list exports;	/* registration order */
	struct symbol_list unresolved;	/* symbol table order */
	struct string_list imported_namespaces;
	struct string_list missing_namespaces;
	struct buffer aliases;		/* MODULE_ALIAS lines from file2alias */
	char srcversion[25];
	struct klp_module *klp;		/* livepatch modules only (scripts/livepatch) */
};

/* All modules in creation order: dumps first, then objects. */
extern struct module **modules;
extern size_t nmodules;

struct module *module_new(const char *name, size_t namelen);
struct module *module_find(const char *name);

/*
 * Register an export.  Reports "exported twice" as the stock tool does;
 * lookups always find the newest registration of a name.
 */
struct symbol *export_add(struct module *mod, const char *name, bool gpl_only,
			  const char *namespace);
/* Replace the namespace of export @s ("" for none). */
void export_set_namespace(struct symbol *s, const char *namespace);
/* Newest export of @name ("." prefix ignored, as on PPC64), or NULL. */
struct symbol *export_find(const char *name);
/* Newest export of @name by @mod, or NULL. */
struct symbol *export_find_in(const char *name, const struct module *mod);

void unresolved_add(struct module *mod, const char *name, bool weak);
/* A module is read completely: give back the lists' unused room. */
void module_lists_trim(struct module *mod);

/* ---- per-object facts ---- */


/* CRCs from "#SYMVER" lines of the module's objects' .cmd files. */
void mod_set_crcs(struct module *mod);

/* ---- passes implemented in their own files ---- */

/* file2alias.c: collect MODULE_ALIAS lines from device tables */
void handle_moddevtable(struct module *mod, struct elf_file *elf,
			const struct elf_symbol *sym, const char *symname);
void add_moddevtable(struct buffer *buf, struct module *mod);

/* srcversion.c: 23-character srcversion of the module's sources */
void get_src_version(const char *modname, char sum[], unsigned int sumlen);

/*
 * secmismatch.c: walk every relocation section of @elf: the
 * non-allocatable-section warning, export validation (-M, adds exports to
 * @mod), section-mismatch and exception-table checks.
 */
void check_sec_ref(struct module *mod, struct elf_file *elf);
/* number of section mismatches reported so far */
unsigned int section_mismatch_count(void);

#endif /* MODPOST_H */
