/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Class- and endian-neutral access to ELF relocatable objects.
 *
 * One object file is mapped once (private, writable: modpost shortens some
 * symbol names in place, exactly like the kernel's modpost does), its
 * section headers and symbols are decoded into host-order arrays, and
 * every offset, size and index is checked here, so the rest of modpost
 * never touches raw file bytes without a bounds check.
 *
 * All errors are reported through fatal() with the wording of the stock
 * modpost where it has one; elf_open() therefore either succeeds, reports
 * "not an ELF object" (a case modpost silently ignores), or exits.
 */
#ifndef MODPOST_ELFFILE_H
#define MODPOST_ELFFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <elf.h>
#include <stdint.h>

/*
 * Reserved section indices (SHN_LORESERVE..SHN_HIRESERVE) are moved to the
 * top of the unsigned range, so that they never collide with real section
 * indices and always compare above them (this also fixes the order in which
 * the nearest-symbol search sorts them).
 */
#define ELF_SPECIAL_SHNDX(raw)	((unsigned int)(raw) - 0xffffu - 1u)

struct elf_section {
	const char *name;
	uint32_t type;
	uint32_t link;
	uint32_t info;
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint64_t addralign;
	uint64_t entsize;
	unsigned char *data;	/* NULL for SHT_NOBITS */
};

struct elf_symbol {
	const char *name;	/* into the (private) string table */
	uint64_t value;
	uint64_t size;
	unsigned int shndx;	/* resolved through SHT_SYMTAB_SHNDX; see ELF_SPECIAL_SHNDX */
	uint16_t raw_shndx;	/* st_shndx as stored */
	/* the two halves of st_info: 32 bytes a symbol (vmlinux.o has 200,000) */
	unsigned char bind : 4;
	unsigned char type : 4;
	unsigned char other;
};

struct elf_reloc {
	uint64_t offset;
	int64_t addend;		/* RELA addend; 0 for REL */
	uint32_t sym;		/* symbol table index, checked against nsyms */
	uint32_t type;
};

struct elf_file {
	const char *path;
	unsigned char *map;
	size_t size;

	bool is64;
	bool big_endian;
	uint16_t type;		/* e_type */
	uint16_t machine;	/* e_machine */
	unsigned int ehdr_size;	/* sizeof(Elf{32,64}_Ehdr) */

	unsigned int nsections;
	unsigned int shstrndx;
	struct elf_section *sections;

	unsigned int symtab_index;	/* 0 when there is none */
	unsigned int nsyms;
	struct elf_symbol *syms;
	char *strtab;
	size_t strtab_size;

	bool borrowed;		/* map belongs to the caller (elf_open_memory) */
};

/* The first EI_NIDENT bytes of a file, for a quick look at its kind. */
enum elf_ident_result {
	ELF_IDENT_OK,
	ELF_IDENT_UNREADABLE,	/* could not be opened; errno is set */
	ELF_IDENT_SHORT,	/* fewer than EI_NIDENT bytes could be read */
};
enum elf_ident_result elf_read_ident(const char *path, unsigned char ident[EI_NIDENT]);

enum elf_open_result {
	ELF_OPEN_OK,
	ELF_OPEN_NOT_ELF,	/* too small or no ELF magic: ignore the file */
	ELF_OPEN_MISSING,	/* could not be opened; errno is set */
};

/*
 * Map and decode @path.  Reports malformed objects with fatal().
 * On ELF_OPEN_NOT_ELF the file has already been released.
 */
enum elf_open_result elf_open(struct elf_file *elf, const char *path);
void elf_close(struct elf_file *elf);

/*
 * Options of elf_open_ex() and elf_open_memory(); elf_open() is
 * elf_open_ex() with none of them.
 */
#define ELF_OPEN_ANY_TYPE	0x1u	/* accept ET_EXEC/ET_DYN (vmlinux), not only ET_REL */
#define ELF_OPEN_OPTIONAL_SYMTAB 0x2u	/* no SHT_SYMTAB is fine: symtab_index 0, nsyms 0 */
#define ELF_OPEN_NO_SYMBOLS	0x4u	/* headers only: syms NULL, nsyms 0, strtab NULL */

enum elf_open_result elf_open_ex(struct elf_file *elf, const char *path,
				 unsigned int flags);
/*
 * Decode an image that is already in memory (e.g. a decompressed module).
 * @data must stay valid until elf_close(), which does not free it; it is
 * written to only where elf_open() would write to its private mapping.
 * @path is used in messages.
 */
enum elf_open_result elf_open_memory(struct elf_file *elf, const char *path,
				     void *data, size_t size, unsigned int flags);

/* Host-order reads of target-order data, with the file's endianness. */
uint16_t elf_get16(const struct elf_file *elf, const void *p);
uint32_t elf_get32(const struct elf_file *elf, const void *p);
uint64_t elf_get64(const struct elf_file *elf, const void *p);
static inline unsigned int elf_addr_size(const struct elf_file *elf)
{
	return elf->is64 ? 8 : 4;
}

/* Section of index @shndx, or NULL for 0/special/out-of-range indices. */
const struct elf_section *elf_section(const struct elf_file *elf,
				      unsigned int shndx);
/* Name of section @shndx, "" when there is no such section. */
const char *elf_section_name(const struct elf_file *elf, unsigned int shndx);
/*
 * Index of the section named @name, or 0 when there is none.  Of several
 * sections with that name the last one counts, as in the stock modpost.
 */
unsigned int elf_find_section(const struct elf_file *elf, const char *name);

/*
 * @len bytes at @offset inside section @shndx, or NULL when that range is
 * not in the file.  A NOBITS section yields NULL (callers that treat it as
 * zeros must check the section type themselves).
 */
const unsigned char *elf_section_bytes(const struct elf_file *elf,
				       unsigned int shndx, uint64_t offset,
				       uint64_t len);

/* The symbol's value bytes (section data at st_value), bounds-checked. */
const unsigned char *elf_symbol_bytes(const struct elf_file *elf,
				      const struct elf_symbol *sym,
				      uint64_t len);

/* NUL-terminated string at @offset inside section @shndx, or NULL. */
const char *elf_section_string(const struct elf_file *elf, unsigned int shndx,
			       uint64_t offset);

/*
 * Relocation sections (SHT_REL / SHT_RELA): number of entries, and entry
 * @i decoded.  elf_reloc_get() reports a symbol index outside the symbol
 * table with fatal().
 */
unsigned int elf_reloc_entry_size(const struct elf_file *elf,
				  const struct elf_section *rs);
size_t elf_reloc_count(const struct elf_file *elf, const struct elf_section *rs);
/*
 * For inspecting possibly damaged files: the number of whole entries (0
 * for a section that is no relocation section or has no data; a ragged
 * tail is ignored), and elf_reloc_get() without the fatal(): false if the
 * symbol index is out of range.
 */
size_t elf_reloc_count_lenient(const struct elf_file *elf,
			       const struct elf_section *rs);
bool elf_reloc_decode(const struct elf_file *elf, const struct elf_section *rs,
		      size_t i, struct elf_reloc *out);
void elf_reloc_get(const struct elf_file *elf, const struct elf_section *rs,
		   size_t i, struct elf_reloc *out);

/*
 * The addend of a relocation that fills a pointer-sized field (a pointer
 * in data): RELA's own, or for REL the field's contents in the target
 * section (0 when the field is not in the file).
 */
int64_t elf_reloc_pointer_addend(const struct elf_file *elf,
				 const struct elf_section *rs,
				 const struct elf_reloc *r);

/* The raw bytes of relocation @i of @rs, as in the file (entry size in *@size). */
const unsigned char *elf_reloc_raw(const struct elf_file *elf,
				   const struct elf_section *rs, size_t i,
				   unsigned int *size);

static inline bool elf_is_reloc_section(const struct elf_section *s)
{
	return s->type == SHT_REL || s->type == SHT_RELA;
}

/* Every relocation section @rs of @elf (index 1 up). */
#define for_each_reloc_sec(elf, rs)					\
	for ((rs) = (elf)->sections + 1;				\
	     (rs) < (elf)->sections + (elf)->nsections; (rs)++)	\
		if (!elf_is_reloc_section(rs)) {} else

/*
 * Every relocation of section @rs, decoded into *@r (a symbol index out of
 * range is fatal, see elf_reloc_get()); @i counts them.
 */
#define for_each_reloc(elf, rs, i, r)					\
	for (size_t i = 0, i##_n = elf_reloc_count(elf, rs);		\
	     i < i##_n && (elf_reloc_get(elf, rs, i, r), true); i++)

/* Entry sizes of the file's class. */
static inline unsigned int elf_shdr_size(const struct elf_file *elf)
{
	return elf->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
}

static inline unsigned int elf_sym_size(const struct elf_file *elf)
{
	return elf->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
}

static inline unsigned int elf_rela_size(const struct elf_file *elf)
{
	return elf->is64 ? sizeof(Elf64_Rela) : sizeof(Elf32_Rela);
}

/* ---- writing ---- */

/*
 * A writable copy of an ELF file that grows at the end: how a linked
 * module is rewritten.  Existing bytes keep their offsets (so no existing
 * section or symbol index changes); new data and a new section header
 * table are appended.  Class and byte order are the input file's.
 */
struct elf_image {
	unsigned char *p;
	size_t size, cap;
	const struct elf_file *elf;	/* the parsed input */
};

void elf_image_init(struct elf_image *im, const struct elf_file *elf);
void elf_image_free(struct elf_image *im);

/* Append @len bytes (NULL: zeros) at the next multiple of @align; returns the offset. */
uint64_t elf_image_append(struct elf_image *im, const void *data, size_t len,
			  unsigned int align);

/* Give symbol @index a new name (string table offset) and section index. */
void elf_image_set_symbol(struct elf_image *im, unsigned int index,
			  uint32_t name_offset, uint16_t shndx);

/*
 * Relocation section @rs (of the input) in the image: put input entry
 * @from at position @to; clear entry @to (all zero: type "none", symbol 0).
 */
void elf_image_copy_reloc(struct elf_image *im, const struct elf_section *rs,
			  size_t to, size_t from);
void elf_image_clear_reloc(struct elf_image *im, const struct elf_section *rs,
			   size_t to);

/*
 * Append a section header table of @n headers (@sections, names as offsets
 * into the section name table @shstrndx) and point the ELF header at it.
 */
void elf_image_put_section_headers(struct elf_image *im,
				   const struct elf_section *sections,
				   const uint32_t *name_offsets, unsigned int n,
				   unsigned int shstrndx);

/*
 * Symbols whose names are not meant for people: empty names and the
 * assembler's mapping/local labels (".L*", "L0*", "$*").
 */
bool elf_name_is_valid(const char *name);

#endif /* MODPOST_ELFFILE_H */
