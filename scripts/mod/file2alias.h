/* SPDX-License-Identifier: GPL-2.0 */
/*
 * file2alias internals, shared by its parts:
 *
 *   file2alias.c           alias text, reading entries, table checks, interface
 *   file2alias-special.c   usb, of, pnp, pnp_card (several aliases per entry)
 *   file2alias-types.c     entry routines of the other types with own syntax
 *   file2alias-registry.c  declarative forms and the registry of the types
 *                          every supported kernel has (the profiles add
 *                          their own: scripts/mod/profiles/<series>/devtables.c)
 */
#ifndef MODPOST_FILE2ALIAS_H
#define MODPOST_FILE2ALIAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devtable-layout.h"
#include "modpost.h"

/* ---- alias text under construction ---- */

/*
 * Unbounded, unlike the stock tool's 500-byte stack buffer: an alias too
 * long for one buf_printf_limited() then fails there, with the stock message.
 */
struct alias {
	char *s;
	size_t len, cap;
};

void alias_printf(struct alias *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
void alias_reset(struct alias *a);
/* End in a wildcard ("for future extension"), unless there is one already. */
void alias_wildcard(struct alias *a);
/* Whitespace (C locale isspace) becomes '_' from offset @from on. */
void alias_blanks_to_underscores(struct alias *a, size_t from);
/*
 * "<tag>" then the value in upper-case hex as wide as the member, or "*"
 * when the entry does not match on it.
 */
void alias_field(struct alias *a, const char *tag, bool matches,
		 uint64_t value, unsigned int member_size);
/*
 * The bus prefix of a driver_override entry: "<bus>:" when @override is 0,
 * "vfio_<bus>:" when it is @vfio_flag; anything else is warned about as
 * "Unknown <BUS> driver_override alias" and false is returned (no alias).
 */
bool alias_override_prefix(struct alias *a, const char *bus, const char *bus_upper,
			   uint64_t override, uint64_t vfio_flag);
/* 16 bytes as 8-4-4-4-12 hex digits, taking the bytes in @order. */
void alias_uuid(struct alias *a, const unsigned char *b,
		const unsigned char order[16], bool upper);

/* Byte order of uuid_le/guid_t text: the first three groups are little endian. */
extern const unsigned char guid_order[16];
/* uuid_t text: bytes in storage order. */
extern const unsigned char uuid_order[16];

/* ---- reading table entries ---- */

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

/* @len bytes at @off inside the entry (bounds-checked). */
const unsigned char *dt_bytes(const struct dt_entry *e, size_t off, size_t len);
/* An unsigned member of 1, 2, 4 or 8 bytes, in the target's byte order. */
uint64_t dt_get(const struct dt_entry *e, size_t off, size_t len);
/* A string member (may run on past its array, as in the stock tool). */
const char *dt_str(const struct dt_entry *e, size_t off);
/* Entry @index of the same table. */
struct dt_entry dt_other(const struct dt_entry *e, size_t index);

#define GET(e, st, m)	dt_get(e, DT_OFF_##st##_##m, DT_LEN_##st##_##m)
#define STR(e, st, m)	dt_str(e, DT_OFF_##st##_##m)
#define BYTES(e, st, m)	dt_bytes(e, DT_OFF_##st##_##m, DT_LEN_##st##_##m)
#define SIZE(st, m)	DT_LEN_##st##_##m

/* One MODULE_ALIAS("...") line of the module, from @a. */
void alias_emit(const struct dt_entry *e, const struct alias *a);

/* ---- declarative forms ---- */

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
 * "any" sentinels are compared the way C compares the stock tool's member
 * with the macro: e.g. (~0) against a __u32 means 0xffffffff.
 */
uint64_t cut_to_size(long long v, unsigned int size);

/* "<tag><hex or *>" for each part of @parts. */
void alias_parts(struct alias *a, const struct dt_entry *e,
		 struct dt_member flags, const struct dt_part *parts);

struct dt_form {
	const char *prefix;
	struct dt_member text;		/* string member after the prefix, if len */
	struct dt_member flags;		/* for DT_IF_FLAG parts */
	bool wildcard;			/* end with add_wildcard */
	struct dt_part parts[10];
};

/* ---- the type registry ---- */

typedef void dt_entry_fn(const struct dt_entry *e, struct alias *a);

struct devtable {
	const char *name;	/* <type> of __mod_<type>__<table>_device_table */
	const char *id_name;	/* as named in the table checks; NULL: name */
	size_t id_size;
	dt_entry_fn *entry;	/* emits the entry's aliases */
	const struct dt_form *form;	/* for form_entry */
};

/* The entry routine of every declarative type. */
dt_entry_fn form_entry;

/* A set of types: the common ones, or a profile's own. */
struct devtable_registry {
	const struct devtable *v;
	size_t n;
};

#define BY_FN(n, st, fn)	{ n, NULL, DT_SIZE_##st, fn, NULL }
#define BY_FORM(n, st, f)	{ n, NULL, DT_SIZE_##st, form_entry, &f }

/* The type of a "__mod_<type>__<table>_device_table" name, or NULL. */
const struct devtable *devtable_find(const char *symname);

/* file2alias-special.c */
dt_entry_fn usb_entry, of_entry, pnp_entry, pnp_card_entry;

/* file2alias-types.c */
dt_entry_fn pci_entry, ap_entry, css_entry, vio_entry, input_entry,
	eisa_entry, vmbus_entry, dmi_entry, mdio_entry, isapnp_entry,
	amba_entry, mips_cdmm_entry, x86cpu_entry, cpu_entry, mei_entry, ulpi_entry,
	fsl_mc_entry, tbsvc_entry, typec_entry, tee_entry, wmi_entry, ishtp_entry,
	ssam_entry, dfl_entry;
/* the "acpi*:" alias of an entry whose class and mask have been read */
void acpi_alias(const struct dt_entry *e, struct alias *a, uint32_t cls,
		uint32_t msk);

#endif /* MODPOST_FILE2ALIAS_H */
