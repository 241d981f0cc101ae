/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a livepatch module's struct klp_patch says, read from its object
 * without debug information (klp-scope.c): the objects it patches and,
 * for each, the functions it replaces (struct klp_func: old_name,
 * old_sympos).  Shared by modpost's resolver and --klp-verify.
 */
#ifndef KLP_SCOPE_H
#define KLP_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

struct elf_file;

/* One struct klp_func entry. */
struct klp_patched_func {
	char *object;		/* "vmlinux" or the module's name (klp_object.name) */
	char *old_name;		/* NULL: the entry has no readable old_name */
	unsigned long old_sympos;
	char *where;		/* "<array symbol>[i]", else "<section>+0x<offset>" */
};

struct klp_patch_desc {
	bool found;			/* a struct klp_patch with a valid klp_object array */
	struct string_list objects;	/* the klp_object names ("vmlinux" for NULL) */
	struct klp_patched_func *funcs;
	size_t nfuncs;
};

void klp_patch_desc_read(const struct elf_file *elf, struct klp_patch_desc *out);
void klp_patch_desc_free(struct klp_patch_desc *d);

#endif /* KLP_SCOPE_H */
