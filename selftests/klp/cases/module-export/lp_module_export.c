// SPDX-License-Identifier: GPL-2.0
/* A module export and a non-exported global of the same module: both
 * become livepatch relocations, so the livepatch does not depend on (or
 * pin) the module it patches. */
#include "lp-common.h"

int klpt_exported_func(void);
int klpt_b_sum(void);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d %d\n", klpt_exported_func(), klpt_b_sum()));
LP_NEW_TARGET_FUNC(return 3);
LP_PATCH(LP_OBJ_VMLINUX, LP_OBJ_TARGET);
