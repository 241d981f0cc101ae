// SPDX-License-Identifier: GPL-2.0
/* An annotation for a symbol the livepatch never uses. */
#include "lp-common.h"

extern int klpt_dup_helper(void);
extern int klpt_unique_static;

KLP_MODULE_RELOC(klp_target) lp_relocs[] = {
	KLP_SYMPOS(klpt_dup_helper, 1),
};

LP_NEW_TARGET_FUNC(return klpt_unique_static);
LP_PATCH(LP_OBJ_TARGET);
