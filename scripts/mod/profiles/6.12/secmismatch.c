// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: the section-mismatch tables, how both ends of a reference
 * are named, and the wording.
 *
 *   "<module>: section mismatch in reference: <fromsym>+0x<off>
 *    (section: <sec>) -> <tosym> (section: <sec>)"
 *
 * The source is named after the nearest symbol at or below the place of
 * the relocation; the target after the relocation's symbol, or, when that
 * has no usable name (a section symbol, a local label), after a symbol
 * within 20 bytes of the target address.  Exception-table entries that
 * point outside code get a second message.
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>

#include "profile-6.12.h"
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
_Static_assert(ARRAY_SIZE(section_patterns) <= SECMISMATCH_MAX_PATTERNS,
	       "too many section patterns");

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

/* References that look like mismatches but are known to be fine. */
static const struct mismatch_exemption mismatch_exemptions[] = {
	/* module parameters in init data are legal with permission 0 */
	{ .from = SC_DATA, .to = SC_INIT_DATA, .fromsym = GLOBS("__param*") },
	/* so are module_param_call() ops with an __init setter */
	{ .from = SC_DATA, .to = SC_INIT_TEXT, .fromsym = GLOBS("__param_ops_*") },
	/* operation tables that are only used while init code still exists */
	{ .from = SC_DATA, .to = SC_INIT | SC_EXIT,
	  .fromsym = GLOBS("*_ops", "*_probe", "*_console") },
	/* early boot code runs before init memory is freed */
	{ .from = SC_HEAD_TEXT, .to = SC_INIT },
	/* markers of the init area's bounds own no memory */
	{ .tosym = GLOBS("__init_begin", "_sinittext", "_einittext") },
	/* gcc clones specialised on init-time constants */
	{ .from = SC_CODE, .to = SC_INIT, .fromsym = GLOBS("*.constprop.*") },
};

/*
 * Relocations that do not reference a symbol in a way that matters:
 * RISC-V and LoongArch exception tables store differences of two labels
 * (the SUB half of each pair is skipped); LoongArch linker-relaxation
 * markers refer to nothing at all.
 */
static const struct ignored_reloc ignored_relocs[] = {
	{ EM_RISCV,	R_RISCV_SUB32,	true },
	{ EM_LOONGARCH,	R_LARCH_SUB32,	true },
	{ EM_LOONGARCH,	R_LARCH_RELAX,	false },
	{ EM_LOONGARCH,	R_LARCH_ALIGN,	false },
};

static bool section_is_code(const struct elf_file *elf, unsigned int shndx)
{
	return shndx < elf->nsections &&
	       (elf->sections[shndx].flags & SHF_EXECINSTR);
}

static void report(struct secref_check *c, const struct mismatch *m)
{
	const struct elf_file *elf = c->elf;
	const char *modname = c->mod->name;
	const char *fromsec = m->from->name;
	const char *tosec = elf_section_name(elf, m->sym->shndx);
	const struct elf_symbol *fromsym, *tosym;
	const char *fromname, *toname;
	uint64_t faddr = m->r->offset, taddr = m->target & c->addr_mask;
	char taddr_str[16];

	fromsym = nearest_symbol(c, m->from->shndx, faddr, false, UINT64_MAX);
	fromname = fromsym ? fromsym->name : "";

	/*
	 * Name the target after the relocation's symbol if it has a usable
	 * name (section symbols and local labels do not); else after a symbol
	 * within 20 bytes of the target address, which is a guess.
	 */
	tosym = m->sym;
	if (!elf_name_is_valid(tosym->name)) {
		const struct elf_symbol *near =
			nearest_symbol(c, tosym->shndx, taddr, true, 20);

		if (near)
			tosym = near;
	}
	toname = tosym->name;

	if (mismatch_is_exempt(m->from->classes, fromname, m->to_classes, toname))
		return;

	section_mismatch_found();

	if (!toname[0])
		snprintf(taddr_str, sizeof(taddr_str), "0x%x", (unsigned int)taddr);

	warn("%s: section mismatch in reference: %s%s0x%x (section: %s) -> %s (section: %s)\n",
	     modname, fromname, fromname[0] ? "+" : "",
	     (unsigned int)(faddr - (fromname[0] ? fromsym->value : 0)),
	     fromsec, toname[0] ? toname : taddr_str, tosec);

	if (m->rule->kind != MISMATCH_EXTABLE)
		return;

	if (m->to_classes & m->rule->bad)
		fatal("The relocation at %s+0x%" PRIx64 " references\n"
		      "section \"%s\" which is black-listed.\n"
		      "Something is seriously wrong and should be fixed.\n"
		      "You might get more information about where this is\n"
		      "coming from by using scripts/check_extable.sh %s\n",
		      fromsec, faddr, tosec, modname);
	else if (section_is_code(elf, tosym->shndx))
		warn("The relocation at %s+0x%" PRIx64 " references\n"
		     "section \"%s\" which is not in the list of\n"
		     "authorized sections.  If you're adding a new section\n"
		     "and/or if this reference is valid, add \"%s\" to the\n"
		     "list of authorized sections to jump to on fault.\n"
		     "This can be achieved by adding \"%s\" to\n"
		     "OTHER_TEXT_SECTIONS in scripts/mod/modpost.c.\n",
		     fromsec, faddr, tosec, tosec, tosec);
	else
		error("%s+0x%" PRIx64 " references non-executable section '%s'\n",
		      fromsec, faddr, tosec);
}

/* 6.12 names the target by its address: the symbol's value plus the addend */
static uint64_t rela_target(const struct elf_symbol *sym, const struct elf_reloc *r)
{
	return sym->value + (uint64_t)r->addend;
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
	.exports_section = ".export_symbol",
	.export_reloc = export_from_reloc,
};
