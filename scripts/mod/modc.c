// SPDX-License-Identifier: GPL-2.0
/*
 * The blocks of the generated <module>.mod.c, exactly as the stock
 * modposts write them, in their one order; the kernel profile's layout
 * (struct modc_layout) supplies what differs.  A block that begins with a
 * blank line says so.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "extension.h"
#include "modc.h"
#include "modpost.h"
#include "output.h"
#include "profile.h"

/* "__visible struct module __this_module ..." up to its closing "};" */
static void modc_this_module(struct buffer *b, const struct module *mod)
{
	buf_printf_limited(b, "__visible struct module __this_module\n");
	buf_printf_limited(b, "__section(\".gnu.linkonce.this_module\") = {\n");
	buf_printf_limited(b, "\t.name = KBUILD_MODNAME,\n");
	if (mod->has_init)
		buf_printf_limited(b, "\t.init = init_module,\n");
	if (mod->has_cleanup)
		buf_printf_limited(b, "#ifdef CONFIG_MODULE_UNLOAD\n"
			      "\t.exit = cleanup_module,\n"
			      "#endif\n");
	buf_printf_limited(b, "\t.arch = MODULE_ARCH_INIT,\n");
	buf_printf_limited(b, "};\n");
}

/* MODULE_INFO(intree, "Y") unless -e (an external module) */
static void modc_intree(struct buffer *b)
{
	if (!opts.external_module)
		buf_printf_limited(b, "\nMODULE_INFO(intree, \"Y\");\n");
}

/* MODULE_INFO(staging|test, "Y") for modules under drivers/staging or tools/testing */
static void modc_staging_and_test(struct buffer *b, const struct module *mod)
{
	if (str_starts(mod->name, "drivers/staging"))
		buf_printf_limited(b, "\nMODULE_INFO(staging, \"Y\");\n");
	if (str_starts(mod->name, "tools/testing"))
		buf_printf_limited(b, "\nMODULE_INFO(test, \"Y\");\n");
}

static bool export_is_emitted(const struct symbol *sym)
{
	return !opts.trim_unused_exports || sym->used;
}

/* a blank line, then KSYMTAB_FUNC/KSYMTAB_DATA(sym, "_gpl"|"", "<ns>") */
static void modc_ksymtab(struct buffer *b, const struct module *mod)
{
	buf_printf_limited(b, "\n");
	for (size_t i = 0; i < mod->exports.n; i++) {
		const struct symbol *sym = mod->exports.v[i];

		if (export_is_emitted(sym))
			buf_printf_limited(b, "KSYMTAB_%s(%s, \"%s\", \"%s\");\n",
				   sym->is_func ? "FUNC" : "DATA", sym->name,
				   sym->is_gpl_only ? "_gpl" : "", sym->namespace);
	}
}

/* with -m: a blank line, then SYMBOL_CRC(sym, 0x..., "_gpl"|"") */
static void modc_symbol_crcs(struct buffer *b, const struct module *mod)
{
	if (!opts.modversions)
		return;

	buf_printf_limited(b, "\n");
	for (size_t i = 0; i < mod->exports.n; i++) {
		const struct symbol *sym = mod->exports.v[i];

		if (!export_is_emitted(sym))
			continue;
		if (!sym->crc_valid)
			warn("EXPORT symbol \"%s\" [%s%s] version generation failed, symbol will not be versioned.\n"
			     "Is \"%s\" prototyped in <asm/asm-prototypes.h>?\n",
			     sym->name, mod->name, mod->is_vmlinux ? "" : ".ko",
			     sym->name);
		buf_printf_limited(b, "SYMBOL_CRC(%s, 0x%08x, \"%s\");\n",
			   sym->name, sym->crc, sym->is_gpl_only ? "_gpl" : "");
	}
}

/* with -m: the ____versions[] table of the resolved imports */
static void modc_versions(struct buffer *b, const struct module *mod)
{
	if (!opts.modversions)
		return;

	buf_printf_limited(b, "\n");
	buf_printf_limited(b, "static const struct modversion_info ____versions[]\n");
	buf_printf_limited(b, "__used __section(\"__versions\") = {\n");
	for (size_t i = 0; i < mod->unresolved.n; i++) {
		const struct symbol *s = mod->unresolved.v[i];

		if (!s->module)
			continue;
		if (!s->crc_valid) {
			warn("\"%s\" [%s.ko] has no CRC!\n", s->name, mod->name);
			continue;
		}
		if (strlen(s->name) >= mod->name_len_max) {
			/* the kernel's table has fixed-size names: stop here */
			error("too long symbol \"%s\" [%s.ko]\n", s->name, mod->name);
			break;
		}
		buf_printf_limited(b, "\t{ %#8x, \"%s\" },\n", s->crc, s->name);
	}
	buf_printf_limited(b, "};\n");
}

/* MODULE_INFO(depends, "..."), always */
static void modc_depends(struct buffer *b, const struct module *mod)
{
	bool first = true;

	/* vmlinux is never a dependency; every other exporter once */
	for (size_t i = 0; i < mod->unresolved.n; i++) {
		struct module *exporter = mod->unresolved.v[i]->module;

		if (exporter)
			exporter->seen = exporter->is_vmlinux;
	}

	buf_printf_limited(b, "\n");
	buf_printf_limited(b, "MODULE_INFO(depends, \"");
	for (size_t i = 0; i < mod->unresolved.n; i++) {
		struct module *exporter = mod->unresolved.v[i]->module;

		if (!exporter || exporter->seen)
			continue;
		exporter->seen = true;
		buf_printf_limited(b, "%s%s", first ? "" : ",", exporter->basename);
		first = false;
	}
	buf_printf_limited(b, "\");\n");
}

/* MODULE_INFO(srcversion, ...), when computed */
static void modc_srcversion(struct buffer *b, const struct module *mod)
{
	if (mod->srcversion[0]) {
		buf_printf_limited(b, "\n");
		buf_printf_limited(b, "MODULE_INFO(srcversion, \"%s\");\n", mod->srcversion);
	}
}

/*
 * The blocks after the exports, the same in every supported kernel:
 * __versions, depends, the device-table aliases, srcversion and (for
 * livepatch modules) the resolution record; then @b is written as
 * <module>.mod.c (if changed) and freed.
 */
static void modc_finish_mod_c(struct buffer *b, struct module *mod)
{
	char fname[PATH_MAX];
	int ret;

	modc_versions(b, mod);
	modc_depends(b, mod);
	add_moddevtable(b, mod);
	modc_srcversion(b, mod);
	extensions_add_mod_c(b, mod);

	ret = snprintf(fname, sizeof(fname), "%s.mod.c", mod->name);
	if (ret >= (int)sizeof(fname))
		error("%s: too long path was truncated\n", fname);
	else
		write_if_changed(b, fname);
	buf_free(b);
}

void write_mod_c_file(struct module *mod)
{
	const struct modc_layout *l = kprofile.mod_c;
	struct buffer b = { 0 };

	buf_printf(&b, "%s", l->head);
	modc_this_module(&b, mod);
	modc_intree(&b);
	if (l->after_intree)
		buf_printf_limited(&b, "%s", l->after_intree);
	modc_staging_and_test(&b, mod);

	if (l->ksymtab)
		modc_ksymtab(&b, mod);
	modc_symbol_crcs(&b, mod);
	modc_finish_mod_c(&b, mod);
}

/* The export-internal include, the ksymtab entries where they exist, CRCs. */
void write_vmlinux_export_c_file(struct module *mod)
{
	struct buffer b = { 0 };

	buf_printf_limited(&b, "#include <linux/export-internal.h>\n");
	if (kprofile.mod_c->ksymtab)
		modc_ksymtab(&b, mod);
	modc_symbol_crcs(&b, mod);
	write_if_changed(&b, ".vmlinux.export.c");
	buf_free(&b);
}
