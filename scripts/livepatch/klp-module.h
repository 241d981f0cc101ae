/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What modpost knows about one livepatch module: its annotations, the
 * objects it declares, where it references undefined symbols, and the
 * conversions it needs.  Shared by the files of scripts/livepatch/.
 */
#ifndef KLP_MODULE_H
#define KLP_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "modpost.h"
#include "klp-record.h"
#include "klp-scope.h"

/* A place that refers to an undefined symbol: section + offset. */
struct klp_site {
	const char *section;	/* the section the relocation applies to */
	uint64_t offset;
	uint32_t type;		/* relocation type */
};

/* An undefined symbol of the livepatch and every place that uses it. */
struct klp_reference {
	char *name;
	struct klp_site *sites;
	size_t nsites, cap;
};

/* One annotation record (array or declaration style). */
struct klp_annotation {
	char *cname;		/* the symbol the livepatch code uses */
	char *object;		/* "vmlinux" or a module name */
	char *name;		/* the symbol's name in @object */
	unsigned long sympos;
	char *where;		/* "<section>+0x<offset>", for messages */
	bool used;		/* a claimed symbol matched it */
	bool clone_abi;		/* KLP_SYMBOL_CLONE(): written for the clone's convention */
};

enum klp_origin {
	KLP_FROM_ANNOTATION,	/* the author said which */
	KLP_FROM_MODULE_EXPORT,	/* exported by a module: object known */
	KLP_FROM_INDEX,		/* not exported: search the index */
};

/* One undefined symbol that becomes a livepatch relocation. */
struct klp_conversion {
	char *cname;		/* the undefined symbol's name in the livepatch object */
	enum klp_origin origin;
	const struct klp_annotation *annotation;
	char *object;		/* result: target object */
	char *name;		/* result: symbol name in the object */
	unsigned long sympos;	/* result: position (0: unique) */
	bool resolved;
	/*
	 * In-tree, before the final link (klp-intree.h): how the record gives
	 * a vmlinux position, and for an identity the symbol's index in
	 * vmlinux.o, then the identity itself.
	 */
	enum klp_position_kind how;
	uint64_t symidx;
	char *identity;
};

struct klp_module {
	struct module *mod;

	struct klp_annotation *annotations;
	size_t nannotations;

	/* objects the patch's struct klp_object array names ("vmlinux" for NULL) */
	struct string_list declared;
	bool scope_known;
	struct klp_patch_desc patch;	/* ... and the functions it replaces */

	/*
	 * Names of the object's undefined symbols as the object has them:
	 * modpost's own list has them shortened by remove_dot().
	 */
	struct string_list undefined;

	struct klp_reference *refs;	/* sorted by name after reading */
	size_t nrefs, refs_cap;

	struct klp_conversion *conversions;
	size_t nconversions, conversions_cap;
};

/* klp-module-read.c */
const struct klp_reference *klp_find_reference(const struct klp_module *km,
					       const char *name);
const struct klp_annotation *klp_find_annotation(const struct klp_module *km,
						 const char *cname);

/* klp-scope.c: fill km->declared / km->scope_known / km->patch from struct klp_patch */
void klp_read_scope(struct klp_module *km, struct elf_file *elf);

/* klp-resolve-funcs.c: report every klp_func the kernel would refuse */
struct klp_index;
void klp_check_patched_funcs(const struct klp_module *km, const struct klp_index *idx);
/*
 * The same for the functions of @patch of module @modname (messages), of
 * @only_object or all: in-tree, those of vmlinux are judged after the
 * link (klp-intree.c).
 */
void klp_check_patch_funcs(const char *modname, const struct klp_patch_desc *patch,
			   const struct klp_index *idx, const char *only_object);

#endif /* KLP_MODULE_H */
