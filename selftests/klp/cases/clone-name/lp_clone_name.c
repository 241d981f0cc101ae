// SPDX-License-Identifier: GPL-2.0
/* A compiler clone ("<name>.constprop.0") is a symbol of its own: reach it
 * by its full name through a declaration-style annotation. */
#include "lp-common.h"

extern void lp_clone(void);
KLP_SYMBOL(lp_clone, vmlinux, "ZSTD_buildSeqTable.constprop.0", 0);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%p\n", lp_clone));
LP_PATCH(LP_OBJ_VMLINUX);
