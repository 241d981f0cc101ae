// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "symvers": a Module.symvers file, through both readers:
 *
 *  - modpost's read_dump() (-i): every export it registers must be found
 *    again through the export hash, by name and module (checked here);
 *    external-module rules (-e) on inputs of odd size;
 *  - --klp-verify's reader (klp_exports_read()), and a lookup of the
 *    names the input mentions through klp_verify_undefined().
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "klp-verify-checks.h"
#include "modpost.h"
#include "symvers.h"

static const char path[] = "in.symvers";

static void modpost_reader(void *arg)
{
	(void)arg;
	read_dump(path);
}

static void klp_reader(void *arg)
{
	const char *files[] = { path };
	struct string_list *names = arg;
	struct klp_exports *e;
	bool ok = true;

	e = klp_exports_read(files, 1, NULL, &ok);
	fuzz_assert(e && ok, "klp_exports_read() cannot read an existing file");
	klp_verify_undefined(e, names);
	klp_exports_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct string_list names = { 0 };

	fuzz_begin();
	opts.external_module = size & 1;
	fuzz_write(path, data, size);
	if (fuzz_call(modpost_reader, NULL)) {
		for (size_t m = 0; m < nmodules; m++)
			for (size_t i = 0; i < modules[m]->exports.n; i++) {
				const struct symbol *s = modules[m]->exports.v[i];

				fuzz_assert(export_find_in(s->name, modules[m]) ||
					    s->name[0] == '.',
					    "export '%s' of %s is not found", s->name,
					    modules[m]->name);
				if (names.n < 16)
					string_list_add(&names, s->name);
			}
	}
	string_list_add(&names, "printk");
	string_list_add(&names, "");
	fuzz_call(klp_reader, &names);
	for (size_t i = 0; i < names.n; i++)
		free(names.v[i]);
	free(names.v);
	return 0;
}
