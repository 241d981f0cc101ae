// SPDX-License-Identifier: GPL-2.0
/*
 * Checks driven by an object's relocations, with the kernel profile's
 * tables (secmismatch.h):
 *
 *  - sections without SHF_ALLOC that are not known to be harmless;
 *  - exports recorded by relocations (6.12's .export_symbol, with -M);
 *  - section mismatches: references from code or data that stays to code
 *    or data that is discarded after init or never loaded (__init,
 *    __exit), and exception-table entries that point outside code.
 *
 * Section names decide everything, and the rules are shell patterns over
 * them.  An object can carry hundreds of thousands of relocations but only
 * a few dozen sections, so every section name is classified once per
 * object into a bit set of the pattern groups it belongs to; per
 * relocation, deciding "nothing to report" is then a couple of bit tests.
 * Symbol names only matter once a mismatch has been found.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "secmismatch.h"

#define PROFILE (kprofile.secmismatch)

static unsigned int nr_mismatches;

unsigned int section_mismatch_count(void)
{
	return nr_mismatches;
}

void section_mismatch_found(void)
{
	nr_mismatches++;
}

/* ---- shell patterns ---- */

/*
 * fnmatch(3) without flags, for the patterns used here: '*' matches any
 * run of characters (dots and slashes included), '?' any one character,
 * everything else itself.  The subject is taken literally.
 */
static bool glob_match(const char *pat, const char *s)
{
	const char *star_pat = NULL, *star_s = NULL;

	while (*s) {
		if (*pat == '*') {
			star_pat = ++pat;
			star_s = s;
		} else if (*pat == '?' || *pat == *s) {
			pat++;
			s++;
		} else if (star_pat) {
			/* let the last '*' swallow one more character */
			pat = star_pat;
			s = ++star_s;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

/* Does @s match one of the NULL-terminated @pats? */
static bool glob_match_any(const char *const *pats, const char *s)
{
	for (; *pats; pats++)
		if (glob_match(*pats, s))
			return true;
	return false;
}

/* ---- section classes ---- */

/*
 * Candidate patterns by the first two characters of a name: a section
 * name is tested against the few patterns that can match it, not against
 * all of them (objects have tens of sections, and there are thousands of
 * objects).  Patterns with a wildcard among their first two characters
 * are candidates for every name; bucket collisions only add candidates.
 */
typedef uint64_t pattern_set;
_Static_assert(SECMISMATCH_MAX_PATTERNS <= 64, "pattern_set too small");

static pattern_set pattern_buckets[256];
static bool pattern_buckets_ready;

static unsigned int bucket_of(unsigned char c0, unsigned char c1)
{
	return (c0 * 7u + c1) & 0xff;
}

static void build_pattern_buckets(void)
{
	if (PROFILE->npatterns > SECMISMATCH_MAX_PATTERNS)
		fatal("the kernel profile has %zu section patterns; at most %d fit\n",
		      PROFILE->npatterns, SECMISMATCH_MAX_PATTERNS);
	for (size_t i = 0; i < PROFILE->npatterns; i++) {
		const char *g = PROFILE->patterns[i].glob;
		pattern_set bit = (pattern_set)1 << i;

		if (g[0] == '*' || g[0] == '?' || g[0] == '\0' ||
		    g[1] == '*' || g[1] == '?') {
			for (size_t b = 0; b < ARRAY_SIZE(pattern_buckets); b++)
				pattern_buckets[b] |= bit;
		} else {
			pattern_buckets[bucket_of(g[0], g[1])] |= bit;
		}
	}
	pattern_buckets_ready = true;
}

static unsigned int classify_section_name(const char *name)
{
	unsigned int classes;
	pattern_set cand;

	if (!name[0])
		return 0;
	if (!pattern_buckets_ready)
		build_pattern_buckets();

	classes = SC_NAMED;
	cand = pattern_buckets[bucket_of(name[0], name[1])];
	while (cand) {
		unsigned int i = __builtin_ctzll(cand);

		cand &= cand - 1;
		if (glob_match(PROFILE->patterns[i].glob, name))
			classes |= PROFILE->patterns[i].classes;
	}
	return classes;
}

unsigned int section_classes(const struct secref_check *c, unsigned int shndx)
{
	/* special and out-of-range indices have no name */
	return shndx < c->elf->nsections ? c->classes[shndx] : 0;
}

/* ---- the rules ---- */

static const struct mismatch_rule *find_mismatch(unsigned int from,
						 unsigned int to)
{
	/* no section name (undefined or special symbol): nothing to judge */
	if (!(to & SC_NAMED))
		return NULL;
	for (size_t i = 0; i < PROFILE->nrules; i++) {
		const struct mismatch_rule *r = &PROFILE->rules[i];

		if (!(from & r->from))
			continue;
		if (to & r->bad)
			return r;
		if (r->good && !(to & r->good))
			return r;
	}
	return NULL;
}

bool mismatch_is_exempt(unsigned int from, const char *fromsym,
			unsigned int to, const char *tosym)
{
	for (size_t i = 0; i < PROFILE->nexemptions; i++) {
		const struct mismatch_exemption *e = &PROFILE->exemptions[i];

		if (e->unless_extra_warn && opts.extra_warn)
			continue;
		if (e->from && !(from & e->from))
			continue;
		if (e->to && !(to & e->to))
			continue;
		if (e->fromsym && !glob_match_any(e->fromsym, fromsym))
			continue;
		if (e->tosym && !glob_match_any(e->tosym, tosym))
			continue;
		return true;
	}
	return false;
}

static bool reloc_is_ignored(uint16_t machine, uint32_t type,
			     unsigned int from_classes)
{
	for (size_t i = 0; i < PROFILE->nignored_relocs; i++) {
		const struct ignored_reloc *ig = &PROFILE->ignored_relocs[i];

		if (ig->machine == machine && ig->type == type &&
		    (!ig->only_in_extable || (from_classes & SC_EXTABLE)))
			return true;
	}
	return false;
}

static bool machine_has_ignored_relocs(uint16_t machine)
{
	for (size_t i = 0; i < PROFILE->nignored_relocs; i++)
		if (PROFILE->ignored_relocs[i].machine == machine)
			return true;
	return false;
}

/* ---- one object ---- */

const struct elf_symbol *nearest_symbol(struct secref_check *c,
					unsigned int shndx, uint64_t addr,
					bool look_above, uint64_t max_distance)
{
	if (!c->nearest)
		c->nearest = symsearch_build(c->elf);
	return symsearch_nearest(c->nearest, c->elf, shndx, addr, look_above,
				 max_distance);
}

static void check_reloc_section(struct secref_check *c, unsigned int index)
{
	struct elf_file *elf = c->elf;
	const struct elf_section *rs = &elf->sections[index];
	struct reloc_section from = {
		.shndx = rs->info,
		.name = elf_section_name(elf, rs->info),
		.classes = section_classes(c, rs->info),
	};
	bool exports, skippable_relocs;
	unsigned int suspect = 0;
	bool needs_good = false;
	size_t n;

	if (from.classes & SC_UNCHECKED)
		return;

	n = elf_reloc_count(elf, rs);
	if (n == 0)
		return;

	if (rs->type == SHT_REL) {
		/* needed for every relocation, so an unknown machine fails at once */
		from.rel_target = PROFILE->rel_reader(elf->machine);
		if (!from.rel_target)
			fatal("Please add code to calculate addend for this architecture\n");
	}

	/* the stock tool compares indices even when there is no such section */
	exports = PROFILE->exports_section && opts.module_enabled &&
		  from.shndx == c->exports_shndx;
	if (!exports) {
		/* which target classes could make a rule fire from here? */
		for (size_t i = 0; i < PROFILE->nrules; i++) {
			if (!(from.classes & PROFILE->rules[i].from))
				continue;
			suspect |= PROFILE->rules[i].bad;
			if (PROFILE->rules[i].good)
				needs_good = true;
		}
		if (!needs_good && !(suspect & c->present))
			return;
	}

	skippable_relocs = rs->type == SHT_RELA &&
			   machine_has_ignored_relocs(elf->machine);

	for (size_t i = 0; i < n; i++) {
		struct mismatch m = { .from = &from };
		struct elf_reloc r;

		elf_reloc_get(elf, rs, i, &r);
		if (skippable_relocs &&
		    reloc_is_ignored(elf->machine, r.type, from.classes))
			continue;
		m.r = &r;
		m.sym = &elf->syms[r.sym];

		if (exports) {
			PROFILE->export_reloc(c, &r, m.sym);
			continue;
		}

		m.to_classes = section_classes(c, m.sym->shndx);
		/* the common case: a target no rule from here objects to */
		if (!(m.to_classes & suspect) && !needs_good)
			continue;
		m.rule = find_mismatch(from.classes, m.to_classes);
		if (!m.rule)
			continue;
		if (from.rel_target) {
			if (!from.rel_target(c, from.shndx, &r, m.sym, &m.target))
				continue;
		} else {
			m.target = PROFILE->rela_target(m.sym, &r);
		}
		PROFILE->report(c, &m);
	}
}

void check_sec_ref(struct module *mod, struct elf_file *elf)
{
	struct secref_check c = {
		.mod = mod,
		.elf = elf,
		.addr_mask = elf->is64 ? UINT64_MAX : UINT32_MAX,
	};

	if (PROFILE->exports_section)
		c.exports_shndx = elf_find_section(elf, PROFILE->exports_section);

	c.classes = xmalloc(elf->nsections * sizeof(*c.classes));
	for (unsigned int i = 0; i < elf->nsections; i++) {
		c.classes[i] = classify_section_name(elf->sections[i].name);
		c.present |= c.classes[i];
	}

	for (unsigned int i = 0; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		/*
		 * Usually a section declared in assembly without "a" (and
		 * "x"/"w"): its contents would not be loaded at all.
		 */
		if (s->type == SHT_PROGBITS && !(s->flags & SHF_ALLOC) &&
		    !(c.classes[i] & SC_UNCHECKED))
			warn("%s (%s): unexpected non-allocatable section.\n"
			     "Did you forget to use \"ax\"/\"aw\" in a .S file?\n"
			     "Note that for example <linux/init.h> contains\n"
			     "section definitions for use in .S files.\n\n",
			     PROFILE->name_object_file ? elf->path : mod->name,
			     s->name);

		if (elf_is_reloc_section(s))
			check_reloc_section(&c, i);
	}

	symsearch_free(c.nearest);
	free(c.classes);
}
