// SPDX-License-Identifier: GPL-2.0
/*
 * file2alias: the types with several aliases per entry (usb bcdDevice ranges,
 * of, pnp, pnp_card).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file2alias.h"

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

void usb_entry(const struct dt_entry *e, struct alias *a)
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

void of_entry(const struct dt_entry *e, struct alias *a)
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

void pnp_entry(const struct dt_entry *e, struct alias *a)
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

void pnp_card_entry(const struct dt_entry *e, struct alias *a)
{
	for (unsigned int j = 0; j < DT_PNP_MAX_DEVICES; j++) {
		const char *id = pnp_card_dev(e, j);

		if (!id[0])
			break;
		if (!pnp_card_seen(e, id))
			pnp_aliases(e, a, id);
	}
}
