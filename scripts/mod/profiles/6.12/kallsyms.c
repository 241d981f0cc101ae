// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: the vmlinux symbols that kallsyms does not list, by name:
 * scripts/mksysmap's patterns (scripts/kallsyms only drops by type here).
 */
#include <stddef.h>

#include "profile.h"
#include "profile-6.12.h"

static const char *const prefixes[] = {
	"$", ".L",			/* local and assembler-local labels */
	"__efistub_",			/* arm64 EFI stub */
	"__pi_$", "__pi_.L",		/* arm64 PIE namespace locals */
	"__kvm_nvhe_$", "__kvm_nvhe_.L", /* arm64 nVHE KVM locals */
	"__kcfi_typeid_", "__kvm_nvhe___kcfi_typeid_", "__pi___kcfi_typeid_",
	"__crc_", "__kstrtab_", "__kstrtabns_",
	NULL
};
static const char *const suffixes[] = { "_from_arm", "_from_thumb", "_veneer", NULL };
static const char *const names[] = { "L0", "_SDA_BASE_", "_SDA2_BASE_", NULL };
/* ppc branch stubs, anywhere in the name */
static const char *const substrings[] = { ".long_branch.", ".plt_branch.", NULL };

const struct kallsyms_rules profile_kallsyms = {
	.dropped_prefixes = prefixes,
	.dropped_suffixes = suffixes,
	.dropped_names = names,
	.dropped_substrings = substrings,
	.drops_thunks = true,
};
