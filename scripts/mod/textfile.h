/* SPDX-License-Identifier: GPL-2.0 */
/* Text files read whole, and split into lines in place. */
#ifndef MODPOST_TEXTFILE_H
#define MODPOST_TEXTFILE_H

/* Read a whole text file (perror + exit 1 on failure); caller frees. */
char *read_text_file(const char *path);

/*
 * The next line of the text at *pos, NUL-terminated in place; NULL at the
 * end of the text, or at an empty line (as the stock tool reads its files).
 */
char *text_next_line(char **pos);

#endif /* MODPOST_TEXTFILE_H */
