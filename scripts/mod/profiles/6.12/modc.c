// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: the layout of <module>.mod.c and .vmlinux.export.c.
 *
 * vermagic, BUILD_SALT and the retpoline flag are no longer here: kbuild
 * compiles them once per build (scripts/module-common.c) and links them
 * into every module.  Exports are KSYMTAB_* lines, then SYMBOL_CRC lines.
 */
#include "modc.h"
#include "profile-6.12.h"

const struct modc_layout profile_mod_c = {
	.head =
		"#include <linux/module.h>\n"
		"#include <linux/export-internal.h>\n"
		"#include <linux/compiler.h>\n"
		"\n"
		"MODULE_INFO(name, KBUILD_MODNAME);\n"
		"\n",
	.ksymtab = true,
};
