// SPDX-License-Identifier: GPL-2.0
/*
 * Modules: which files exist, which ones to read, and what the kernel's
 * module loader makes of their symbol tables (kernel/module/kallsyms.c).
 *
 * The livepatch lookup for a module walks its kallsyms in .ko symbol-table
 * order (module_kallsyms_on_each_symbol, skipping SHN_UNDEF).  Once the
 * module is live that is the "core" table: symbol 0, plus every symbol
 * with a name that is defined in a real section (index below e_shnum)
 * which is either the per-cpu section or allocated and not an init
 * section (name starting with ".init"; ".exit" stays, CONFIG_MODULE_UNLOAD
 * being set).  The loader clears SHF_ALLOC of .modinfo and __versions
 * first, so their symbols are not core.  While the module is still
 * loading (a livepatch applied to a module loaded later) the walk sees the
 * full table instead; names whose list differs between the two are marked
 * load-order dependent.
 *
 * The type letter is the one /proc/kallsyms shows: the loader's own
 * simplified nm letter (elf_type()), upper case for exported symbols.
 */
#include <elf.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elffile.h"
#include "klp-index-internal.h"
#include "lib.h"

static const char *const module_suffixes[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };

static size_t suffix_len(const char *path)
{
	size_t len = strlen(path);

	for (size_t i = 0; i < sizeof(module_suffixes) / sizeof(module_suffixes[0]); i++) {
		size_t n = strlen(module_suffixes[i]);

		if (len > n && strcmp(path + len - n, module_suffixes[i]) == 0)
			return n;
	}
	return 0;
}

/* Does @path end in a module suffix (.ko, .ko.xz, .ko.zst, .ko.gz)? */
static bool klp_is_module_file(const char *path)
{
	return suffix_len(path) != 0;
}

char *klp_kernel_module_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;
	char *name;

	base = base ? base + 1 : path;
	len = strlen(base) - suffix_len(base);
	if (len == strlen(base) && str_ends(base, ".o"))
		len -= 2;
	name = xstrndup(base, len);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}



/* ---- one module ---- */

/* The .modinfo "name=" value, or NULL. */
static const char *modinfo_name(const struct elf_file *elf)
{
	const struct elf_section *sec = elf_section(elf, elf_find_section(elf, ".modinfo"));
	const char *p, *end;

	if (!sec || !sec->data)
		return NULL;
	p = (const char *)sec->data;
	end = p + sec->size;
	while (p < end) {
		const char *nul = memchr(p, '\0', end - p);

		if (!nul)
			break;
		if (strncmp(p, "name=", 5) == 0 && nul > p + 5)
			return p + 5;
		p = nul + 1;
	}
	return NULL;
}

/* First allocated section named @name (kernel find_sec()), 0 if none. */
static unsigned int find_alloc_section(const struct elf_file *elf, const char *name)
{
	for (unsigned int i = 1; i < elf->nsections; i++)
		if ((elf->sections[i].flags & SHF_ALLOC) &&
		    strcmp(elf->sections[i].name, name) == 0)
			return i;
	return 0;
}

/* Exported names: those with a __ksymtab_<name> entry. */
struct export_set {
	const char **names;
	size_t size;
};

static void exports_build(struct export_set *set, const struct elf_file *elf)
{
	size_t n = 0;

	for (unsigned int i = 1; i < elf->nsyms; i++)
		if (strncmp(elf->syms[i].name, "__ksymtab_", 10) == 0)
			n++;
	set->size = 16;
	while (set->size < 2 * n)
		set->size *= 2;
	set->names = xcalloc(set->size, sizeof(*set->names));
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const char *name = elf->syms[i].name;
		size_t j;

		if (strncmp(name, "__ksymtab_", 10) != 0 || !name[10])
			continue;
		name += 10;
		for (j = klp_hash(name, NULL) & (set->size - 1); set->names[j];
		     j = (j + 1) & (set->size - 1))
			if (strcmp(set->names[j], name) == 0)
				break;
		set->names[j] = name;
	}
}

static bool exported(const struct export_set *set, const char *name)
{
	for (size_t j = klp_hash(name, NULL) & (set->size - 1); set->names[j];
	     j = (j + 1) & (set->size - 1))
		if (strcmp(set->names[j], name) == 0)
			return true;
	return false;
}

struct module_layout {
	unsigned int pcpu;
	uint64_t *flags;	/* section flags as the loader sees them */
};

/* kernel/module/kallsyms.c:elf_type() */
static char loader_letter(const struct elf_file *elf, const struct module_layout *l,
			  const struct elf_symbol *sym)
{
	const struct elf_section *sec;
	uint64_t flags;

	if (sym->bind == STB_WEAK)
		return sym->type == STT_OBJECT ? 'v' : 'w';
	if (sym->raw_shndx == SHN_UNDEF)
		return 'U';
	if (sym->raw_shndx == SHN_ABS || (l->pcpu && sym->raw_shndx == l->pcpu))
		return 'a';
	if (sym->raw_shndx >= SHN_LORESERVE || sym->raw_shndx >= elf->nsections)
		return '?';
	sec = &elf->sections[sym->raw_shndx];
	flags = l->flags[sym->raw_shndx];
	if (flags & SHF_EXECINSTR)
		return 't';
	if ((flags & SHF_ALLOC) && sec->type != SHT_NOBITS)
		return flags & SHF_WRITE ? 'd' : 'r';
	if (sec->type == SHT_NOBITS)
		return 'b';
	if (strncmp(sec->name, ".debug", 6) == 0)
		return 'n';
	return '?';
}

/* kernel/module/kallsyms.c:is_core_symbol() with CONFIG_KALLSYMS_ALL */
static bool is_core(const struct elf_file *elf, const struct module_layout *l,
		    const struct elf_symbol *sym)
{
	unsigned int shndx = sym->raw_shndx;

	if (shndx == SHN_UNDEF || shndx >= elf->nsections || sym->name == elf->strtab)
		return false;
	if (l->pcpu && shndx == l->pcpu)
		return true;
	if (!(l->flags[shndx] & SHF_ALLOC))
		return false;
	return strncmp(elf->sections[shndx].name, ".init", 5) != 0;
}

struct klp_symtab *klp_read_module(const char *path, void *data, size_t size)
{
	struct elf_file elf;
	struct module_layout layout = { 0 };
	struct export_set exports;
	struct klp_call_sites *sites;
	struct klp_occ *occ;
	struct klp_symtab *obj;
	const char *name, *source = NULL;
	char *key = NULL;
	unsigned int sec;
	size_t n = 0;

	if (elf_open_memory(&elf, path, data, size, 0) != ELF_OPEN_OK) {
		error("%s: not an ELF module\n", path);
		return NULL;
	}
	name = modinfo_name(&elf);
	if (!name)
		name = key = klp_kernel_module_name(path);

	layout.flags = xmalloc(elf.nsections * sizeof(*layout.flags));
	for (unsigned int i = 0; i < elf.nsections; i++)
		layout.flags[i] = elf.sections[i].flags;
	/* rewrite_section_headers(): "track but don't keep" */
	sec = find_alloc_section(&elf, "__versions");
	if (sec)
		layout.flags[sec] &= ~(uint64_t)SHF_ALLOC;
	sec = find_alloc_section(&elf, ".modinfo");
	if (sec)
		layout.flags[sec] &= ~(uint64_t)SHF_ALLOC;
	layout.pcpu = find_alloc_section(&elf, ".data..percpu");
	exports_build(&exports, &elf);
	sites = klp_call_sites_module(&elf);

	occ = xmalloc((elf.nsyms ? elf.nsyms : 1) * sizeof(*occ));
	for (unsigned int i = 1; i < elf.nsyms; i++) {
		const struct elf_symbol *sym = &elf.syms[i];
		char type;

		if (sym->type == STT_FILE) {
			source = sym->name[0] ? sym->name : NULL;
			continue;
		}
		if (!sym->name[0] || !is_core(&elf, &layout, sym))
			continue;
		type = loader_letter(&elf, &layout, sym);
		if (exported(&exports, sym->name))
			type = (char)(type >= 'a' && type <= 'z' ? type - 'a' + 'A' : type);
		occ[n].name = sym->name;
		occ[n].section = elf_section_name(&elf, sym->raw_shndx);
		occ[n].source = sym->bind == STB_LOCAL ? source : NULL;
		occ[n].address = sym->value;
		occ[n].type = type;
		occ[n].weak = false;
		occ[n].ftrace = sym->type != STT_FUNC ? KLP_FTRACE_NOT_FUNCTION :
				sym->shndx >= elf.nsections ? KLP_FTRACE_UNKNOWN :
				klp_call_sites_judge(&sites[sym->shndx], sym->value, sym->size);
		n++;
	}
	obj = klp_symtab_build(name, occ, n, KLP_ORDER_TABLE);
	obj->file = xstrdup(path);

	/* the table the loader walks before init: every defined symbol */
	for (unsigned int i = 1; i < elf.nsyms; i++) {
		const struct elf_symbol *sym = &elf.syms[i];

		if (sym->raw_shndx != SHN_UNDEF && sym->name[0] &&
		    !is_core(&elf, &layout, sym))
			klp_symtab_mark_load_order(obj, sym->name);
	}

	klp_call_sites_module_free(sites, elf.nsections);
	free(exports.names);
	free(layout.flags);
	free(occ);
	free(key);
	elf_close(&elf);
	return obj;
}

/* ---- the module tree ---- */

static struct klp_index *scan_idx;
static size_t scan_cap;

static int scan_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct klp_modfile *f;

	(void)st;
	(void)ftw;
	if (type != FTW_F || !klp_is_module_file(path))
		return 0;
	if (scan_idx->nfiles == scan_cap) {
		scan_cap = scan_cap ? scan_cap * 2 : 1024;
		scan_idx->files = xrealloc(scan_idx->files, scan_cap * sizeof(*scan_idx->files));
	}
	f = &scan_idx->files[scan_idx->nfiles++];
	f->key = klp_kernel_module_name(path);
	f->path = xstrdup(path);
	f->tried = false;
	return 0;
}

static int file_cmp(const void *a, const void *b)
{
	const struct klp_modfile *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->path, y->path);
}

static void scan(struct klp_index *idx)
{
	struct stat st;

	if (idx->modules_scanned)
		return;
	idx->modules_scanned = true;
	if (stat(idx->modules_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		error("%s: the module directory (KLP_MODULES_DIR, --modules) is not a directory\n",
		      idx->modules_dir);
		return;
	}
	scan_idx = idx;
	scan_cap = 0;
	if (nftw(idx->modules_dir, scan_entry, 32, FTW_PHYS) != 0)
		error("%s: cannot read the module directory: %m\n", idx->modules_dir);
	if (idx->nfiles > 1)	/* an empty tree leaves files NULL */
		qsort(idx->files, idx->nfiles, sizeof(*idx->files), file_cmp);
	scan_idx = NULL;
}

/* First file with @key, or NULL. */
static struct klp_modfile *first_file(struct klp_index *idx, const char *key)
{
	size_t lo = 0, hi = idx->nfiles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(idx->files[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < idx->nfiles && strcmp(idx->files[lo].key, key) == 0 ? &idx->files[lo] : NULL;
}

static bool is_absent(const struct klp_index *idx, const char *name)
{
	for (size_t i = 0; i < idx->nabsent; i++)
		if (strcmp(idx->absent[i], name) == 0)
			return true;
	return false;
}

static void add_absent(struct klp_index *idx, const char *name)
{
	idx->absent = xrealloc(idx->absent, (idx->nabsent + 1) * sizeof(*idx->absent));
	idx->absent[idx->nabsent++] = xstrdup(name);
}

/* the modules read in one batch */
struct batch_item {
	struct klp_symtab *obj;
	const char *path;
};

struct batch {
	struct klp_index *idx;
	struct batch_item *items;
	size_t n;
};

static void image_done(const char *path, void *data, size_t size, void *arg)
{
	struct batch *b = arg;
	struct klp_symtab *obj = klp_read_module(path, data, size);

	if (obj) {
		b->items[b->n].obj = obj;
		b->items[b->n++].path = path;
	}
}

static int item_cmp(const void *a, const void *b)
{
	const struct batch_item *x = a, *y = b;
	int c = strcmp(x->obj->name, y->obj->name);

	return c ? c : strcmp(x->path, y->path);
}

static bool loaded_from_file(const struct klp_index *idx, const char *name)
{
	const struct klp_symtab *obj = klp_index_module(idx, name);

	return obj && !obj->from_map;
}

size_t klp_index_load_modules(struct klp_index *idx, const char *const *names,
			      size_t nnames)
{
	const char **paths;
	struct batch b = { .idx = idx };
	size_t npaths = 0, added = 0;

	if (!idx->modules_dir) {
		for (size_t i = 0; names && i < nnames; i++)
			if (!klp_index_has_object(idx, names[i]) && !is_absent(idx, names[i]))
				add_absent(idx, names[i]);
		return 0;
	}
	scan(idx);
	paths = xmalloc((idx->nfiles ? idx->nfiles : 1) * sizeof(*paths));
	if (!names) {
		for (size_t i = 0; i < idx->nfiles; i++)
			if (!idx->files[i].tried) {
				idx->files[i].tried = true;
				paths[npaths++] = idx->files[i].path;
			}
	} else {
		for (size_t i = 0; i < nnames; i++) {
			char *key = klp_kernel_module_name(names[i]);
			struct klp_modfile *f = first_file(idx, key);

			if (!loaded_from_file(idx, names[i]) && !is_absent(idx, names[i]))
				for (; f && f < idx->files + idx->nfiles &&
				       strcmp(f->key, key) == 0; f++)
					if (!f->tried) {
						f->tried = true;
						paths[npaths++] = f->path;
					}
			free(key);
		}
	}

	b.items = xmalloc((npaths ? npaths : 1) * sizeof(*b.items));
	klp_read_images(paths, npaths, image_done, &b);

	/* deterministic: by name, and by path among files of one name */
	if (b.n > 1)
		qsort(b.items, b.n, sizeof(*b.items), item_cmp);
	for (size_t i = 0; i < b.n; i++) {
		if (loaded_from_file(idx, b.items[i].obj->name)) {
			warn("livepatch: module %s: %s is not the first file of that module under %s; ignoring it\n",
			     b.items[i].obj->name, b.items[i].path, idx->modules_dir);
			klp_symtab_free(b.items[i].obj);
			continue;
		}
		klp_index_add_module(idx, b.items[i].obj);
		added++;
	}
	for (size_t i = 0; names && i < nnames; i++)
		if (!klp_index_has_object(idx, names[i]) && !is_absent(idx, names[i]))
			add_absent(idx, names[i]);
	free(b.items);
	free(paths);
	return added;
}
