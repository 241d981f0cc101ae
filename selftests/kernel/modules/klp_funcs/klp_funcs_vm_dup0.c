// SPDX-License-Identifier: GPL-2.0
/*
 * vmlinux has two print_cpu() and .old_sympos is 0: the kernel refuses
 * ("unresolvable ambiguity").
 */
#include "klp_funcs.h"

KF_LIVEPATCH(NULL, "print_cpu", 0, kf_print_cpu);
