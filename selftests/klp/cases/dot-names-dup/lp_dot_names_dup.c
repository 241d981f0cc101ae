// SPDX-License-Identifier: GPL-2.0
/* A function-local static whose gcc name exists in two files of the target. */
#include "lp-common.h"

extern int lp_calls asm("klpt_calls.0");

LP_NEW_TARGET_FUNC(return lp_calls);
LP_PATCH(LP_OBJ_TARGET);
