// SPDX-License-Identifier: GPL-2.0
/*
 * The struct klp_func judgement (klp-func-check.h).
 */
#include <string.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp-func-check.h"
#include "lib.h"

void klp_func_judge(const struct klp_index *idx, const struct klp_patched_func *f,
		    struct klp_func_verdict *v)
{
	unsigned long count = 0;

	memset(v, 0, sizeof(*v));
	if (!f->old_name) {
		v->finding = KLP_FUNC_NO_NAME;
		return;
	}
	if (!klp_index_has_object(idx, f->object)) {
		v->finding = KLP_FUNC_UNCHECKED;
		return;
	}
	if (strcmp(f->object, KLP_VMLINUX_NAME) == 0 && klp_index_vmlinux_is_object(idx)) {
		/* vmlinux.o: neither positions nor call sites are the kernel's yet */
		v->finding = KLP_FUNC_AFTER_LINK;
		return;
	}
	v->n = klp_index_lookup(idx, f->object, f->old_name, &v->cands);
	/* the kallsyms walk: stop at the wanted position, or at a second match for 0 */
	for (size_t i = 0; i < v->n; i++) {
		v->hit = v->cands[i];
		count++;
		if ((f->old_sympos && count == f->old_sympos) || (!f->old_sympos && count > 1))
			break;
	}
	if (!v->n) {
		v->hit = NULL;
		v->finding = KLP_FUNC_NOT_FOUND;
	} else if (!f->old_sympos && v->n > 1) {
		v->hit = NULL;
		v->finding = KLP_FUNC_AMBIGUOUS;
	} else if (f->old_sympos && count != f->old_sympos) {
		v->hit = NULL;
		v->finding = KLP_FUNC_NO_POSITION;
	} else if (strcmp(f->object, KLP_VMLINUX_NAME) && v->hit->load_order_dependent) {
		v->finding = KLP_FUNC_LOAD_ORDER;
	} else if (v->hit->ftrace == KLP_FTRACE_NOT_FUNCTION) {
		v->finding = KLP_FUNC_NOT_FUNCTION;
	} else if (v->hit->ftrace == KLP_FTRACE_NO_CALL_SITE) {
		v->finding = KLP_FUNC_NO_CALL_SITE;
	} else {
		v->finding = KLP_FUNC_OK;
	}
}

static const char *const finding_texts[] = {
	[KLP_FUNC_OK] = "ok",
	[KLP_FUNC_UNCHECKED] = "cannot tell: the module was not found",
	[KLP_FUNC_NO_NAME] = "the entry has no old_name",
	[KLP_FUNC_NOT_FOUND] = "not found in symbol table",
	[KLP_FUNC_AMBIGUOUS] = "unresolvable ambiguity (old_sympos 0)",
	[KLP_FUNC_NO_POSITION] = "symbol position not found",
	[KLP_FUNC_LOAD_ORDER] = "the position depends on load order",
	[KLP_FUNC_AFTER_LINK] = "checked once vmlinux is linked",
	[KLP_FUNC_NOT_FUNCTION] = "not a function",
	[KLP_FUNC_NO_CALL_SITE] = "cannot be patched: no ftrace call site (notrace/noinstr, or inlined)",
};

const char *klp_func_finding_text(enum klp_func_finding finding)
{
	return finding < ARRAY_SIZE(finding_texts) ? finding_texts[finding] : "?";
}
