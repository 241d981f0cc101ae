/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The section checks' internals, shared by secmismatch.c (classes, rules,
 * the walk over relocations), secmismatch-rel.c (REL addends) and
 * secmismatch-export.c (export validation).
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
	SC_NAMED	= 1u << 12,	/* name is not empty */
};

/* The state of one object's check. */
struct secref_check {
	struct module *mod;
	struct elf_file *elf;
	unsigned int *classes;		/* per section index */
	unsigned int present;		/* union of all sections' classes */
	uint64_t addr_mask;		/* Elf_Addr arithmetic width */
	struct symsearch *nearest;	/* built on first use */
};

/* Classes of section @shndx (0 for special and out-of-range indices). */
unsigned int section_classes(const struct secref_check *c, unsigned int shndx);
/* Nearest named symbol of section @shndx at or below (or above) @addr. */
const struct elf_symbol *nearest_symbol(struct secref_check *c,
					unsigned int shndx, uint64_t addr,
					bool look_above, uint64_t max_distance);

/* ---- secmismatch-rel.c ---- */

/* "no idea": all ones, like a negative addend would look */
#define ADDEND_UNKNOWN UINT64_MAX

/*
 * Each REL reader returns the target address as the stock tool computes
 * it (for i386 and MIPS that is the bare addend, without the symbol's
 * value; this only matters for the name search around it).
 */
typedef uint64_t rel_target_fn(const struct secref_check *c, unsigned int shndx,
			       const struct elf_reloc *r,
			       const struct elf_symbol *sym);

/* The REL reader of @machine, or NULL if modpost has none. */
rel_target_fn *rel_target_for(uint16_t machine);

/* ---- secmismatch-export.c ---- */

/* Validate one .export_symbol relocation and register the export (-M). */
void check_export(struct secref_check *c, const struct elf_reloc *r,
		  const struct elf_symbol *sym);

#endif /* MODPOST_SECMISMATCH_H */
