// SPDX-License-Identifier: GPL-2.0
/* The modpost record (klp-record.h): writing it, and reading it back. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "klp-record.h"

/* ---- writing ---- */

/* Names go inside a C string literal, between spaces. */
static bool name_is_recordable(const char *s)
{
	for (; *s; s++)
		if (!isgraph((unsigned char)*s) || *s == '"' || *s == '\\')
			return false;
	return true;
}

void klp_record_write(struct buffer *b, const char *modname,
		      const struct klp_record_line *lines, size_t n, bool intree)
{
	for (size_t i = 0; i < n; i++)
		intree |= lines[i].how != KLP_POSITION_FINAL;
	buf_puts(b, "\n"
		    "/*\n"
		    " * Livepatch relocations resolved by modpost, for its post-link step:\n"
		    " * \"<symbol here> <object> <symbol there> <position>\" per line.\n"
		    " */\n"
		    "static const char __klp_modpost_record[] __used\n"
		    "__section(\"" KLP_RECORD_SECTION "\") =\n");
	buf_printf(b, "\t\"%s\\n\"\n", intree ? KLP_RECORD_VERSION_INTREE : KLP_RECORD_VERSION);
	for (size_t i = 0; i < n; i++) {
		const struct klp_record_line *l = &lines[i];

		/*
		 * The object too: an annotation may name any object the
		 * kernel would parse ("a\"b"), and one written here as is
		 * would break the C string or the record's four fields.
		 */
		if (!name_is_recordable(l->cname) || !name_is_recordable(l->name) ||
		    !name_is_recordable(l->object) ||
		    (l->how == KLP_POSITION_IDENTITY && !name_is_recordable(l->identity))) {
			error("livepatch: \"%s\" [%s.ko]: symbol or object names with spaces, quotes\n"
			      "\tor control characters cannot be converted\n", l->cname, modname);
			continue;
		}
		buf_printf(b, "\t\"%s %s %s ", l->cname, l->object, l->name);
		switch (l->how) {
		case KLP_POSITION_FINAL:
			buf_printf(b, "%lu", l->sympos);
			break;
		case KLP_POSITION_IDENTITY:
			buf_printf(b, "@%s", l->identity);
			break;
		case KLP_POSITION_ANNOTATED:
			buf_printf(b, "=%lu", l->sympos);
			break;
		case KLP_POSITION_AMBIGUOUS:
			buf_puts(b, "?");
			break;
		}
		buf_puts(b, "\\n\"\n");
	}
	buf_puts(b, "\t;\n");
}

/* ---- the post-link guard ---- */

bool klp_record_exe_is_installed(const char *path)
{
	static const char kbuild_modpost[] = "/scripts/mod/modpost";
	static const char deleted[] = " (deleted)";
	size_t len = strlen(path);

	/*
	 * An installation replaced or removed while this process runs: the
	 * kernel names the executable's old path with this suffix.
	 */
	if (len >= sizeof(deleted) - 1 &&
	    !strcmp(path + len - (sizeof(deleted) - 1), deleted))
		len -= sizeof(deleted) - 1;
	return len >= sizeof(kbuild_modpost) - 1 &&
	       !strncmp(path + len - (sizeof(kbuild_modpost) - 1), kbuild_modpost,
			sizeof(kbuild_modpost) - 1);
}

bool klp_record_guarded(void)
{
	static int guarded = -1;
	char path[PATH_MAX];
	ssize_t n;

#ifdef KLP_MODPOST_INTREE
	/* the tree's own Makefile.modfinal converts every livepatch module */
	guarded = 0;
#endif
	if (guarded < 0) {
		/*
		 * The file executed, not argv[0]: kbuild runs it as the
		 * relative "scripts/mod/modpost", a user may name it any way.
		 * Without /proc nothing tells; no guard then, as before.
		 */
		n = readlink("/proc/self/exe", path, sizeof(path) - 1);
		if (n > 0) {
			path[n] = '\0';
			guarded = klp_record_exe_is_installed(path);
		} else {
			guarded = 0;
		}
	}
	return guarded;
}

void klp_record_write_guard(struct buffer *b, const char *modname)
{
	buf_puts(b, "\n"
		    "/*\n"
		    " * Written by the modpost that `make install` put in this kbuild: only its\n"
		    " * Makefile.modfinal converts the record above after the link, and it\n"
		    " * defines " KLP_POSTLINK_MACRO ".  Linked without, the module would be\n"
		    " * an unconverted livepatch module.\n"
		    " */\n"
		    "#ifndef " KLP_POSTLINK_MACRO "\n"
		    "#error \"livepatch module ");
	/* a module path inside a C string literal */
	for (const char *p = modname; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (isprint((unsigned char)*p))
			buf_printf(b, "%c", *p);
		else
			buf_puts(b, "?");
	}
	buf_puts(b, ".ko: its .mod.c comes from the klp-modpost installed in this kbuild, "
		    "whose post-link step this link does not run (make install or make uninstall "
		    "during the build?): run make clean, then make again\"\n"
		    "#endif\n");
}

/* ---- reading ---- */

static bool parse_number(const char *pos, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(pos, &end, 10);
	return *pos >= '0' && *pos <= '9' && !*end && !errno;
}

/* One line into *@out; NULL, or what is wrong with it. */
static const char *parse_line(char *line, bool intree, struct klp_record_line *out)
{
	char *save = NULL, *pos;

	memset(out, 0, sizeof(*out));
	out->cname = strtok_r(line, " ", &save);
	out->object = strtok_r(NULL, " ", &save);
	out->name = strtok_r(NULL, " ", &save);
	pos = strtok_r(NULL, " ", &save);
	if (!out->cname || !out->object || !out->name || !pos || strtok_r(NULL, " ", &save))
		return "not four fields";
	if (intree && strcmp(out->object, "vmlinux") == 0 && strchr("@=?", *pos)) {
		if (*pos == '@' && pos[1]) {
			out->how = KLP_POSITION_IDENTITY;
		} else if (*pos == '=' && parse_number(pos + 1, &out->sympos)) {
			out->how = KLP_POSITION_ANNOTATED;
		} else if (strcmp(pos, "?") == 0) {
			out->how = KLP_POSITION_AMBIGUOUS;
		} else {
			return "a vmlinux position that is neither @<identity>, =<number> nor ?";
		}
	} else if (!parse_number(pos, &out->sympos)) {
		return "a position that is no unsigned decimal number of the kernel's size";
	}
	if (out->how == KLP_POSITION_IDENTITY)
		out->identity = xstrdup(pos + 1);
	out->cname = xstrdup(out->cname);
	out->object = xstrdup(out->object);
	out->name = xstrdup(out->name);
	return NULL;
}

void klp_record_read(const struct elf_file *elf, const char *path,
		     enum klp_record_reading how, struct klp_record *out)
{
	const struct elf_section *sec;
	const char *p, *end;
	unsigned int lineno = 0;
	bool intree = false;

	memset(out, 0, sizeof(*out));
	sec = elf_section(elf, elf_find_section(elf, KLP_RECORD_SECTION));
	if (!sec || !sec->data || !sec->size)
		return;
	p = (const char *)sec->data;
	end = p + sec->size;
	while (end > p && end[-1] == '\0')
		end--;
	out->present = end > p;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, len);
		struct klp_record_line rl;
		const char *wrong;

		p += len + (nl ? 1 : 0);
		if (++lineno == 1) {
			intree = out->intree = strcmp(line, KLP_RECORD_VERSION_INTREE) == 0;
			out->bad_header = strcmp(line, KLP_RECORD_VERSION) != 0 && !intree;
			if (out->bad_header && how == KLP_RECORD_STRICT)
				fatal("%s: section %s does not start with \"%s\": was the module built by another modpost?\n",
				      path, KLP_RECORD_SECTION, KLP_RECORD_VERSION);
		} else if (!(wrong = parse_line(line, intree, &rl))) {
			out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
			out->v[out->n++] = rl;
		} else if (how == KLP_RECORD_STRICT) {
			fatal("%s: line %u of section %s is malformed: %s\n",
			      path, lineno, KLP_RECORD_SECTION, wrong);
		} else {
			out->nmalformed++;
		}
		free(line);
	}
}

void klp_record_free(struct klp_record *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].cname);
		free(r->v[i].object);
		free(r->v[i].name);
		free(r->v[i].identity);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

struct klp_record_line *klp_record_find(struct klp_record *r, const char *cname)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].cname, cname) == 0)
			return &r->v[i];
	return NULL;
}
