// SPDX-License-Identifier: GPL-2.0
/* vmlinux has two print_cpu(): the second one, by position. */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("print_cpu", .old_sympos = 2));
LP_PATCH({ .funcs = lp_funcs });
