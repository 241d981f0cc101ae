/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODPOST_DISPATCH_H
#define MODPOST_DISPATCH_H

#include <stdbool.h>

/*
 * Apply the Debian dispatcher's checks to the first object (the first
 * positional argument, else the first line of the -T list).  Exits where
 * the dispatcher would.  Returns an extra object name to process before
 * the list when that name was consumed from stdin ("-T -"; the caller
 * frees it), else NULL.
 */
char *dispatch_probe(const char *first_positional, const char *list);

#endif
