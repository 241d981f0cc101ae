/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's rules for livepatch relocations and names (klp-rules.c),
 * shared by the resolver and --klp-check.  Needs nothing of modpost's
 * tables.
 */
#ifndef KLP_RULES_H
#define KLP_RULES_H

#include <stdbool.h>

/* Why a module-target relocation from @section cannot work, or NULL. */
const char *klp_special_section_reason(const char *section, const char **instead);
bool klp_object_name_ok(const char *object);
bool klp_symbol_name_ok(const char *name);

/* Is @name one of the sections that carry annotations (never converted)? */
bool klp_is_annotation_section(const char *name);

#endif /* KLP_RULES_H */
