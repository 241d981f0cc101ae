// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "profile.h"

static bool any_error;

static void vlog_as(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: modpost: ", prefix);
	vfprintf(stderr, fmt, ap);
}

static void vlog(bool is_error, const char *fmt, va_list ap)
{
	vlog_as(is_error ? "ERROR" : "WARNING", fmt, ap);
	if (is_error)
		any_error = true;
}

void modpost_log(bool is_error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(is_error, fmt, ap);
	va_end(ap);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(false, fmt, ap);
	va_end(ap);
}

void error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(true, fmt, ap);
	va_end(ap);
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog_as(kprofile.fatal_prefix, fmt, ap);
	va_end(ap);
	exit(1);
}

void fatal_perror(const char *what)
{
	perror(what);
	exit(1);
}

bool error_occurred(void)
{
	return any_error;
}

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
