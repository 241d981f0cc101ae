// SPDX-License-Identifier: GPL-2.0
/* Lists of symbol namespaces: the empty namespace is always implicitly in. */
#include "modpost.h"

bool namespace_list_contains(const struct string_list *l, const char *s)
{
	return s[0] == '\0' || string_list_contains(l, s);
}

void namespace_list_add(struct string_list *l, const char *s)
{
	if (!namespace_list_contains(l, s))
		string_list_add(l, s);
}
