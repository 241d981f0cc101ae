// SPDX-License-Identifier: GPL-2.0
/*
 * The one check that compares the built-in profile with the kernel build
 * tree at run time: is this binary run by the kbuild it was built for?
 *
 * kbuild runs modpost in the kernel build tree (the headers directory for
 * external modules, the object tree in-tree), whose generated version
 * header names its series.  A 6.12 modpost under 6.1's kbuild would
 * otherwise fail on "-T -" with a bare "Can't open filenames file -", and
 * a 6.1 modpost under 6.12's kbuild on the unknown option -M.  Where the
 * header is absent (modpost run by hand, the differential tests) nothing
 * is checked.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "profile.h"

#define VERSION_HEADER "include/generated/uapi/linux/version.h"

/* "<major>.<patchlevel>" from the version header, or false. */
static bool read_tree_series(char *series, size_t len)
{
	long major = -1, minor = -1;
	char line[256];
	FILE *f = fopen(VERSION_HEADER, "r");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		long value;

		if (sscanf(line, "#define %63s %ld", name, &value) != 2)
			continue;
		if (strcmp(name, "LINUX_VERSION_MAJOR") == 0)
			major = value;
		else if (strcmp(name, "LINUX_VERSION_PATCHLEVEL") == 0)
			minor = value;
	}
	fclose(f);
	if (major < 0 || minor < 0)
		return false;
	snprintf(series, len, "%ld.%ld", major, minor);
	return true;
}

void profile_check_build_tree(void)
{
	char series[48], cwd[PATH_MAX];

	if (!read_tree_series(series, sizeof(series)) ||
	    strcmp(series, kprofile.series) == 0)
		return;
	if (!getcwd(cwd, sizeof(cwd)))
		snprintf(cwd, sizeof(cwd), ".");
	fatal("this modpost was built for Linux %s, but it runs in the build tree of Linux %s (%s): build one for that tree (make KDIR=%s) and use it\n",
	      kprofile.series, series, cwd, cwd);
}
