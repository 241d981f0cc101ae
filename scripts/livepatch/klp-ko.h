/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opening a linked livepatch module for the inspection modes (--klp-dump,
 * --klp-check, --klp-verify).  The livepatch names inside it are parsed by
 * klp-elf-names.h.
 */
#ifndef KLP_KO_H
#define KLP_KO_H

#include <stdbool.h>

#include "elffile.h"
#include "klp-elf-names.h"

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
