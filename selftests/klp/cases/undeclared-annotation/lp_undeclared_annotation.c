// SPDX-License-Identifier: GPL-2.0
/* An annotation naming a module the patch does not declare. */
#include "lp-common.h"

extern int lp_counter;
KLP_SYMBOL(lp_counter, klp_target, "klpt_dup_counter", 1);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d\n", lp_counter));
LP_PATCH(LP_OBJ_VMLINUX);
