// SPDX-License-Identifier: GPL-2.0
/*
 * Reading one module object: its .modinfo facts, its symbols (undefined
 * references, init/cleanup entry points, device tables), its relocations
 * (exports and section checks, in secmismatch.c), srcversion and CRCs.
 */
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "modpost.h"
#include "objects.h"
#include "extension.h"
#include "profile.h"

/* include/linux/license.h: licenses that may use EXPORT_SYMBOL_GPL. */
static const char *const gpl_compatible_licenses[] = {
	"GPL",
	"GPL v2",
	"GPL and additional rights",
	"Dual BSD/GPL",
	"Dual MIT/GPL",
	"Dual MPL/GPL",
};

static bool license_is_gpl_compatible(const char *license)
{
	for (size_t i = 0; i < ARRAY_SIZE(gpl_compatible_licenses); i++)
		if (strcmp(license, gpl_compatible_licenses[i]) == 0)
			return true;
	return false;
}

/*
 * Undefined symbols that the final link or the module loader provides
 * (each profile may add its own).  PPC and PPC64 link register
 * save/restore helpers into every module.
 */
static const struct ignored_undef ignored_undefs[] = {
	{ EM_NONE, false, "__this_module" },
	{ EM_NONE, false, "_GLOBAL_OFFSET_TABLE_" },
	{ EM_PPC, true, "_restgpr_" },
	{ EM_PPC, true, "_savegpr_" },
	{ EM_PPC, true, "_rest32gpr_" },
	{ EM_PPC, true, "_save32gpr_" },
	{ EM_PPC, true, "_restvr_" },
	{ EM_PPC, true, "_savevr_" },
	{ EM_PPC64, true, "_restgpr0_" },
	{ EM_PPC64, true, "_savegpr0_" },
	{ EM_PPC64, true, "_restgpr1_" },
	{ EM_PPC64, true, "_savegpr1_" },
	{ EM_PPC64, true, "_restfpr_" },
	{ EM_PPC64, true, "_savefpr_" },
	{ EM_PPC64, true, "_restvr_" },
	{ EM_PPC64, true, "_savevr_" },
	{ EM_PPC64, false, ".TOC." },
};

static bool ignored_by(const struct ignored_undef *table, size_t n,
		       const struct elf_file *elf, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		const struct ignored_undef *ig = &table[i];

		if (ig->machine != EM_NONE && ig->machine != elf->machine)
			continue;
		if (ig->prefix ? str_starts(name, ig->name) : strcmp(name, ig->name) == 0)
			return true;
	}
	return false;
}

static bool ignore_undef_symbol(const struct elf_file *elf, const char *name)
{
	return ignored_by(ignored_undefs, ARRAY_SIZE(ignored_undefs), elf, name) ||
	       ignored_by(kprofile.extra_ignored_undefs,
			  kprofile.nextra_ignored_undefs, elf, name);
}

/*
 * gcc renames some static symbols "name.<digits>"; such a suffix is cut off
 * in place (in the private copy of the string table), so that every later
 * use of the name, messages included, sees the short form.
 */
char *remove_dot(char *s)
{
	size_t n = strcspn(s, ".");

	if (n && s[n]) {
		size_t m = strspn(s + n + 1, "0123456789");

		if (m && (s[n + m + 1] == '.' || s[n + m + 1] == '\0'))
			s[n] = '\0';
	}
	return s;
}

/*
 * Every relocation must name a symbol of the table: the section-mismatch
 * pass reads only the sections its rules cover, and a bad index elsewhere
 * would otherwise go unnoticed (the stock tool dies on it).  elf_reloc_get()
 * reports one with fatal().
 */
static void check_reloc_symbols(const struct elf_file *elf)
{
	const struct elf_section *rs;
	struct elf_reloc r;

	for_each_reloc_sec(elf, rs)
		if (elf->symtab_index && rs->link == elf->symtab_index)
			for_each_reloc(elf, rs, k, &r)
				;
}

static void handle_symbol(struct module *mod, const struct elf_file *elf,
			  const struct elf_symbol *sym, const char *name)
{
	switch (sym->raw_shndx) {
	case SHN_COMMON:
		/* LTO objects are linked later; modpost cannot judge them */
		if (!str_starts(name, "__gnu_lto_"))
			warn("\"%s\" [%s] is COMMON symbol\n", name, mod->name);
		break;
	case SHN_UNDEF:
		if (sym->bind != STB_GLOBAL && sym->bind != STB_WEAK)
			break;
		if (ignore_undef_symbol(elf, name))
			break;
		if (elf->machine == EM_SPARC || elf->machine == EM_SPARCV9) {
			if (sym->type == STT_SPARC_REGISTER)
				break;
			if (name[0] == '.') {
				char *munged = xstrdup(name);

				munged[0] = '_';
				munged[1] = toupper((unsigned char)munged[1]);
				unresolved_add(mod, munged, sym->bind == STB_WEAK);
				free(munged);
				break;
			}
		}
		unresolved_add(mod, name, sym->bind == STB_WEAK);
		break;
	default:
		if (strcmp(name, "init_module") == 0)
			mod->has_init = true;
		if (strcmp(name, "cleanup_module") == 0)
			mod->has_cleanup = true;
		break;
	}
}

static void read_modinfo_facts(struct module *mod, const struct elf_file *elf,
			       const char *objname)
{
	const char *license, *ns;

	license = modinfo_get(elf, "license", NULL);
	if (!license)
		error("missing MODULE_LICENSE() in %s\n", objname);
	for (; license; license = modinfo_get(elf, "license", license)) {
		if (!license_is_gpl_compatible(license)) {
			mod->is_gpl_compatible = false;
			break;
		}
	}

	for (ns = modinfo_get(elf, "import_ns", NULL); ns;
	     ns = modinfo_get(elf, "import_ns", ns))
		namespace_list_add(&mod->imported_namespaces, ns);

	if (kprofile.missing_description_warning && opts.extra_warn &&
	    !modinfo_get(elf, "description", NULL))
		warn("missing MODULE_DESCRIPTION() in %s\n", objname);
}

void read_symbols(const char *objname)
{
	const struct elf_section *modinfo;
	struct elf_file elf;
	struct module *mod;

	if (!str_ends(objname, ".o")) {
		error("%s: filename must be suffixed with .o\n", objname);
		return;
	}

	switch (elf_open(&elf, objname)) {
	case ELF_OPEN_OK:
		break;
	case ELF_OPEN_NOT_ELF:
		/*
		 * The stock tool skips such a file without a word ("assume
		 * this is an empty .o file"), and the module is then missing
		 * from everything it writes; kbuild never hands modpost one.
		 */
		error("%s: not an ELF object (no ELF magic, or shorter than an ELF header)\n",
		      objname);
		return;
	case ELF_OPEN_MISSING:
		if (opts.ignore_missing_files) {
			fprintf(stderr, "%s: %s (ignored)\n", objname, strerror(errno));
			return;
		}
		fatal_perror(objname);
	}

	modinfo = elf_section(&elf, elf_find_section(&elf, ".modinfo"));
	if (modinfo && modinfo->type == SHT_NOBITS)
		fatal("%s has NOBITS .modinfo\n", objname);

	mod = module_new(objname, strlen(objname) - strlen(".o"));
	mod->name_len_max = 64 - elf_addr_size(&elf);

	if (!mod->is_vmlinux)
		read_modinfo_facts(mod, &elf, objname);

	/*
	 * Extensions see the names as the object has them (a livepatch may
	 * refer to "name.12345"): before remove_dot() shortens them below.
	 */
	extensions_object_read(mod, &elf);

	for (unsigned int i = 0; i < elf.nsyms; i++) {
		const struct elf_symbol *sym = &elf.syms[i];
		/* the string table is a private writable copy: see remove_dot() */
		const char *name = remove_dot((char *)sym->name);

		handle_symbol(mod, &elf, sym, name);
		if (kprofile.export_symbol_hook && sym->raw_shndx != SHN_UNDEF &&
		    sym->raw_shndx != SHN_COMMON)
			kprofile.export_symbol_hook(mod, &elf, sym, name);
		handle_moddevtable(mod, &elf, sym, name);
	}
	if (kprofile.exports_after_symbols)
		kprofile.exports_after_symbols(mod, &elf);

	check_sec_ref(mod, &elf);
	check_reloc_symbols(&elf);

	if (!mod->is_vmlinux &&
	    (modinfo_get(&elf, "version", NULL) || opts.all_versions))
		get_src_version(mod->name, mod->srcversion, sizeof(mod->srcversion) - 1);

	elf_close(&elf);

	if (opts.modversions) {
		/*
		 * struct module's layout is versioned through this pseudo
		 * import: no exported function takes it as an argument.
		 */
		unresolved_add(mod, "module_layout", false);
		mod_set_crcs(mod);
	}
	module_lists_trim(mod);
}

void read_symbols_from_files(const char *listfile)
{
	bool from_stdin = kprofile.object_list_from_stdin && strcmp(listfile, "-") == 0;
	char line[PATH_MAX];
	FILE *in = from_stdin ? stdin : fopen(listfile, "r");

	if (!in)
		fatal("Can't open filenames file %s: %s", listfile, strerror(errno));

	while (fgets(line, sizeof(line), in)) {
		size_t len = strlen(line);

		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		read_symbols(line);
	}
	if (!from_stdin)
		fclose(in);
}
