// SPDX-License-Identifier: GPL-2.0
/* An old_name that exists nowhere. */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("cmdline_proc_show"), LP_NEW("lp_no_such_function"));
LP_PATCH({ .funcs = lp_funcs });
