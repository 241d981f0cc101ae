// SPDX-License-Identifier: GPL-2.0
/*
 * Writing files (output.h).  Generated files are not written once an error
 * has been reported.  A regular file is replaced atomically (written to a
 * temporary file in the same directory, then renamed), so a reader or a
 * failure never sees half a file; anything else (a device such as
 * /dev/null, a FIFO) is written in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib.h"
#include "output.h"

static bool write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += n;
		len -= n;
	}
	return true;
}

static void write_in_place(const char *fname, const void *data, size_t len)
{
	int fd = open(fname, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd < 0 || !write_all(fd, data, len) || close(fd) != 0)
		fatal_perror(fname);
}

/*
 * Create a fresh temporary file next to @fname.  Like fopen(fname, "w"), it
 * gets mode 0666 less the umask; the name only has to be unused.
 */
static int create_temp(const char *fname, char *tmp, size_t tmplen)
{
	static unsigned long counter;
	const char *slash = strrchr(fname, '/');
	int dirlen = slash ? (int)(slash - fname) + 1 : 0;

	for (int tries = 0; tries < 100; tries++) {
		int fd;

		snprintf(tmp, tmplen, "%.*s.%s.%ld.%lu.tmp", dirlen, fname, fname + dirlen,
			 (long)getpid(), counter++);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

void write_file_atomically(const char *fname, const void *data, size_t len, int mode)
{
	size_t tmplen = strlen(fname) + 64;
	char *tmp = xmalloc(tmplen);
	int fd, saved;

	fd = create_temp(fname, tmp, tmplen);
	if (fd < 0)
		fatal_perror(fname);
	if ((mode >= 0 && fchmod(fd, (mode_t)mode) != 0) ||
	    !write_all(fd, data, len) || close(fd) != 0 || rename(tmp, fname) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		fatal_perror(fname);
	}
	free(tmp);
}

void write_file_through_links(const char *fname, const void *data, size_t len, int mode)
{
	struct stat st;

	if (lstat(fname, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			char *real = realpath(fname, NULL);

			if (!real)
				fatal_perror(fname);
			write_file_through_links(real, data, len, mode);
			free(real);
			return;
		}
		if (!S_ISREG(st.st_mode)) {
			write_in_place(fname, data, len);
			return;
		}
	}
	write_file_atomically(fname, data, len, mode);
}

void write_buf(const struct buffer *b, const char *fname)
{
	struct stat st;

	if (error_occurred())
		return;

	if (lstat(fname, &st) == 0 && !S_ISREG(st.st_mode))
		write_in_place(fname, b->p, b->pos);
	else
		write_file_atomically(fname, b->p, b->pos, -1);
}

void write_if_changed(const struct buffer *b, const char *fname)
{
	struct stat st;
	bool same = false;
	int fd = open(fname, O_RDONLY);

	if (fd >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size == b->pos) {
			char *old = xmalloc(b->pos);
			size_t got = 0;

			while (got < b->pos) {
				ssize_t n = read(fd, old + got, b->pos - got);

				if (n <= 0)
					break;
				got += n;
			}
			same = got == b->pos && memcmp(old, b->p, b->pos) == 0;
			free(old);
		}
		close(fd);
	}
	if (!same)
		write_buf(b, fname);
}
