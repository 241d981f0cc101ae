// SPDX-License-Identifier: GPL-2.0
/*
 * Which objects does a livepatch module patch?  Its struct klp_patch
 * points (.objs) at an array of struct klp_object, each naming a module
 * (.name) or vmlinux (.name == NULL), ended by an entry without .funcs.
 *
 * The patch is found without debug information: it is a data object of
 * exactly sizeof(struct klp_patch) whose .mod field is relocated against
 * __this_module (THIS_MODULE).  The layouts come from the target kernel's
 * headers (klp-layout.h, generated at build time).
 *
 * The kernel applies module-specific livepatch relocations only for the
 * objects the patch declares; vmlinux relocations are applied whatever
 * the patch declares.  Each klp_object's .funcs array (struct klp_func,
 * ended by an all-zero entry) says which functions it replaces.
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-layout.h"
#include "klp-module.h"
#include "klp-relocs.h"
#include "klp-scope.h"

void klp_patch_desc_free(struct klp_patch_desc *d)
{
	for (size_t i = 0; i < d->objects.n; i++)
		free(d->objects.v[i]);
	free(d->objects.v);
	for (size_t i = 0; i < d->nfuncs; i++) {
		free(d->funcs[i].object);
		free(d->funcs[i].old_name);
		free(d->funcs[i].where);
	}
	free(d->funcs);
	memset(d, 0, sizeof(*d));
}

#if KLPL_AVAILABLE

/* A string pointed to by the relocated pointer field @r. */
static const char *pointed_string(const struct elf_file *elf, const struct elf_reloc *r)
{
	unsigned int shndx;
	uint64_t offset;

	if (!klp_reloc_target(elf, r, &shndx, &offset))
		return NULL;
	return elf_section_string(elf, shndx, offset);
}

static bool field_is_zero(const unsigned char *p, unsigned int size)
{
	while (size--)
		if (*p++)
			return false;
	return true;
}

/* "lp_funcs[1]" for entry @off of an array symbol, else "<section>+0x<off>". */
static char *entry_name(const struct elf_file *elf, unsigned int shndx, uint64_t off,
			uint64_t entsize)
{
	const struct elf_section *sec = elf_section(elf, shndx);
	char *s;

	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];

		if (sym->shndx == shndx && sym->type == STT_OBJECT && sym->name[0] &&
		    off >= sym->value && off < sym->value + sym->size) {
			if (asprintf(&s, "%s[%" PRIu64 "]", sym->name,
				     (off - sym->value) / entsize) < 0)
				fatal("memory exhausted\n");
			return s;
		}
	}
	if (asprintf(&s, "%s+0x%" PRIx64, sec ? sec->name : "?", off) < 0)
		fatal("memory exhausted\n");
	return s;
}

/*
 * Does an entry of @size bytes at @off lie inside @sec?  @off is a symbol
 * value plus a relocation addend, anything up to 2^64 - 1: "off + size <=
 * sec->size" would wrap around and let a pointer before the section pass.
 */
static bool entry_inside(const struct elf_section *sec, uint64_t off, uint64_t size)
{
	return off <= sec->size && size <= sec->size - off;
}

static uint64_t get_long(const struct elf_file *elf, const unsigned char *p)
{
	return elf_addr_size(elf) == 8 ? elf_get64(elf, p) : elf_get32(elf, p);
}

/*
 * The klp_func array of object @object at @shndx + @base, up to the entry
 * whose old_name, new_func and old_sympos are all zero (the kernel's end
 * marker).
 */
static void read_funcs(struct klp_patch_desc *d, const struct elf_file *elf,
		       const char *object, unsigned int shndx, uint64_t base)
{
	const struct elf_section *sec = elf_section(elf, shndx);
	unsigned int ptr = elf_addr_size(elf);
	struct klp_relocs relocs;

	if (!sec || !sec->data)
		return;
	klp_relocs_collect(elf, shndx, &relocs);
	for (uint64_t off = base; entry_inside(sec, off, KLPL_SIZE_klp_func);
	     off += KLPL_SIZE_klp_func) {
		const struct elf_reloc *name = klp_reloc_at(&relocs, off + KLPL_OFF_klp_func_old_name);
		const struct elf_reloc *new_func = klp_reloc_at(&relocs, off + KLPL_OFF_klp_func_new_func);
		uint64_t sympos = get_long(elf, sec->data + off + KLPL_OFF_klp_func_old_sympos);
		struct klp_patched_func *f;
		const char *old_name;

		if (!name && !new_func && !sympos &&
		    field_is_zero(sec->data + off + KLPL_OFF_klp_func_old_name, ptr) &&
		    field_is_zero(sec->data + off + KLPL_OFF_klp_func_new_func, ptr))
			break;
		old_name = name ? pointed_string(elf, name) : NULL;
		d->funcs = xrealloc(d->funcs, (d->nfuncs + 1) * sizeof(*d->funcs));
		f = &d->funcs[d->nfuncs++];
		f->object = xstrdup(object);
		f->old_name = old_name ? xstrdup(old_name) : NULL;
		f->old_sympos = sympos;
		f->where = entry_name(elf, shndx, off, KLPL_SIZE_klp_func);
	}
	klp_relocs_free(&relocs);
}

/* Walk the klp_object array at @shndx + @base; false if it does not look like one. */
static bool read_objects(struct klp_patch_desc *d, const struct elf_file *elf,
			 unsigned int shndx, uint64_t base)
{
	const struct elf_section *sec = elf_section(elf, shndx);
	unsigned int ptr = elf_addr_size(elf);
	struct klp_relocs relocs;
	struct klp_patch_desc found = { 0 };
	bool ok = false;

	if (!sec || !sec->data)
		return false;
	klp_relocs_collect(elf, shndx, &relocs);
	for (uint64_t off = base; entry_inside(sec, off, KLPL_SIZE_klp_object);
	     off += KLPL_SIZE_klp_object) {
		const struct elf_reloc *name = klp_reloc_at(&relocs, off + KLPL_OFF_klp_object_name);
		const struct elf_reloc *funcs = klp_reloc_at(&relocs, off + KLPL_OFF_klp_object_funcs);
		unsigned int funcs_shndx;
		uint64_t funcs_offset;
		const char *object;

		if (!funcs) {
			/* the terminating entry: no functions, no name */
			ok = !name && field_is_zero(sec->data + off + KLPL_OFF_klp_object_funcs, ptr);
			break;
		}
		if (name) {
			object = pointed_string(elf, name);
			if (!object)
				break;
		} else {
			if (!field_is_zero(sec->data + off + KLPL_OFF_klp_object_name, ptr))
				break;
			object = "vmlinux";
		}
		string_list_add(&found.objects, object);
		if (klp_reloc_target(elf, funcs, &funcs_shndx, &funcs_offset))
			read_funcs(&found, elf, object, funcs_shndx, funcs_offset);
	}
	klp_relocs_free(&relocs);

	if (ok && !d->found)
		*d = found;
	else
		klp_patch_desc_free(&found);
	return ok;
}

void klp_patch_desc_read(const struct elf_file *elf, struct klp_patch_desc *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		const struct elf_section *sec = elf_section(elf, sym->shndx);
		struct klp_relocs relocs;
		const struct elf_reloc *mod, *objs;
		unsigned int objs_shndx;
		uint64_t objs_offset;

		if (sym->type != STT_OBJECT || sym->size != KLPL_SIZE_klp_patch ||
		    !sec || !(sec->flags & SHF_ALLOC))
			continue;

		klp_relocs_collect(elf, sym->shndx, &relocs);
		mod = klp_reloc_at(&relocs, sym->value + KLPL_OFF_klp_patch_mod);
		objs = klp_reloc_at(&relocs, sym->value + KLPL_OFF_klp_patch_objs);
		if (mod && objs && strcmp(elf->syms[mod->sym].name, "__this_module") == 0 &&
		    klp_reloc_target(elf, objs, &objs_shndx, &objs_offset) &&
		    read_objects(out, elf, objs_shndx, objs_offset))
			out->found = true;
		klp_relocs_free(&relocs);
	}
}

#else /* the target kernel has no CONFIG_LIVEPATCH: nothing is declared */

void klp_patch_desc_read(const struct elf_file *elf, struct klp_patch_desc *out)
{
	(void)elf;
	memset(out, 0, sizeof(*out));
}

#endif

void klp_read_scope(struct klp_module *km, struct elf_file *elf)
{
	klp_patch_desc_read(elf, &km->patch);
	km->scope_known = km->patch.found;
	for (size_t i = 0; i < km->patch.objects.n; i++)
		string_list_add(&km->declared, km->patch.objects.v[i]);
}
