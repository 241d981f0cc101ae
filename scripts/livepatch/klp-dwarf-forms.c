// SPDX-License-Identifier: GPL-2.0
/*
 * Reading DWARF values for the reader (klp-dwarf.h): the bounds-checked
 * cursor, and attribute values of every form of DWARF 2 to 5 plus the GNU
 * forms gcc and dwz write (DWARF 5 standard, sections 7.5.5 and 7.6).
 * Only 32-bit DWARF: offsets are 4 bytes.
 *
 * Nothing here trusts the data: a read past the end of the cursor marks
 * it bad and yields 0, and a value that cannot be decoded is noted with
 * dw_damage().
 */
#include <string.h>

#include "klp-dwarf-internal.h"

/* ---- the cursor ---- */

static bool dw_have(struct dw_cursor *c, uint64_t n)
{
	if (c->bad || n > (uint64_t)(c->end - c->p)) {
		c->bad = true;
		c->p = c->end;
		return false;
	}
	return true;
}

void dw_skip(struct dw_cursor *c, uint64_t n)
{
	if (dw_have(c, n))
		c->p += n;
}

uint64_t dw_fixed(struct dw_cursor *c, unsigned int size)
{
	uint64_t v = 0;

	if (!dw_have(c, size))
		return 0;
	switch (size) {
	case 1:
		v = c->p[0];
		break;
	case 2:
		v = elf_get16(c->elf, c->p);
		break;
	case 3:	/* strx3, addrx3 */
		for (unsigned int i = 0; i < 3; i++)
			v |= (uint64_t)c->p[c->elf->big_endian ? 2 - i : i] << (8 * i);
		break;
	case 4:
		v = elf_get32(c->elf, c->p);
		break;
	default:
		v = elf_get64(c->elf, c->p);
		break;
	}
	c->p += size;
	return v;
}

/*
 * An LEB128 number: its bits, how many (*@shift) and the last byte (for
 * the sign).  Bits beyond 64 cannot be meant: they are dropped.
 */
static uint64_t leb128(struct dw_cursor *c, unsigned int *shift, unsigned char *last)
{
	uint64_t v = 0;
	unsigned char b = 0;

	*shift = 0;
	do {
		if (!dw_have(c, 1))
			return 0;
		b = *c->p++;
		if (*shift < 64)
			v |= (uint64_t)(b & 0x7f) << *shift;
		*shift += 7;
	} while (b & 0x80);
	*last = b;
	return v;
}

uint64_t dw_uleb(struct dw_cursor *c)
{
	unsigned int shift;
	unsigned char last;

	return leb128(c, &shift, &last);
}

int64_t dw_sleb(struct dw_cursor *c)
{
	unsigned int shift;
	unsigned char last = 0;
	uint64_t v = leb128(c, &shift, &last);

	if (shift < 64 && (last & 0x40))
		v |= ~(uint64_t)0 << shift;
	return (int64_t)v;
}

struct dw_cursor dw_cursor_at(const struct klp_dwarf *d, const struct dw_section *s,
			      uint64_t from, uint64_t to)
{
	struct dw_cursor c = { .elf = &d->elf };

	if (to > s->size)
		to = s->size;
	if (from > to)
		from = to;
	c.p = s->data + from;
	c.end = s->data + to;
	return c;
}

const char *dw_section_string(const struct dw_section *s, uint64_t off)
{
	const char *p;

	if (!s->data || off >= s->size)
		return NULL;
	p = (const char *)s->data + off;
	return memchr(p, '\0', s->size - off) ? p : NULL;
}

/* The size of a value of @form in unit @u, or -1 when it depends on the value. */
int dw_form_size(uint32_t form, const struct dw_unit *u)
{
	switch (form) {
	case 0x19: case 0x21:				/* flag_present, implicit_const */
		return 0;
	case 0x0b: case 0x0c: case 0x11: case 0x25: case 0x29:	/* data1 flag ref1 strx1 addrx1 */
		return 1;
	case 0x05: case 0x12: case 0x26: case 0x2a:	/* data2 ref2 strx2 addrx2 */
		return 2;
	case 0x27: case 0x2b:				/* strx3 addrx3 */
		return 3;
	case 0x06: case 0x0e: case 0x13: case 0x17: case 0x1c: case 0x1d:
	case 0x1f: case 0x28: case 0x2c: case 0x1f20: case 0x1f21:
		return 4;	/* data4 strp ref4 sec_offset ref_sup4 strp_sup line_strp strx4 addrx4 GNU alt */
	case 0x07: case 0x14: case 0x20: case 0x24:	/* data8 ref8 ref_sig8 ref_sup8 */
		return 8;
	case 0x1e:					/* data16 */
		return 16;
	case 0x01:					/* addr */
		return u->addr_size;
	case 0x10:					/* ref_addr */
		return u->version == 2 ? u->addr_size : 4;
	default:	/* LEB128s, strings, blocks, indirect, and forms not known */
		return -1;
	}
}

/* ---- attribute values ---- */

/* A reference relative to the unit: valid only inside it. */
static void unit_ref(const struct dw_unit *u, uint64_t rel, struct dw_value *v)
{
	v->u = u->off + rel;
	v->cls = rel < u->end - u->off ? DW_CLASS_REF_UNIT : DW_CLASS_REF_OTHER;
}

static void block(struct dw_cursor *c, uint64_t len, struct dw_value *v)
{
	v->cls = DW_CLASS_BLOCK;
	v->block = c->p;
	v->u = len;
	dw_skip(c, len);
}

bool dw_read_value(struct klp_dwarf *d, struct dw_cursor *c,
		   const struct dw_unit *u, const struct dw_attrspec *spec,
		   struct dw_value *v)
{
	uint64_t form = spec->form;

	memset(v, 0, sizeof(*v));
	v->cls = DW_CLASS_CONST;
	/* DW_FORM_indirect names the form in the data; a chain of them is damage */
	for (unsigned int hops = 0; form == 0x16; hops++) {
		form = dw_uleb(c);
		if (hops == 2 || form == 0x21)
			goto bad_form;
	}
	switch (form) {
	case 0x01:	/* addr */
		v->cls = DW_CLASS_ADDR;
		v->u = dw_fixed(c, u->addr_size);
		break;
	case 0x03:	/* block2 */
		block(c, dw_fixed(c, 2), v);
		break;
	case 0x04:	/* block4 */
		block(c, dw_fixed(c, 4), v);
		break;
	case 0x05:	/* data2 */
		v->u = dw_fixed(c, 2);
		break;
	case 0x06:	/* data4 */
		v->u = dw_fixed(c, 4);
		break;
	case 0x07:	/* data8 */
		v->u = dw_fixed(c, 8);
		break;
	case 0x08: {	/* string, inline */
		const unsigned char *nul = memchr(c->p, '\0', c->end - c->p);

		if (!nul) {
			c->bad = true;
			break;
		}
		v->cls = DW_CLASS_STRING;
		v->str = (const char *)c->p;
		c->p = nul + 1;
		break;
	}
	case 0x09:	/* block */
	case 0x18:	/* exprloc */
		block(c, dw_uleb(c), v);
		break;
	case 0x0a:	/* block1 */
		block(c, dw_fixed(c, 1), v);
		break;
	case 0x0b:	/* data1 */
	case 0x0c:	/* flag */
		v->u = dw_fixed(c, 1);
		break;
	case 0x0d:	/* sdata */
		v->u = (uint64_t)dw_sleb(c);
		break;
	case 0x0e:	/* strp */
		v->cls = DW_CLASS_STRING;
		v->str = dw_section_string(&d->str, dw_fixed(c, 4));
		break;
	case 0x0f:	/* udata */
		v->u = dw_uleb(c);
		break;
	case 0x10:	/* ref_addr: an offset in .debug_info (address-sized in DWARF 2) */
		v->u = dw_fixed(c, u->version == 2 ? u->addr_size : 4);
		v->cls = v->u >= u->off && v->u < u->end ? DW_CLASS_REF_UNIT
							 : DW_CLASS_REF_OTHER;
		break;
	case 0x11:	/* ref1 */
		unit_ref(u, dw_fixed(c, 1), v);
		break;
	case 0x12:	/* ref2 */
		unit_ref(u, dw_fixed(c, 2), v);
		break;
	case 0x13:	/* ref4 */
		unit_ref(u, dw_fixed(c, 4), v);
		break;
	case 0x14:	/* ref8 */
		unit_ref(u, dw_fixed(c, 8), v);
		break;
	case 0x15:	/* ref_udata */
		unit_ref(u, dw_uleb(c), v);
		break;
	case 0x17:	/* sec_offset */
		v->cls = DW_CLASS_SEC_OFFSET;
		v->u = dw_fixed(c, 4);
		break;
	case 0x19:	/* flag_present */
		v->u = 1;
		break;
	case 0x1a:	/* strx */
	case 0x1f02:	/* GNU_str_index */
		v->cls = DW_CLASS_STRX;
		v->u = dw_uleb(c);
		break;
	case 0x1b:	/* addrx */
	case 0x1f01:	/* GNU_addr_index */
		v->cls = DW_CLASS_ADDR;
		v->u = dw_uleb(c);
		break;
	case 0x1c:	/* ref_sup4 */
	case 0x1f20:	/* GNU_ref_alt */
		v->cls = DW_CLASS_REF_OTHER;
		v->u = dw_fixed(c, 4);
		break;
	case 0x1d:	/* strp_sup */
	case 0x1f21:	/* GNU_strp_alt */
		v->cls = DW_CLASS_STRING_ELSEWHERE;
		v->u = dw_fixed(c, 4);
		break;
	case 0x1e:	/* data16 */
		block(c, 16, v);
		break;
	case 0x1f:	/* line_strp */
		v->cls = DW_CLASS_STRING;
		v->str = dw_section_string(&d->line_str, dw_fixed(c, 4));
		break;
	case 0x20:	/* ref_sig8 */
	case 0x24:	/* ref_sup8 */
		v->cls = DW_CLASS_REF_OTHER;
		v->u = dw_fixed(c, 8);
		break;
	case 0x21:	/* implicit_const */
		v->u = (uint64_t)spec->implicit_const;
		break;
	case 0x22:	/* loclistx */
	case 0x23:	/* rnglistx */
		v->cls = DW_CLASS_SEC_OFFSET;
		v->u = dw_uleb(c);
		break;
	case 0x25: case 0x26: case 0x27: case 0x28:	/* strx1..4 */
		v->cls = DW_CLASS_STRX;
		v->u = dw_fixed(c, form - 0x24);
		break;
	case 0x29: case 0x2a: case 0x2b: case 0x2c:	/* addrx1..4 */
		v->cls = DW_CLASS_ADDR;
		v->u = dw_fixed(c, form - 0x28);
		break;
	default:
		goto bad_form;
	}
	if (c->bad) {
		dw_damage(d, ".debug_info: unit at 0x%llx: attribute value runs past the unit",
			  (unsigned long long)u->off);
		return false;
	}
	return true;

bad_form:
	dw_damage(d, ".debug_info: unit at 0x%llx: unknown attribute form 0x%llx",
		  (unsigned long long)u->off, (unsigned long long)form);
	c->bad = true;
	return false;
}

const char *dw_value_string(struct klp_dwarf *d, const struct dw_unit *u,
			    const struct dw_value *v)
{
	struct dw_cursor c;
	uint64_t base;

	if (v->cls == DW_CLASS_STRING)
		return v->str;
	if (v->cls != DW_CLASS_STRX)
		return NULL;
	/*
	 * DWARF 5 units name their contribution to .debug_str_offsets; without
	 * DW_AT_str_offsets_base, the first contribution (after its 8-byte
	 * header) is the only sensible guess, and GNU_str_index counts from 0.
	 */
	base = u->str_offsets_base ? u->str_offsets_base : u->version >= 5 ? 8 : 0;
	if (v->u > (UINT64_MAX - base) / 4)
		return NULL;
	c = dw_cursor_at(d, &d->str_offsets, base + 4 * v->u, d->str_offsets.size);
	base = dw_fixed(&c, 4);
	return c.bad ? NULL : dw_section_string(&d->str, base);
}
