// SPDX-License-Identifier: GPL-2.0
/* A position past the last same-named symbol. */
#include "lp-common.h"

extern int lp_counter;
KLP_SYMBOL(lp_counter, klp_target, "klpt_dup_counter", 3);

LP_NEW_TARGET_FUNC(return lp_counter);
LP_PATCH(LP_OBJ_TARGET);
