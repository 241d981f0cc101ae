/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Will the kernel patch a struct klp_func entry?  klp_enable_patch() looks
 * old_name up in its object the way it looks up livepatch symbols
 * (klp_find_object_symbol(): 0 = unique, N = the N-th of that name) and
 * then redirects the function through its ftrace call site.  The same
 * judgement for modpost's build-time check and for --klp-verify.
 */
#ifndef KLP_FUNC_CHECK_H
#define KLP_FUNC_CHECK_H

#include <stddef.h>

#include "klp-index.h"
#include "klp-scope.h"

enum klp_func_finding {
	KLP_FUNC_OK,
	KLP_FUNC_UNCHECKED,	/* the module is not in the index */
	KLP_FUNC_NO_NAME,	/* an entry without old_name */
	KLP_FUNC_NOT_FOUND,
	KLP_FUNC_AMBIGUOUS,	/* old_sympos 0, several of that name */
	KLP_FUNC_NO_POSITION,	/* old_sympos beyond the last of that name */
	KLP_FUNC_LOAD_ORDER,	/* a module position that depends on load order */
	KLP_FUNC_NOT_FUNCTION,
	KLP_FUNC_NO_CALL_SITE,	/* notrace/noinstr: ftrace cannot redirect it */
	KLP_FUNC_AFTER_LINK,	/* in-tree vmlinux: judged against the final vmlinux */
};

struct klp_func_verdict {
	enum klp_func_finding finding;
	const struct klp_symbol *const *cands;	/* every symbol of old_name in the object */
	size_t n;
	const struct klp_symbol *hit;		/* the one old_sympos selects, or NULL */
};

void klp_func_judge(const struct klp_index *idx, const struct klp_patched_func *f,
		    struct klp_func_verdict *v);

/* One line, in the kernel's words where the kernel has words for it. */
const char *klp_func_finding_text(enum klp_func_finding finding);

#endif /* KLP_FUNC_CHECK_H */
