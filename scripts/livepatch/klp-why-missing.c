// SPDX-License-Identifier: GPL-2.0
/*
 * Why a name a livepatch refers to has no symbol in the target: the
 * target's debug info (klp-dwarf.h) knows whether gcc inlined a static
 * function into all its callers, dropped it, optimised a variable away,
 * or whether the name exists nowhere (then: the nearest names, for a
 * typo).  Only for names not found, and each object's DWARF is opened on
 * the first of them: a build with nothing missing pays nothing.
 *
 * vmlinux: the ELF the index was read from (Debian's -dbg vmlinux).  A
 * module: Debian's -dbg copy (/usr/lib/debug/lib/modules/<release>/...)
 * when installed, else the module file itself (kbuild builds external
 * modules with -g), decompressed to a temporary copy when needed.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "klp-dwarf.h"
#include "klp-decompress.h"
#include "klp-why-missing.h"

static double seconds_spent, first_seconds;	/* KLP_STATS */
static size_t lookups;

/* ---- nearest names (a typo) ---- */

/* Edit distance of @a and @b, or @limit + 1 when it is above @limit. */
static size_t distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), row[KLP_WHY_NAME_MAX + 1];

	if (la > KLP_WHY_NAME_MAX || lb > KLP_WHY_NAME_MAX ||
	    (la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;

		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

struct nearest {
	const char *name;
	const char *v[KLP_WHY_NEAREST];
	size_t d[KLP_WHY_NEAREST];
	size_t n;
};

static void consider(const struct klp_symbol *sym, void *arg)
{
	struct nearest *l = arg;
	size_t limit = strlen(l->name) < 6 ? 1 : 2, d, at;

	if (sym->sympos > 1)
		return;		/* one entry per name */
	d = distance(l->name, sym->name, limit);
	if (d == 0 || d > limit)
		return;
	if (l->n == KLP_WHY_NEAREST && d >= l->d[l->n - 1])
		return;
	at = l->n < KLP_WHY_NEAREST ? l->n++ : l->n - 1;
	while (at > 0 && l->d[at - 1] > d) {
		l->v[at] = l->v[at - 1];
		l->d[at] = l->d[at - 1];
		at--;
	}
	l->v[at] = sym->name;
	l->d[at] = d;
}

static void describe_nearest(struct buffer *b, const struct klp_index *idx,
			     const char *object, const char *name)
{
	struct nearest l = { .name = name };

	klp_index_for_each_symbol(idx, object, consider, &l);
	if (!l.n)
		return;
	buf_printf(b, "\tnearest names in %s:", object);
	for (size_t i = 0; i < l.n; i++)
		buf_printf(b, "%s %s", i ? "," : "", l.v[i]);
	buf_printf(b, "\n");
}

/* ---- the debug info of an object ---- */

struct debug_source {
	char *object;
	struct klp_dwarf *dwarf;	/* NULL: see failure */
	const char *failure;
};

static struct debug_source *sources;
static size_t nsources;

static const char *const compressed_suffixes[] = { ".xz", ".zst", ".gz" };

/* Debian's -dbg layout: /usr/lib/debug/lib/modules/<release>/<path in the module tree> */
static char *debian_debug_file(const struct klp_index *idx, const char *file)
{
	const char *dir = klp_index_modules_dir(idx), *release, *rel;
	size_t len, cut = 0;
	char *path;

	if (!dir || !file)
		return NULL;
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (strncmp(file, dir, len) != 0 || file[len] != '/')
		return NULL;
	rel = file + len + 1;
	release = dir + len;
	while (release > dir && release[-1] != '/')
		release--;
	for (size_t i = 0; i < ARRAY_SIZE(compressed_suffixes); i++)
		if (str_ends(rel, compressed_suffixes[i]))
			cut = strlen(compressed_suffixes[i]);
	path = xasprintf("/usr/lib/debug/lib/modules/%.*s/%.*s", (int)(dir + len - release), release,
			 (int)(strlen(rel) - cut), rel);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

struct temp_copy {
	char *path;
	bool written;
};

static void write_temp_copy(const char *path, void *data, size_t size, void *arg)
{
	struct temp_copy *t = arg;
	int fd;

	(void)path;
	t->path = xasprintf("%s/klp-modpost-debug.XXXXXX",
			    getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(t->path);
	if (fd < 0)
		return;
	t->written = write(fd, data, size) == (ssize_t)size;
	close(fd);
}

/* A compressed module: its DWARF through a decompressed temporary copy. */
static struct klp_dwarf *open_compressed(const char *file, const char **failure)
{
	struct temp_copy t = { 0 };
	struct klp_dwarf *d = NULL;

	klp_read_images(&file, 1, write_temp_copy, &t);
	if (t.written)
		d = klp_dwarf_open(t.path, failure);
	else
		*failure = "the module could not be decompressed";
	if (t.path) {
		/* the reader maps the file: the name is not needed any more */
		unlink(t.path);
		free(t.path);
	}
	return d;
}

static struct klp_dwarf *open_object_dwarf(const struct klp_index *idx, const char *object,
					   const char **failure)
{
	const char *file;
	char *debug;
	struct klp_dwarf *d;

	if (strcmp(object, "vmlinux") == 0) {
		file = klp_index_vmlinux_elf(idx);
		if (!file) {
			*failure = "the target's symbols come from a text map";
			return NULL;
		}
		return klp_dwarf_open(file, failure);
	}
	file = klp_index_module_file(idx, object);
	if (!file) {
		*failure = "the module was not found";
		return NULL;
	}
	debug = debian_debug_file(idx, file);
	if (debug) {
		d = klp_dwarf_open(debug, failure);
		free(debug);
		return d;
	}
	for (size_t i = 0; i < ARRAY_SIZE(compressed_suffixes); i++)
		if (str_ends(file, compressed_suffixes[i]))
			return open_compressed(file, failure);
	return klp_dwarf_open(file, failure);
}

static struct debug_source *debug_source(const struct klp_index *idx, const char *object)
{
	struct debug_source *src;

	for (size_t i = 0; i < nsources; i++)
		if (strcmp(sources[i].object, object) == 0)
			return &sources[i];
	sources = xrealloc(sources, (nsources + 1) * sizeof(*sources));
	src = &sources[nsources++];
	src->object = xstrdup(object);
	src->failure = NULL;
	src->dwarf = open_object_dwarf(idx, object, &src->failure);
	return src;
}

/* ---- what the DWARF says ---- */

static void describe_fact(struct buffer *b, const char *name, const char *object,
			  const struct klp_dwarf_fact *f)
{
	const char *unit = f->cu_name[0] ? f->cu_name : "an unnamed unit";
	const char *linkage = f->external ? "" : "static ";
	char *where;

	if (strcmp(object, "vmlinux") == 0)
		where = xstrdup(unit);
	else
		where = xasprintf("%s (module %s)", unit, object);
	switch (f->kind) {
	case KLP_DWARF_INLINED_FUNCTION:
		buf_printf(b, "\twhy: %s is a %sfunction of %s that gcc inlined into every caller:\n"
			      "\tno symbol is left; copy it into the livepatch\n", name, linkage, where);
		break;
	case KLP_DWARF_REMOVED_FUNCTION:
		buf_printf(b, "\twhy: %s is a %sfunction of %s that gcc dropped (unused, or every\n"
			      "\tcall optimised out): copy it into the livepatch\n", name, linkage, where);
		break;
	case KLP_DWARF_OPTIMISED_VARIABLE:
		buf_printf(b, "\twhy: %s is a %svariable of %s that gcc optimised away (no storage\n"
			      "\tis left): the patched code cannot share it; copy its users too\n",
			   name, linkage, where);
		break;
	case KLP_DWARF_FUNCTION:
		buf_printf(b, "\tthe debug info has code for %s in %s: under another name (see the\n"
			      "\tsimilar names), or in an object the patch does not declare\n", name, where);
		break;
	case KLP_DWARF_VARIABLE:
		buf_printf(b, "\tthe debug info has storage for %s in %s: under another name, or in\n"
			      "\tan object the patch does not declare\n", name, where);
		break;
	}
	free(where);
}

static void explain(struct buffer *b, const struct klp_index *idx, const char *const *objects,
		    size_t nobjects, const char *name)
{
	struct buffer unknown = { 0 }, untold = { 0 };
	size_t facts_total = 0;

	for (size_t o = 0; o < nobjects; o++) {
		struct debug_source *src = debug_source(idx, objects[o]);
		struct klp_dwarf_fact facts[KLP_WHY_FACTS];
		size_t n;

		if (!src->dwarf) {
			buf_printf(&untold, "%s%s (%s)", untold.pos ? ", " : "", objects[o], src->failure);
			continue;
		}
		n = klp_dwarf_lookup(src->dwarf, name, facts, KLP_WHY_FACTS);
		for (size_t i = 0; i < n; i++)
			describe_fact(b, name, objects[o], &facts[i]);
		if (!n)
			buf_printf(&unknown, "%s%s", unknown.pos ? ", " : "", objects[o]);
		facts_total += n;
	}
	if (untold.pos) {
		buf_write(&untold, "", 1);
		buf_printf(b, "\t(why cannot be told from %s)\n", untold.p);
	}
	if (!facts_total && unknown.pos) {
		buf_write(&unknown, "", 1);
		buf_printf(b, "\twhy: the debug info of %s has no function or variable %s\n",
			   unknown.p, name);
	}
	if (!facts_total)
		for (size_t o = 0; o < nobjects; o++)
			describe_nearest(b, idx, objects[o], name);
	buf_free(&unknown);
	buf_free(&untold);
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void klp_why_missing(struct buffer *b, const struct klp_index *idx, const char *const *objects,
		     size_t nobjects, const char *name)
{
	double start = seconds_now();

	explain(b, idx, objects, nobjects, name);
	seconds_spent += seconds_now() - start;
	if (!lookups++)
		first_seconds = seconds_spent;
}

double klp_why_missing_seconds(double *first)
{
	*first = first_seconds;
	return seconds_spent;
}

void klp_why_missing_done(void)
{
	for (size_t i = 0; i < nsources; i++) {
		if (sources[i].dwarf)
			klp_dwarf_close(sources[i].dwarf);
		free(sources[i].object);
	}
	free(sources);
	sources = NULL;
	nsources = 0;
}
