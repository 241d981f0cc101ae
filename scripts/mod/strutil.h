/* SPDX-License-Identifier: GPL-2.0 */
/* String and array helpers. */
#ifndef MODPOST_STRUTIL_H
#define MODPOST_STRUTIL_H

#include <stdbool.h>
#include <string.h>

static inline bool str_starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static inline bool str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* MODPOST_STRUTIL_H */
