// SPDX-License-Identifier: GPL-2.0
/*
 * mkbad: write corrupt variants of a good ELF64 little-endian relocatable
 * object, one per named mutation, for the bad-input suite.
 *
 *   mkbad list                      print the variant names
 *   mkbad GOOD.o VARIANT OUT.o      write one variant
 *
 * Each mutation damages exactly one thing a reader must check: a header
 * field, a section header, a string or symbol index, a size that would
 * overflow.  The good object must be ELF64 LE (what the host compiler
 * makes on x86_64), with .symtab, .strtab, .modinfo and a RELA section.
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
};

static struct image load(const char *path)
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
	    !find_name(&im, ".comment") || !checked_rela(&im) || !undef_global(&im)) {
		fprintf(stderr, "%s: not a suitable good object\n", path);
		exit(2);
	}
	return im;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
			puts(variants[i].name);
		return 0;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: mkbad list | mkbad GOOD.o VARIANT OUT.o\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		if (strcmp(variants[i].name, argv[2]) == 0) {
			struct image im = load(argv[1]);
			FILE *out;

			variants[i].mutate(&im);
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
