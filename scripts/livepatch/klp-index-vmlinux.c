// SPDX-License-Identifier: GPL-2.0
/*
 * vmlinux from a final ELF (Debian's linux-image-<rel>-dbg vmlinux).
 *
 * kallsyms is made from `nm -n vmlinux` filtered by scripts/mksysmap and
 * scripts/kallsyms (klp-index-filter.c), and the filters look at nm's
 * type letter, so the letter is derived here from the ELF symbol the way
 * GNU nm does it:
 *
 *   - nm lists neither the null symbol nor STT_SECTION/STT_FILE symbols
 *     (BFD marks them as debugging symbols, shown only with -a);
 *   - common 'C', undefined 'U' (weak undefined 'v' object / 'w' other),
 *     STT_GNU_IFUNC 'i', weak 'V' object / 'W' other, STB_GNU_UNIQUE 'u',
 *     other non-local, non-global bindings '?';
 *   - otherwise by section: absolute 'a'; executable 't'; allocated with
 *     contents 'r' read-only or 'd' writable; no contents (NOBITS) 'b';
 *     non-allocated debugging sections (.debug*, .zdebug*, .gnu.linkonce.wi.*,
 *     .line*, .stab*, .gdb_index) 'N'; other read-only contents 'n';
 *     anything else falls back to nm's table of well-known section name
 *     prefixes (.bss 'b', .data 'd', .rodata 'r', .text 't', ...);
 *   - global binding makes the letter upper case.
 *
 * (checked against `nm` on the whole Debian 6.12 debug vmlinux by
 * selftests/klp/index-vmlinux.sh)
 *
 * The letter stored in the index is the one /proc/kallsyms shows: with
 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU (6.12: x86_64 SMP), scripts/kallsyms
 * turns every kept symbol inside [__per_cpu_start, __per_cpu_end] into 'A'.
 */
#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "elffile.h"
#include "klp-index-internal.h"
#include "lib.h"

#ifndef STB_GNU_UNIQUE
#define STB_GNU_UNIQUE 10
#endif
#ifndef STT_GNU_IFUNC
#define STT_GNU_IFUNC 10
#endif

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool debugging_section(const char *name)
{
	return starts(name, ".debug") || starts(name, ".zdebug") ||
	       starts(name, ".gnu.debuglto_.debug_") ||
	       starts(name, ".gnu.linkonce.wi.") || starts(name, ".line") ||
	       starts(name, ".stab") || strcmp(name, ".gdb_index") == 0;
}

/* nm's last resort: well-known section name prefixes followed by . $ digit or end */
static char letter_by_name(const char *name)
{
	static const struct { const char *prefix; char type; } table[] = {
		{ ".bss", 'b' }, { "code", 't' }, { ".data", 'd' }, { "*DEBUG*", 'N' },
		{ ".debug", 'N' }, { ".drectve", 'i' }, { ".edata", 'e' },
		{ ".fini", 't' }, { ".idata", 'i' }, { ".init", 't' }, { ".pdata", 'p' },
		{ ".rdata", 'r' }, { ".rodata", 'r' }, { ".sbss", 's' },
		{ ".scommon", 'c' }, { ".sdata", 'g' }, { ".text", 't' },
		{ "vars", 'd' }, { "zerovars", 'b' },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		size_t n = strlen(table[i].prefix);
		char next = name[n];

		if (strncmp(name, table[i].prefix, n) == 0 &&
		    (next == '\0' || next == '.' || next == '$' || isdigit((unsigned char)next)))
			return table[i].type;
	}
	return '?';
}

static char letter_by_section(const struct elf_section *sec)
{
	bool alloc = sec->flags & SHF_ALLOC;
	bool contents = sec->type != SHT_NOBITS;

	if (sec->flags & SHF_EXECINSTR)
		return 't';
	if (alloc && contents)
		return sec->flags & SHF_WRITE ? 'd' : 'r';
	if (!contents)
		return 'b';
	if (!alloc && debugging_section(sec->name))
		return 'N';
	if (!(sec->flags & SHF_WRITE))
		return 'n';
	return letter_by_name(sec->name);
}

/* nm's letter for @sym, or 0 when nm does not list it. */
static char nm_letter(const struct elf_file *elf, const struct elf_symbol *sym)
{
	const struct elf_section *sec;
	char c;

	if (sym->type == STT_SECTION || sym->type == STT_FILE)
		return 0;
	if (sym->shndx == ELF_SPECIAL_SHNDX(SHN_COMMON))
		return 'C';
	if (sym->shndx == SHN_UNDEF) {
		if (sym->bind == STB_WEAK)
			return sym->type == STT_OBJECT ? 'v' : 'w';
		return 'U';
	}
	if (sym->type == STT_GNU_IFUNC)
		return 'i';
	if (sym->bind == STB_WEAK)
		return sym->type == STT_OBJECT ? 'V' : 'W';
	if (sym->bind == STB_GNU_UNIQUE)
		return 'u';
	if (sym->bind != STB_LOCAL && sym->bind != STB_GLOBAL)
		return '?';
	if (sym->shndx == ELF_SPECIAL_SHNDX(SHN_ABS)) {
		c = 'a';
	} else {
		sec = elf_section(elf, sym->shndx);
		c = sec ? letter_by_section(sec) : '?';
	}
	return sym->bind == STB_GLOBAL ? toupper((unsigned char)c) : c;
}

/* Section name for the index: "" for absolute and special indices. */
static const char *section_of(const struct elf_file *elf, const struct elf_symbol *sym)
{
	const struct elf_section *sec = elf_section(elf, sym->shndx);

	return sec ? sec->name : "";
}

/* Prefetch the symbol and string tables: the rest of the file is never read. */
static void advise(const struct elf_file *elf)
{
	long page = 4096;

	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];
		uintptr_t start, end;

		if (!s->data || (s->type != SHT_SYMTAB && s->type != SHT_STRTAB))
			continue;
		start = (uintptr_t)s->data & ~(uintptr_t)(page - 1);
		end = (uintptr_t)s->data + s->size;
		madvise((void *)start, end - start, MADV_WILLNEED);
	}
}

/*
 * @relocatable: vmlinux.o of an in-tree build (klp-intree.c), read by
 * modpost before the final link.  Its values are section offsets, so there
 * is no address order: the "address" of each symbol is its index in the
 * symbol table, and positions are only the order of the table (the
 * identity klp-intree.c records; the final vmlinux gives the position).
 */
static struct klp_symtab *read_vmlinux(const char *path, bool relocatable)
{
	struct elf_file elf;
	struct klp_occ *occ;
	struct klp_symtab *obj;
	const char *source = NULL;
	uint64_t pcpu_start = 0, pcpu_end = 0;
	bool have_start = false, have_end = false;
	struct klp_call_sites sites;
	size_t n = 0;

	switch (elf_open_ex(&elf, path, ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB)) {
	case ELF_OPEN_OK:
		break;
	case ELF_OPEN_NOT_ELF:
		error("%s: not an ELF file\n", path);
		return NULL;
	case ELF_OPEN_MISSING:
		error("%s: %m\n", path);
		return NULL;
	}
	if (relocatable ? elf.type != ET_REL : elf.type != ET_EXEC && elf.type != ET_DYN) {
		error("%s: not a %s (ELF type %u)\n", path,
		      relocatable ? "relocatable vmlinux.o" : "linked vmlinux", elf.type);
		elf_close(&elf);
		return NULL;
	}
	if (!elf.symtab_index || elf.nsyms < 2) {
		error("%s: has no symbol table (a stripped or BTF-only vmlinux?)\n", path);
		elf_close(&elf);
		return NULL;
	}
	advise(&elf);
	if (relocatable)
		memset(&sites, 0, sizeof(sites));	/* not known before the link */
	else
		klp_call_sites_vmlinux(&elf, &sites);

	occ = xmalloc(elf.nsyms * sizeof(*occ));
	for (unsigned int i = 1; i < elf.nsyms; i++) {
		const struct elf_symbol *sym = &elf.syms[i];
		size_t len;
		char type;

		/* locals follow the STT_FILE symbol of their source file */
		if (sym->type == STT_FILE) {
			source = sym->name[0] ? sym->name : NULL;
			continue;
		}
		type = nm_letter(&elf, sym);
		if (!type || !sym->name[0])
			continue;
		len = strlen(sym->name);
		if (!klp_kallsyms_keeps(sym->name, len, type))
			continue;
		if (strcmp(sym->name, "__per_cpu_start") == 0) {
			pcpu_start = sym->value;
			have_start = true;
		} else if (strcmp(sym->name, "__per_cpu_end") == 0) {
			pcpu_end = sym->value;
			have_end = true;
		}
		occ[n].name = sym->name;
		occ[n].section = section_of(&elf, sym);
		occ[n].source = sym->bind == STB_LOCAL ? source : NULL;
		occ[n].address = relocatable ? i : sym->value;
		occ[n].type = type;
		occ[n].weak = type == 'w' || type == 'W';
		occ[n].ftrace = sym->type != STT_FUNC ? KLP_FTRACE_NOT_FUNCTION :
				relocatable ? KLP_FTRACE_UNKNOWN :
				klp_call_sites_judge(&sites, sym->value, sym->size);
		n++;
	}

	if (!relocatable && elf.machine == EM_X86_64 && elf.is64 && have_start && have_end)
		for (size_t i = 0; i < n; i++)
			if (occ[i].address >= pcpu_start && occ[i].address <= pcpu_end) {
				/* kallsyms sorts after this change: 'A' is not weak */
				occ[i].type = 'A';
				occ[i].weak = false;
			}

	obj = klp_symtab_build("vmlinux", occ, n, KLP_ORDER_ADDRESS);
	free(occ);
	klp_call_sites_free(&sites);
	elf_close(&elf);
	return obj;
}

struct klp_symtab *klp_read_vmlinux_elf(const char *path)
{
	return read_vmlinux(path, false);
}

struct klp_symtab *klp_read_vmlinux_object(const char *path)
{
	return read_vmlinux(path, true);
}
