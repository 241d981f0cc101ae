// SPDX-License-Identifier: GPL-2.0
/*
 * Which symbols of `nm -n vmlinux` end up in kallsyms.
 *
 * link-vmlinux.sh pipes `nm -n` through the sed script scripts/mksysmap
 * (which also makes System.map), and scripts/kallsyms then drops a few
 * more types.  With CONFIG_KALLSYMS_ALL (--all-symbols, implied by
 * CONFIG_LIVEPATCH) nothing is dropped by address range.  The rules below
 * restate those filters (6.12; 6.1 has the same set for x86) on the
 * (type, name) pair, which is what the sed patterns effectively match:
 * a pattern " X" can only match at the start of the type or name field,
 * because neither the hex address nor a name contains a space.
 */
#include <ctype.h>
#include <string.h>

#include "klp-index-internal.h"

static bool starts(const char *name, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(name, prefix, n) == 0;
}

static bool ends(const char *name, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(name + len - n, suffix, n) == 0;
}

static bool contains(const char *name, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(name + i, needle, n) == 0)
			return true;
	return false;
}

/* mksysmap: what System.map leaves out. */
static bool sysmap_drops(const char *name, size_t len, char type)
{
	static const char *const prefixes[] = {
		"$", ".L",			/* local and assembler-local labels */
		"__efistub_",			/* arm64 EFI stub */
		"__pi_$", "__pi_.L",		/* arm64 PIE namespace locals */
		"__kvm_nvhe_$", "__kvm_nvhe_.L", /* arm64 nVHE KVM locals */
		"__kcfi_typeid_", "__kvm_nvhe___kcfi_typeid_", "__pi___kcfi_typeid_",
		"__crc_", "__kstrtab_", "__kstrtabns_",
	};
	static const char *const suffixes[] = { "_from_arm", "_from_thumb", "_veneer" };
	static const char *const exact[] = { "L0", "_SDA_BASE_", "_SDA2_BASE_" };

	/* local absolute, debugging, undefined, weak undefined */
	if (type == 'a' || type == 'N' || type == 'U' || type == 'w')
		return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts(name, len, prefixes[i]))
			return true;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends(name, len, suffixes[i]))
			return true;
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (len == strlen(exact[i]) && memcmp(name, exact[i], len) == 0)
			return true;
	/* linker thunks: "__" + letters/digits + "Thunk_" */
	if (starts(name, len, "__")) {
		size_t i = 2;

		while (i < len && isalnum((unsigned char)name[i]))
			i++;
		if (starts(name + i, len - i, "Thunk_"))
			return true;
	}
	/* ppc branch stubs, anywhere in the name */
	return contains(name, len, ".long_branch.") || contains(name, len, ".plt_branch.");
}

/* scripts/kallsyms: what it drops from the System.map lines it reads. */
static bool kallsyms_drops(const char *name, size_t len, char type)
{
	static const char *const kept_absolute[] = {
		"__kernel_syscall_via_break", "__kernel_syscall_via_epc",
		"__kernel_sigtramp", "__gp",
	};

	if (len >= 512)		/* KSYM_NAME_LEN */
		return true;
	if (type == 'u' || type == 'n')
		return true;
	if (type == 'a' || type == 'A') {
		for (size_t i = 0; i < sizeof(kept_absolute) / sizeof(kept_absolute[0]); i++)
			if (len == strlen(kept_absolute[i]) &&
			    memcmp(name, kept_absolute[i], len) == 0)
				return false;
		return true;
	}
	return false;
}

bool klp_kallsyms_keeps(const char *name, size_t len, char type)
{
	return !sysmap_drops(name, len, type) && !kallsyms_drops(name, len, type);
}
