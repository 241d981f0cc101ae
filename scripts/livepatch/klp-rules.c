// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's rules for livepatch relocations, as data.
 *
 * Module-specific livepatch relocations (.klp.rela.<module>.*) are applied
 * when the target module loads, long after the livepatch module itself was
 * loaded.  Everything the module loader processes at load time from the
 * livepatch module's own sections (jump labels, static calls, alternatives,
 * exception and bug tables, ...) has by then already been consumed with the
 * unrelocated values, so a relocation from such a section to a module
 * symbol can never work.  vmlinux relocations are applied before any of
 * that processing and are fine.
 */
#include <fnmatch.h>
#include <string.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp-rules.h"
#include "lib.h"

struct special_section {
	const char *pattern;	/* fnmatch pattern of the section name */
	const char *reason;	/* what the kernel does with it at load */
	const char *instead;	/* what to write instead */
};

static const struct special_section special_sections[] = {
	{ "__jump_table", "jump labels are initialised when the livepatch module loads",
	  "test the key with static_key_enabled() instead of static_branch_*()" },
	{ ".static_call_sites", "static calls are initialised when the livepatch module loads",
	  "call the function through a pointer instead of static_call()" },
	{ ".altinstructions", "alternatives are applied when the livepatch module loads",
	  "keep references to module symbols out of alternative() code" },
	{ ".altinstr_replacement", "alternative replacement code is copied when the livepatch module loads",
	  "keep references to module symbols out of alternative() code" },
	{ ".altinstr_aux", "alternative code is patched when the livepatch module loads",
	  "keep references to module symbols out of alternative() code" },
	{ ".parainstructions", "paravirt patch sites are applied when the livepatch module loads",
	  "keep references to module symbols out of paravirt call sites" },
	{ ".smp_locks", "lock prefixes are recorded when the livepatch module loads",
	  "keep references to module symbols out of LOCK_PREFIX sites" },
	{ "__ex_table", "the exception table is sorted when the livepatch module loads",
	  "do not point exception-table entries at another module" },
	{ "__bug_table", "the bug table is registered when the livepatch module loads",
	  "do not reference module symbols from BUG()/WARN() sites" },
	{ "__mcount_loc", "ftrace call sites are recorded when the livepatch module loads",
	  "do not reference module symbols from ftrace call-site records" },
	{ "__patchable_function_entries", "ftrace call sites are recorded when the livepatch module loads",
	  "do not reference module symbols from ftrace call-site records" },
	{ ".orc_unwind*", "the ORC unwind tables are sorted when the livepatch module loads",
	  "do not reference module symbols from unwind tables" },
	{ ".retpoline_sites", "retpoline sites are patched when the livepatch module loads",
	  "call module functions through a pointer" },
	{ ".return_sites", "return thunk sites are patched when the livepatch module loads",
	  "call module functions through a pointer" },
	{ ".call_sites", "call depth tracking sites are patched when the livepatch module loads",
	  "call module functions through a pointer" },
	{ ".ibt_endbr_seal", "IBT endbr sealing is applied when the livepatch module loads",
	  "call module functions through a pointer" },
	{ ".cfi_sites", "CFI sites are patched when the livepatch module loads",
	  "call module functions through a pointer" },
	{ "__tracepoints_ptrs", "tracepoints are registered when the livepatch module loads",
	  "do not define tracepoints that refer to module symbols" },
	{ ".init.*", "init sections are freed once the livepatch module's init has run, before a target module that loads later would be relocated",
	  "reference module symbols from non-init code and data" },
};

const char *klp_special_section_reason(const char *section, const char **instead)
{
	for (size_t i = 0; i < ARRAY_SIZE(special_sections); i++) {
		if (fnmatch(special_sections[i].pattern, section, 0) == 0) {
			*instead = special_sections[i].instead;
			return special_sections[i].reason;
		}
	}
	return NULL;
}

bool klp_object_name_ok(const char *object)
{
	return object[0] && strlen(object) <= KLP_OBJECT_NAME_MAX && !strchr(object, '.');
}

bool klp_symbol_name_ok(const char *name)
{
	return name[0] && strlen(name) <= KLP_SYMBOL_NAME_MAX && !strchr(name, ',');
}

bool klp_is_annotation_section(const char *name)
{
	return str_starts(name, KLP_MODULE_RELOC_SECTION) ||
	       strcmp(name, KLP_SYMBOL_SECTION) == 0 ||
	       strcmp(name, ".klp.modpost") == 0;
}
