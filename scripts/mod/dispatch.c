// SPDX-License-Identifier: GPL-2.0
/*
 * What Debian's modpost dispatcher does before the real modpost runs.
 *
 * Debian kernel build trees ship scripts/mod/modpost as a small program
 * that inspects the first object and execs one of four real binaries
 * (32/64-bit, little/big endian).  kbuild always goes through it, so its
 * observable behaviour is part of "what modpost does" there: an empty
 * object list means no run at all (exit 0, no outputs), and the first
 * object must be readable and look like ELF.  This binary reads every ELF
 * flavour itself, so only the checks remain.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "elffile.h"
#include "log.h"
#include "xalloc.h"

/*
 * Read the first line of the object list; exits as the dispatcher does.
 * The line is a path: one longer than PATH_MAX is not (the dispatcher
 * would read /dev/zero until memory runs out), and is refused.
 */
static char *first_listed_object(const char *list, bool *from_stdin)
{
	size_t cap = PATH_MAX + 2, len = 0;
	char *line = xmalloc(cap);
	FILE *f;
	int c;

	*from_stdin = strcmp(list, "-") == 0;
	if (*from_stdin) {
		/* unbuffered, so that only this line is consumed from stdin */
		f = stdin;
		setvbuf(stdin, NULL, _IONBF, 0);
	} else {
		f = fopen(list, "r");
		if (!f) {
			fprintf(stderr, "Can't open \"%s\"\n", list);
			exit(1);
		}
	}

	while (len < cap - 1 && (c = getc(f)) != EOF) {
		line[len++] = (char)c;
		if (c == '\n')
			break;
	}
	line[len] = '\0';
	if (ferror(f)) {
		fprintf(stderr, "Can't read \"%s\"\n", list);
		exit(1);
	}
	if (len == 0)
		exit(0);	/* empty list: nothing to do, nothing written */
	if (len == cap - 1 && line[len - 1] != '\n')
		fatal("%s: the first line is longer than a path can be: not a list of objects\n",
		      *from_stdin ? "standard input" : list);
	if (!*from_stdin)
		fclose(f);
	line[strcspn(line, "\n")] = '\0';
	return line;
}

char *dispatch_probe(const char *first_positional, const char *list)
{
	unsigned char ident[EI_NIDENT];
	const char *name;
	char *listed = NULL;
	bool from_stdin = false;

	if (first_positional)
		name = first_positional;
	else if (list)
		name = listed = first_listed_object(list, &from_stdin);
	else
		exit(0);	/* no objects at all */

	switch (elf_read_ident(name, ident)) {
	case ELF_IDENT_OK:
		break;
	case ELF_IDENT_UNREADABLE:
		fprintf(stderr, "Can't open \"%s\"\n", name);
		exit(1);
	case ELF_IDENT_SHORT:
		fprintf(stderr, "Error: input truncated\n");
		exit(1);
	}
	if (memcmp(ident, ELFMAG, SELFMAG) != 0) {
		fprintf(stderr, "Error: not ELF\n");
		exit(1);
	}
	/*
	 * Debian's dispatcher has no binary for it and exits 1 without a word;
	 * a build that stops with no reason costs its user an afternoon.
	 */
	if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB)
		fatal("%s: unknown ELF data encoding %u (e_ident[EI_DATA]): not a valid object\n",
		      name, ident[EI_DATA]);
	if (ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64)
		fatal("%s: unknown ELF class %u (e_ident[EI_CLASS]): not a valid object\n",
		      name, ident[EI_CLASS]);

	/*
	 * A name taken from stdin cannot be read there again: it becomes an
	 * extra positional object, processed before the rest of the list.
	 */
	if (from_stdin)
		return listed;
	free(listed);
	return NULL;
}
