// SPDX-License-Identifier: GPL-2.0
/*
 * saved_command_line is a variable (char *), not a function.
 */
#include "klp_funcs.h"

KF_LIVEPATCH(NULL, "saved_command_line", 0, kf_void);
