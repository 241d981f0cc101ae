// SPDX-License-Identifier: GPL-2.0
#include <elf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "klp-image.h"
#include "lib.h"


void klp_image_init(struct klp_image *im, const struct elf_file *elf)
{
	im->elf = elf;
	im->size = elf->size;
	im->cap = elf->size + elf->size / 4 + 4096;
	im->p = xmalloc(im->cap);
	memcpy(im->p, elf->map, elf->size);
}

void klp_image_free(struct klp_image *im)
{
	free(im->p);
	im->p = NULL;
	im->size = im->cap = 0;
}

uint64_t klp_image_append(struct klp_image *im, const void *data, size_t len,
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

static void put(struct klp_image *im, uint64_t off, uint64_t v, unsigned int n)
{

	if (off + n > im->size)
		fatal("%s: internal error: write at %llu past the end of the image\n",
		      im->elf->path, (unsigned long long)off);
	for (unsigned int i = 0; i < n; i++) {
		unsigned int shift = 8 * (im->elf->big_endian ? n - 1 - i : i);

		im->p[off + i] = (unsigned char)(v >> shift);
	}
}

void klp_image_put16(struct klp_image *im, uint64_t off, uint16_t v) { put(im, off, v, 2); }
void klp_image_put32(struct klp_image *im, uint64_t off, uint32_t v) { put(im, off, v, 4); }
void klp_image_put64(struct klp_image *im, uint64_t off, uint64_t v) { put(im, off, v, 8); }

void klp_image_put_word(struct klp_image *im, uint64_t off, uint64_t v)
{
	put(im, off, v, im->elf->is64 ? 8 : 4);
}

unsigned int klp_image_shdr_size(const struct klp_image *im)
{
	return im->elf->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
}

unsigned int klp_image_sym_size(const struct klp_image *im)
{
	return im->elf->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
}

unsigned int klp_image_rela_size(const struct klp_image *im)
{
	return im->elf->is64 ? sizeof(Elf64_Rela) : sizeof(Elf32_Rela);
}

/* Write member @m of an Elf{32,64}_@T structure at @base. */
#define PUT(im, base, T, m, v)							\
	((im)->elf->is64							\
	 ? put(im, (base) + offsetof(Elf64_##T, m), (v), sizeof(((Elf64_##T *)0)->m)) \
	 : put(im, (base) + offsetof(Elf32_##T, m), (v), sizeof(((Elf32_##T *)0)->m)))

void klp_image_put_shdr(struct klp_image *im, uint64_t off, const struct elf_section *s,
			uint32_t name_offset)
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

void klp_image_set_sym(struct klp_image *im, uint64_t sym_off, uint32_t name_offset,
		       uint16_t shndx)
{
	PUT(im, sym_off, Sym, st_name, name_offset);
	PUT(im, sym_off, Sym, st_shndx, shndx);
}

void klp_image_set_shdrs(struct klp_image *im, uint64_t shoff, unsigned int shnum,
			 unsigned int shstrndx)
{
	PUT(im, 0, Ehdr, e_shoff, shoff);
	PUT(im, 0, Ehdr, e_shnum, shnum < SHN_LORESERVE ? shnum : 0);
	PUT(im, 0, Ehdr, e_shstrndx, shstrndx < SHN_LORESERVE ? shstrndx : SHN_XINDEX);
	/* large counts live in section header 0 */
	if (shnum >= SHN_LORESERVE)
		PUT(im, shoff, Shdr, sh_size, shnum);
	if (shstrndx >= SHN_LORESERVE)
		PUT(im, shoff, Shdr, sh_link, shstrndx);
}
