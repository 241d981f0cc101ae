// SPDX-License-Identifier: GPL-2.0
/*
 * modpost --klp-verify <ko>... [--release REL | --vmlinux ELF | --map FILE]
 *                              [--modules DIR]
 *
 * Will the kernel load linked livepatch modules and patch what they say?  Each
 * SHN_LIVEPATCH symbol ".klp.sym.<obj>.<name>,<pos>" is looked up in the
 * target kernel's symbol index (klp-index.h) the way
 * kernel/livepatch/core.c:klp_find_object_symbol() walks kallsyms, and
 * gets a verdict: "ok" and what it resolves to, or the kernel's own error
 * ("symbol 'x' not found in symbol table", "unresolvable ambiguity for
 * symbol 'x' in object 'y'", "symbol position N for symbol 'x' in object
 * 'y' not found"), or why it cannot be told (module not found, position
 * depends on load order).  Then every struct klp_func is judged as
 * klp_enable_patch() will (klp-func-check.h), and every other undefined
 * symbol must be exported by the target kernel (its Module.symvers).
 * Exit status 1 when the kernel would refuse anything.
 *
 * The target kernel: --vmlinux/--map/--modules as given, otherwise found
 * for the release (klp_index_find_sources()): --release, else $KLP_RELEASE,
 * else the release in the first module's vermagic, else the release of
 * the build tree in the current directory (klp_build_tree_release()).
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-index.h"
#include "klp-ko.h"
#include "klp-modes.h"
#include "klp-verify-checks.h"
#include "lib.h"
#include "elffile.h"
#include "modinfo.h"

/* One livepatch symbol of one module. */
struct lp_symbol {
	char *raw;			/* the .klp.sym name as stored */
	bool parsed;
	struct klp_sym_name n;
};

struct lp_module {
	const char *path;
	char *name;
	char *release;			/* from vermagic, or NULL */
	bool read;
	struct lp_symbol *syms;
	size_t nsyms;
	struct klp_verify_facts facts;	/* patched functions, undefined symbols */
};

/* ---- reading the modules ---- */

static char *vermagic_release(const struct elf_file *elf)
{
	const char *vm = modinfo_get(elf, "vermagic", NULL);

	if (!vm || !*vm)
		return NULL;
	return xstrndup(vm, strcspn(vm, " "));
}

static void collect(struct elf_file *elf, void *arg)
{
	struct lp_module *m = arg;

	m->read = true;
	m->name = klp_ko_module_name(elf, m->path);
	m->release = vermagic_release(elf);
	klp_verify_facts_read(elf, &m->facts);
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		struct lp_symbol *s;
		bool dup = false;

		if (!klp_sym_is_livepatch(sym))
			continue;
		for (size_t k = 0; k < m->nsyms && !dup; k++)
			dup = strcmp(m->syms[k].raw, sym->name) == 0;
		if (dup)
			continue;
		m->syms = xrealloc(m->syms, (m->nsyms + 1) * sizeof(*m->syms));
		s = &m->syms[m->nsyms++];
		memset(s, 0, sizeof(*s));
		s->raw = xstrdup(sym->name);
		s->parsed = klp_parse_sym_name(sym->name, &s->n);
	}
}

/* ---- the verdict: klp_find_object_symbol() on the index ---- */

struct verdict {
	bool ok;
	char text[1200];
	char where[160];		/* what it resolves to */
};

static void near_misses(const struct klp_symbol *sym, void *arg)
{
	struct buffer *b = arg;

	if (b->pos < 200)
		buf_printf(b, "%s%s %s,%lu", b->pos ? ", " : "; near: ", sym->object, sym->name,
			 sym->sympos);
}

static void judge(const struct klp_index *idx, const char *modules_dir,
		  const struct lp_symbol *s, struct verdict *v)
{
	const struct klp_symbol *const *occ;
	const struct klp_symbol *hit = NULL;
	const char *object = s->n.object, *name = s->n.name;
	bool vmlinux = strcmp(object, KLP_VMLINUX_NAME) == 0;
	unsigned long pos = s->n.sympos, count = 0;
	size_t n;

	memset(v, 0, sizeof(*v));
	if (!s->parsed) {
		snprintf(v->text, sizeof(v->text), "symbol %s has an incorrectly formatted name", s->raw);
		return;
	}
	if (!klp_index_has_object(idx, object)) {
		snprintf(v->text, sizeof(v->text), "cannot tell: module %s not found under %s",
			 object, modules_dir ? modules_dir : "(no module directory: --modules)");
		return;
	}
	n = klp_index_lookup(idx, object, name, &occ);
	/* the kallsyms walk: stop at the wanted position, or at a second match for 0 */
	for (size_t i = 0; i < n; i++) {
		hit = occ[i];
		count++;
		if ((pos && count == pos) || (!pos && count > 1))
			break;
	}
	if (!hit || (vmlinux && hit->address == 0)) {
		struct buffer b = { 0 };

		klp_index_for_each_near_miss(idx, name, near_misses, &b);
		snprintf(v->text, sizeof(v->text), "symbol '%s' not found in symbol table%s", name,
			 b.pos ? b.p : "");
		buf_free(&b);
	} else if (count > 1 && pos == 0) {
		/* the kernel passes NULL for vmlinux and prints it as such */
		snprintf(v->text, sizeof(v->text), "unresolvable ambiguity for symbol '%s' in object '%s' (%zu matches)",
			 name, vmlinux ? "(null)" : object, n);
	} else if (pos != count && pos > 0) {
		snprintf(v->text, sizeof(v->text), "symbol position %lu for symbol '%s' in object '%s' not found (%zu match%s)",
			 pos, name, object, n, n == 1 ? "" : "es");
	} else if (!vmlinux && hit->load_order_dependent) {
		snprintf(v->text, sizeof(v->text), "the position of %s in module %s depends on load order (a homonym in an init or non-loaded section)",
			 name, object);
	} else {
		v->ok = true;
		snprintf(v->text, sizeof(v->text), "ok");
	}
	if (hit && (v->ok || (pos && count == pos))) {
		if (vmlinux)
			snprintf(v->where, sizeof(v->where), "0x%016" PRIx64 " %s", hit->address,
				 hit->section && *hit->section ? hit->section : "?");
		else
			snprintf(v->where, sizeof(v->where), "%s+0x%" PRIx64,
				 hit->section && *hit->section ? hit->section : "?", hit->address);
	}
}

/* ---- output ---- */

enum { C_SYMBOL, C_OBJECT, C_POS, C_VERDICT, C_WHERE, NCOLS };
static const char *const headings[NCOLS] = { "symbol", "object", "position", "verdict", "resolves to" };

static bool verify_module(const struct klp_index *idx, const char *modules_dir,
			  const struct lp_module *m)
{
	char *(*cells)[NCOLS] = xcalloc(m->nsyms ? m->nsyms : 1, sizeof(*cells));
	size_t w[NCOLS];
	size_t bad = 0;

	printf("module %s (%s): %zu livepatch symbol%s\n", m->name, m->path, m->nsyms,
	       m->nsyms == 1 ? "" : "s");
	for (size_t i = 0; i < m->nsyms; i++) {
		const struct lp_symbol *s = &m->syms[i];
		struct verdict v;
		char pos[24];

		judge(idx, modules_dir, s, &v);
		bad += !v.ok;
		snprintf(pos, sizeof(pos), "%lu", s->n.sympos);
		cells[i][C_SYMBOL] = xstrdup(s->parsed ? s->n.name : s->raw);
		cells[i][C_OBJECT] = xstrdup(s->parsed ? s->n.object : "?");
		cells[i][C_POS] = xstrdup(s->parsed ? pos : "?");
		cells[i][C_VERDICT] = xstrdup(v.text);
		cells[i][C_WHERE] = xstrdup(*v.where ? v.where : "-");
	}
	for (int c = 0; c < NCOLS; c++) {
		w[c] = strlen(headings[c]);
		for (size_t i = 0; i < m->nsyms; i++)
			if (strlen(cells[i][c]) > w[c])
				w[c] = strlen(cells[i][c]);
	}
	/* the verdict goes last when it is long, so the table stays readable */
	if (m->nsyms) {
		printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)w[C_SYMBOL], headings[C_SYMBOL],
		       (int)w[C_OBJECT], headings[C_OBJECT], (int)w[C_POS], headings[C_POS],
		       (int)w[C_WHERE], headings[C_WHERE], headings[C_VERDICT]);
		for (size_t i = 0; i < m->nsyms; i++)
			printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)w[C_SYMBOL], cells[i][C_SYMBOL],
			       (int)w[C_OBJECT], cells[i][C_OBJECT], (int)w[C_POS], cells[i][C_POS],
			       (int)w[C_WHERE], cells[i][C_WHERE], cells[i][C_VERDICT]);
	}
	if (bad)
		error("%s: %zu of %zu livepatch symbol%s would not resolve\n", m->path, bad, m->nsyms,
		      m->nsyms == 1 ? "" : "s");
	else
		printf("%s: every livepatch symbol resolves\n", m->path);
	for (size_t i = 0; i < m->nsyms; i++)
		for (int c = 0; c < NCOLS; c++)
			free(cells[i][c]);
	free(cells);
	return !bad;
}

/* ---- the target kernel ---- */

static char *choose_release(const char *given, const struct lp_module *mods, size_t n)
{
	const char *env = getenv("KLP_RELEASE");

	if (given)
		return xstrdup(given);
	if (env && *env)
		return xstrdup(env);
	for (size_t i = 0; i < n; i++)
		if (mods[i].release)
			return xstrdup(mods[i].release);
	return klp_build_tree_release();
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: modpost --klp-verify MODULE.ko... [--release REL | --vmlinux ELF | --map FILE]\n"
		"                [--modules DIR] [--symvers FILE]...\n"
		"  --release REL   the target kernel release (default: $KLP_RELEASE, else the\n"
		"                  module's vermagic); its vmlinux, System.map and modules are\n"
		"                  searched for (KLP_VMLINUX, KLP_SYSTEM_MAP, KLP_MODULES_DIR override)\n"
		"  --vmlinux ELF   vmlinux with a symbol table\n"
		"  --map FILE      System.map or /proc/kallsyms text\n"
		"  --modules DIR   directory searched for the target modules (.ko, .ko.xz, .ko.zst, .ko.gz)\n"
		"  --symvers FILE  the exports the module's undefined symbols may use (default: the\n"
		"                  Module.symvers of the release's headers tree); may be repeated\n"
		"Checks every livepatch symbol, every struct klp_func (the function exists, the\n"
		"position selects one, ftrace can patch it) and every other undefined symbol\n"
		"(exported by the target kernel); exit status 1 when the kernel would refuse any.\n");
}

struct options {
	const char *release, *vmlinux, *map, *modules;
	const char **kos;
	size_t nkos;
	const char **symvers;
	size_t nsymvers;
};

static bool parse_options(int argc, char **argv, struct options *o)
{
	static const struct {
		const char *flag;
		size_t offset;
	} valued[] = {
		{ "--release", offsetof(struct options, release) },
		{ "--vmlinux", offsetof(struct options, vmlinux) },
		{ "--map", offsetof(struct options, map) },
		{ "--modules", offsetof(struct options, modules) },
	};

	o->kos = xcalloc(argc, sizeof(*o->kos));
	o->symvers = xcalloc(argc, sizeof(*o->symvers));
	for (int i = 1; i < argc; i++) {
		bool matched = false;

		if (strcmp(argv[i], "--symvers") == 0) {
			if (i + 1 >= argc) {
				error("--klp-verify: %s needs a value\n", argv[i]);
				return false;
			}
			o->symvers[o->nsymvers++] = argv[++i];
			continue;
		}

		for (size_t k = 0; k < ARRAY_SIZE(valued) && !matched; k++) {
			if (strcmp(argv[i], valued[k].flag) != 0)
				continue;
			matched = true;
			if (i + 1 >= argc) {
				error("--klp-verify: %s needs a value\n", argv[i]);
				return false;
			}
			*(const char **)((char *)o + valued[k].offset) = argv[++i];
		}
		if (matched)
			continue;
		if (str_starts(argv[i], "--")) {
			error("--klp-verify: unknown argument '%s'\n", argv[i]);
			return false;
		}
		o->kos[o->nkos++] = argv[i];
	}
	if (!o->nkos) {
		error("--klp-verify: no module given\n");
		return false;
	}
	return true;
}

static struct klp_index *open_target(const struct options *o, const char *release,
				     struct klp_index_sources *found, const char **modules_dir)
{
	struct klp_source_choice given = {
		.release = release, .vmlinux = o->vmlinux, .map = o->map,
		.modules = o->modules,
	};
	struct klp_index_sources src;
	char *searched = NULL;
	struct klp_index *idx;

	klp_index_choose_sources(&given, found, &searched);
	src = *found;
	*modules_dir = src.modules_dir;
	if (!src.vmlinux_elf && !src.symbol_map) {
		if (release)
			error("livepatch: no symbols of kernel %s found; searched:\n%s"
			      "Give --vmlinux or --map, or install the kernel's debug package.\n",
			      release, searched ? searched : "");
		else
			error("--klp-verify: the target kernel is unknown: give --release, --vmlinux or --map\n");
		free(searched);
		return NULL;
	}
	free(searched);
	idx = klp_index_open(&src);
	if (idx)
		printf("target: %s%s%s, modules: %s\n", klp_index_vmlinux_source(idx),
		       release ? ", release " : "", release ? release : "",
		       src.modules_dir ? src.modules_dir : "(none)");
	return idx;
}

static int run(int argc, char **argv)
{
	struct options o = { 0 };
	struct klp_index_sources found = { 0 };
	struct lp_module *mods;
	struct klp_index *idx = NULL;
	const char *modules_dir = NULL;
	char *release = NULL;
	bool all_ok = true;
	struct string_list objects = { 0 };
	struct klp_exports *exports;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (!parse_options(argc, argv, &o)) {
		usage(stderr);
		free(o.kos);
		free(o.symvers);
		return 1;
	}
	mods = xcalloc(o.nkos, sizeof(*mods));
	for (size_t i = 0; i < o.nkos; i++) {
		mods[i].path = o.kos[i];
		if (!klp_ko_with(o.kos[i], collect, &mods[i]))
			all_ok = false;
	}
	for (size_t i = 0; i < o.nkos; i++)
		for (size_t k = 0; k < mods[i].nsyms; k++) {
			const struct lp_symbol *s = &mods[i].syms[k];

			if (s->parsed && strcmp(s->n.object, KLP_VMLINUX_NAME) != 0)
				string_list_add(&objects, s->n.object);
		}
	for (size_t i = 0; i < o.nkos; i++)
		for (size_t k = 0; k < mods[i].facts.patch.objects.n; k++) {
			const char *object = mods[i].facts.patch.objects.v[k];

			if (strcmp(object, KLP_VMLINUX_NAME) != 0)
				string_list_add(&objects, object);
		}

	release = choose_release(o.release, mods, o.nkos);
	exports = klp_exports_read(o.symvers, o.nsymvers, release, &all_ok);
	idx = open_target(&o, release, &found, &modules_dir);
	if (!idx) {
		all_ok = false;
	} else {
		if (objects.n) {
			if (!modules_dir)
				warn("livepatch: no module directory (--modules): the symbols of modules cannot be verified\n");
			else
				klp_index_load_modules(idx, (const char *const *)objects.v, objects.n);
		}
		for (size_t i = 0; i < o.nkos; i++) {
			if (!mods[i].read)
				continue;
			if (i)
				printf("\n");
			if (!verify_module(idx, modules_dir, &mods[i]))
				all_ok = false;
			if (!klp_verify_funcs(idx, &mods[i].facts.patch))
				all_ok = false;
			if (exports && !klp_verify_undefined(exports, &mods[i].facts.undefined))
				all_ok = false;
		}
		klp_index_free(idx);
	}
	klp_exports_free(exports);

	for (size_t i = 0; i < o.nkos; i++) {
		for (size_t k = 0; k < mods[i].nsyms; k++)
			free(mods[i].syms[k].raw);
		free(mods[i].syms);
		klp_verify_facts_free(&mods[i].facts);
		free(mods[i].name);
		free(mods[i].release);
	}
	for (size_t i = 0; i < objects.n; i++)
		free(objects.v[i]);
	free(objects.v);
	free(mods);
	free(release);
	klp_index_sources_free(&found);
	free(o.kos);
	free(o.symvers);
	return all_ok ? 0 : 1;
}

const struct klp_mode klp_mode_verify = {
	.name = "verify",
	.usage = "MODULE.ko... [--release REL | --vmlinux ELF | --map FILE] [--modules DIR] [--symvers FILE]...",
	.summary = "check offline that the kernel will load modules and patch what they say",
	.run = run,
};
