// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: the layout of <module>.mod.c and .vmlinux.export.c.
 *
 * vermagic, BUILD_SALT and the retpoline flag are no longer here: kbuild
 * compiles them once per build (scripts/module-common.c) and links them
 * into every module.  Exports are KSYMTAB_* lines, then SYMBOL_CRC lines.
 */
#include "modc.h"
#include "output.h"
#include "profile-6.12.h"

void write_mod_c_file(struct module *mod)
{
	struct buffer b = { 0 };

	buf_printf_limited(&b, "#include <linux/module.h>\n");
	buf_printf_limited(&b, "#include <linux/export-internal.h>\n");
	buf_printf_limited(&b, "#include <linux/compiler.h>\n");
	buf_printf_limited(&b, "\n");
	buf_printf_limited(&b, "MODULE_INFO(name, KBUILD_MODNAME);\n");
	buf_printf_limited(&b, "\n");
	modc_this_module(&b, mod);
	modc_intree(&b);
	modc_staging_and_test(&b, mod);

	modc_ksymtab(&b, mod);
	modc_symbol_crcs(&b, mod);
	modc_finish_mod_c(&b, mod);
}

void write_vmlinux_export_c_file(struct module *mod)
{
	struct buffer b = { 0 };

	buf_printf_limited(&b, "#include <linux/export-internal.h>\n");
	modc_ksymtab(&b, mod);
	modc_symbol_crcs(&b, mod);
	write_if_changed(&b, ".vmlinux.export.c");
	buf_free(&b);
}
