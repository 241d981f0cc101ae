// SPDX-License-Identifier: GPL-2.0
/* Placeholder until file2alias.c exists; delete this file then. */
#include "modpost.h"

void handle_moddevtable(struct module *mod, struct elf_file *elf,
			const struct elf_symbol *sym, const char *symname)
{
	(void)mod; (void)elf; (void)sym; (void)symname;
}

void add_moddevtable(struct buffer *buf, struct module *mod)
{
	buf_printf(buf, "\n");
	buf_write(buf, mod->aliases.p, mod->aliases.pos);
}
