// SPDX-License-Identifier: GPL-2.0
/* The well-formed object the bad-input variants are made from. */
extern int external_function(int);

static const char modinfo_license[]
	__attribute__((section(".modinfo"), used, aligned(1))) = "license=GPL";

/*
 * A pointer in a section no section-mismatch rule covers: its relocations
 * are read by nothing but the check that every symbol index is valid.
 */
static void *const uncovered_pointer
	__attribute__((section(".klp_badinput_uncovered"), used)) = (void *)external_function;

int init_module(void)
{
	return external_function(3);
}
