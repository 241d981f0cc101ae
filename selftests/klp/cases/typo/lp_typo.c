// SPDX-License-Identifier: GPL-2.0
/* A misspelt name: the debug info does not know it; the nearest names are offered. */
#include "lp-common.h"

extern char *saved_command_lin;

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%s\n", saved_command_lin));
LP_PATCH(LP_OBJ_VMLINUX);
