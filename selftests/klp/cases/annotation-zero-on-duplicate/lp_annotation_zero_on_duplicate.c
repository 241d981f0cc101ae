// SPDX-License-Identifier: GPL-2.0
/* Position 0 ("unique") for a name that is not unique. */
#include "lp-common.h"

extern int lp_counter;
KLP_SYMBOL(lp_counter, klp_target, "klpt_dup_counter", 0);

LP_NEW_TARGET_FUNC(return lp_counter);
LP_PATCH(LP_OBJ_TARGET);
