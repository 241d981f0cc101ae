// SPDX-License-Identifier: GPL-2.0
/*
 * Statics whose names carry a dot, each unique in the target module:
 * resolved as they are, without annotations (modpost's own passes would
 * cut ".12345" off and see one name "klp_string" twice).
 */
#include "lp-common.h"

extern char lp_string_a[] asm("klp_string.12345");
extern char lp_string_b[] asm("klp_string.67890");
extern int lp_once asm("klpt_once.0");

LP_NEW_TARGET_FUNC(return lp_string_a[11] + lp_string_b[11] + lp_once);
LP_PATCH(LP_OBJ_TARGET);
