// SPDX-License-Identifier: GPL-2.0
/* A name found nowhere: a warning (the module would not load). */
#include "lp-common.h"

extern int klp_no_such_symbol;

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d\n", klp_no_such_symbol));
LP_PATCH(LP_OBJ_VMLINUX);
