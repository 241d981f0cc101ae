// SPDX-License-Identifier: GPL-2.0
/* Small lists of strings (strlist.h). */
#include <string.h>

#include "strlist.h"
#include "xalloc.h"

bool string_list_contains(const struct string_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void string_list_add(struct string_list *l, const char *s)
{
	if (string_list_contains(l, s))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
}
