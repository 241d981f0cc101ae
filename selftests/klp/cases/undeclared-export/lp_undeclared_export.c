// SPDX-License-Identifier: GPL-2.0
/* A module export used by a patch that does not declare that module. */
#include "lp-common.h"

int klpt_exported_func(void);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d\n", klpt_exported_func()));
LP_PATCH(LP_OBJ_VMLINUX);
