// SPDX-License-Identifier: GPL-2.0
/*
 * --klp-verify: the patched functions and the ordinary undefined symbols
 * (klp-verify-checks.h).
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp-elf-names.h"
#include "klp-func-check.h"
#include "klp-verify-checks.h"
#include "elffile.h"
#include "lib.h"
#include "textfile.h"

void klp_verify_facts_read(const struct elf_file *elf, struct klp_verify_facts *f)
{
	memset(f, 0, sizeof(*f));
	klp_patch_desc_read(elf, &f->patch);
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];

		/* a weak undefined symbol may stay unresolved (it reads as 0) */
		if (sym->raw_shndx == SHN_UNDEF && sym->bind == STB_GLOBAL && sym->name[0] &&
		    !klp_sym_is_livepatch(sym))
			string_list_add(&f->undefined, sym->name);
	}
}

void klp_verify_facts_free(struct klp_verify_facts *f)
{
	klp_patch_desc_free(&f->patch);
	for (size_t i = 0; i < f->undefined.n; i++)
		free(f->undefined.v[i]);
	free(f->undefined.v);
}

/* ---- the patched functions ---- */

bool klp_verify_funcs(const struct klp_index *idx, const struct klp_patch_desc *patch)
{
	size_t bad = 0;

	if (!patch->found) {
		printf("patched functions: no struct klp_patch found\n");
		return true;
	}
	printf("patched functions: %zu\n", patch->nfuncs);
	for (size_t i = 0; i < patch->nfuncs; i++) {
		const struct klp_patched_func *f = &patch->funcs[i];
		struct klp_func_verdict v;

		klp_func_judge(idx, f, &v);
		printf("  %s %s,%lu  (%s): %s", f->object, f->old_name ? f->old_name : "(null)",
		       f->old_sympos, f->where, klp_func_finding_text(v.finding));
		if (v.finding == KLP_FUNC_AMBIGUOUS || v.finding == KLP_FUNC_NO_POSITION)
			printf(" (%zu of that name)", v.n);
		if (v.hit && strcmp(f->object, KLP_VMLINUX_NAME) == 0)
			printf(" -> 0x%016" PRIx64 " %s", v.hit->address,
			       v.hit->section[0] ? v.hit->section : "?");
		else if (v.hit)
			printf(" -> %s+0x%" PRIx64, v.hit->section[0] ? v.hit->section : "?",
			       v.hit->address);
		printf("\n");
		/* a module that is not there cannot be told: not a failure of the patch */
		if (v.finding != KLP_FUNC_OK && v.finding != KLP_FUNC_UNCHECKED)
			bad++;
	}
	if (bad)
		error("%zu of %zu patched function%s would not be patched\n", bad, patch->nfuncs,
		      patch->nfuncs == 1 ? "" : "s");
	return !bad;
}

/* ---- undefined symbols against the exports ---- */

struct klp_exports {
	char **names;		/* sorted */
	size_t n, cap;
	struct string_list files;
};

static int name_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Module.symvers: "<crc>\t<symbol>\t<module>\t<export type>[\t<namespace>]" */
static bool read_symvers(struct klp_exports *e, const char *path)
{
	char *text, *pos, *line;

	/* read_text_file() exits on errors: a file that is not there is no error here */
	if (access(path, R_OK) != 0)
		return false;
	text = pos = read_text_file(path);
	while ((line = text_next_line(&pos))) {
		char *name = strchr(line, '\t'), *end;

		if (!name)
			continue;
		name++;
		end = strchr(name, '\t');
		if (end)
			*end = '\0';
		if (e->n == e->cap) {
			e->cap = e->cap ? 2 * e->cap : 4096;
			e->names = xrealloc(e->names, e->cap * sizeof(*e->names));
		}
		e->names[e->n++] = xstrdup(name);
	}
	free(text);
	string_list_add(&e->files, path);
	return true;
}

struct klp_exports *klp_exports_read(const char *const *files, size_t nfiles,
				     const char *release, bool *ok)
{
	struct klp_exports *e = xcalloc(1, sizeof(*e));
	char *guess[2] = { NULL, NULL };

	for (size_t i = 0; i < nfiles; i++)
		if (!read_symvers(e, files[i])) {
			error("--klp-verify: cannot read %s: %m\n", files[i]);
			*ok = false;
		}
	if (!nfiles && release) {
		/* Debian: the headers tree of the release, also reached through /lib/modules */
		if (asprintf(&guess[0], "/usr/src/linux-headers-%s/Module.symvers", release) < 0 ||
		    asprintf(&guess[1], "/lib/modules/%s/build/Module.symvers", release) < 0)
			fatal("memory exhausted\n");
		for (int i = 0; i < 2 && !e->files.n; i++)
			read_symvers(e, guess[i]);
	}
	free(guess[0]);
	free(guess[1]);
	if (!e->files.n) {
		warn("--klp-verify: no Module.symvers of the target kernel%s%s: the module's ordinary\n"
		     "\tundefined symbols are not checked (give --symvers FILE)\n",
		     release ? " " : "", release ? release : "");
		klp_exports_free(e);
		return NULL;
	}
	if (e->n > 1)	/* an empty file leaves names NULL */
		qsort(e->names, e->n, sizeof(*e->names), name_order);
	return e;
}

void klp_exports_free(struct klp_exports *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		free(e->names[i]);
	free(e->names);
	for (size_t i = 0; i < e->files.n; i++)
		free(e->files.v[i]);
	free(e->files.v);
	free(e);
}

bool klp_verify_undefined(const struct klp_exports *e, const struct string_list *undefined)
{
	size_t bad = 0;

	printf("undefined symbols: %zu, checked against", undefined->n);
	for (size_t i = 0; i < e->files.n; i++)
		printf(" %s", e->files.v[i]);
	printf("\n");
	for (size_t i = 0; i < undefined->n; i++) {
		const char *name = undefined->v[i];

		if (e->n && bsearch(&name, e->names, e->n, sizeof(*e->names), name_order))
			continue;
		printf("  %s: exported by nobody: the module loader refuses the module (\"Unknown symbol %s\")\n",
		       name, name);
		bad++;
	}
	if (bad)
		error("%zu undefined symbol%s the target kernel does not export\n", bad,
		      bad == 1 ? "" : "s");
	return !bad;
}
