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
#include "profile-6.1.h"

const struct modc_layout profile_mod_c = {
	.head =
		"#include <linux/module.h>\n"
		/* build-salt.h after module.h, to inherit its definitions */
		"#define INCLUDE_VERMAGIC\n"
		"#include <linux/build-salt.h>\n"
		"#include <linux/elfnote-lto.h>\n"
		"#include <linux/export-internal.h>\n"
		"#include <linux/vermagic.h>\n"
		"#include <linux/compiler.h>\n"
		"\n"
		"BUILD_SALT;\n"
		"BUILD_LTO_INFO;\n"
		"\n"
		"MODULE_INFO(vermagic, VERMAGIC_STRING);\n"
		"MODULE_INFO(name, KBUILD_MODNAME);\n"
		"\n",
	.after_intree =
		"\n"
		"#ifdef CONFIG_RETPOLINE\n"
		"MODULE_INFO(retpoline, \"Y\");\n"
		"#endif\n",
	/* 6.1 finds exports by their __ksymtab_ symbols: no KSYMTAB_ lines */
	.ksymtab = false,
};
