/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation that cannot fail: out of memory ends modpost with a message
 * (log.h), as the stock tool does.
 */
#ifndef MODPOST_XALLOC_H
#define MODPOST_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* asprintf() into a new string */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/*
 * Zeroed memory that is never freed (modules' symbols live until exit):
 * carved out of large blocks, without malloc's per-allocation header and
 * rounding.  Aligned for any object.
 */
void *xalloc_permanent(size_t size);

#endif /* MODPOST_XALLOC_H */
