// SPDX-License-Identifier: GPL-2.0
/*
 * Checks driven by an object's relocations:
 *
 *  - sections without SHF_ALLOC that are not known to be harmless;
 *  - with -M, the .export_symbol entries (each names one export, its
 *    license and its namespace) are validated and registered;
 *  - section mismatches: references from code or data that stays to code
 *    or data that is discarded after init or never loaded (__init,
 *    __exit), and exception-table entries that point outside code.
 *
 * Section names decide everything, and the rules are shell patterns over
 * them.  An object can carry hundreds of thousands of relocations but only
 * a few dozen sections, so every section name is classified once per
 * object into a bit set of the pattern groups it belongs to; per
 * relocation, deciding "nothing to report" is then a couple of bit tests.
 * Symbol names only matter once a mismatch has been found, and the
 * nearest-symbol index is built only then (or for the first export).
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secmismatch.h"

#ifndef EM_RISCV
#define EM_RISCV	243
#endif
#ifndef EM_LOONGARCH
#define EM_LOONGARCH	258
#endif
#ifndef R_RISCV_SUB32
#define R_RISCV_SUB32	39
#endif
#ifndef R_LARCH_SUB32
#define R_LARCH_SUB32	55
#endif
#ifndef R_LARCH_RELAX
#define R_LARCH_RELAX	100
#endif
#ifndef R_LARCH_ALIGN
#define R_LARCH_ALIGN	102
#endif

static unsigned int nr_mismatches;

unsigned int section_mismatch_count(void)
{
	return nr_mismatches;
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

static bool glob_match_any(const char *const *pats, const char *s)
{
	for (; *pats; pats++)
		if (glob_match(*pats, s))
			return true;
	return false;
}

/* ---- section classes ---- */


struct section_pattern {
	const char *glob;
	unsigned int classes;
};

static const struct section_pattern section_patterns[] = {
	/* debugging and toolchain notes: never loaded, never checked */
	{ ".comment*",			SC_UNCHECKED },
	{ ".debug*",			SC_UNCHECKED },
	{ ".zdebug*",			SC_UNCHECKED },	/* compressed debug info */
	{ ".GCC.command.line",		SC_UNCHECKED },	/* -frecord-gcc-switches */
	{ ".mdebug*",			SC_UNCHECKED },	/* alpha, mips */
	{ ".pdr",			SC_UNCHECKED },	/* alpha, mips */
	{ ".stab*",			SC_UNCHECKED },
	{ ".note*",			SC_UNCHECKED },
	{ ".got*",			SC_UNCHECKED },
	{ ".toc*",			SC_UNCHECKED },
	{ ".xt.prop",			SC_UNCHECKED },	/* xtensa */
	{ ".xt.lit",			SC_UNCHECKED },	/* xtensa */
	{ ".arcextmap*",		SC_UNCHECKED },	/* arc */
	{ ".gnu.linkonce.arcext*",	SC_UNCHECKED },	/* arc */
	{ ".cmem*",			SC_UNCHECKED },	/* EZchip */
	{ ".fmt_slot*",			SC_UNCHECKED },	/* EZchip */
	{ ".gnu.lto*",			SC_UNCHECKED },
	{ ".discard.*",			SC_UNCHECKED },
	{ ".llvm.call-graph-profile",	SC_UNCHECKED },

	/* ordinary code */
	{ ".text",			SC_KEPT | SC_CODE },
	{ ".text.*",			SC_KEPT | SC_CODE },
	{ ".sched.text",		SC_KEPT | SC_CODE },
	{ ".kprobes.text",		SC_KEPT | SC_CODE },
	{ ".cpuidle.text",		SC_KEPT | SC_CODE },
	{ ".noinstr.text",		SC_KEPT | SC_CODE },
	{ ".ltext",			SC_KEPT | SC_CODE },
	{ ".ltext.*",			SC_KEPT | SC_CODE },
	/* ordinary data (only these two names count as data here) */
	{ ".data",			SC_KEPT | SC_DATA },
	{ ".data.rel",			SC_KEPT | SC_DATA },

	/* code that is neither ordinary nor init/exit, but may take faults */
	{ ".ref.text",			SC_CODE },
	{ ".head.text",			SC_CODE },
	{ ".spinlock.text",		SC_CODE },
	{ ".fixup",			SC_CODE },
	{ ".entry.text",		SC_CODE },
	{ ".exception.text",		SC_CODE },
	{ ".coldtext",			SC_CODE },
	{ ".softirqentry.text",		SC_CODE },
	{ ".irqentry.text",		SC_CODE },
	{ ".head.text*",		SC_HEAD_TEXT },

	/* init and exit */
	{ ".init.*",			SC_INIT },
	{ ".exit.*",			SC_EXIT },
	{ ".init.text",			SC_CODE | SC_INIT_TEXT },
	{ ".exit.text",			SC_CODE },
	{ ".init.setup",		SC_INIT_DATA },
	{ ".init.rodata",		SC_INIT_DATA },
	{ ".init.data",			SC_INIT_DATA },

	{ ".pci_fixup_early",		SC_PCI_FIXUP },
	{ ".pci_fixup_header",		SC_PCI_FIXUP },
	{ ".pci_fixup_final",		SC_PCI_FIXUP },
	{ ".pci_fixup_enable",		SC_PCI_FIXUP },
	{ ".pci_fixup_resume",		SC_PCI_FIXUP },
	{ ".pci_fixup_resume_early",	SC_PCI_FIXUP },
	{ ".pci_fixup_suspend",		SC_PCI_FIXUP },

	{ "__ex_table",			SC_EXTABLE },
	{ ".altinstr_replacement",	SC_ALTINSTR },
};

/*
 * Candidate patterns by the first two characters of a name: a section
 * name is tested against the few patterns that can match it, not against
 * all of them (objects have tens of sections, and there are thousands of
 * objects).  Patterns with a wildcard among their first two characters
 * are candidates for every name; bucket collisions only add candidates.
 */
typedef uint64_t pattern_set;
_Static_assert(ARRAY_SIZE(section_patterns) <= 64, "pattern_set too small");

static pattern_set pattern_buckets[256];
static bool pattern_buckets_ready;

static unsigned int bucket_of(unsigned char c0, unsigned char c1)
{
	return (c0 * 7u + c1) & 0xff;
}

static void build_pattern_buckets(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(section_patterns); i++) {
		const char *g = section_patterns[i].glob;
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
		if (glob_match(section_patterns[i].glob, name))
			classes |= section_patterns[i].classes;
	}
	return classes;
}

/* ---- the rules ---- */

enum mismatch_kind {
	MISMATCH_PLAIN,		/* report and count */
	MISMATCH_EXTABLE,	/* report, then judge the exception entry */
};

/*
 * A reference from a section in @from to one in @bad, or (when @good is
 * set) to one outside @good, is a mismatch.  The first rule whose @from
 * matches and that condemns the reference decides.
 */
struct mismatch_rule {
	unsigned int from;
	unsigned int bad;
	unsigned int good;
	enum mismatch_kind kind;
};

static const struct mismatch_rule mismatch_rules[] = {
	/* kept code and data must not point at what goes away */
	{ SC_KEPT,	SC_INIT | SC_EXIT,	0,	MISMATCH_PLAIN },
	/* init code never runs together with exit code */
	{ SC_INIT,	SC_EXIT,		0,	MISMATCH_PLAIN },
	{ SC_EXIT,	SC_INIT,		0,	MISMATCH_PLAIN },
	/* PCI fixups run for hot-plugged devices, long after init */
	{ SC_PCI_FIXUP,	SC_INIT,		0,	MISMATCH_PLAIN },
	/* exception fixups must land in code, never in alternatives */
	{ SC_EXTABLE,	SC_ALTINSTR,		SC_CODE, MISMATCH_EXTABLE },
};

static const struct mismatch_rule *find_mismatch(unsigned int from,
						 unsigned int to)
{
	/* no section name (undefined or special symbol): nothing to judge */
	if (!(to & SC_NAMED))
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(mismatch_rules); i++) {
		const struct mismatch_rule *r = &mismatch_rules[i];

		if (!(from & r->from))
			continue;
		if (to & r->bad)
			return r;
		if (r->good && !(to & r->good))
			return r;
	}
	return NULL;
}

#define GLOBS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/*
 * References that look like mismatches but are known to be fine.  Every
 * given condition must hold: @from/@to (any of the classes, 0 = any
 * section), @fromsym/@tosym (any of the patterns, NULL = any symbol).
 */
struct mismatch_exemption {
	unsigned int from;
	unsigned int to;
	const char *const *fromsym;
	const char *const *tosym;
};

static const struct mismatch_exemption mismatch_exemptions[] = {
	/* module parameters in init data are legal with permission 0 */
	{ SC_DATA, SC_INIT_DATA, GLOBS("__param*"), NULL },
	/* so are module_param_call() ops with an __init setter */
	{ SC_DATA, SC_INIT_TEXT, GLOBS("__param_ops_*"), NULL },
	/* operation tables that are only used while init code still exists */
	{ SC_DATA, SC_INIT | SC_EXIT,
	  GLOBS("*_ops", "*_probe", "*_console"), NULL },
	/* early boot code runs before init memory is freed */
	{ SC_HEAD_TEXT, SC_INIT, NULL, NULL },
	/* markers of the init area's bounds own no memory */
	{ 0, 0, NULL, GLOBS("__init_begin", "_sinittext", "_einittext") },
	/* gcc clones specialised on init-time constants */
	{ SC_CODE, SC_INIT, GLOBS("*.constprop.*"), NULL },
};

static bool mismatch_is_exempt(unsigned int from, const char *fromsym,
			       unsigned int to, const char *tosym)
{
	for (size_t i = 0; i < ARRAY_SIZE(mismatch_exemptions); i++) {
		const struct mismatch_exemption *e = &mismatch_exemptions[i];

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

/*
 * Relocations that do not reference a symbol in a way that matters:
 * RISC-V and LoongArch exception tables store differences of two labels
 * (the SUB half of each pair is skipped); LoongArch linker-relaxation
 * markers refer to nothing at all.
 */
struct ignored_reloc {
	uint16_t machine;
	uint32_t type;
	bool only_in_extable;
};

static const struct ignored_reloc ignored_relocs[] = {
	{ EM_RISCV,	R_RISCV_SUB32,	true },
	{ EM_LOONGARCH,	R_LARCH_SUB32,	true },
	{ EM_LOONGARCH,	R_LARCH_RELAX,	false },
	{ EM_LOONGARCH,	R_LARCH_ALIGN,	false },
};

static bool reloc_is_ignored(uint16_t machine, uint32_t type,
			     unsigned int from_classes)
{
	for (size_t i = 0; i < ARRAY_SIZE(ignored_relocs); i++) {
		const struct ignored_reloc *ig = &ignored_relocs[i];

		if (ig->machine == machine && ig->type == type &&
		    (!ig->only_in_extable || (from_classes & SC_EXTABLE)))
			return true;
	}
	return false;
}

static bool machine_has_ignored_relocs(uint16_t machine)
{
	for (size_t i = 0; i < ARRAY_SIZE(ignored_relocs); i++)
		if (ignored_relocs[i].machine == machine)
			return true;
	return false;
}

/* ---- one object ---- */


unsigned int section_classes(const struct secref_check *c,
				    unsigned int shndx)
{
	/* special and out-of-range indices have no name */
	return shndx < c->elf->nsections ? c->classes[shndx] : 0;
}

const struct elf_symbol *nearest_symbol(struct secref_check *c,
					       unsigned int shndx, uint64_t addr,
					       bool look_above,
					       uint64_t max_distance)
{
	if (!c->nearest)
		c->nearest = symsearch_build(c->elf);
	return symsearch_nearest(c->nearest, c->elf, shndx, addr, look_above,
				 max_distance);
}

/* ---- mismatches ---- */

/* The section a relocation section applies to, as the checks see it. */
struct reloc_section {
	unsigned int shndx;		/* the section it patches */
	const char *name;		/* ... and its name */
	unsigned int classes;		/* ... and its classes */
	rel_target_fn *rel_target;	/* REL only */
};

static bool section_is_code(const struct elf_file *elf, unsigned int shndx)
{
	return shndx < elf->nsections &&
	       (elf->sections[shndx].flags & SHF_EXECINSTR);
}

static void report_mismatch(struct secref_check *c,
			    const struct reloc_section *from,
			    const struct mismatch_rule *rule,
			    const struct elf_reloc *r,
			    const struct elf_symbol *sym, unsigned int tocls)
{
	const struct elf_file *elf = c->elf;
	const char *modname = c->mod->name;
	const char *tosec = elf_section_name(elf, sym->shndx);
	const struct elf_symbol *fromsym, *tosym;
	const char *fromname, *toname;
	uint64_t faddr = r->offset, taddr;
	char taddr_str[16];

	if (from->rel_target)
		taddr = from->rel_target(c, from->shndx, r, sym);
	else
		taddr = sym->value + (uint64_t)r->addend;
	taddr &= c->addr_mask;

	fromsym = nearest_symbol(c, from->shndx, faddr, false, UINT64_MAX);
	fromname = fromsym ? fromsym->name : "";

	/*
	 * Name the target after the relocation's symbol if it has a usable
	 * name (section symbols and local labels do not); else after a symbol
	 * within 20 bytes of the target address, which is a guess.
	 */
	tosym = sym;
	if (!elf_name_is_valid(sym->name)) {
		const struct elf_symbol *near =
			nearest_symbol(c, sym->shndx, taddr, true, 20);

		if (near)
			tosym = near;
	}
	toname = tosym->name;

	if (mismatch_is_exempt(from->classes, fromname, tocls, toname))
		return;

	nr_mismatches++;

	if (!toname[0])
		snprintf(taddr_str, sizeof(taddr_str), "0x%x", (unsigned int)taddr);

	warn("%s: section mismatch in reference: %s%s0x%x (section: %s) -> %s (section: %s)\n",
	     modname, fromname, fromname[0] ? "+" : "",
	     (unsigned int)(faddr - (fromname[0] ? fromsym->value : 0)),
	     from->name, toname[0] ? toname : taddr_str, tosec);

	if (rule->kind != MISMATCH_EXTABLE)
		return;

	if (tocls & rule->bad)
		fatal("The relocation at %s+0x%" PRIx64 " references\n"
		      "section \"%s\" which is black-listed.\n"
		      "Something is seriously wrong and should be fixed.\n"
		      "You might get more information about where this is\n"
		      "coming from by using scripts/check_extable.sh %s\n",
		      from->name, faddr, tosec, modname);
	else if (section_is_code(elf, tosym->shndx))
		warn("The relocation at %s+0x%" PRIx64 " references\n"
		     "section \"%s\" which is not in the list of\n"
		     "authorized sections.  If you're adding a new section\n"
		     "and/or if this reference is valid, add \"%s\" to the\n"
		     "list of authorized sections to jump to on fault.\n"
		     "This can be achieved by adding \"%s\" to\n"
		     "OTHER_TEXT_SECTIONS in scripts/mod/modpost.c.\n",
		     from->name, faddr, tosec, tosec, tosec);
	else
		error("%s+0x%" PRIx64 " references non-executable section '%s'\n",
		      from->name, faddr, tosec);
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
		from.rel_target = rel_target_for(elf->machine);
		if (!from.rel_target)
			fatal("Please add code to calculate addend for this architecture\n");
	}

	/* the stock tool compares indices even when there is no .export_symbol */
	exports = opts.module_enabled && from.shndx == elf->export_symbol_index;
	if (!exports) {
		/* which target classes could make a rule fire from here? */
		for (size_t i = 0; i < ARRAY_SIZE(mismatch_rules); i++) {
			if (!(from.classes & mismatch_rules[i].from))
				continue;
			suspect |= mismatch_rules[i].bad;
			if (mismatch_rules[i].good)
				needs_good = true;
		}
		if (!needs_good && !(suspect & c->present))
			return;
	}

	skippable_relocs = rs->type == SHT_RELA &&
			   machine_has_ignored_relocs(elf->machine);

	for (size_t i = 0; i < n; i++) {
		const struct mismatch_rule *rule;
		const struct elf_symbol *sym;
		struct elf_reloc r;
		unsigned int tocls;

		elf_reloc_get(elf, rs, i, &r);
		if (skippable_relocs &&
		    reloc_is_ignored(elf->machine, r.type, from.classes))
			continue;
		sym = &elf->syms[r.sym];

		if (exports) {
			check_export(c, &r, sym);
			continue;
		}

		tocls = section_classes(c, sym->shndx);
		/* the common case: a target no rule from here objects to */
		if (!(tocls & suspect) && !needs_good)
			continue;
		rule = find_mismatch(from.classes, tocls);
		if (rule)
			report_mismatch(c, &from, rule, &r, sym, tocls);
	}
}

void check_sec_ref(struct module *mod, struct elf_file *elf)
{
	struct secref_check c = {
		.mod = mod,
		.elf = elf,
		.addr_mask = elf->is64 ? UINT64_MAX : UINT32_MAX,
	};

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
			     mod->name, s->name);

		if (s->type == SHT_REL || s->type == SHT_RELA)
			check_reloc_section(&c, i);
	}

	symsearch_free(c.nearest);
	free(c.classes);
}
