// SPDX-License-Identifier: GPL-2.0
/* Two annotations that disagree about one symbol. */
#include "lp-common.h"

extern int max_cstate;

KLP_MODULE_RELOC(vmlinux) lp_relocs[] = {
	KLP_SYMPOS(max_cstate, 1),
};
KLP_SYMBOL(max_cstate, vmlinux, "max_cstate", 2);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d\n", max_cstate));
LP_PATCH(LP_OBJ_VMLINUX);
