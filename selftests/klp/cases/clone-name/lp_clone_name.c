// SPDX-License-Identifier: GPL-2.0
/*
 * A compiler clone ("<name>.constprop.0") is a symbol of its own, reached by
 * its full name through a declaration-style annotation; KLP_SYMBOL() on it
 * is a warning (clone-explicit: KLP_SYMBOL_CLONE() is not).
 */
#include "lp-common.h"

extern void lp_clone(void);
KLP_SYMBOL(lp_clone, vmlinux, "ZSTD_buildSeqTable.constprop.0", 0);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%p\n", lp_clone));
LP_PATCH(LP_OBJ_VMLINUX);
