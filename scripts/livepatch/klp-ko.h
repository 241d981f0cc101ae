/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the livepatch ELF format back from a linked module, for the
 * inspection modes (--klp-dump, --klp-check, --klp-verify).
 *
 * Names are parsed exactly as the kernel parses them
 * (kernel/livepatch/core.c, with the kernel's own vsscanf semantics):
 *
 *	section: ".klp.rela.%55[^.]"
 *	symbol:  ".klp.sym.%55[^.].%511[^,],%lu"
 *
 * and relocations are decoded without ending the program on a bad symbol
 * index, so that a damaged module can be described instead of refused.
 */
#ifndef KLP_KO_H
#define KLP_KO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/uapi/linux/livepatch.h"
#include "elffile.h"

/* The object and symbol parts of a .klp.sym name, as the kernel reads it. */
struct klp_sym_name {
	char object[KLP_OBJECT_NAME_MAX + 1];
	char name[KLP_SYMBOL_NAME_MAX + 1];
	unsigned long sympos;
};

/* sscanf(s, ".klp.sym.%55[^.].%511[^,],%lu", ...) == 3 */
bool klp_parse_sym_name(const char *s, struct klp_sym_name *out);
/*
 * sscanf(s, ".klp.rela.%55[^.]", obj) == 1.  *truncated (optional) is set
 * when the object part was cut at 55 characters (the kernel then looks for
 * an object that cannot exist).
 */
bool klp_parse_rela_name(const char *s, char object[KLP_OBJECT_NAME_MAX + 1],
			 bool *truncated);

/* Is @sec a livepatch relocation section (by flag or by name)? */
bool klp_is_klp_rela_section(const struct elf_section *sec);
/* The SHN_LIVEPATCH test on a decoded symbol. */
bool klp_sym_is_livepatch(const struct elf_symbol *sym);


/* The module's name: .modinfo "name", else the file name without .ko*. */
char *klp_ko_module_name(const struct elf_file *elf, const char *path);

/*
 * Open the module file @path (.ko, .ko.xz, .ko.zst, .ko.gz) and call @fn
 * with it parsed.  Returns false after an error message when the file is
 * missing, not ELF or cannot be decompressed; malformed ELF ends the
 * program with the reader's fatal() message.
 */
bool klp_ko_with(const char *path, void (*fn)(struct elf_file *elf, void *arg), void *arg);

#endif /* KLP_KO_H */
