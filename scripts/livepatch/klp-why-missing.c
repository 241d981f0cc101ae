// SPDX-License-Identifier: GPL-2.0
/*
 * Why a name a livepatch refers to has no symbol in the target: the
 * target's debug info (klp-dwarf.h) knows whether gcc inlined a static
 * function into all its callers, dropped it, optimised a variable away,
 * or whether the name exists nowhere (then: the nearest names, for a
 * typo).  Only for names not found, and the DWARF is opened on the first
 * of them: a build with nothing missing pays nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "klp-dwarf.h"
#include "klp-why-missing.h"

static struct klp_dwarf *vmlinux_dwarf;
static double seconds_spent;	/* KLP_STATS */
static const char *vmlinux_dwarf_path;
static const char *vmlinux_dwarf_failure;

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

/* ---- what the DWARF says ---- */

static struct klp_dwarf *open_vmlinux_dwarf(const struct klp_index *idx)
{
	const char *path = klp_index_vmlinux_elf(idx);

	if (!path) {
		vmlinux_dwarf_failure = "the target's symbols come from a text map";
		return NULL;
	}
	if (!vmlinux_dwarf && !vmlinux_dwarf_failure) {
		vmlinux_dwarf = klp_dwarf_open(path, &vmlinux_dwarf_failure);
		vmlinux_dwarf_path = path;
	}
	return vmlinux_dwarf;
}

static void describe_fact(struct buffer *b, const char *name, const struct klp_dwarf_fact *f)
{
	const char *where = f->cu_name[0] ? f->cu_name : "an unnamed unit";
	const char *linkage = f->external ? "" : "static ";

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
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void explain(struct buffer *b, const struct klp_index *idx, const char *name)
{
	struct klp_dwarf_fact facts[KLP_WHY_FACTS];
	struct klp_dwarf *d = open_vmlinux_dwarf(idx);
	size_t n;

	if (!d) {
		buf_printf(b, "\t(why cannot be told: %s)\n", vmlinux_dwarf_failure);
		describe_nearest(b, idx, "vmlinux", name);
		return;
	}
	n = klp_dwarf_lookup(d, name, facts, KLP_WHY_FACTS);
	for (size_t i = 0; i < n; i++)
		describe_fact(b, name, &facts[i]);
	if (!n) {
		buf_printf(b, "\twhy: vmlinux's debug info has no function or variable %s\n", name);
		describe_nearest(b, idx, "vmlinux", name);
	}
}

void klp_why_missing(struct buffer *b, const struct klp_index *idx, const char *name)
{
	double start = seconds_now();

	explain(b, idx, name);
	seconds_spent += seconds_now() - start;
}

double klp_why_missing_seconds(void)
{
	return seconds_spent;
}

void klp_why_missing_done(void)
{
	if (vmlinux_dwarf)
		klp_dwarf_close(vmlinux_dwarf);
	vmlinux_dwarf = NULL;
	vmlinux_dwarf_path = NULL;
	vmlinux_dwarf_failure = NULL;
}
