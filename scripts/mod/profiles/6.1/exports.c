// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1: exports are found by symbol name.  EXPORT_SYMBOL*() defines
 * __ksymtab_<sym> in a section named "___ksymtab+<sym>" (or
 * "___ksymtab_gpl+<sym>"), and with a namespace __kstrtabns_<sym>, which
 * points at the namespace string.  Exports are registered in symbol
 * table order; the namespaces are applied after all symbols are read.
 */
#include <string.h>

#include "profile-6.1.h"

#define KSYMTAB_PREFIX		"__ksymtab_"
#define KSTRTABNS_PREFIX	"__kstrtabns_"

void export_from_ksymtab_symbol(struct module *mod, const struct elf_file *elf,
				const struct elf_symbol *sym, const char *name)
{
	const char *secname;

	if (!str_starts(name, KSYMTAB_PREFIX))
		return;
	secname = elf_section_name(elf, sym->shndx);
	if (str_starts(secname, "___ksymtab_gpl+"))
		export_add(mod, name + strlen(KSYMTAB_PREFIX), true, "");
	else if (str_starts(secname, "___ksymtab+"))
		export_add(mod, name + strlen(KSYMTAB_PREFIX), false, "");
}

/*
 * Like 6.1, the namespace goes to the newest export of that name, which
 * is this module's own when it exports the symbol.
 */
void exports_apply_namespaces(struct module *mod, const struct elf_file *elf)
{
	(void)mod;
	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		const char *name = sym->name, *ns;
		struct symbol *s;

		if (!str_starts(name, KSTRTABNS_PREFIX))
			continue;
		name += strlen(KSTRTABNS_PREFIX);
		ns = elf_section_string(elf, sym->shndx, sym->value);
		if (!ns)
			fatal("%s: %s%s: its namespace string is not inside section %s\n",
			      elf->path, KSTRTABNS_PREFIX, name,
			      elf_section_name(elf, sym->shndx));
		s = export_find(name);
		if (!s) {
			error("Could not update namespace(%s) for symbol %s\n", ns, name);
			continue;
		}
		export_set_namespace(s, ns);
	}
}
