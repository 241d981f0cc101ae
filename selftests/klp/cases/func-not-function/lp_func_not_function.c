// SPDX-License-Identifier: GPL-2.0
/* saved_command_line is data. */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("saved_command_line"));
LP_PATCH({ .funcs = lp_funcs });
