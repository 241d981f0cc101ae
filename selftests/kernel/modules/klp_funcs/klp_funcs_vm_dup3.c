// SPDX-License-Identifier: GPL-2.0
/*
 * Position 3 of print_cpu, which vmlinux has twice: the kernel refuses.
 */
#include "klp_funcs.h"

KF_LIVEPATCH(NULL, "print_cpu", 3, kf_print_cpu);
