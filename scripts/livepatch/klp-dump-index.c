// SPDX-License-Identifier: GPL-2.0
/*
 * --klp-dump-index: print the symbol index of a target kernel, one line
 * per occurrence, so that it can be compared with a booted kernel's
 * /proc/kallsyms:
 *
 *   <object> <name> <sympos> <count> <address, 16 hex digits> <type>
 *   <section or -> <load-order or ->
 *
 * sorted by object, then name (both in byte order), then position.
 * --summary prints one line of counts per object instead (benchmarks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "klp-modes.h"
#include "lib.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: modpost --klp-dump-index [--release REL] [--vmlinux ELF] [--map FILE]\n"
		"                [--modules DIR] [--object NAME]... [--all-modules] [--summary]\n"
		"  --release REL   find vmlinux, System.map and modules of release REL\n"
		"                  (KLP_VMLINUX, KLP_SYSTEM_MAP, KLP_MODULES_DIR override)\n"
		"  --vmlinux ELF   vmlinux with a symbol table (preferred over --map)\n"
		"  --map FILE      System.map or /proc/kallsyms text\n"
		"  --modules DIR   directory searched for .ko, .ko.xz, .ko.zst, .ko.gz\n"
		"  --object NAME   also read module NAME (repeatable)\n"
		"  --all-modules   read every module under DIR\n"
		"  --summary       counts per object instead of the symbol lines\n");
}

static void print_symbol(const struct klp_symbol *s, void *arg)
{
	FILE *out = arg;

	fprintf(out, "%s %s %lu %lu %016llx %c %s %s\n", s->object, s->name, s->sympos,
		s->count, (unsigned long long)s->address, s->type ? s->type : '?',
		s->section && *s->section ? s->section : "-",
		s->load_order_dependent ? "load-order" : "-");
}

static void print_summary(const struct klp_symtab *obj, FILE *out)
{
	size_t dup = 0, lod = 0;

	for (size_t i = 0; i < obj->nnames; i++)
		if (obj->names[i].count > 1)
			dup++;
	for (size_t i = 0; i < obj->nsyms; i++)
		if (obj->syms[i].load_order_dependent)
			lod++;
	fprintf(out, "%s symbols %zu names %zu duplicated %zu load-order %zu\n", obj->name,
		obj->nsyms, obj->nnames, dup, lod);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *arg_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		error("--klp-dump-index: %s needs a value\n", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

static int run(int argc, char **argv)
{
	struct klp_index_sources src = { 0 }, found = { 0 };
	const char *vmlinux = NULL, *map = NULL, *modules = NULL, *release = NULL;
	const char **objects = xmalloc((argc + 1) * sizeof(*objects));
	size_t nobjects = 0, n;
	bool all = false, summary = false, have_release = false;
	struct klp_index *idx;
	const char **names;
	static char outbuf[1 << 20];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (strcmp(a, "--vmlinux") == 0)
			slot = &vmlinux;
		else if (strcmp(a, "--map") == 0)
			slot = &map;
		else if (strcmp(a, "--modules") == 0)
			slot = &modules;
		else if (strcmp(a, "--release") == 0)
			slot = &release;
		else if (strcmp(a, "--object") == 0)
			slot = &objects[nobjects];
		if (slot) {
			*slot = arg_value(argc, argv, &i);
			if (!*slot)
				goto fail;
			if (slot == &objects[nobjects])
				nobjects++;
			if (slot == &release)
				have_release = true;
		} else if (strcmp(a, "--all-modules") == 0) {
			all = true;
		} else if (strcmp(a, "--summary") == 0) {
			summary = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			free(objects);
			return 0;
		} else {
			error("--klp-dump-index: unknown argument '%s'\n", a);
			usage(stderr);
			goto fail;
		}
	}

	{
		struct klp_source_choice given = {
			.release = have_release ? release : NULL,
			.vmlinux = vmlinux, .map = map, .modules = modules,
		};
		char *searched = NULL;

		klp_index_choose_sources(&given, &found, &searched);
		src = found;
		if (!src.vmlinux_elf && !src.symbol_map) {
			if (have_release)
				error("livepatch: no symbols of kernel %s found; searched:\n%s",
				      release, searched);
			else {
				error("--klp-dump-index: give --vmlinux, --map or --release\n");
				usage(stderr);
			}
			free(searched);
			goto fail_sources;
		}
		free(searched);
	}
	if ((nobjects || all) && !src.modules_dir)
		warn("livepatch: no module directory given (--modules); modules cannot be read\n");

	idx = klp_index_open(&src);
	if (!idx)
		goto fail_sources;

	/*
	 * Kernel names: "snd-hda-intel" is module snd_hda_intel.  "vmlinux" as
	 * an --object is accepted: it is always there.
	 */
	n = 0;
	for (size_t i = 0; i < nobjects; i++) {
		if (strcmp(objects[i], "vmlinux") == 0)
			continue;
		objects[n++] = klp_kernel_module_name(objects[i]);
	}
	nobjects = n;
	if (all)
		klp_index_load_modules(idx, NULL, 0);
	if (nobjects)
		klp_index_load_modules(idx, objects, nobjects);
	for (size_t i = 0; i < nobjects; i++)
		if (!klp_index_has_object(idx, objects[i]))
			error("livepatch: module %s not found under %s\n", objects[i],
			      src.modules_dir ? src.modules_dir : "(no module directory)");

	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	n = klp_index_objects(idx, &names);
	qsort(names, n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < n; i++) {
		if (summary) {
			const struct klp_symtab *obj = strcmp(names[i], "vmlinux") == 0
							       ? idx->vmlinux
							       : klp_index_module(idx, names[i]);
			print_summary(obj, stdout);
		} else {
			klp_index_for_each_symbol(idx, names[i], print_symbol, stdout);
		}
	}
	free(names);
	if (fflush(stdout) != 0)
		error("writing the index: %m\n");
	for (size_t i = 0; i < nobjects; i++)
		free((char *)objects[i]);
	klp_index_free(idx);
	klp_index_sources_free(&found);
	free(objects);
	return error_occurred() ? 1 : 0;

fail_sources:
	klp_index_sources_free(&found);
fail:
	free(objects);
	return 1;
}

const struct klp_mode klp_mode_dump_index = {
	.name = "dump-index",
	.usage = "[--release REL] [--vmlinux ELF] [--map FILE] [--modules DIR] [--object NAME]... [--all-modules] [--summary]",
	.summary = "print the target kernel's symbol index (object name sympos count address type section load-order)",
	.run = run,
};
