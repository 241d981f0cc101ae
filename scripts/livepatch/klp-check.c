// SPDX-License-Identifier: GPL-2.0
/*
 * modpost --klp-check [--strict] <ko>...: is the livepatch format of linked
 * modules intact?  Offline: the rules of the module loader and of
 * kernel/livepatch/core.c, no target kernel needed (--klp-verify resolves
 * the symbols against one).
 *
 * One "ERROR: modpost: <ko>: ..." line per problem, exit status 1 when
 * there is any; the kernel's own wording where it has one.  Deviations
 * the kernel does not mind are warnings (errors with --strict): today only
 * a missing SHF_INFO_LINK, which binutils' strip and objcopy drop.
 *
 * A module with no livepatch content at all (no "livepatch" modinfo, no
 * .klp.* sections or symbols, no modpost record) is "not a livepatch
 * module", exit status 0.
 */
#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elffile.h"
#include "klp-ko.h"
#include "klp-modes.h"
#include "klp-record.h"
#include "klp-rules.h"
#include "lib.h"
#include "modinfo.h"

#define PROBLEM_MAX 512
#define PROBLEMS_SHOWN 200	/* per module; a wrecked file need not flood the terminal */

struct check {
	const char *path;
	const struct elf_file *elf;
	bool strict;
	unsigned int errors, warnings;
	size_t nsyms, nrelas, nsections;
	struct klp_sym_name *names;	/* per symbol, valid where parsed[i] */
	bool *parsed;
	uint64_t *seen;			/* (section, symbol, kind) keys already reported */
	size_t nseen;
};

static void problem(struct check *c, bool is_error, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void problem(struct check *c, bool is_error, const char *fmt, ...)
{
	char msg[PROBLEM_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->strict)
		is_error = true;
	if (is_error)
		c->errors++;
	else
		c->warnings++;
	if (c->errors + c->warnings <= PROBLEMS_SHOWN)
		modpost_log(is_error, "%s: %s\n", c->path, msg);
}

/* Report each (section, symbol, kind) once, however many relocations share it. */
static bool first_time(struct check *c, unsigned int sec, unsigned int sym, unsigned int kind)
{
	uint64_t key = ((uint64_t)sec << 36) ^ ((uint64_t)sym << 4) ^ kind;

	if (c->nseen >= PROBLEMS_SHOWN)
		return true;	/* past what is shown: only the count matters */
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i] == key)
			return false;
	c->seen = xrealloc(c->seen, (c->nseen + 1) * sizeof(*c->seen));
	c->seen[c->nseen++] = key;
	return true;
}

/* ---- livepatch relocation sections: header rules, as data ---- */

/* Writes what is wrong into @buf and returns true; false when fine. */
typedef bool (*section_rule_fn)(const struct check *c, const struct elf_section *s,
				char *buf, size_t len);

static bool rule_name(const struct check *c, const struct elf_section *s, char *buf, size_t len)
{
	char object[KLP_OBJECT_NAME_MAX + 1];
	bool truncated;

	(void)c;
	if (!klp_parse_rela_name(s->name, object, &truncated)) {
		snprintf(buf, len, "section %s has an incorrectly formatted name", s->name);
		return true;
	}
	if (truncated) {
		snprintf(buf, len, "section %s: the object name is longer than %d characters; the kernel reads '%s' and never applies it",
			 s->name, KLP_OBJECT_NAME_MAX, object);
		return true;
	}
	return false;
}

static bool rule_type(const struct check *c, const struct elf_section *s, char *buf, size_t len)
{
	(void)c;
	if (s->type == SHT_RELA)
		return false;
	snprintf(buf, len, "section %s is not SHT_RELA (sh_type %u): the kernel reads it as Elf_Rela entries",
		 s->name, s->type);
	return true;
}

static bool rule_link(const struct check *c, const struct elf_section *s, char *buf, size_t len)
{
	if (c->elf->symtab_index && s->link == c->elf->symtab_index)
		return false;
	snprintf(buf, len, "section %s: sh_link is %u, not the symbol table (section %u)",
		 s->name, s->link, c->elf->symtab_index);
	return true;
}

static bool rule_info(const struct check *c, const struct elf_section *s, char *buf, size_t len)
{
	const struct elf_section *target = elf_section(c->elf, s->info);

	if (!target) {
		snprintf(buf, len, "section %s: sh_info %u is not a section (the module has %u)",
			 s->name, s->info, c->elf->nsections);
		return true;
	}
	if (!(target->flags & SHF_ALLOC)) {
		snprintf(buf, len, "section %s: its target %s (sh_info %u) is not SHF_ALLOC, so the loader never applies it",
			 s->name, target->name, s->info);
		return true;
	}
	if (elf_is_reloc_section(target) || target->type == SHT_SYMTAB) {
		snprintf(buf, len, "section %s: its target %s (sh_info %u) is not a section to relocate",
			 s->name, target->name, s->info);
		return true;
	}
	return false;
}

/* Module-specific relocations come too late for sections the loader consumes at load time. */
static bool rule_special_target(const struct check *c, const struct elf_section *s,
				char *buf, size_t len)
{
	char object[KLP_OBJECT_NAME_MAX + 1];
	const char *reason, *instead;

	if (!klp_parse_rela_name(s->name, object, NULL) || strcmp(object, KLP_VMLINUX_NAME) == 0 ||
	    !elf_section(c->elf, s->info))
		return false;
	reason = klp_special_section_reason(elf_section_name(c->elf, s->info), &instead);
	if (!reason)
		return false;
	snprintf(buf, len, "section %s: relocations for module %s into %s cannot work: %s",
		 s->name, object, elf_section_name(c->elf, s->info), reason);
	return true;
}

static bool rule_entsize(const struct check *c, const struct elf_section *s, char *buf, size_t len)
{
	unsigned int want = elf_rela_size(c->elf);

	if (s->entsize != want) {
		snprintf(buf, len, "section %s: sh_entsize is %" PRIu64 ", expected %u",
			 s->name, s->entsize, want);
		return true;
	}
	if (s->size % want) {
		snprintf(buf, len, "section %s: size %" PRIu64 " is not a multiple of %u",
			 s->name, s->size, want);
		return true;
	}
	return false;
}

/* A flag the section must have, and what happens without it. */
struct required_flag {
	uint64_t flag;
	const char *name;
	const char *consequence;
};

static const struct required_flag needs_livepatch = {
	SHF_RELA_LIVEPATCH, "SHF_RELA_LIVEPATCH",
	"the loader applies it as ordinary relocations against address 0",
};
static const struct required_flag needs_alloc = {
	SHF_ALLOC, "SHF_ALLOC",
	"relocations applied after the module's load image is freed would be read from freed memory",
};
static const struct required_flag needs_info_link = {
	SHF_INFO_LINK, "SHF_INFO_LINK",
	"the kernel does not need it; strip and objcopy drop it",
};

/* Either a rule function or a required flag. */
static const struct {
	section_rule_fn broken;
	const struct required_flag *needs;
	bool is_error;
} section_rules[] = {
	{ rule_name, NULL, true },
	{ NULL, &needs_livepatch, true },
	{ rule_type, NULL, true },
	{ NULL, &needs_alloc, true },
	{ NULL, &needs_info_link, false },
	{ rule_link, NULL, true },
	{ rule_info, NULL, true },
	{ rule_special_target, NULL, true },
	{ rule_entsize, NULL, true },
};

static bool lacks_flag(const struct required_flag *f, const struct elf_section *s,
		       char *buf, size_t len)
{
	if (s->flags & f->flag)
		return false;
	snprintf(buf, len, "section %s lacks %s (flags 0x%" PRIx64 "): %s",
		 s->name, f->name, s->flags, f->consequence);
	return true;
}

/* ---- relocations ---- */

enum { KIND_RANGE, KIND_NOT_LIVEPATCH, KIND_VMLINUX, KIND_OTHER_OBJECT, KIND_OFFSET, KIND_ORDINARY };

static void check_klp_relocation(struct check *c, unsigned int si, const char *object,
				 size_t k, const struct elf_reloc *r, bool sym_ok)
{
	const struct elf_file *elf = c->elf;
	const struct elf_section *rs = &elf->sections[si];
	const struct elf_section *target = elf_section(elf, rs->info);
	const struct elf_symbol *sym;

	if (!sym_ok) {
		if (first_time(c, si, r->sym, KIND_RANGE))
			problem(c, true, "section %s: relocation %zu refers to symbol %u, but the symbol table has %u entries",
				rs->name, k, r->sym, elf->nsyms);
		return;
	}
	if (target && target->type != SHT_NOBITS && r->offset >= target->size &&
	    first_time(c, si, 0, KIND_OFFSET))
		problem(c, true, "section %s: relocation %zu at offset 0x%" PRIx64 " is outside %s (%" PRIu64 " bytes)",
			rs->name, k, r->offset, target->name, target->size);
	sym = &elf->syms[r->sym];
	if (!klp_sym_is_livepatch(sym)) {
		if (first_time(c, si, r->sym, KIND_NOT_LIVEPATCH))
			problem(c, true, "section %s: symbol %s is not marked as a livepatch symbol",
				rs->name, *sym->name ? sym->name : "(unnamed)");
		return;
	}
	if (!c->parsed[r->sym] || !object)
		return;		/* reported with the symbol / the section */
	if (strcmp(c->names[r->sym].object, object) == 0)
		return;
	if (strcmp(c->names[r->sym].object, KLP_VMLINUX_NAME) == 0) {
		if (first_time(c, si, r->sym, KIND_VMLINUX))
			problem(c, true, "section %s: invalid access to vmlinux symbol '%s' from module-specific livepatch relocation section",
				rs->name, c->names[r->sym].name);
	} else if (first_time(c, si, r->sym, KIND_OTHER_OBJECT)) {
		problem(c, true, "section %s (object %s) refers to %s of object %s: the kernel resolves it when %s loads, not %s",
			rs->name, object, sym->name, c->names[r->sym].object, object,
			c->names[r->sym].object);
	}
}

static void check_klp_section(struct check *c, unsigned int si)
{
	const struct elf_section *rs = &c->elf->sections[si];
	char object[KLP_OBJECT_NAME_MAX + 1];
	bool named = klp_parse_rela_name(rs->name, object, NULL);
	char msg[PROBLEM_MAX];
	size_t n;

	c->nsections++;
	for (size_t i = 0; i < ARRAY_SIZE(section_rules); i++) {
		bool broken = section_rules[i].broken ?
			section_rules[i].broken(c, rs, msg, sizeof(msg)) :
			lacks_flag(section_rules[i].needs, rs, msg, sizeof(msg));

		if (broken)
			problem(c, section_rules[i].is_error, "%s", msg);
	}
	if (!elf_is_reloc_section(rs))
		return;
	n = elf_reloc_count_lenient(c->elf, rs);
	c->nrelas += n;
	for (size_t k = 0; k < n; k++) {
		struct elf_reloc r;
		bool ok = elf_reloc_decode(c->elf, rs, k, &r);

		check_klp_relocation(c, si, named ? object : NULL, k, &r, ok);
	}
}

/* Ordinary relocations the loader applies must not use livepatch symbols. */
static void check_ordinary_section(struct check *c, unsigned int si)
{
	const struct elf_file *elf = c->elf;
	const struct elf_section *rs = &elf->sections[si];
	const struct elf_section *target = elf_section(elf, rs->info);
	size_t n;

	if (!target || !(target->flags & SHF_ALLOC))
		return;
	n = elf_reloc_count_lenient(elf, rs);
	for (size_t k = 0; k < n; k++) {
		struct elf_reloc r;

		if (!elf_reloc_decode(elf, rs, k, &r))
			continue;	/* not ours to judge: modpost's ELF checks */
		if (klp_sym_is_livepatch(&elf->syms[r.sym]) &&
		    first_time(c, si, r.sym, KIND_ORDINARY))
			problem(c, true, "section %s (ordinary relocations for %s) refers to livepatch symbol %s: the loader resolves it to address 0",
				rs->name, target->name, elf->syms[r.sym].name);
	}
}

/* ---- symbols ---- */

static void check_symbols(struct check *c)
{
	const struct elf_file *elf = c->elf;

	for (unsigned int i = 1; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		bool lp = klp_sym_is_livepatch(sym);

		c->parsed[i] = klp_parse_sym_name(sym->name, &c->names[i]);
		if (lp)
			c->nsyms++;
		if (lp && !c->parsed[i])
			problem(c, true, "symbol %s has an incorrectly formatted name",
				*sym->name ? sym->name : "(unnamed)");
		else if (!lp && str_starts(sym->name, KLP_SYM_PREFIX))
			problem(c, true, "symbol %s lost its SHN_LIVEPATCH section index (st_shndx is 0x%x)%s",
				sym->name, sym->raw_shndx,
				sym->raw_shndx == SHN_UNDEF ? ": the loader reports it as an unknown symbol" : "");
	}
}

/* ---- finalization ---- */

static const struct elf_symbol *undefined_symbol(const struct elf_file *elf, const char *name)
{
	for (unsigned int i = 1; i < elf->nsyms; i++)
		if (elf->syms[i].raw_shndx == SHN_UNDEF && strcmp(elf->syms[i].name, name) == 0)
			return &elf->syms[i];
	return NULL;
}

static void check_finalized(struct check *c)
{
	const struct elf_file *elf = c->elf;
	struct klp_record rec;

	klp_record_read(elf, elf->path, KLP_RECORD_LENIENT, &rec);
	if (rec.present)
		problem(c, true, "unfinalized: section %s still holds the modpost record (%zu conversion%s): run modpost --klp-finalize",
			KLP_RECORD_SECTION, rec.n, rec.n == 1 ? "" : "s");
	if (rec.bad_header || rec.nmalformed)
		problem(c, true, "section %s is not a record of this modpost (%s)", KLP_RECORD_SECTION,
			rec.bad_header ? "unknown first line" : "malformed lines");
	for (size_t i = 0; i < rec.n; i++) {
		if (!undefined_symbol(elf, rec.v[i].cname))
			continue;
		if (rec.v[i].how == KLP_POSITION_FINAL)
			problem(c, true, "symbol %s is still undefined; the modpost record converts it to " KLP_SYM_PREFIX "%s.%s,%lu",
				rec.v[i].cname, rec.v[i].object, rec.v[i].name, rec.v[i].sympos);
		else	/* an in-tree record (klp-intree.h): the position comes with vmlinux */
			problem(c, true, "symbol %s is still undefined; the modpost record converts it to %s %s at its position in the final vmlinux (modpost --klp-finalize --vmlinux VMLINUX)",
				rec.v[i].cname, rec.v[i].object, rec.v[i].name);
	}
	klp_record_free(&rec);

	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		if (s->size && klp_is_annotation_section(s->name) &&
		    strcmp(s->name, KLP_RECORD_SECTION) != 0)
			problem(c, true, "unfinalized: annotation section %s is not empty: run modpost --klp-finalize",
				s->name);
	}
}

static bool has_livepatch_content(const struct elf_file *elf)
{
	if (modinfo_get(elf, "livepatch", NULL))
		return true;
	for (unsigned int i = 1; i < elf->nsections; i++)
		if (klp_is_klp_rela_section(&elf->sections[i]) ||
		    klp_is_annotation_section(elf->sections[i].name))
			return true;
	for (unsigned int i = 1; i < elf->nsyms; i++)
		if (klp_sym_is_livepatch(&elf->syms[i]) ||
		    str_starts(elf->syms[i].name, KLP_SYM_PREFIX))
			return true;
	return false;
}

static void check_module(struct elf_file *elf, void *arg)
{
	struct check *c = arg;

	c->elf = elf;
	if (!has_livepatch_content(elf)) {
		printf("%s: not a livepatch module\n", c->path);
		return;
	}
	c->names = xcalloc(elf->nsyms ? elf->nsyms : 1, sizeof(*c->names));
	c->parsed = xcalloc(elf->nsyms ? elf->nsyms : 1, sizeof(*c->parsed));
	check_symbols(c);
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		if (klp_is_klp_rela_section(s))
			check_klp_section(c, i);
		else if (elf_is_reloc_section(s))
			check_ordinary_section(c, i);
	}
	check_finalized(c);
	if ((c->nsyms || c->nsections) && !modinfo_get(elf, "livepatch", NULL))
		problem(c, true, "has livepatch symbols or relocations but no \"livepatch\" modinfo entry: klp_enable_patch() refuses it (module is not marked as a livepatch module)");
	if (c->errors + c->warnings > PROBLEMS_SHOWN)
		modpost_log(c->errors > 0, "%s: further problems not shown (first %d listed)\n",
			    c->path, PROBLEMS_SHOWN);
	if (!c->errors)
		printf("%s: livepatch format intact: %zu livepatch symbol%s, %zu relocation%s in %zu section%s%s\n",
		       c->path, c->nsyms, c->nsyms == 1 ? "" : "s", c->nrelas,
		       c->nrelas == 1 ? "" : "s", c->nsections, c->nsections == 1 ? "" : "s",
		       c->warnings ? " (with warnings)" : "");
	free(c->names);
	free(c->parsed);
	free(c->seen);
}

static int run(int argc, char **argv)
{
	bool strict = false, bad = false;
	int first = 1;

	if (argc > 1 && strcmp(argv[1], "--strict") == 0) {
		strict = true;
		first = 2;
	}
	if (first >= argc || strcmp(argv[first], "--help") == 0) {
		fprintf(first >= argc ? stderr : stdout, "usage: modpost --klp-check [--strict] MODULE.ko...\n");
		return first >= argc;
	}
	for (int i = first; i < argc; i++) {
		struct check c = { .path = argv[i], .strict = strict };

		if (!klp_ko_with(argv[i], check_module, &c) || c.errors)
			bad = true;
		fflush(stdout);
	}
	return bad ? 1 : 0;
}

const struct klp_mode klp_mode_check = {
	.name = "check",
	.usage = "[--strict] MODULE.ko...",
	.summary = "check that the livepatch ELF format of modules is intact (exit 1 and one error per problem if not)",
	.run = run,
};
