/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why a name has no symbol: what a target's DWARF says about it.
 *
 * A livepatch copies kernel code that refers to a static function or
 * variable by name; when the target has no symbol of that name, its debug
 * info usually knows why: the function was inlined into every caller or
 * dropped, the variable was optimised away, or it does exist with code
 * but under a compiler-made name (name.isra.0, name.constprop.0,
 * name.part.0, ...) or in another object.
 *
 * The reader is lazy so that a build in which nothing is missing pays
 * nothing: klp_dwarf_open() only maps the file and reads its section
 * headers; the first lookup reads the chain of unit headers (kept for the
 * next lookups).  A lookup finds the name in .debug_str (every occurrence,
 * also as the tail of a longer string, since the linker merges tails),
 * searches .debug_info for references to those offsets and for the name
 * stored inline, and decodes only the units that contain such bytes.
 * Names reached only through DW_FORM_strx (clang's DWARF 5) are not
 * searched for: gcc does not write them outside split DWARF.
 *
 * Reads DWARF 2 to 5 as gcc emits it (32-bit DWARF only: 64-bit DWARF is
 * refused), from linked files (vmlinux) and from relocatable objects (.o,
 * .ko: relocations of the debug sections are applied to a private copy).
 * Compressed debug sections are refused.  Damaged DWARF never crashes
 * the reader: the damaged unit is left, the first damage is kept for
 * klp_dwarf_error(), and the lookup carries on.
 */
#ifndef KLP_DWARF_H
#define KLP_DWARF_H

#include <stdbool.h>
#include <stddef.h>

enum klp_dwarf_kind {
	/* a function with an abstract instance (DW_AT_inline) and no out-of-line copy in the unit */
	KLP_DWARF_INLINED_FUNCTION,
	/* a function with code in the unit (the symbol may carry a suffix such as .isra.0) */
	KLP_DWARF_FUNCTION,
	/*
	 * a defined function with neither code nor an abstract instance: the
	 * compiler dropped it (unused, or its calls were optimised out)
	 */
	KLP_DWARF_REMOVED_FUNCTION,
	/* a defined variable without a location (optimised away) */
	KLP_DWARF_OPTIMISED_VARIABLE,
	/* a defined variable with a location */
	KLP_DWARF_VARIABLE,
};

/* One compile unit's word on a name. */
struct klp_dwarf_fact {
	enum klp_dwarf_kind kind;
	const char *cu_name;	/* the unit's DW_AT_name ("" if none); valid until klp_dwarf_close() */
	bool external;		/* DW_AT_external: not a static */
};

struct klp_dwarf;

/*
 * Open @path (an ELF file with DWARF: a vmlinux, a .o or .ko).  Returns
 * NULL and sets *@reason (a static string) when it cannot be read or has
 * no usable DWARF.  Cheap: nothing of the DWARF is read yet.
 *
 * The file goes through the ELF layer (elffile.h), which ends the program
 * with fatal() on a malformed ELF header or section table: give it files
 * that modpost has already opened (the target's vmlinux or module).
 */
struct klp_dwarf *klp_dwarf_open(const char *path, const char **reason);

/*
 * What the DWARF says about @name: up to @max facts, one per (kind, compile
 * unit), in the order of the units.  Returns how many were stored in @out;
 * 0 when the name is unknown to the debug info.  Stops reading units once
 * @max facts are found.
 */
size_t klp_dwarf_lookup(struct klp_dwarf *d, const char *name,
			struct klp_dwarf_fact *out, size_t max);

/* The first damage met so far ("unit at 0x...: ..."), or NULL. */
const char *klp_dwarf_error(const struct klp_dwarf *d);

/* Words for messages: "inlined function", "function", ... */
const char *klp_dwarf_kind_name(enum klp_dwarf_kind kind);

void klp_dwarf_close(struct klp_dwarf *d);

#endif /* KLP_DWARF_H */
