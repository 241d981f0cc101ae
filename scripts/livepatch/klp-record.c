// SPDX-License-Identifier: GPL-2.0
/* The modpost record (klp-record.h): writing it, and reading it back. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
		      const struct klp_record_line *lines, size_t n)
{
	buf_puts(b, "\n"
		    "/*\n"
		    " * Livepatch relocations resolved by modpost, for its post-link step:\n"
		    " * \"<symbol here> <object> <symbol there> <position>\" per line.\n"
		    " */\n"
		    "static const char __klp_modpost_record[] __used\n"
		    "__section(\"" KLP_RECORD_SECTION "\") =\n"
		    "\t\"" KLP_RECORD_VERSION "\\n\"\n");
	for (size_t i = 0; i < n; i++) {
		const struct klp_record_line *l = &lines[i];

		if (!name_is_recordable(l->cname) || !name_is_recordable(l->name)) {
			error("livepatch: \"%s\" [%s.ko]: symbol names with spaces, quotes or control\n"
			      "\tcharacters cannot be converted\n", l->cname, modname);
			continue;
		}
		buf_printf(b, "\t\"%s %s %s %lu\\n\"\n", l->cname, l->object, l->name, l->sympos);
	}
	buf_puts(b, "\t;\n");
}

/* ---- reading ---- */

/* One line into *@out; NULL, or what is wrong with it. */
static const char *parse_line(char *line, struct klp_record_line *out)
{
	char *save = NULL, *pos, *end;

	memset(out, 0, sizeof(*out));
	out->cname = strtok_r(line, " ", &save);
	out->object = strtok_r(NULL, " ", &save);
	out->name = strtok_r(NULL, " ", &save);
	pos = strtok_r(NULL, " ", &save);
	if (!out->cname || !out->object || !out->name || !pos || strtok_r(NULL, " ", &save))
		return "not four fields";
	errno = 0;
	out->sympos = strtoul(pos, &end, 10);
	if (*pos < '0' || *pos > '9' || *end || errno)
		return "a position that is no unsigned decimal number of the kernel's size";
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
			out->bad_header = strcmp(line, KLP_RECORD_VERSION) != 0;
			if (out->bad_header && how == KLP_RECORD_STRICT)
				fatal("%s: section %s does not start with \"%s\": was the module built by another modpost?\n",
				      path, KLP_RECORD_SECTION, KLP_RECORD_VERSION);
		} else if (!(wrong = parse_line(line, &rl))) {
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
