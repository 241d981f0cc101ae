// SPDX-License-Identifier: GPL-2.0
/*
 * Export CRCs.  genksyms' results are appended to each object's .cmd file
 * as lines "#SYMVER <name> <crc>"; the objects of a module are listed in
 * its <module>.mod file (.vmlinux.objs for vmlinux).  A CRC is applied only
 * to a symbol this same module exports; others (trimmed exports) are
 * ignored.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modpost.h"

#define SYMVER_TAG "\n#SYMVER "

static void extract_crcs_for_object(const char *object, struct module *mod)
{
	char cmd_file[PATH_MAX];
	const char *base = strrchr(object, '/');
	int dirlen, ret;
	char *buf, *p;

	base = base ? base + 1 : object;
	dirlen = base - object;
	ret = snprintf(cmd_file, sizeof(cmd_file), "%.*s.%s.cmd", dirlen, object, base);
	if (ret >= (int)sizeof(cmd_file)) {
		error("%s: too long path was truncated\n", cmd_file);
		return;
	}

	buf = read_text_file(cmd_file);
	p = buf;
	while ((p = strstr(p, SYMVER_TAG))) {
		char *name = p + strlen(SYMVER_TAG);
		char *space = strchr(name, ' ');
		unsigned int crc;
		struct symbol *sym;

		if (!space)
			break;
		p = space + 1;
		if (!isdigit((unsigned char)*p))
			continue;
		crc = strtoul(p, &p, 0);
		if (*p != '\n')
			continue;

		*space = '\0';
		sym = export_find_in(name, mod);
		if (sym) {
			sym->crc = crc;
			sym->crc_valid = true;
		}
	}
	free(buf);
}

void mod_set_crcs(struct module *mod)
{
	char objlist[PATH_MAX];
	char *buf, *p, *obj;
	int ret;

	if (mod->is_vmlinux) {
		strcpy(objlist, ".vmlinux.objs");
	} else {
		ret = snprintf(objlist, sizeof(objlist), "%s.mod", mod->name);
		if (ret >= (int)sizeof(objlist)) {
			error("%s: too long path was truncated\n", objlist);
			return;
		}
	}

	buf = read_text_file(objlist);
	/* one object per line; the list ends at the first empty line */
	for (p = buf; p; ) {
		obj = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
		if (!obj[0])
			break;
		extract_crcs_for_object(obj, mod);
	}
	free(buf);
}
