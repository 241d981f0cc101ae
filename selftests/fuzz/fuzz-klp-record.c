// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "klp-record": the bytes of a .klp.modpost section (the
 * modpost record, klp-record.h) and the livepatch names built from it.
 *
 *  - klp_record_read(), lenient (--klp-check, --klp-dump) and strict
 *    (--klp-finalize, where a bad record is fatal);
 *  - every line read is written back with klp_record_write() as the .mod.c
 *    block modpost writes, one line at a time: a line the writer accepts
 *    (no error) must be a valid C string literal whose text reads back
 *    as the same line (checked here);
 *  - the ".klp.sym.<object>.<name>,<pos>" name --klp-finalize makes of a
 *    line whose names are valid must parse back, as the kernel parses it
 *    (klp_parse_sym_name()), to the same three parts (checked here); each
 *    input line is also given to both name parsers as is.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/uapi/linux/livepatch.h"
#include "fuzz.h"
#include "klp-elf-names.h"
#include "klp-record.h"
#include "klp-rules.h"

static volatile unsigned long sink;

struct input {
	char *data;
	size_t size;
	enum klp_record_reading how;
	struct klp_record rec;
};

static void read_record(void *arg)
{
	struct input *in = arg;
	struct elf_section sections[2] = {
		{ .name = "" },
		{ .name = KLP_RECORD_SECTION, .type = SHT_PROGBITS,
		  .data = (unsigned char *)in->data, .size = in->size },
	};
	struct elf_file elf = { .path = "lp.ko", .sections = sections, .nsections = 2 };

	klp_record_read(&elf, elf.path, in->how, &in->rec);
}

/*
 * The text of the C string literal at *@p (after the opening quote), with
 * the escapes a C compiler applies; NULL when the literal is not closed on
 * its line.
 */
static char *c_literal(const char **p)
{
	const char *s = *p;
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		abort();
	for (; *s && *s != '\n'; s++) {
		if (*s == '"') {
			*o = '\0';
			*p = s + 1;
			return out;
		}
		if (*s == '\\') {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
			if (!*s)
				break;
			continue;
		}
		*o++ = *s;
	}
	free(out);
	return NULL;
}

/* The record text a C compiler makes of klp_record_write()'s block. */
static char *compiled_text(const char *block)
{
	const char *p = strstr(block, "__section(\"" KLP_RECORD_SECTION "\") =\n");
	size_t len = 0;
	char *text;

	fuzz_assert(p, "no record definition in the .mod.c block");
	p = strchr(p, '\n') + 1;
	text = calloc(1, strlen(p) + 1);
	if (!text)
		abort();
	/* "\t\"...\"\n" literals, concatenated, up to "\t;" */
	while (*p == '\t' && p[1] == '"') {
		char *piece;

		p += 2;
		piece = c_literal(&p);
		fuzz_assert(piece, "unterminated C string literal in the .mod.c block:\n%s", block);
		fuzz_assert(*p == '\n', "text after a C string literal in the .mod.c block:\n%s",
			    block);
		p++;
		memcpy(text + len, piece, strlen(piece));
		len += strlen(piece);
		free(piece);
	}
	fuzz_assert(strncmp(p, "\t;", 2) == 0, "the record block does not end as expected:\n%s",
		    block);
	return text;
}

static void round_trip(const struct klp_record_line *l)
{
	struct buffer b = { 0 };
	char *text, *want;
	int n;

	modpost_log_reset();
	klp_record_write(&b, "m", l, 1, false);
	buf_write(&b, "", 1);
	if (error_occurred()) {
		/* refused: the line is not in the block */
		modpost_log_reset();
		buf_free(&b);
		return;
	}
	text = compiled_text(b.p);
	switch (l->how) {
	case KLP_POSITION_FINAL:
		n = asprintf(&want, KLP_RECORD_VERSION "\n%s %s %s %lu\n", l->cname, l->object,
			     l->name, l->sympos);
		break;
	case KLP_POSITION_IDENTITY:
		n = asprintf(&want, KLP_RECORD_VERSION_INTREE "\n%s %s %s @%s\n", l->cname,
			     l->object, l->name, l->identity);
		break;
	case KLP_POSITION_ANNOTATED:
		n = asprintf(&want, KLP_RECORD_VERSION_INTREE "\n%s %s %s =%lu\n", l->cname,
			     l->object, l->name, l->sympos);
		break;
	case KLP_POSITION_AMBIGUOUS:
	default:
		n = asprintf(&want, KLP_RECORD_VERSION_INTREE "\n%s %s %s ?\n", l->cname,
			     l->object, l->name);
		break;
	}
	if (n < 0)
		abort();
	fuzz_assert(strcmp(text, want) == 0,
		    "the .mod.c block of record line \"%s %s %s %lu\" compiles to a different record:\n%s",
		    l->cname, l->object, l->name, l->sympos, b.p);
	free(want);
	free(text);
	buf_free(&b);
}

static void names(const struct klp_record_line *l)
{
	struct klp_sym_name n;
	char object[KLP_OBJECT_NAME_MAX + 1];
	char *sym;

	if (!klp_object_name_ok(l->object) || !klp_symbol_name_ok(l->name))
		return;
	/* what --klp-finalize names the symbol, and how the kernel reads it */
	if (asprintf(&sym, KLP_SYM_PREFIX "%s.%s,%lu", l->object, l->name, l->sympos) < 0)
		abort();
	fuzz_assert(klp_parse_sym_name(sym, &n) && strcmp(n.object, l->object) == 0 &&
		    strcmp(n.name, l->name) == 0 && n.sympos == l->sympos,
		    "symbol name %s does not parse back", sym);
	free(sym);
	if (asprintf(&sym, KLP_RELA_PREFIX "%s..text", l->object) < 0)
		abort();
	fuzz_assert(klp_parse_rela_name(sym, object, NULL) && strcmp(object, l->object) == 0,
		    "section name %s does not parse back", sym);
	free(sym);
}

static void check_lines(void *arg)
{
	struct klp_record *r = arg;

	for (size_t i = 0; i < r->n; i++) {
		const struct klp_record_line *l = &r->v[i];

		fuzz_assert(klp_record_find(r, l->cname), "line %zu is not found by its name", i);
		round_trip(l);
		names(l);
	}
}

/* Every input line as a livepatch symbol and section name. */
static void parse_raw_lines(const char *text)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *line = strndup(text, len);
		char object[KLP_OBJECT_NAME_MAX + 1];
		struct klp_sym_name n;
		bool truncated;

		if (!line)
			abort();
		if (klp_parse_sym_name(line, &n))
			sink += strlen(n.object) + strlen(n.name) + n.sympos;
		if (klp_parse_rela_name(line, object, &truncated))
			sink += strlen(object) + truncated;
		free(line);
		text += len + (text[len] ? 1 : 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { 0 };

	fuzz_begin();
	in.data = fuzz_copy(data, size);
	in.size = size;
	parse_raw_lines(in.data);

	in.how = KLP_RECORD_LENIENT;
	if (fuzz_call(read_record, &in)) {
		fuzz_call(check_lines, &in.rec);
		klp_record_free(&in.rec);
	}
	in.how = KLP_RECORD_STRICT;
	if (fuzz_call(read_record, &in))
		klp_record_free(&in.rec);
	return 0;
}
