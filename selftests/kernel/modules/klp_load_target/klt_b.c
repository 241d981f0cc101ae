// SPDX-License-Identifier: GPL-2.0
/* Position-2 copies of the homonyms (see klt.h). */
#include <linux/compiler.h>
#include "klt.h"

static int klt_dup_counter __used = 2222;
static int klt_dup_mixed __used = 32;	/* .data */

static noinline __used int klt_dup_helper(void)
{
	barrier();
	return 22;
}

int klt_b_counter(void) { return READ_ONCE(klt_dup_counter); }
int klt_b_mixed(void) { return READ_ONCE(klt_dup_mixed); }
int klt_b_helper(void) { return klt_dup_helper(); }
