// SPDX-License-Identifier: GPL-2.0
/*
 * A static helper of a module target that gcc inlined into its caller: the
 * reason comes from the module's own debug info (klp_target.ko.xz, built
 * with -g like every kbuild module, decompressed for the purpose).
 */
#include "lp-common.h"

extern int klpt_inlined_helper(int x);

LP_NEW_TARGET_FUNC(return klpt_inlined_helper(2));
LP_PATCH(LP_OBJ_TARGET);
