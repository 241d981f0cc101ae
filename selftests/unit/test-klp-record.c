// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the post-link guard of the modpost record
 * (scripts/livepatch/klp-record.h): which executable writes it, and that
 * the block it writes compiles with KLP_MODPOST_POSTLINK only, saying what
 * happened, for module paths that need escaping too.
 */
#include "../../scripts/livepatch/klp-record.h"
#include "buffer.h"
#include "unit.h"

static void test_exe_rule(void)
{
	static const struct {
		const char *path;
		bool guarded;
	} cases[] = {
		{ "/usr/lib/linux-kbuild-6.12.118+deb12/scripts/mod/modpost", true },
		{ "/usr/lib/linux-kbuild-6.1/scripts/mod/modpost", true },
		/* replaced or uninstalled while it runs */
		{ "/usr/lib/linux-kbuild-6.1/scripts/mod/modpost (deleted)", true },
		{ "/tmp/copy/usr/src/linux-6.12/scripts/mod/modpost", true },
		/* MODPOST=<path>: this project's build, anywhere else */
		{ "/work/main/build/modpost", false },
		{ "/work/main/build/6.1/modpost (deleted)", false },
		{ "/usr/lib/linux-kbuild-6.1/scripts/mod/modpost.real-lsb-64", false },
		{ "/usr/lib/linux-kbuild-6.1/scripts/mod/modpost.klp-orig", false },
		{ "/opt/myscripts/mod/modpost", false },
		{ "modpost", false },
		{ "", false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		unit_check(klp_record_exe_is_installed(cases[i].path) == cases[i].guarded,
			   "\"%s\": %s", cases[i].path, cases[i].guarded ? "guard" : "no guard");
	/* this test program is no kbuild's modpost */
	unit_check(!klp_record_guarded(), "this process (%s) writes no guard", "selftests/unit");
}

/* compile @dir/@file (a .mod.c tail) with @flags; the compiler's status */
static int compile(const char *dir, const char *file, const char *flags)
{
	return unit_sh("cd '%s' && ${CC:-cc} -fsyntax-only %s -x c '%s' >'%s.out' 2>&1",
		       dir, flags, file, file);
}

static bool file_has(const char *path, const char *text)
{
	return unit_sh("grep -qF -- '%s' '%s'", text, path) == 0;
}

static void test_guard_block(void)
{
	static const char *const names[] = {
		"/tmp/lp/livepatch-sample",
		/* kbuild accepts these in M= paths; the string must stay one */
		"/tmp/a \"quoted\" dir/back\\slash/lp",
	};
	char *dir = unit_tmpdir("klp-record");

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct buffer b = { 0 };
		char *c, *out;

		buf_puts(&b, "static const char x[] = \"\";\n");
		klp_record_write_guard(&b, names[i]);
		c = unit_path(dir, "guard.c");
		out = unit_path(dir, "guard.c.out");
		unit_write(c, b.p, b.pos);

		unit_check(compile(dir, "guard.c", "-D" KLP_POSTLINK_MACRO) == 0,
			   "guard of \"%s\": compiles with -D%s", names[i], KLP_POSTLINK_MACRO);
		unit_check(compile(dir, "guard.c", "") != 0 &&
			   file_has(out, "error: #error") &&
			   file_has(out, "whose post-link step this link does not run") &&
			   file_has(out, "run make clean, then make again"),
			   "guard of \"%s\": stops the compile without it, saying why", names[i]);
		unit_check(file_has(out, ".ko: its .mod.c comes from the klp-modpost installed"),
			   "guard of \"%s\": the message names the module", names[i]);
		buf_free(&b);
		free(c);
		free(out);
	}
	unit_rmtree(dir);
	free(dir);
}

int main(void)
{
	test_exe_rule();
	test_guard_block();
	return unit_done();
}
