// SPDX-License-Identifier: GPL-2.0
/* Growable text buffers and small lists used throughout modpost. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modpost.h"

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

void buf_addf(struct buffer *buf, const char *fmt, ...)
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

void buf_printf(struct buffer *buf, const char *fmt, ...)
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

bool str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool string_list_contains(const struct string_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

bool namespace_list_contains(const struct string_list *l, const char *s)
{
	return s[0] == '\0' || string_list_contains(l, s);
}

void namespace_list_add(struct string_list *l, const char *s)
{
	if (namespace_list_contains(l, s))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
}

char *text_next_line(char **pos)
{
	char *line = *pos, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl)
		*nl++ = '\0';
	*pos = nl;
	return line;
}

char *read_text_file(const char *path)
{
	struct stat st;
	size_t done = 0;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		fatal_perror(path);

	buf = xmalloc((size_t)st.st_size + 1);
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, st.st_size - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			fatal_perror(path);
		}
		if (n == 0)	/* shrank while reading: use what is there */
			break;
		done += n;
	}
	buf[done] = '\0';
	close(fd);
	return buf;
}
