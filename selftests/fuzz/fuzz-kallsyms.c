// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "kallsyms": a System.map, `nm -n` output or /proc/kallsyms
 * dump (with "\t[module]" lines), as the livepatch symbol index reads it
 * (klp-index-map.c through klp_index_open()).
 *
 * When the index opens, every symbol is walked and looked up again; the
 * index must keep its promises (checked here): positions run from 1 to
 * the name's count, a lookup of a listed name finds it, in that object
 * and across all objects.  Near misses of the first names are listed too.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "klp-index-internal.h"

static const char path[] = "in.map";
static volatile unsigned long sink;

struct walk {
	const struct klp_index *idx;
	size_t seen;
};

static void near_miss(const struct klp_symbol *sym, void *arg)
{
	(void)arg;
	sink += sym->sympos;
}

static void check_symbol(const struct klp_symbol *sym, void *arg)
{
	struct walk *w = arg;
	const struct klp_symbol *const *found;
	size_t n;

	fuzz_assert(sym->name && sym->object, "symbol without name or object");
	fuzz_assert(sym->sympos >= 1 && sym->sympos <= sym->count,
		    "%s %s: position %lu of %lu", sym->object, sym->name, sym->sympos,
		    sym->count);
	/* the lookups are the expensive part: the first symbols only */
	if (w->seen++ >= 64)
		return;
	n = klp_index_lookup(w->idx, sym->object, sym->name, &found);
	fuzz_assert(n == sym->count, "%s %s: lookup finds %zu of %lu", sym->object,
		    sym->name, n, sym->count);
	for (size_t i = 0; i < n; i++)
		fuzz_assert(strcmp(found[i]->name, sym->name) == 0 &&
			    strcmp(found[i]->object, sym->object) == 0,
			    "lookup of %s %s finds %s %s", sym->object, sym->name,
			    found[i]->object, found[i]->name);
	n = klp_index_lookup(w->idx, NULL, sym->name, &found);
	fuzz_assert(n >= sym->count, "%s: lookup in all objects finds %zu", sym->name, n);
	if (w->seen <= 4)
		klp_index_for_each_near_miss(w->idx, sym->name, near_miss, NULL);
}

static void read_map(void *arg)
{
	struct klp_index **idx = arg;
	struct klp_index_sources src = { .symbol_map = path };

	sink += klp_map_is_stub(path);
	*idx = klp_index_open(&src);
}

static void walk(void *arg)
{
	struct walk w = { .idx = arg };
	const char **names;
	size_t n = klp_index_objects(w.idx, &names);

	fuzz_assert(n >= 1 && strcmp(names[0], "vmlinux") == 0, "no vmlinux object first");
	free(names);
	klp_index_for_each_symbol(w.idx, NULL, check_symbol, &w);
	if (klp_index_vmlinux_source(w.idx))
		sink += strlen(klp_index_vmlinux_source(w.idx));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klp_index *idx = NULL;

	fuzz_begin();
	fuzz_write(path, data, size);
	fuzz_call(read_map, &idx);
	if (idx) {
		fuzz_call(walk, idx);
		klp_index_free(idx);
	}
	return 0;
}
