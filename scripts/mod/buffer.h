/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Growable text buffers: the generated files (.mod.c, Module.symvers, ...)
 * and longer messages are assembled in them.
 */
#ifndef MODPOST_BUFFER_H
#define MODPOST_BUFFER_H

#include <stddef.h>

#include "log.h"

struct buffer {
	char *p;
	size_t pos;
	size_t size;
};

/*
 * Append formatted text the way the stock modpost assembles its generated
 * files: one call may produce at most 499 characters, and more is a fatal
 * error ("buf_printf output truncated ...").  Generated files are built
 * with the same call granularity as the stock tool, so that the same
 * inputs hit the limit.
 */
void buf_printf_limited(struct buffer *buf, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Append formatted text of any length (messages, records). */
void buf_printf(struct buffer *buf, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_write(struct buffer *buf, const char *s, size_t len);
/* Append a string of any length. */
void buf_puts(struct buffer *buf, const char *s);
void buf_free(struct buffer *buf);

#endif /* MODPOST_BUFFER_H */
