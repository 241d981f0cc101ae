// SPDX-License-Identifier: GPL-2.0
/*
 * modpost --klp-dump <ko>...: the livepatch relocations of linked modules
 * as a table, the way the kernel's livepatch loader will read them.
 *
 *   module <name> (<file>)[: livepatch module]
 *     object <obj>: <n> livepatch symbols, <n> relocations in <n> sections
 *     NOTE: ...                       (unfinalized modpost record)
 *   object  section  offset  type  symbol  sympos  addend
 *   ...
 *
 * The object is the one the section name gives (".klp.rela.<obj>."), the
 * section the relocation's target (sh_info); symbol and sympos come from
 * the ".klp.sym.<obj>.<name>,<pos>" name.  A relocation whose symbol is not
 * a well-formed livepatch symbol shows the raw name and sympos "-"
 * (--klp-check says what is wrong with it).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-ko.h"
#include "klp-record.h"
#include "klp-modes.h"
#include "klp-reloc-names.h"
#include "lib.h"
#include "lib.h"
#include "elffile.h"
#include "modinfo.h"

#define UNPARSABLE "?"

struct object_count {
	const char *name;
	size_t nsyms, nrelas, nsections;
};

struct row {
	char *cols[7];
};

enum { C_OBJECT, C_SECTION, C_OFFSET, C_TYPE, C_SYMBOL, C_SYMPOS, C_ADDEND, NCOLS };

static const char *const headings[NCOLS] = {
	"object", "section", "offset", "type", "symbol", "sympos", "addend",
};

struct dump {
	const char *path;
	struct object_count *objs;
	size_t nobjs;
	struct row *rows;
	size_t nrows;
	struct klp_sym_name *names;	/* per symbol (valid where parsed[i]) */
	bool *parsed;
};

static struct object_count *count_for(struct dump *d, const char *name)
{
	for (size_t i = 0; i < d->nobjs; i++)
		if (strcmp(d->objs[i].name, name) == 0)
			return &d->objs[i];
	d->objs = xrealloc(d->objs, (d->nobjs + 1) * sizeof(*d->objs));
	d->objs[d->nobjs] = (struct object_count){ .name = xstrdup(name) };
	return &d->objs[d->nobjs++];
}

static int object_order(const void *a, const void *b)
{
	const struct object_count *x = a, *y = b;
	bool xv = strcmp(x->name, KLP_VMLINUX_NAME) == 0, yv = strcmp(y->name, KLP_VMLINUX_NAME) == 0;

	if (xv != yv)
		return xv ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void add_row(struct dump *d, const struct elf_file *elf, const char *object,
		    const struct elf_section *rs, const struct elf_reloc *r, bool sym_ok)
{
	struct row *row;
	char tbuf[KLP_RELOC_TYPE_BUF];

	d->rows = xrealloc(d->rows, (d->nrows + 1) * sizeof(*d->rows));
	row = &d->rows[d->nrows++];
	row->cols[C_OBJECT] = xstrdup(object);
	row->cols[C_SECTION] = xstrdup(elf_section(elf, rs->info) ? elf_section_name(elf, rs->info)
								  : "(no section)");
	row->cols[C_OFFSET] = xasprintf("0x%" PRIx64, r->offset);
	row->cols[C_TYPE] = xstrdup(klp_reloc_type_str(elf->machine, r->type, tbuf));
	if (!sym_ok) {
		row->cols[C_SYMBOL] = xasprintf("(symbol index %u out of range)", r->sym);
		row->cols[C_SYMPOS] = xstrdup("-");
	} else if (d->parsed[r->sym] && klp_sym_is_livepatch(&elf->syms[r->sym]) &&
		   strcmp(d->names[r->sym].object, object) == 0) {
		row->cols[C_SYMBOL] = xstrdup(d->names[r->sym].name);
		row->cols[C_SYMPOS] = xasprintf("%lu", d->names[r->sym].sympos);
	} else {
		const char *name = elf->syms[r->sym].name;

		row->cols[C_SYMBOL] = xstrdup(*name ? name : "(unnamed)");
		row->cols[C_SYMPOS] = xstrdup("-");
	}
	row->cols[C_ADDEND] = xasprintf("%" PRId64, r->addend);
}

static void print_row(const char *const *cols, const size_t *w)
{
	for (int c = 0; c < NCOLS - 1; c++)
		printf("%-*s  ", (int)w[c], cols[c]);
	printf("%s\n", cols[NCOLS - 1]);
}

static void print_table(const struct dump *d)
{
	size_t w[NCOLS];

	for (int c = 0; c < NCOLS; c++) {
		w[c] = strlen(headings[c]);
		for (size_t i = 0; i < d->nrows; i++)
			if (strlen(d->rows[i].cols[c]) > w[c])
				w[c] = strlen(d->rows[i].cols[c]);
	}
	print_row(headings, w);
	for (size_t i = 0; i < d->nrows; i++)
		print_row((const char *const *)d->rows[i].cols, w);
}

static void dump_module(struct elf_file *elf, void *arg)
{
	struct dump *d = arg;
	struct klp_record rec;
	char *modname = klp_ko_module_name(elf, d->path);
	bool livepatch = modinfo_get(elf, "livepatch", NULL) != NULL;

	d->names = xcalloc(elf->nsyms ? elf->nsyms : 1, sizeof(*d->names));
	d->parsed = xcalloc(elf->nsyms ? elf->nsyms : 1, sizeof(*d->parsed));
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		d->parsed[i] = klp_parse_sym_name(elf->syms[i].name, &d->names[i]);
		if (klp_sym_is_livepatch(&elf->syms[i]))
			count_for(d, d->parsed[i] ? d->names[i].object : UNPARSABLE)->nsyms++;
	}
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *rs = &elf->sections[i];
		char object[KLP_OBJECT_NAME_MAX + 1];
		struct object_count *oc;
		size_t n;

		if (!klp_is_klp_rela_section(rs))
			continue;
		if (!klp_parse_rela_name(rs->name, object, NULL))
			snprintf(object, sizeof(object), "%s", UNPARSABLE);
		n = elf_reloc_count_lenient(elf, rs);
		oc = count_for(d, object);
		oc->nsections++;
		oc->nrelas += n;
		for (size_t k = 0; k < n; k++) {
			struct elf_reloc r;
			bool ok = elf_reloc_decode(elf, rs, k, &r);

			add_row(d, elf, object, rs, &r, ok);
		}
	}

	printf("module %s (%s)%s\n", modname, d->path, livepatch ? ": livepatch module" : "");
	if (d->nobjs > 1)
		qsort(d->objs, d->nobjs, sizeof(*d->objs), object_order);
	for (size_t i = 0; i < d->nobjs; i++)
		printf("  object %s: %zu livepatch symbol%s, %zu relocation%s in %zu section%s\n",
		       d->objs[i].name, d->objs[i].nsyms, d->objs[i].nsyms == 1 ? "" : "s",
		       d->objs[i].nrelas, d->objs[i].nrelas == 1 ? "" : "s",
		       d->objs[i].nsections, d->objs[i].nsections == 1 ? "" : "s");
	if (!d->nobjs)
		printf("  no livepatch symbols or relocations\n");
	klp_record_read(elf, elf->path, KLP_RECORD_LENIENT, &rec);
	if (rec.present)
		printf("  NOTE: unfinalized modpost record (section %s, %zu conversion%s): run modpost --klp-finalize\n",
		       KLP_RECORD_SECTION, rec.n, rec.n == 1 ? "" : "s");
	klp_record_free(&rec);
	if (d->nrows)
		print_table(d);
	free(modname);
}

static void dump_free(struct dump *d)
{
	for (size_t i = 0; i < d->nobjs; i++)
		free((char *)d->objs[i].name);
	for (size_t i = 0; i < d->nrows; i++)
		for (int c = 0; c < NCOLS; c++)
			free(d->rows[i].cols[c]);
	free(d->objs);
	free(d->rows);
	free(d->names);
	free(d->parsed);
}

static int run(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fprintf(argc < 2 ? stderr : stdout, "usage: modpost --klp-dump MODULE.ko...\n");
		return argc < 2;
	}
	for (int i = 1; i < argc; i++) {
		struct dump d = { .path = argv[i] };

		if (i > 1)
			printf("\n");
		if (!klp_ko_with(argv[i], dump_module, &d))
			status = 1;
		dump_free(&d);
		fflush(stdout);
	}
	return status;
}

const struct klp_mode klp_mode_dump = {
	.name = "dump",
	.usage = "MODULE.ko...",
	.summary = "print the livepatch relocations of modules (object section offset type symbol sympos addend)",
	.run = run,
};
