// SPDX-License-Identifier: GPL-2.0
/* Allocation that cannot fail (xalloc.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "xalloc.h"

static void *checked(void *p)
{
	if (!p) {
		fprintf(stderr, "%s: modpost: out of memory\n", kprofile.fatal_prefix);
		exit(1);
	}
	return p;
}

void *xmalloc(size_t size)
{
	return checked(malloc(size ? size : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t size)
{
	return checked(realloc(p, size ? size : 1));
}

char *xstrdup(const char *s)
{
	return checked(strdup(s));
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	return checked(vasprintf(&s, fmt, ap) < 0 ? NULL : s);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *xstrndup(const char *s, size_t n)
{
	return checked(strndup(s, n));
}

#define PERMANENT_BLOCK (256u * 1024)

void *xalloc_permanent(size_t size)
{
	static unsigned char *block;
	static size_t used, avail;
	const size_t align = _Alignof(max_align_t);
	void *p;

	size = (size + align - 1) & ~(align - 1);
	if (size > PERMANENT_BLOCK / 4)
		return xcalloc(1, size);	/* large: a block of its own */
	if (size > avail - used || !block) {
		/* calloc of a large block maps fresh zero pages */
		block = xcalloc(1, PERMANENT_BLOCK);
		used = 0;
		avail = PERMANENT_BLOCK;
	}
	p = block + used;
	used += size;
	return p;
}
