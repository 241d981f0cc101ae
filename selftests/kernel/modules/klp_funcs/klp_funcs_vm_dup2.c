// SPDX-License-Identifier: GPL-2.0
/*
 * The second print_cpu() of vmlinux (address order: kernel/time/timer_list.c's,
 * after kernel/sched/debug.c's): the kernel enables it, and /proc/timer_list
 * shows the replacement's line.
 */
#include "klp_funcs.h"

KF_LIVEPATCH(NULL, "print_cpu", 2, kf_print_cpu);
