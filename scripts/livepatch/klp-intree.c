// SPDX-License-Identifier: GPL-2.0
/*
 * In-tree builds: vmlinux.o identities in modpost's pass, kernel positions
 * after the final link (klp-intree.h).
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../include/uapi/linux/livepatch.h"
#include "elffile.h"
#include "klp-index.h"
#include "klp-intree.h"
#include "klp-module.h"
#include "klp-record.h"
#include "lib.h"

/* A symbol the identity counts: defined, local, not a section or file symbol. */
static bool counted_local(const struct elf_symbol *sym, const char *name)
{
	return sym->bind == STB_LOCAL && sym->shndx != SHN_UNDEF &&
	       sym->type != STT_SECTION && sym->type != STT_FILE &&
	       strcmp(sym->name, name) == 0;
}

static bool defined_global(const struct elf_symbol *sym, const char *name)
{
	return sym->bind != STB_LOCAL && sym->shndx != SHN_UNDEF && strcmp(sym->name, name) == 0;
}

/* The STT_FILE name the locals at @i follow, or "-". */
static const char *source_of(const struct elf_file *elf, unsigned int i)
{
	while (i-- > 1)
		if (elf->syms[i].type == STT_FILE)
			return elf->syms[i].name[0] ? elf->syms[i].name : "-";
	return "-";
}

static bool open_symbols(struct elf_file *elf, const char *path)
{
	switch (elf_open_ex(elf, path, ELF_OPEN_ANY_TYPE)) {
	case ELF_OPEN_OK:
		if (elf->symtab_index && elf->nsyms > 1)
			return true;
		error("%s: has no symbol table\n", path);
		elf_close(elf);
		return false;
	case ELF_OPEN_NOT_ELF:
		error("%s: not an ELF file\n", path);
		return false;
	case ELF_OPEN_MISSING:
	default:
		error("%s: %m\n", path);
		return false;
	}
}

/* ---- modpost's pass ---- */

void klp_intree_list_modules(struct module **mods, size_t n, const char *object_list)
{
#ifdef KLP_MODPOST_INTREE
	struct buffer b = { 0 };
	const char *slash = object_list ? strrchr(object_list, '/') : NULL;
	char *path;

	if (!object_list)
		return;
	for (size_t i = 0; i < n; i++)
		if (mods[i]->klp && !mods[i]->from_dump && !mods[i]->is_vmlinux)
			buf_printf(&b, "%s.o\n", mods[i]->name);
	path = slash ? xasprintf("%.*s/" KLP_INTREE_MODULE_LIST, (int)(slash - object_list),
				 object_list)
		     : xstrdup(KLP_INTREE_MODULE_LIST);
	write_if_changed(&b, path);
	free(path);
	buf_free(&b);
#else
	(void)mods;
	(void)n;
	(void)object_list;
#endif
}

static char *identity_of(const struct elf_file *elf, unsigned int index)
{
	const struct elf_symbol *sym = &elf->syms[index];
	unsigned long k = 0;

	if (sym->bind != STB_LOCAL)
		return xasprintf("G:%u", sym->type);
	for (unsigned int i = 1; i <= index; i++)
		if (counted_local(&elf->syms[i], sym->name))
			k++;
	return xasprintf("L%lu:%u:%s", k, sym->type, source_of(elf, index));
}

void klp_intree_identify(struct klp_module *km, const char *vmlinux_o)
{
	static struct elf_file elf;
	static int opened;	/* 0 not yet, 1 open, -1 failed */

	for (size_t i = 0; i < km->nconversions; i++) {
		struct klp_conversion *c = &km->conversions[i];

		if (!c->resolved || c->how != KLP_POSITION_IDENTITY)
			continue;
		if (!opened)
			opened = open_symbols(&elf, vmlinux_o) ? 1 : -1;
		if (opened < 0 || c->symidx == 0 || c->symidx >= elf.nsyms ||
		    strcmp(elf.syms[c->symidx].name, c->name)) {
			error("livepatch: \"%s\" [%s.ko]: cannot find %s again in %s\n",
			      c->cname, km->mod->name, c->name, vmlinux_o);
			c->resolved = false;
			continue;
		}
		c->identity = identity_of(&elf, (unsigned int)c->symidx);
	}
}

/* ---- the post-link step ---- */

struct settle {
	const char *module;		/* for messages: "dir/name" of dir/name.ko */
	const char *vmlinux;
	char *vmlinux_o;
	struct elf_file final, object;
	bool final_open, object_open;
	const struct klp_index *index;	/* the final vmlinux, as the kernel counts */
	bool failed;
};

/*
 * The index of the final vmlinux at @vmlinux, read once per run: the
 * klp_func check and the positions of every module finalized use it.
 * NULL (reported) if it cannot be read.
 */
static const struct klp_index *final_index(const char *vmlinux)
{
	static struct klp_index *idx;
	static char *path;
	struct klp_index_sources src = { .vmlinux_elf = vmlinux };

	if (path && strcmp(path, vmlinux) == 0)
		return idx;
	klp_index_free(idx);
	free(path);
	path = xstrdup(vmlinux);
	idx = klp_index_open(&src);
	return idx;
}

static bool need_final(struct settle *s)
{
	if (!s->index) {
		s->index = final_index(s->vmlinux);
		if (!s->index) {
			error("livepatch: %s.ko: %s is needed to convert it: link vmlinux first\n",
			      s->module, s->vmlinux);
			return false;
		}
	}
	if (!s->final_open && !(s->final_open = open_symbols(&s->final, s->vmlinux)))
		return false;
	if (!s->object_open && !(s->object_open = open_symbols(&s->object, s->vmlinux_o)))
		return false;
	return true;
}

static void describe_final(struct buffer *b, const char *cname, const struct klp_symbol *sym)
{
	unsigned long pos = sym->count > 1 ? sym->sympos : 0;

	buf_printf(b, "\t  %s %s,%lu  (%c %s%s%s)\n", sym->object, sym->name, pos, sym->type,
		   sym->section[0] ? sym->section : "?", sym->source ? ", " : "",
		   sym->source ? sym->source : "");
	buf_printf(b, "\t      KLP_SYMBOL(%s, %s, \"%s\", %lu);\n", cname, sym->object,
		   sym->name, pos);
}

static void fail(struct settle *s, struct buffer *b)
{
	buf_write(b, "", 1);
	error("%s", b->p);
	buf_free(b);
	s->failed = true;
}

/* Every symbol of @l's name in the final vmlinux, with the line to paste for each. */
static void list_candidates(struct settle *s, struct buffer *b, const struct klp_record_line *l)
{
	const struct klp_symbol *const *found;
	size_t n = klp_index_lookup(s->index, KLP_VMLINUX_NAME, l->name, &found);

	for (size_t i = 0; i < n; i++)
		describe_final(b, l->cname, found[i]);
	buf_printf(b, "\t(KLP_SYMBOL() is in <linux/klp-annotations.h>)\n");
}

static void settle_ambiguous(struct settle *s, struct klp_record_line *l)
{
	struct buffer b = { 0 };
	const struct klp_symbol *const *found;
	size_t n = klp_index_lookup(s->index, KLP_VMLINUX_NAME, l->name, &found);

	buf_printf(&b, "livepatch: \"%s\" [%s.ko] is ambiguous: %zu symbols of that name in vmlinux\n"
		       "\tsay which one with an annotation in the livepatch source\n"
		       "\t(#include <linux/klp-annotations.h>); the candidates, each with its line:\n",
		   l->cname, s->module, n);
	list_candidates(s, &b, l);
	fail(s, &b);
}

static void settle_annotated(struct settle *s, struct klp_record_line *l)
{
	struct buffer b = { 0 };
	const struct klp_symbol *const *found;
	size_t n = klp_index_lookup(s->index, KLP_VMLINUX_NAME, l->name, &found);

	if (n == 0)
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: the annotation names vmlinux %s, which the\n"
			       "\tlinked vmlinux does not have (kallsyms would not find it)\n",
			   l->cname, s->module, l->name);
	else if (l->sympos == 0 && n > 1)
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: the annotation gives position 0 for '%s', but\n"
			       "\tvmlinux has %zu symbols of that name (0 means \"unique\"); use one of:\n",
			   l->cname, s->module, l->name, n);
	else if (l->sympos > n)
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: the annotation gives position %lu for '%s', but\n"
			       "\tvmlinux has only %zu symbol%s of that name; use one of:\n",
			   l->cname, s->module, l->sympos, l->name, n, n == 1 ? "" : "s");
	else
		return;
	if (n)
		list_candidates(s, &b, l);
	fail(s, &b);
}

struct wanted {
	unsigned long local;	/* k of "L<k>", or 0 for "G" */
	unsigned int type;
	const char *source;	/* after the type: the rest of the identity */
};

static bool parse_identity(const char *id, struct wanted *w)
{
	char *end;

	memset(w, 0, sizeof(*w));
	if (id[0] == 'G' && id[1] == ':') {
		w->type = (unsigned int)strtoul(id + 2, &end, 10);
		return end > id + 2 && !*end;
	}
	if (id[0] != 'L')
		return false;
	w->local = strtoul(id + 1, &end, 10);
	if (w->local == 0 || *end != ':')
		return false;
	id = end + 1;
	w->type = (unsigned int)strtoul(id, &end, 10);
	if (end == id || *end != ':')
		return false;
	w->source = end + 1;
	return true;
}

/* The @k-th counted local named @name (1-based), its symbol index or 0; *@total gets them all. */
static unsigned int nth_local(const struct elf_file *elf, const char *name, unsigned long k,
			      unsigned long *total)
{
	unsigned int hit = 0;

	*total = 0;
	for (unsigned int i = 1; i < elf->nsyms; i++)
		if (counted_local(&elf->syms[i], name) && ++*total == k)
			hit = i;
	return hit;
}

/*
 * The locals of @name in vmlinux.o must be the first ones of that name in
 * vmlinux, alike in type and source file (what the final link adds comes
 * after them, from objects linked later).
 */
static bool same_locals(const struct settle *s, const char *name, unsigned long count)
{
	unsigned int i = 1, j = 1;

	for (unsigned long k = 0; k < count; k++, i++, j++) {
		while (i < s->object.nsyms && !counted_local(&s->object.syms[i], name))
			i++;
		while (j < s->final.nsyms && !counted_local(&s->final.syms[j], name))
			j++;
		if (i >= s->object.nsyms || j >= s->final.nsyms ||
		    s->object.syms[i].type != s->final.syms[j].type ||
		    strcmp(source_of(&s->object, i), source_of(&s->final, j)))
			return false;
	}
	return true;
}

/* The symbol of the final vmlinux that @l's identity names: its index, or 0 (reported). */
static unsigned int find_identity(struct settle *s, const struct klp_record_line *l)
{
	struct buffer b = { 0 };
	struct wanted w;
	unsigned long in_object, in_final;
	unsigned int oi, fi;

	if (!parse_identity(l->identity, &w)) {
		buf_printf(&b, "%s.ko: section %s: \"%s\" has a malformed identity '@%s'\n",
			   s->module, KLP_RECORD_SECTION, l->cname, l->identity);
		fail(s, &b);
		return 0;
	}
	if (!w.local) {
		for (unsigned int i = 1; i < s->final.nsyms; i++)
			if (defined_global(&s->final.syms[i], l->name) &&
			    s->final.syms[i].type == w.type)
				return i;
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: the global symbol %s of vmlinux.o is not in\n"
			       "\tthe linked vmlinux\n", l->cname, s->module, l->name);
		fail(s, &b);
		return 0;
	}
	oi = nth_local(&s->object, l->name, w.local, &in_object);
	if (!oi || s->object.syms[oi].type != w.type || strcmp(source_of(&s->object, oi), w.source)) {
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: %s is not the vmlinux.o modpost read (no local\n"
			       "\t%s number %lu from %s): make the module again\n",
			   l->cname, s->module, s->vmlinux_o, l->name, w.local, w.source);
		fail(s, &b);
		return 0;
	}
	fi = nth_local(&s->final, l->name, w.local, &in_final);
	if (!fi || in_final < in_object || !same_locals(s, l->name, in_object)) {
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: the final link changed the local symbols named\n"
			       "\t%s (vmlinux.o: %lu, vmlinux: %lu), so the one modpost chose (number %lu,\n"
			       "\tfrom %s) cannot be told apart; say which one with an annotation:\n",
			   l->cname, s->module, l->name, in_object, in_final, w.local, w.source);
		list_candidates(s, &b, l);
		fail(s, &b);
		return 0;
	}
	return fi;
}

static void settle_identity(struct settle *s, struct klp_record_line *l)
{
	const struct klp_symbol *const *found;
	struct buffer b = { 0 };
	unsigned int fi = find_identity(s, l);
	size_t n, hit = 0, hits = 0;

	if (!fi)
		return;
	n = klp_index_lookup(s->index, KLP_VMLINUX_NAME, l->name, &found);
	for (size_t i = 0; i < n; i++)
		if (found[i]->address == s->final.syms[fi].value) {
			hit = i;
			hits++;
		}
	if (hits != 1) {
		buf_printf(&b, "livepatch: \"%s\" [%s.ko]: %s %s (from %s) is %s kallsyms of the linked\n"
			       "\tvmlinux, so the kernel could not find it by position\n",
			   l->cname, s->module, KLP_VMLINUX_NAME, l->name,
			   source_of(&s->final, fi), hits ? "ambiguous in" : "not in");
		fail(s, &b);
		return;
	}
	l->sympos = found[hit]->count > 1 ? found[hit]->sympos : 0;
	l->how = KLP_POSITION_FINAL;
}

/* "dir/name" of "dir/name.ko", for messages "dir/name.ko" */
static char *module_of(const char *path)
{
	char *module = xstrdup(path);
	size_t len = strlen(module);

	if (len > 3 && strcmp(module + len - 3, ".ko") == 0)
		module[len - 3] = '\0';
	return module;
}

void klp_intree_check_funcs(const struct elf_file *ko, const char *path, const char *vmlinux)
{
	struct klp_patch_desc patch = { 0 };
	const struct klp_index *idx;
	char *module;

	klp_patch_desc_read(ko, &patch);
	if (!patch.nfuncs || access(vmlinux, F_OK) != 0) {
		/* no vmlinux (an external build against a tree without one): modpost has warned */
		klp_patch_desc_free(&patch);
		return;
	}
	idx = final_index(vmlinux);
	module = module_of(path);
	if (idx)
		klp_check_patch_funcs(module, &patch, idx, KLP_VMLINUX_NAME);
	klp_patch_desc_free(&patch);
	free(module);
}

bool klp_intree_settle(struct klp_record *r, const char *path, const char *vmlinux)
{
	struct settle s = { .vmlinux = vmlinux };
	char *module, *slash;

	if (!r->intree)
		return true;
	module = module_of(path);
	s.module = module;
	slash = strrchr(vmlinux, '/');
	s.vmlinux_o = slash ? xasprintf("%.*s/" KLP_INTREE_VMLINUX_O, (int)(slash - vmlinux), vmlinux)
			    : xstrdup(KLP_INTREE_VMLINUX_O);
	if (!need_final(&s)) {
		s.failed = true;
		goto out;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct klp_record_line *l = &r->v[i];

		switch (l->how) {
		case KLP_POSITION_FINAL:
			break;
		case KLP_POSITION_IDENTITY:
			settle_identity(&s, l);
			break;
		case KLP_POSITION_ANNOTATED:
			settle_annotated(&s, l);
			l->how = KLP_POSITION_FINAL;
			break;
		case KLP_POSITION_AMBIGUOUS:
			settle_ambiguous(&s, l);
			break;
		}
	}
out:
	if (s.final_open)
		elf_close(&s.final);
	if (s.object_open)
		elf_close(&s.object);
	free(s.vmlinux_o);
	free(module);
	return !s.failed && !error_occurred();
}
