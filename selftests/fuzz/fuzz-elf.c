// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "elf": an object file as modpost reads it.
 *
 * The input is the object itself (ELF32/ELF64, either byte order: seeds
 * are real modules and synthetic objects).  Two passes:
 *
 *  1. the reader alone (elffile.c), on a heap copy of exactly the input's
 *     size: every section, string, symbol and relocation through the
 *     accessors (bounds-checked, lenient and strict);
 *  2. when pass 1 could decode it: modpost on it, the way main() runs
 *     one build: the dump of a small fixed kernel (Module.symvers),
 *     read_symbols() of the object as m.o (or vmlinux.o), the extensions'
 *     claim, the profile's checks and .mod.c writes, and the symbol dump.
 *     CRCs (-m) and srcversion (-a, or a "version" modinfo) read the fixed
 *     files of fuzz_build_files(); livepatch modules are resolved against
 *     the fixed target kernel of fuzz.h.
 *
 * The options of pass 2 come from the last byte of the input (XOR the
 * usual external-module set -e -M -m; a real object's last byte, in its
 * section header table, is almost always 0); bit 0 of the byte before it
 * names the object vmlinux.o, bit 1 asks pass 1 for headers only.
 */
#include <string.h>

#include "checks.h"
#include "extension.h"
#include "fuzz.h"
#include "modinfo.h"
#include "modpost.h"
#include "objects.h"
#include "profile.h"
#include "symvers.h"

static volatile unsigned long sink;

static void touch(const void *p, size_t len)
{
	if (p && len)
		sink += ((const unsigned char *)p)[len - 1];
}

/* ---- pass 1: the reader ---- */

struct image {
	void *data;
	size_t size;
	unsigned int flags;
	struct elf_file elf;
	bool decoded;
};

static void walk_relocs(const struct elf_file *elf, const struct elf_section *rs)
{
	size_t n = elf_reloc_count_lenient(elf, rs);

	for (size_t k = 0; k < n; k++) {
		struct elf_reloc r;
		unsigned int size;

		if (elf_reloc_decode(elf, rs, k, &r))
			sink += elf_reloc_pointer_addend(elf, rs, &r) + elf->syms[r.sym].value;
		touch(elf_reloc_raw(elf, rs, k, &size), size);
	}
}

static void read_image(void *arg)
{
	struct image *im = arg;
	struct elf_file *elf = &im->elf;
	const struct elf_section *rs;
	struct elf_reloc r;

	if (elf_open_memory(elf, "m.o", im->data, im->size, im->flags) != ELF_OPEN_OK)
		return;
	im->decoded = true;
	for (unsigned int i = 0; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		sink += strlen(elf_section_name(elf, i));
		touch(elf_section_bytes(elf, i, 0, s->size), s->size);
		if (elf_is_reloc_section(s))
			walk_relocs(elf, s);
		if (s->type == SHT_STRTAB && s->size) {
			const char *str = elf_section_string(elf, i, s->size / 2);

			sink += str ? strlen(str) : 0;
		}
	}
	sink += elf_find_section(elf, ".modinfo");
	for (unsigned int i = 0; i < elf->nsyms; i++) {
		const struct elf_symbol *sym = &elf->syms[i];
		uint64_t len = sym->size < 64 ? sym->size : 64;

		touch(elf_symbol_bytes(elf, sym, len), len);
		sink += strlen(sym->name) + elf_name_is_valid(sym->name) +
			strlen(elf_section_name(elf, sym->shndx));
	}
	for (const char *v = modinfo_get(elf, "license", NULL); v;
	     v = modinfo_get(elf, "license", v))
		sink += strlen(v);
	/* the strict walk modpost does: a ragged section or bad index is fatal */
	if (elf->nsyms) {
		for_each_reloc_sec(elf, rs)
			for_each_reloc(elf, rs, k, &r)
				sink += r.offset;
	}
}

/* ---- pass 2: modpost ---- */

struct run {
	const char *object;
};

static void read_inputs(void *arg)
{
	const struct run *run = arg;

	read_dump(FUZZ_TARGET_SYMVERS);
	read_symbols(run->object);
}

static void check_and_write(void *arg)
{
	struct modpost_run run = { 0 };

	(void)arg;
	extensions_claim_symbols();
	kprofile.check_and_write_modules(&run);
	write_dump("out.symvers");
	if (section_mismatch_count() && !opts.sec_mismatch_warn_only)
		error("Section mismatches detected.\n");
	report_suppressed_unresolved();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char opt = size ? data[size - 1] ^ 0x07 : 0x07;
	unsigned char opt2 = size > 1 ? data[size - 2] : 0;
	struct image im = { 0 };
	struct run run;

	fuzz_begin();
	fuzz_build_files();

	im.data = fuzz_copy(data, size);
	im.size = size;
	im.flags = ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB |
		   (opt2 & 2 ? ELF_OPEN_NO_SYMBOLS : 0);
	fuzz_call(read_image, &im);
	/* after a fatal() too: what decode() had allocated */
	elf_close(&im.elf);
	/*
	 * What pass 1 cannot decode (with the most lenient flags), modpost
	 * refuses in the same checks: pass 2 would add nothing but the
	 * section table its fatal() leaves behind.
	 */
	if (!im.decoded)
		return 0;

	fuzz_begin();
	opts.external_module = opt & 0x01;
	opts.module_enabled = opt & 0x02;
	opts.modversions = opt & 0x04;
	opts.all_versions = opt & 0x08;
	opts.extra_warn = opt & 0x10;
	opts.sec_mismatch_warn_only = !(opt & 0x20);
	opts.warn_unresolved = opt & 0x40;
	opts.allow_missing_ns_imports = opt & 0x80;
	run.object = opt2 & 1 ? "vmlinux.o" : "m.o";
	fuzz_write("m.o", NULL, 0);
	fuzz_write("vmlinux.o", NULL, 0);
	fuzz_write(run.object, data, size);
	if (fuzz_call(read_inputs, &run))
		fuzz_call(check_and_write, NULL);
	return 0;
}
