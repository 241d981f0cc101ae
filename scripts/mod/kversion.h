/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernel versions this modpost stands in for.
 *
 * Every behavioural difference between supported kernels is a field of
 * struct kernel_profile, so code asks "does this kernel do X" instead of
 * comparing version numbers.  The profile is chosen when modpost is built
 * for a target kernel build tree (KERNEL_PROFILE), and can be overridden at
 * run time for testing.
 */
#ifndef MODPOST_KVERSION_H
#define MODPOST_KVERSION_H

struct kernel_profile {
	const char *name;		/* "6.12" */
	const char *optstring;		/* the stock getopt() option string */
};

extern const struct kernel_profile *kprofile;

/* Select the profile named @name; returns 0, or -1 if unknown. */
int kernel_profile_select(const char *name);

#endif
