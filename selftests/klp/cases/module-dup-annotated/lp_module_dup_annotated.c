// SPDX-License-Identifier: GPL-2.0
/* Same-named statics of two files of one module, chosen by position. */
#include "lp-common.h"

extern int lp_counter_1, lp_counter_2, lp_mixed_1;
KLP_SYMBOL(lp_counter_1, klp_target, "klpt_dup_counter", 1);
KLP_SYMBOL(lp_counter_2, klp_target, "klpt_dup_counter", 2);
KLP_SYMBOL(lp_mixed_1, klp_target, "klpt_dup_mixed", 1);

LP_NEW_TARGET_FUNC(return lp_counter_1 + lp_counter_2 + lp_mixed_1);
LP_PATCH(LP_OBJ_TARGET);
