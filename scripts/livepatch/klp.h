/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Livepatch support inside modpost: the hooks the modpost passes call.
 *
 * A module is a livepatch module when its .modinfo has a "livepatch"
 * entry (any value: that is the kernel's rule).  For such a module,
 * undefined symbols that vmlinux does not export are not errors: each one
 * is resolved to (object, name, position) as the kernel's livepatch loader
 * will count them, from the target kernel's symbol index or from the
 * author's annotations, and the resolution is recorded in the module's
 * .mod.c so that the post-link step can write the livepatch ELF format
 * without any kernel symbol data.
 *
 * modpost calls these through its extension hooks (klp-extension.c,
 * scripts/mod/extension.h), with its module list as an argument:
 *
 *   object_read      -> klp_module_read()      (ELF still open)
 *   claim_symbols    -> klp_claim_symbols()    (all inputs read, before any check)
 *   before_outputs   -> klp_resolve_all()      (before the first .mod.c is written)
 *   add_mod_c        -> klp_add_mod_c()
 */
#ifndef KLP_H
#define KLP_H

#include <stdbool.h>

#include "modpost.h"

/* The "livepatch" modinfo test. */
bool klp_is_livepatch_object(const struct elf_file *elf);

/*
 * Read what the resolver needs from a livepatch module's object while it
 * is open: annotations, the objects its struct klp_patch declares, and
 * where each undefined symbol is referenced.  Attaches it to mod->klp.
 */
void klp_module_read(struct module *mod, struct elf_file *elf);

/*
 * Decide, for every undefined symbol of every livepatch module, whether it
 * becomes a livepatch relocation, and mark those (symbol->klp_claimed):
 * the checks then do not resolve them normally, so they enter neither
 * __versions nor depends and are never "undefined!".
 */
void klp_claim_symbols(struct module **mods, size_t n);

/*
 * Resolve every claimed symbol of every livepatch module of @mods;
 * reports problems.  @in_tree: a kernel build (the build's own vmlinux and
 * modules of the same run are sources), not an external module build.
 */
void klp_resolve_all(struct module **mods, size_t n, bool in_tree, const char *object_list);

/* Append the resolution record of @mod (a livepatch module) to its .mod.c. */
void klp_add_mod_c(struct buffer *b, const struct module *mod);

#endif /* KLP_H */
