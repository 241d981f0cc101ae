/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODPOST_OUTPUT_H
#define MODPOST_OUTPUT_H

#include "modpost.h"

/* Write @b to @fname unless an error has occurred (I/O errors are fatal). */
void write_buf(const struct buffer *b, const char *fname);
/* The same, but leave @fname (and its timestamp) alone if it already matches. */
void write_if_changed(const struct buffer *b, const char *fname);

#endif
