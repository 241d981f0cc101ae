// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1: the section-mismatch tables, how both ends of a reference
 * are named, and the wording.
 *
 * Differences from 6.12 that show in the messages:
 *   - messages name the object file ("x.o"), and no offsets:
 *       "x.o: section mismatch in reference: <fromsym> (section: <sec>)
 *        -> <tosym> (section: <sec>)";
 *   - .meminit.* is a section class of its own (init code kept with
 *     memory hotplug): meminit must not reference init;
 *   - exports are checked as references from ___ksymtab* sections:
 *       "x.o: EXPORT_SYMBOL used for init/exit symbol: <sym> (section: <sec>)";
 *   - more exempt symbol names (*_template, *_timer, *_sht, *_probe_one,
 *     *driver), and data -> .exit.* from *driver is hidden unless -W;
 *   - the source is the nearest symbol at or below the place whose
 *     section has the same name (ties: the last in the symbol table); the
 *     target is the relocation's symbol when it has a name at all, else
 *     a symbol within 20 bytes of the addend alone; "(unknown)" when
 *     there is none;
 *   - only empty names and ARM mapping symbols ($a, $d, $t, $x) are
 *     unusable names;
 *   - exception-table entries get their own message, and the "not in the
 *     list of authorized sections" note is printed without a prefix.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "profile-6.1.h"
#include "secmismatch.h"

#ifndef EM_RISCV
#define EM_RISCV	243
#endif
#ifndef R_RISCV_SUB32
#define R_RISCV_SUB32	39
#endif

static const struct section_pattern section_patterns[] = {
	/* debugging and toolchain notes: never loaded, never checked */
	{ ".comment*",			SC_UNCHECKED },
	{ ".debug*",			SC_UNCHECKED },
	{ ".zdebug*",			SC_UNCHECKED },	/* compressed debug info */
	{ ".GCC.command.line",		SC_UNCHECKED },	/* -frecord-gcc-switches */
	{ ".mdebug*",			SC_UNCHECKED },	/* alpha, score, mips */
	{ ".pdr",			SC_UNCHECKED },	/* alpha, score, mips */
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

	/* init, meminit and exit */
	{ ".init.*",			SC_INIT },
	{ ".meminit.*",			SC_MEMINIT },
	{ ".exit.*",			SC_EXIT },
	{ ".init.text",			SC_CODE | SC_INIT_TEXT },
	{ ".meminit.text",		SC_CODE },
	{ ".exit.text",			SC_CODE },
	{ ".init.setup",		SC_INIT_DATA },
	{ ".init.rodata",		SC_INIT_DATA },
	{ ".meminit.rodata",		SC_INIT_DATA },
	{ ".init.data",			SC_INIT_DATA },
	{ ".meminit.data",		SC_INIT_DATA },

	{ ".pci_fixup_early",		SC_PCI_FIXUP },
	{ ".pci_fixup_header",		SC_PCI_FIXUP },
	{ ".pci_fixup_final",		SC_PCI_FIXUP },
	{ ".pci_fixup_enable",		SC_PCI_FIXUP },
	{ ".pci_fixup_resume",		SC_PCI_FIXUP },
	{ ".pci_fixup_resume_early",	SC_PCI_FIXUP },
	{ ".pci_fixup_suspend",		SC_PCI_FIXUP },

	{ "___ksymtab*",		SC_KSYMTAB },
	{ "__ex_table",			SC_EXTABLE },
	{ ".altinstr_replacement",	SC_ALTINSTR },
};

_Static_assert(ARRAY_SIZE(section_patterns) <= SECMISMATCH_MAX_PATTERNS,
	       "too many section patterns");

static const struct mismatch_rule mismatch_rules[] = {
	/* kept code and data must not point at what goes away */
	{ SC_KEPT,	SC_INIT | SC_MEMINIT,	0,	MISMATCH_PLAIN },
	{ SC_KEPT,	SC_EXIT,		0,	MISMATCH_PLAIN },
	/* meminit code stays longer than init code */
	{ SC_MEMINIT,	SC_INIT,		0,	MISMATCH_PLAIN },
	/* init code never runs together with exit code */
	{ SC_INIT | SC_MEMINIT, SC_EXIT,	0,	MISMATCH_PLAIN },
	{ SC_EXIT,	SC_INIT | SC_MEMINIT,	0,	MISMATCH_PLAIN },
	/* PCI fixups run for hot-plugged devices, long after init */
	{ SC_PCI_FIXUP,	SC_INIT,		0,	MISMATCH_PLAIN },
	/* exports of what goes away */
	{ SC_KSYMTAB,	SC_INIT | SC_EXIT,	0,	MISMATCH_EXPORT },
	/* exception fixups must land in code, never in alternatives */
	{ SC_EXTABLE,	SC_ALTINSTR,		SC_CODE, MISMATCH_EXTABLE },
};

/* References that look like mismatches but are known to be fine. */
static const struct mismatch_exemption mismatch_exemptions[] = {
	/* module parameters in init data are legal with permission 0 */
	{ .from = SC_DATA, .to = SC_INIT_DATA, .fromsym = GLOBS("__param*") },
	/* so are module_param_call() ops with an __init setter */
	{ .from = SC_DATA, .to = SC_INIT_TEXT, .fromsym = GLOBS("__param_ops_*") },
	/* data structures that are only used while init code still exists */
	{ .from = SC_DATA, .to = SC_INIT | SC_MEMINIT | SC_EXIT,
	  .fromsym = GLOBS("*_template", "*_timer", "*_sht", "*_ops",
			   "*_probe", "*_probe_one", "*_console") },
	/* drivers may point at meminit code */
	{ .from = SC_DATA, .to = SC_MEMINIT, .fromsym = GLOBS("*driver") },
	/* ... and at exit code: too many offenders, shown only with W=1 */
	{ .from = SC_DATA, .to = SC_EXIT, .fromsym = GLOBS("*driver"),
	  .unless_extra_warn = true },
	/* early boot code runs before init memory is freed */
	{ .from = SC_HEAD_TEXT, .to = SC_INIT | SC_MEMINIT },
	/* markers of the init area's bounds own no memory */
	{ .tosym = GLOBS("__init_begin", "_sinittext", "_einittext") },
	/* gcc clones specialised on init-time constants */
	{ .from = SC_CODE, .to = SC_INIT | SC_MEMINIT,
	  .fromsym = GLOBS("*.constprop.*") },
	/* compiler-generated local labels (section anchors) */
	{ .fromsym = GLOBS(".L*") },
};

/* RISC-V exception tables store label differences: skip the SUB half */
static const struct ignored_reloc ignored_relocs[] = {
	{ EM_RISCV,	R_RISCV_SUB32,	true },
};

/* ---- naming both ends ---- */

#define UNKNOWN_NAME "(unknown)"

/* Only empty names and ARM's mapping symbols ($a $d $t $x[.*]) are unusable. */
static bool name_is_usable(const char *name)
{
	if (!name[0])
		return false;
	return !(name[0] == '$' && strchr("adtx", name[1]) && name[1] &&
		 (name[2] == '\0' || name[2] == '.'));
}

/* st_shndx SHN_LORESERVE..SHN_HIRESERVE other than SHN_XINDEX */
static bool shndx_is_special(const struct elf_symbol *sym)
{
	return sym->raw_shndx != SHN_XINDEX && sym->raw_shndx >= SHN_LORESERVE;
}

/*
 * The source: the symbol nearest at or below @addr among those whose
 * section has the name @secname (not necessarily the same section); of
 * several at the same distance, the last in the symbol table.
 */
static const struct elf_symbol *from_symbol(const struct elf_file *elf,
					    uint64_t addr, const char *secname)
{
	const struct elf_symbol *near = NULL;
	uint64_t distance = UINT64_MAX;

	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];

		if (shndx_is_special(sym))
			continue;
		if (strcmp(elf_section_name(elf, sym->shndx), secname) != 0)
			continue;
		if (!name_is_usable(sym->name))
			continue;
		if (sym->value <= addr && addr - sym->value <= distance) {
			distance = addr - sym->value;
			near = sym;
		}
	}
	return near;
}

/*
 * The target: the relocation's symbol if it has a name at all (st_name
 * != 0), else the first symbol of its section exactly at @addend, else
 * the one nearest to it by less than 20 bytes.  6.1 computes these
 * distances in 32-bit signed arithmetic; so does this.
 */
static const struct elf_symbol *to_symbol(const struct elf_file *elf,
					  int64_t addend,
					  const struct elf_symbol *relsym)
{
	const int32_t addr32 = (int32_t)(uint32_t)addend;
	const uint64_t addr = elf->is64 ? (uint64_t)(int64_t)addr32
					: (uint64_t)(uint32_t)addr32;
	const struct elf_symbol *near = NULL;
	int32_t distance = 20;

	if (relsym->name != elf->strtab)
		return relsym;

	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		int32_t d;

		if (sym->shndx != relsym->shndx || sym->type == STT_SECTION ||
		    !name_is_usable(sym->name))
			continue;
		if (sym->value == addr)
			return sym;
		d = (int32_t)(uint32_t)(sym->value - addr);
		if (d < 0)
			d = (int32_t)(uint32_t)(addr - sym->value);
		if (d < distance) {
			distance = d;
			near = sym;
		}
	}
	return near;
}

static const char *name_of(const struct elf_symbol *sym)
{
	return sym ? sym->name : UNKNOWN_NAME;
}

/* "function foo()", "variable foo", "(unknown reference) (unknown)" */
static void pretty_kind(const struct elf_symbol *sym, const char **kind,
			const char **parens)
{
	if (!sym) {
		*kind = "(unknown reference)";
		*parens = "";
	} else if (sym->type == STT_FUNC) {
		*kind = "function";
		*parens = "()";
	} else {
		*kind = "variable";
		*parens = "";
	}
}

static bool section_is_code(const struct elf_file *elf, unsigned int shndx)
{
	if (shndx >= elf->nsections)
		fatal("section_index is outside elf->num_sections!\n");
	return elf->sections[shndx].flags & SHF_EXECINSTR;
}

/* An exception-table entry: never exempt; judged by the target section. */
static void report_extable(struct secref_check *c, const struct mismatch *m,
			   const char *tosec)
{
	const struct elf_file *elf = c->elf;
	const char *objname = elf->path, *fromsec = m->from->name;
	const struct elf_symbol *from, *to;
	const char *fkind, *fparens, *tkind, *tparens;
	long faddr = (long)m->r->offset;

	section_mismatch_found();

	from = from_symbol(elf, m->r->offset, fromsec);
	to = to_symbol(elf, (int64_t)m->target, m->sym);
	pretty_kind(from, &fkind, &fparens);
	pretty_kind(to, &tkind, &tparens);
	warn("%s(%s+0x%lx): Section mismatch in reference from the %s %s%s to the %s %s:%s%s\n",
	     objname, fromsec, faddr, fkind, name_of(from), fparens,
	     tkind, tosec, name_of(to), tparens);

	if (!(m->to_classes & m->rule->bad) && section_is_code(elf, m->sym->shndx))
		fprintf(stderr,
			"The relocation at %s+0x%lx references\n"
			"section \"%s\" which is not in the list of\n"
			"authorized sections.  If you're adding a new section\n"
			"and/or if this reference is valid, add \"%s\" to the\n"
			"list of authorized sections to jump to on fault.\n"
			"This can be achieved by adding \"%s\" to \n"
			"OTHER_TEXT_SECTIONS in scripts/mod/modpost.c.\n",
			fromsec, faddr, tosec, tosec, tosec);

	if (m->to_classes & m->rule->bad)
		fatal("The relocation at %s+0x%lx references\n"
		      "section \"%s\" which is black-listed.\n"
		      "Something is seriously wrong and should be fixed.\n"
		      "You might get more information about where this is\n"
		      "coming from by using scripts/check_extable.sh %s\n",
		      fromsec, faddr, tosec, objname);
	else if (!section_is_code(elf, m->sym->shndx))
		error("%s+0x%lx references non-executable section '%s'\n",
		      fromsec, faddr, tosec);
}

static void report(struct secref_check *c, const struct mismatch *m)
{
	const struct elf_file *elf = c->elf;
	const char *tosec = elf_section_name(elf, m->sym->shndx);
	const char *fromname, *toname;

	if (m->rule->kind == MISMATCH_EXTABLE) {
		report_extable(c, m, tosec);
		return;
	}

	fromname = name_of(from_symbol(elf, m->r->offset, m->from->name));
	toname = name_of(to_symbol(elf, (int64_t)m->target, m->sym));
	if (mismatch_is_exempt(m->from->classes, fromname, m->to_classes, toname))
		return;

	section_mismatch_found();
	if (m->rule->kind == MISMATCH_EXPORT)
		warn("%s: EXPORT_SYMBOL used for init/exit symbol: %s (section: %s)\n",
		     elf->path, toname, tosec);
	else
		warn("%s: section mismatch in reference: %s (section: %s) -> %s (section: %s)\n",
		     elf->path, fromname, m->from->name, toname, tosec);
}

/* 6.1 looks the target up by the addend alone */
static uint64_t rela_target(const struct elf_symbol *sym, const struct elf_reloc *r)
{
	(void)sym;
	return (uint64_t)r->addend;
}

const struct secmismatch_profile profile_secmismatch = {
	.patterns = section_patterns,
	.npatterns = ARRAY_SIZE(section_patterns),
	.rules = mismatch_rules,
	.nrules = ARRAY_SIZE(mismatch_rules),
	.exemptions = mismatch_exemptions,
	.nexemptions = ARRAY_SIZE(mismatch_exemptions),
	.ignored_relocs = ignored_relocs,
	.nignored_relocs = ARRAY_SIZE(ignored_relocs),
	.rel_reader = profile_rel_reader,
	.rela_target = rela_target,
	.report = report,
	.name_object_file = true,
};
