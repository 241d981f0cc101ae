// SPDX-License-Identifier: GPL-2.0
/*
 * Which symbols of `nm -n vmlinux` end up in kallsyms.
 *
 * link-vmlinux.sh pipes `nm -n` through the sed script scripts/mksysmap
 * (which also makes System.map), and scripts/kallsyms then drops a few
 * more types.  With CONFIG_KALLSYMS_ALL (--all-symbols, implied by
 * CONFIG_LIVEPATCH) nothing is dropped by address range.  The rules restate
 * those filters on the (type, name) pair, which is what the sed patterns
 * effectively match: a pattern " X" can only match at the start of the
 * type or name field, because neither the hex address nor a name contains
 * a space.  The names differ between kernels: the profile's kallsyms rules
 * (6.1's kallsyms leaves out its own kallsyms_* tables, 6.12's lists them).
 */
#include <ctype.h>
#include <string.h>

#include "klp-index-internal.h"
#include "profile.h"

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

static bool any(const char *const *list, const char *name, size_t len,
		bool (*match)(const char *, size_t, const char *))
{
	for (; list && *list; list++)
		if (match(name, len, *list))
			return true;
	return false;
}

static bool equals(const char *name, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(name, word, len) == 0;
}

/* mksysmap and scripts/kallsyms: names the profile's kernel leaves out. */
static bool dropped_by_name(const char *name, size_t len)
{
	const struct kallsyms_rules *r = kprofile.kallsyms;

	if (any(r->dropped_prefixes, name, len, starts) ||
	    any(r->dropped_suffixes, name, len, ends) ||
	    any(r->dropped_names, name, len, equals) ||
	    any(r->dropped_substrings, name, len, contains))
		return true;
	/* linker thunks: "__" + letters/digits + "Thunk_" */
	if (r->drops_thunks && starts(name, len, "__")) {
		size_t i = 2;

		while (i < len && isalnum((unsigned char)name[i]))
			i++;
		if (starts(name + i, len - i, "Thunk_"))
			return true;
	}
	return false;
}

/*
 * By type (the same in 6.1 and 6.12): mksysmap drops local absolute,
 * debugging, undefined and weak undefined symbols (a N U w), kallsyms
 * drops u and n as well.
 */
static bool sysmap_drops_type(char type)
{
	return type == 'a' || type == 'N' || type == 'U' || type == 'w';
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
	return !sysmap_drops_type(type) && !dropped_by_name(name, len) &&
	       !kallsyms_drops(name, len, type);
}
