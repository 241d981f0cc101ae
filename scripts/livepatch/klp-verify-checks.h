/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What --klp-verify checks besides the livepatch symbols
 * (klp-verify-checks.c): the functions the patch replaces (struct
 * klp_func, judged as klp_enable_patch() will) and the module's ordinary
 * undefined symbols, which the module loader resolves against the
 * target kernel's exports ("Unknown symbol" when it cannot).
 */
#ifndef KLP_VERIFY_CHECKS_H
#define KLP_VERIFY_CHECKS_H

#include <stdbool.h>

#include "klp-index.h"
#include "klp-scope.h"
#include "strlist.h"

struct elf_file;

struct klp_verify_facts {
	struct klp_patch_desc patch;
	struct string_list undefined;	/* global undefined symbols, not livepatch ones */
};

void klp_verify_facts_read(const struct elf_file *elf, struct klp_verify_facts *f);
void klp_verify_facts_free(struct klp_verify_facts *f);

/* Print a line per klp_func; false when the kernel would refuse one. */
bool klp_verify_funcs(const struct klp_index *idx, const struct klp_patch_desc *patch);

/*
 * The exports of the target kernel: the Module.symvers files given, else
 * the one of @release's headers tree.  NULL (after a warning) when none
 * can be read; a file given that cannot be read is an error (*@ok = false).
 */
struct klp_exports;
struct klp_exports *klp_exports_read(const char *const *files, size_t nfiles,
				     const char *release, bool *ok);
void klp_exports_free(struct klp_exports *e);

/* Print a line per undefined symbol nobody exports; false if there is one. */
bool klp_verify_undefined(const struct klp_exports *e, const struct string_list *undefined);

#endif /* KLP_VERIFY_CHECKS_H */
