// SPDX-License-Identifier: GPL-2.0
/*
 * Where the symbols of a kernel release are: klp_index_find_sources().
 *
 * Environment overrides first (KLP_VMLINUX, KLP_SYSTEM_MAP,
 * KLP_MODULES_DIR), then the usual places: Debian's -dbg package, /boot,
 * the build tree, and the cache that scripts/deps.sh fills
 * ($KLP_CACHE, default /var/cache/klp-modpost: <rel>/dbg for the -dbg
 * vmlinux, <rel>/image for the extracted image package).
 *
 * Debian's headers package has a vmlinux that holds only BTF (a handful of
 * symbols, no code), and its image package a placeholder System.map: both
 * are recognised and skipped.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elffile.h"
#include "klp-index-internal.h"
#include "lib.h"
#include "elffile.h"
#include "lib.h"

#define DEFAULT_CACHE "/var/cache/klp-modpost"

/*
 * The BTF-only vmlinux of Debian's headers package has ~800 symbols but no
 * code section at all; a vmlinux with code but next to no symbols is as
 * useless (a real one has well over 100,000).
 */
#define MIN_VMLINUX_SYMBOLS 16

struct report {
	char *text;
	size_t len;
};

static void say(struct report *r, const char *fmt, ...)
{
	va_list ap;
	char *line;
	size_t n;

	va_start(ap, fmt);
	line = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(line);
	r->text = xrealloc(r->text, r->len + n + 3);
	r->text[r->len++] = '\t';
	memcpy(r->text + r->len, line, n);
	r->len += n;
	r->text[r->len++] = '\n';
	r->text[r->len] = '\0';
	free(line);
}

/* NULL when usable, else why not. */
static const char *vmlinux_problem(const char *path)
{
	struct elf_file elf;
	const char *why = NULL;
	bool code = false;
	uint64_t nsyms;

	if (access(path, R_OK) != 0)
		return errno == ENOENT ? "not found" : "not readable";
	switch (elf_open_ex(&elf, path, ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB |
				       ELF_OPEN_NO_SYMBOLS)) {
	case ELF_OPEN_OK:
		break;
	case ELF_OPEN_NOT_ELF:
		return "not an ELF file";
	default:
		return "not readable";
	}
	for (unsigned int i = 1; i < elf.nsections; i++)
		if (elf.sections[i].flags & SHF_EXECINSTR)
			code = true;
	nsyms = elf.symtab_index ? elf.sections[elf.symtab_index].size /
					   (elf.is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym))
				 : 0;
	if (elf.type != ET_EXEC && elf.type != ET_DYN)
		why = "not a linked kernel image";
	else if (!elf.symtab_index)
		why = "no symbol table";
	else if (!code || nsyms < MIN_VMLINUX_SYMBOLS)
		why = "no full symbol table (BTF-only vmlinux)";
	elf_close(&elf);
	return why;
}

static const char *map_problem(const char *path)
{
	if (access(path, R_OK) != 0)
		return errno == ENOENT ? "not found" : "not readable";
	if (klp_map_is_stub(path))
		return "Debian's placeholder System.map";
	return NULL;
}

static const char *modules_problem(const char *path)
{
	struct stat st;
	char *kernel;
	bool ok;

	if (stat(path, &st) != 0)
		return "not found";
	if (!S_ISDIR(st.st_mode))
		return "not a directory";
	kernel = xasprintf("%s/kernel", path);
	ok = stat(kernel, &st) == 0 && S_ISDIR(st.st_mode);
	free(kernel);
	return ok ? NULL : "no kernel/ module tree";
}

/* Try @cands in order; the first usable one goes to *@out. */
static void pick(struct report *r, const char *what, const char *env,
		 char **cands, size_t n, const char *(*problem)(const char *),
		 const char **out)
{
	const char *override = getenv(env);

	if (override && *override) {
		say(r, "%s: %s=%s (from the environment)", what, env, override);
		*out = xstrdup(override);
		return;
	}
	for (size_t i = 0; i < n && !*out; i++) {
		const char *why = problem(cands[i]);

		if (why) {
			say(r, "%s: %s: %s", what, cands[i], why);
			continue;
		}
		say(r, "%s: %s: used", what, cands[i]);
		*out = xstrdup(cands[i]);
	}
	if (!*out)
		say(r, "%s: none found (set %s to override)", what, env);
}

void klp_index_find_sources(const char *release, struct klp_index_sources *out,
			    char **searched)
{
	struct report r = { 0 };
	const char *cache = getenv("KLP_CACHE");
	char *vm[5], *map[3], *mods[3];

	memset(out, 0, sizeof(*out));
	if (!cache || !*cache)
		cache = DEFAULT_CACHE;
	if (!release || !*release) {
		/* unknown target: only what the environment names */
		pick(&r, "vmlinux", "KLP_VMLINUX", NULL, 0, vmlinux_problem, &out->vmlinux_elf);
		pick(&r, "System.map", "KLP_SYSTEM_MAP", NULL, 0, map_problem, &out->symbol_map);
		pick(&r, "modules", "KLP_MODULES_DIR", NULL, 0, modules_problem,
		     &out->modules_dir);
		say(&r, "(the kernel release is unknown, so no standard place was searched)");
		goto done;
	}

	vm[0] = xasprintf("/usr/lib/debug/boot/vmlinux-%s", release);
	vm[1] = xasprintf("/usr/lib/debug/lib/modules/%s/vmlinux", release);
	vm[2] = xasprintf("/boot/vmlinux-%s", release);
	vm[3] = xasprintf("/lib/modules/%s/build/vmlinux", release);
	vm[4] = xasprintf("%s/%s/dbg/usr/lib/debug/boot/vmlinux-%s", cache, release, release);
	map[0] = xasprintf("/boot/System.map-%s", release);
	map[1] = xasprintf("/lib/modules/%s/build/System.map", release);
	map[2] = xasprintf("%s/%s/image/boot/System.map-%s", cache, release, release);
	mods[0] = xasprintf("/lib/modules/%s", release);
	mods[1] = xasprintf("%s/%s/image/lib/modules/%s", cache, release, release);
	mods[2] = xasprintf("%s/%s/image/usr/lib/modules/%s", cache, release, release);

	pick(&r, "vmlinux", "KLP_VMLINUX", vm, 5, vmlinux_problem, &out->vmlinux_elf);
	pick(&r, "System.map", "KLP_SYSTEM_MAP", map, 3, map_problem, &out->symbol_map);
	pick(&r, "modules", "KLP_MODULES_DIR", mods, 3, modules_problem, &out->modules_dir);

	for (size_t i = 0; i < 5; i++)
		free(vm[i]);
	for (size_t i = 0; i < 3; i++) {
		free(map[i]);
		free(mods[i]);
	}
done:
	if (searched)
		*searched = r.text ? r.text : xstrdup("");
	else
		free(r.text);
}

static void replace(const char **slot, const char *value)
{
	free((char *)*slot);
	*slot = value ? xstrdup(value) : NULL;
}

void klp_index_choose_sources(const struct klp_source_choice *given,
			      struct klp_index_sources *out, char **searched)
{
	const char *env_vmlinux = getenv("KLP_VMLINUX");

	klp_index_find_sources(given->release, out, searched);
	/*
	 * A kernel build tree's own vmlinux (an external build against a
	 * built kernel tree too), if it is one with symbols: Debian's headers
	 * trees have none or a BTF-only one.
	 */
	if (given->build_tree_vmlinux && !(env_vmlinux && *env_vmlinux) &&
	    access("vmlinux", R_OK) == 0 && !vmlinux_problem("vmlinux"))
		replace(&out->vmlinux_elf, "vmlinux");
	if (given->vmlinux || given->map) {
		replace(&out->vmlinux_elf, given->vmlinux);
		replace(&out->symbol_map, given->map);
	}
	if (given->modules)
		replace(&out->modules_dir, given->modules);
	if (given->vmlinux_object)
		replace(&out->vmlinux_object, given->vmlinux_object);
	out->vmlinux_object_unread = given->vmlinux_object_unread;
}

void klp_index_sources_free(struct klp_index_sources *src)
{
	free((char *)src->vmlinux_elf);
	free((char *)src->vmlinux_object);
	free((char *)src->symbol_map);
	free((char *)src->modules_dir);
	memset(src, 0, sizeof(*src));
}

/* The first line of @path, or NULL; the quoted string of a #define line. */
static char *first_line_value(const char *path, const char *define)
{
	char buf[512], *v = NULL;
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	while (!v && fgets(buf, sizeof(buf), f)) {
		char *p = buf, *q;

		buf[strcspn(buf, "\n")] = '\0';
		if (define) {
			if (!str_starts(p, define))
				continue;
			p += strlen(define);
			p += strspn(p, " \t");
			if (*p++ != '"' || !(q = strchr(p, '"')))
				continue;
			*q = '\0';
		}
		if (*p)
			v = xstrdup(p);
		if (!define)
			break;
	}
	fclose(f);
	return v;
}

char *klp_build_tree_release(void)
{
	char *rel = first_line_value("include/generated/utsrelease.h",
				     "#define UTS_RELEASE");

	return rel ? rel : first_line_value("include/config/kernel.release", NULL);
}
