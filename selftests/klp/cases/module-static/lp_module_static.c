// SPDX-License-Identifier: GPL-2.0
/* A static variable of a module the patch declares. */
#include "lp-common.h"

extern int klpt_unique_static;

LP_NEW_TARGET_FUNC(return klpt_unique_static + 1);
LP_PATCH(LP_OBJ_TARGET);
