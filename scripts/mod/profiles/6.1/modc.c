// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1: the layout of <module>.mod.c and .vmlinux.export.c.
 *
 * Every module's .mod.c carries vermagic, BUILD_SALT, the LTO note and
 * the retpoline flag itself (6.12 moved them to scripts/module-common.c).
 * Exports need no KSYMTAB lines (their tables come from the objects);
 * with -m their CRCs are SYMBOL_CRC lines.
 */
#include "modc.h"
#include "output.h"
#include "profile-6.1.h"

void write_mod_c_file(struct module *mod)
{
	struct buffer b = { 0 };

	buf_printf_limited(&b, "#include <linux/module.h>\n");
	/* build-salt.h after module.h, to inherit its definitions */
	buf_printf_limited(&b, "#define INCLUDE_VERMAGIC\n");
	buf_printf_limited(&b, "#include <linux/build-salt.h>\n");
	buf_printf_limited(&b, "#include <linux/elfnote-lto.h>\n");
	buf_printf_limited(&b, "#include <linux/export-internal.h>\n");
	buf_printf_limited(&b, "#include <linux/vermagic.h>\n");
	buf_printf_limited(&b, "#include <linux/compiler.h>\n");
	buf_printf_limited(&b, "\n");
	buf_printf_limited(&b, "BUILD_SALT;\n");
	buf_printf_limited(&b, "BUILD_LTO_INFO;\n");
	buf_printf_limited(&b, "\n");
	buf_printf_limited(&b, "MODULE_INFO(vermagic, VERMAGIC_STRING);\n");
	buf_printf_limited(&b, "MODULE_INFO(name, KBUILD_MODNAME);\n");
	buf_printf_limited(&b, "\n");
	modc_this_module(&b, mod);
	modc_intree(&b);
	buf_printf_limited(&b,
		   "\n"
		   "#ifdef CONFIG_RETPOLINE\n"
		   "MODULE_INFO(retpoline, \"Y\");\n"
		   "#endif\n");
	modc_staging_and_test(&b, mod);

	modc_symbol_crcs(&b, mod);
	modc_finish_mod_c(&b, mod);
}

void write_vmlinux_export_c_file(struct module *mod)
{
	struct buffer b = { 0 };

	buf_printf_limited(&b, "#include <linux/export-internal.h>\n");
	modc_symbol_crcs(&b, mod);
	write_if_changed(&b, ".vmlinux.export.c");
	buf_free(&b);
}
