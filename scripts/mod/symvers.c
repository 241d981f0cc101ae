// SPDX-License-Identifier: GPL-2.0
/*
 * Module.symvers: one export per line,
 *   0x<crc>\t<symbol>\t<module>\tEXPORT_SYMBOL[_GPL]\t<namespace>
 * and the -d namespace-dependency file written for "make nsdeps".
 */
#include <stdlib.h>
#include <string.h>

#include "modpost.h"
#include "output.h"
#include "symvers.h"

/* Split off the text after the next tab; NULL when there is none. */
static char *cut_at_tab(char *s)
{
	char *tab = strchr(s, '\t');

	if (!tab)
		return NULL;
	*tab = '\0';
	return tab + 1;
}

void read_dump(const char *fname)
{
	char *buf = read_text_file(fname);
	char *pos = buf, *line;

	while ((line = text_next_line(&pos))) {
		char *symname, *modname, *export, *namespace, *end;
		struct module *mod;
		struct symbol *s;
		unsigned int crc;
		bool gpl_only;

		if (!(symname = cut_at_tab(line)) ||
		    !(modname = cut_at_tab(symname)) ||
		    !(export = cut_at_tab(modname)) ||
		    !(namespace = cut_at_tab(export)))
			goto fail;

		crc = strtoul(line, &end, 16);
		if (*symname == '\0' || *modname == '\0' || *end != '\0')
			goto fail;

		if (strcmp(export, "EXPORT_SYMBOL_GPL") == 0) {
			gpl_only = true;
		} else if (strcmp(export, "EXPORT_SYMBOL") == 0) {
			gpl_only = false;
		} else {
			error("%s: unknown license %s. skip", symname, export);
			continue;
		}

		mod = module_find(modname);
		if (!mod) {
			mod = module_new(modname, strlen(modname));
			mod->from_dump = true;
		}
		s = export_add(mod, symname, gpl_only, namespace);
		s->crc = crc;
		s->crc_valid = true;
	}
	free(buf);
	return;
fail:
	free(buf);
	fatal("parse error in symbol dump file\n");
}

void write_dump(const char *fname)
{
	struct buffer b = { 0 };

	for (size_t m = 0; m < nmodules; m++) {
		const struct module *mod = modules[m];

		if (mod->from_dump)
			continue;
		for (size_t i = 0; i < mod->exports.n; i++) {
			const struct symbol *sym = mod->exports.v[i];

			if (opts.trim_unused_exports && !sym->used)
				continue;
			buf_printf_limited(&b, "0x%08x\t%s\t%s\tEXPORT_SYMBOL%s\t%s\n",
				   sym->crc, sym->name, mod->name,
				   sym->is_gpl_only ? "_GPL" : "", sym->namespace);
		}
	}
	write_buf(&b, fname);
	buf_free(&b);
}

void write_namespace_deps_file(const char *fname)
{
	struct buffer b = { 0 };

	for (size_t m = 0; m < nmodules; m++) {
		const struct module *mod = modules[m];

		if (mod->from_dump || mod->missing_namespaces.n == 0)
			continue;
		buf_printf_limited(&b, "%s.ko:", mod->name);
		for (size_t i = 0; i < mod->missing_namespaces.n; i++)
			buf_printf_limited(&b, " %s", mod->missing_namespaces.v[i]);
		buf_printf_limited(&b, "\n");
	}
	write_if_changed(&b, fname);
	buf_free(&b);
}
