// SPDX-License-Identifier: GPL-2.0
/*
 * The structure of .debug_info for the reader (klp-dwarf.h): the chain of
 * unit headers, one unit's header, and abbreviation tables (DWARF 5
 * standard, sections 7.5.1 and 7.5.3).  Only 32-bit DWARF; 64-bit units
 * end the chain with a note.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "klp-dwarf-internal.h"
#include "lib.h"	/* not "xalloc.h": in a kernel tree, scripts/include has one */

/* ---- units ---- */

/* 32-bit DWARF unit lengths stop below this; 0xffffffff announces 64-bit DWARF */
#define DW_LENGTH_RESERVED	0xfffffff0u
#define DW_LENGTH_64BIT		0xffffffffu

void dw_read_unit_list(struct klp_dwarf *d)
{
	size_t cap = 0;
	uint64_t off = 0;

	while (off < d->info.size) {
		struct dw_cursor c = dw_cursor_at(d, &d->info, off, d->info.size);
		uint64_t len = dw_fixed(&c, 4), end;

		if (c.bad) {
			dw_damage(d, ".debug_info: %llu stray bytes at 0x%llx after the last unit",
				  (unsigned long long)(d->info.size - off),
				  (unsigned long long)off);
			return;
		}
		if (len == DW_LENGTH_64BIT) {
			dw_damage(d, ".debug_info: unit at 0x%llx is 64-bit DWARF, which is not supported",
				  (unsigned long long)off);
			return;
		}
		if (len >= DW_LENGTH_RESERVED) {
			dw_damage(d, ".debug_info: unit at 0x%llx has the reserved length 0x%llx",
				  (unsigned long long)off, (unsigned long long)len);
			return;
		}
		end = off + 4 + len;
		if (end > d->info.size) {
			/* keep what is there: its DIEs may end before the cut */
			dw_damage(d, ".debug_info: unit at 0x%llx extends past the end of the section",
				  (unsigned long long)off);
			end = d->info.size;
		}
		if (d->nunits == cap) {
			cap = cap ? 2 * cap : 1024;
			d->units = xrealloc(d->units, cap * sizeof(*d->units));
		}
		d->units[d->nunits].off = off;
		d->units[d->nunits].end = end;
		d->nunits++;
		off = end;
	}
}

bool dw_unit_header(struct klp_dwarf *d, const struct dw_unit_span *span,
		    struct dw_unit *u)
{
	struct dw_cursor c = dw_cursor_at(d, &d->info, span->off, span->end);

	memset(u, 0, sizeof(*u));
	u->off = span->off;
	u->end = span->end;
	dw_skip(&c, 4);		/* the length, checked by dw_read_unit_list() */
	u->version = dw_fixed(&c, 2);
	if (u->version >= 5) {
		u->unit_type = dw_fixed(&c, 1);
		u->addr_size = dw_fixed(&c, 1);
		u->abbrev_off = dw_fixed(&c, 4);
		switch (u->unit_type) {
		case DW_UT_skeleton:
		case DW_UT_split_compile:
			dw_skip(&c, 8);		/* dwo_id */
			break;
		case DW_UT_type:
		case DW_UT_split_type:
			dw_skip(&c, 8 + 4);	/* type_signature, type_offset */
			break;
		}
	} else {
		u->unit_type = DW_UT_compile;	/* .debug_info holds no other kind before DWARF 5 */
		u->abbrev_off = dw_fixed(&c, 4);
		u->addr_size = dw_fixed(&c, 1);
	}
	if (c.bad) {
		dw_damage(d, ".debug_info: unit at 0x%llx: truncated header",
			  (unsigned long long)u->off);
		return false;
	}
	if (u->version < 2 || u->version > 5) {
		dw_damage(d, ".debug_info: unit at 0x%llx: DWARF version %u is not supported",
			  (unsigned long long)u->off, u->version);
		return false;
	}
	if (u->addr_size != 1 && u->addr_size != 2 && u->addr_size != 4 &&
	    u->addr_size != 8) {
		dw_damage(d, ".debug_info: unit at 0x%llx: address size %u",
			  (unsigned long long)u->off, u->addr_size);
		return false;
	}
	u->die_off = c.p - d->info.data;
	return true;
}

/* ---- abbreviations ---- */

static int abbrev_cmp(const void *a, const void *b)
{
	const struct dw_abbrev *x = a, *y = b;

	return x->code < y->code ? -1 : x->code > y->code;
}

bool dw_read_abbrevs(struct klp_dwarf *d, uint64_t off, struct dw_abbrevs *a)
{
	struct dw_cursor c = dw_cursor_at(d, &d->abbrev, off, d->abbrev.size);
	size_t cap = 0, speccap = 0;
	bool sorted = true;

	memset(a, 0, sizeof(*a));
	if (off >= d->abbrev.size) {
		dw_damage(d, ".debug_abbrev: table offset 0x%llx is outside the section",
			  (unsigned long long)off);
		return false;
	}
	for (;;) {
		struct dw_abbrev ab = { 0 };
		uint64_t code = dw_uleb(&c);

		if (c.bad || code == 0)
			break;
		ab.code = code;
		ab.tag = dw_uleb(&c);
		ab.children = dw_fixed(&c, 1) != 0;
		ab.first = a->nspecs;
		for (;;) {
			struct dw_attrspec s = { 0 };
			uint64_t name = dw_uleb(&c), form = dw_uleb(&c);

			if (c.bad || (name == 0 && form == 0))
				break;
			s.name = name > UINT32_MAX ? UINT32_MAX : name;
			s.form = form > UINT32_MAX ? UINT32_MAX : form;
			if (form == 0x21)	/* DW_FORM_implicit_const: the value is here */
				s.implicit_const = dw_sleb(&c);
			if (a->nspecs == speccap) {
				speccap = speccap ? 2 * speccap : 256;
				a->specs = xrealloc(a->specs, speccap * sizeof(*a->specs));
			}
			a->specs[a->nspecs++] = s;
			ab.nattrs++;
		}
		if (a->n == cap) {
			cap = cap ? 2 * cap : 64;
			a->v = xrealloc(a->v, cap * sizeof(*a->v));
		}
		if (a->n && a->v[a->n - 1].code >= code)
			sorted = false;
		a->v[a->n++] = ab;
	}
	if (c.bad) {
		dw_damage(d, ".debug_abbrev: table at 0x%llx is truncated",
			  (unsigned long long)off);
		dw_abbrevs_free(a);
		return false;
	}
	/* gcc numbers its codes 1, 2, 3...: found by index; others by bsearch */
	if (!sorted)
		qsort(a->v, a->n, sizeof(*a->v), abbrev_cmp);
	return true;
}

void dw_abbrevs_layout(struct dw_abbrevs *a, const struct dw_unit *u)
{
	for (size_t i = 0; i < a->n; i++) {
		struct dw_abbrev *ab = &a->v[i];
		int32_t size = 0;

		ab->sibling_at = -1;
		ab->chains = false;
		for (uint32_t j = 0; j < ab->nattrs; j++) {
			const struct dw_attrspec *spec = &a->specs[ab->first + j];
			int fs = dw_form_size(spec->form, u);

			if (spec->name == DW_AT_specification ||
			    spec->name == DW_AT_abstract_origin)
				ab->chains = true;
			if (size < 0)
				continue;
			if (fs < 0 || size > INT32_MAX - fs) {
				size = -1;
				continue;
			}
			if (spec->name == DW_AT_sibling && ab->sibling_at < 0) {
				ab->sibling_at = size;
				ab->sibling_size = fs;
				ab->sibling_absolute = spec->form == 0x10;
			}
			size += fs;
		}
		ab->size = size;
		if (size < 0)
			ab->sibling_at = -1;
	}
}

const struct dw_abbrev *dw_abbrev_find(const struct dw_abbrevs *a, uint64_t code)
{
	size_t lo = 0, hi = a->n;

	if (code - 1 < a->n && a->v[code - 1].code == code)
		return &a->v[code - 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->v[mid].code == code)
			return &a->v[mid];
		if (a->v[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void dw_abbrevs_free(struct dw_abbrevs *a)
{
	free(a->v);
	free(a->specs);
	memset(a, 0, sizeof(*a));
}
