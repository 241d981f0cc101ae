// SPDX-License-Identifier: GPL-2.0
/*
 * Compiler clones and fragments by name (klp-clones.h).  gcc appends one
 * or more ".<kind>[.<N>]" parts to the function's name; the first
 * recognised part decides.
 */
#include <stdbool.h>
#include <string.h>

#include "klp-clones.h"

static const struct {
	const char *part;	/* ".<part>" followed by '.', a digit or the end */
	const char *kind;
	const char *why;
} clone_parts[] = {
	{ "isra", "IPA-SRA clone", "its parameters were removed or changed" },
	{ "constprop", "constant-propagation clone", "constant arguments were dropped from it" },
	{ "part", "fragment (partial inlining)", "it is only a part of the function" },
	{ "cold", "cold fragment", "it is only the rarely run part of the function" },
	{ "lto_priv", "LTO-private clone", "it may have another calling convention" },
	{ "specialized", "specialised clone", "it may have another calling convention" },
};

static bool part_at(const char *p, const char *part)
{
	size_t n = strlen(part);

	return strncmp(p, part, n) == 0 &&
	       (p[n] == '\0' || p[n] == '.' || (p[n] >= '0' && p[n] <= '9'));
}

const char *klp_clone_kind(const char *name, const char **why)
{
	for (const char *dot = strchr(name, '.'); dot && dot != name; dot = strchr(dot + 1, '.'))
		for (size_t i = 0; i < sizeof(clone_parts) / sizeof(clone_parts[0]); i++)
			if (part_at(dot + 1, clone_parts[i].part)) {
				if (why)
					*why = clone_parts[i].why;
				return clone_parts[i].kind;
			}
	return NULL;
}
