// SPDX-License-Identifier: GPL-2.0
/*
 * A patch for a module that is not in the target's module tree: its
 * functions cannot be checked (a warning), the build goes on.
 */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("klpt_absent_func"));
LP_PATCH({ .name = "klp_absent", .funcs = lp_funcs });
