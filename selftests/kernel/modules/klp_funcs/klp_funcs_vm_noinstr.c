// SPDX-License-Identifier: GPL-2.0
/*
 * native_sched_clock() is noinstr: it has no ftrace call site, so ftrace
 * cannot redirect it.
 */
#include "klp_funcs.h"

KF_LIVEPATCH(NULL, "native_sched_clock", 0, kf_sched_clock);
