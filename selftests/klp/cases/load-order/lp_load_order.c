// SPDX-License-Identifier: GPL-2.0
/* A module homonym in an init section: the kernel's count differs
 * between a loading and a loaded target, so no position is safe. */
#include "lp-common.h"

extern int lp_init_dup(void);
KLP_SYMBOL(lp_init_dup, klp_target, "klpt_init_dup", 1);

LP_NEW_TARGET_FUNC(return lp_init_dup());
LP_PATCH(LP_OBJ_TARGET);
