// SPDX-License-Identifier: GPL-2.0
/*
 * The extensions built into modpost, and the calls of their hooks
 * (extension.h): modpost's state goes to them as arguments here.
 */
#include "extension.h"
#include "modpost.h"

/* The extensions built in, NULL-terminated. */
static const struct modpost_extension *const modpost_extensions[] = {
	&livepatch_extension,
	NULL,
};

#define for_each_extension(e)						\
	for (const struct modpost_extension *const *e##_p = modpost_extensions; \
	     (e = *e##_p) != NULL; e##_p++)

bool extensions_run_mode(int argc, char **argv, int *status)
{
	const struct modpost_extension *e;

	if (argc < 2)
		return false;
	for_each_extension(e) {
		if (e->is_mode && e->is_mode(argv[1])) {
			*status = e->run_mode(argc, argv);
			return true;
		}
	}
	return false;
}

void extensions_print_modes(FILE *out, const char *prog)
{
	const struct modpost_extension *e;

	for_each_extension(e)
		if (e->print_modes)
			e->print_modes(out, prog);
}

void extensions_object_read(struct module *mod, struct elf_file *elf)
{
	const struct modpost_extension *e;

	for_each_extension(e)
		if (e->object_read)
			e->object_read(mod, elf);
}

void extensions_claim_symbols(void)
{
	const struct modpost_extension *e;

	for_each_extension(e)
		if (e->claim_symbols)
			e->claim_symbols(modules, nmodules);
}

void extensions_before_outputs(void)
{
	const struct modpost_extension *e;

	for_each_extension(e)
		if (e->before_outputs)
			e->before_outputs(modules, nmodules, !opts.external_module,
					  opts.object_list);
}

void extensions_add_mod_c(struct buffer *b, const struct module *mod)
{
	const struct modpost_extension *e;

	for_each_extension(e)
		if (e->add_mod_c)
			e->add_mod_c(b, mod);
}
