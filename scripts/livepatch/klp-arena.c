// SPDX-License-Identifier: GPL-2.0
/*
 * The symbol index's string arena and name hash (klp-index-internal.h).
 *
 * A symbol table holds tens of thousands of short names that live exactly
 * as long as the table, so they are copied into large blocks freed at once
 * instead of being allocated one by one.
 */
#include <stdlib.h>
#include <string.h>

#include "klp-index-internal.h"
#include "lib.h"

struct klp_arena_block {
	struct klp_arena_block *next;
	char data[];
};

#define ARENA_BLOCK (16 * 1024)

static void arena_grow(struct klp_arena *a, size_t size)
{
	struct klp_arena_block *b = xmalloc(sizeof(*b) + size);

	b->next = a->blocks;
	a->blocks = b;
	a->next = b->data;
	a->left = size;
}

/* Make room for @size bytes in one block (the builder knows its total). */
void klp_arena_reserve(struct klp_arena *a, size_t size)
{
	if (size > a->left)
		arena_grow(a, size);
}

char *klp_arena_strndup(struct klp_arena *a, const char *s, size_t len)
{
	char *p;

	if (len + 1 > a->left)
		arena_grow(a, len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK);
	p = a->next;
	memcpy(p, s, len);
	p[len] = '\0';
	a->next += len + 1;
	a->left -= len + 1;
	return p;
}

char *klp_arena_strdup(struct klp_arena *a, const char *s)
{
	return klp_arena_strndup(a, s, strlen(s));
}

void klp_arena_free(struct klp_arena *a)
{
	while (a->blocks) {
		struct klp_arena_block *b = a->blocks;

		a->blocks = b->next;
		free(b);
	}
	a->next = NULL;
	a->left = 0;
}

/* FNV-1a; also measures the string, which the callers need anyway. */
uint32_t klp_hash(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t h = 2166136261u;

	while (*p) {
		h ^= *p++;
		h *= 16777619u;
	}
	if (len)
		*len = (const char *)p - s;
	return h;
}
