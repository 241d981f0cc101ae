// SPDX-License-Identifier: GPL-2.0
/* Use case 1: a unique non-exported vmlinux symbol is resolved automatically;
 * a vmlinux export stays an ordinary, versioned relocation. */
#include "lp-common.h"

extern char *saved_command_line;

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%s lp\n", saved_command_line));
LP_PATCH(LP_OBJ_VMLINUX);
