// SPDX-License-Identifier: GPL-2.0
/*
 * klp_target has two static klpt_dup_helper() (target_a.c, target_b.c)
 * and .old_sympos is 0: the kernel refuses.
 */
#include "klp_funcs.h"

KF_LIVEPATCH("klp_target", "klpt_dup_helper", 0, kf_int_void);
