// SPDX-License-Identifier: GPL-2.0
/*
 * Functions of a module target: klpt_dup_helper() exists in two files
 * (position 2 is fine, 0 is refused, 3 does not exist), klpt_notrace() has
 * no ftrace call site, klpt_exported_func() is an ordinary traceable
 * function, klpt_init_dup() also has an __init homonym (its position
 * depends on load order), and an entry without old_name.
 */
#include "lp-common.h"

LP_FUNCS(lp_funcs, LP_NEW("klpt_exported_func"), LP_NEW("klpt_dup_helper", .old_sympos = 2),
	 LP_NEW("klpt_dup_helper"), LP_NEW("klpt_notrace"), LP_NEW("klpt_dup_helper", .old_sympos = 3),
	 LP_NEW("klpt_init_dup", .old_sympos = 1), { .new_func = lp_replacement });
LP_PATCH({ .name = "klp_target", .funcs = lp_funcs });
