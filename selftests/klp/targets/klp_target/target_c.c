// SPDX-License-Identifier: GPL-2.0
/*
 * Names with a dot, which modpost's own passes shorten ("name.<digits>"
 * becomes "name") but a livepatch must reach as they are:
 *  - two statics renamed by asm labels, as in the livepatch maintainers'
 *    klp-convert selftests (each name unique);
 *  - a function-local static, which gcc names "<name>.<N>" with N counting
 *    the file's local statics: klpt_calls.0 also exists in target_b.c
 *    (target_d.c has a unique one, klpt_once.0: alone in its file, so that
 *    no other local static shifts its number).
 */
#include <linux/module.h>

static char klpt_string_a[] asm("klp_string.12345") __used = "klp_string.12345";
static char klpt_string_b[] asm("klp_string.67890") __used = "klp_string.67890";

/* inlined into its only caller: no symbol, but the module's DWARF knows it */
static inline int klpt_inlined_helper(int x)
{
	return 3 * x + 1;
}

int klpt_d_once(void);
int klpt_c_count(void);
noinline int klpt_c_count(void)
{
	static int klpt_calls;

	return klpt_inlined_helper(++klpt_calls) + klpt_string_a[0] + klpt_string_b[0] + klpt_d_once();
}
