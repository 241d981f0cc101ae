/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "Which symbol is nearest to this address?" for one object file.
 *
 * Section-mismatch reports name the function or variable a reference comes
 * from (the closest label at or below the relocation's place) and, when the
 * relocation's own symbol has no usable name, a symbol close to the target.
 * Exports are identified the same way: by the label nearest below each
 * .export_symbol relocation.
 *
 * The index is built on demand (most objects never need it) and answers
 * with these rules, which are observable in the messages:
 *  - only symbols with a valid name (elf_name_is_valid()) take part;
 *  - on ARM, bit 0 of a function's value (the Thumb bit) is ignored;
 *  - when several symbols share a section and an address, the one with
 *    the lowest symbol table index stands for all of them;
 *  - when the target lies exactly between two candidates, the lower
 *    address wins.
 */
#ifndef MODPOST_SYMSEARCH_H
#define MODPOST_SYMSEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "elffile.h"

struct symsearch;

struct symsearch *symsearch_build(const struct elf_file *elf);
void symsearch_free(struct symsearch *ss);

/*
 * The nearest symbol of section @shndx to @addr: the closest one at or
 * below @addr, or, with @look_above, also one above @addr if it is
 * strictly closer.  Candidates farther than @max_distance bytes are not
 * considered.  NULL when there is none.
 */
const struct elf_symbol *symsearch_nearest(const struct symsearch *ss,
					   const struct elf_file *elf,
					   unsigned int shndx, uint64_t addr,
					   bool look_above,
					   uint64_t max_distance);

#endif /* MODPOST_SYMSEARCH_H */
