// SPDX-License-Identifier: GPL-2.0
/* Use case 2 (array style): a name that exists twice in vmlinux,
 * pinned by KLP_MODULE_RELOC/KLP_SYMPOS. */
#include "lp-common.h"

extern int max_cstate;

KLP_MODULE_RELOC(vmlinux) lp_relocs[] = {
	KLP_SYMPOS(max_cstate, 2),
};

LP_NEW_CMDLINE_SHOW(seq_printf(m, "max_cstate=%d\n", max_cstate));
LP_PATCH(LP_OBJ_VMLINUX);
