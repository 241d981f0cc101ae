// SPDX-License-Identifier: GPL-2.0
/* A jump label on a module's static key: __jump_table is processed when
 * the livepatch loads, before the target module's relocations exist. */
#include <linux/jump_label.h>
#include "lp-common.h"

extern struct static_key_false klpt_key;

LP_NEW_TARGET_FUNC(if (static_branch_unlikely(&klpt_key)) return 1; return 0);
LP_PATCH(LP_OBJ_TARGET);
