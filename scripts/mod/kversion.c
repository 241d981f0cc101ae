// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "kversion.h"

#ifndef KERNEL_PROFILE
#define KERNEL_PROFILE "6.12"
#endif

static const struct kernel_profile profiles[] = {
	{
		.name = "6.12",
		.optstring = "ei:MmnT:to:au:WwENd:",
	},
};

const struct kernel_profile *kprofile = &profiles[0];

int kernel_profile_select(const char *name)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		if (strcmp(profiles[i].name, name) == 0) {
			kprofile = &profiles[i];
			return 0;
		}
	}
	return -1;
}

/* The build-time default, applied before main() parses anything. */
__attribute__((constructor)) static void select_default_profile(void)
{
	kernel_profile_select(KERNEL_PROFILE);
}
