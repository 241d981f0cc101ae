// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "modcmd": the files kbuild leaves next to a module that
 * modpost reads for srcversion and CRCs: <module>.mod (its objects) and
 * each object's .<object>.cmd (source_, deps_ and #SYMVER lines), and the
 * sources they name.
 *
 * The input is up to six parts separated by NUL bytes:
 *
 *   0  m.mod              the object list (e.g. "a.o\nsub/c.o\n")
 *   1  .a.o.cmd
 *   2  sub/.c.o.cmd
 *   3  a.c                a source (hashed: comments, strings, blanks)
 *   4  sub/b.h            a dependency in sub/
 *   5  exports            names module m exports, one a line (CRCs
 *                         apply to these only)
 *
 * A missing part is a missing file.  get_src_version("m") and
 * mod_set_crcs() run on them (the latter as vmlinux too, which reads
 * .vmlinux.objs: part 0 again).  Inputs whose paths could leave the
 * scratch directory are rejected (fuzz_paths_stay_inside()).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "modpost.h"

enum { P_MOD, P_CMD_A, P_CMD_C, P_SRC, P_DEP, P_EXPORTS, NPARTS };

static const char *const files[NPARTS] = {
	"m.mod", ".a.o.cmd", "sub/.c.o.cmd", "a.c", "sub/b.h", NULL,
};

static volatile unsigned long sink;

static void srcversion(void *arg)
{
	char sum[25] = "";

	(void)arg;
	get_src_version("m", sum, sizeof(sum) - 1);
	sink += strlen(sum);
}

static void crcs(void *arg)
{
	mod_set_crcs(arg);
}

/* module @name exporting the lines of @exports (at most 64) */
static struct module *exporter(const char *name, const char *exports)
{
	struct module *mod = module_new(name, strlen(name));
	const char *p = exports;

	for (int n = 0; p && *p && n < 64; n++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *sym = strndup(p, len);

		if (sym && *sym && !export_find_in(sym, mod))
			export_add(mod, sym, n & 1, "");
		free(sym);
		p = nl ? nl + 1 : NULL;
	}
	return mod;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool dirs;
	char *parts[NPARTS];
	struct module *mod;

	fuzz_begin();
	if (!dirs) {
		mkdir("sub", 0755);
		dirs = true;
	}
	fuzz_split(data, size, parts, NPARTS);
	for (int i = 0; i < NPARTS; i++)
		if (i <= P_CMD_C && parts[i] && !fuzz_paths_stay_inside(parts[i]))
			return -1;
	for (int i = 0; i < NPARTS; i++)
		if (files[i])
			fuzz_write(files[i], parts[i], parts[i] ? strlen(parts[i]) : 0);
	fuzz_write(".vmlinux.objs", parts[P_MOD], parts[P_MOD] ? strlen(parts[P_MOD]) : 0);

	fuzz_call(srcversion, NULL);

	mod = exporter("m", parts[P_EXPORTS]);
	fuzz_call(crcs, mod);
	for (size_t i = 0; i < mod->exports.n; i++)
		sink += mod->exports.v[i]->crc;
	mod = exporter("vmlinux", parts[P_EXPORTS]);
	fuzz_call(crcs, mod);
	return 0;
}
