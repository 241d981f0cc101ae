// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1: the vmlinux symbols that kallsyms does not list, by name:
 * scripts/mksysmap's patterns and scripts/kallsyms's own lists, which
 * include the kallsyms_* tables themselves (6.12 lists those).
 */
#include <stddef.h>

#include "profile.h"
#include "profile-6.1.h"

static const char *const prefixes[] = {
	/* scripts/mksysmap */
	"$", ".L", "__crc_", "__kstrtab_", "__kstrtabns_",
	/* scripts/kallsyms */
	"__efistub_",			/* arm64 EFI stub */
	"__kvm_nvhe_$", "__kvm_nvhe_.L", /* arm64 nVHE KVM locals */
	"__AArch64ADRPThunk_", "__ARMV5PILongThunk_", "__ARMV7PILongThunk_",
	"__ThumbV7PILongThunk_", "__LA25Thunk_", "__microLA25Thunk_",
	"__kcfi_typeid_",
	NULL
};
static const char *const suffixes[] = { "_from_arm", "_from_thumb", "_veneer", NULL };
static const char *const names[] = {
	"L0",
	/* added between the kallsyms link passes, so never listed */
	"kallsyms_addresses", "kallsyms_offsets", "kallsyms_relative_base",
	"kallsyms_num_syms", "kallsyms_names", "kallsyms_markers",
	"kallsyms_token_table", "kallsyms_token_index", "kallsyms_seqs_of_names",
	"_SDA_BASE_", "_SDA2_BASE_",
	NULL
};
/* ppc branch stubs, anywhere in the name */
static const char *const substrings[] = { ".long_branch.", ".plt_branch.", NULL };

const struct kallsyms_rules profile_kallsyms = {
	.dropped_prefixes = prefixes,
	.dropped_suffixes = suffixes,
	.dropped_names = names,
	.dropped_substrings = substrings,
	.drops_thunks = false,
};
