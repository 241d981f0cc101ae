// SPDX-License-Identifier: GPL-2.0
/* Position-1 copies of the homonyms (see klt.h). */
#include <linux/compiler.h>
#include "klt.h"

static int klt_dup_counter __used = 1111;
static int klt_dup_mixed __used;	/* .bss; 31 after klt_a_init() */

static noinline __used int klt_dup_helper(void)
{
	barrier();
	return 11;
}

int klt_a_counter(void) { return READ_ONCE(klt_dup_counter); }
int klt_a_mixed(void) { return READ_ONCE(klt_dup_mixed); }
int klt_a_helper(void) { return klt_dup_helper(); }
void klt_a_init(void) { WRITE_ONCE(klt_dup_mixed, 31); }
