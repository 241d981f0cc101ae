// SPDX-License-Identifier: GPL-2.0
/* Use case 3: the same duplicated name without an annotation must fail
 * the build, listing every candidate with the line to paste. */
#include "lp-common.h"

extern int max_cstate;

LP_NEW_CMDLINE_SHOW(seq_printf(m, "max_cstate=%d\n", max_cstate));
LP_PATCH(LP_OBJ_VMLINUX);
