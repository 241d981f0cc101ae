/* SPDX-License-Identifier: GPL-2.0 */
/* Relocation type names of the livepatch architectures (klp-reloc-names.c). */
#ifndef KLP_RELOC_NAMES_H
#define KLP_RELOC_NAMES_H

#include <stdint.h>

/* The name, or "type N" written into @buf. */
#define KLP_RELOC_TYPE_BUF 24
const char *klp_reloc_type_str(uint16_t machine, uint32_t type, char buf[KLP_RELOC_TYPE_BUF]);

#endif
