// SPDX-License-Identifier: GPL-2.0
/*
 * vmlinux (and loaded modules) from a text symbol list: a System.map
 * (`nm -n vmlinux` through scripts/mksysmap) or a /proc/kallsyms dump.
 *
 * Lines are "<hex address> <type> <name>", and in /proc/kallsyms module
 * symbols carry "\t[<module>]".  The two formats differ in what they
 * already dropped: System.map still has the global absolute symbols that
 * scripts/kallsyms drops, while /proc/kallsyms shows per-cpu variables as
 * absolute ('A', CONFIG_KALLSYMS_ABSOLUTE_PERCPU).  A file with module
 * lines, or with an absolute __per_cpu_start, is taken as /proc/kallsyms
 * and used as is; otherwise the kallsyms filters are applied (which also
 * makes raw `nm -n` output usable).
 *
 * Module lines are listed by the kernel in the order of the module's core
 * symbol table, which is the order the livepatch lookup counts in; they
 * become module objects (a module file read later replaces them).
 * Pseudo-modules ("[bpf]", "[__builtin__ftrace]", ...) are not modules.
 *
 * Debian's image packages ship a one-line placeholder System.map ("The
 * real System.map is in the linux-image-<version>-dbg package"): it is
 * recognised and ignored with a warning.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "klp-index-internal.h"
#include "lib.h"

#define STUB_TEXT "The real System.map is in the"

/*
 * A System.map is some MB, /proc/kallsyms with every module some tens of
 * MB: anything far larger is not a symbol map, and must not be read
 * without end (/dev/zero, a FIFO that never closes).
 */
#define MAP_TEXT_MAX	((size_t)512 << 20)

/* The whole text of @path, or NULL with *@why (a reason, or NULL: see errno). */
static char *read_text(const char *path, size_t *size, const char **why)
{
	size_t cap = 1 << 16, len = 0, got;
	struct stat st;
	char *buf;
	FILE *f;

	*why = NULL;
	/*
	 * /proc/kallsyms is a regular file (of size 0); devices and FIFOs are
	 * not, and opening a FIFO would wait for a writer: look first.
	 */
	if (stat(path, &st) != 0)
		return NULL;
	if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		return NULL;
	}
	f = fopen(path, "r");
	if (!f)
		return NULL;
	buf = xmalloc(cap);
	while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (len > MAP_TEXT_MAX) {
			fclose(f);
			free(buf);
			*why = "larger than 512 MiB: not a symbol map";
			return NULL;
		}
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	if (ferror(f)) {
		int saved = errno;

		fclose(f);
		free(buf);
		errno = saved;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	*size = len;
	return buf;
}

bool klp_map_is_stub(const char *path)
{
	char line[256];
	struct stat st;
	bool stub = false;
	FILE *f;

	/* a FIFO would block the open: only regular files are looked at */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	f = fopen(path, "r");
	if (!f)
		return false;
	if (fgets(line, sizeof(line), f))
		stub = strstr(line, STUB_TEXT) != NULL;
	fclose(f);
	return stub;
}

struct map_module {
	char *name;
	struct klp_occ *occ;
	size_t n, cap;
};

/*
 * A /proc/kallsyms dump names a module on each of its lines, and a
 * hostile (or merely large) file may name very many: modules are found
 * by a hash of the name (open addressing, kept at most half full), and
 * every vector grows by doubling, so that reading stays linear in the
 * size of the file.
 */
struct map_state {
	const char *path;
	struct klp_occ *occ;		/* vmlinux */
	size_t n, cap;
	struct map_module *mods;
	size_t nmods, mods_cap;
	size_t *slots;			/* index into mods + 1; 0: free */
	size_t nslots;			/* a power of two */
	bool kallsyms_format;
};

static void push(struct klp_occ **v, size_t *n, size_t *cap, const struct klp_occ *o)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = *o;
}

/* Put mods[@i] (hash @h) in the first free slot from its own. */
static void place(struct map_state *st, uint32_t h, size_t i)
{
	size_t at = h & (st->nslots - 1);

	while (st->slots[at])
		at = (at + 1) & (st->nslots - 1);
	st->slots[at] = i + 1;
}

static void rehash(struct map_state *st, size_t nslots)
{
	free(st->slots);
	st->slots = xcalloc(nslots, sizeof(*st->slots));
	st->nslots = nslots;
	for (size_t i = 0; i < st->nmods; i++)
		place(st, klp_hash(st->mods[i].name, NULL), i);
}

static struct map_module *module_named(struct map_state *st, const char *name)
{
	size_t len, at;
	uint32_t h = klp_hash(name, &len);
	struct map_module *m;

	if (st->nslots) {
		for (at = h & (st->nslots - 1); st->slots[at]; at = (at + 1) & (st->nslots - 1)) {
			m = &st->mods[st->slots[at] - 1];
			if (strcmp(m->name, name) == 0)
				return m;
		}
	}
	if (st->nmods == st->mods_cap) {
		st->mods_cap = st->mods_cap ? st->mods_cap * 2 : 64;
		st->mods = xrealloc(st->mods, st->mods_cap * sizeof(*st->mods));
	}
	m = &st->mods[st->nmods++];
	memset(m, 0, sizeof(*m));
	m->name = xstrndup(name, len);
	if (2 * st->nmods > st->nslots)
		rehash(st, st->nslots ? st->nslots * 2 : 128);
	else
		place(st, h, st->nmods - 1);
	return m;
}

static bool pseudo_module(const char *name, size_t len)
{
	return (len == 3 && memcmp(name, "bpf", 3) == 0) ||
	       (len >= 11 && memcmp(name, "__builtin__", 11) == 0);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse one line (NUL-terminated, no newline); false if malformed. */
static bool parse_line(struct map_state *st, char *line)
{
	struct klp_occ o = { 0 };
	char *p = line, *name, *end, *mod = NULL;
	size_t ndigits = 0;
	int v;

	/* raw `nm` output: undefined symbols have blanks for an address */
	if (*p == ' ') {
		p += strspn(p, " ");
		return (p[0] == 'U' || p[0] == 'w' || p[0] == 'v') && p[1] == ' ' && p[2];
	}
	while ((v = hexval(*p)) >= 0) {
		if (++ndigits > 16)
			return false;
		o.address = o.address << 4 | (uint64_t)v;
		p++;
	}
	if (!ndigits || p[0] != ' ' || !p[1] || p[1] == ' ' || p[2] != ' ')
		return false;
	o.type = p[1];
	name = p + 3;
	end = name + strcspn(name, "\t ");
	if (*end == '\t' && end[1] == '[') {
		char *close = strchr(end + 2, ']');

		if (!close || close[1] || close == end + 2)
			return false;
		mod = end + 2;
		*close = '\0';
	} else if (*end) {
		return false;
	}
	*end = '\0';
	if (!*name)
		return false;
	o.name = name;
	o.weak = o.type == 'w' || o.type == 'W';
	/* a text map has no call-site table */
	o.ftrace = strchr("tTwW", o.type) ? KLP_FTRACE_UNKNOWN : KLP_FTRACE_NOT_FUNCTION;

	if (mod) {
		struct map_module *m;

		st->kallsyms_format = true;
		if (pseudo_module(mod, strlen(mod)))
			return true;
		m = module_named(st, mod);
		push(&m->occ, &m->n, &m->cap, &o);
		return true;
	}
	if (o.type == 'A' && strcmp(name, "__per_cpu_start") == 0)
		st->kallsyms_format = true;
	push(&st->occ, &st->n, &st->cap, &o);
	return true;
}

static int map_module_cmp(const void *a, const void *b)
{
	return strcmp(((const struct map_module *)a)->name, ((const struct map_module *)b)->name);
}

bool klp_read_symbol_map(struct klp_index *idx, const char *path)
{
	struct map_state st = { .path = path };
	size_t size, lineno = 0, kept = 0;
	char *text, *line, *next;
	const char *why;
	bool ok = true, all_zero = true;

	text = read_text(path, &size, &why);
	if (!text) {
		if (why)
			error("%s: %s\n", path, why);
		else
			error("%s: %m\n", path);
		return false;
	}
	/* the placeholder: one line naming the -dbg package */
	if (size < 512 && strstr(text, STUB_TEXT) &&
	    text[strcspn(text, "\n") + (text[strcspn(text, "\n")] ? 1 : 0)] == '\0') {
		warn("%s is Debian's placeholder System.map (the real one is in the linux-image-<version>-dbg package); ignoring it\n",
		     path);
		free(text);
		return false;
	}
	if (strlen(text) != size) {
		error("%s: not a symbol map (contains NUL bytes)\n", path);
		free(text);
		return false;
	}

	for (line = text; line < text + size; line = next) {
		char *nl = strchr(line, '\n');

		next = nl ? nl + 1 : text + size;
		if (nl)
			*nl = '\0';
		/* CRLF line ends: the names must not end in '\r' */
		if (nl && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		lineno++;
		if (!*line)
			continue;
		if (!parse_line(&st, line)) {
			error("%s:%zu: not a symbol line (\"<address> <type> <name>\" expected)\n",
			      path, lineno);
			ok = false;
			break;
		}
	}

	if (ok && !st.kallsyms_format) {
		/* System.map or nm output: drop what kallsyms drops */
		for (size_t i = 0; i < st.n; i++)
			if (klp_kallsyms_keeps(st.occ[i].name, strlen(st.occ[i].name), st.occ[i].type))
				st.occ[kept++] = st.occ[i];
		st.n = kept;
	}
	if (ok && st.n == 0) {
		error("%s: no vmlinux symbols\n", path);
		ok = false;
	}
	if (ok) {
		for (size_t i = 0; i < st.n && all_zero; i++)
			all_zero = st.occ[i].address == 0;
		if (all_zero)
			warn("%s: all addresses are zero (a /proc/kallsyms read without privileges?); counting in file order\n",
			     path);
		idx->vmlinux = klp_symtab_build("vmlinux", st.occ, st.n,
						all_zero ? KLP_ORDER_TABLE : KLP_ORDER_ADDRESS);
		/* in name order: each lands at the end of the index's sorted list */
		if (st.nmods)	/* a System.map has none: mods is NULL */
			qsort(st.mods, st.nmods, sizeof(*st.mods), map_module_cmp);
		for (size_t i = 0; i < st.nmods; i++) {
			struct klp_symtab *m = klp_symtab_build(st.mods[i].name, st.mods[i].occ,
								st.mods[i].n, KLP_ORDER_TABLE);

			m->from_map = true;
			klp_index_add_module(idx, m);
		}
	}
	for (size_t i = 0; i < st.nmods; i++) {
		free(st.mods[i].name);
		free(st.mods[i].occ);
	}
	free(st.mods);
	free(st.slots);
	free(st.occ);
	free(text);
	return ok;
}
