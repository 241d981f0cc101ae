// SPDX-License-Identifier: GPL-2.0
/*
 * klpt_notrace() of klp_target is notrace: it has no ftrace call site.
 */
#include "klp_funcs.h"

KF_LIVEPATCH("klp_target", "klpt_notrace", 0, kf_int_void);
