// SPDX-License-Identifier: GPL-2.0
/*
 * file2alias: MODULE_ALIAS() lines from the device tables of a module.
 *
 * MODULE_DEVICE_TABLE(<type>, <table>) leaves an object symbol named
 * __mod_<type>__<table>_device_table on the table.  For every such symbol
 * of a known type, the table is checked (whole number of entries, all-zero
 * terminator) and each entry before the terminator is turned into udev/kmod
 * modalias patterns, which add_moddevtable() later writes into the .mod.c.
 *
 * The output must match the stock modpost byte for byte, quirks included.
 * Entries are read in the target's byte order (elf_get*), with offsets,
 * member sizes and struct sizes taken from devtable-layout.h, which the
 * build generates from the target kernel's <linux/mod_devicetable.h>.  A
 * member's size also selects how a number is printed (%02X, %04X or %08X;
 * an 8-byte member prints nothing, as in the stock tool).
 *
 * Most bus types are described declaratively (struct dt_form): a prefix,
 * optionally a string member, then a list of "<tag><hex value or *>" parts,
 * each present when a match flag is set or when the value is not the bus's
 * "any" sentinel.  Types with their own syntax have a small entry routine.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devtable-layout.h"
#include "modpost.h"

/* ------------------------------------------------------------------ */
/* Alias text under construction                                       */
/* ------------------------------------------------------------------ */

/*
 * Unbounded, unlike the stock tool's 500-byte stack buffer: an alias too
 * long for one buf_printf() then fails there, with the stock message.
 */
struct alias {
	char *s;
	size_t len, cap;
};

static void alias_printf(struct alias *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void alias_printf(struct alias *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(a->s + a->len, a->cap - a->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			fatal("file2alias: cannot format an alias\n");
		if ((size_t)n < a->cap - a->len)
			break;
		a->cap = 2 * a->cap + (size_t)n + 1;
		a->s = xrealloc(a->s, a->cap);
	}
	a->len += (size_t)n;
}

static void alias_reset(struct alias *a)
{
	a->len = 0;
	a->s[0] = '\0';
}

/* End in a wildcard ("for future extension"), unless there is one already. */
static void alias_wildcard(struct alias *a)
{
	if (a->len == 0 || a->s[a->len - 1] != '*')
		alias_printf(a, "*");
}

/* Whitespace (C locale isspace) becomes '_' from offset @from on. */
static void alias_blanks_to_underscores(struct alias *a, size_t from)
{
	for (size_t i = from; i < a->len; i++)
		if (strchr(" \t\n\v\f\r", a->s[i]))
			a->s[i] = '_';
}

/*
 * "<tag>" then the value in upper-case hex as wide as the member, or "*"
 * when the entry does not match on it.
 */
static void alias_field(struct alias *a, const char *tag, bool matches,
			uint64_t value, unsigned int member_size)
{
	alias_printf(a, "%s", tag);
	if (!matches) {
		alias_printf(a, "*");
		return;
	}
	switch (member_size) {
	case 1:
		alias_printf(a, "%02X", (unsigned int)value);
		break;
	case 2:
		alias_printf(a, "%04X", (unsigned int)value);
		break;
	case 4:
		alias_printf(a, "%08X", (unsigned int)value);
		break;
	default:
		/* the stock tool has no format for other sizes: prints nothing */
		break;
	}
}

/* 16 bytes as 8-4-4-4-12 hex digits, taking the bytes in @order. */
static void alias_uuid(struct alias *a, const unsigned char *b,
		       const unsigned char order[16], bool upper)
{
	for (unsigned int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			alias_printf(a, "-");
		alias_printf(a, upper ? "%02X" : "%02x", b[order[i]]);
	}
}

/* Byte order of uuid_le/guid_t text: the first three groups are little endian. */
static const unsigned char guid_order[16] = {
	3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
};
/* uuid_t text: bytes in storage order. */
static const unsigned char uuid_order[16] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
};

/* ------------------------------------------------------------------ */
/* Reading table entries                                               */
/* ------------------------------------------------------------------ */

struct devtable;

struct dt_table {
	const struct elf_file *elf;
	struct module *mod;
	const struct devtable *type;
	const char *name;		/* the type's name, for messages */
	const unsigned char *data;	/* first entry */
	size_t size;			/* whole table, terminator included */
	size_t id_size;			/* one entry */
};

struct dt_entry {
	const struct dt_table *t;
	const unsigned char *p;		/* start of this entry */
	size_t index;
};

/*
 * @len bytes at @off inside the entry.  With a consistent layout every
 * member lies inside its entry; the check against the table end only
 * guards against a layout that does not fit the object.
 */
static const unsigned char *dt_bytes(const struct dt_entry *e, size_t off,
				     size_t len)
{
	size_t start = (size_t)(e->p - e->t->data) + off;

	if (start > e->t->size || len > e->t->size - start)
		fatal("%s: %s device table: %zu bytes at offset %zu lie outside the %zu-byte table\n",
		      e->t->mod->name, e->t->name, len, start, e->t->size);
	return e->p + off;
}

/* An unsigned member of 1, 2, 4 or 8 bytes, in the target's byte order. */
static uint64_t dt_get(const struct dt_entry *e, size_t off, size_t len)
{
	const unsigned char *p = dt_bytes(e, off, len);

	switch (len) {
	case 1:
		return *p;
	case 2:
		return elf_get16(e->t->elf, p);
	case 4:
		return elf_get32(e->t->elf, p);
	case 8:
		return elf_get64(e->t->elf, p);
	}
	fatal("%s: device table member of unsupported size %zu\n",
	      e->t->mod->name, len);
}

/*
 * A string member.  Like the stock tool, a string that fills its array
 * runs on into the following bytes; it always ends at the latest in the
 * (all-zero, already checked) terminator entry.
 */
static const char *dt_str(const struct dt_entry *e, size_t off)
{
	const unsigned char *p = dt_bytes(e, off, 1);
	size_t left = e->t->size - (size_t)(p - e->t->data);

	if (!memchr(p, '\0', left))
		fatal("%s: unterminated string in a device table\n",
		      e->t->mod->name);
	return (const char *)p;
}

/* Entry @index of the same table. */
static struct dt_entry dt_other(const struct dt_entry *e, size_t index)
{
	struct dt_entry o = { e->t, e->t->data + index * e->t->id_size, index };

	return o;
}

#define GET(e, st, m)	dt_get(e, DT_OFF_##st##_##m, DT_LEN_##st##_##m)
#define STR(e, st, m)	dt_str(e, DT_OFF_##st##_##m)
#define BYTES(e, st, m)	dt_bytes(e, DT_OFF_##st##_##m, DT_LEN_##st##_##m)
#define SIZE(st, m)	DT_LEN_##st##_##m

static void alias_emit(const struct dt_entry *e, const struct alias *a)
{
	buf_printf(&e->t->mod->aliases, "MODULE_ALIAS(\"%s\");\n", a->s);
}

/* ------------------------------------------------------------------ */
/* Declarative forms                                                   */
/* ------------------------------------------------------------------ */

struct dt_member {
	unsigned short off, len;
};

#define MEMBER(st, m)	{ DT_OFF_##st##_##m, DT_LEN_##st##_##m }

enum dt_test {
	DT_IF_FLAG,	/* matches when (flags member & arg) != 0 */
	DT_UNLESS,	/* matches unless value == arg, arg cut to the member's size */
};

struct dt_part {
	const char *tag;	/* NULL ends a list */
	struct dt_member m;
	enum dt_test test;
	long long arg;
};

#define IF_FLAG(tag, st, m, flag)	{ tag, MEMBER(st, m), DT_IF_FLAG, flag }
#define UNLESS(tag, st, m, any)		{ tag, MEMBER(st, m), DT_UNLESS, any }
#define PARTS_END			{ .tag = NULL }

/*
 * "any" sentinels are compared the way C compares the stock tool's
 * member with the macro: e.g. (~0) against a __u32 means 0xffffffff.
 */
static uint64_t cut_to_size(long long v, unsigned int size)
{
	if (size >= 8)
		return (uint64_t)v;
	return (uint64_t)v & ((UINT64_C(1) << (8 * size)) - 1);
}

static void alias_parts(struct alias *a, const struct dt_entry *e,
			struct dt_member flags, const struct dt_part *parts)
{
	for (const struct dt_part *p = parts; p->tag; p++) {
		uint64_t v = dt_get(e, p->m.off, p->m.len);
		bool match;

		if (p->test == DT_IF_FLAG)
			match = dt_get(e, flags.off, flags.len) & (uint64_t)p->arg;
		else
			match = v != cut_to_size(p->arg, p->m.len);
		alias_field(a, p->tag, match, v, p->m.len);
	}
}

struct dt_form {
	const char *prefix;
	struct dt_member text;		/* string member after the prefix, if len */
	struct dt_member flags;		/* for DT_IF_FLAG parts */
	bool wildcard;			/* end with add_wildcard */
	struct dt_part parts[10];
};

/* ------------------------------------------------------------------ */
/* The type registry                                                   */
/* ------------------------------------------------------------------ */

typedef void dt_entry_fn(const struct dt_entry *e, struct alias *a);

struct devtable {
	const char *name;	/* <type> of __mod_<type>__<table>_device_table */
	const char *id_name;	/* as named in the table checks; NULL: name */
	size_t id_size;
	dt_entry_fn *entry;	/* emits the entry's aliases */
	const struct dt_form *form;	/* for form_entry */
};

static void form_entry(const struct dt_entry *e, struct alias *a)
{
	const struct dt_form *f = e->t->type->form;

	alias_printf(a, "%s", f->prefix);
	if (f->text.len)
		alias_printf(a, "%s", dt_str(e, f->text.off));
	alias_parts(a, e, f->flags, f->parts);
	if (f->wildcard)
		alias_wildcard(a);
	alias_emit(e, a);
}

/* ------------------------------------------------------------------ */
/* usb: bcdDevice ranges become several patterns                       */
/* ------------------------------------------------------------------ */

/* hex digits of bcdDevice */
#define USB_BCD_DIGITS	(2 * SIZE(usb_device_id, bcdDevice_lo))

static const struct dt_part usb_id_parts[] = {
	IF_FLAG("v", usb_device_id, idVendor, DT_USB_DEVICE_ID_MATCH_VENDOR),
	IF_FLAG("p", usb_device_id, idProduct, DT_USB_DEVICE_ID_MATCH_PRODUCT),
	PARTS_END,
};

static const struct dt_part usb_class_parts[] = {
	IF_FLAG("dc", usb_device_id, bDeviceClass, DT_USB_DEVICE_ID_MATCH_DEV_CLASS),
	IF_FLAG("dsc", usb_device_id, bDeviceSubClass, DT_USB_DEVICE_ID_MATCH_DEV_SUBCLASS),
	IF_FLAG("dp", usb_device_id, bDeviceProtocol, DT_USB_DEVICE_ID_MATCH_DEV_PROTOCOL),
	IF_FLAG("ic", usb_device_id, bInterfaceClass, DT_USB_DEVICE_ID_MATCH_INT_CLASS),
	IF_FLAG("isc", usb_device_id, bInterfaceSubClass, DT_USB_DEVICE_ID_MATCH_INT_SUBCLASS),
	IF_FLAG("ip", usb_device_id, bInterfaceProtocol, DT_USB_DEVICE_ID_MATCH_INT_PROTOCOL),
	IF_FLAG("in", usb_device_id, bInterfaceNumber, DT_USB_DEVICE_ID_MATCH_INT_NUMBER),
	PARTS_END,
};

static const struct dt_member usb_flags = MEMBER(usb_device_id, match_flags);

/*
 * One pattern: "d" then @digits fixed leading digits of bcdDevice (@lead),
 * then the next digit as a range @lo..@hi of a base whose top digit is
 * @top (9: BCD, 0xf: hex), then "*" when digits are left over.
 */
static void usb_alias(const struct dt_entry *e, struct alias *a,
		      unsigned int lead, int digits, unsigned int lo,
		      unsigned int hi, unsigned int top)
{
	alias_reset(a);
	alias_printf(a, "usb:");
	alias_parts(a, e, usb_flags, usb_id_parts);
	alias_printf(a, "d");
	if (digits)
		alias_printf(a, "%0*X", digits, lead);
	if (lo == hi) {
		alias_printf(a, "%X", lo);
	} else if (lo > 0 || hi < top) {
		/* glob ranges must not mix digits and letters: split at 9/A */
		if (lo > 0x9 || hi < 0xA) {
			alias_printf(a, "[%X-%X]", lo, hi);
		} else {
			alias_printf(a, lo < 0x9 ? "[%X-9" : "[%X", lo);
			alias_printf(a, hi > 0xA ? "A-%X]" : "%X]", hi);
		}
	}
	if (digits < USB_BCD_DIGITS - 1)
		alias_printf(a, "*");
	alias_parts(a, e, usb_flags, usb_class_parts);
	alias_wildcard(a);
	alias_emit(e, a);
}

/*
 * Add @delta to the number @*v whose digits have base @top + 1; return
 * the old value.  In BCD, digits above 9 count as 9, only USB_BCD_DIGITS
 * digits are kept, and the arithmetic is that of the stock tool
 * (unsigned long long, so 0 - 1 wraps).
 */
static unsigned int usb_bcd_step(unsigned int *v, int delta, unsigned int top)
{
	unsigned int old = *v;
	unsigned long long dec = 0, scale = 1;

	if (top > 0x9) {
		*v += (unsigned int)delta;
		return old;
	}
	for (unsigned int i = 0; i < USB_BCD_DIGITS; i++, scale *= 10) {
		unsigned int digit = (old >> (4 * i)) & 0xf;

		dec += (digit > 9 ? 9 : digit) * scale;
	}
	dec += (unsigned long long)(long long)delta;
	*v = 0;
	scale = 1;
	for (unsigned int i = 0; i < USB_BCD_DIGITS; i++, scale *= 10)
		*v += (unsigned int)(((dec / scale) % 10) << (4 * i));
	return old;
}

/* 0x9 when both range ends read as BCD, else 0xf (hex). */
static unsigned int usb_bcd_top(unsigned int lo, unsigned int hi)
{
	unsigned int capped = hi > 0x9999 ? 0x9999 : hi;

	for (unsigned int i = 0; i < USB_BCD_DIGITS; i++)
		if (((lo >> (4 * i)) & 0xf) > 0x9 ||
		    ((capped >> (4 * i)) & 0xf) > 0x9)
			return 0xf;
	return 0x9;
}

static void usb_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t flags = GET(e, usb_device_id, match_flags);
	unsigned int lo = 0, hi = ~0u, top;

	if (flags & DT_USB_DEVICE_ID_MATCH_DEV_LO)
		lo = (unsigned int)GET(e, usb_device_id, bcdDevice_lo);
	if (flags & DT_USB_DEVICE_ID_MATCH_DEV_HI)
		hi = (unsigned int)GET(e, usb_device_id, bcdDevice_hi);
	top = usb_bcd_top(lo, hi);

	/* empty slots filled in at run time (visor) would match everything */
	if (!(GET(e, usb_device_id, idVendor) | GET(e, usb_device_id, idProduct) |
	      GET(e, usb_device_id, bDeviceClass) |
	      GET(e, usb_device_id, bInterfaceClass)))
		return;

	/*
	 * Peel the range digit by digit from the lowest: the partial
	 * first and last runs of each digit get their own pattern, until the
	 * remaining leading digits of both ends agree.
	 */
	for (int digits = USB_BCD_DIGITS - 1; lo <= hi; digits--) {
		unsigned int lo_digit = lo & 0xf;
		unsigned int hi_digit = hi & 0xf;

		if (hi_digit > top)
			hi_digit = top;
		lo >>= 4;
		hi >>= 4;

		if (lo == hi || digits == 0) {
			usb_alias(e, a, lo, digits, lo_digit, hi_digit, top);
			break;
		}
		if (lo_digit > 0)
			usb_alias(e, a, usb_bcd_step(&lo, 1, top), digits,
				  lo_digit, top, top);
		if (hi_digit < top)
			usb_alias(e, a, usb_bcd_step(&hi, -1, top), digits,
				  0, hi_digit, top);
	}
}

/* ------------------------------------------------------------------ */
/* of, pnp, pnp_card: two aliases per entry (or per device)            */
/* ------------------------------------------------------------------ */

static void of_entry(const struct dt_entry *e, struct alias *a)
{
	const char *name = STR(e, of_device_id, name);
	const char *type = STR(e, of_device_id, type);
	const char *compat = STR(e, of_device_id, compatible);

	alias_printf(a, "of:N%sT%s", name[0] ? name : "*", type[0] ? type : "*");
	if (compat[0])
		alias_printf(a, "%sC%s", type[0] ? "*" : "", compat);
	alias_blanks_to_underscores(a, 0);
	alias_emit(e, a);
	alias_printf(a, "C");
	alias_wildcard(a);
	alias_emit(e, a);
}

/* "pnp:d<id>*" and "acpi*:<ID>:*" (pnp lower-cases ids, acpi does not) */
static void pnp_aliases(const struct dt_entry *e, struct alias *a,
			const char *id)
{
	size_t start;

	alias_reset(a);
	alias_printf(a, "pnp:d%s*", id);
	alias_emit(e, a);

	alias_reset(a);
	alias_printf(a, "acpi*:");
	start = a->len;
	alias_printf(a, "%s:*", id);
	for (size_t i = start; i < start + strlen(id); i++)
		if (a->s[i] >= 'a' && a->s[i] <= 'z')
			a->s[i] = (char)(a->s[i] - 'a' + 'A');
	alias_emit(e, a);
}

static void pnp_entry(const struct dt_entry *e, struct alias *a)
{
	pnp_aliases(e, a, STR(e, pnp_device_id, id));
}

#define PNP_CARD_DEV_SIZE \
	(SIZE(pnp_card_device_id, devs) / DT_PNP_MAX_DEVICES)

/* Id of device @j of a card entry; "" ends the list. */
static const char *pnp_card_dev(const struct dt_entry *e, unsigned int j)
{
	return dt_str(e, DT_OFF_pnp_card_device_id_devs + j * PNP_CARD_DEV_SIZE);
}

/* Is @id a device of an earlier card entry of the table? */
static bool pnp_card_seen(const struct dt_entry *e, const char *id)
{
	for (size_t i = 0; i < e->index; i++) {
		struct dt_entry prev = dt_other(e, i);

		for (unsigned int j = 0; j < DT_PNP_MAX_DEVICES; j++) {
			const char *other = pnp_card_dev(&prev, j);

			if (!other[0])
				break;
			if (!strcmp(other, id))
				return true;
		}
	}
	return false;
}

static void pnp_card_entry(const struct dt_entry *e, struct alias *a)
{
	for (unsigned int j = 0; j < DT_PNP_MAX_DEVICES; j++) {
		const char *id = pnp_card_dev(e, j);

		if (!id[0])
			break;
		if (!pnp_card_seen(e, id))
			pnp_aliases(e, a, id);
	}
}

/* ------------------------------------------------------------------ */
/* Entry routines of the other types with their own syntax             */
/* ------------------------------------------------------------------ */

static const struct dt_part pci_id_parts[] = {
	UNLESS("v", pci_device_id, vendor, DT_PCI_ANY_ID),
	UNLESS("d", pci_device_id, device, DT_PCI_ANY_ID),
	UNLESS("sv", pci_device_id, subvendor, DT_PCI_ANY_ID),
	UNLESS("sd", pci_device_id, subdevice, DT_PCI_ANY_ID),
	PARTS_END,
};

static void pci_entry(const struct dt_entry *e, struct alias *a)
{
	static const struct { const char *tag; unsigned int shift; } bytes[] = {
		{ "bc", 16 }, { "sc", 8 }, { "i", 0 },
	};
	uint64_t override = GET(e, pci_device_id, override_only);
	uint64_t class = GET(e, pci_device_id, class);
	uint64_t mask = GET(e, pci_device_id, class_mask);

	if (override == 0) {
		alias_printf(a, "pci:");
	} else if (override == DT_PCI_ID_F_VFIO_DRIVER_OVERRIDE) {
		alias_printf(a, "vfio_pci:");
	} else {
		warn("Unknown PCI driver_override alias %08X\n",
		     (unsigned int)override);
		return;
	}
	alias_parts(a, e, (struct dt_member){ 0, 0 }, pci_id_parts);

	/* each class byte is matched entirely or not at all */
	for (size_t i = 0; i < ARRAY_SIZE(bytes); i++) {
		unsigned int m = (mask >> bytes[i].shift) & 0xff;

		if (m != 0 && m != 0xff) {
			warn("Can't handle masks in %s:%04X\n",
			     e->t->mod->name, (unsigned int)mask);
			return;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(bytes); i++)
		alias_field(a, bytes[i].tag,
			    ((mask >> bytes[i].shift) & 0xff) == 0xff,
			    (class >> bytes[i].shift) & 0xff, 1);
	alias_wildcard(a);
	alias_emit(e, a);
}

static void ap_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ap:t%02X*", (unsigned int)GET(e, ap_device_id, dev_type));
	alias_emit(e, a);
}

static void css_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "css:t%01X", (unsigned int)GET(e, css_device_id, type));
	alias_emit(e, a);
}

/* _HID/_CID string, or else the PCI-style class with "??" for masked bytes */
static void acpi_entry(const struct dt_entry *e, struct alias *a)
{
	const char *id = STR(e, acpi_device_id, id);
	uint64_t cls, msk;

	if (id[0]) {
		alias_printf(a, "acpi*:%s:*", id);
		alias_emit(e, a);
		return;
	}
	cls = GET(e, acpi_device_id, cls);
	msk = GET(e, acpi_device_id, cls_msk);
	alias_printf(a, "acpi*:");
	for (int shift = 16; shift >= 0; shift -= 8) {
		if ((msk >> shift) & 0xff)
			alias_printf(a, "%02x", (unsigned int)((cls >> shift) & 0xff));
		else
			alias_printf(a, "??");
	}
	alias_printf(a, ":*");
	alias_emit(e, a);
}

static void vio_entry(const struct dt_entry *e, struct alias *a)
{
	const char *type = STR(e, vio_device_id, type);
	const char *compat = STR(e, vio_device_id, compat);

	alias_printf(a, "vio:T%sS%s", type[0] ? type : "*",
		     compat[0] ? compat : "*");
	alias_blanks_to_underscores(a, 0);
	alias_wildcard(a);
	alias_emit(e, a);
}

static const struct dt_part input_id_parts[] = {
	IF_FLAG("b", input_device_id, bustype, DT_INPUT_DEVICE_ID_MATCH_BUS),
	IF_FLAG("v", input_device_id, vendor, DT_INPUT_DEVICE_ID_MATCH_VENDOR),
	IF_FLAG("p", input_device_id, product, DT_INPUT_DEVICE_ID_MATCH_PRODUCT),
	IF_FLAG("e", input_device_id, version, DT_INPUT_DEVICE_ID_MATCH_VERSION),
	PARTS_END,
};

/* the capability bitmaps, in modalias order, with the bits that count */
static const struct input_bitmap {
	const char *tag;
	unsigned int off;
	unsigned long long flag;
	unsigned int first, last;
} input_bitmaps[] = {
	{ "e", DT_OFF_input_device_id_evbit, DT_INPUT_DEVICE_ID_MATCH_EVBIT,
	  0, DT_INPUT_DEVICE_ID_EV_MAX },
	{ "k", DT_OFF_input_device_id_keybit, DT_INPUT_DEVICE_ID_MATCH_KEYBIT,
	  DT_INPUT_DEVICE_ID_KEY_MIN_INTERESTING, DT_INPUT_DEVICE_ID_KEY_MAX },
	{ "r", DT_OFF_input_device_id_relbit, DT_INPUT_DEVICE_ID_MATCH_RELBIT,
	  0, DT_INPUT_DEVICE_ID_REL_MAX },
	{ "a", DT_OFF_input_device_id_absbit, DT_INPUT_DEVICE_ID_MATCH_ABSBIT,
	  0, DT_INPUT_DEVICE_ID_ABS_MAX },
	{ "m", DT_OFF_input_device_id_mscbit, DT_INPUT_DEVICE_ID_MATCH_MSCIT,
	  0, DT_INPUT_DEVICE_ID_MSC_MAX },
	{ "l", DT_OFF_input_device_id_ledbit, DT_INPUT_DEVICE_ID_MATCH_LEDBIT,
	  0, DT_INPUT_DEVICE_ID_LED_MAX },
	{ "s", DT_OFF_input_device_id_sndbit, DT_INPUT_DEVICE_ID_MATCH_SNDBIT,
	  0, DT_INPUT_DEVICE_ID_SND_MAX },
	{ "f", DT_OFF_input_device_id_ffbit, DT_INPUT_DEVICE_ID_MATCH_FFBIT,
	  0, DT_INPUT_DEVICE_ID_FF_MAX },
	{ "w", DT_OFF_input_device_id_swbit, DT_INPUT_DEVICE_ID_MATCH_SWBIT,
	  0, DT_INPUT_DEVICE_ID_SW_MAX },
};

/* The set bits of a kernel_ulong_t[] bitmap, as "<bit>,*" each. */
static void input_bits(const struct dt_entry *e, struct alias *a,
		       const struct input_bitmap *bm)
{
	unsigned int word_size = elf_addr_size(e->t->elf);
	unsigned int word_bits = 8 * word_size;

	for (unsigned int bit = bm->first; bit <= bm->last; bit++) {
		uint64_t word = dt_get(e, bm->off + (bit / word_bits) * word_size,
				       word_size);

		if ((word >> (bit % word_bits)) & 1)
			alias_printf(a, "%X,*", bit);
	}
}

static void input_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t flags = GET(e, input_device_id, flags);

	alias_printf(a, "input:");
	alias_parts(a, e, (struct dt_member)MEMBER(input_device_id, flags),
		    input_id_parts);
	alias_printf(a, "-");
	for (size_t i = 0; i < ARRAY_SIZE(input_bitmaps); i++) {
		alias_printf(a, "%s*", input_bitmaps[i].tag);
		if (flags & input_bitmaps[i].flag)
			input_bits(e, a, &input_bitmaps[i]);
	}
	alias_emit(e, a);
}

static void eisa_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "eisa:s%s*", STR(e, eisa_device_id, sig));
	alias_emit(e, a);
}

static void vmbus_entry(const struct dt_entry *e, struct alias *a)
{
	const unsigned char *guid = BYTES(e, hv_vmbus_device_id, guid);

	alias_printf(a, "vmbus:");
	for (unsigned int i = 0; i < SIZE(hv_vmbus_device_id, guid); i++)
		alias_printf(a, "%02x", guid[i]);
	alias_emit(e, a);
}

static void slim_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "slim:%x:%x:*",
		     (unsigned int)GET(e, slim_device_id, manf_id),
		     (unsigned int)GET(e, slim_device_id, prod_code));
	alias_emit(e, a);
}

/* modalias key of each dmi field, in modalias order */
static const struct dmi_key {
	const char *tag;
	unsigned int slot;
} dmi_keys[] = {
	{ "bvn", DT_DMI_BIOS_VENDOR },
	{ "bvr", DT_DMI_BIOS_VERSION },
	{ "bd", DT_DMI_BIOS_DATE },
	{ "br", DT_DMI_BIOS_RELEASE },
	{ "efr", DT_DMI_EC_FIRMWARE_RELEASE },
	{ "svn", DT_DMI_SYS_VENDOR },
	{ "pn", DT_DMI_PRODUCT_NAME },
	{ "pvr", DT_DMI_PRODUCT_VERSION },
	{ "rvn", DT_DMI_BOARD_VENDOR },
	{ "rn", DT_DMI_BOARD_NAME },
	{ "rvr", DT_DMI_BOARD_VERSION },
	{ "cvn", DT_DMI_CHASSIS_VENDOR },
	{ "ct", DT_DMI_CHASSIS_TYPE },
	{ "cvr", DT_DMI_CHASSIS_VERSION },
};

#define DMI_MATCHES (SIZE(dmi_system_id, matches) / DT_SIZE_dmi_strmatch)

/* Printable characters other than blank and ':' (the field separator). */
static void alias_dmi_text(struct alias *a, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c > ' ' && c < 127 && c != ':')
			alias_printf(a, "%c", c);
	}
}

static void dmi_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "dmi*");
	for (size_t k = 0; k < ARRAY_SIZE(dmi_keys); k++) {
		for (unsigned int j = 0; j < DMI_MATCHES; j++) {
			size_t match = DT_OFF_dmi_system_id_matches +
				       j * DT_SIZE_dmi_strmatch;
			/*
			 * slot is the bit-field "unsigned char slot:7" at the
			 * start of struct dmi_strmatch; the stock tool reads
			 * it with its host's (x86) layout: the low 7 bits.
			 */
			unsigned int slot = (unsigned int)dt_get(e, match, 1) & 0x7f;

			if (!slot || slot != dmi_keys[k].slot)
				continue;
			alias_printf(a, ":%s*", dmi_keys[k].tag);
			alias_dmi_text(a, dt_str(e, match + DT_OFF_dmi_strmatch_substr));
			alias_printf(a, "*");
		}
	}
	alias_printf(a, ":");
	alias_emit(e, a);
}

/* 32 characters, most significant bit first: '?' unmasked, else the bit */
static void mdio_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t id = GET(e, mdio_device_id, phy_id);
	uint64_t mask = GET(e, mdio_device_id, phy_id_mask);

	alias_printf(a, "mdio:");
	for (int bit = 31; bit >= 0; bit--) {
		if (!((mask >> bit) & 1))
			alias_printf(a, "?");
		else
			alias_printf(a, "%c", (id >> bit) & 1 ? '1' : '0');
	}
	alias_emit(e, a);
}

/* the compressed EISA vendor id: three 5-bit letters, then the function */
static void isapnp_entry(const struct dt_entry *e, struct alias *a)
{
	unsigned int v = (unsigned int)GET(e, isapnp_device_id, vendor);
	unsigned int f = (unsigned int)GET(e, isapnp_device_id, function);

	alias_printf(a, "pnp:d%c%c%c%x%x%x%x*",
		     'A' + ((v >> 2) & 0x3f) - 1,
		     'A' + (((v & 3) << 3) | ((v >> 13) & 7)) - 1,
		     'A' + ((v >> 8) & 0x1f) - 1,
		     (f >> 4) & 0x0f, f & 0x0f, (f >> 12) & 0x0f, (f >> 8) & 0x0f);
	alias_emit(e, a);
}

/* One hex digit under a mask: '?', the digit, or every digit that fits. */
static void alias_masked_nibble(struct alias *a, unsigned int value,
				unsigned int mask)
{
	if (mask == 0) {
		alias_printf(a, "?");
	} else if (mask == 0xf) {
		alias_printf(a, "%X", value);
	} else {
		alias_printf(a, "[");
		for (unsigned int d = 0; d < 0x10; d++)
			if ((d & mask) == value)
				alias_printf(a, "%X", d);
		alias_printf(a, "]");
	}
}

static void amba_entry(const struct dt_entry *e, struct alias *a)
{
	unsigned int id = (unsigned int)GET(e, amba_id, id);
	unsigned int mask = (unsigned int)GET(e, amba_id, mask);

	if ((id & mask) != id)
		fatal("%s: Masked-off bit(s) of AMBA device ID are non-zero: id=0x%08X, mask=0x%08X.  Please fix this driver.\n",
		      e->t->mod->name, id, mask);
	alias_printf(a, "amba:d");
	for (int shift = 28; shift >= 0; shift -= 4)
		alias_masked_nibble(a, (id >> shift) & 0xf, (mask >> shift) & 0xf);
	alias_emit(e, a);
}

static void mips_cdmm_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "mipscdmm:t%02X*",
		     (unsigned int)GET(e, mips_cdmm_device_id, type));
	alias_emit(e, a);
}

static const struct dt_part x86cpu_parts[] = {
	UNLESS("ven", x86_cpu_id, vendor, DT_X86_VENDOR_ANY),
	UNLESS("fam", x86_cpu_id, family, DT_X86_FAMILY_ANY),
	UNLESS("mod", x86_cpu_id, model, DT_X86_MODEL_ANY),
	PARTS_END,
};

static void x86cpu_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t feature = GET(e, x86_cpu_id, feature);

	alias_printf(a, "cpu:type:x86,");
	alias_parts(a, e, (struct dt_member){ 0, 0 }, x86cpu_parts);
	alias_printf(a, ":feature:*");
	if (feature != cut_to_size(DT_X86_FEATURE_ANY, SIZE(x86_cpu_id, feature)))
		alias_printf(a, "%04X*", (unsigned int)feature);
	alias_emit(e, a);
}

static void cpu_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "cpu:type:*:feature:*%04X*",
		     (unsigned int)GET(e, cpu_feature, feature));
	alias_emit(e, a);
}

static const struct dt_part mei_version_part[] = {
	UNLESS(":", mei_cl_device_id, version, DT_MEI_CL_VERSION_ANY),
	PARTS_END,
};

static void mei_entry(const struct dt_entry *e, struct alias *a)
{
	const char *name = STR(e, mei_cl_device_id, name);

	alias_printf(a, "mei:%s:", name[0] ? name : "*");
	alias_uuid(a, BYTES(e, mei_cl_device_id, uuid), guid_order, false);
	alias_parts(a, e, (struct dt_member){ 0, 0 }, mei_version_part);
	alias_printf(a, ":*");
	alias_emit(e, a);
}

static void ulpi_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ulpi:v%04xp%04x",
		     (unsigned int)GET(e, ulpi_device_id, vendor),
		     (unsigned int)GET(e, ulpi_device_id, product));
	alias_emit(e, a);
}

static void fsl_mc_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "fsl-mc:v%08Xd%s",
		     (unsigned int)GET(e, fsl_mc_device_id, vendor),
		     STR(e, fsl_mc_device_id, obj_type));
	alias_emit(e, a);
}

static const struct dt_part tbsvc_parts[] = {
	IF_FLAG("p", tb_service_id, protocol_id, DT_TBSVC_MATCH_PROTOCOL_ID),
	IF_FLAG("v", tb_service_id, protocol_version, DT_TBSVC_MATCH_PROTOCOL_VERSION),
	IF_FLAG("r", tb_service_id, protocol_revision, DT_TBSVC_MATCH_PROTOCOL_REVISION),
	PARTS_END,
};

static void tbsvc_entry(const struct dt_entry *e, struct alias *a)
{
	static const struct dt_member flags = MEMBER(tb_service_id, match_flags);

	alias_printf(a, "tbsvc:");
	if (dt_get(e, flags.off, flags.len) & DT_TBSVC_MATCH_PROTOCOL_KEY)
		alias_printf(a, "k%s", STR(e, tb_service_id, protocol_key));
	else
		alias_printf(a, "k*");
	alias_parts(a, e, flags, tbsvc_parts);
	alias_wildcard(a);
	alias_emit(e, a);
}

static const struct dt_part typec_mode_part[] = {
	UNLESS("m", typec_device_id, mode, DT_TYPEC_ANY_MODE),
	PARTS_END,
};

static void typec_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "typec:id%04X", (unsigned int)GET(e, typec_device_id, svid));
	alias_parts(a, e, (struct dt_member){ 0, 0 }, typec_mode_part);
	alias_emit(e, a);
}

static void tee_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "tee:");
	alias_uuid(a, BYTES(e, tee_client_device_id, uuid), uuid_order, false);
	alias_wildcard(a);
	alias_emit(e, a);
}

static void wmi_entry(const struct dt_entry *e, struct alias *a)
{
	const char *guid = STR(e, wmi_device_id, guid_string);

	if (strlen(guid) != DT_UUID_STRING_LEN) {
		warn("Invalid WMI device id 'wmi:%s' in '%s'\n", guid,
		     e->t->mod->name);
		return;
	}
	alias_printf(a, "wmi:%s", guid);
	alias_emit(e, a);
}

static void ishtp_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ishtp:{");
	alias_uuid(a, BYTES(e, ishtp_device_id, guid), guid_order, true);
	alias_printf(a, "}");
	alias_emit(e, a);
}

static const struct dt_part ssam_parts[] = {
	IF_FLAG("t", ssam_device_id, target, DT_SSAM_MATCH_TARGET),
	IF_FLAG("i", ssam_device_id, instance, DT_SSAM_MATCH_INSTANCE),
	IF_FLAG("f", ssam_device_id, function, DT_SSAM_MATCH_FUNCTION),
	PARTS_END,
};

static void ssam_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ssam:d%02Xc%02X",
		     (unsigned int)GET(e, ssam_device_id, domain),
		     (unsigned int)GET(e, ssam_device_id, category));
	alias_parts(a, e, (struct dt_member)MEMBER(ssam_device_id, match_flags),
		    ssam_parts);
	alias_emit(e, a);
}

static void dfl_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "dfl:t%04Xf%04X",
		     (unsigned int)GET(e, dfl_device_id, type),
		     (unsigned int)GET(e, dfl_device_id, feature_id));
	alias_wildcard(a);
	alias_emit(e, a);
}

static const struct dt_part cdx_parts[] = {
	UNLESS("v", cdx_device_id, vendor, DT_CDX_ANY_ID),
	UNLESS("d", cdx_device_id, device, DT_CDX_ANY_ID),
	UNLESS("sv", cdx_device_id, subvendor, DT_CDX_ANY_ID),
	UNLESS("sd", cdx_device_id, subdevice, DT_CDX_ANY_ID),
	PARTS_END,
};

static void cdx_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t override = GET(e, cdx_device_id, override_only);

	if (override == 0) {
		alias_printf(a, "cdx:");
	} else if (override == DT_CDX_ID_F_VFIO_DRIVER_OVERRIDE) {
		alias_printf(a, "vfio_cdx:");
	} else {
		warn("Unknown CDX driver_override alias %08X\n",
		     (unsigned int)override);
		return;
	}
	alias_parts(a, e, (struct dt_member){ 0, 0 }, cdx_parts);
	alias_field(a, "c", GET(e, cdx_device_id, class_mask) == 0xFFFFFF,
		    GET(e, cdx_device_id, class), SIZE(cdx_device_id, class));
	alias_emit(e, a);
}

static void coreboot_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "coreboot:t%08X",
		     (unsigned int)GET(e, coreboot_device_id, tag));
	alias_emit(e, a);
}

/* ------------------------------------------------------------------ */
/* Forms                                                               */
/* ------------------------------------------------------------------ */

#define NAMED_FORM(var, pfx, st, m)					\
	static const struct dt_form var = {				\
		.prefix = pfx, .text = MEMBER(st, m),			\
	}

NAMED_FORM(rpmsg_form, "rpmsg:", rpmsg_device_id, name);
NAMED_FORM(i2c_form, "i2c:", i2c_device_id, name);
NAMED_FORM(spi_form, "spi:", spi_device_id, name);
NAMED_FORM(platform_form, "platform:", platform_device_id, name);
NAMED_FORM(mhi_form, "mhi:", mhi_device_id, chan);
NAMED_FORM(mhi_ep_form, "mhi_ep:", mhi_device_id, chan);
NAMED_FORM(auxiliary_form, "auxiliary:", auxiliary_device_id, name);
NAMED_FORM(vchiq_form, "vchiq:", vchiq_device_id, name);

static const struct dt_form hid_form = {
	.prefix = "hid:",
	.parts = {
		UNLESS("b", hid_device_id, bus, DT_HID_BUS_ANY),
		UNLESS("g", hid_device_id, group, DT_HID_GROUP_ANY),
		UNLESS("v", hid_device_id, vendor, DT_HID_ANY_ID),
		UNLESS("p", hid_device_id, product, DT_HID_ANY_ID),
	},
};

static const struct dt_form ieee1394_form = {
	.prefix = "ieee1394:",
	.flags = MEMBER(ieee1394_device_id, match_flags),
	.wildcard = true,
	.parts = {
		IF_FLAG("ven", ieee1394_device_id, vendor_id, DT_IEEE1394_MATCH_VENDOR_ID),
		IF_FLAG("mo", ieee1394_device_id, model_id, DT_IEEE1394_MATCH_MODEL_ID),
		IF_FLAG("sp", ieee1394_device_id, specifier_id, DT_IEEE1394_MATCH_SPECIFIER_ID),
		IF_FLAG("ver", ieee1394_device_id, version, DT_IEEE1394_MATCH_VERSION),
	},
};

static const struct dt_form ccw_form = {
	.prefix = "ccw:",
	.flags = MEMBER(ccw_device_id, match_flags),
	.wildcard = true,
	.parts = {
		IF_FLAG("t", ccw_device_id, cu_type, DT_CCW_DEVICE_ID_MATCH_CU_TYPE),
		IF_FLAG("m", ccw_device_id, cu_model, DT_CCW_DEVICE_ID_MATCH_CU_MODEL),
		IF_FLAG("dt", ccw_device_id, dev_type, DT_CCW_DEVICE_ID_MATCH_DEVICE_TYPE),
		IF_FLAG("dm", ccw_device_id, dev_model, DT_CCW_DEVICE_ID_MATCH_DEVICE_MODEL),
	},
};

static const struct dt_form serio_form = {
	.prefix = "serio:",
	.wildcard = true,
	.parts = {
		UNLESS("ty", serio_device_id, type, DT_SERIO_ANY),
		UNLESS("pr", serio_device_id, proto, DT_SERIO_ANY),
		UNLESS("id", serio_device_id, id, DT_SERIO_ANY),
		UNLESS("ex", serio_device_id, extra, DT_SERIO_ANY),
	},
};

#define PCMCIA_HASH(tag, k, flag)					\
	{ tag, { DT_OFF_pcmcia_device_id_prod_id_hash +			\
		 (k) * (SIZE(pcmcia_device_id, prod_id_hash) / 4),	\
		 SIZE(pcmcia_device_id, prod_id_hash) / 4 },		\
	  DT_IF_FLAG, flag }

static const struct dt_form pcmcia_form = {
	.prefix = "pcmcia:",
	.flags = MEMBER(pcmcia_device_id, match_flags),
	.wildcard = true,
	.parts = {
		IF_FLAG("m", pcmcia_device_id, manf_id, DT_PCMCIA_DEV_ID_MATCH_MANF_ID),
		IF_FLAG("c", pcmcia_device_id, card_id, DT_PCMCIA_DEV_ID_MATCH_CARD_ID),
		IF_FLAG("f", pcmcia_device_id, func_id, DT_PCMCIA_DEV_ID_MATCH_FUNC_ID),
		IF_FLAG("fn", pcmcia_device_id, function, DT_PCMCIA_DEV_ID_MATCH_FUNCTION),
		IF_FLAG("pfn", pcmcia_device_id, device_no, DT_PCMCIA_DEV_ID_MATCH_DEVICE_NO),
		PCMCIA_HASH("pa", 0, DT_PCMCIA_DEV_ID_MATCH_PROD_ID1),
		PCMCIA_HASH("pb", 1, DT_PCMCIA_DEV_ID_MATCH_PROD_ID2),
		PCMCIA_HASH("pc", 2, DT_PCMCIA_DEV_ID_MATCH_PROD_ID3),
		PCMCIA_HASH("pd", 3, DT_PCMCIA_DEV_ID_MATCH_PROD_ID4),
	},
};

static const struct dt_form parisc_form = {
	.prefix = "parisc:",
	.wildcard = true,
	.parts = {
		UNLESS("t", parisc_device_id, hw_type, DT_PA_HWTYPE_ANY_ID),
		UNLESS("hv", parisc_device_id, hversion, DT_PA_HVERSION_ANY_ID),
		UNLESS("rev", parisc_device_id, hversion_rev, DT_PA_HVERSION_REV_ANY_ID),
		UNLESS("sv", parisc_device_id, sversion, DT_PA_SVERSION_ANY_ID),
	},
};

static const struct dt_form sdio_form = {
	.prefix = "sdio:",
	.wildcard = true,
	.parts = {
		UNLESS("c", sdio_device_id, class, DT_SDIO_ANY_ID),
		UNLESS("v", sdio_device_id, vendor, DT_SDIO_ANY_ID),
		UNLESS("d", sdio_device_id, device, DT_SDIO_ANY_ID),
	},
};

static const struct dt_form ssb_form = {
	.prefix = "ssb:",
	.wildcard = true,
	.parts = {
		UNLESS("v", ssb_device_id, vendor, DT_SSB_ANY_VENDOR),
		UNLESS("id", ssb_device_id, coreid, DT_SSB_ANY_ID),
		UNLESS("rev", ssb_device_id, revision, DT_SSB_ANY_REV),
	},
};

static const struct dt_form bcma_form = {
	.prefix = "bcma:",
	.wildcard = true,
	.parts = {
		UNLESS("m", bcma_device_id, manuf, DT_BCMA_ANY_MANUF),
		UNLESS("id", bcma_device_id, id, DT_BCMA_ANY_ID),
		UNLESS("rev", bcma_device_id, rev, DT_BCMA_ANY_REV),
		UNLESS("cl", bcma_device_id, class, DT_BCMA_ANY_CLASS),
	},
};

static const struct dt_form virtio_form = {
	.prefix = "virtio:",
	.wildcard = true,
	.parts = {
		UNLESS("d", virtio_device_id, device, DT_VIRTIO_DEV_ANY_ID),
		UNLESS("v", virtio_device_id, vendor, DT_VIRTIO_DEV_ANY_ID),
	},
};

static const struct dt_form i3c_form = {
	.prefix = "i3c:",
	.flags = MEMBER(i3c_device_id, match_flags),
	.parts = {
		IF_FLAG("dcr", i3c_device_id, dcr, DT_I3C_MATCH_DCR),
		IF_FLAG("manuf", i3c_device_id, manuf_id, DT_I3C_MATCH_MANUF),
		IF_FLAG("part", i3c_device_id, part_id, DT_I3C_MATCH_PART),
		IF_FLAG("ext", i3c_device_id, extra_info, DT_I3C_MATCH_EXTRA_INFO),
	},
};

static const struct dt_form zorro_form = {
	.prefix = "zorro:",
	.parts = {
		UNLESS("i", zorro_device_id, id, DT_ZORRO_WILDCARD),
	},
};

static const struct dt_form ipack_form = {
	.prefix = "ipack:",
	.wildcard = true,
	.parts = {
		UNLESS("f", ipack_device_id, format, DT_IPACK_ANY_FORMAT),
		UNLESS("v", ipack_device_id, vendor, DT_IPACK_ANY_ID),
		UNLESS("d", ipack_device_id, device, DT_IPACK_ANY_ID),
	},
};

static const struct dt_form rio_form = {
	.prefix = "rapidio:",
	.wildcard = true,
	.parts = {
		UNLESS("v", rio_device_id, vid, DT_RIO_ANY_ID),
		UNLESS("d", rio_device_id, did, DT_RIO_ANY_ID),
		UNLESS("av", rio_device_id, asm_vid, DT_RIO_ANY_ID),
		UNLESS("ad", rio_device_id, asm_did, DT_RIO_ANY_ID),
	},
};

static const struct dt_form hda_form = {
	.prefix = "hdaudio:",
	.wildcard = true,
	.parts = {
		UNLESS("v", hda_device_id, vendor_id, 0),
		UNLESS("r", hda_device_id, rev_id, 0),
		UNLESS("a", hda_device_id, api_version, 0),
	},
};

static const struct dt_form sdw_form = {
	.prefix = "sdw:",
	.wildcard = true,
	.parts = {
		UNLESS("m", sdw_device_id, mfg_id, 0),
		UNLESS("p", sdw_device_id, part_id, 0),
		UNLESS("v", sdw_device_id, sdw_version, 0),
		UNLESS("c", sdw_device_id, class_id, 0),
	},
};

/* ------------------------------------------------------------------ */
/* Registry: the 56 types of Linux 6.12                                */
/* ------------------------------------------------------------------ */

#define BY_FN(n, st, fn)	{ n, NULL, DT_SIZE_##st, fn, NULL }
#define BY_FORM(n, st, f)	{ n, NULL, DT_SIZE_##st, form_entry, &f }

static const struct devtable devtables[] = {
	BY_FN("usb", usb_device_id, usb_entry),
	BY_FN("of", of_device_id, of_entry),
	BY_FN("pnp", pnp_device_id, pnp_entry),
	/* the stock checks name this table "pnp" too */
	{ "pnp_card", "pnp", DT_SIZE_pnp_card_device_id, pnp_card_entry, NULL },
	BY_FORM("hid", hid_device_id, hid_form),
	BY_FORM("ieee1394", ieee1394_device_id, ieee1394_form),
	BY_FN("pci", pci_device_id, pci_entry),
	BY_FORM("ccw", ccw_device_id, ccw_form),
	BY_FN("ap", ap_device_id, ap_entry),
	BY_FN("css", css_device_id, css_entry),
	BY_FORM("serio", serio_device_id, serio_form),
	BY_FN("acpi", acpi_device_id, acpi_entry),
	BY_FORM("pcmcia", pcmcia_device_id, pcmcia_form),
	BY_FN("vio", vio_device_id, vio_entry),
	BY_FN("input", input_device_id, input_entry),
	BY_FN("eisa", eisa_device_id, eisa_entry),
	BY_FORM("parisc", parisc_device_id, parisc_form),
	BY_FORM("sdio", sdio_device_id, sdio_form),
	BY_FORM("ssb", ssb_device_id, ssb_form),
	BY_FORM("bcma", bcma_device_id, bcma_form),
	BY_FORM("virtio", virtio_device_id, virtio_form),
	BY_FN("vmbus", hv_vmbus_device_id, vmbus_entry),
	BY_FORM("rpmsg", rpmsg_device_id, rpmsg_form),
	BY_FORM("i2c", i2c_device_id, i2c_form),
	BY_FORM("i3c", i3c_device_id, i3c_form),
	BY_FN("slim", slim_device_id, slim_entry),
	BY_FORM("spi", spi_device_id, spi_form),
	BY_FN("dmi", dmi_system_id, dmi_entry),
	BY_FORM("platform", platform_device_id, platform_form),
	BY_FN("mdio", mdio_device_id, mdio_entry),
	BY_FORM("zorro", zorro_device_id, zorro_form),
	BY_FN("isapnp", isapnp_device_id, isapnp_entry),
	BY_FORM("ipack", ipack_device_id, ipack_form),
	BY_FN("amba", amba_id, amba_entry),
	BY_FN("mipscdmm", mips_cdmm_device_id, mips_cdmm_entry),
	BY_FN("x86cpu", x86_cpu_id, x86cpu_entry),
	BY_FN("cpu", cpu_feature, cpu_entry),
	BY_FN("mei", mei_cl_device_id, mei_entry),
	BY_FORM("rapidio", rio_device_id, rio_form),
	BY_FN("ulpi", ulpi_device_id, ulpi_entry),
	BY_FORM("hdaudio", hda_device_id, hda_form),
	BY_FORM("sdw", sdw_device_id, sdw_form),
	BY_FN("fslmc", fsl_mc_device_id, fsl_mc_entry),
	BY_FN("tbsvc", tb_service_id, tbsvc_entry),
	BY_FN("typec", typec_device_id, typec_entry),
	BY_FN("tee", tee_client_device_id, tee_entry),
	BY_FN("wmi", wmi_device_id, wmi_entry),
	BY_FORM("mhi", mhi_device_id, mhi_form),
	BY_FORM("mhi_ep", mhi_device_id, mhi_ep_form),
	BY_FORM("auxiliary", auxiliary_device_id, auxiliary_form),
	BY_FN("ssam", ssam_device_id, ssam_entry),
	BY_FN("dfl", dfl_device_id, dfl_entry),
	BY_FN("ishtp", ishtp_device_id, ishtp_entry),
	BY_FN("cdx", cdx_device_id, cdx_entry),
	BY_FORM("vchiq", vchiq_device_id, vchiq_form),
	BY_FN("coreboot", coreboot_device_id, coreboot_entry),
};

_Static_assert(ARRAY_SIZE(devtables) == 56, "Linux 6.12 has 56 device table types");
_Static_assert(SIZE(mei_cl_device_id, uuid) == 16 &&
	       SIZE(tee_client_device_id, uuid) == 16 &&
	       SIZE(ishtp_device_id, guid) == 16, "uuids are 16 bytes");
_Static_assert(SIZE(pcmcia_device_id, prod_id_hash) % 4 == 0,
	       "pcmcia prod_id_hash has four members");

/*
 * The table type of a "__mod_<type>__<table>_device_table" name: <type>
 * ends at the first "__" after the prefix.
 */
static const struct devtable *devtable_find(const char *symname)
{
	const char *name, *end;
	size_t len;

	if (!str_starts(symname, "__mod_"))
		return NULL;
	name = symname + strlen("__mod_");
	if (!str_ends(name, "_device_table"))
		return NULL;
	end = strstr(name, "__");
	if (!end)
		return NULL;
	len = (size_t)(end - name);
	for (size_t i = 0; i < ARRAY_SIZE(devtables); i++)
		if (strlen(devtables[i].name) == len &&
		    !memcmp(devtables[i].name, name, len))
			return &devtables[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Table checks (the stock device_id_check)                           */
/* ------------------------------------------------------------------ */

static void check_table_size(const char *modname, const char *id_name,
			     uint64_t size, size_t id_size)
{
	if (size % id_size || size < id_size)
		fatal("%s: sizeof(struct %s_device_id)=%lu is not a modulo of the size of section __mod_%s__<identifier>_device_table=%lu.\n"
		      "Fix definition of struct %s_device_id in mod_devicetable.h\n",
		      modname, id_name, (unsigned long)id_size, id_name,
		      (unsigned long)size, id_name);
}

static void check_table_terminator(const char *modname, const char *id_name,
				   const unsigned char *data, size_t size,
				   size_t id_size)
{
	const unsigned char *last = data + size - id_size;

	for (size_t i = 0; i < id_size; i++) {
		if (!last[i])
			continue;
		fprintf(stderr, "%s: struct %s_device_id is %lu bytes.  The last of %lu is:\n",
			modname, id_name, (unsigned long)id_size,
			(unsigned long)(size / id_size));
		for (size_t j = 0; j < id_size; j++)
			fprintf(stderr, "0x%02x ", last[j]);
		fprintf(stderr, "\n");
		fatal("%s: struct %s_device_id is not terminated with a NULL entry!\n",
		      modname, id_name);
	}
}

/*
 * The table's bytes.  Like the stock tool, a section whose type has the
 * SHT_NOBITS bit set reads as zeros (a table that only ended up in .bss
 * because it is all zero); *zeros is then the buffer to free.
 */
static const unsigned char *table_bytes(const struct module *mod,
					const struct elf_file *elf,
					const struct elf_symbol *sym,
					const char *symname,
					unsigned char **zeros)
{
	const struct elf_section *sec = &elf->sections[sym->shndx];
	const unsigned char *p;

	*zeros = NULL;
	if (sec->type & SHT_NOBITS) {
		if (sym->value > sec->size || sym->size > sec->size - sym->value ||
		    sym->size > SIZE_MAX)
			p = NULL;
		else
			p = *zeros = xcalloc(1, (size_t)sym->size);
	} else {
		p = elf_symbol_bytes(elf, sym, sym->size);
	}
	if (!p)
		fatal("%s: device table %s (%llu bytes at offset %llu) runs past the end of section %s\n",
		      mod->name, symname, (unsigned long long)sym->size,
		      (unsigned long long)sym->value,
		      elf_section_name(elf, sym->shndx));
	return p;
}

/* ------------------------------------------------------------------ */
/* Interface                                                           */
/* ------------------------------------------------------------------ */

void handle_moddevtable(struct module *mod, struct elf_file *elf,
			const struct elf_symbol *sym, const char *symname)
{
	const struct devtable *type;
	const char *id_name;
	unsigned char *zeros;
	struct dt_table t;
	struct alias a;

	/* an object defined in a real section */
	if (!sym->raw_shndx || sym->shndx >= elf->nsections)
		return;
	if (sym->type != STT_OBJECT)
		return;
	type = devtable_find(symname);
	if (!type)
		return;		/* not a table, or a type without aliases */

	id_name = type->id_name ? type->id_name : type->name;
	check_table_size(mod->name, id_name, sym->size, type->id_size);

	t.elf = elf;
	t.mod = mod;
	t.type = type;
	t.name = type->name;
	t.data = table_bytes(mod, elf, sym, symname, &zeros);
	t.size = (size_t)sym->size;
	t.id_size = type->id_size;
	check_table_terminator(mod->name, id_name, t.data, t.size, t.id_size);

	a.cap = 256;
	a.s = xmalloc(a.cap);
	for (size_t i = 0; i + 1 < t.size / t.id_size; i++) {
		struct dt_entry e = { &t, t.data + i * t.id_size, i };

		alias_reset(&a);
		type->entry(&e, &a);
	}
	free(a.s);
	free(zeros);
}

void add_moddevtable(struct buffer *buf, struct module *mod)
{
	buf_printf(buf, "\n");
	buf_write(buf, mod->aliases.p, mod->aliases.pos);
}
