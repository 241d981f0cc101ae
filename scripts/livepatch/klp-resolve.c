// SPDX-License-Identifier: GPL-2.0
/*
 * Resolving a livepatch module's claimed symbols (klp-claim.c says which)
 * to the one symbol of that name in vmlinux or in the modules the patch
 * declares, or to what the annotation says; and checking the functions the
 * patch replaces (klp-resolve-funcs.c).
 *
 * Positions are counted as the kernel's livepatch loader counts them (the
 * symbol index, klp-index.h); a name that is not unique must be
 * annotated, and the build fails with the candidates and the line to
 * paste.  A name found nowhere is a warning: the module would fail to load
 * with "Unknown symbol".
 */
#include <inttypes.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp.h"
#include "klp-clones.h"
#include "klp-index.h"
#include "klp-intree.h"
#include "klp-record.h"
#include "klp-module.h"
#include "klp-rules.h"
#include "klp-why-missing.h"

/* ---- the index, opened once for all livepatch modules ---- */

static struct klp_index *target_index;
static char *index_release;
static char *index_searched;

static char *kernel_release(void)
{
	/* modpost runs in the kernel build tree (external builds: KDIR) */
	const char *env = getenv("KLP_RELEASE");

	if (env && *env)
		return xstrdup(env);
	return klp_build_tree_release();
}

static bool open_index(const struct module *first_user, const char *vmlinux_object,
		       bool conversions)
{
	struct klp_index_sources src;
	/* kbuild runs modpost in the kernel build tree, in-tree or external */
	struct klp_source_choice given = {
		.build_tree_vmlinux = true,
		.vmlinux_object = vmlinux_object,
		/* on the critical path of every kernel build: read only if needed */
		.vmlinux_object_unread = !conversions,
	};
	/* without conversions, the index only checks klp_func: not finding it is no error */
	bool required = conversions;

	if (target_index)
		return true;
	index_release = kernel_release();
	given.release = index_release;
	klp_index_choose_sources(&given, &src, &index_searched);
	target_index = klp_index_open(&src);
	klp_index_sources_free(&src);
	if (!target_index && !required) {
		warn("livepatch: the symbol table of the target kernel%s%s was not found, so the\n"
		     "\tfunctions %s.ko replaces (struct klp_func) are not checked; install the\n"
		     "\tkernel's debug package (Debian: linux-image-%s-dbg) or set KLP_VMLINUX\n",
		     index_release ? " " : "", index_release ? index_release : "",
		     first_user->name, index_release ? index_release : "<release>");
		return false;
	}
	if (!target_index) {
		error("livepatch: %s.ko needs the symbol table of the target kernel%s%s, and none was found.\n"
		      "Looked in:\n%s"
		      "Install the kernel's debug package (Debian: linux-image-%s-dbg), or point\n"
		      "KLP_VMLINUX at a vmlinux with symbols, or KLP_SYSTEM_MAP at its System.map\n"
		      "(make variables or environment); KLP_MODULES_DIR names the module tree.\n",
		      first_user->name, index_release ? " " : "",
		      index_release ? index_release : "",
		      index_searched ? index_searched : "\t(nowhere: the kernel release is unknown)\n",
		      index_release ? index_release : "<release>");
		return false;
	}
	return true;
}

/* ---- scope ---- */

static bool object_declared(const struct klp_module *km, const char *object)
{
	return strcmp(object, KLP_VMLINUX_NAME) == 0 || !km->scope_known ||
	       string_list_contains(&km->declared, object);
}

/* Modules the target_index must read for every livepatch module; NULL: all of them. */
static bool collect_modules(struct module **mods, size_t n, struct string_list *out)
{
	for (size_t m = 0; m < n; m++) {
		const struct klp_module *km = mods[m]->klp;

		if (!km || (!km->nconversions && !km->patch.nfuncs))
			continue;
		if (!km->scope_known)
			return false;
		for (size_t i = 0; i < km->declared.n; i++)
			if (strcmp(km->declared.v[i], KLP_VMLINUX_NAME))
				string_list_add(out, km->declared.v[i]);
		for (size_t i = 0; i < km->nconversions; i++) {
			const struct klp_conversion *c = &km->conversions[i];
			const char *object = c->annotation ? c->annotation->object : c->object;

			if (object && strcmp(object, KLP_VMLINUX_NAME))
				string_list_add(out, object);
		}
	}
	return true;
}

/*
 * In-tree builds: modules built in this run are read from their objects,
 * taking precedence over any installed copy of an older build.
 */
static void index_modules_of_this_build(struct module **mods, size_t n,
					const struct string_list *wanted, bool all)
{
	for (size_t m = 0; m < n; m++) {
		const struct module *mod = mods[m];
		char *kname, *path;

		if (mod->from_dump || mod->is_vmlinux || mod->klp)
			continue;
		kname = klp_kernel_module_name(mod->name);
		if (all || string_list_contains(wanted, kname)) {
			path = xmalloc(strlen(mod->name) + 3);
			sprintf(path, "%s.o", mod->name);
			if (!klp_index_add_module_object(target_index, kname, path))
				warn("livepatch: cannot read %s for the symbols of module %s\n",
				     path, kname);
			free(path);
		}
		free(kname);
	}
}

/* ---- messages ---- */

static void describe_sites(struct buffer *b, const struct klp_module *km, const char *cname)
{
	const struct klp_reference *ref = klp_find_reference(km, cname);
	size_t shown;

	if (!ref || !ref->nsites) {
		buf_printf(b, "\t(no relocation refers to it in loaded sections)\n");
		return;
	}
	buf_printf(b, "\treferenced from ");
	for (shown = 0; shown < ref->nsites && shown < 4; shown++)
		buf_printf(b, "%s%s+0x%" PRIx64, shown ? ", " : "",
			   ref->sites[shown].section, ref->sites[shown].offset);
	if (ref->nsites > shown)
		buf_printf(b, " and %zu more", ref->nsites - shown);
	buf_printf(b, "\n");
}

static bool is_c_identifier(const char *s)
{
	if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	return s[strspn(s, "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")] == '\0';
}

/*
 * The C name to print in a line to paste: a reference named by an asm
 * label ("klpt_calls.0") has a C name modpost cannot know.
 */
static const char *paste_name(struct buffer *b, const char *cname)
{
	if (is_c_identifier(cname))
		return cname;
	buf_printf(b, "\t(%s is not a C identifier: below, NAME stands for the C name you\n"
		      "\tdeclared with asm(\"%s\"))\n", cname, cname);
	return "NAME";
}

/* vmlinux read from vmlinux.o: its positions are not yet the kernel's */
static bool position_unknown(const struct klp_symbol *sym)
{
	return klp_index_vmlinux_is_object(target_index) &&
	       strcmp(sym->object, KLP_VMLINUX_NAME) == 0;
}

static void describe_candidate(struct buffer *b, const char *cname,
			       const struct klp_symbol *sym, bool with_annotation)
{
	if (position_unknown(sym)) {
		buf_printf(b, "\t  %s %s  (%c %s%s%s; its position is known once vmlinux is linked:\n"
			      "\t      see System.map)\n", sym->object, sym->name, sym->type,
			   sym->section[0] ? sym->section : "?",
			   sym->source ? ", " : "", sym->source ? sym->source : "");
		if (with_annotation)
			buf_printf(b, "\t      KLP_SYMBOL(%s, %s, \"%s\", <position>);\n", cname,
				   sym->object, sym->name);
		return;
	}
	buf_printf(b, "\t  %s %s,%lu  (%c %s%s%s)\n", sym->object, sym->name,
		   sym->count > 1 ? sym->sympos : 0UL, sym->type,
		   sym->section[0] ? sym->section : "?",
		   sym->source ? ", " : "", sym->source ? sym->source : "");
	if (with_annotation)
		buf_printf(b, "\t      KLP_SYMBOL(%s, %s, \"%s\", %lu);\n", cname,
			   sym->object, sym->name, sym->count > 1 ? sym->sympos : 0UL);
}

/* Print @b as one message (it may exceed buf_printf's line limit). */
static void emit(bool is_error, struct buffer *b)
{
	buf_write(b, "", 1);
	if (is_error)
		error("%s", b->p);
	else
		warn("%s", b->p);
	buf_free(b);
}

/* ---- resolution ---- */

struct candidates {
	const struct klp_symbol **v;
	size_t n, cap;
	size_t objects;		/* distinct objects among them */
};

static void candidates_add(struct candidates *c, const struct klp_symbol *sym)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	if (c->n == 0 || strcmp(c->v[c->n - 1]->object, sym->object))
		c->objects++;
	c->v[c->n++] = sym;
}

/* Occurrences of @name in the objects @km may patch (or in @object only). */
static void find_candidates(const struct klp_module *km, const char *object,
			    const char *name, struct candidates *out)
{
	const struct klp_symbol *const *found;
	size_t n = klp_index_lookup(target_index, object, name, &found);

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		if (object || object_declared(km, found[i]->object))
			candidates_add(out, found[i]);
}

struct near_miss_list {
	struct buffer *b;
	const struct klp_module *km;
	size_t shown, clones;
};

static void add_near_miss(const struct klp_symbol *sym, void *arg)
{
	struct near_miss_list *l = arg;
	const char *kind = klp_clone_kind(sym->name, NULL);

	if (!object_declared(l->km, sym->object) || l->shown >= 8)
		return;
	if (!l->shown++)
		buf_printf(l->b, "\tsimilar names, none of them a substitute:\n");
	buf_printf(l->b, "\t  %s %s", sym->object, sym->name);
	if (sym->count > 1)
		buf_printf(l->b, ",%lu", sym->sympos);
	if (kind) {
		l->clones++;
		buf_printf(l->b, "  (%s)", kind);
	} else if (str_starts(sym->name, "__pfx_")) {
		buf_printf(l->b, "  (padding before the function)");
	}
	buf_printf(l->b, "\n");
}

static void describe_near_misses(struct buffer *b, const struct klp_module *km,
				 const char *name)
{
	struct near_miss_list l = { .b = b, .km = km };

	klp_index_for_each_near_miss(target_index, name, add_near_miss, &l);
	if (l.clones)
		buf_printf(b, "\ta compiler clone has its own calling convention, or is only a part of\n"
			      "\tthe function: copy %s into the livepatch instead (a clone can only be\n"
			      "\tcalled by code written for it: KLP_SYMBOL_CLONE() in <linux/klp-annotations.h>)\n",
			   name);
}

static void describe_searched(struct buffer *b, const struct klp_module *km)
{
	buf_printf(b, "\tsearched: vmlinux (%s)", klp_index_vmlinux_source(target_index));
	if (!km->scope_known) {
		buf_printf(b, " and every module of the target kernel\n");
		return;
	}
	for (size_t i = 0; i < km->declared.n; i++) {
		const char *o = km->declared.v[i];

		if (strcmp(o, KLP_VMLINUX_NAME) == 0)
			continue;
		buf_printf(b, ", %s%s", o, klp_index_has_object(target_index, o) ? "" : " (module not found)");
	}
	buf_printf(b, "\n");
}

/* Why @name is in none of the objects searched: vmlinux and the modules declared. */
static void why_missing(struct buffer *b, const struct klp_module *km, const char *name)
{
	const char **objects = xmalloc((km->declared.n + 1) * sizeof(*objects));
	size_t n = 0;

	objects[n++] = KLP_VMLINUX_NAME;
	for (size_t i = 0; km->scope_known && i < km->declared.n; i++)
		if (strcmp(km->declared.v[i], KLP_VMLINUX_NAME) &&
		    klp_index_has_object(target_index, km->declared.v[i]))
			objects[n++] = km->declared.v[i];
	klp_why_missing(b, target_index, objects, n, name);
	free(objects);
}

static bool load_order_dependent(const struct candidates *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i]->load_order_dependent)
			return true;
	return false;
}

static void refuse_load_order(const struct klp_module *km, const struct klp_conversion *c,
			      const char *object, const char *name)
{
	struct buffer b = { 0 };

	buf_printf(&b, "livepatch: \"%s\" [%s.ko]: the position of %s in module %s depends on load order:\n",
		   c->cname, km->mod->name, name, object);
	buf_puts(&b, "\tthe module also has a symbol of that name in an init or non-loaded section;\n"
		     "\tthe kernel counts those while the module is loading (a patch applied to a\n"
		     "\tmodule that loads after the livepatch) but not once it is loaded, so no\n"
		     "\tposition is right in both cases.  Patch a function that uses it instead,\n"
		     "\tor rename one of the symbols in the target module.\n");
	describe_sites(&b, km, c->cname);
	emit(true, &b);
}

static void report_ambiguous(const struct klp_module *km, const struct klp_conversion *c,
			     const struct candidates *cands, const char *what)
{
	struct buffer b = { 0 };
	const char *pname;

	buf_printf(&b, "livepatch: \"%s\" [%s.ko] is ambiguous: %zu symbols of that name %s\n",
		   c->cname, km->mod->name, cands->n, what);
	describe_sites(&b, km, c->cname);
	buf_printf(&b, "\tsay which one with an annotation in the livepatch source\n"
		       "\t(#include <linux/klp-annotations.h>); the candidates, each with its line:\n");
	pname = paste_name(&b, c->cname);
	for (size_t i = 0; i < cands->n; i++)
		describe_candidate(&b, pname, cands->v[i], true);
	emit(true, &b);
}

static void set_result(struct klp_conversion *c, const char *object, const char *name,
		       unsigned long sympos)
{
	char *copy = xstrdup(object);	/* @object may be c->object itself */

	free(c->object);
	c->object = copy;
	c->name = xstrdup(name);
	c->sympos = sympos;
	c->resolved = true;
}

static void resolve_annotated(struct klp_module *km, struct klp_conversion *c)
{
	const struct klp_annotation *a = c->annotation;
	struct candidates cands;
	struct buffer b = { 0 };
	const char *pname;

	if (!object_declared(km, a->object)) {
		error("livepatch: annotation %s of %s.ko names object %s, which the patch does not declare\n"
		      "\t(struct klp_patch .objs); the kernel would never apply that relocation:\n"
		      "\tadd a struct klp_object for %s, or fix the annotation\n",
		      a->where, km->mod->name, a->object, a->object);
		return;
	}
	if (!klp_index_has_object(target_index, a->object)) {
		error("livepatch: annotation %s of %s.ko names module %s, which is not in the\n"
		      "\ttarget kernel's module tree, so its position cannot be checked;\n"
		      "\tset KLP_MODULES_DIR to the directory that holds %s.ko\n",
		      a->where, km->mod->name, a->object, a->object);
		return;
	}
	find_candidates(km, a->object, a->name, &cands);
	if (cands.n == 0) {
		buf_printf(&b, "livepatch: annotation %s of %s.ko: %s has no symbol '%s'\n",
			   a->where, km->mod->name, a->object, a->name);
		describe_near_misses(&b, km, a->name);
		klp_why_missing(&b, target_index, (const char *const *)&a->object, 1, a->name);
		emit(true, &b);
	} else if (load_order_dependent(&cands)) {
		refuse_load_order(km, c, a->object, a->name);
	} else if (position_unknown(cands.v[0])) {
		/* the final vmlinux checks the position (klp-intree.c) */
		set_result(c, a->object, a->name, a->sympos);
		c->how = KLP_POSITION_ANNOTATED;
	} else if (a->sympos == 0 && cands.n > 1) {
		buf_printf(&b, "livepatch: annotation %s of %s.ko gives position 0 for '%s', but %s has %zu\n"
			       "\tsymbols of that name (0 means \"unique\"); use one of:\n",
			   a->where, km->mod->name, a->name, a->object, cands.n);
		pname = paste_name(&b, c->cname);
		for (size_t i = 0; i < cands.n; i++)
			describe_candidate(&b, pname, cands.v[i], true);
		buf_printf(&b, "\t(KLP_SYMBOL() is in <linux/klp-annotations.h>)\n");
		emit(true, &b);
	} else if (a->sympos > cands.n) {
		buf_printf(&b, "livepatch: annotation %s of %s.ko gives position %lu for '%s', but %s has\n"
			       "\tonly %zu symbol%s of that name; use one of:\n",
			   a->where, km->mod->name, a->sympos, a->name, a->object, cands.n,
			   cands.n == 1 ? "" : "s");
		pname = paste_name(&b, c->cname);
		for (size_t i = 0; i < cands.n; i++)
			describe_candidate(&b, pname, cands.v[i], true);
		buf_printf(&b, "\t(KLP_SYMBOL() is in <linux/klp-annotations.h>)\n");
		emit(true, &b);
	} else {
		set_result(c, a->object, a->name, a->sympos);
	}
	free(cands.v);
}

static void resolve_module_export(struct klp_module *km, struct klp_conversion *c)
{
	struct candidates cands;

	if (!object_declared(km, c->object)) {
		error("livepatch: \"%s\" [%s.ko] is exported by module %s, which the patch does not\n"
		      "\tdeclare (struct klp_patch .objs); the kernel would never apply that relocation:\n"
		      "\tadd a struct klp_object for %s\n",
		      c->cname, km->mod->name, c->object, c->object);
		return;
	}
	if (!klp_index_has_object(target_index, c->object)) {
		warn("livepatch: \"%s\" [%s.ko] is exported by module %s, which is not in the target\n"
		     "\tkernel's module tree; assuming the name is unique there (position 0)\n",
		     c->cname, km->mod->name, c->object);
		set_result(c, c->object, c->cname, 0);
		return;
	}
	find_candidates(km, c->object, c->cname, &cands);
	if (cands.n == 0) {
		warn("livepatch: \"%s\" [%s.ko] is exported by module %s, but that module's symbol\n"
		     "\ttable has no such symbol; assuming it is unique there (position 0)\n",
		     c->cname, km->mod->name, c->object);
		set_result(c, c->object, c->cname, 0);
	} else if (load_order_dependent(&cands)) {
		refuse_load_order(km, c, c->object, c->cname);
	} else if (cands.n > 1) {
		report_ambiguous(km, c, &cands, "in the module that exports it");
	} else {
		set_result(c, c->object, c->cname, 0);
	}
	free(cands.v);
}

static void resolve_from_index(struct klp_module *km, struct klp_conversion *c)
{
	struct candidates cands;
	struct buffer b = { 0 };

	find_candidates(km, NULL, c->cname, &cands);
	if (cands.n == 0) {
		buf_printf(&b, "livepatch: \"%s\" [%s.ko] is not exported and not found in the patched objects;\n"
			       "\tit stays undefined and the module will not load (\"Unknown symbol\")\n",
			   c->cname, km->mod->name);
		describe_sites(&b, km, c->cname);
		describe_near_misses(&b, km, c->cname);
		why_missing(&b, km, c->cname);
		describe_searched(&b, km);
		emit(false, &b);
	} else if (load_order_dependent(&cands)) {
		refuse_load_order(km, c, cands.v[0]->object, c->cname);
	} else if (cands.n > 1 && cands.objects == 1 && position_unknown(cands.v[0])) {
		/* the candidates' positions come with the final vmlinux (klp-intree.c) */
		set_result(c, KLP_VMLINUX_NAME, c->cname, 0);
		c->how = KLP_POSITION_AMBIGUOUS;
	} else if (cands.n > 1) {
		report_ambiguous(km, c, &cands, cands.objects > 1 ? "in several patched objects"
								  : "in the patched object");
	} else {
		set_result(c, cands.v[0]->object, c->cname, 0);
		if (position_unknown(cands.v[0])) {
			c->how = KLP_POSITION_IDENTITY;
			c->symidx = cands.v[0]->address;
		}
	}
	free(cands.v);
}

/* Kernel rules that depend on the result: names, special sections. */
/* A declaration bound to a compiler clone is a wrong call unless written for it. */
static void check_clone(const struct klp_module *km, const struct klp_conversion *c)
{
	const char *why, *kind = klp_clone_kind(c->name, &why);
	char position[32] = "";

	if (!kind || (c->annotation && c->annotation->clone_abi))
		return;
	/* in-tree, the position of a vmlinux symbol is known after the link */
	if (c->how == KLP_POSITION_FINAL)
		snprintf(position, sizeof(position), ",%lu", c->sympos);
	warn("livepatch: \"%s\" [%s.ko] is bound to %s %s%s, a %s: %s,\n"
	     "\tso calling it (or reading it) through the declaration of the original is wrong.\n"
	     "\tCopy the original function into the livepatch instead; if the declaration was\n"
	     "\twritten for the clone's own calling convention, say so with KLP_SYMBOL_CLONE()\n"
	     "\t(<linux/klp-annotations.h>)\n",
	     c->cname, km->mod->name, c->object, c->name, position, kind, why);
}

static void check_result(const struct klp_module *km, const struct klp_conversion *c)
{
	const struct klp_reference *ref;

	check_clone(km, c);

	if (!klp_object_name_ok(c->object))
		error("livepatch: \"%s\" [%s.ko] resolves to object '%s', whose name the kernel cannot\n"
		      "\tparse (at most %d characters, no '.')\n",
		      c->cname, km->mod->name, c->object, KLP_OBJECT_NAME_MAX);
	if (!klp_symbol_name_ok(c->name))
		error("livepatch: \"%s\" [%s.ko] resolves to symbol '%s', whose name the kernel cannot\n"
		      "\tparse (at most %d characters, no ',')\n",
		      c->cname, km->mod->name, c->name, KLP_SYMBOL_NAME_MAX);
	if (strcmp(c->object, KLP_VMLINUX_NAME) == 0)
		return;

	ref = klp_find_reference(km, c->cname);
	for (size_t i = 0; ref && i < ref->nsites; i++) {
		const char *instead, *why;

		why = klp_special_section_reason(ref->sites[i].section, &instead);
		if (why)
			error("livepatch: \"%s\" [%s.ko] is a symbol of module %s, referenced from\n"
			      "\t%s+0x%" PRIx64 ": %s, so a relocation to a module that\n"
			      "\tmay load later cannot work there; %s\n",
			      c->cname, km->mod->name, c->object, ref->sites[i].section,
			      ref->sites[i].offset, why, instead);
	}
}

static void check_unused_annotations(const struct klp_module *km)
{
	for (size_t i = 0; i < km->nannotations; i++) {
		const struct klp_annotation *a = &km->annotations[i];

		if (!a->used)
			error("livepatch: annotation %s of %s.ko is for '%s', which the module never\n"
			      "\treferences as an undefined symbol; remove it or fix the name\n",
			      a->where, km->mod->name, a->cname);
	}
}

/* Does a livepatch replace functions of a module (not only of vmlinux)? */
static bool patches_modules(struct module **mods, size_t n)
{
	for (size_t m = 0; m < n; m++) {
		const struct klp_module *km = mods[m]->klp;

		for (size_t i = 0; km && i < km->patch.nfuncs; i++)
			if (!km->patch.funcs[i].object ||
			    strcmp(km->patch.funcs[i].object, KLP_VMLINUX_NAME))
				return true;
	}
	return false;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void klp_resolve_all(struct module **mods, size_t n, bool in_tree, const char *object_list)
{
	double t_start, t_vmlinux, t_modules, t_end;
	size_t nconv = 0;

	struct string_list wanted = { 0 };
	const struct module *first_user = NULL;
	const char *vmlinux_object = NULL;
	bool all_modules;

	bool conversions = false;

	klp_intree_list_modules(mods, n, object_list);

	for (size_t m = 0; m < n; m++) {
		const struct klp_module *km = mods[m]->klp;

		if (!km)
			continue;
		check_unused_annotations(km);
		conversions |= km->nconversions > 0;
		if ((km->nconversions || km->patch.nfuncs) && !first_user)
			first_user = mods[m];
	}
	/* in-tree with vmlinux.o: the final vmlinux does not exist yet (klp-intree.h) */
	for (size_t m = 0; in_tree && m < n; m++)
		if (mods[m]->is_vmlinux && !mods[m]->from_dump)
			vmlinux_object = KLP_INTREE_VMLINUX_O;
	/*
	 * ... and the klp_func entries for vmlinux are judged after the link:
	 * livepatches that only replace vmlinux functions (the kernel's own
	 * samples) need no index here.
	 */
	if (vmlinux_object && !conversions && !patches_modules(mods, n))
		return;
	t_start = seconds_now();
	if (!first_user || !open_index(first_user, vmlinux_object, conversions))
		return;
	t_vmlinux = seconds_now();

	all_modules = !collect_modules(mods, n, &wanted);
	klp_index_load_modules(target_index, all_modules ? NULL : (const char *const *)wanted.v,
			       wanted.n);
	if (in_tree)
		index_modules_of_this_build(mods, n, &wanted, all_modules);
	t_modules = seconds_now();

	for (size_t m = 0; m < n; m++) {
		struct klp_module *km = mods[m]->klp;

		if (km)
			klp_check_patched_funcs(km, target_index);
		if (!km || !km->nconversions)
			continue;
		if (!km->scope_known)
			warn("livepatch: cannot tell which objects %s.ko patches (no struct klp_patch\n"
			     "\twith a klp_object array found); resolving against vmlinux and every module\n",
			     km->mod->name);
		for (size_t i = 0; i < km->nconversions; i++) {
			struct klp_conversion *c = &km->conversions[i];

			switch (c->origin) {
			case KLP_FROM_ANNOTATION:
				resolve_annotated(km, c);
				break;
			case KLP_FROM_MODULE_EXPORT:
				resolve_module_export(km, c);
				break;
			case KLP_FROM_INDEX:
				resolve_from_index(km, c);
				break;
			}
			if (c->resolved)
				check_result(km, c);
		}
		nconv += km->nconversions;
		if (klp_index_vmlinux_is_object(target_index))
			klp_intree_identify(km, KLP_INTREE_VMLINUX_O);
	}
	t_end = seconds_now();

	/* KLP_STATS=1: where the time goes (make bench reads this) */
	if (getenv("KLP_STATS")) {
		double why_first, why = klp_why_missing_seconds(&why_first);

		fprintf(stderr, "klp-stats: index-vmlinux %.6f s, index-modules %.6f s, "
			"resolve %.6f s for %zu references, why-missing %.6f s (first %.6f s)\n",
			t_vmlinux - t_start, t_modules - t_vmlinux, t_end - t_modules, nconv, why,
			why_first);
	}
	klp_why_missing_done();
	for (size_t i = 0; i < wanted.n; i++)
		free(wanted.v[i]);
	free(wanted.v);
}

/* ---- the record in the .mod.c ---- */

void klp_add_mod_c(struct buffer *b, const struct module *mod)
{
	const struct klp_module *km = mod->klp;
	struct klp_record_line *lines;
	size_t n = 0;

	if (!km)
		return;
	lines = xcalloc(km->nconversions, sizeof(*lines));
	for (size_t i = 0; i < km->nconversions; i++) {
		const struct klp_conversion *c = &km->conversions[i];

		if (!c->resolved)
			continue;
		lines[n].cname = c->cname;
		lines[n].object = (char *)c->object;
		lines[n].name = (char *)c->name;
		lines[n].sympos = c->sympos;
		lines[n].how = c->how;
		lines[n].identity = c->identity;
		n++;
	}
	if (n) {
		klp_record_write(b, mod->name, lines, n, false);
		if (klp_record_guarded())
			klp_record_write_guard(b, mod->name);
	}
	free(lines);
}
