/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modpost's diagnostics: "WARNING: modpost: ..." / "ERROR: modpost: ..." on
 * stderr.  An error makes the exit status 1 and suppresses later outputs;
 * fatal() is an error that ends the program at once.
 */
#ifndef MODPOST_LOG_H
#define MODPOST_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

void modpost_log(bool is_error, const char *fmt, ...) PRINTF_LIKE(2, 3);
void warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void error(const char *fmt, ...) PRINTF_LIKE(1, 2);
_Noreturn void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* perror(@what) and exit(1): how modpost reports failed file I/O. */
_Noreturn void fatal_perror(const char *what);

/* true once any error has been logged */
bool error_occurred(void);

/* Allocation that cannot fail (modpost exits on out-of-memory). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * Zeroed memory that is never freed (modules' symbols live until exit):
 * carved out of large blocks, without malloc's per-allocation header and
 * rounding.  Aligned for any object.
 */
void *xalloc_permanent(size_t size);

#endif /* MODPOST_LOG_H */
