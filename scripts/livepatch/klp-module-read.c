// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a livepatch module's object: where it references undefined
 * symbols, and its annotation records (include/uapi/linux/livepatch.h).
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp.h"
#include "klp-module.h"
#include "klp-relocs.h"
#include "klp-rules.h"

bool klp_is_livepatch_object(const struct elf_file *elf)
{
	return modinfo_get(elf, "livepatch", NULL) != NULL;
}

/* ---- references ---- */

struct ref_entry {
	const char *name;
	struct klp_site site;
};

static int ref_entry_order(const void *a, const void *b)
{
	const struct ref_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	c = strcmp(x->site.section, y->site.section);
	if (c)
		return c;
	return x->site.offset < y->site.offset ? -1 : x->site.offset > y->site.offset;
}

/*
 * Every relocation against an undefined symbol, from every relocation
 * section the post-link step converts (klp_reloc_section_converted()).
 */
static void read_references(struct klp_module *km, const struct elf_file *elf)
{
	struct ref_entry *entries = NULL;
	const struct elf_section *rs;
	size_t n = 0, cap = 0;
	struct elf_reloc r;

	for_each_reloc_sec(elf, rs) {
		const struct elf_section *target = elf_section(elf, rs->info);

		if (!klp_reloc_section_converted(elf, rs))
			continue;
		for_each_reloc(elf, rs, k, &r) {
			const struct elf_symbol *sym = &elf->syms[r.sym];

			if (sym->raw_shndx != SHN_UNDEF || !sym->name[0])
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				entries = xrealloc(entries, cap * sizeof(*entries));
			}
			entries[n].name = sym->name;
			entries[n].site.section = target->name;
			entries[n].site.offset = r.offset;
			entries[n].site.type = r.type;
			n++;
		}
	}

	if (n > 1)	/* never qsort() the NULL of an empty list */
		qsort(entries, n, sizeof(*entries), ref_entry_order);
	for (size_t i = 0; i < n; i++) {
		struct klp_reference *ref;

		if (i == 0 || strcmp(entries[i].name, entries[i - 1].name) != 0) {
			if (km->nrefs == km->refs_cap) {
				km->refs_cap = km->refs_cap ? 2 * km->refs_cap : 16;
				km->refs = xrealloc(km->refs, km->refs_cap * sizeof(*km->refs));
			}
			ref = &km->refs[km->nrefs++];
			memset(ref, 0, sizeof(*ref));
			ref->name = xstrdup(entries[i].name);
		}
		ref = &km->refs[km->nrefs - 1];
		if (ref->nsites == ref->cap) {
			ref->cap = ref->cap ? 2 * ref->cap : 4;
			ref->sites = xrealloc(ref->sites, ref->cap * sizeof(*ref->sites));
		}
		ref->sites[ref->nsites] = entries[i].site;
		/* section names point into the object, which is about to be closed */
		ref->sites[ref->nsites].section = xstrdup(entries[i].site.section);
		ref->nsites++;
	}
	free(entries);
}

static int reference_name_order(const void *key, const void *elem)
{
	return strcmp(key, ((const struct klp_reference *)elem)->name);
}

const struct klp_reference *klp_find_reference(const struct klp_module *km,
					       const char *name)
{
	return km->nrefs ? bsearch(name, km->refs, km->nrefs, sizeof(*km->refs),
				   reference_name_order) : NULL;
}

/* ---- annotations ---- */

static char *where(const char *section, uint64_t offset)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s+0x%" PRIx64, section, offset);
	return xstrdup(buf);
}

/* The undefined symbol that the pointer field at @offset of @shndx names. */
static const char *annotated_symbol(const struct klp_module *km,
				    const struct elf_file *elf,
				    const struct klp_relocs *relocs,
				    unsigned int shndx, uint64_t offset)
{
	const char *section = elf_section_name(elf, shndx);
	const struct elf_reloc *r = klp_reloc_at(relocs, offset);
	const struct elf_symbol *sym;

	if (!r) {
		error("livepatch: annotation %s+0x%" PRIx64 " of %s.ko does not refer to a symbol\n",
		      section, offset, km->mod->name);
		return NULL;
	}
	sym = &elf->syms[r->sym];
	if (sym->raw_shndx != SHN_UNDEF || !sym->name[0]) {
		error("livepatch: annotation %s+0x%" PRIx64 " of %s.ko refers to '%s', which the module\n"
		      "\tdefines itself; annotations describe symbols of other objects (vmlinux or a module)\n",
		      section, offset, km->mod->name, sym->name[0] ? sym->name : "(a section)");
		return NULL;
	}
	if (r->addend != 0) {
		error("livepatch: annotation %s+0x%" PRIx64 " of %s.ko refers to '%s%+" PRId64 "'; annotate the symbol itself\n",
		      section, offset, km->mod->name, sym->name, r->addend);
		return NULL;
	}
	return sym->name;
}

static struct klp_annotation *add_annotation(struct klp_module *km, const char *cname,
					     const char *object, const char *name,
					     unsigned long sympos, char *at)
{
	const struct klp_annotation *old = klp_find_annotation(km, cname);
	struct klp_annotation *a;

	if (!klp_object_name_ok(object)) {
		error("livepatch: annotation %s of %s.ko: object name '%s' is not valid: it must be 1 to %d\n"
		      "\tcharacters without '.'\n", at, km->mod->name, object, KLP_OBJECT_NAME_MAX);
		free(at);
		return NULL;
	}
	if (!klp_symbol_name_ok(name)) {
		error("livepatch: annotation %s of %s.ko: symbol name '%s' is not valid: it must be 1 to %d\n"
		      "\tcharacters without ','\n", at, km->mod->name, name, KLP_SYMBOL_NAME_MAX);
		free(at);
		return NULL;
	}
	if (old) {
		if (strcmp(old->object, object) || strcmp(old->name, name) ||
		    old->sympos != sympos)
			error("livepatch: conflicting annotations for '%s' in %s.ko:\n"
			      "\t%s says %s %s,%lu\n\t%s says %s %s,%lu\n"
			      "\tkeep exactly one of them\n",
			      cname, km->mod->name, old->where, old->object, old->name,
			      old->sympos, at, object, name, sympos);
		free(at);
		return NULL;
	}

	km->annotations = xrealloc(km->annotations,
				   (km->nannotations + 1) * sizeof(*km->annotations));
	a = &km->annotations[km->nannotations++];
	a->cname = xstrdup(cname);
	a->object = xstrdup(object);
	a->name = xstrdup(name);
	a->sympos = sympos;
	a->where = at;
	a->used = false;
	a->clone_abi = false;
	return a;
}

/*
 * The records of an annotation section, found through the symbols of the
 * data objects defined in it (the compiler may pad between objects).
 * Calls @fn for every record of @entsize bytes.
 */
static void for_each_record(struct klp_module *km, const struct elf_file *elf,
			    unsigned int shndx, uint64_t entsize,
			    void (*fn)(struct klp_module *km, const struct elf_file *elf,
				       const struct klp_relocs *relocs, unsigned int shndx,
				       uint64_t off))
{
	const struct elf_section *sec = &elf->sections[shndx];
	struct klp_relocs relocs;

	klp_relocs_collect(elf, shndx, &relocs);
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];

		if (sym->shndx != shndx || sym->type != STT_OBJECT)
			continue;
		/* the object file is damaged: say which way, the records are not read */
		if (!sec->data) {
			error("livepatch: annotation %s of %s.ko is in section %s, which has no data\n",
			      sym->name, km->mod->name, sec->name);
			continue;
		}
		if (sym->value > sec->size || sym->size > sec->size - sym->value) {
			error("livepatch: annotation %s of %s.ko (offset %llu, size %llu) lies outside\n"
			      "\tits section %s (%llu bytes)\n", sym->name, km->mod->name,
			      (unsigned long long)sym->value, (unsigned long long)sym->size,
			      sec->name, (unsigned long long)sec->size);
			continue;
		}
		if (sym->size % entsize) {
			error("livepatch: annotation %s in section %s of %s.ko has size %llu, not a whole\n"
			      "\tnumber of %llu-byte records\n", sym->name, sec->name, km->mod->name,
			      (unsigned long long)sym->size, (unsigned long long)entsize);
			continue;
		}
		for (uint64_t off = 0; off < sym->size; off += entsize)
			fn(km, elf, &relocs, shndx, sym->value + off);
	}
	klp_relocs_free(&relocs);
}

/* KLP_MODULE_RELOC(object): packed { void *sym; u32 sympos; } records. */
static void read_reloc_record(struct klp_module *km, const struct elf_file *elf,
			      const struct klp_relocs *relocs, unsigned int shndx,
			      uint64_t off)
{
	const struct elf_section *sec = &elf->sections[shndx];
	const char *object = sec->name + strlen(KLP_MODULE_RELOC_SECTION);
	const char *cname = annotated_symbol(km, elf, relocs, shndx, off);
	uint32_t sympos = elf_get32(elf, sec->data + off + elf_addr_size(elf));

	if (cname)
		add_annotation(km, cname, object, cname, sympos, where(sec->name, off));
}

/* A NUL-terminated string inside a fixed-size field, or NULL. */
static const char *fixed_string(const unsigned char *field, size_t size)
{
	return memchr(field, '\0', size) ? (const char *)field : NULL;
}

/* Layout of struct klp_symbol_binding for a pointer size. */
static uint64_t binding_size(unsigned int ptr)
{
	uint64_t size = ptr + 8 + KLP_OBJECT_NAME_MAX + 1 + KLP_SYMBOL_NAME_MAX + 1;

	return (size + ptr - 1) / ptr * ptr;	/* the struct's alignment */
}

/* KLP_SYMBOL(): struct klp_symbol_binding records. */
static void read_binding_record(struct klp_module *km, const struct elf_file *elf,
				const struct klp_relocs *relocs, unsigned int shndx,
				uint64_t off)
{
	const struct elf_section *sec = &elf->sections[shndx];
	unsigned int ptr = elf_addr_size(elf);
	const unsigned char *rec = sec->data + off;
	uint64_t off_object = ptr + 8, off_name = off_object + KLP_OBJECT_NAME_MAX + 1;
	const char *cname = annotated_symbol(km, elf, relocs, shndx, off);
	const char *object = fixed_string(rec + off_object, KLP_OBJECT_NAME_MAX + 1);
	const char *name = fixed_string(rec + off_name, KLP_SYMBOL_NAME_MAX + 1);
	struct klp_annotation *a;
	uint32_t flags;

	if (!cname)
		return;
	if (!object || !name) {
		error("livepatch: annotation %s+0x%llx of %s.ko: object or symbol name is not NUL-terminated\n",
		      sec->name, (unsigned long long)off, km->mod->name);
		return;
	}
	flags = elf_get32(elf, rec + ptr + 4);
	if (flags & ~KLP_SYMBOL_F_KNOWN) {
		error("livepatch: annotation %s+0x%llx of %s.ko has unknown flags 0x%x (a newer\n"
		      "	<linux/klp-annotations.h> than this modpost?)\n",
		      sec->name, (unsigned long long)off, km->mod->name, flags);
		return;
	}
	a = add_annotation(km, cname, object, name, elf_get32(elf, rec + ptr), where(sec->name, off));
	if (a)
		a->clone_abi = flags & KLP_SYMBOL_F_CLONE_ABI;
}

static void read_annotations(struct klp_module *km, const struct elf_file *elf)
{
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const char *name = elf->sections[i].name;

		if (str_starts(name, KLP_MODULE_RELOC_SECTION))
			for_each_record(km, elf, i, elf_addr_size(elf) + 4, read_reloc_record);
		else if (strcmp(name, KLP_SYMBOL_SECTION) == 0)
			for_each_record(km, elf, i, binding_size(elf_addr_size(elf)),
					read_binding_record);
	}
}

const struct klp_annotation *klp_find_annotation(const struct klp_module *km,
						 const char *cname)
{
	for (size_t i = 0; i < km->nannotations; i++)
		if (strcmp(km->annotations[i].cname, cname) == 0)
			return &km->annotations[i];
	return NULL;
}

static void read_undefined_names(struct klp_module *km, const struct elf_file *elf)
{
	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];

		if (sym->raw_shndx == SHN_UNDEF && sym->name[0] &&
		    (sym->bind == STB_GLOBAL || sym->bind == STB_WEAK) &&
		    !string_list_contains(&km->undefined, sym->name))
			string_list_add(&km->undefined, sym->name);
	}
}

void klp_module_read(struct module *mod, struct elf_file *elf)
{
	struct klp_module *km = xcalloc(1, sizeof(*km));

	km->mod = mod;
	mod->klp = km;
	read_undefined_names(km, elf);
	read_references(km, elf);
	read_annotations(km, elf);
	klp_read_scope(km, elf);
}
