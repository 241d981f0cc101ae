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

#include "file2alias.h"

void alias_printf(struct alias *a, const char *fmt, ...)
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

void alias_reset(struct alias *a)
{
	a->len = 0;
	a->s[0] = '\0';
}

/* End in a wildcard ("for future extension"), unless there is one already. */
void alias_wildcard(struct alias *a)
{
	if (a->len == 0 || a->s[a->len - 1] != '*')
		alias_printf(a, "*");
}

/* Whitespace (C locale isspace) becomes '_' from offset @from on. */
void alias_blanks_to_underscores(struct alias *a, size_t from)
{
	for (size_t i = from; i < a->len; i++)
		if (strchr(" \t\n\v\f\r", a->s[i]))
			a->s[i] = '_';
}

bool alias_override_prefix(struct alias *a, const char *bus, const char *bus_upper,
			   uint64_t override, uint64_t vfio_flag)
{
	if (override == 0) {
		alias_printf(a, "%s:", bus);
	} else if (override == vfio_flag) {
		alias_printf(a, "vfio_%s:", bus);
	} else {
		warn("Unknown %s driver_override alias %08X\n", bus_upper,
		     (unsigned int)override);
		return false;
	}
	return true;
}

/*
 * "<tag>" then the value in upper-case hex as wide as the member, or "*"
 * when the entry does not match on it.
 */
void alias_field(struct alias *a, const char *tag, bool matches,
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
void alias_uuid(struct alias *a, const unsigned char *b,
		       const unsigned char order[16], bool upper)
{
	for (unsigned int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			alias_printf(a, "-");
		alias_printf(a, upper ? "%02X" : "%02x", b[order[i]]);
	}
}

/* Byte order of uuid_le/guid_t text: the first three groups are little endian. */
const unsigned char guid_order[16] = {
	3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
};

/* uuid_t text: bytes in storage order. */
const unsigned char uuid_order[16] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
};

/*
 * @len bytes at @off inside the entry.  With a consistent layout every
 * member lies inside its entry; the check against the table end only
 * guards against a layout that does not fit the object.
 */
const unsigned char *dt_bytes(const struct dt_entry *e, size_t off,
				     size_t len)
{
	size_t start = (size_t)(e->p - e->t->data) + off;

	if (start > e->t->size || len > e->t->size - start)
		fatal("%s: %s device table: %zu bytes at offset %zu lie outside the %zu-byte table\n",
		      e->t->mod->name, e->t->name, len, start, e->t->size);
	return e->p + off;
}

/* An unsigned member of 1, 2, 4 or 8 bytes, in the target's byte order. */
uint64_t dt_get(const struct dt_entry *e, size_t off, size_t len)
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
const char *dt_str(const struct dt_entry *e, size_t off)
{
	const unsigned char *p = dt_bytes(e, off, 1);
	size_t left = e->t->size - (size_t)(p - e->t->data);

	if (!memchr(p, '\0', left))
		fatal("%s: unterminated string in a device table\n",
		      e->t->mod->name);
	return (const char *)p;
}

/* Entry @index of the same table. */
struct dt_entry dt_other(const struct dt_entry *e, size_t index)
{
	struct dt_entry o = { e->t, e->t->data + index * e->t->id_size, index };

	return o;
}

void alias_emit(const struct dt_entry *e, const struct alias *a)
{
	buf_printf_limited(&e->t->mod->aliases, "MODULE_ALIAS(\"%s\");\n", a->s);
}

/*
 * "any" sentinels are compared the way C compares the stock tool's
 * member with the macro: e.g. (~0) against a __u32 means 0xffffffff.
 */
uint64_t cut_to_size(long long v, unsigned int size)
{
	if (size >= 8)
		return (uint64_t)v;
	return (uint64_t)v & ((UINT64_C(1) << (8 * size)) - 1);
}

void alias_parts(struct alias *a, const struct dt_entry *e,
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

void form_entry(const struct dt_entry *e, struct alias *a)
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
	buf_printf_limited(buf, "\n");
	buf_write(buf, mod->aliases.p, mod->aliases.pos);
}
