// SPDX-License-Identifier: GPL-2.0
/*
 * A name that exists nowhere.
 */
#include "klp_funcs.h"

KF_LIVEPATCH(NULL, "klp_funcs_no_such_function", 0, kf_void);
