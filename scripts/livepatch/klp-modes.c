// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "klp-modes.h"

#define MODE_PREFIX "--klp-"

static const struct klp_mode *const modes[] = {
	&klp_mode_check,
	&klp_mode_dump,
	&klp_mode_dump_index,
	&klp_mode_finalize,
	&klp_mode_verify,
};

bool klp_is_mode_argument(const char *arg)
{
	return arg && strncmp(arg, MODE_PREFIX, strlen(MODE_PREFIX)) == 0;
}

void klp_print_modes(FILE *out, const char *prog)
{
	fprintf(out, "usage: %s --klp-<mode> [arguments]\n", prog);
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		fprintf(out, "  --klp-%-14s %s\n  %-20s %s\n", modes[i]->name,
			modes[i]->usage, "", modes[i]->summary);
}

int klp_run_mode(int argc, char **argv)
{
	const char *name = argv[1] + strlen(MODE_PREFIX);

	if (strcmp(name, "help") == 0) {
		klp_print_modes(stdout, argv[0]);
		return 0;
	}
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(modes[i]->name, name) == 0)
			return modes[i]->run(argc - 1, argv + 1);

	fprintf(stderr, "ERROR: modpost: unknown mode %s\n", argv[1]);
	klp_print_modes(stderr, argv[0]);
	return 1;
}
