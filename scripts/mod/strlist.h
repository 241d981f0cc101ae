/* SPDX-License-Identifier: GPL-2.0 */
/* Small lists of strings (namespaces, object names), in insertion order. */
#ifndef MODPOST_STRLIST_H
#define MODPOST_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct string_list {
	char **v;
	size_t n, cap;
};

bool string_list_contains(const struct string_list *l, const char *s);
/* Add a copy of @s unless it is there already. */
void string_list_add(struct string_list *l, const char *s);

#endif /* MODPOST_STRLIST_H */
