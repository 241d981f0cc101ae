/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Livepatch tool modes of the modpost binary.
 *
 * kbuild runs modpost with the stock option set only; these modes are
 * selected by a first argument "--klp-<mode>" that the stock tool would
 * reject, so they can never collide with a normal build.  Each mode lives
 * in its own file and is listed in klp-modes.c.
 */
#ifndef KLP_MODES_H
#define KLP_MODES_H

#include <stdbool.h>
#include <stdio.h>

struct klp_mode {
	const char *name;	/* "dump-index" for --klp-dump-index */
	const char *usage;	/* one line: arguments */
	const char *summary;	/* one line: what it does */
	int (*run)(int argc, char **argv);	/* argv[0] is the mode name */
};

/* Is @arg a livepatch mode selector ("--klp-...")? */
bool klp_is_mode_argument(const char *arg);
/* Run the mode named by argv[1]; returns the exit status. */
int klp_run_mode(int argc, char **argv);

/* The list of modes with their usage (--klp-help, modpost --help). */
void klp_print_modes(FILE *out, const char *prog);

/* the modes (each defined in its own file) */
extern const struct klp_mode klp_mode_check;
extern const struct klp_mode klp_mode_dump;
extern const struct klp_mode klp_mode_dump_index;
extern const struct klp_mode klp_mode_finalize;
extern const struct klp_mode klp_mode_verify;

#endif
