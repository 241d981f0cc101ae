// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux 6.1 profile (Debian 12's default kernel, 6.1.x).
 *
 *   - options "ei:mnT:o:aWwENd:": no -M (exports are symbols), no -t/-u;
 *   - fatal errors print "FATAL: modpost:";
 *   - kbuild feeds the object list on standard input ("-T -");
 *   - the checks of a module run right before its .mod.c is written, so
 *     the files of the modules before the first error are still written;
 *   - -W only affects the section-mismatch exemptions (no
 *     MODULE_DESCRIPTION() warning);
 *   - s390's expoline thunks are linked into every module.
 */
#include <elf.h>

#include "checks.h"
#include "extension.h"
#include "profile.h"
#include "profile-6.1.h"

static const struct ignored_undef ignored_undefs[] = {
	{ EM_S390, true, "__s390_indirect_jump_r" },
};

static void check_and_write_each(const struct modpost_run *run)
{
	(void)run;	/* -u does not exist in 6.1 */

	/* the extensions first (livepatch resolution: its own messages) */
	extensions_before_outputs();

	for (size_t i = 0; i < nmodules; i++) {
		struct module *mod = modules[i];

		if (mod->from_dump)
			continue;
		if (mod->is_vmlinux) {
			write_vmlinux_export_c_file(mod);
			continue;
		}
		check_modname_len(mod);
		check_exports(mod);
		write_mod_c_file(mod);
	}
}

const struct kernel_profile kprofile = {
	.series = "6.1",
	.optstring = "ei:mnT:o:aWwENd:",
	.fatal_prefix = "FATAL",
	.object_list_from_stdin = true,
	.missing_description_warning = false,
	.extra_ignored_undefs = ignored_undefs,
	.nextra_ignored_undefs = ARRAY_SIZE(ignored_undefs),
	.export_symbol_hook = export_from_ksymtab_symbol,
	.exports_after_symbols = exports_apply_namespaces,
	.secmismatch = &profile_secmismatch,
	.devtables = &profile_devtables,
	.kallsyms = &profile_kallsyms,
	.mod_c = &profile_mod_c,
	.check_and_write_modules = check_and_write_each,
};
