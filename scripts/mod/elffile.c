// SPDX-License-Identifier: GPL-2.0
/*
 * ELF object access for modpost: see elf.h.
 *
 * Decoding happens once, in elf_open(), into host-order arrays; the checks
 * that the stock modpost makes keep its wording, and the checks it does not
 * make (it trusts its input) get messages of the same style, so that a
 * corrupt object always ends in "ERROR: modpost: ..." and exit status 1.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elffile.h"
#include "log.h"
#include "xalloc.h"

static inline uint16_t swap16(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t swap32(uint32_t v) { return __builtin_bswap32(v); }
static inline uint64_t swap64(uint64_t v) { return __builtin_bswap64(v); }

static const bool host_big_endian = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;

uint16_t elf_get16(const struct elf_file *elf, const void *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return elf->big_endian == host_big_endian ? v : swap16(v);
}

uint32_t elf_get32(const struct elf_file *elf, const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return elf->big_endian == host_big_endian ? v : swap32(v);
}

uint64_t elf_get64(const struct elf_file *elf, const void *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return elf->big_endian == host_big_endian ? v : swap64(v);
}

/* A pointer-sized (Elf_Addr) value. */
static uint64_t elf_get_addr(const struct elf_file *elf, const void *p)
{
	return elf->is64 ? elf_get64(elf, p) : elf_get32(elf, p);
}

/* Field readers for a structure whose layout depends on the class. */
#define FIELD(elf, base, T, member) \
	((elf)->is64 ? elf_getN(elf, (const unsigned char *)(base) + \
				offsetof(Elf64_##T, member), \
				sizeof(((Elf64_##T *)0)->member)) \
		     : elf_getN(elf, (const unsigned char *)(base) + \
				offsetof(Elf32_##T, member), \
				sizeof(((Elf32_##T *)0)->member)))

static uint64_t elf_getN(const struct elf_file *elf, const void *p, size_t n)
{
	switch (n) {
	case 1:
		return *(const unsigned char *)p;
	case 2:
		return elf_get16(elf, p);
	case 4:
		return elf_get32(elf, p);
	default:
		return elf_get64(elf, p);
	}
}

/* Is [offset, offset + len) inside a file of @size bytes? */
static bool in_file(uint64_t size, uint64_t offset, uint64_t len)
{
	return offset <= size && len <= size - offset;
}

const struct elf_section *elf_section(const struct elf_file *elf,
				      unsigned int shndx)
{
	if (shndx == 0 || shndx >= elf->nsections)
		return NULL;
	return &elf->sections[shndx];
}

const char *elf_section_name(const struct elf_file *elf, unsigned int shndx)
{
	if (shndx >= elf->nsections)
		return "";
	return elf->sections[shndx].name;
}

unsigned int elf_find_section(const struct elf_file *elf, const char *name)
{
	for (unsigned int i = elf->nsections; i-- > 1; )
		if (strcmp(elf->sections[i].name, name) == 0)
			return i;
	return 0;
}

const unsigned char *elf_section_bytes(const struct elf_file *elf,
				       unsigned int shndx, uint64_t offset,
				       uint64_t len)
{
	const struct elf_section *sec;

	if (shndx >= elf->nsections)
		return NULL;
	sec = &elf->sections[shndx];
	if (!sec->data || !in_file(sec->size, offset, len))
		return NULL;
	return sec->data + offset;
}

const unsigned char *elf_symbol_bytes(const struct elf_file *elf,
				      const struct elf_symbol *sym,
				      uint64_t len)
{
	return elf_section_bytes(elf, sym->shndx, sym->value, len);
}

const char *elf_section_string(const struct elf_file *elf, unsigned int shndx,
			       uint64_t offset)
{
	const struct elf_section *sec;
	const char *s;

	if (shndx >= elf->nsections)
		return NULL;
	sec = &elf->sections[shndx];
	if (!sec->data || offset >= sec->size)
		return NULL;
	s = (const char *)sec->data + offset;
	if (!memchr(s, '\0', sec->size - offset))
		return NULL;
	return s;
}

bool elf_name_is_valid(const char *name)
{
	if (!name[0])
		return false;
	if (name[0] == '.' && name[1] == 'L')
		return false;
	if (name[0] == 'L' && name[1] == '0')
		return false;
	return name[0] != '$';
}

unsigned int elf_reloc_entry_size(const struct elf_file *elf,
				  const struct elf_section *rs)
{
	if (rs->type == SHT_RELA)
		return elf_rela_size(elf);
	return elf->is64 ? sizeof(Elf64_Rel) : sizeof(Elf32_Rel);
}

int64_t elf_reloc_pointer_addend(const struct elf_file *elf,
				 const struct elf_section *rs,
				 const struct elf_reloc *r)
{
	const unsigned char *p;

	if (rs->type == SHT_RELA)
		return r->addend;
	/* REL keeps the addend in the field itself */
	p = elf_section_bytes(elf, rs->info, r->offset, elf_addr_size(elf));
	return p ? (int64_t)elf_get_addr(elf, p) : 0;
}

const unsigned char *elf_reloc_raw(const struct elf_file *elf,
				   const struct elf_section *rs, size_t i,
				   unsigned int *size)
{
	*size = elf_reloc_entry_size(elf, rs);
	return rs->data + i * *size;
}

size_t elf_reloc_count(const struct elf_file *elf, const struct elf_section *rs)
{
	unsigned int entsize = elf_reloc_entry_size(elf, rs);

	if (!rs->data)
		return 0;
	if (rs->size % entsize)
		fatal("%s: relocation section %s has size %llu, which is not a multiple of its entry size %u\n",
		      elf->path, rs->name, (unsigned long long)rs->size, entsize);
	return rs->size / entsize;
}

size_t elf_reloc_count_lenient(const struct elf_file *elf,
			       const struct elf_section *rs)
{
	if (!rs->data || !elf_is_reloc_section(rs))
		return 0;
	return rs->size / elf_reloc_entry_size(elf, rs);
}

bool elf_reloc_decode(const struct elf_file *elf, const struct elf_section *rs,
		      size_t i, struct elf_reloc *out)
{
	const unsigned char *e = rs->data + i * elf_reloc_entry_size(elf, rs);
	bool rela = rs->type == SHT_RELA;

	if (elf->is64) {
		uint64_t info;

		out->offset = elf_get64(elf, e);
		if (elf->machine == EM_MIPS) {
			/* MIPS64 r_info: 32-bit symbol, then 4 type bytes, type 1 last. */
			out->sym = elf_get32(elf, e + 8);
			out->type = e[15];
		} else {
			info = elf_get64(elf, e + 8);
			out->sym = ELF64_R_SYM(info);
			out->type = ELF64_R_TYPE(info);
		}
		out->addend = rela ? (int64_t)elf_get64(elf, e + 16) : 0;
	} else {
		uint32_t info = elf_get32(elf, e + 4);

		out->offset = elf_get32(elf, e);
		out->sym = ELF32_R_SYM(info);
		out->type = ELF32_R_TYPE(info);
		out->addend = rela ? (int32_t)elf_get32(elf, e + 8) : 0;
	}
	return out->sym < elf->nsyms;
}

void elf_reloc_get(const struct elf_file *elf, const struct elf_section *rs,
		   size_t i, struct elf_reloc *out)
{
	if (!elf_reloc_decode(elf, rs, i, out))
		fatal("%s: relocation %zu in section %s refers to symbol %u, but the symbol table has %u entries\n",
		      elf->path, i, rs->name, out->sym, elf->nsyms);
}

static void *map_file(const char *path, size_t *size)
{
	struct stat st;
	void *map = MAP_FAILED;
	int fd, saved;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0) {
		*size = st.st_size;
		/* writable private copy: symbol names get shortened in place */
		map = mmap(NULL, *size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	}
	saved = errno;
	close(fd);
	errno = saved;
	return map == MAP_FAILED ? NULL : map;
}

static void decode_section_headers(struct elf_file *elf, uint64_t shoff,
				   unsigned int shentsize)
{
	const unsigned char *base = elf->map + shoff;

	elf->sections = xcalloc(elf->nsections, sizeof(*elf->sections));
	for (unsigned int i = 0; i < elf->nsections; i++) {
		const unsigned char *sh = base + (uint64_t)i * shentsize;
		struct elf_section *s = &elf->sections[i];

		s->type = FIELD(elf, sh, Shdr, sh_type);
		s->flags = FIELD(elf, sh, Shdr, sh_flags);
		s->addr = FIELD(elf, sh, Shdr, sh_addr);
		s->offset = FIELD(elf, sh, Shdr, sh_offset);
		s->size = FIELD(elf, sh, Shdr, sh_size);
		s->link = FIELD(elf, sh, Shdr, sh_link);
		s->info = FIELD(elf, sh, Shdr, sh_info);
		s->addralign = FIELD(elf, sh, Shdr, sh_addralign);
		s->entsize = FIELD(elf, sh, Shdr, sh_entsize);
		/* the name offset is resolved once the string table is known */
		s->name = (const char *)(uintptr_t)FIELD(elf, sh, Shdr, sh_name);
	}
}

static void decode_symbols(struct elf_file *elf, const struct elf_section *shndx_sec)
{
	const struct elf_section *symtab = &elf->sections[elf->symtab_index];
	unsigned int symsize = elf->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	uint64_t nshndx = shndx_sec ? shndx_sec->size / 4 : 0;

	if (symtab->size % symsize)
		fatal("%s: symbol table size %llu is not a multiple of the symbol size %u\n",
		      elf->path, (unsigned long long)symtab->size, symsize);
	if (symtab->size / symsize > UINT32_MAX)
		fatal("%s: symbol table has too many entries\n", elf->path);
	elf->nsyms = symtab->size / symsize;
	elf->syms = xcalloc(elf->nsyms, sizeof(*elf->syms));

	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const unsigned char *p = symtab->data + (uint64_t)i * symsize;
		struct elf_symbol *sym = &elf->syms[i];
		uint64_t name = FIELD(elf, p, Sym, st_name);
		unsigned char info = FIELD(elf, p, Sym, st_info);

		if (name >= elf->strtab_size)
			fatal("%s: symbol %u has name offset %llu outside the string table (%zu bytes)\n",
			      elf->path, i, (unsigned long long)name, elf->strtab_size);
		sym->name = elf->strtab + name;
		sym->value = FIELD(elf, p, Sym, st_value);
		sym->size = FIELD(elf, p, Sym, st_size);
		sym->raw_shndx = FIELD(elf, p, Sym, st_shndx);
		sym->other = FIELD(elf, p, Sym, st_other);
		sym->bind = info >> 4;
		sym->type = info & 0xf;

		if (sym->raw_shndx == SHN_XINDEX) {
			if (i >= nshndx)
				fatal("%s: symbol %u uses SHN_XINDEX, but there is no SYMTAB_SHNDX entry for it\n",
				      elf->path, i);
			sym->shndx = elf_get32(elf, shndx_sec->data + (uint64_t)i * 4);
		} else if (sym->raw_shndx >= SHN_LORESERVE) {
			sym->shndx = ELF_SPECIAL_SHNDX(sym->raw_shndx);
			continue;
		} else {
			sym->shndx = sym->raw_shndx;
		}
		/*
		 * Every reader takes the section of a symbol on trust (the
		 * stock modpost indexes its section headers with it).
		 */
		if (sym->shndx >= elf->nsections)
			fatal("%s: symbol %u (%s) is defined in section %u, which does not exist (%u sections)\n",
			      elf->path, i, sym->name, sym->shndx, elf->nsections);
	}
}

/*
 * elf->syms holds the symbol table now, and nothing reads the raw one again
 * but the rare writer (--klp-finalize copies it): give its pages back.  The
 * stock modpost reads the table in place, so for a large vmlinux.o the
 * decoded copy would otherwise raise the peak RSS of modpost above the
 * stock one's.  The map is private and unwritten until now, so what is
 * read later comes back from the file (the page cache); a caller's memory
 * (elf_open_memory) is left alone.
 */
static void release_raw_symtab(const struct elf_file *elf)
{
	const struct elf_section *symtab = &elf->sections[elf->symtab_index];
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), start, end;

	if (elf->borrowed || !elf->map || symtab->size < 16 * page)
		return;
	start = ((uintptr_t)symtab->data + page - 1) & ~(page - 1);
	end = ((uintptr_t)symtab->data + symtab->size) & ~(page - 1);
	if (end > start)
		madvise((void *)start, end - start, MADV_DONTNEED);
}

/* A stretch of the file that a section or a header occupies. */
struct extent {
	uint64_t start, end;
	unsigned int shndx;	/* or one of the two below */
	bool table;		/* decoded as a table: must share no byte */
};

#define EXTENT_ELF_HEADER	(~0u)
#define EXTENT_SECTION_HEADERS	(~0u - 1)

static int extent_order(const void *a, const void *b)
{
	const struct extent *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

static char *describe_extent(const struct elf_file *elf, const struct extent *e)
{
	if (e->shndx == EXTENT_ELF_HEADER)
		return xasprintf("the ELF header (offset 0, size %llu)",
				 (unsigned long long)e->end);
	if (e->shndx == EXTENT_SECTION_HEADERS)
		return xasprintf("the section header table (offset %llu, size %llu)",
				 (unsigned long long)e->start,
				 (unsigned long long)(e->end - e->start));
	return xasprintf("section %u (%s, offset %llu, size %llu)", e->shndx,
			 elf->sections[e->shndx].name, (unsigned long long)e->start,
			 (unsigned long long)(e->end - e->start));
}

/*
 * Sections must not share bytes with what is decoded as a table: the
 * headers, symbols, strings and relocations.  Linkers and assemblers never
 * make such files; read anyway, one table's bytes would be taken for
 * another's, and --klp-finalize, which rewrites symbols and relocations
 * in place, would change the bytes of a section it does not mean to touch.
 * Other sections may overlap each other (nothing decodes them as tables,
 * and the stock modpost reads them alike); a NOBITS section occupies no
 * bytes at all.  One sweep over the extents sorted by offset: a table
 * overlaps an earlier extent iff the farthest-reaching earlier extent ends
 * after it starts, any extent an earlier table iff the farthest-reaching
 * earlier table does.
 */
static void check_overlaps(const struct elf_file *elf, uint64_t shoff, unsigned int shentsize)
{
	struct extent *v = xcalloc(elf->nsections + 2, sizeof(*v));
	const struct extent *far_any = NULL, *far_table = NULL;
	size_t n = 0;

	v[n++] = (struct extent){ 0, elf->ehdr_size, EXTENT_ELF_HEADER, true };
	v[n++] = (struct extent){ shoff, shoff + (uint64_t)elf->nsections * shentsize,
				  EXTENT_SECTION_HEADERS, true };
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		if (!s->data || !s->size)
			continue;
		v[n++] = (struct extent){ s->offset, s->offset + s->size, i,
					  s->type == SHT_SYMTAB || s->type == SHT_STRTAB ||
					  s->type == SHT_REL || s->type == SHT_RELA ||
					  s->type == SHT_SYMTAB_SHNDX };
	}
	qsort(v, n, sizeof(*v), extent_order);
	for (size_t i = 0; i < n; i++) {
		const struct extent *e = &v[i];
		const struct extent *other = NULL;

		if (e->table && far_any && e->start < far_any->end)
			other = far_any;
		else if (far_table && e->start < far_table->end)
			other = far_table;
		if (other)
			fatal("%s: %s shares bytes with %s\n", elf->path,
			      describe_extent(elf, other), describe_extent(elf, e));
		if (!far_any || e->end > far_any->end)
			far_any = e;
		if (e->table && (!far_table || e->end > far_table->end))
			far_table = e;
	}
	free(v);
}

/* Decode the image in elf->map / elf->size (see elf_open_ex). */
static enum elf_open_result decode(struct elf_file *elf, unsigned int flags)
{
	const char *path = elf->path;
	const unsigned char *eh;
	const struct elf_section *shstr, *shndx_sec = NULL;
	unsigned int shentsize, shnum, shstrndx;
	uint64_t shoff;

	eh = elf->map;

	/* Too small, or not ELF at all: modpost ignores such files silently. */
	if (elf->size < EI_NIDENT || memcmp(eh, ELFMAG, SELFMAG) != 0 ||
	    elf->size < (eh[EI_CLASS] == ELFCLASS32 ? sizeof(Elf32_Ehdr)
						    : sizeof(Elf64_Ehdr))) {
		elf_close(elf);
		return ELF_OPEN_NOT_ELF;
	}

	switch (eh[EI_DATA]) {
	case ELFDATA2LSB:
		elf->big_endian = false;
		break;
	case ELFDATA2MSB:
		elf->big_endian = true;
		break;
	default:
		fatal("target endian is unknown\n");
	}
	switch (eh[EI_CLASS]) {
	case ELFCLASS32:
		elf->is64 = false;
		elf->ehdr_size = sizeof(Elf32_Ehdr);
		shentsize = sizeof(Elf32_Shdr);
		break;
	case ELFCLASS64:
		elf->is64 = true;
		elf->ehdr_size = sizeof(Elf64_Ehdr);
		shentsize = sizeof(Elf64_Shdr);
		break;
	default:
		fatal("%s: unknown ELF class %u\n", path, eh[EI_CLASS]);
	}

	elf->type = FIELD(elf, eh, Ehdr, e_type);
	elf->machine = FIELD(elf, eh, Ehdr, e_machine);
	shoff = FIELD(elf, eh, Ehdr, e_shoff);
	shnum = FIELD(elf, eh, Ehdr, e_shnum);
	shstrndx = FIELD(elf, eh, Ehdr, e_shstrndx);

	if (elf->type != ET_REL && !(flags & ELF_OPEN_ANY_TYPE))
		fatal("%s: not relocatable object.", path);

	if (shoff > elf->size)
		fatal("section header offset=%lu in file '%s' is bigger than filesize=%zu\n",
		      (unsigned long)shoff, path, elf->size);

	if (shoff == 0 || !in_file(elf->size, shoff, shentsize))
		fatal("%s: has no section header table\n", path);
	if (FIELD(elf, eh, Ehdr, e_shentsize) != shentsize)
		fatal("%s: section header size is %u, expected %u\n", path,
		      (unsigned int)FIELD(elf, eh, Ehdr, e_shentsize), shentsize);

	/* More than 64k sections: the counts live in section header 0. */
	if (shnum == SHN_UNDEF) {
		uint64_t n = FIELD(elf, elf->map + shoff, Shdr, sh_size);

		if (n > UINT32_MAX)
			fatal("%s: section count %llu is too large\n", path,
			      (unsigned long long)n);
		shnum = n;
	}
	if (shstrndx == SHN_XINDEX)
		shstrndx = FIELD(elf, elf->map + shoff, Shdr, sh_link);
	if (shnum == 0 || (uint64_t)shnum > (elf->size - shoff) / shentsize)
		fatal("%s: section header table (%u entries at offset %llu) extends past the end of the file (%zu bytes)\n",
		      path, shnum, (unsigned long long)shoff, elf->size);
	elf->nsections = shnum;
	if (shstrndx >= shnum)
		fatal("%s: section name string table index %u is out of range (%u sections)\n",
		      path, shstrndx, shnum);
	elf->shstrndx = shstrndx;

	decode_section_headers(elf, shoff, shentsize);

	/* Section data must lie inside the file; checked in index order. */
	for (unsigned int i = 0; i < shnum; i++) {
		struct elf_section *s = &elf->sections[i];

		if (s->type == SHT_NOBITS)
			continue;
		if (i > 0 && s->offset > elf->size)
			fatal("%s is truncated. sechdrs[i].sh_offset=%lu > sizeof(*hrd)=%zu\n",
			      path, (unsigned long)s->offset, (size_t)elf->ehdr_size);
		if (s->type == SHT_NULL)
			continue;
		if (!in_file(elf->size, s->offset, s->size))
			fatal("%s is truncated: section %u (offset %llu, size %llu) extends past the end of the file (%zu bytes)\n",
			      path, i, (unsigned long long)s->offset,
			      (unsigned long long)s->size, elf->size);
		s->data = elf->map + s->offset;
	}

	shstr = &elf->sections[shstrndx];
	for (unsigned int i = 0; i < shnum; i++) {
		struct elf_section *s = &elf->sections[i];
		uint64_t off = (uintptr_t)s->name;
		const char *name = elf_section_string(elf, shstrndx, off);

		if (!name) {
			if (i == 0) {
				name = "";
			} else if (shstr->data && off < shstr->size) {
				fatal("%s: the name of section %u (offset %llu in the section name table) is not NUL-terminated\n",
				      path, i, (unsigned long long)off);
			} else {
				fatal("%s: section %u has name offset %llu outside the section name table (%llu bytes)\n",
				      path, i, (unsigned long long)off,
				      (unsigned long long)shstr->size);
			}
		}
		s->name = name;
	}
	check_overlaps(elf, shoff, shentsize);

	for (unsigned int i = 1; i < shnum; i++) {
		const struct elf_section *s = &elf->sections[i];

		if (s->type == SHT_SYMTAB)
			elf->symtab_index = i;
		if (s->type == SHT_SYMTAB_SHNDX)
			shndx_sec = s;
	}
	if (!elf->symtab_index) {
		if (flags & ELF_OPEN_OPTIONAL_SYMTAB)
			return ELF_OPEN_OK;
		fatal("%s has no symtab?\n", path);
	}
	if (shndx_sec && shndx_sec->link != elf->symtab_index)
		fatal("%s: SYMTAB_SHNDX has bad sh_link: %u!=%u\n", path,
		      shndx_sec->link, elf->symtab_index);

	{
		const struct elf_section *symtab = &elf->sections[elf->symtab_index];
		const struct elf_section *strtab;

		if (symtab->link == 0 || symtab->link >= shnum)
			fatal("%s: symbol table links to string table %u, which does not exist\n",
			      path, symtab->link);
		strtab = &elf->sections[symtab->link];
		if (strtab->type != SHT_STRTAB)
			fatal("%s: symbol table links to section %u (%s), which is not a string table\n",
			      path, symtab->link, strtab->name);
		if (!strtab->data || strtab->size == 0 ||
		    strtab->data[strtab->size - 1] != '\0')
			fatal("%s: string table %s is empty or not NUL-terminated\n",
			      path, strtab->name);
		elf->strtab = (char *)strtab->data;
		elf->strtab_size = strtab->size;
	}

	if (flags & ELF_OPEN_NO_SYMBOLS) {
		elf->strtab = NULL;
		elf->strtab_size = 0;
		return ELF_OPEN_OK;
	}
	decode_symbols(elf, shndx_sec);
	release_raw_symtab(elf);
	return ELF_OPEN_OK;
}

enum elf_ident_result elf_read_ident(const char *path, unsigned char ident[EI_NIDENT])
{
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ELF_IDENT_UNREADABLE;
	while (got < EI_NIDENT) {
		ssize_t n = read(fd, ident + got, EI_NIDENT - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)	/* a read error (a directory) counts as too short */
			break;
		got += n;
	}
	close(fd);
	return got == EI_NIDENT ? ELF_IDENT_OK : ELF_IDENT_SHORT;
}

enum elf_open_result elf_open_ex(struct elf_file *elf, const char *path,
				 unsigned int flags)
{
	memset(elf, 0, sizeof(*elf));
	elf->path = path;
	elf->map = map_file(path, &elf->size);
	if (!elf->map)
		return ELF_OPEN_MISSING;
	return decode(elf, flags);
}

enum elf_open_result elf_open(struct elf_file *elf, const char *path)
{
	return elf_open_ex(elf, path, 0);
}

enum elf_open_result elf_open_memory(struct elf_file *elf, const char *path,
				     void *data, size_t size, unsigned int flags)
{
	memset(elf, 0, sizeof(*elf));
	elf->path = path;
	elf->map = data;
	elf->size = size;
	elf->borrowed = true;
	return decode(elf, flags);
}

void elf_close(struct elf_file *elf)
{
	if (elf->map && !elf->borrowed)
		munmap(elf->map, elf->size);
	free(elf->sections);
	free(elf->syms);
	elf->map = NULL;
	elf->sections = NULL;
	elf->syms = NULL;
}
