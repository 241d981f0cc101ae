// SPDX-License-Identifier: GPL-2.0
/*
 * The writing half of the ELF layer (elffile.h): an image of a parsed file
 * that grows at the end, and the encoders of the few fields a rewrite
 * changes, in the file's class and byte order.
 */
#include <elf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "elffile.h"
#include "lib.h"

void elf_image_init(struct elf_image *im, const struct elf_file *elf)
{
	im->elf = elf;
	im->size = elf->size;
	im->cap = elf->size + elf->size / 4 + 4096;
	im->p = xmalloc(im->cap);
	memcpy(im->p, elf->map, elf->size);
}

void elf_image_free(struct elf_image *im)
{
	free(im->p);
	im->p = NULL;
	im->size = im->cap = 0;
}

uint64_t elf_image_append(struct elf_image *im, const void *data, size_t len,
			  unsigned int align)
{
	size_t start = align > 1 ? (im->size + align - 1) / align * align : im->size;

	if (start + len > im->cap) {
		im->cap = (start + len) * 2;
		im->p = xrealloc(im->p, im->cap);
	}
	memset(im->p + im->size, 0, start - im->size);
	if (data)
		memcpy(im->p + start, data, len);
	else
		memset(im->p + start, 0, len);
	im->size = start + len;
	return start;
}

/* The @n bytes at @off of the image, which must exist. */
static unsigned char *at(struct elf_image *im, uint64_t off, size_t n)
{
	if (off > im->size || n > im->size - off)
		fatal("%s: internal error: %zu bytes at %llu are past the end of the image\n",
		      im->elf->path, n, (unsigned long long)off);
	return im->p + off;
}

static void put(struct elf_image *im, uint64_t off, uint64_t v, unsigned int n)
{
	unsigned char *p = at(im, off, n);

	for (unsigned int i = 0; i < n; i++) {
		unsigned int shift = 8 * (im->elf->big_endian ? n - 1 - i : i);

		p[i] = (unsigned char)(v >> shift);
	}
}

/* Write member @m of an Elf{32,64}_@T structure at @base. */
#define PUT(im, base, T, m, v)							\
	((im)->elf->is64							\
	 ? put(im, (base) + offsetof(Elf64_##T, m), (v), sizeof(((Elf64_##T *)0)->m)) \
	 : put(im, (base) + offsetof(Elf32_##T, m), (v), sizeof(((Elf32_##T *)0)->m)))

void elf_image_set_symbol(struct elf_image *im, unsigned int index,
			  uint32_t name_offset, uint16_t shndx)
{
	const struct elf_section *symtab = &im->elf->sections[im->elf->symtab_index];
	uint64_t off = symtab->offset + (uint64_t)index * elf_sym_size(im->elf);

	if (!im->elf->symtab_index || index >= im->elf->nsyms)
		fatal("%s: internal error: no symbol %u to rewrite\n", im->elf->path, index);
	PUT(im, off, Sym, st_name, name_offset);
	PUT(im, off, Sym, st_shndx, shndx);
}

void elf_image_copy_reloc(struct elf_image *im, const struct elf_section *rs,
			  size_t to, size_t from)
{
	unsigned int size;
	const unsigned char *raw = elf_reloc_raw(im->elf, rs, from, &size);

	memmove(at(im, rs->offset + to * size, size), raw, size);
}

void elf_image_clear_reloc(struct elf_image *im, const struct elf_section *rs,
			   size_t to)
{
	unsigned int size = elf_reloc_entry_size(im->elf, rs);

	memset(at(im, rs->offset + to * size, size), 0, size);
}

static void put_section_header(struct elf_image *im, uint64_t off,
			       const struct elf_section *s, uint32_t name_offset)
{
	PUT(im, off, Shdr, sh_name, name_offset);
	PUT(im, off, Shdr, sh_type, s->type);
	PUT(im, off, Shdr, sh_flags, s->flags);
	PUT(im, off, Shdr, sh_addr, s->addr);
	PUT(im, off, Shdr, sh_offset, s->offset);
	PUT(im, off, Shdr, sh_size, s->size);
	PUT(im, off, Shdr, sh_link, s->link);
	PUT(im, off, Shdr, sh_info, s->info);
	PUT(im, off, Shdr, sh_addralign, s->addralign);
	PUT(im, off, Shdr, sh_entsize, s->entsize);
}

void elf_image_put_section_headers(struct elf_image *im,
				   const struct elf_section *sections,
				   const uint32_t *name_offsets, unsigned int n,
				   unsigned int shstrndx)
{
	unsigned int size = elf_shdr_size(im->elf);
	uint64_t shoff = elf_image_append(im, NULL, (size_t)n * size, 8);

	for (unsigned int i = 0; i < n; i++)
		put_section_header(im, shoff + (uint64_t)i * size, &sections[i],
				   name_offsets[i]);
	PUT(im, 0, Ehdr, e_shoff, shoff);
	PUT(im, 0, Ehdr, e_shnum, n < SHN_LORESERVE ? n : 0);
	PUT(im, 0, Ehdr, e_shstrndx, shstrndx < SHN_LORESERVE ? shstrndx : SHN_XINDEX);
	/* large counts live in section header 0 */
	if (n >= SHN_LORESERVE)
		PUT(im, shoff, Shdr, sh_size, n);
	if (shstrndx >= SHN_LORESERVE)
		PUT(im, shoff, Shdr, sh_link, shstrndx);
}
