// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the livepatch ELF format back from a linked module: name parsing
 * with the kernel's rules, non-fatal relocation decoding, the modpost
 * record, and opening plain or compressed module files.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "klp-ko.h"
#include "lib.h"
#include "lib.h"
#include "elffile.h"
#include "modinfo.h"

/* ---- the kernel's vsscanf, for the two formats it uses ---- */

/* lib/ctype.c: 9-13, ' ' and 0xa0 are spaces */
static bool kernel_isspace(unsigned char c)
{
	return (c >= 9 && c <= 13) || c == ' ' || c == 0xa0;
}

/* A literal: must match exactly. */
static bool scan_literal(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

/* %<width>[^<stop>]: non-empty, at most @width bytes, no NUL, no @stop. */
static bool scan_set(const char **s, char stop, char *out, size_t width)
{
	size_t n = 0;

	while ((*s)[n] && (*s)[n] != stop && n < width)
		n++;
	if (!n)
		return false;
	memcpy(out, *s, n);
	out[n] = '\0';
	*s += n;
	return true;
}

/* %lu: spaces, then at least one digit; wraps like simple_strntoull(). */
static bool scan_ulong(const char **s, unsigned long *out)
{
	const char *p = *s;
	unsigned long v = 0;

	while (kernel_isspace((unsigned char)*p))
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (unsigned long)(*p++ - '0');
	*out = v;
	*s = p;
	return true;
}

bool klp_parse_sym_name(const char *s, struct klp_sym_name *out)
{
	return scan_literal(&s, KLP_SYM_PREFIX) &&
	       scan_set(&s, '.', out->object, KLP_OBJECT_NAME_MAX) &&
	       scan_literal(&s, ".") &&
	       scan_set(&s, ',', out->name, KLP_SYMBOL_NAME_MAX) &&
	       scan_literal(&s, ",") &&
	       scan_ulong(&s, &out->sympos);
}

bool klp_parse_rela_name(const char *s, char object[KLP_OBJECT_NAME_MAX + 1],
			 bool *truncated)
{
	bool ok = scan_literal(&s, KLP_RELA_PREFIX) &&
		  scan_set(&s, '.', object, KLP_OBJECT_NAME_MAX);

	if (truncated)
		*truncated = ok && *s && *s != '.';
	return ok;
}

bool klp_is_klp_rela_section(const struct elf_section *sec)
{
	return (sec->flags & SHF_RELA_LIVEPATCH) || str_starts(sec->name, KLP_RELA_PREFIX);
}

bool klp_sym_is_livepatch(const struct elf_symbol *sym)
{
	return sym->raw_shndx == SHN_LIVEPATCH;
}

/* ---- files ---- */

char *klp_ko_module_name(const struct elf_file *elf, const char *path)
{
	const char *name = modinfo_get(elf, "name", NULL);
	const char *base, *dot;

	if (name && *name)
		return xstrdup(name);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strstr(base, ".ko");
	return xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
}

struct ko_call {
	void (*fn)(struct elf_file *elf, void *arg);
	void *arg;
	bool done;
};

static void with_image(const char *path, void *data, size_t size, void *arg)
{
	struct ko_call *c = arg;
	struct elf_file elf;

	switch (elf_open_memory(&elf, path, data, size, ELF_OPEN_OPTIONAL_SYMTAB)) {
	case ELF_OPEN_OK:
		c->fn(&elf, c->arg);
		elf_close(&elf);
		c->done = true;
		break;
	case ELF_OPEN_NOT_ELF:
		error("%s: not an ELF file\n", path);
		break;
	case ELF_OPEN_MISSING:
		error("%s: cannot be read\n", path);
		break;
	}
}

bool klp_ko_with(const char *path, void (*fn)(struct elf_file *elf, void *arg), void *arg)
{
	struct ko_call c = { .fn = fn, .arg = arg };

	klp_read_images(&path, 1, with_image, &c);
	return c.done;
}
