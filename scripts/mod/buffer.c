// SPDX-License-Identifier: GPL-2.0
/* Growable text buffers (buffer.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "xalloc.h"

/* Longest text one buf_printf() may produce, including the NUL. */
#define BUF_PRINTF_LIMIT 500

void buf_write(struct buffer *buf, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (buf->size - buf->pos < len) {
		buf->size += len + BUF_PRINTF_LIMIT;
		buf->p = xrealloc(buf->p, buf->size);
	}
	memcpy(buf->p + buf->pos, s, len);
	buf->pos += len;
}

void buf_puts(struct buffer *buf, const char *s)
{
	buf_write(buf, s, strlen(s));
}

void buf_printf(struct buffer *buf, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0) {
		perror("vsnprintf failed");
		exit(1);
	}
	if (buf->size - buf->pos < (size_t)len + 1) {
		buf->size += len + 1 + BUF_PRINTF_LIMIT;
		buf->p = xrealloc(buf->p, buf->size);
	}
	va_start(ap, fmt);
	vsnprintf(buf->p + buf->pos, len + 1, fmt, ap);
	va_end(ap);
	buf->pos += len;
}

void buf_printf_limited(struct buffer *buf, const char *fmt, ...)
{
	char tmp[BUF_PRINTF_LIMIT];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);

	if (len < 0) {
		perror("vsnprintf failed");
		exit(1);
	}
	if (len >= BUF_PRINTF_LIMIT)
		fatal("buf_printf output truncated for string %s: %d bytes needed, %d available\n",
		      tmp, len + 1, BUF_PRINTF_LIMIT);
	buf_write(buf, tmp, len);
}

void buf_free(struct buffer *buf)
{
	free(buf->p);
	buf->p = NULL;
	buf->pos = buf->size = 0;
}
