// SPDX-License-Identifier: GPL-2.0
/*
 * Opening a linked livepatch module for the inspection modes: plain or
 * compressed files, and the name the kernel will know it by.
 */
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "klp-ko.h"
#include "lib.h"
#include "modinfo.h"

char *klp_ko_module_name(const struct elf_file *elf, const char *path)
{
	const char *name = modinfo_get(elf, "name", NULL);
	const char *base, *dot;

	if (name && *name)
		return xstrdup(name);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strstr(base, ".ko");
	return xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
}

struct ko_call {
	void (*fn)(struct elf_file *elf, void *arg);
	void *arg;
	bool done;
};

static void with_image(const char *path, void *data, size_t size, void *arg)
{
	struct ko_call *c = arg;
	struct elf_file elf;

	switch (elf_open_memory(&elf, path, data, size, ELF_OPEN_OPTIONAL_SYMTAB)) {
	case ELF_OPEN_OK:
		c->fn(&elf, c->arg);
		elf_close(&elf);
		c->done = true;
		break;
	case ELF_OPEN_NOT_ELF:
		error("%s: not an ELF file\n", path);
		break;
	case ELF_OPEN_MISSING:
		error("%s: cannot be read\n", path);
		break;
	}
}

bool klp_ko_with(const char *path, void (*fn)(struct elf_file *elf, void *arg), void *arg)
{
	struct ko_call c = { .fn = fn, .arg = arg };

	klp_read_images(&path, 1, with_image, &c);
	return c.done;
}
