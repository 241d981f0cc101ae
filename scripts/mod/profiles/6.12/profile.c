// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux 6.12 profile (Debian 6.12.x): modpost as of v6.12.
 *
 *   - options "ei:MmnT:to:au:WwENd:" (-M: module exports from
 *     .export_symbol; -t/-u: trimming of unused exports);
 *   - fatal errors print "ERROR: modpost:";
 *   - every check of every module runs before the first output is
 *     written, so one error suppresses all .mod.c files;
 *   - "-T -" is an ordinary file name (kbuild passes modules.order).
 */
#include "checks.h"
#include "extension.h"
#include "profile.h"
#include "profile-6.12.h"

static void check_then_write(const struct modpost_run *run)
{
	for (size_t i = 0; i < nmodules; i++) {
		struct module *mod = modules[i];

		if (mod->from_dump || mod->is_vmlinux)
			continue;
		check_modname_len(mod);
		check_exports(mod);
	}

	extensions_before_outputs();

	if (run->unused_exports_white_list)
		mark_whitelisted_exports_used(run->unused_exports_white_list);

	for (size_t i = 0; i < nmodules; i++) {
		struct module *mod = modules[i];

		if (mod->from_dump)
			continue;
		if (mod->is_vmlinux)
			write_vmlinux_export_c_file(mod);
		else
			write_mod_c_file(mod);
	}
}

const struct kernel_profile kprofile = {
	.series = "6.12",
	.optstring = "ei:MmnT:to:au:WwENd:",
	.fatal_prefix = "ERROR",
	.object_list_from_stdin = false,
	.missing_description_warning = true,
	.secmismatch = &profile_secmismatch,
	.devtables = &profile_devtables,
	.kallsyms = &profile_kallsyms,
	.mod_c = &profile_mod_c,
	.check_and_write_modules = check_then_write,
};
