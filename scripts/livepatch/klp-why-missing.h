/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why a name has no symbol in the target kernel (klp-why-missing.c): lines
 * for a "not found" message, from vmlinux's debug info.
 */
#ifndef KLP_WHY_MISSING_H
#define KLP_WHY_MISSING_H

#include "klp-index.h"
#include "lib.h"

#define KLP_WHY_FACTS	4	/* compile units quoted at most */
#define KLP_WHY_NEAREST	3	/* nearest names offered for a typo */
#define KLP_WHY_NAME_MAX 127	/* longer names get no typo search */

/*
 * Append to @b why @name is missing from @objects of the target ("vmlinux"
 * or module names, each searched by its own debug info).
 */
void klp_why_missing(struct buffer *b, const struct klp_index *idx, const char *const *objects,
		     size_t nobjects, const char *name);

/* Time spent in klp_why_missing() so far, and in its first call (KLP_STATS). */
double klp_why_missing_seconds(double *first);

/* Release the debug info opened for the reasons. */
void klp_why_missing_done(void);

#endif /* KLP_WHY_MISSING_H */
