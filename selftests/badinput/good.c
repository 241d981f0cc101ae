// SPDX-License-Identifier: GPL-2.0
/* The well-formed object the bad-input variants are made from. */
extern int external_function(int);

static const char modinfo_license[]
	__attribute__((section(".modinfo"), used, aligned(1))) = "license=GPL";

int init_module(void)
{
	return external_function(3);
}
