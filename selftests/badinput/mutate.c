// SPDX-License-Identifier: GPL-2.0
/*
 * mutate: deterministic corruptions of a real module, for the mutation
 * suite (mutate.sh).
 *
 *   mutate GOOD.ko SEED STREAM COUNT OUTPREFIX [ONLY]
 *
 * writes OUTPREFIX<k> for k = 0 .. COUNT-1 (or only k = ONLY) and prints
 * one line per mutant: "<k>\t<what was done>".  Mutant k of a stream
 * depends on nothing but GOOD, SEED, STREAM and k, so any single mutant is
 * reproduced by naming it with ONLY.
 *
 * GOOD must be an ELF64 little-endian relocatable object or module (what
 * x86_64 builds).  Every mutation is located with the layout of GOOD
 * (its headers, symbols, relocations, .modinfo, the livepatch sections),
 * so a mutant with several mutations stays reproducible however the first
 * ones damaged the image.  Kinds: bit flips; bytes set to 0x00, 0xff, 0x7f
 * or 0x80; 1/2/4/8-byte fields of the ELF header, section headers,
 * symbols and relocations overwritten with boundary values (0, 1, -1, the
 * file size and one past it, huge values, counts and one past them, the
 * old value +-1, ...); truncation at random places and at structure
 * boundaries; section header fields and whole headers swapped; sections
 * made to overlap; .modinfo and string tables losing their terminator;
 * characters of symbol and section names (livepatch ones first) replaced;
 * and, in livepatch modules, damaged modpost records, annotation records
 * and annotation symbols.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SECTIONS 4096

struct sec {
	const char *name;
	uint32_t type, link, info;
	uint64_t offset, size, entsize;
	uint64_t hdr;		/* file offset of its section header */
};

/* The good module, parsed once. */
static unsigned char *good;
static size_t good_size;
static struct sec secs[MAX_SECTIONS];
static unsigned int nsecs, symtab, strtab, shstrtab, modinfo, record;
static unsigned int relas[MAX_SECTIONS], nrelas;
static unsigned int annots[MAX_SECTIONS], nannots;	/* .klp.module_relocs.*, .klp.symbols */
static uint64_t shoff, nsyms;
/* symbols and sections with livepatch names (".klp.") */
static uint64_t klp_syms[1024], klp_secs[MAX_SECTIONS];
static unsigned int nklp_syms, nklp_secs;

/* The mutant being made. */
static unsigned char *img;
static size_t img_size;
static char what[4096];
static size_t what_len;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	if (what_len && what_len < sizeof(what) - 2) {
		what[what_len++] = ';';
		what[what_len++] = ' ';
	}
	va_start(ap, fmt);
	if (what_len < sizeof(what))
		what_len += vsnprintf(what + what_len, sizeof(what) - what_len, fmt, ap);
	va_end(ap);
	if (what_len >= sizeof(what))
		what_len = sizeof(what) - 1;
}

/* ---- a small deterministic generator (splitmix64) ---- */

static uint64_t rng;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* uniform in [0, n); 0 when n is 0 */
static uint64_t below(uint64_t n)
{
	return n ? next() % n : 0;
}

static void seed_for(uint64_t seed, uint64_t stream, uint64_t k)
{
	rng = seed;
	rng = next() ^ stream * 0xd1342543de82ef95ull;
	rng = next() ^ k * 0x2545f4914f6cdd1dull;
	next();
}

/* ---- reading the good module (little-endian host assumed: x86_64) ---- */

static uint64_t get(const unsigned char *p, unsigned int width)
{
	uint64_t v = 0;

	memcpy(&v, p, width);
	return v;
}

static void put(uint64_t off, unsigned int width, uint64_t v)
{
	if (off + width <= img_size)
		memcpy(img + off, &v, width);
}

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");
	const Elf64_Ehdr *eh;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		exit(2);
	}
	good_size = n;
	good = malloc(good_size + 1);
	if (!good || fread(good, 1, good_size, f) != good_size) {
		perror(path);
		exit(2);
	}
	fclose(f);
	eh = (const Elf64_Ehdr *)good;
	if (good_size < sizeof(*eh) || memcmp(good, ELFMAG, SELFMAG) ||
	    good[EI_CLASS] != ELFCLASS64 || good[EI_DATA] != ELFDATA2LSB ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
	    eh->e_shnum > MAX_SECTIONS || eh->e_shoff > good_size ||
	    (good_size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum) {
		fprintf(stderr, "%s: not a well-formed ELF64 little-endian object\n", path);
		exit(2);
	}
	shoff = eh->e_shoff;
	nsecs = eh->e_shnum;
	shstrtab = eh->e_shstrndx;
	for (unsigned int i = 0; i < nsecs; i++) {
		const Elf64_Shdr *sh = (const Elf64_Shdr *)(good + shoff) + i;
		struct sec *s = &secs[i];

		s->type = sh->sh_type;
		s->link = sh->sh_link;
		s->info = sh->sh_info;
		s->offset = sh->sh_offset;
		s->size = sh->sh_size;
		s->entsize = sh->sh_entsize;
		s->hdr = shoff + (uint64_t)i * sizeof(Elf64_Shdr);
		if (s->type != SHT_NOBITS &&
		    (s->offset > good_size || s->size > good_size - s->offset)) {
			fprintf(stderr, "%s: section %u lies outside the file\n", path, i);
			exit(2);
		}
	}
	for (unsigned int i = 0; i < nsecs; i++) {
		const struct sec *ss = &secs[shstrtab];
		uint32_t name = ((const Elf64_Shdr *)(good + shoff) + i)->sh_name;

		if (name >= ss->size || !memchr(good + ss->offset + name, 0, ss->size - name)) {
			fprintf(stderr, "%s: section %u has a bad name\n", path, i);
			exit(2);
		}
		secs[i].name = (const char *)good + ss->offset + name;
	}
	for (unsigned int i = 1; i < nsecs; i++) {
		const struct sec *s = &secs[i];

		if (s->type == SHT_SYMTAB)
			symtab = i;
		if ((s->type == SHT_RELA || s->type == SHT_REL) && s->size)
			relas[nrelas++] = i;
		if (strcmp(s->name, ".modinfo") == 0)
			modinfo = i;
		if (strcmp(s->name, ".klp.modpost") == 0)
			record = i;
		if ((strncmp(s->name, ".klp.module_relocs.", 19) == 0 ||
		     strcmp(s->name, ".klp.symbols") == 0) && s->size)
			annots[nannots++] = i;
	}
	if (!symtab || secs[symtab].link >= nsecs) {
		fprintf(stderr, "%s: no symbol table\n", path);
		exit(2);
	}
	strtab = secs[symtab].link;
	nsyms = secs[symtab].size / sizeof(Elf64_Sym);
	for (unsigned int i = 1; i < nsecs; i++)
		if (strncmp(secs[i].name, ".klp.", 5) == 0)
			klp_secs[nklp_secs++] = i;
	for (uint64_t k = 1; k < nsyms && nklp_syms < 1024; k++) {
		uint32_t name = get(good + secs[symtab].offset + k * sizeof(Elf64_Sym), 4);

		if (name + 5 < secs[strtab].size &&
		    strncmp((const char *)good + secs[strtab].offset + name, ".klp.", 5) == 0)
			klp_syms[nklp_syms++] = k;
	}
}

/* ---- choosing things ---- */

/* a section, more often one modpost reads closely */
static unsigned int pick_section(void)
{
	switch (below(8)) {
	case 0: return symtab;
	case 1: return strtab;
	case 2: return shstrtab;
	case 3: if (modinfo) return modinfo; break;
	case 4: if (nrelas) return relas[below(nrelas)]; break;
	case 5: if (nannots) return annots[below(nannots)]; if (record) return record; break;
	}
	return below(nsecs);
}

static uint64_t all_ones(unsigned int width)
{
	return width >= 8 ? ~0ull : (1ull << (8 * width)) - 1;
}

/* a boundary value for a field of @width bytes that held @old */
static uint64_t boundary(unsigned int width, uint64_t old)
{
	static const uint64_t fixed[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0xff00, 0xff20, 0xfff1, 0xfff2, 0xffff,
		0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
		0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffff0ull,
	};
	uint64_t v;

	switch (below(12)) {
	case 0: v = all_ones(width); break;			/* -1 */
	case 1: v = good_size; break;
	case 2: v = good_size + 1; break;
	case 3: v = good_size - 1; break;
	case 4: v = old + 1; break;
	case 5: v = old - 1; break;
	case 6: v = old * 2 + 1; break;
	case 7: v = below(3) == 0 ? nsecs + below(3) : nsyms + below(3) - 1; break;
	case 8: v = next(); break;
	case 9: v = below(good_size); break;
	default: v = fixed[below(sizeof(fixed) / sizeof(fixed[0]))]; break;
	}
	return v & all_ones(width);
}

static void overwrite(const char *what_field, uint64_t off, unsigned int width)
{
	uint64_t old = off + width <= img_size ? get(img + off, width) : 0;
	uint64_t v = boundary(width, old);

	put(off, width, v);
	say("%s @0x%llx: 0x%llx -> 0x%llx", what_field, (unsigned long long)off,
	    (unsigned long long)old, (unsigned long long)v);
}

/* ---- the mutations ---- */

/* a byte offset, often inside a structure modpost decodes */
static uint64_t pick_offset(void)
{
	const struct sec *s;

	switch (below(6)) {
	case 0: return below(sizeof(Elf64_Ehdr));
	case 1: return shoff + below((uint64_t)nsecs * sizeof(Elf64_Shdr));
	case 2: case 3: case 4:
		s = &secs[pick_section()];
		if (s->type != SHT_NOBITS && s->size)
			return s->offset + below(s->size);
		break;
	}
	return below(good_size);
}

static void m_bitflip(void)
{
	uint64_t off = pick_offset();
	unsigned int bit = below(8);

	if (off < img_size)
		img[off] ^= 1u << bit;
	say("bit %u of byte 0x%llx flipped", bit, (unsigned long long)off);
}

static void m_byteset(void)
{
	static const unsigned char values[] = { 0x00, 0xff, 0x7f, 0x80 };
	uint64_t off = pick_offset();
	unsigned char v = values[below(4)];

	if (off < img_size)
		img[off] = v;
	say("byte 0x%llx set to 0x%02x", (unsigned long long)off, v);
}

static void m_ehdr_field(void)
{
	static const struct { const char *name; unsigned int off, width; } f[] = {
		{ "e_ident[EI_CLASS]", EI_CLASS, 1 }, { "e_ident[EI_DATA]", EI_DATA, 1 },
		{ "e_type", 16, 2 }, { "e_machine", 18, 2 }, { "e_version", 20, 4 },
		{ "e_phoff", 32, 8 }, { "e_shoff", 40, 8 }, { "e_flags", 48, 4 },
		{ "e_ehsize", 52, 2 }, { "e_shentsize", 58, 2 }, { "e_shnum", 60, 2 },
		{ "e_shstrndx", 62, 2 }, { "e_shoff", 40, 8 }, { "e_shnum", 60, 2 },
		{ "e_shstrndx", 62, 2 },
	};
	unsigned int i = below(sizeof(f) / sizeof(f[0]));

	overwrite(f[i].name, f[i].off, f[i].width);
}

static const struct { const char *name; unsigned int off, width; } shdr_fields[] = {
	{ "sh_name", 0, 4 }, { "sh_type", 4, 4 }, { "sh_flags", 8, 8 },
	{ "sh_addr", 16, 8 }, { "sh_offset", 24, 8 }, { "sh_size", 32, 8 },
	{ "sh_link", 40, 4 }, { "sh_info", 44, 4 }, { "sh_addralign", 48, 8 },
	{ "sh_entsize", 56, 8 },
	/* again the ones a reader must check: offset, size, link, info, entsize */
	{ "sh_offset", 24, 8 }, { "sh_size", 32, 8 }, { "sh_link", 40, 4 },
	{ "sh_info", 44, 4 }, { "sh_entsize", 56, 8 }, { "sh_size", 32, 8 },
};
#define NSHDR_FIELDS (sizeof(shdr_fields) / sizeof(shdr_fields[0]))

static void m_shdr_field(void)
{
	unsigned int i = pick_section(), f = below(NSHDR_FIELDS);
	char name[300];

	snprintf(name, sizeof(name), "[%u] %s %s", i, secs[i].name, shdr_fields[f].name);
	overwrite(name, secs[i].hdr + shdr_fields[f].off, shdr_fields[f].width);
}

static void m_symbol_field(void)
{
	static const struct { const char *name; unsigned int off, width; } f[] = {
		{ "st_name", 0, 4 }, { "st_info", 4, 1 }, { "st_other", 5, 1 },
		{ "st_shndx", 6, 2 }, { "st_value", 8, 8 }, { "st_size", 16, 8 },
		{ "st_name", 0, 4 }, { "st_shndx", 6, 2 }, { "st_shndx", 6, 2 },
	};
	uint64_t k = below(nsyms), off = secs[symtab].offset + k * sizeof(Elf64_Sym);
	unsigned int i = below(sizeof(f) / sizeof(f[0]));
	char name[64];

	snprintf(name, sizeof(name), "symbol %llu %s", (unsigned long long)k, f[i].name);
	if (strcmp(f[i].name, "st_name") == 0 && below(2)) {
		/* just inside, at and past the end of the string table */
		uint64_t v = secs[strtab].size - 1 + below(3);

		put(off, 4, v);
		say("%s -> 0x%llx (string table size 0x%llx)", name, (unsigned long long)v,
		    (unsigned long long)secs[strtab].size);
		return;
	}
	overwrite(name, off + f[i].off, f[i].width);
}

static void m_reloc_field(void)
{
	unsigned int rs, width;
	uint64_t n, k, off;

	if (!nrelas) {
		m_shdr_field();
		return;
	}
	rs = relas[below(nrelas)];
	width = secs[rs].type == SHT_RELA ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
	n = secs[rs].size / width;
	k = below(n);
	off = secs[rs].offset + k * width;
	switch (below(5)) {
	case 0: {
		char name[300];

		snprintf(name, sizeof(name), "%s[%llu].r_offset", secs[rs].name, (unsigned long long)k);
		overwrite(name, off, 8);
		return;
	}
	case 1:
		if (width == sizeof(Elf64_Rela)) {
			char name[300];

			snprintf(name, sizeof(name), "%s[%llu].r_addend", secs[rs].name,
				 (unsigned long long)k);
			overwrite(name, off + 16, 8);
			return;
		}
		/* fall through */
	case 2: {	/* the symbol index of r_info */
		static const uint64_t v[] = { 0, 1, 0xffffffff, 0x7fffffff, 0x00ffffff };
		uint64_t sym;

		switch (below(4)) {
		case 0: sym = nsyms; break;
		case 1: sym = nsyms - 1 + below(3); break;
		case 2: sym = below(nsyms); break;
		default: sym = v[below(5)]; break;
		}
		put(off + 12, 4, sym);
		say("%s[%llu].r_info symbol -> %llu (%llu symbols)", secs[rs].name,
		    (unsigned long long)k, (unsigned long long)sym, (unsigned long long)nsyms);
		return;
	}
	default: {	/* the type of r_info */
		uint32_t type = below(2) ? below(60) : (uint32_t)next();

		put(off + 8, 4, type);
		say("%s[%llu].r_info type -> %u", secs[rs].name, (unsigned long long)k, type);
		return;
	}
	}
}

static void m_truncate(void)
{
	const struct sec *s = &secs[pick_section()];
	uint64_t to;

	switch (below(9)) {
	case 0: to = below(EI_NIDENT); break;				/* inside e_ident */
	case 1: to = EI_NIDENT + below(sizeof(Elf64_Ehdr) - EI_NIDENT); break;
	case 2: to = shoff + below((uint64_t)nsecs * sizeof(Elf64_Shdr)); break;
	case 3: to = s->offset; break;					/* at a section */
	case 4: to = s->offset + (s->size ? below(s->size) : 0); break;	/* inside */
	case 5: to = s->offset + s->size - (s->size ? 1 : 0); break;	/* its last byte */
	case 6: to = shoff + (uint64_t)nsecs * sizeof(Elf64_Shdr) - 1; break;
	default: to = below(good_size); break;
	}
	if (to < img_size)
		img_size = to;
	say("truncated to %llu bytes", (unsigned long long)to);
}

static void m_swap(void)
{
	unsigned int a = pick_section(), b = pick_section();

	if (below(3) == 0) {
		unsigned char tmp[sizeof(Elf64_Shdr)];

		if (secs[a].hdr + sizeof(tmp) > img_size || secs[b].hdr + sizeof(tmp) > img_size)
			return;
		memcpy(tmp, img + secs[a].hdr, sizeof(tmp));
		memcpy(img + secs[a].hdr, img + secs[b].hdr, sizeof(tmp));
		memcpy(img + secs[b].hdr, tmp, sizeof(tmp));
		say("section headers %u (%s) and %u (%s) swapped", a, secs[a].name, b, secs[b].name);
	} else {
		unsigned int f = below(NSHDR_FIELDS), w = shdr_fields[f].width;
		uint64_t va, vb;

		if (secs[a].hdr + 64 > img_size || secs[b].hdr + 64 > img_size)
			return;
		va = get(img + secs[a].hdr + shdr_fields[f].off, w);
		vb = get(img + secs[b].hdr + shdr_fields[f].off, w);
		put(secs[a].hdr + shdr_fields[f].off, w, vb);
		put(secs[b].hdr + shdr_fields[f].off, w, va);
		say("%s of sections %u (%s) and %u (%s) swapped", shdr_fields[f].name,
		    a, secs[a].name, b, secs[b].name);
	}
}

/* two sections sharing bytes */
static void m_overlap(void)
{
	unsigned int a = pick_section(), b = pick_section();
	uint64_t off = secs[b].offset + (below(2) ? 0 : below(secs[b].size + 1));

	put(secs[a].hdr + 24, 8, off);
	if (below(2))
		put(secs[a].hdr + 32, 8, secs[b].size);
	say("section %u (%s) moved onto section %u (%s) at 0x%llx", a, secs[a].name, b,
	    secs[b].name, (unsigned long long)off);
}

static void m_unterminate(void)
{
	unsigned int i;
	const struct sec *s;

	switch (below(4)) {
	case 0: i = strtab; break;
	case 1: i = shstrtab; break;
	default: i = modinfo ? modinfo : strtab; break;
	}
	s = &secs[i];
	if (!s->size)
		return;
	switch (below(3)) {
	case 0:	/* the last byte */
		if (s->offset + s->size <= img_size)
			img[s->offset + s->size - 1] = 'x';
		say("last byte of %s set to 'x'", s->name);
		break;
	case 1:	/* every NUL */
		for (uint64_t k = 0; k < s->size && s->offset + k < img_size; k++)
			if (!img[s->offset + k])
				img[s->offset + k] = '=';
		say("every NUL of %s set to '='", s->name);
		break;
	default:	/* the size, one short */
		put(s->hdr + 32, 8, s->size - 1);
		say("size of %s one short", s->name);
		break;
	}
}

/* the .klp.modpost text */
static void m_record(void)
{
	static const char repl[] = " \n\0" "09x~A,.-";
	const struct sec *s = &secs[record];
	uint64_t off;

	if (!s->size)
		return;
	switch (below(4)) {
	case 0:
		off = s->offset + below(s->size);
		if (off < img_size)
			img[off] = repl[below(sizeof(repl) - 1)];
		say(".klp.modpost byte 0x%llx replaced", (unsigned long long)(off - s->offset));
		break;
	case 1: {	/* a position that does not fit */
		const char *big = "99999999999999999999999";
		const unsigned char *p = good + s->offset, *nl = memchr(p, '\n', s->size);

		off = nl ? (uint64_t)(nl - p) + 1 : 0;
		for (size_t k = 0; big[k] && off + k < s->size; k++)
			if (s->offset + off + k < img_size)
				img[s->offset + off + k] = big[k];
		say(".klp.modpost line 2 overwritten with digits");
		break;
	}
	case 2:
		for (uint64_t k = 0; k < s->size && s->offset + k < img_size; k++)
			if (!img[s->offset + k])
				img[s->offset + k] = 'z';
		say(".klp.modpost without a NUL");
		break;
	default:
		m_shdr_field();
		break;
	}
}

/* the annotation records and the symbols that delimit them */
static void m_annotation(void)
{
	unsigned int i = annots[below(nannots)];
	const struct sec *s = &secs[i];
	uint64_t off = s->offset + below(s->size);

	switch (below(5)) {
	case 0: {	/* a run of non-NUL bytes: names lose their terminator */
		uint64_t len = 1 + below(600);

		for (uint64_t k = 0; k < len && off + k < s->offset + s->size && off + k < img_size; k++)
			img[off + k] = 'A';
		say("%llu bytes of %s at +0x%llx set to 'A'", (unsigned long long)len, s->name,
		    (unsigned long long)(off - s->offset));
		break;
	}
	case 1: {	/* a symbol defined in the section: its size or value */
		for (uint64_t k = 1; k < nsyms; k++) {
			uint64_t so = secs[symtab].offset + k * sizeof(Elf64_Sym);
			const Elf64_Sym *sym = (const Elf64_Sym *)(good + so);

			if (sym->st_shndx == i && ELF64_ST_TYPE(sym->st_info) == STT_OBJECT) {
				char name[300];

				snprintf(name, sizeof(name), "annotation symbol %llu of %s %s",
					 (unsigned long long)k, s->name, below(2) ? "st_size" : "st_value");
				overwrite(name, so + (strstr(name, "st_size") ? 16 : 8), 8);
				return;
			}
		}
		m_bitflip();
		break;
	}
	case 2:
		overwrite(s->name, s->offset + below(s->size / 4 + 1) * 4, 4);
		break;
	default:
		m_shdr_field();
		break;
	}
}

/*
 * One character of a symbol or section name, preferably a livepatch one
 * (.klp.sym.<object>.<name>,<pos>, .klp.rela.<object>.<section>, whose
 * syntax the livepatch modes parse), replaced or cut short.
 */
static void m_name(void)
{
	static const char repl[] = ".,\0" "9x-\xff ";
	bool sections = below(3) == 0;
	const struct sec *tab = &secs[sections ? shstrtab : strtab];
	uint64_t k, off;
	uint32_t name;

	if (sections)
		k = nklp_secs && below(2) ? klp_secs[below(nklp_secs)] : below(nsecs);
	else
		k = nklp_syms && below(2) ? klp_syms[below(nklp_syms)] : below(nsyms);
	off = sections ? secs[k].hdr : secs[symtab].offset + k * sizeof(Elf64_Sym);
	name = get(good + off, 4);
	if (name < tab->size) {
		const char *str = (const char *)good + tab->offset + name;
		const char *nul = memchr(str, '\0', tab->size - name);
		size_t len = nul ? (size_t)(nul - str) : tab->size - name;
		uint64_t at = tab->offset + name + (len ? below(len) : 0);
		char c = repl[below(sizeof(repl) - 1)];

		if (at < img_size)
			img[at] = c;
		say("%s name %llu (%s): byte %llu set to 0x%02x", sections ? "section" : "symbol",
		    (unsigned long long)k, str,
		    (unsigned long long)(at - tab->offset - name), (unsigned char)c);
	}
}

static void m_klp(void)
{
	if (nannots && (!record || below(2)))
		m_annotation();
	else if (record)
		m_record();
	else
		m_symbol_field();
}

static void one_mutation(void)
{
	switch (below(21)) {
	case 20: m_name(); break;
	case 0: case 1: m_bitflip(); break;
	case 2: case 3: m_byteset(); break;
	case 4: case 5: m_ehdr_field(); break;
	case 6: case 7: case 8: m_shdr_field(); break;
	case 9: case 10: m_symbol_field(); break;
	case 11: case 12: m_reloc_field(); break;
	case 13: m_truncate(); break;
	case 14: m_swap(); break;
	case 15: m_overlap(); break;
	case 16: m_unterminate(); break;
	default:
		if (record || nannots)
			m_klp();
		else
			m_shdr_field();
		break;
	}
}

static void mutate(void)
{
	unsigned int n = 1;

	img_size = good_size;
	memcpy(img, good, good_size);
	what_len = 0;
	what[0] = '\0';
	if (below(5) == 0)
		n = 2 + below(3);	/* a few at once */
	while (n--)
		one_mutation();
}

int main(int argc, char **argv)
{
	unsigned long long seed, stream, count, only = ~0ull;

	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: mutate GOOD.ko SEED STREAM COUNT OUTPREFIX [ONLY]\n");
		return 2;
	}
	load(argv[1]);
	seed = strtoull(argv[2], NULL, 0);
	stream = strtoull(argv[3], NULL, 0);
	count = strtoull(argv[4], NULL, 0);
	if (argc == 7)
		only = strtoull(argv[6], NULL, 0);
	img = malloc(good_size + 1);
	if (!img)
		return 2;
	for (unsigned long long k = 0; k < count; k++) {
		char path[4096];
		FILE *out;

		if (only != ~0ull && k != only)
			continue;
		seed_for(seed, stream, k);
		mutate();
		snprintf(path, sizeof(path), "%s%llu", argv[5], k);
		out = fopen(path, "wb");
		if (!out || fwrite(img, 1, img_size, out) != img_size || fclose(out)) {
			perror(path);
			return 2;
		}
		printf("%llu\t%s\n", k, what);
	}
	return 0;
}
