/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boundary between modpost and its extensions (today one: livepatch
 * conversion, scripts/livepatch).  modpost calls an extension only
 * through these hooks, and hands it what it needs as arguments: an
 * extension reads no modpost globals, and no file of scripts/mod
 * includes an extension's headers.
 *
 * The hooks, in the order of a run:
 *
 *   is_mode/run_mode   argv[1] selects one of the extension's tool modes
 *                      (e.g. --klp-finalize): modpost itself does not run
 *   print_modes        list those modes (modpost --help)
 *   object_read        an object is open and its modinfo read, before modpost
 *                      reads its symbols: the names are still the object's own
 *                      (not yet shortened by remove_dot())
 *   claim_symbols      every object is read: mark the undefined symbols the
 *                      extension takes over (symbol->klp_claimed), before
 *                      any check looks at them
 *   before_outputs     the profile's checks are done (all of them, or, with
 *                      a kernel that interleaves checks and writes, before
 *                      the first); the module list, whether this is an
 *                      in-tree build and the -T file are passed in
 *   add_mod_c          append to a module's .mod.c, last
 *
 * Every hook may be NULL.
 */
#ifndef MODPOST_EXTENSION_H
#define MODPOST_EXTENSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct buffer;
struct elf_file;
struct module;

struct modpost_extension {
	const char *name;
	bool (*is_mode)(const char *arg);
	int (*run_mode)(int argc, char **argv);
	void (*print_modes)(FILE *out, const char *prog);
	void (*object_read)(struct module *mod, struct elf_file *elf);
	void (*claim_symbols)(struct module **mods, size_t n);
	void (*before_outputs)(struct module **mods, size_t n, bool in_tree,
			       const char *object_list);
	void (*add_mod_c)(struct buffer *b, const struct module *mod);
};

/* scripts/livepatch/klp-extension.c */
extern const struct modpost_extension livepatch_extension;

/* ---- for modpost: call every extension's hook ---- */

/* Returns true, with the mode's exit status, when argv[1] is a tool mode. */
bool extensions_run_mode(int argc, char **argv, int *status);
void extensions_print_modes(FILE *out, const char *prog);
void extensions_object_read(struct module *mod, struct elf_file *elf);
void extensions_claim_symbols(void);
void extensions_before_outputs(void);
void extensions_add_mod_c(struct buffer *b, const struct module *mod);

#endif /* MODPOST_EXTENSION_H */
