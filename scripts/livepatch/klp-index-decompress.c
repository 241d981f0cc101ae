// SPDX-License-Identifier: GPL-2.0
/*
 * Reading module images: plain .ko files are mapped, compressed ones are
 * decompressed by the system's tools (xz, zstd, gzip, as kmod and the
 * kernel's own install scripts use them) running as a pool of child
 * processes, one per online CPU, each writing into a pipe that the parent
 * drains into memory.  The parent parses each image as soon as its child
 * is done, while the other children keep running.
 *
 * Children are started with posix_spawnp(), which glibc implements with a
 * vfork-style clone: cheap even when the parent maps a large vmlinux.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "klp-index-internal.h"
#include "lib.h"

extern char **environ;

#define READ_CHUNK (1u << 20)

struct tool {
	const char *suffix;
	const char *const *argv;	/* the file name is appended */
};

static const char *const xz_argv[] = { "xz", "-dcq", "--" };
static const char *const zstd_argv[] = { "zstd", "-dcq", "--" };
static const char *const gzip_argv[] = { "gzip", "-dcq", "--" };

static const struct tool *tool_for(const char *path)
{
	static const struct tool tools[] = {
		{ ".xz", xz_argv }, { ".zst", zstd_argv }, { ".gz", gzip_argv },
	};
	size_t len = strlen(path);

	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		size_t n = strlen(tools[i].suffix);

		if (len > n && strcmp(path + len - n, tools[i].suffix) == 0)
			return &tools[i];
	}
	return NULL;
}

struct child {
	const char *path;
	const struct tool *tool;
	pid_t pid;
	int fd;
	unsigned char *buf;
	size_t len, cap;
};

static void read_plain(const char *path, klp_image_fn fn, void *arg)
{
	struct stat st;
	void *map;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		error("%s: %m\n", path);
		return;
	}
	if (fstat(fd, &st) < 0) {
		error("%s: %m\n", path);
		close(fd);
		return;
	}
	if (st.st_size == 0) {
		close(fd);
		fn(path, NULL, 0, arg);
		return;
	}
	/* private and writable: the ELF reader may shorten names in place */
	map = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		error("%s: %m\n", path);
		return;
	}
	fn(path, map, st.st_size, arg);
	munmap(map, st.st_size);
}

static bool start(struct child *c)
{
	const char *argv[8];
	posix_spawn_file_actions_t fa;
	struct stat st;
	int fds[2], rc;
	size_t n = 0;

	while (n < 3)
		argv[n] = c->tool->argv[n], n++;
	argv[n++] = c->path;
	argv[n] = NULL;

	if (pipe2(fds, O_CLOEXEC) < 0)
		fatal("pipe: %s\n", strerror(errno));
	/* fewer wake-ups; fails harmlessly above the system's limit */
	fcntl(fds[0], F_SETPIPE_SZ, (int)READ_CHUNK);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	rc = posix_spawnp(&c->pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc) {
		error("%s: cannot run %s: %s\n", c->path, argv[0], strerror(rc));
		close(fds[0]);
		return false;
	}
	c->fd = fds[0];
	/* decompressed modules are about 3-4 times their compressed size */
	c->cap = READ_CHUNK * 2;
	if (stat(c->path, &st) == 0 && (uint64_t)st.st_size * 4 > c->cap)
		c->cap = st.st_size * 4;
	c->buf = xmalloc(c->cap);
	c->len = 0;
	return true;
}

/* Child @c reached end of file: reap it and hand the image over. */
static void finish(struct child *c, klp_image_fn fn, void *arg)
{
	int status;

	close(c->fd);
	while (waitpid(c->pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal("waitpid: %s\n", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		fn(c->path, c->buf, c->len, arg);
	else if (WIFEXITED(status))
		error("%s: %s -dc failed (exit status %d)\n", c->path, c->tool->argv[0],
		      WEXITSTATUS(status));
	else
		error("%s: %s -dc was killed by signal %d\n", c->path, c->tool->argv[0],
		      WTERMSIG(status));
	free(c->buf);
	c->buf = NULL;
}

void klp_read_images(const char *const *paths, size_t n, klp_image_fn fn, void *arg)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t max = ncpu > 0 ? (size_t)ncpu : 1, active = 0, next = 0;
	struct child *kids;
	struct pollfd *pfd;

	if (max > 64)
		max = 64;
	kids = xcalloc(max, sizeof(*kids));
	pfd = xcalloc(max, sizeof(*pfd));

	while (next < n || active) {
		while (active < max && next < n) {
			struct child *c = &kids[active];

			c->path = paths[next++];
			c->tool = tool_for(c->path);
			if (!c->tool) {
				read_plain(c->path, fn, arg);
				continue;
			}
			if (start(c))
				active++;
		}
		if (!active)
			continue;

		for (size_t i = 0; i < active; i++) {
			pfd[i].fd = kids[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, active, -1) < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll: %s\n", strerror(errno));
		}
		for (size_t i = active; i-- > 0;) {
			struct child *c = &kids[i];
			ssize_t got;

			if (!pfd[i].revents)
				continue;
			if (c->cap - c->len < READ_CHUNK) {
				c->cap = c->cap * 2 > c->len + READ_CHUNK ? c->cap * 2
									 : c->len + READ_CHUNK;
				c->buf = xrealloc(c->buf, c->cap);
			}
			got = read(c->fd, c->buf + c->len, c->cap - c->len);
			if (got < 0) {
				if (errno == EINTR || errno == EAGAIN)
					continue;
				fatal("%s: reading from %s: %s\n", c->path, c->tool->argv[0],
				      strerror(errno));
			}
			if (got > 0) {
				c->len += got;
				continue;
			}
			finish(c, fn, arg);
			/* keep the active children at the front */
			kids[i] = kids[--active];
			pfd[i] = pfd[active];
		}
	}
	free(kids);
	free(pfd);
}
