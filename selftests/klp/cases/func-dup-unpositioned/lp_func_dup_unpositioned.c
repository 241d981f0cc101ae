// SPDX-License-Identifier: GPL-2.0
/* vmlinux has two print_cpu(): .old_sympos 0 is what the kernel refuses. */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("print_cpu"));
LP_PATCH({ .funcs = lp_funcs });
