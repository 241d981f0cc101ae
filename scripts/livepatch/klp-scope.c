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
 * the patch declares.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "klp-layout.h"
#include "klp-module.h"
#include "klp-relocs.h"

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

/* Walk the klp_object array at @shndx + @base; false if it does not look like one. */
static bool read_objects(struct klp_module *km, const struct elf_file *elf,
			 unsigned int shndx, uint64_t base)
{
	const struct elf_section *sec = elf_section(elf, shndx);
	unsigned int ptr = elf_addr_size(elf);
	struct klp_relocs relocs;
	struct string_list found = { 0 };
	bool ok = false;

	if (!sec || !sec->data)
		return false;
	klp_relocs_collect(elf, shndx, &relocs);
	for (uint64_t off = base; off + KLPL_SIZE_klp_object <= sec->size;
	     off += KLPL_SIZE_klp_object) {
		const struct elf_reloc *name = klp_reloc_at(&relocs, off + KLPL_OFF_klp_object_name);
		const struct elf_reloc *funcs = klp_reloc_at(&relocs, off + KLPL_OFF_klp_object_funcs);
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
		string_list_add(&found, object);
	}
	klp_relocs_free(&relocs);

	if (ok)
		for (size_t i = 0; i < found.n; i++)
			string_list_add(&km->declared, found.v[i]);
	for (size_t i = 0; i < found.n; i++)
		free(found.v[i]);
	free(found.v);
	return ok;
}

void klp_read_scope(struct klp_module *km, struct elf_file *elf)
{
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
		    read_objects(km, elf, objs_shndx, objs_offset))
			km->scope_known = true;
		klp_relocs_free(&relocs);
	}
}

#else /* the target kernel has no CONFIG_LIVEPATCH: nothing is declared */

void klp_read_scope(struct klp_module *km, struct elf_file *elf)
{
	(void)km;
	(void)elf;
}

#endif
