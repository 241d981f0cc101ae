// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "profile.h"

static bool any_error;

void (*modpost_fatal_hook)(void);

static void vlog_as(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: modpost: ", prefix);
	vfprintf(stderr, fmt, ap);
}

static void vlog(bool is_error, const char *fmt, va_list ap)
{
	vlog_as(is_error ? "ERROR" : "WARNING", fmt, ap);
	if (is_error)
		any_error = true;
}

void modpost_log(bool is_error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(is_error, fmt, ap);
	va_end(ap);
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog_as(kprofile.fatal_prefix, fmt, ap);
	va_end(ap);
	if (modpost_fatal_hook)
		modpost_fatal_hook();
	exit(1);
}

void fatal_perror(const char *what)
{
	perror(what);
	if (modpost_fatal_hook)
		modpost_fatal_hook();
	exit(1);
}

bool error_occurred(void)
{
	return any_error;
}

void modpost_log_reset(void)
{
	any_error = false;
}
