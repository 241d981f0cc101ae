// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the symbol index lands: --klp-dump-index. */
#include <stdio.h>

#include "klp-modes.h"

static int run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "ERROR: modpost: --klp-dump-index is not implemented yet\n");
	return 1;
}

const struct klp_mode klp_mode_dump_index = {
	.name = "dump-index",
	.usage = "[--vmlinux ELF] [--map FILE] [--modules DIR] [--object NAME]...",
	.summary = "print the target kernel's symbol index (object name sympos count address type)",
	.run = run,
};
