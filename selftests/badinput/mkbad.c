// SPDX-License-Identifier: GPL-2.0
/*
 * mkbad: write corrupt variants of a good ELF64 little-endian relocatable
 * object, one per named mutation, for the bad-input suite.
 *
 *   mkbad list                      print the variant names
 *   mkbad list-klp                  ... of the livepatch variants
 *   mkbad GOOD.o VARIANT OUT.o      write one variant
 *
 * Each mutation damages exactly one thing a reader must check: a header
 * field, a section header, a string or symbol index, a size that would
 * overflow, a file that ends inside a structure, two sections sharing
 * bytes.  The good object must be ELF64 LE (what the host compiler makes
 * on x86_64), with .symtab, .strtab, .modinfo and a RELA section.
 *
 * The livepatch variants ("klp-*") damage a livepatch module built by
 * kbuild from samples/livepatch: its annotation records (.klp.symbols,
 * .klp.module_relocs.<object>, in the object modpost reads) or its modpost
 * record (.klp.modpost, in the linked module --klp-finalize reads).
 */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct image {
	unsigned char *p;
	size_t size;
};

static Elf64_Ehdr *ehdr(struct image *im)
{
	return (Elf64_Ehdr *)im->p;
}

static Elf64_Shdr *shdr(struct image *im, unsigned int i)
{
	return (Elf64_Shdr *)(im->p + ehdr(im)->e_shoff) + i;
}

static const char *secname(struct image *im, unsigned int i)
{
	return (const char *)im->p + shdr(im, ehdr(im)->e_shstrndx)->sh_offset +
	       shdr(im, i)->sh_name;
}

static Elf64_Shdr *find_type(struct image *im, unsigned int type)
{
	for (unsigned int i = 1; i < ehdr(im)->e_shnum; i++)
		if (shdr(im, i)->sh_type == type)
			return shdr(im, i);
	return NULL;
}

static Elf64_Shdr *find_name(struct image *im, const char *name)
{
	for (unsigned int i = 1; i < ehdr(im)->e_shnum; i++)
		if (strcmp(secname(im, i), name) == 0)
			return shdr(im, i);
	return NULL;
}

static Elf64_Sym *symbol(struct image *im, unsigned int i)
{
	return (Elf64_Sym *)(im->p + find_type(im, SHT_SYMTAB)->sh_offset) + i;
}

static unsigned int nsyms(struct image *im)
{
	return find_type(im, SHT_SYMTAB)->sh_size / sizeof(Elf64_Sym);
}

/* the first global undefined symbol (one modpost reads by name) */
static Elf64_Sym *undef_global(struct image *im)
{
	for (unsigned int i = 1; i < nsyms(im); i++) {
		Elf64_Sym *s = symbol(im, i);

		if (s->st_shndx == SHN_UNDEF && ELF64_ST_BIND(s->st_info) == STB_GLOBAL)
			return s;
	}
	return NULL;
}

/* a RELA section whose target modpost checks (not debug info) */
static Elf64_Shdr *checked_rela(struct image *im)
{
	for (unsigned int i = 1; i < ehdr(im)->e_shnum; i++) {
		Elf64_Shdr *s = shdr(im, i);

		if (s->sh_type == SHT_RELA && s->sh_size &&
		    strncmp(secname(im, i), ".rela.debug", 11) != 0)
			return s;
	}
	return NULL;
}

static void truncate_to(struct image *im, size_t size)
{
	if (size < im->size)
		im->size = size;
}

/*
 * Move the section header table to right after the ELF header (every
 * section's data moves up by the table's size, a multiple of 64, so that
 * alignments hold).  Then a file cut inside any section's data still has
 * readable section headers: the reader of that section has to notice.
 */
static void headers_first(struct image *im)
{
	size_t table = (size_t)ehdr(im)->e_shnum * sizeof(Elf64_Shdr);
	unsigned char *p = malloc(im->size + table);

	if (!p) {
		perror("mkbad");
		exit(2);
	}
	memcpy(p, im->p, sizeof(Elf64_Ehdr));
	memcpy(p + sizeof(Elf64_Ehdr), im->p + ehdr(im)->e_shoff, table);
	memcpy(p + sizeof(Elf64_Ehdr) + table, im->p + sizeof(Elf64_Ehdr),
	       im->size - sizeof(Elf64_Ehdr));
	free(im->p);
	im->p = p;
	im->size += table;
	ehdr(im)->e_shoff = sizeof(Elf64_Ehdr);
	for (unsigned int i = 1; i < ehdr(im)->e_shnum; i++)
		shdr(im, i)->sh_offset += table;
}

/*
 * The file ends in the middle of the data of one section: the headers
 * first, a copy of the section's data last (8-aligned), cut in its middle.
 * Every other section stays whole.
 */
static void cut_inside(struct image *im, Elf64_Shdr *(*which)(struct image *im))
{
	Elf64_Shdr *s;
	size_t at;

	headers_first(im);
	s = which(im);
	at = (im->size + 7) & ~(size_t)7;
	im->p = realloc(im->p, at + s->sh_size);
	if (!im->p) {
		perror("mkbad");
		exit(2);
	}
	s = which(im);
	memset(im->p + im->size, 0, at - im->size);
	memcpy(im->p + at, im->p + s->sh_offset, s->sh_size);
	s->sh_offset = at;
	im->size = at + s->sh_size / 2;
}

static Elf64_Shdr *symtab_of(struct image *im) { return find_type(im, SHT_SYMTAB); }
static Elf64_Shdr *strtab_of(struct image *im) { return shdr(im, symtab_of(im)->sh_link); }
static Elf64_Shdr *modinfo_of(struct image *im) { return find_name(im, ".modinfo"); }

static unsigned int index_of(struct image *im, const Elf64_Shdr *s)
{
	return s - shdr(im, 0);
}

/* ---- the mutations ---- */

static void m_bad_magic(struct image *im) { im->p[1] = 'X'; }
static void m_bad_data(struct image *im) { im->p[EI_DATA] = 7; }
static void m_bad_class(struct image *im) { im->p[EI_CLASS] = 9; }
static void m_not_rel(struct image *im) { ehdr(im)->e_type = ET_EXEC; }
static void m_shoff_beyond(struct image *im) { ehdr(im)->e_shoff = im->size + 4096; }
static void m_shoff_zero(struct image *im) { ehdr(im)->e_shoff = 0; }
static void m_shnum_huge(struct image *im) { ehdr(im)->e_shnum = 0xfeff; }
static void m_shentsize(struct image *im) { ehdr(im)->e_shentsize = 40; }
static void m_shstrndx(struct image *im) { ehdr(im)->e_shstrndx = ehdr(im)->e_shnum + 5; }
static void m_trunc_header(struct image *im) { truncate_to(im, 63); }
static void m_trunc_half(struct image *im) { truncate_to(im, im->size / 2); }
static void m_trunc_shdrs(struct image *im) { truncate_to(im, im->size - 10); }

static void m_sec_offset(struct image *im)
{
	find_name(im, ".modinfo")->sh_offset = im->size + 100;
}

static void m_sec_size(struct image *im)
{
	find_type(im, SHT_SYMTAB)->sh_size = im->size;
}

static void m_sec_size_overflow(struct image *im)
{
	find_type(im, SHT_SYMTAB)->sh_size = ~0ull - 8;
}

static void m_sec_name(struct image *im)
{
	find_type(im, SHT_SYMTAB)->sh_name = 0x7ffffff0;
}

static void m_no_symtab(struct image *im)
{
	find_type(im, SHT_SYMTAB)->sh_type = SHT_PROGBITS;
}

static void m_symtab_link(struct image *im)
{
	find_type(im, SHT_SYMTAB)->sh_link = ehdr(im)->e_shnum + 3;
}

static void m_symtab_ragged(struct image *im)
{
	find_type(im, SHT_SYMTAB)->sh_size -= 5;
}

static void m_strtab_unterminated(struct image *im)
{
	Elf64_Shdr *strtab = shdr(im, find_type(im, SHT_SYMTAB)->sh_link);

	im->p[strtab->sh_offset + strtab->sh_size - 1] = 'Z';
}

static void m_sym_name(struct image *im)
{
	undef_global(im)->st_name = 0x7ffffff0;
}

static void m_sym_xindex(struct image *im)
{
	symbol(im, nsyms(im) - 1)->st_shndx = SHN_XINDEX;
}

static void m_shndx_link(struct image *im)
{
	/* turn the symbol table's string table into a SYMTAB_SHNDX with a bad link */
	Elf64_Shdr *s = find_name(im, ".comment");

	s->sh_type = SHT_SYMTAB_SHNDX;
	s->sh_link = 0;
}

static void m_modinfo_nobits(struct image *im)
{
	find_name(im, ".modinfo")->sh_type = SHT_NOBITS;
}

static void m_modinfo_unterminated(struct image *im)
{
	Elf64_Shdr *mi = find_name(im, ".modinfo");

	im->p[mi->sh_offset + mi->sh_size - 1] = 'Q';
}

static void m_rela_symidx(struct image *im)
{
	Elf64_Rela *r = (Elf64_Rela *)(im->p + checked_rela(im)->sh_offset);

	r->r_info = ELF64_R_INFO(0x00ffffff, ELF64_R_TYPE(r->r_info));
}

/* the same in a section no check rule covers (stock: SIGSEGV; once ours: exit 0) */
static void m_rela_uncovered_symidx(struct image *im)
{
	Elf64_Shdr *rs = find_name(im, ".rela.klp_badinput_uncovered");
	Elf64_Rela *r = (Elf64_Rela *)(im->p + rs->sh_offset);

	r->r_info = ELF64_R_INFO(0xffffffffu, ELF64_R_TYPE(r->r_info));
}

static void m_rela_ragged(struct image *im)
{
	checked_rela(im)->sh_size -= 7;
}

static void m_rela_target(struct image *im)
{
	checked_rela(im)->sh_info = 0xfff0;
}

/* truncation at each structure */
static void m_trunc_ident(struct image *im) { truncate_to(im, EI_NIDENT - 6); }

static void m_trunc_in_shdrs(struct image *im)
{
	headers_first(im);
	truncate_to(im, sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Shdr) + 20);
}

static void m_trunc_in_symtab(struct image *im) { cut_inside(im, symtab_of); }
static void m_trunc_in_strtab(struct image *im) { cut_inside(im, strtab_of); }
static void m_trunc_in_modinfo(struct image *im) { cut_inside(im, modinfo_of); }
static void m_trunc_in_rela(struct image *im) { cut_inside(im, checked_rela); }

/* sections sharing bytes */
static void m_overlap_nobits(struct image *im)
{
	/* legitimate: a NOBITS section occupies no bytes of the file */
	Elf64_Shdr *bss = find_type(im, SHT_NOBITS);

	bss->sh_offset = find_name(im, ".text")->sh_offset;
	bss->sh_size = 0x100;
}

static void m_overlap_modinfo_comment(struct image *im)
{
	/* read as stock reads it: .modinfo with the bytes of .comment */
	Elf64_Shdr *comment = find_name(im, ".comment");

	modinfo_of(im)->sh_offset = comment->sh_offset;
	modinfo_of(im)->sh_size = comment->sh_size;
}

static void m_overlap_symtab_strtab(struct image *im)
{
	symtab_of(im)->sh_offset = strtab_of(im)->sh_offset;
}

static void m_overlap_rela_symtab(struct image *im)
{
	checked_rela(im)->sh_offset = symtab_of(im)->sh_offset;
}

static void m_overlap_symtab_shdrs(struct image *im)
{
	symtab_of(im)->sh_offset = ehdr(im)->e_shoff;
}

/* offsets, sizes and counts */
static void m_sec_offset_wraps(struct image *im)
{
	/* offset + size wraps around to a small number */
	modinfo_of(im)->sh_offset = ~0ull - 7;
	modinfo_of(im)->sh_size = 16;
}

static void m_modinfo_size_huge(struct image *im) { modinfo_of(im)->sh_size = 1ull << 62; }
static void m_strtab_size_huge(struct image *im) { strtab_of(im)->sh_size = ~0ull; }

static void m_rela_size_overflow(struct image *im)
{
	/* a multiple of 24 whose sum with the offset wraps around */
	checked_rela(im)->sh_size = 0xfffffffffffffff0ull;
}

static void m_symtab_entsize_zero(struct image *im) { symtab_of(im)->sh_entsize = 0; }
static void m_rela_entsize_zero(struct image *im) { checked_rela(im)->sh_entsize = 0; }

static void m_symtab_link_not_strtab(struct image *im)
{
	/* .modinfo is NUL-terminated text: it would pass for a string table */
	symtab_of(im)->sh_link = index_of(im, modinfo_of(im));
}

/* string and section indices at and beyond their limits */
static void m_sec_name_at_end(struct image *im)
{
	symtab_of(im)->sh_name = shdr(im, ehdr(im)->e_shstrndx)->sh_size;
}

static void m_shstrtab_unterminated(struct image *im)
{
	Elf64_Shdr *s = shdr(im, ehdr(im)->e_shstrndx);

	im->p[s->sh_offset + s->sh_size - 1] = 'Z';
}

static void m_sym_name_at_end(struct image *im)
{
	undef_global(im)->st_name = strtab_of(im)->sh_size;
}

static void m_sym_shndx(struct image *im)
{
	/*
	 * A defined symbol in a section that does not exist, and a
	 * relocation (read by the section mismatch checks) against it.
	 */
	Elf64_Rela *r = (Elf64_Rela *)(im->p + checked_rela(im)->sh_offset);

	for (unsigned int i = 1; i < nsyms(im); i++) {
		if (symbol(im, i)->st_shndx == index_of(im, modinfo_of(im))) {
			symbol(im, i)->st_shndx = ehdr(im)->e_shnum + 10;
			r->r_info = ELF64_R_INFO(i, ELF64_R_TYPE(r->r_info));
		}
	}
}

/* ---- livepatch modules ---- */

/* the first STT_OBJECT symbol defined in section @name */
static Elf64_Sym *object_in(struct image *im, const char *name)
{
	unsigned int shndx = index_of(im, find_name(im, name));

	for (unsigned int i = 1; i < nsyms(im); i++) {
		Elf64_Sym *s = symbol(im, i);

		if (s->st_shndx == shndx && ELF64_ST_TYPE(s->st_info) == STT_OBJECT)
			return s;
	}
	fprintf(stderr, "mkbad: no data object in %s\n", name);
	exit(2);
}

static unsigned char *section_data(struct image *im, const char *name)
{
	return im->p + find_name(im, name)->sh_offset;
}

/* struct klp_symbol_binding (ELF64): sym, sympos, flags, object[56], name[512] */
#define BINDING_FLAGS 12
#define BINDING_OBJECT 16
#define BINDING_NAME (BINDING_OBJECT + 56)

static void m_klp_binding_object(struct image *im)
{
	memset(section_data(im, ".klp.symbols") + object_in(im, ".klp.symbols")->st_value +
	       BINDING_OBJECT, 'A', 56);
}

static void m_klp_binding_name(struct image *im)
{
	memset(section_data(im, ".klp.symbols") + object_in(im, ".klp.symbols")->st_value +
	       BINDING_NAME, 'B', 512);
}

static void m_klp_binding_flags(struct image *im)
{
	section_data(im, ".klp.symbols")[object_in(im, ".klp.symbols")->st_value +
					 BINDING_FLAGS] = 0x80;
}

static void m_klp_binding_outside(struct image *im)
{
	object_in(im, ".klp.symbols")->st_value = find_name(im, ".klp.symbols")->sh_size;
}

static void m_klp_binding_ragged(struct image *im)
{
	object_in(im, ".klp.symbols")->st_size -= 1;
}

static void m_klp_binding_nobits(struct image *im)
{
	find_name(im, ".klp.symbols")->sh_type = SHT_NOBITS;
}

static void m_klp_binding_reloc_symbol(struct image *im)
{
	Elf64_Rela *r = (Elf64_Rela *)section_data(im, ".rela.klp.symbols");

	r->r_info = ELF64_R_INFO(nsyms(im) + 5, ELF64_R_TYPE(r->r_info));
}

static void m_klp_binding_no_reloc(struct image *im)
{
	Elf64_Shdr *rs = find_name(im, ".rela.klp.symbols");
	Elf64_Rela *r = (Elf64_Rela *)(im->p + rs->sh_offset);

	for (size_t i = 0; i < rs->sh_size / sizeof(*r); i++)
		r[i].r_offset += 4;
}

static void m_klp_module_relocs_outside(struct image *im)
{
	object_in(im, ".klp.module_relocs.vmlinux")->st_value = 1ull << 40;
}

static void m_klp_module_relocs_reloc_beyond(struct image *im)
{
	Elf64_Rela *r = (Elf64_Rela *)section_data(im, ".rela.klp.module_relocs.vmlinux");

	r->r_offset = 0xffffff00;
}

/* the modpost record: "klp-modpost 1\n" then "cname object name position\n" lines */
static char *record_line(struct image *im, unsigned int n)
{
	char *p = (char *)section_data(im, ".klp.modpost");

	while (n--)
		p = strchr(p, '\n') + 1;
	return p;
}

static void m_klp_record_header(struct image *im) { record_line(im, 0)[12] = '9'; }

static void m_klp_record_position(struct image *im)
{
	/* the same length, a position beyond any unsigned long */
	char *l = record_line(im, 1);
	size_t len = strcspn(l, "\n");

	memcpy(l, "a b c ", 6);
	memset(l + 6, '9', len - 6);
}

static void m_klp_record_fields(struct image *im)
{
	char *l = record_line(im, 1);

	*strrchr(strtok(l, "\n"), ' ') = '_';
	l[strlen(l)] = '\n';
}

static void m_klp_record_cname(struct image *im)
{
	char *l = record_line(im, 1);

	l[strcspn(l, " ") - 1] = '_';
}

static void m_klp_record_unterminated(struct image *im)
{
	Elf64_Shdr *s = find_name(im, ".klp.modpost");

	for (uint64_t i = 0; i < s->sh_size; i++)
		if (!im->p[s->sh_offset + i])
			im->p[s->sh_offset + i] = 'z';
}

/*
 * Version 2 (an in-tree build, klp-record.h): the last character of line
 * 1's position (the sample's positions are one digit) becomes @c.
 */
static void record_intree_position(struct image *im, char c)
{
	char *l = record_line(im, 1);

	record_line(im, 0)[12] = '2';
	l[strcspn(l, "\n") - 1] = c;
}

/* "?": the candidates come from the final vmlinux, and there is none here */
static void m_klp_record_intree_ambiguous(struct image *im) { record_intree_position(im, '?'); }
/* "=" without a number */
static void m_klp_record_intree_position(struct image *im) { record_intree_position(im, '='); }

static void m_klp_record_offset(struct image *im)
{
	find_name(im, ".klp.modpost")->sh_offset = im->size + 8;
}

static void m_klp_record_size(struct image *im)
{
	find_name(im, ".klp.modpost")->sh_size = im->size;
}

struct variant {
	const char *name;
	void (*mutate)(struct image *im);
};

static const struct variant variants[] = {
	{ "bad-magic", m_bad_magic },
	{ "bad-data-encoding", m_bad_data },
	{ "bad-class", m_bad_class },
	{ "not-relocatable", m_not_rel },
	{ "shoff-beyond-eof", m_shoff_beyond },
	{ "shoff-zero", m_shoff_zero },
	{ "shnum-huge", m_shnum_huge },
	{ "shentsize-wrong", m_shentsize },
	{ "shstrndx-out-of-range", m_shstrndx },
	{ "truncated-header", m_trunc_header },
	{ "truncated-half", m_trunc_half },
	{ "truncated-section-headers", m_trunc_shdrs },
	{ "section-offset-beyond-eof", m_sec_offset },
	{ "section-size-beyond-eof", m_sec_size },
	{ "section-size-overflow", m_sec_size_overflow },
	{ "section-name-out-of-range", m_sec_name },
	{ "no-symtab", m_no_symtab },
	{ "symtab-link-out-of-range", m_symtab_link },
	{ "symtab-size-ragged", m_symtab_ragged },
	{ "strtab-unterminated", m_strtab_unterminated },
	{ "symbol-name-out-of-range", m_sym_name },
	{ "symbol-xindex-without-table", m_sym_xindex },
	{ "symtab-shndx-bad-link", m_shndx_link },
	{ "modinfo-nobits", m_modinfo_nobits },
	{ "modinfo-unterminated", m_modinfo_unterminated },
	{ "rela-symbol-out-of-range", m_rela_symidx },
	{ "rela-uncovered-symbol-out-of-range", m_rela_uncovered_symidx },
	{ "rela-size-ragged", m_rela_ragged },
	{ "rela-target-out-of-range", m_rela_target },
	{ "truncated-in-ident", m_trunc_ident },
	{ "truncated-in-section-headers", m_trunc_in_shdrs },
	{ "truncated-in-symtab", m_trunc_in_symtab },
	{ "truncated-in-strtab", m_trunc_in_strtab },
	{ "truncated-in-modinfo", m_trunc_in_modinfo },
	{ "truncated-in-rela", m_trunc_in_rela },
	{ "overlap-nobits", m_overlap_nobits },
	{ "overlap-modinfo-comment", m_overlap_modinfo_comment },
	{ "overlap-symtab-strtab", m_overlap_symtab_strtab },
	{ "overlap-rela-symtab", m_overlap_rela_symtab },
	{ "overlap-symtab-section-headers", m_overlap_symtab_shdrs },
	{ "section-offset-wraps", m_sec_offset_wraps },
	{ "modinfo-size-huge", m_modinfo_size_huge },
	{ "strtab-size-huge", m_strtab_size_huge },
	{ "rela-size-overflow", m_rela_size_overflow },
	{ "symtab-entsize-zero", m_symtab_entsize_zero },
	{ "rela-entsize-zero", m_rela_entsize_zero },
	{ "symtab-link-not-strtab", m_symtab_link_not_strtab },
	{ "section-name-at-end", m_sec_name_at_end },
	{ "shstrtab-unterminated", m_shstrtab_unterminated },
	{ "symbol-name-at-end", m_sym_name_at_end },
	{ "symbol-shndx-out-of-range", m_sym_shndx },
};

/* for a livepatch module (kbuild's output for samples/livepatch) */
static const struct variant klp_variants[] = {
	/* the object modpost reads: KLP_SYMBOL() records */
	{ "klp-binding-object-unterminated", m_klp_binding_object },
	{ "klp-binding-name-unterminated", m_klp_binding_name },
	{ "klp-binding-unknown-flags", m_klp_binding_flags },
	{ "klp-binding-outside-section", m_klp_binding_outside },
	{ "klp-binding-size-ragged", m_klp_binding_ragged },
	{ "klp-binding-section-nobits", m_klp_binding_nobits },
	{ "klp-binding-reloc-symbol-out-of-range", m_klp_binding_reloc_symbol },
	{ "klp-binding-without-reloc", m_klp_binding_no_reloc },
	/* ... KLP_MODULE_RELOC() records */
	{ "klp-module-relocs-outside-section", m_klp_module_relocs_outside },
	{ "klp-module-relocs-reloc-beyond-section", m_klp_module_relocs_reloc_beyond },
	/* the linked module --klp-finalize reads: the modpost record */
	{ "klp-record-bad-header", m_klp_record_header },
	{ "klp-record-position-overflow", m_klp_record_position },
	{ "klp-record-three-fields", m_klp_record_fields },
	{ "klp-record-intree-ambiguous", m_klp_record_intree_ambiguous },
	{ "klp-record-intree-position", m_klp_record_intree_position },
	{ "klp-record-unknown-symbol", m_klp_record_cname },
	{ "klp-record-unterminated", m_klp_record_unterminated },
	{ "klp-record-offset-beyond-eof", m_klp_record_offset },
	{ "klp-record-size-beyond-eof", m_klp_record_size },
};

static struct image load(const char *path, bool klp)
{
	struct image im = { 0 };
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		exit(2);
	}
	im.size = n;
	im.p = malloc(im.size);
	if (!im.p || fread(im.p, 1, im.size, f) != im.size) {
		perror(path);
		exit(2);
	}
	fclose(f);
	if (im.size < sizeof(Elf64_Ehdr) || memcmp(im.p, ELFMAG, SELFMAG) ||
	    im.p[EI_CLASS] != ELFCLASS64 || im.p[EI_DATA] != ELFDATA2LSB ||
	    !find_type(&im, SHT_SYMTAB) || !find_name(&im, ".modinfo") ||
	    (!klp && (!find_name(&im, ".comment") || !checked_rela(&im) ||
		      !undef_global(&im) || !find_type(&im, SHT_NOBITS)))) {
		fprintf(stderr, "%s: not a suitable good object\n", path);
		exit(2);
	}
	return im;
}

int main(int argc, char **argv)
{
	const size_t nplain = sizeof(variants) / sizeof(variants[0]);
	const size_t nklp = sizeof(klp_variants) / sizeof(klp_variants[0]);

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (size_t i = 0; i < nplain; i++)
			puts(variants[i].name);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "list-klp") == 0) {
		for (size_t i = 0; i < nklp; i++)
			puts(klp_variants[i].name);
		return 0;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: mkbad list | mkbad list-klp | mkbad GOOD.o VARIANT OUT.o\n");
		return 2;
	}
	for (size_t i = 0; i < nplain + nklp; i++) {
		const struct variant *v = i < nplain ? &variants[i] : &klp_variants[i - nplain];

		if (strcmp(v->name, argv[2]) == 0) {
			struct image im = load(argv[1], i >= nplain);
			FILE *out;

			v->mutate(&im);
			out = fopen(argv[3], "wb");
			if (!out || fwrite(im.p, 1, im.size, out) != im.size || fclose(out)) {
				perror(argv[3]);
				return 2;
			}
			return 0;
		}
	}
	fprintf(stderr, "mkbad: unknown variant %s\n", argv[2]);
	return 2;
}
