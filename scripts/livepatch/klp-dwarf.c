// SPDX-License-Identifier: GPL-2.0
/*
 * The DWARF reader (klp-dwarf.h): opening a file, the relocated copies of
 * a relocatable object's debug sections, and the lookup of a name.
 *
 * A lookup never decodes more than it must.  In .debug_info a DIE names
 * its subprogram or variable either by an offset into .debug_str (strp:
 * gcc, for every name longer than 3 bytes) or inline (DW_FORM_string).
 * So the name is first found in .debug_str, then .debug_info is searched
 * for the 4-byte offsets of those occurrences and for the name inline;
 * only the units holding such bytes are decoded (klp-dwarf-facts.c), and a
 * chance match only costs the decoding of one unit.  The searches look
 * for the needle's rarest byte with memchr() (how rare: counted once in a
 * sample of .debug_info), which is several times faster than memmem() on
 * the 200+ MB of a distribution's vmlinux.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "klp-dwarf-internal.h"
#include "lib.h"	/* not "xalloc.h": in a kernel tree, scripts/include has one */

#ifndef SHF_COMPRESSED
#define SHF_COMPRESSED	(1u << 11)
#endif

/* more .debug_str occurrences than this: one pass over .debug_info for all */
#define DW_SCAN_ONE_BY_ONE	6

void dw_damage(struct klp_dwarf *d, const char *fmt, ...)
{
	va_list ap;

	if (d->error)
		return;	/* the first damage explains the rest */
	va_start(ap, fmt);
	d->error = xvasprintf(fmt, ap);
	va_end(ap);
}

static void store(const struct elf_file *elf, unsigned char *p,
		  uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		p[elf->big_endian ? size - 1 - i : i] = v >> (8 * i);
}

/* ---- relocatable objects ---- */

/*
 * The size of the field an absolute relocation fills, or 0 for the types
 * debug sections do not use for offsets (these are left alone).
 */
static unsigned int abs_reloc_size(uint16_t machine, uint32_t type)
{
	switch (machine) {
	case EM_X86_64:
		return type == R_X86_64_64 ? 8 :
		       type == R_X86_64_32 || type == R_X86_64_32S ? 4 : 0;
	case EM_386:
		return type == R_386_32 ? 4 : 0;
	case EM_AARCH64:
		return type == R_AARCH64_ABS64 ? 8 : type == R_AARCH64_ABS32 ? 4 : 0;
	case EM_ARM:
		return type == R_ARM_ABS32 ? 4 : 0;
	case EM_PPC64:
		return type == R_PPC64_ADDR64 ? 8 : type == R_PPC64_ADDR32 ? 4 : 0;
	case EM_S390:
		return type == R_390_64 ? 8 : type == R_390_32 ? 4 : 0;
	case EM_RISCV:
		return type == R_RISCV_64 ? 8 : type == R_RISCV_32 ? 4 : 0;
	default:
		return 0;
	}
}

/*
 * A private copy of debug section @name with its relocations applied
 * (symbol value + addend: section symbols of a relocatable object are 0,
 * so an offset into another debug section comes out right).
 */
static void relocated_copy(struct klp_dwarf *d, const char *name,
			   struct dw_section *s, unsigned char **owned)
{
	const struct elf_file *elf = &d->elf;
	unsigned int shndx = elf_find_section(elf, name);
	const struct elf_section *rs;
	unsigned char *copy;

	if (!s->data)
		return;
	copy = xmalloc(s->size ? s->size : 1);
	memcpy(copy, s->data, s->size);
	for_each_reloc_sec(elf, rs) {
		size_t n = elf_reloc_count_lenient(elf, rs);

		if (rs->info != shndx)
			continue;
		for (size_t i = 0; i < n; i++) {
			struct elf_reloc r;
			unsigned int size;
			int64_t addend;

			if (!elf_reloc_decode(elf, rs, i, &r)) {
				dw_damage(d, "%s: relocation %zu refers to symbol %u, which does not exist",
					  rs->name, i, r.sym);
				continue;
			}
			size = abs_reloc_size(elf->machine, r.type);
			if (!size)
				continue;
			if (r.offset > s->size || size > s->size - r.offset) {
				dw_damage(d, "%s: relocation %zu is outside %s", rs->name, i, name);
				continue;
			}
			addend = r.addend;
			if (rs->type == SHT_REL) {	/* REL keeps the addend in the field */
				struct dw_cursor c = {
					.p = copy + r.offset, .end = copy + s->size, .elf = elf,
				};

				addend = (int64_t)dw_fixed(&c, size);
			}
			store(elf, copy + r.offset, elf->syms[r.sym].value + addend, size);
		}
	}
	s->data = copy;
	*owned = copy;
}

/* ---- opening ---- */

/* Section @name's bytes; false when it is compressed. */
static bool debug_section(struct klp_dwarf *d, const char *name, struct dw_section *s)
{
	unsigned int i = elf_find_section(&d->elf, name);
	const struct elf_section *sec = elf_section(&d->elf, i);

	if (!sec || !sec->data)	/* absent, or NOBITS in a stripped file */
		return true;
	if (sec->flags & SHF_COMPRESSED)
		return false;
	s->data = sec->data;
	s->size = sec->size;
	return true;
}

struct klp_dwarf *klp_dwarf_open(const char *path, const char **reason)
{
	unsigned int flags = ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB | ELF_OPEN_NO_SYMBOLS;
	struct klp_dwarf *d = xcalloc(1, sizeof(*d));
	bool plain;

	d->path = xstrdup(path);
	for (;;) {
		switch (elf_open_ex(&d->elf, d->path, flags)) {
		case ELF_OPEN_OK:
			break;
		case ELF_OPEN_NOT_ELF:
			*reason = "not an ELF file";
			goto fail;
		case ELF_OPEN_MISSING:
			*reason = "cannot be read";
			goto fail;
		}
		/* only a relocatable object needs its symbols (for relocations) */
		if (d->elf.type != ET_REL || !(flags & ELF_OPEN_NO_SYMBOLS))
			break;
		elf_close(&d->elf);
		flags &= ~ELF_OPEN_NO_SYMBOLS;
	}
	plain = debug_section(d, ".debug_info", &d->info) &&
		debug_section(d, ".debug_abbrev", &d->abbrev) &&
		debug_section(d, ".debug_str", &d->str) &&
		debug_section(d, ".debug_line_str", &d->line_str) &&
		debug_section(d, ".debug_str_offsets", &d->str_offsets);
	if (!plain || (!d->info.data && elf_find_section(&d->elf, ".zdebug_info"))) {
		*reason = "compressed debug info is not supported";
		goto fail_elf;
	}
	if (!d->info.data || !d->abbrev.data) {
		*reason = "no DWARF debug info (.debug_info, .debug_abbrev)";
		goto fail_elf;
	}
	/* the unit length is never relocated: the first one tells the format */
	if (d->info.size >= 4 && elf_get32(&d->elf, d->info.data) == 0xffffffffu) {
		*reason = "64-bit DWARF is not supported";
		goto fail_elf;
	}
	return d;

fail_elf:
	elf_close(&d->elf);
fail:
	free(d->path);
	free(d);
	return NULL;
}

void klp_dwarf_close(struct klp_dwarf *d)
{
	if (!d)
		return;
	elf_close(&d->elf);
	free(d->owned[0]);
	free(d->owned[1]);
	free(d->units);
	free(d->hits);
	free(d->dies);
	free(d->error);
	free(d->path);
	free(d);
}

const char *klp_dwarf_error(const struct klp_dwarf *d)
{
	return d->error;
}

const char *klp_dwarf_kind_name(enum klp_dwarf_kind kind)
{
	switch (kind) {
	case KLP_DWARF_INLINED_FUNCTION:
		return "inlined function";
	case KLP_DWARF_FUNCTION:
		return "function";
	case KLP_DWARF_REMOVED_FUNCTION:
		return "function without code";
	case KLP_DWARF_OPTIMISED_VARIABLE:
		return "optimised-away variable";
	case KLP_DWARF_VARIABLE:
		return "variable";
	}
	return "?";
}

/* ---- the first lookup ---- */

/* How often each byte value occurs, from up to 16 slices of .debug_info. */
static void sample_bytes(struct klp_dwarf *d)
{
	const uint64_t slice = 64 * 1024, nslices = 16;
	uint64_t step = d->info.size / nslices;

	for (unsigned int b = 0; b < 256; b++)
		d->byte_freq[b] = 1;
	for (uint64_t i = 0; i < nslices; i++) {
		uint64_t from = i * step, len = d->info.size - from;

		if (len > slice)
			len = slice;
		for (uint64_t j = 0; j < len; j++)
			d->byte_freq[d->info.data[from + j]]++;
		if (step == 0)
			break;	/* a small section: sampled whole */
	}
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#endif

/*
 * Map all pages of a section read by every lookup at once: several times
 * faster than taking a page fault per few pages during the first search
 * of a vmlinux's .debug_info.  An older kernel refuses; that only costs time.
 */
static void populate(const struct dw_section *s)
{
	uintptr_t page = sysconf(_SC_PAGESIZE), start = (uintptr_t)s->data & ~(page - 1);

	if (s->data && s->size)
		madvise((void *)start, (uintptr_t)s->data + s->size - start,
			MADV_POPULATE_READ);
}

static void prepare(struct klp_dwarf *d)
{
	if (d->prepared)
		return;
	d->prepared = true;
	if (d->elf.type == ET_REL) {
		relocated_copy(d, ".debug_info", &d->info, &d->owned[0]);
		relocated_copy(d, ".debug_str_offsets", &d->str_offsets, &d->owned[1]);
	} else {
		populate(&d->info);
		populate(&d->str);
	}
	dw_read_unit_list(d);
	sample_bytes(d);
}

/* ---- searching .debug_info ---- */

static void add_hit(struct klp_dwarf *d, uint64_t off)
{
	if (d->nhits == d->hits_cap) {
		d->hits_cap = d->hits_cap ? 2 * d->hits_cap : 64;
		d->hits = xrealloc(d->hits, d->hits_cap * sizeof(*d->hits));
	}
	d->hits[d->nhits++] = off;
}

/* Every occurrence of @needle in .debug_info, as hits. */
static void scan(struct klp_dwarf *d, const unsigned char *needle, size_t len)
{
	const unsigned char *base = d->info.data, *end = base + d->info.size, *p, *q;
	size_t key = 0;

	if (len == 0 || len > d->info.size)
		return;
	for (size_t i = 1; i < len; i++)
		if (d->byte_freq[needle[i]] < d->byte_freq[needle[key]])
			key = i;
	for (p = base + key; p < end && (q = memchr(p, needle[key], end - p)); p = q + 1) {
		const unsigned char *s = q - key;

		if ((size_t)(end - s) >= len && memcmp(s, needle, len) == 0)
			add_hit(d, s - base);
	}
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Many offsets (a short name is the tail of many strings): one pass over
 * .debug_info testing every 4-byte window, first against a filter of the
 * offsets' low 20 bits (128 KiB, which stays in the cache and rejects
 * nearly every window), then against a bitmap of the offsets themselves.
 */
#define FILTER_BITS	20

struct offset_set {
	uint64_t filter[((size_t)1 << FILTER_BITS) / 64];
	unsigned char *bits;
	uint32_t lo, span;
};

static void scan_windows(struct klp_dwarf *d, const struct offset_set *set, bool swap)
{
	/* locals: add_hit() writes through d, which would reload these per window */
	const unsigned char *p = d->info.data;
	uint64_t size = d->info.size;
	const uint32_t mask = ((uint32_t)1 << FILTER_BITS) - 1;

	for (uint64_t i = 0; i + 4 <= size; i++) {
		uint32_t v, low, rel;

		memcpy(&v, p + i, 4);
		if (swap)
			v = __builtin_bswap32(v);
		low = v & mask;
		if (!(set->filter[low / 64] >> (low % 64) & 1))
			continue;
		rel = v - set->lo;
		if (rel < set->span && (set->bits[rel / 8] >> (rel % 8) & 1))
			add_hit(d, i);
	}
}

static void scan_offsets_at_once(struct klp_dwarf *d, uint64_t *offs, size_t n)
{
	struct offset_set *set = xcalloc(1, sizeof(*set));
	const uint32_t mask = ((uint32_t)1 << FILTER_BITS) - 1;

	qsort(offs, n, sizeof(*offs), u64_cmp);
	set->lo = offs[0];
	set->span = offs[n - 1] - offs[0] + 1;
	set->bits = xcalloc(set->span / 8 + 1, 1);
	for (size_t i = 0; i < n; i++) {
		uint32_t rel = offs[i] - set->lo, low = offs[i] & mask;

		set->bits[rel / 8] |= 1u << (rel % 8);
		set->filter[low / 64] |= (uint64_t)1 << (low % 64);
	}
	/* two loops, so that the byte order is not tested per window */
	if (d->elf.big_endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__))
		scan_windows(d, set, true);
	else
		scan_windows(d, set, false);
	free(set->bits);
	free(set);
}

/* Hits for every occurrence of "@name\0" in .debug_str, referred to by strp. */
static void scan_string_refs(struct klp_dwarf *d, const char *name, size_t len)
{
	const unsigned char *base = d->str.data, *p, *q;
	uint64_t *offs = NULL;
	size_t n = 0, cap = 0;

	if (!base)
		return;
	for (p = base; (q = memmem(p, d->str.size - (p - base), name, len + 1)); p = q + 1) {
		if ((uint64_t)(q - base) > UINT32_MAX)
			break;	/* not reachable by 32-bit DWARF */
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			offs = xrealloc(offs, cap * sizeof(*offs));
		}
		offs[n++] = q - base;
	}
	if (n > DW_SCAN_ONE_BY_ONE) {
		scan_offsets_at_once(d, offs, n);
	} else {
		for (size_t i = 0; i < n; i++) {
			unsigned char needle[4];

			store(&d->elf, needle, offs[i], 4);
			scan(d, needle, 4);
		}
	}
	free(offs);
}

/* The unit holding .debug_info offset @off, or NULL. */
static const struct dw_unit_span *unit_of(const struct klp_dwarf *d, uint64_t off)
{
	size_t lo = 0, hi = d->nunits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (off < d->units[mid].off)
			hi = mid;
		else if (off >= d->units[mid].end)
			lo = mid + 1;
		else
			return &d->units[mid];
	}
	return NULL;
}

size_t klp_dwarf_lookup(struct klp_dwarf *d, const char *name,
			struct klp_dwarf_fact *out, size_t max)
{
	size_t len = strlen(name), n = 0;

	if (len == 0 || max == 0)
		return 0;
	prepare(d);
	d->nhits = 0;
	scan_string_refs(d, name, len);
	scan(d, (const unsigned char *)name, len + 1);	/* DW_FORM_string */
	if (d->nhits > 1)
		qsort(d->hits, d->nhits, sizeof(*d->hits), u64_cmp);
	for (size_t i = 0, j; i < d->nhits && n < max; i = j) {
		const struct dw_unit_span *unit = unit_of(d, d->hits[i]);

		/* hits are sorted: the unit's are adjacent */
		for (j = i + 1; j < d->nhits && unit && d->hits[j] < unit->end; j++)
			;
		if (unit)
			dw_unit_facts(d, unit, d->hits + i, j - i, name, out, max, &n);
	}
	return n;
}
