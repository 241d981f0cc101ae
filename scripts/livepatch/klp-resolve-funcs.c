// SPDX-License-Identifier: GPL-2.0
/*
 * Build-time check of the functions a livepatch replaces: every struct
 * klp_func of the patch's klp_object array, for vmlinux and for every
 * module the index holds, judged the way klp_enable_patch() will
 * (klp-func-check.h).  What the kernel would refuse, or could not patch,
 * is an error here, with the entry, the object and what to write instead.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp-func-check.h"
#include "klp-module.h"
#include "klp-why-missing.h"

static void describe_symbol(struct buffer *b, const struct klp_symbol *sym)
{
	buf_printf(b, "\t  %s %s,%lu  (%c %s%s%s)\n", sym->object, sym->name, sym->sympos,
		   sym->type, sym->section[0] ? sym->section : "?",
		   sym->source ? ", " : "", sym->source ? sym->source : "");
}

static void offer_positions(struct buffer *b, const struct klp_func_verdict *v)
{
	for (size_t i = 0; i < v->n; i++) {
		describe_symbol(b, v->cands[i]);
		buf_printf(b, "\t      .old_sympos = %lu,\n", v->cands[i]->sympos);
	}
}

struct near_misses {
	struct buffer b;
	const char *object;
};

static void add_near_miss(const struct klp_symbol *sym, void *arg)
{
	struct near_misses *l = arg;

	if (strcmp(sym->object, l->object) == 0 && l->b.pos < 400)
		buf_printf(&l->b, "\t  %s %s,%lu  (%c)\n", sym->object, sym->name, sym->sympos,
			   sym->type);
}

static void emit_error(struct buffer *b)
{
	buf_write(b, "", 1);
	error("%s", b->p);
	buf_free(b);
}

static void report(const char *mod, const struct klp_index *idx,
		   const struct klp_patched_func *f, const struct klp_func_verdict *v)
{
	struct buffer b = { 0 };
	struct near_misses near = { .object = f->object };

	switch (v->finding) {
	case KLP_FUNC_OK:
	case KLP_FUNC_UNCHECKED:
	case KLP_FUNC_AFTER_LINK:
		return;
	case KLP_FUNC_NO_NAME:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko (object %s) has no old_name: the kernel\n"
			       "\trefuses the patch; name the function it replaces\n",
			   f->where, mod, f->object);
		break;
	case KLP_FUNC_NOT_FOUND:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko replaces '%s', but %s has no symbol of\n"
			       "\tthat name: klp_enable_patch() would fail (\"symbol '%s' not found in symbol table\")\n",
			   f->where, mod, f->old_name, f->object, f->old_name);
		klp_index_for_each_near_miss(idx, f->old_name, add_near_miss, &near);
		if (near.b.pos) {
			buf_printf(&b, "\tsymbols with a similar name (compiler clones are other functions with\n"
				       "\tother calling conventions: patch the function that calls them):\n");
			buf_write(&b, near.b.p, near.b.pos);
		}
		buf_free(&near.b);
		klp_why_missing(&b, idx, (const char *const *)&f->object, 1, f->old_name);
		break;
	case KLP_FUNC_AMBIGUOUS:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko replaces '%s', and %s has %zu symbols of\n"
			       "\tthat name: with .old_sympos 0 the kernel refuses the patch (\"unresolvable\n"
			       "\tambiguity for symbol '%s'\"); say which one in the klp_func entry:\n",
			   f->where, mod, f->old_name, f->object, v->n, f->old_name);
		offer_positions(&b, v);
		break;
	case KLP_FUNC_NO_POSITION:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko replaces '%s' at .old_sympos %lu, but %s has\n"
			       "\tonly %zu symbol%s of that name: klp_enable_patch() would fail (\"symbol\n"
			       "\tposition %lu for symbol '%s' in object '%s' not found\"); use one of:\n",
			   f->where, mod, f->old_name, f->old_sympos, f->object, v->n,
			   v->n == 1 ? "" : "s", f->old_sympos, f->old_name, f->object);
		offer_positions(&b, v);
		break;
	case KLP_FUNC_LOAD_ORDER:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko replaces '%s' of module %s, whose position\n"
			       "\tdepends on load order: the module also has a symbol of that name in an init\n"
			       "\tor non-loaded section, which the kernel counts while the module loads but\n"
			       "\tnot once it is loaded; rename one of them in the target module\n",
			   f->where, mod, f->old_name, f->object);
		break;
	case KLP_FUNC_NOT_FUNCTION:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko replaces '%s', but that symbol of %s is\n"
			       "\tnot a function:\n", f->where, mod, f->old_name, f->object);
		describe_symbol(&b, v->hit);
		break;
	case KLP_FUNC_NO_CALL_SITE:
		buf_printf(&b, "livepatch: klp_func %s of %s.ko replaces '%s' of %s, which cannot be patched:\n"
			       "\tno ftrace call site (notrace/noinstr, or inlined); klp_enable_patch() would\n"
			       "\tfail.  Patch a traceable function that calls it instead:\n",
			   f->where, mod, f->old_name, f->object);
		describe_symbol(&b, v->hit);
		break;
	}
	emit_error(&b);
}

void klp_check_patched_funcs(const struct klp_module *km, const struct klp_index *idx)
{
	klp_check_patch_funcs(km->mod->name, &km->patch, idx, NULL);
}

void klp_check_patch_funcs(const char *modname, const struct klp_patch_desc *patch,
			   const struct klp_index *idx, const char *only_object)
{
	struct string_list unchecked = { 0 };

	for (size_t i = 0; i < patch->nfuncs; i++) {
		const struct klp_patched_func *f = &patch->funcs[i];
		struct klp_func_verdict v;

		if (only_object && (!f->object || strcmp(f->object, only_object)))
			continue;
		klp_func_judge(idx, f, &v);
		if (v.finding == KLP_FUNC_UNCHECKED && !string_list_contains(&unchecked, f->object)) {
			string_list_add(&unchecked, f->object);
			warn("livepatch: %s.ko patches module %s, which is not in the target kernel's module\n"
			     "\ttree: the functions it replaces there are not checked (KLP_MODULES_DIR names\n"
			     "\tthe directory that holds %s.ko)\n", modname, f->object, f->object);
		}
		report(modname, idx, f, &v);
	}
	for (size_t i = 0; i < unchecked.n; i++)
		free(unchecked.v[i]);
	free(unchecked.v);
}
