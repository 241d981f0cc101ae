// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "modinfo": the bytes of a .modinfo section.
 *
 *  1. modinfo_get() on the section alone: every tag that occurs in it is
 *     walked to the end; each value must lie inside the section and be
 *     NUL-terminated there, and the walk must end (checked here);
 *     klp_ko_module_name() on it;
 *  2. the section inside a small well-formed ELF64 object (an init_module
 *     and two undefined symbols) read by modpost as m.o, with -e -M -m -W,
 *     then checked and written as in a build: the license (GPL-only
 *     exports), import_ns (namespaces), description (-W), version
 *     (srcversion), livepatch (the livepatch resolver) entries all act.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "extension.h"
#include "fuzz.h"
#include "klp-ko.h"
#include "modinfo.h"
#include "modpost.h"
#include "objects.h"
#include "profile.h"
#include "symvers.h"

static volatile unsigned long sink;

/* ---- 1: the section alone ---- */

struct section {
	char *data;
	size_t size;
};

static void walk_tag(const struct elf_file *elf, const char *tag, size_t limit)
{
	const char *start = (const char *)elf->sections[1].data, *end = start + elf->sections[1].size;
	size_t n = 0;

	for (const char *v = modinfo_get(elf, tag, NULL); v; v = modinfo_get(elf, tag, v)) {
		fuzz_assert(v > start && v < end, "modinfo '%s': value outside the section", tag);
		fuzz_assert(memchr(v, '\0', end - v), "modinfo '%s': value not NUL-terminated", tag);
		fuzz_assert(++n <= limit, "modinfo '%s': more values than entries", tag);
		sink += strlen(v);
	}
}

static void lookups(void *arg)
{
	const struct section *s = arg;
	struct elf_section sections[2] = {
		{ .name = "" },
		{ .name = ".modinfo", .type = SHT_PROGBITS, .data = (unsigned char *)s->data,
		  .size = s->size },
	};
	struct elf_file elf = { .path = "m.o", .sections = sections, .nsections = 2 };
	static const char *const tags[] = {
		"license", "import_ns", "description", "version", "livepatch", "name",
		"vermagic", "depends", "",
	};
	size_t entries = 1;
	char *name;

	for (size_t i = 0; i < s->size; i++)
		entries += s->data[i] == '\0';
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		walk_tag(&elf, tags[i], entries);
	/* every tag the section names */
	for (size_t i = 0; i < s->size; ) {
		const char *e = s->data + i;
		size_t len = strnlen(e, s->size - i);
		const char *eq = memchr(e, '=', len);

		if (eq) {
			char *tag = strndup(e, eq - e);

			walk_tag(&elf, tag, entries);
			free(tag);
		}
		i += len + 1;
	}
	name = klp_ko_module_name(&elf, "dir/fuzz-mod.ko.xz");
	sink += strlen(name);
	free(name);
}

/* ---- 2: in an object ---- */

static const char strtab[] = "\0init_module\0printk\0klp_fuzz_target";
static const char shstrtab[] = "\0.modinfo\0.text\0.symtab\0.strtab\0.shstrtab";

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* An ELF64 relocatable object of the host's byte order with @modinfo. */
static unsigned char *make_object(const void *modinfo, size_t size, size_t *out_size)
{
	Elf64_Sym syms[4] = {
		{ 0 },
		{ .st_name = 1, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), .st_shndx = 2,
		  .st_size = 4 },
		{ .st_name = 13, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE) },
		{ .st_name = 20, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE) },
	};
	static const unsigned char text[16] = { 0xc3 };
	size_t off_modinfo = sizeof(Elf64_Ehdr);
	size_t off_text = align8(off_modinfo + size);
	size_t off_sym = off_text + sizeof(text);
	size_t off_str = off_sym + sizeof(syms);
	size_t off_shstr = off_str + sizeof(strtab);
	size_t off_sh = align8(off_shstr + sizeof(shstrtab));
	size_t total = off_sh + 6 * sizeof(Elf64_Shdr);
	unsigned char *p = calloc(1, total);
	Elf64_Ehdr eh = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64,
			     __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? ELFDATA2MSB : ELFDATA2LSB,
			     EV_CURRENT },
		.e_type = ET_REL, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
		.e_shoff = off_sh, .e_ehsize = sizeof(Elf64_Ehdr),
		.e_shentsize = sizeof(Elf64_Shdr), .e_shnum = 6, .e_shstrndx = 5,
	};
	Elf64_Shdr sh[6] = {
		{ 0 },
		{ .sh_name = 1, .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC,
		  .sh_offset = off_modinfo, .sh_size = size, .sh_addralign = 1 },
		{ .sh_name = 10, .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_EXECINSTR,
		  .sh_offset = off_text, .sh_size = sizeof(text), .sh_addralign = 16 },
		{ .sh_name = 16, .sh_type = SHT_SYMTAB, .sh_offset = off_sym,
		  .sh_size = sizeof(syms), .sh_link = 4, .sh_info = 1, .sh_addralign = 8,
		  .sh_entsize = sizeof(Elf64_Sym) },
		{ .sh_name = 24, .sh_type = SHT_STRTAB, .sh_offset = off_str,
		  .sh_size = sizeof(strtab), .sh_addralign = 1 },
		{ .sh_name = 32, .sh_type = SHT_STRTAB, .sh_offset = off_shstr,
		  .sh_size = sizeof(shstrtab), .sh_addralign = 1 },
	};

	if (!p)
		abort();
	memcpy(p, &eh, sizeof(eh));
	if (size)
		memcpy(p + off_modinfo, modinfo, size);
	memcpy(p + off_text, text, sizeof(text));
	memcpy(p + off_sym, syms, sizeof(syms));
	memcpy(p + off_str, strtab, sizeof(strtab));
	memcpy(p + off_shstr, shstrtab, sizeof(shstrtab));
	memcpy(p + off_sh, sh, sizeof(sh));
	*out_size = total;
	return p;
}

static void read_object(void *arg)
{
	(void)arg;
	read_dump(FUZZ_TARGET_SYMVERS);
	read_symbols("m.o");
}

static void check_and_write(void *arg)
{
	struct modpost_run run = { 0 };

	(void)arg;
	extensions_claim_symbols();
	kprofile.check_and_write_modules(&run);
	write_dump("out.symvers");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct section s;
	unsigned char *obj;
	size_t obj_size;

	fuzz_begin();
	s.data = fuzz_copy(data, size);
	s.size = size;
	fuzz_call(lookups, &s);

	fuzz_begin();
	fuzz_build_files();
	opts.external_module = true;
	opts.module_enabled = true;
	opts.modversions = true;
	opts.extra_warn = true;
	obj = make_object(data, size, &obj_size);
	fuzz_write("m.o", obj, obj_size);
	free(obj);
	if (fuzz_call(read_object, NULL))
		fuzz_call(check_and_write, NULL);
	return 0;
}
