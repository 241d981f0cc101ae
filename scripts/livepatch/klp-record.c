// SPDX-License-Identifier: GPL-2.0
/*
 * Recording the resolution inside the module.
 *
 * modpost's only output that ends up in the .ko is the .mod.c file, which
 * kbuild compiles and links into every module.  For a livepatch module it
 * gets one extra block: a string in section .klp.modpost that lists, one
 * per line, every symbol to convert:
 *
 *	klp-modpost 1
 *	<symbol in the livepatch> <object> <symbol in the object> <position>
 *
 * The final `ld -r` keeps that section as is, so the post-link step
 * (modpost --klp-finalize) can write .klp.rela.* / .klp.sym.* from the
 * linked .ko alone, without any kernel symbol data, and then removes it.
 */
#include <ctype.h>
#include <string.h>

#include "klp.h"
#include "klp-module.h"

#define RECORD_SECTION ".klp.modpost"
#define RECORD_VERSION "klp-modpost 1"

/* Names go inside a C string literal, between spaces. */
static bool name_is_recordable(const char *s)
{
	for (; *s; s++)
		if (!isgraph((unsigned char)*s) || *s == '"' || *s == '\\')
			return false;
	return true;
}

void klp_add_mod_c(struct buffer *b, const struct module *mod)
{
	const struct klp_module *km = mod->klp;
	bool any = false;

	if (!km)
		return;
	for (size_t i = 0; i < km->nconversions; i++)
		any |= km->conversions[i].resolved;
	if (!any)
		return;

	buf_puts(b, "\n"
		    "/*\n"
		    " * Livepatch relocations resolved by modpost, for its post-link step:\n"
		    " * \"<symbol here> <object> <symbol there> <position>\" per line.\n"
		    " */\n"
		    "static const char __klp_modpost_record[] __used\n"
		    "__section(\"" RECORD_SECTION "\") =\n"
		    "\t\"" RECORD_VERSION "\\n\"\n");
	for (size_t i = 0; i < km->nconversions; i++) {
		const struct klp_conversion *c = &km->conversions[i];

		if (!c->resolved)
			continue;
		if (!name_is_recordable(c->sym->name) || !name_is_recordable(c->name)) {
			error("livepatch: \"%s\" [%s.ko]: symbol names with spaces, quotes or control\n"
			      "\tcharacters cannot be converted\n", c->sym->name, mod->name);
			continue;
		}
		buf_printf(b, "\t\"%s %s %s %lu\\n\"\n", c->sym->name, c->object, c->name, c->sympos);
	}
	buf_puts(b, "\t;\n");
}
