// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "klp-annotations": what the livepatch code reads from a
 * livepatch module's object, whether or not its modinfo says "livepatch"
 * (seeds: the objects of the project's livepatch samples and test cases).
 *
 *  - klp_module_read(): the undefined symbols and every place that uses
 *    them, the annotation records (KLP_SYMBOL(), KLP_MODULE_RELOC()
 *    sections: their records are found through symbols and relocations),
 *    and the struct klp_patch / klp_object / klp_func scope;
 *  - klp_verify_facts_read(): the same scope as --klp-verify reads it;
 *  - the relocations of every section through klp_relocs_collect() and
 *    klp_reloc_target().
 *
 * The input is the object; it is read from a heap copy of its exact size.
 */
#include <string.h>

#include "fuzz.h"
#include "klp-module.h"
#include "klp-relocs.h"
#include "klp-verify-checks.h"
#include "klp.h"

static volatile unsigned long sink;

struct input {
	void *data;
	size_t size;
	struct elf_file elf;
	bool open;
};

static void open_object(void *arg)
{
	struct input *in = arg;

	in->open = elf_open_memory(&in->elf, "lp.o", in->data, in->size, 0) == ELF_OPEN_OK;
}

static void module_read(void *arg)
{
	struct input *in = arg;
	struct module *mod = module_new("lp", 2);
	struct klp_module *km;

	klp_module_read(mod, &in->elf);
	km = mod->klp;
	for (size_t i = 0; i < km->undefined.n; i++) {
		const struct klp_reference *ref = klp_find_reference(km, km->undefined.v[i]);

		sink += ref ? ref->nsites : 0;
		sink += klp_find_annotation(km, km->undefined.v[i]) != NULL;
	}
	for (size_t i = 0; i < km->nannotations; i++)
		fuzz_assert(klp_find_annotation(km, km->annotations[i].cname),
			    "annotation %zu is not found by its name", i);
	sink += km->scope_known + km->patch.nfuncs + klp_is_livepatch_object(&in->elf);
}

static void verify_facts(void *arg)
{
	struct input *in = arg;
	struct klp_verify_facts f;

	klp_verify_facts_read(&in->elf, &f);
	sink += f.patch.nfuncs + f.undefined.n;
	klp_verify_facts_free(&f);
}

static void relocs(void *arg)
{
	struct input *in = arg;

	for (unsigned int i = 1; i < in->elf.nsections; i++) {
		struct klp_relocs r;

		klp_relocs_collect(&in->elf, i, &r);
		for (size_t k = 0; k < r.n; k++) {
			unsigned int shndx;
			uint64_t offset;

			fuzz_assert(klp_reloc_at(&r, r.v[k].offset), "relocation %zu not found at its offset", k);
			if (klp_reloc_target(&in->elf, &r.v[k], &shndx, &offset))
				sink += shndx + offset;
		}
		klp_relocs_free(&r);
	}
	for (unsigned int i = 1; i < in->elf.nsections; i++)
		if (elf_is_reloc_section(&in->elf.sections[i]))
			sink += klp_reloc_section_converted(&in->elf, &in->elf.sections[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { 0 };

	fuzz_begin();
	in.data = fuzz_copy(data, size);
	in.size = size;
	fuzz_call(open_object, &in);
	if (in.open) {
		fuzz_call(module_read, &in);
		fuzz_call(verify_facts, &in);
		fuzz_call(relocs, &in);
	}
	elf_close(&in.elf);
	return 0;
}
