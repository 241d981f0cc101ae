// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch conversion as a modpost extension (scripts/mod/extension.h):
 * the hooks modpost calls, and nothing else, connect the two.
 */
#include "extension.h"
#include "klp-modes.h"
#include "klp.h"

static void object_read(struct module *mod, struct elf_file *elf)
{
	if (!mod->is_vmlinux && klp_is_livepatch_object(elf))
		klp_module_read(mod, elf);
}

const struct modpost_extension livepatch_extension = {
	.name = "livepatch",
	.is_mode = klp_is_mode_argument,
	.run_mode = klp_run_mode,
	.print_modes = klp_print_modes,
	.object_read = object_read,
	.claim_symbols = klp_claim_symbols,
	.before_outputs = klp_resolve_all,
	.add_mod_c = klp_add_mod_c,
};
