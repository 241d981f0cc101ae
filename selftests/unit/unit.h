/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal helpers for the unit tests in selftests/unit/.
 *
 * A test program is one test-*.c file with its own main(); run.sh links it
 * against every modpost object except the one holding modpost's main().
 * Results are TAP lines ("ok N - ...", "not ok N - ..."), which run.sh
 * counts; finish with `return unit_done();`.
 *
 * Everything here is static inline so that a test can include this header
 * and use only part of it without unused-function warnings.
 */
#ifndef UNIT_H
#define UNIT_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "profile.h"

static unsigned int unit_count, unit_failed;

/* Record one result; the message says what was checked. */
__attribute__((format(printf, 2, 3)))
static inline bool unit_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	unit_count++;
	if (!ok)
		unit_failed++;
	printf("%s %u - ", ok ? "ok" : "not ok", unit_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

/* Compare two strings; on mismatch both are shown as TAP diagnostics. */
static inline bool unit_check_str(const char *got, const char *want,
				  const char *what)
{
	bool ok = strcmp(got, want) == 0;

	unit_check(ok, "%s", what);
	if (!ok)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got, want);
	return ok;
}

/* Plan line and exit status for main(). */
static inline int unit_done(void)
{
	printf("1..%u\n", unit_count);
	return unit_failed ? 1 : 0;
}

/* A fresh directory under $TMPDIR (or /tmp); exits if that fails. */
/* Run a shell command made like printf(); its system() status. */
static inline int unit_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int unit_sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int rc;

	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	rc = system(cmd);
	free(cmd);
	return rc;
}

static inline char *unit_tmpdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (!base || !*base)
		base = "/tmp";
	if (asprintf(&path, "%s/unit-%s.XXXXXX", base, tag) < 0 || !mkdtemp(path)) {
		perror("unit_tmpdir");
		exit(2);
	}
	return path;
}

static inline int unit_rm_entry(const char *path, const struct stat *st,
				int type, struct FTW *ftw)
{
	(void)st; (void)type; (void)ftw;
	return remove(path);
}

static inline void unit_rmtree(const char *path)
{
	nftw(path, unit_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write @len bytes to @path (created or truncated); exits on failure. */
static inline void unit_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* printf into a file */
__attribute__((format(printf, 2, 3)))
static inline void unit_writef(const char *path, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int len;

	va_start(ap, fmt);
	len = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (len < 0) {
		perror("vasprintf");
		exit(2);
	}
	unit_write(path, text, (size_t)len);
	free(text);
}

/* malloc'ed path "@dir/@name" */
static inline char *unit_path(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		exit(2);
	return p;
}

/*
 * Run @fn(@arg) in a child process, for code that may exit(): returns the
 * child's exit status (128 + signal number if it was killed), and what it
 * wrote to stderr in @err (NUL-terminated, truncated to @errlen).
 */
static inline int unit_run_child(void (*fn)(void *), void *arg,
				 char *err, size_t errlen)
{
	FILE *capture = tmpfile();
	int status;
	size_t n;
	pid_t pid;

	if (!capture) {
		perror("tmpfile");
		exit(2);
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		dup2(fileno(capture), STDERR_FILENO);
		fn(arg);
		fflush(NULL);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("waitpid");
			exit(2);
		}
	rewind(capture);
	n = errlen ? fread(err, 1, errlen - 1, capture) : 0;
	if (errlen)
		err[n] = '\0';
	fclose(capture);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * @rest after the prefix fatal() prints in this build ("ERROR: modpost: "
 * for 6.12, "FATAL: modpost: " for 6.1).  The result lives until the 8th
 * next call.
 */
static inline const char *unit_fatal(const char *rest)
{
	static char bufs[8][1024];
	static unsigned int next;
	char *b = bufs[next++ % 8];

	snprintf(b, sizeof(bufs[0]), "%s: modpost: %s", kprofile.fatal_prefix, rest);
	return b;
}

#endif /* UNIT_H */
