// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: exports are recorded in .export_symbol, one entry per
 * EXPORT_SYMBOL*(), each with a relocation against the exported symbol.
 * With -M the section walk hands every such relocation here, to validate
 * the entry and register the export.
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "profile-6.12.h"
#include "secmismatch.h"

#define EXPORT_LABEL_PREFIX "__export_symbol_"

/*
 * EXPORT_SYMBOL*() emits, into .export_symbol, a label
 * "__export_symbol_<name>" whose data is "<license>\0<namespace>\0",
 * together with a relocation against <name> itself.
 */
void export_from_reloc(struct secref_check *c, const struct elf_reloc *r,
		       const struct elf_symbol *sym)
{
	struct elf_file *elf = c->elf;
	const char *modname = c->mod->name;
	const struct elf_symbol *label;
	const char *label_name, *name, *license, *ns;
	unsigned int tocls;
	struct symbol *s;
	bool gpl_only;

	label = nearest_symbol(c, c->exports_shndx, r->offset, false,
			       UINT64_MAX);
	label_name = label ? label->name : "";
	if (!str_starts(label_name, EXPORT_LABEL_PREFIX)) {
		error("%s: .export_symbol section contains strange symbol '%s'\n",
		      modname, label_name);
		return;
	}
	label_name += strlen(EXPORT_LABEL_PREFIX);

	if (sym->bind != STB_GLOBAL && sym->bind != STB_WEAK) {
		error("%s: local symbol '%s' was exported\n", modname, label_name);
		return;
	}

	name = sym->name;
	if (strcmp(label_name, name) != 0) {
		error("%s: .export_symbol section references '%s', but it does not seem to be an export symbol\n",
		      modname, name);
		return;
	}

	license = elf_section_string(elf, label->shndx, label->value);
	if (!license)
		fatal("%s: export label %s%s: its license string is not inside section %s\n",
		      elf->path, EXPORT_LABEL_PREFIX, name,
		      elf_section_name(elf, label->shndx));
	if (strcmp(license, "GPL") == 0) {
		gpl_only = true;
	} else if (license[0] == '\0') {
		gpl_only = false;
	} else {
		error("%s: unknown license '%s' was specified for '%s'\n",
		      modname, license, name);
		return;
	}

	ns = elf_section_string(elf, label->shndx,
				label->value + strlen(license) + 1);
	if (!ns)
		fatal("%s: export label %s%s: its namespace string is not inside section %s\n",
		      elf->path, EXPORT_LABEL_PREFIX, name,
		      elf_section_name(elf, label->shndx));

	s = export_add(c->mod, name, gpl_only, ns);
	/*
	 * Some architectures call functions through descriptors; the
	 * generated code must know functions from data.  64-bit PA-RISC
	 * millicode routines ($$...) have type STT_LOPROC and are functions.
	 */
	s->is_func = sym->type == STT_FUNC ||
		     (elf->is64 && elf->machine == EM_PARISC &&
		      sym->type == STT_LOPROC);

	tocls = section_classes(c, sym->shndx);
	if (tocls & SC_INIT)
		warn("%s: %s: EXPORT_SYMBOL used for init symbol. Remove __init or EXPORT_SYMBOL.\n",
		     modname, name);
	else if (tocls & SC_EXIT)
		warn("%s: %s: EXPORT_SYMBOL used for exit symbol. Remove __exit or EXPORT_SYMBOL.\n",
		     modname, name);
}
