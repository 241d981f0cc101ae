// SPDX-License-Identifier: GPL-2.0
/* Use case 2 (declaration style): both same-named vmlinux symbols in one
 * livepatch, under C names of the author's choice. */
#include "lp-common.h"

extern int lp_max_cstate_1, lp_max_cstate_2;
KLP_SYMBOL(lp_max_cstate_1, vmlinux, "max_cstate", 1);
KLP_SYMBOL(lp_max_cstate_2, vmlinux, "max_cstate", 2);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d %d\n", lp_max_cstate_1, lp_max_cstate_2));
LP_PATCH(LP_OBJ_VMLINUX);
