// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-module checks, run once every object and dump has been read:
 * resolve each module's undefined symbols against all exports.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "modpost.h"

/*
 * Too many "undefined!" lines usually mean vmlinux symbols are missing
 * altogether; print the first few and count the rest.
 */
#define MAX_UNRESOLVED_REPORTS 10
static unsigned int nr_unresolved;

void check_modname_len(const struct module *mod)
{
	if (strlen(mod->basename) >= mod->name_len_max)
		error("module name is too long [%s.ko]\n", mod->name);
}

void check_exports(struct module *mod)
{
	for (size_t i = 0; i < mod->unresolved.n; i++) {
		struct symbol *s = mod->unresolved.v[i];
		struct symbol *exp;

		/* livepatch modules: converted references need no exporter */
		if (s->klp_claimed)
			continue;
		exp = export_find(s->name);
		if (!exp) {
			if (!s->weak && nr_unresolved++ < MAX_UNRESOLVED_REPORTS)
				modpost_log(!opts.warn_unresolved,
					    "\"%s\" [%s.ko] undefined!\n",
					    s->name, mod->name);
			continue;
		}
		if (exp->module == mod) {
			error("\"%s\" [%s.ko] was exported without definition\n",
			      s->name, mod->name);
			continue;
		}

		exp->used = true;
		s->module = exp->module;
		s->crc_valid = exp->crc_valid;
		s->crc = exp->crc;

		if (!namespace_list_contains(&mod->imported_namespaces, exp->namespace)) {
			modpost_log(!opts.allow_missing_ns_imports,
				    "module %s uses symbol %s from namespace %s, but does not import it.\n",
				    mod->basename, exp->name, exp->namespace);
			namespace_list_add(&mod->missing_namespaces, exp->namespace);
		}

		if (!mod->is_gpl_compatible && exp->is_gpl_only)
			error("GPL-incompatible module %s.ko uses GPL-only symbol '%s'\n",
			      mod->basename, exp->name);
	}
}

void report_suppressed_unresolved(void)
{
	if (nr_unresolved > MAX_UNRESOLVED_REPORTS)
		warn("suppressed %u unresolved symbol warnings because there were too many)\n",
		     nr_unresolved - MAX_UNRESOLVED_REPORTS);
}

void mark_whitelisted_exports_used(const char *path)
{
	char *buf = read_text_file(path);

	for (char *p = buf, *name; p; ) {
		name = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';

		struct symbol *s = export_find(name);

		if (s)
			s->used = true;
	}
	free(buf);
}
