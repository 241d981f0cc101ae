// SPDX-License-Identifier: GPL-2.0
/*
 * Writing files (output.h).  Generated files are not written once an error
 * has been reported.  A regular file is replaced atomically (written to a
 * temporary file in the same directory, then renamed), so a reader or a
 * failure never sees half a file; anything else (a device such as
 * /dev/null, a FIFO) is written in place, and so is a file with hard
 * links where the output is a file given to be converted (--klp-finalize).
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

/* @len bytes from the start of @fd into @buf; false on an error or a short file */
static bool read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += n;
	}
	return true;
}

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

/*
 * How a failure to write @fname is told: modpost's own outputs in the
 * stock tool's words (perror()), the livepatch modes' as modpost errors.
 */
enum wording { STOCK_WORDING, MODPOST_ERROR };

static _Noreturn void write_failed(const char *fname, enum wording how)
{
	if (how == STOCK_WORDING)
		fatal_perror(fname);
	fatal("%s: %s\n", fname, strerror(errno));
}

static void write_in_place(const char *fname, const void *data, size_t len, enum wording how)
{
	int fd = open(fname, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd < 0 || !write_all(fd, data, len) || close(fd) != 0)
		write_failed(fname, how);
}

/*
 * Create a fresh temporary file next to @fname.  Like fopen(fname, "w"), it
 * gets mode 0666 less the umask; the name only has to be unused.  Only the
 * first TEMP_BASE_MAX bytes of the file name are kept in the temporary's,
 * so that it stays within NAME_MAX (255) wherever the target's name does:
 * ".<base>.<pid>.<counter>.tmp" is at most 1 + 200 + 2 * 21 + 4 bytes.
 */
#define TEMP_BASE_MAX	200

static int create_temp(const char *fname, char *tmp, size_t tmplen)
{
	static unsigned long counter;
	const char *slash = strrchr(fname, '/');
	int dirlen = slash ? (int)(slash - fname) + 1 : 0;

	for (int tries = 0; tries < 100; tries++) {
		int fd;

		snprintf(tmp, tmplen, "%.*s.%.*s.%ld.%lu.tmp", dirlen, fname, TEMP_BASE_MAX,
			 fname + dirlen, (long)getpid(), counter++);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/*
 * Replace @fname by @len bytes at @data, atomically, whatever has been
 * reported; @mode < 0: 0666 less the umask, else exactly @mode.
 */
static void write_file_atomically(const char *fname, const void *data, size_t len, int mode,
				  enum wording how)
{
	size_t tmplen = strlen(fname) + 64;
	char *tmp = xmalloc(tmplen);
	int fd, saved;

	fd = create_temp(fname, tmp, tmplen);
	if (fd < 0)
		write_failed(fname, how);
	if ((mode >= 0 && fchmod(fd, (mode_t)mode) != 0) ||
	    !write_all(fd, data, len) || close(fd) != 0 || rename(tmp, fname) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		write_failed(fname, how);
	}
	free(tmp);
}

/*
 * A file with more than one name (hard links): renaming a new file over
 * one name would split it from the others, so the file itself is
 * rewritten.  Not atomic for a reader, but never half done on a failure
 * that can be foreseen: the space for a larger file is reserved before a
 * byte changes, and if writing still fails the old bytes are put back.
 */
static void rewrite_in_place(const char *fname, const struct stat *st, const void *data,
			     size_t len, int mode)
{
	size_t old_len = (size_t)st->st_size;
	char *old = xmalloc(old_len ? old_len : 1);
	int fd = open(fname, O_RDWR | O_CLOEXEC), err;

	if (fd < 0 || !read_all(fd, old, old_len))
		write_failed(fname, MODPOST_ERROR);
	if (len > old_len) {
		err = posix_fallocate(fd, (off_t)old_len, (off_t)(len - old_len));
		if (err && err != EOPNOTSUPP && err != EINVAL) {
			(void)!ftruncate(fd, (off_t)old_len);
			errno = err;
			write_failed(fname, MODPOST_ERROR);
		}
	}
	if (lseek(fd, 0, SEEK_SET) != 0 || !write_all(fd, data, len) ||
	    ftruncate(fd, (off_t)len) != 0 ||
	    (mode >= 0 && fchmod(fd, (mode_t)mode) != 0)) {
		err = errno;
		if (lseek(fd, 0, SEEK_SET) == 0 && write_all(fd, old, old_len))
			(void)!ftruncate(fd, (off_t)old_len);
		errno = err;
		write_failed(fname, MODPOST_ERROR);
	}
	if (close(fd) != 0)
		write_failed(fname, MODPOST_ERROR);
	free(old);
}

void write_file_through_links(const char *fname, const void *data, size_t len, int mode)
{
	struct stat st;

	if (lstat(fname, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			char *real = realpath(fname, NULL);

			if (!real)
				write_failed(fname, MODPOST_ERROR);
			write_file_through_links(real, data, len, mode);
			free(real);
			return;
		}
		if (!S_ISREG(st.st_mode)) {
			write_in_place(fname, data, len, MODPOST_ERROR);
			return;
		}
		/* converted in place: a file not writable for us stays as it is */
		if (access(fname, W_OK) != 0)
			write_failed(fname, MODPOST_ERROR);
		if (st.st_nlink > 1) {
			rewrite_in_place(fname, &st, data, len, mode);
			return;
		}
	}
	write_file_atomically(fname, data, len, mode, MODPOST_ERROR);
}

void write_buf(const struct buffer *b, const char *fname)
{
	struct stat st;

	if (error_occurred())
		return;

	if (lstat(fname, &st) == 0 && !S_ISREG(st.st_mode))
		write_in_place(fname, b->p, b->pos, STOCK_WORDING);
	else
		write_file_atomically(fname, b->p, b->pos, -1, STOCK_WORDING);
}

void write_if_changed(const struct buffer *b, const char *fname)
{
	struct stat st;
	bool same = false;
	int fd = open(fname, O_RDONLY);

	if (fd >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size == b->pos) {
			char *old = xmalloc(b->pos ? b->pos : 1);

			same = read_all(fd, old, b->pos) && memcmp(old, b->p, b->pos) == 0;
			free(old);
		}
		close(fd);
	}
	if (!same)
		write_buf(b, fname);
}
