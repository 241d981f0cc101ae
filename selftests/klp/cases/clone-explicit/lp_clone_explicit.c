// SPDX-License-Identifier: GPL-2.0
/* A clone bound on purpose: KLP_SYMBOL_CLONE() says the author matched its convention. */
#include "lp-common.h"

extern void lp_clone(void);
KLP_SYMBOL_CLONE(lp_clone, vmlinux, "ZSTD_buildSeqTable.constprop.0", 0);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%p\n", lp_clone));
LP_PATCH(LP_OBJ_VMLINUX);
