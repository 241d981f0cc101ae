// SPDX-License-Identifier: GPL-2.0
/*
 * Names with a dot, annotated: the array style on asm-renamed statics, as
 * the livepatch maintainers' klp-convert selftests write it, and the
 * declaration style choosing one of two same-named function-local statics.
 */
#include "lp-common.h"

extern char klp_string_a[] asm("klp_string.12345");
extern char klp_string_b[] asm("klp_string.67890");
KLP_MODULE_RELOC(klp_target) lp_target_relocs[] = {
	KLP_SYMPOS(klp_string_a, 0),
	KLP_SYMPOS(klp_string_b, 0),
};

extern int lp_calls_c;
KLP_SYMBOL(lp_calls_c, klp_target, "klpt_calls.0", 2);

LP_NEW_TARGET_FUNC(return klp_string_a[11] + klp_string_b[11] + lp_calls_c);
LP_PATCH(LP_OBJ_TARGET);
