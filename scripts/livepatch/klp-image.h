/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A writable copy of an ELF file that grows at the end: how the
 * post-link step rewrites a module.  Existing bytes keep their offsets
 * (so no existing section or symbol index changes); new data and a new
 * section header table are appended.  Class and byte order follow the
 * input file.
 */
#ifndef KLP_IMAGE_H
#define KLP_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elffile.h"

struct klp_image {
	unsigned char *p;
	size_t size, cap;
	const struct elf_file *elf;	/* the parsed input, for class and byte order */
};

void klp_image_init(struct klp_image *im, const struct elf_file *elf);
void klp_image_free(struct klp_image *im);

/* Append @len bytes (NULL: zeros) at the next multiple of @align; returns the offset. */
uint64_t klp_image_append(struct klp_image *im, const void *data, size_t len,
			  unsigned int align);

void klp_image_put16(struct klp_image *im, uint64_t off, uint16_t v);
void klp_image_put32(struct klp_image *im, uint64_t off, uint32_t v);
void klp_image_put64(struct klp_image *im, uint64_t off, uint64_t v);
/* A word of the file's class (Elf32_Word/Elf64_Xword-sized fields). */
void klp_image_put_word(struct klp_image *im, uint64_t off, uint64_t v);

/* Size of one section header / symbol / RELA entry in this class. */
unsigned int klp_image_shdr_size(const struct klp_image *im);
unsigned int klp_image_sym_size(const struct klp_image *im);
unsigned int klp_image_rela_size(const struct klp_image *im);

/* Write a whole section header at @off from @s (name given as an offset). */
void klp_image_put_shdr(struct klp_image *im, uint64_t off, const struct elf_section *s,
			uint32_t name_offset);

/* Offsets of symbol-table entry fields that the finalize step rewrites. */
void klp_image_set_sym(struct klp_image *im, uint64_t sym_off, uint32_t name_offset,
		       uint16_t shndx);

/* ELF header: section header table position and count, string table index. */
void klp_image_set_shdrs(struct klp_image *im, uint64_t shoff, unsigned int shnum,
			 unsigned int shstrndx);

#endif
