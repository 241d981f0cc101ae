/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the DWARF reader (klp-dwarf.h), shared by its parts:
 *
 *   klp-dwarf.c         opening a file, relocating ET_REL copies, the lookup
 *                       (string search, units to read)
 *   klp-dwarf-units.c   the unit list, unit headers, abbrevs
 *   klp-dwarf-forms.c   the cursor, attribute values of every form
 *   klp-dwarf-facts.c   one unit's DIEs: which say what about a name
 *
 * Everything reads through struct dw_cursor, which never moves past its
 * end: a read that would is recorded (bad) and yields zeros, so damaged
 * DWARF ends the walk of that unit instead of reading outside the data.
 * Only 32-bit DWARF is read (offsets are 4 bytes); the byte order is the
 * ELF file's.
 */
#ifndef KLP_DWARF_INTERNAL_H
#define KLP_DWARF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elffile.h"
#include "klp-dwarf.h"

/* ---- DWARF constants used here (DWARF 5, section 7) ---- */

enum {
	DW_TAG_compile_unit = 0x11, DW_TAG_partial_unit = 0x3c,
	DW_TAG_subprogram = 0x2e, DW_TAG_variable = 0x34,
	DW_TAG_lexical_block = 0x0b,
};

enum {
	DW_AT_sibling = 0x01, DW_AT_location = 0x02, DW_AT_name = 0x03,
	DW_AT_low_pc = 0x11, DW_AT_const_value = 0x1c, DW_AT_inline = 0x20,
	DW_AT_abstract_origin = 0x31, DW_AT_declaration = 0x3c,
	DW_AT_external = 0x3f, DW_AT_specification = 0x47,
	DW_AT_ranges = 0x55, DW_AT_str_offsets_base = 0x72,
};

enum {
	DW_UT_compile = 1, DW_UT_type = 2, DW_UT_partial = 3,
	DW_UT_skeleton = 4, DW_UT_split_compile = 5, DW_UT_split_type = 6,
};

/* ---- a bounds-checked reader (klp-dwarf-forms.c) ---- */

struct dw_cursor {
	const unsigned char *p, *end;
	const struct elf_file *elf;	/* byte order */
	bool bad;			/* a read went past the end */
};

uint64_t dw_fixed(struct dw_cursor *c, unsigned int size);	/* 1, 2, 3, 4 or 8 bytes */
uint64_t dw_uleb(struct dw_cursor *c);
int64_t dw_sleb(struct dw_cursor *c);
void dw_skip(struct dw_cursor *c, uint64_t n);

/* ---- the open file ---- */

/* A debug section's bytes (a relocated private copy for ET_REL), or none. */
struct dw_section {
	const unsigned char *data;
	uint64_t size;
};

/* One unit of .debug_info: [off, end), its header decoded on demand. */
struct dw_unit_span {
	uint64_t off, end;
};

struct klp_dwarf {
	struct elf_file elf;
	char *path;
	struct dw_section info, abbrev, str, line_str, str_offsets;
	unsigned char *owned[2];	/* relocated copies (ET_REL), freed at close */
	bool prepared;			/* relocations applied, unit list read */

	struct dw_unit_span *units;	/* the chain of unit headers, cached */
	size_t nunits;
	uint32_t byte_freq[256];	/* sampled from .debug_info: picks rare bytes to scan for */

	char *error;			/* first damage seen, for klp_dwarf_error() */

	/* buffers reused from lookup to lookup */
	uint64_t *hits;
	size_t nhits, hits_cap;
	struct dw_die *dies;
	size_t ndies, dies_cap;
};

/* Record the first damage (later ones add nothing new); klp-dwarf.c. */
void dw_damage(struct klp_dwarf *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- units and abbrevs (klp-dwarf-units.c) ---- */

/* Walk the chain of unit headers once; stops at damage (noted). */
void dw_read_unit_list(struct klp_dwarf *d);

struct dw_unit {
	uint64_t off, end;		/* in .debug_info */
	uint64_t die_off;		/* the first DIE */
	uint64_t abbrev_off;
	uint64_t str_offsets_base;	/* from the unit DIE; 0 until read */
	unsigned int version, unit_type, addr_size;
};

/* Decode the header of the unit at @span; false (noted) when unusable. */
bool dw_unit_header(struct klp_dwarf *d, const struct dw_unit_span *span,
		    struct dw_unit *u);

struct dw_attrspec {
	uint32_t name, form;
	int64_t implicit_const;
};

struct dw_abbrev {
	uint64_t code;
	uint32_t tag;
	bool children;
	uint32_t first, nattrs;		/* into dw_abbrevs.specs */
	/* set by dw_abbrevs_layout(), for DIEs that are skipped undecoded */
	int32_t size;			/* bytes of attribute values; -1: varies */
	int32_t sibling_at;		/* where DW_AT_sibling's value starts; -1: none */
	uint8_t sibling_size;
	bool sibling_absolute;		/* DW_FORM_ref_addr, not relative to the unit */
	bool chains;			/* has DW_AT_specification or DW_AT_abstract_origin */
};

struct dw_abbrevs {
	struct dw_abbrev *v;
	size_t n;
	struct dw_attrspec *specs;
	size_t nspecs;
	uint32_t *by_code;		/* code -> index + 1, when codes are small */
	size_t ncodes;
};

/* Read the abbrev table at @off; false (noted) on damage. */
bool dw_read_abbrevs(struct klp_dwarf *d, uint64_t off, struct dw_abbrevs *a);
/* Sizes of the abbrevs' DIEs in unit @u, where every form has a fixed size. */
void dw_abbrevs_layout(struct dw_abbrevs *a, const struct dw_unit *u);
const struct dw_abbrev *dw_abbrev_find(const struct dw_abbrevs *a, uint64_t code);
void dw_abbrevs_free(struct dw_abbrevs *a);

/* ---- attribute values (klp-dwarf-forms.c) ---- */

/* What an attribute value is, by form class. */
enum dw_class {
	DW_CLASS_CONST,		/* u (data*, udata, sdata as two's complement, flag, implicit_const) */
	DW_CLASS_ADDR,		/* u: an address, or an index into .debug_addr (addrx) */
	DW_CLASS_STRING,	/* str: resolved (inline, strp, line_strp) */
	DW_CLASS_STRX,		/* u: index into this unit's .debug_str_offsets */
	DW_CLASS_STRING_ELSEWHERE,	/* in a supplementary file: not readable here */
	DW_CLASS_REF_UNIT,	/* u: offset in .debug_info of a DIE of this unit */
	DW_CLASS_REF_OTHER,	/* another unit, type unit or file */
	DW_CLASS_BLOCK,		/* block, u = length (block*, exprloc) */
	DW_CLASS_SEC_OFFSET,	/* u (sec_offset, loclistx, rnglistx) */
};

struct dw_value {
	enum dw_class cls;
	uint64_t u;
	const unsigned char *block;
	const char *str;
};

/*
 * Read one attribute value of @form at @c for unit @u.  False on an
 * unknown form or damage (noted); the cursor is then unusable.
 */
bool dw_read_value(struct klp_dwarf *d, struct dw_cursor *c,
		   const struct dw_unit *u, const struct dw_attrspec *spec,
		   struct dw_value *v);

/* The string of a STRING or STRX value, or NULL. */
const char *dw_value_string(struct klp_dwarf *d, const struct dw_unit *u,
			    const struct dw_value *v);

/* A cursor over [@from, @to) of @s, clamped to the section. */
struct dw_cursor dw_cursor_at(const struct klp_dwarf *d, const struct dw_section *s,
			      uint64_t from, uint64_t to);

/* The size of a value of @form in unit @u, or -1 when it depends on the value. */
int dw_form_size(uint32_t form, const struct dw_unit *u);

/* NUL-terminated string at @off of a string section, or NULL. */
const char *dw_section_string(const struct dw_section *s, uint64_t off);

/* ---- one unit's facts (klp-dwarf-facts.c) ---- */

/* A subprogram or variable DIE, as much as the facts need. */
struct dw_die {
	uint64_t off;
	uint64_t spec, origin;		/* DW_AT_specification / abstract_origin in this unit; 0: none */
	uint32_t tag;
	bool named;			/* DW_AT_name is the name looked up */
	bool top;			/* a child of the unit DIE */
	bool external, declaration, inlined, code;
	bool location, static_location;	/* non-empty location; at a fixed address */
	unsigned char mark;		/* classification state */
};

/*
 * Read unit @span and add what it says about @name to @out (up to @max
 * facts in total; @n counts them), deduplicated by (kind, unit name).
 * @hits (sorted, @nhits of them) are where the unit may name it: subtrees
 * without a hit are skipped.
 */
void dw_unit_facts(struct klp_dwarf *d, const struct dw_unit_span *span,
		   const uint64_t *hits, size_t nhits, const char *name,
		   struct klp_dwarf_fact *out, size_t max, size_t *n);

#endif /* KLP_DWARF_INTERNAL_H */
