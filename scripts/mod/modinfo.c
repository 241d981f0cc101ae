// SPDX-License-Identifier: GPL-2.0
/*
 * .modinfo holds "tag=value" strings separated by one or more NUL bytes.
 * Entries are searched in section order; a caller walks repeated tags by
 * passing the previous value back in.
 */
#include <string.h>

#include "lib.h"
#include "modinfo.h"

const char *modinfo_get(const struct elf_file *elf, const char *tag,
			const char *prev)
{
	const struct elf_section *sec = elf_section(elf, elf_find_section(elf, ".modinfo"));
	size_t taglen = strlen(tag);
	const char *p, *end;

	if (!sec || !sec->data)
		return NULL;
	end = (const char *)sec->data + sec->size;
	p = prev ? prev : (const char *)sec->data;

	/* when continuing, step over the rest of the previous entry */
	if (prev)
		while (p < end && *p)
			p++;

	for (;;) {
		const char *entry_end;

		while (p < end && !*p)
			p++;
		if (p >= end)
			return NULL;
		entry_end = memchr(p, '\0', end - p);
		if (!entry_end)
			entry_end = end;
		if ((size_t)(entry_end - p) > taglen &&
		    memcmp(p, tag, taglen) == 0 && p[taglen] == '=') {
			if (entry_end == end)
				fatal("%s: .modinfo entry '%.*s' is not NUL-terminated\n",
				      elf->path, (int)(end - p), p);
			return p + taglen + 1;
		}
		p = entry_end;
	}
}
