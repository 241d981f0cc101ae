// SPDX-License-Identifier: GPL-2.0
/* native_sched_clock() is noinstr: ftrace cannot redirect it. */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("native_sched_clock"));
LP_PATCH({ .funcs = lp_funcs });
