// SPDX-License-Identifier: GPL-2.0
/*
 * The second klpt_dup_helper() of klp_target (target_b.c's, in symbol-table
 * order): the kernel enables it (klp_target calls it at init only).
 */
#include "klp_funcs.h"

KF_LIVEPATCH("klp_target", "klpt_dup_helper", 2, kf_int_void);
