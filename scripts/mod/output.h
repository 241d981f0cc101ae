/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing files so that a reader or a failure never sees half of one: a
 * regular file is replaced atomically (a temporary file in the same
 * directory, then rename()).  I/O errors are fatal.
 */
#ifndef MODPOST_OUTPUT_H
#define MODPOST_OUTPUT_H

#include <stddef.h>

#include "buffer.h"

/*
 * Write @b to @fname unless an error has occurred; a device or FIFO is
 * written in place.
 */
void write_buf(const struct buffer *b, const char *fname);
/* The same, but leave @fname (and its timestamp) alone if it already matches. */
void write_if_changed(const struct buffer *b, const char *fname);
/*
 * An output that may already exist as something else (--klp-finalize's):
 * a symbolic link is followed, and the file it names is replaced
 * atomically (the link stays a link); a device or FIFO (-o /dev/null) is
 * written in place, never replaced by a regular file; a file with hard
 * links is rewritten in place (every name keeps naming it), its old bytes
 * put back if writing fails; an existing file we may not write to is left
 * alone (as cp would), even where renaming over it would succeed.
 * @mode < 0: 0666 less the umask, else exactly @mode.  Failures are
 * modpost errors (fatal()) naming @fname.
 */
void write_file_through_links(const char *fname, const void *data, size_t len, int mode);

#endif
