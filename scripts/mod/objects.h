/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODPOST_OBJECTS_H
#define MODPOST_OBJECTS_H

/* Read one module object (or vmlinux.o) given on the command line. */
void read_symbols(const char *objname);
/* Read every object listed, one per line, in @listfile (-T). */
void read_symbols_from_files(const char *listfile);
/* Cut a ".<digits>" suffix off a symbol name, in place. */
char *remove_dot(char *s);

#endif
