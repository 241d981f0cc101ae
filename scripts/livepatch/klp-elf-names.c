// SPDX-License-Identifier: GPL-2.0
/*
 * The livepatch ELF names and markers as the kernel reads them
 * (klp-elf-names.h): the two sscanf formats of kernel/livepatch/core.c,
 * restated with the kernel's own vsscanf semantics, so that a name the
 * kernel would misread is misread here the same way.
 */
#include <elf.h>
#include <string.h>

#include "klp-elf-names.h"
#include "lib.h"

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

