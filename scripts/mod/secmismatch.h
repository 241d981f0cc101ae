/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Section checks: a generic engine (secmismatch.c) driven by a kernel
 * profile's tables (struct secmismatch_profile).
 *
 * The engine classifies every section name once per object into a bit set
 * of pattern groups (the profile's section_patterns), walks the relocation
 * sections, and for each relocation asks the profile's rules whether its
 * source and target classes make a mismatch.  Naming the two ends of a
 * suspected mismatch, the exemptions by symbol name, the wording and the
 * count are the profile's report(); exports found through relocations
 * (6.12's .export_symbol) are the profile's export_reloc().
 */
#ifndef MODPOST_SECMISMATCH_H
#define MODPOST_SECMISMATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "modpost.h"
#include "symsearch.h"

/* Section classes: bit sets computed once per section name. */
enum {
	/* non-allocatable is fine, relocations are not checked */
	SC_UNCHECKED	= 1u << 0,
	/* code and data that stays: must not reference init or exit */
	SC_KEPT		= 1u << 1,
	SC_INIT		= 1u << 2,	/* .init.*: freed after init */
	SC_EXIT		= 1u << 3,	/* .exit.*: dropped when built in */
	SC_PCI_FIXUP	= 1u << 4,	/* PCI fixup tables: may run after init */
	SC_EXTABLE	= 1u << 5,	/* exception table */
	SC_ALTINSTR	= 1u << 6,	/* alternative instructions: never a fixup target */
	SC_CODE		= 1u << 7,	/* every section that holds code */
	SC_DATA		= 1u << 8,	/* .data, .data.rel exactly */
	SC_INIT_DATA	= 1u << 9,	/* init-time data proper */
	SC_INIT_TEXT	= 1u << 10,	/* .init.text exactly */
	SC_HEAD_TEXT	= 1u << 11,	/* early boot code: may use init */
	SC_NAMED	= 1u << 12,	/* name is not empty (set by the engine) */
	SC_MEMINIT	= 1u << 13,	/* .meminit.* (6.1): freed after init without hotplug */
	SC_KSYMTAB	= 1u << 14,	/* ___ksymtab* (6.1): export tables */
};

/* A shell pattern over section names and the classes it confers. */
struct section_pattern {
	const char *glob;
	unsigned int classes;
};

/* at most this many patterns per profile (a 64-bit candidate set) */
#define SECMISMATCH_MAX_PATTERNS 64

enum mismatch_kind {
	MISMATCH_PLAIN,		/* a reference to what goes away */
	MISMATCH_EXPORT,	/* an export of an init/exit symbol (6.1) */
	MISMATCH_EXTABLE,	/* an exception-table entry outside code */
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

/*
 * References that look like mismatches but are known to be fine.  Every
 * given condition must hold: @from/@to (any of the classes, 0 = any
 * section), @fromsym/@tosym (any of the patterns, NULL = any symbol),
 * and with @unless_extra_warn, -W not given.
 */
struct mismatch_exemption {
	unsigned int from;
	unsigned int to;
	const char *const *fromsym;
	const char *const *tosym;
	bool unless_extra_warn;
};

#define GLOBS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Relocations of @machine and @type that refer to nothing that matters. */
struct ignored_reloc {
	uint16_t machine;
	uint32_t type;
	bool only_in_extable;
};

/* The state of one object's check. */
struct secref_check {
	struct module *mod;
	struct elf_file *elf;
	unsigned int *classes;		/* per section index */
	unsigned int present;		/* union of all sections' classes */
	uint64_t addr_mask;		/* Elf_Addr arithmetic width */
	unsigned int exports_shndx;	/* the profile's exports section, or 0 */
	struct symsearch *nearest;	/* built on first use */
};

/*
 * A REL relocation's target value as the profile's kernel computes it
 * (the addend lives in the relocated field).  Returns false when that
 * kernel skips the relocation altogether.
 */
typedef bool rel_target_fn(const struct secref_check *c, unsigned int shndx,
			   const struct elf_reloc *r,
			   const struct elf_symbol *sym, uint64_t *target);

/* A profile's REL readers, by machine. */
struct rel_machine {
	uint16_t machine;
	rel_target_fn *read;
};

/* The reader of @machine in @table, or NULL. */
rel_target_fn *rel_machine_find(const struct rel_machine *table, size_t n,
				uint16_t machine);

/* The section a relocation section applies to, as the checks see it. */
struct reloc_section {
	unsigned int shndx;		/* the section it patches */
	const char *name;		/* ... and its name */
	unsigned int classes;		/* ... and its classes */
	rel_target_fn *rel_target;	/* REL only */
};

/* One suspected mismatch, as the engine found it. */
struct mismatch {
	const struct mismatch_rule *rule;
	const struct reloc_section *from;
	const struct elf_reloc *r;
	const struct elf_symbol *sym;	/* the relocation's symbol */
	unsigned int to_classes;
	uint64_t target;		/* rela_target() or the REL reader's value */
};

struct secmismatch_profile {
	const struct section_pattern *patterns;
	size_t npatterns;
	const struct mismatch_rule *rules;
	size_t nrules;
	const struct mismatch_exemption *exemptions;
	size_t nexemptions;
	const struct ignored_reloc *ignored_relocs;
	size_t nignored_relocs;

	/* The REL reader of @machine; NULL: no reader, a fatal error. */
	rel_target_fn *(*rel_reader)(uint16_t machine);
	/* A RELA relocation's target value as this kernel computes it. */
	uint64_t (*rela_target)(const struct elf_symbol *sym,
				const struct elf_reloc *r);
	/*
	 * Messages name the object file as given ("dir/x.o"), not the
	 * module ("dir/x").
	 */
	bool name_object_file;
	/* Name both ends, apply the exemptions, count and report. */
	void (*report)(struct secref_check *c, const struct mismatch *m);

	/*
	 * Exports recorded by relocations (NULL: none): with -M, every
	 * relocation section that applies to the section of this name is
	 * handed to export_reloc() instead of the mismatch rules.
	 */
	const char *exports_section;
	void (*export_reloc)(struct secref_check *c, const struct elf_reloc *r,
			     const struct elf_symbol *sym);
};

/* ---- for the profiles ---- */

/* Classes of section @shndx (0 for special and out-of-range indices). */
unsigned int section_classes(const struct secref_check *c, unsigned int shndx);

/* Does one of the profile's exemptions cover this reference? */
bool mismatch_is_exempt(unsigned int from, const char *fromsym,
			unsigned int to, const char *tosym);

/* Count one reported mismatch (for -E and the final message). */
void section_mismatch_found(void);

/*
 * Nearest named symbol of section @shndx at or below (or above) @addr,
 * by the rules of symsearch.h.
 */
const struct elf_symbol *nearest_symbol(struct secref_check *c,
					unsigned int shndx, uint64_t addr,
					bool look_above, uint64_t max_distance);

/* The @len bytes a REL relocation patches; fatal if not in the file. */
const unsigned char *rel_location(const struct secref_check *c,
				  unsigned int shndx, const struct elf_reloc *r,
				  unsigned int len);
/* The 32-bit word a REL relocation patches, in the target's byte order. */
uint32_t rel_word(const struct secref_check *c, unsigned int shndx,
		  const struct elf_reloc *r);
/* Bits 0..@top of @v as a two's complement number. */
int64_t sign_extend(uint32_t v, unsigned int top);

#endif /* MODPOST_SECMISMATCH_H */
