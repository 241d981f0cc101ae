// SPDX-License-Identifier: GPL-2.0
/*
 * Which undefined symbols of a livepatch module become livepatch
 * relocations (klp_claim_symbols(), before modpost's checks look at them):
 *
 *  - vmlinux exports stay ordinary relocations (resolved by the module
 *    loader, versioned in __versions);
 *  - module exports become livepatch relocations to that module, so that
 *    the livepatch neither pulls in nor pins the module it patches;
 *  - everything nobody exports becomes a livepatch relocation, resolved
 *    later from the symbol index (klp-resolve.c);
 *  - an annotation overrides all of the above.
 *
 * The decisions are taken on the object's own names ("klp_string.12345"),
 * and carried over to modpost's unresolved symbols, whose names
 * remove_dot() has shortened.
 */
#include <stdlib.h>
#include <string.h>

#include "klp.h"
#include "klp-index.h"
#include "klp-module.h"
#include "objects.h"

static struct klp_conversion *find_conversion(struct klp_module *km, const char *cname)
{
	for (size_t i = 0; i < km->nconversions; i++)
		if (strcmp(km->conversions[i].cname, cname) == 0)
			return &km->conversions[i];
	return NULL;
}

static struct klp_conversion *add_conversion(struct klp_module *km, const char *cname,
					     enum klp_origin origin)
{
	struct klp_conversion *c;

	if (km->nconversions == km->conversions_cap) {
		km->conversions_cap = km->conversions_cap ? 2 * km->conversions_cap : 16;
		km->conversions = xrealloc(km->conversions,
					   km->conversions_cap * sizeof(*km->conversions));
	}
	c = &km->conversions[km->nconversions++];
	memset(c, 0, sizeof(*c));
	c->cname = xstrdup(cname);
	c->origin = origin;
	return c;
}

/* Does the undefined symbol @cname become a livepatch relocation? */
static bool claim_name(struct module *mod, const char *cname)
{
	struct klp_module *km = mod->klp;
	const struct klp_annotation *a;
	const struct symbol *exp;
	struct klp_conversion *c;

	if (find_conversion(km, cname))
		return true;
	a = klp_find_annotation(km, cname);
	if (a) {
		c = add_conversion(km, cname, KLP_FROM_ANNOTATION);
		c->annotation = a;
		/* the annotation's own pointer does not count as a use */
		if (klp_find_reference(km, cname))
			((struct klp_annotation *)a)->used = true;
		return true;
	}
	exp = export_find(cname);
	if (exp && (exp->module->is_vmlinux || exp->module == mod))
		return false;	/* ordinary relocation / the stock error */
	if (exp) {
		c = add_conversion(km, cname, KLP_FROM_MODULE_EXPORT);
		c->object = klp_kernel_module_name(exp->module->name);
		return true;
	}
	add_conversion(km, cname, KLP_FROM_INDEX);
	return true;
}

/* @raw as modpost's own lists name it (remove_dot()). */
static bool shortens_to(const char *raw, const char *name)
{
	char *copy = xstrdup(raw);
	bool same = strcmp(remove_dot(copy), name) == 0;

	free(copy);
	return same;
}

/*
 * modpost's unresolved symbol @s stands for every undefined name of the
 * object that remove_dot() shortens to s->name ("klp_string.12345" and
 * "klp_string.67890" are both "klp_string" there).  The livepatch side
 * works on the object's own names; modpost's symbol is claimed when all of
 * them become livepatch relocations.
 */
static bool claim_symbol(struct module *mod, const struct symbol *s)
{
	const struct string_list *undefined = &mod->klp->undefined;
	bool claimed = true, any = false;

	for (size_t i = 0; i < undefined->n; i++) {
		if (!shortens_to(undefined->v[i], s->name))
			continue;
		any = true;
		if (!claim_name(mod, undefined->v[i]))
			claimed = false;
	}
	/* a name modpost made up itself (no such symbol in the object) */
	return any ? claimed : claim_name(mod, s->name);
}

void klp_claim_symbols(struct module **mods, size_t n)
{
	for (size_t m = 0; m < n; m++) {
		struct module *mod = mods[m];

		if (!mod->klp)
			continue;
		for (size_t i = 0; i < mod->unresolved.n; i++) {
			struct symbol *s = mod->unresolved.v[i];

			s->klp_claimed = claim_symbol(mod, s);
		}
	}
}
