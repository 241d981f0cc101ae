// SPDX-License-Identifier: GPL-2.0
/*
 * kh-finit FILE [PARAMS]: load a kernel module with finit_module(2) the way
 * kmod does, letting the kernel decompress it (MODULE_INIT_COMPRESSED_FILE)
 * when FILE ends in .xz, .zst or .gz.  busybox insmod decompresses in user
 * space and passes the image to init_module(2) instead.  Built statically
 * by the tests that need it (gcc -static -O2 -o kh-finit kh-finit.c).
 * Prints one line on failure, exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int main(int argc, char **argv)
{
	int fd, flags = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: kh-finit FILE [PARAMS]\n");
		return 2;
	}
	if (ends_with(argv[1], ".xz") || ends_with(argv[1], ".zst") || ends_with(argv[1], ".gz"))
		flags |= MODULE_INIT_COMPRESSED_FILE;
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "kh-finit: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (syscall(SYS_finit_module, fd, argc > 2 ? argv[2] : "", flags) != 0) {
		fprintf(stderr, "kh-finit: finit_module(%s, flags %d): %s\n", argv[1], flags,
			strerror(errno));
		return 1;
	}
	return 0;
}
