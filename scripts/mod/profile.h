/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel profiles: everything in which the modposts of the supported
 * kernels differ.
 *
 * A modpost binary contains exactly one profile, the one of the kernel
 * series of the build tree it is built for: the Makefile reads KDIR's own
 * version (scripts/mod/kernel-series.sh) and compiles
 * scripts/mod/profiles/<series>/ (an unsupported series is a build error
 * naming the supported ones).  Generic code asks the profile, through
 * kprofile, and never compares versions; a new kernel is a new directory.
 *
 * What a profile owns:
 *   - the command line (the stock getopt() option string) and message
 *     prefixes;
 *   - how exports are found (6.12: .export_symbol records, checked during
 *     the relocation walk; 6.1: __ksymtab_<sym> symbols and
 *     __kstrtabns_<sym> namespace strings);
 *   - the section-mismatch rules, exemptions, symbol naming and wording
 *     (secmismatch.h: the matching engine itself is generic);
 *   - the device-table types it knows beyond the common ones, and their
 *     struct layouts (the probe part devtable-layout-profile.h);
 *   - the .mod.c layout, built from the shared blocks of modc.h;
 *   - the order of checks and writes after the inputs are read;
 *   - which vmlinux symbols kallsyms lists (livepatch positions);
 *   - the kbuild hooks of the livepatch post-link step (kbuild.mk).
 */
#ifndef MODPOST_PROFILE_H
#define MODPOST_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct devtable_registry;
struct elf_file;
struct elf_symbol;
struct modc_layout;
struct module;
struct secmismatch_profile;

/* An undefined symbol that the final link or the loader provides. */
struct ignored_undef {
	uint16_t machine;	/* EM_NONE: every machine */
	bool prefix;		/* @name is a prefix, not a whole name */
	const char *name;
};

/*
 * Which symbols of `nm -n vmlinux` the kernel's kallsyms lists: what its
 * scripts/mksysmap and scripts/kallsyms leave out, as rules on the symbol's
 * name (the livepatch symbol index counts positions over what is kept).
 * Symbol types are the same for both kernels (see klp-index-filter.c).
 * Lists end with NULL.
 */
struct kallsyms_rules {
	const char *const *dropped_prefixes;
	const char *const *dropped_suffixes;
	const char *const *dropped_names;
	const char *const *dropped_substrings;
	/* "__" + letters and digits + "Thunk_" (linker thunks) */
	bool drops_thunks;
};

/* What main() hands to the profile's check-and-write pass. */
struct modpost_run {
	const char *unused_exports_white_list;	/* -u */
};

struct kernel_profile {
	const char *series;		/* "6.12": major.patchlevel */
	const char *optstring;		/* the stock getopt() option string */
	const char *fatal_prefix;	/* fatal(): "ERROR" or "FATAL" */

	/* "-T -" reads the object list from standard input */
	bool object_list_from_stdin;
	/* -W also warns about a missing MODULE_DESCRIPTION() */
	bool missing_description_warning;
	/* beyond __this_module, _GLOBAL_OFFSET_TABLE_ and PPC's helpers */
	const struct ignored_undef *extra_ignored_undefs;
	size_t nextra_ignored_undefs;

	/*
	 * Export discovery by symbols (NULL when exports come from elsewhere):
	 * called for every symbol of an object, in symbol table order, and
	 * once after all of them.
	 */
	void (*export_symbol_hook)(struct module *mod, const struct elf_file *elf,
				   const struct elf_symbol *sym, const char *name);
	void (*exports_after_symbols)(struct module *mod, const struct elf_file *elf);

	/* section checks: tables, naming and wording (secmismatch.h) */
	const struct secmismatch_profile *secmismatch;

	/* device-table types beyond the common ones (file2alias.h) */
	const struct devtable_registry *devtables;

	/* which vmlinux symbols kallsyms lists (livepatch positions) */
	const struct kallsyms_rules *kallsyms;

	/* the layout of <module>.mod.c and .vmlinux.export.c (modc.h) */
	const struct modc_layout *mod_c;

	/*
	 * Everything after reading the inputs and claiming livepatch
	 * symbols, up to (not including) the namespace-deps file and the
	 * symbol dump: the checks, livepatch resolution and the .mod.c
	 * files, in this kernel's order.
	 */
	void (*check_and_write_modules)(const struct modpost_run *run);
};

/* The profile built into this binary (scripts/mod/profiles/<series>/). */
extern const struct kernel_profile kprofile;

/*
 * modpost runs with a kernel build tree as its current directory.  When
 * that tree says which series it is (include/generated/uapi/linux/
 * version.h) and it is not the series this binary was built for, stop
 * with one clear message: every output would be subtly wrong.
 */
void profile_check_build_tree(void);

#endif /* MODPOST_PROFILE_H */
