// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for get_src_version() (scripts/mod/srcversion.c).
 *
 * The expected digests in srcversion-vectors.h come from a separate Python
 * implementation (gen-srcversion-vectors.py), which is itself checked
 * against the RFC 1320 test suite and against values the stock modpost
 * produced.  The file-selection tests compare a module with a reference
 * module whose single source holds exactly the bytes that should be hashed.
 */
#include <limits.h>

#include "modpost.h"
#include "unit.h"
#include "srcversion-vectors.h"

#define EMPTY_SRCVERSION "533BB7E5866E52F63B9ACCB"

static char *tmp;

/* ---- fixtures ---- */

/* module "<dir>/m" with the single object <dir>/a.o built from <dir>/a.c */
static void make_single_source_module(const char *dir, const char *text, size_t len)
{
	char *p;

	p = unit_path(dir, "a.c");
	unit_write(p, text, len);
	free(p);
	p = unit_path(dir, ".a.o.cmd");
	unit_writef(p, "savedcmd_%s/a.o := gcc -c\n\nsource_%s/a.o := %s/a.c\n\n",
		    dir, dir, dir);
	free(p);
	p = unit_path(dir, "m.mod");
	unit_writef(p, "%s/a.o\n", dir);
	free(p);
}

static char *fresh_dir(const char *name)
{
	char *d = unit_path(tmp, name);

	if (mkdir(d, 0755) != 0 && errno != EEXIST) {
		perror(d);
		exit(2);
	}
	return d;
}

/* srcversion of module <dir>/m into @sum (prefilled with "untouched") */
static void srcversion_of(const char *dir, char *sum, unsigned int sumlen)
{
	char *mod = unit_path(dir, "m");

	strcpy(sum, "untouched");
	get_src_version(mod, sum, sumlen);
	free(mod);
}

/* srcversion of a module whose only source file holds @text */
static void srcversion_of_text(const char *text, size_t len, char *sum,
			       unsigned int sumlen)
{
	static unsigned int serial;
	char name[32];
	char *d;

	snprintf(name, sizeof(name), "text%u", serial++);
	d = fresh_dir(name);
	make_single_source_module(d, text, len);
	srcversion_of(d, sum, sumlen);
	free(d);
}

/* ---- the hash ---- */

static void test_vectors(const char *what, const struct sv_vector *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char full[40], cut[40], want_cut[24];
		char *text = (char *)v[i].text;

		if (!text) {
			text = xmalloc(v[i].len);
			memset(text, 'k', v[i].len);
		}
		srcversion_of_text(text, v[i].len, full, 33);
		unit_check_str(full, v[i].digest, what);
		srcversion_of_text(text, v[i].len, cut, 24);
		snprintf(want_cut, sizeof(want_cut), "%s", v[i].digest);
		unit_check_str(cut, want_cut, "  ... cut to 23 characters");
		if (text != v[i].text)
			free(text);
	}
}

static void test_known_values(void)
{
	static const char blank[] = "  \t\n/* only a comment */\\\n\v\f\r";
	char sum[40];

	srcversion_of_text("", 0, sum, 24);
	unit_check_str(sum, EMPTY_SRCVERSION, "empty input gives the stock constant");

	srcversion_of_text(blank, strlen(blank), sum, 24);
	unit_check_str(sum, EMPTY_SRCVERSION, "nothing significant == empty input");
}

static void test_sumlen(void)
{
	char sum[40];

	srcversion_of_text("", 0, sum, 1);
	unit_check_str(sum, "", "sumlen 1 leaves only the terminator");
	srcversion_of_text("", 0, sum, 0);
	unit_check_str(sum, "untouched", "sumlen 0 writes nothing");
	srcversion_of_text("", 0, sum, 40);
	unit_check_str(sum, "533BB7E5866E52F63B9ACCB31401D77F", "sumlen 40: all 32 digits");
}

/* ---- which files are hashed ---- */

/* The selection under test must hash exactly @expected_text. */
static void check_same_as(const char *dir, const char *expected_text,
			  const char *what)
{
	char got[40], want[40];

	srcversion_of(dir, got, 24);
	srcversion_of_text(expected_text, strlen(expected_text), want, 24);
	unit_check_str(got, want, what);
}

static void put(const char *dir, const char *name, const char *text)
{
	char *p = unit_path(dir, name);

	unit_write(p, text, strlen(text));
	free(p);
}

static void test_deps(void)
{
	char *d = fresh_dir("deps");
	char *sub = unit_path(d, "sub");
	char *cmd = unit_path(d, ".a.o.cmd");

	mkdir(sub, 0755);
	put(d, "a.c", "SRC;");
	put(d, "h1.h", "H1;");
	put(d, "h2.h", "H2;");
	put(d, "last.h", "LAST;");
	put(d, "after.h", "AFTER;");
	put(d, "sub/deep.h", "DEEP;");
	unit_writef(cmd,
		"savedcmd_x := gcc\n"
		"source_%1$s/a.o := %1$s/a.c\n"
		"\n"
		"deps_%1$s/a.o := \\\n"
		"  %1$s/a.c \\\n"
		"\t%1$s/h1.h \\\n"
		"  %1$s/sub/deep.h \\\n"
		"  /no/such/dir/x.h \\\n"
		"  $(wildcard include/config/FOO) \\\n"
		"  %1$s/h2.h trailing words \\\n"
		"  %1$s/last.h\n"
		"  %1$s/after.h \\\n",
		d);
	{
		char *list = unit_path(d, "m.mod");

		unit_writef(list, "%s/a.o\n", d);
		free(list);
	}
	check_same_as(d, "SRC;SRC;H1;H2;",
		      "deps: source first, then same-directory deps; subdirs, "
		      "other dirs and the line without '\\' are not hashed");

	/* an empty line ends the list too, and source_ need not exist */
	unit_writef(cmd, "deps_x := \\\n  %1$s/h1.h \\\n\n  %1$s/h2.h \\\n", d);
	check_same_as(d, "H1;", "deps: empty line ends the list; no source_ line");

	unit_writef(cmd, "deps_x := \\\n  %1$s/h1.h \\\n   \t\n  %1$s/h2.h \\\n", d);
	check_same_as(d, "H1;", "deps: blank line ends the list");

	unit_writef(cmd, "deps_x := \\\n  %1$s/h1.h \\\r\n  %1$s/h2.h \\\n", d);
	check_same_as(d, "", "deps: CRLF line does not end in '\\'");

	/* source_ is recognised anywhere, also indented; deps_ may repeat */
	unit_writef(cmd,
		"deps_x := \\\n"
		"  source_y := %1$s/h2.h\n"
		"  %1$s/h1.h \\\n"
		"deps_again := \\\n"
		"  %1$s/last.h \\\n",
		d);
	check_same_as(d, "H2;H1;LAST;", "source_ lines inside the deps list");

	unit_writef(cmd, "source_a := %1$s/a.c\n  source_b := %1$s/h1.h\n", d);
	check_same_as(d, "SRC;H1;", "no deps_ line; two source_ lines");

	free(cmd);
	free(sub);
	free(d);
}

static void test_objects(void)
{
	char *d = fresh_dir("objects");
	char *p;

	put(d, "a.c", "A;");
	put(d, "b.c", "B;");
	p = unit_path(d, ".a.o.cmd");
	unit_writef(p, "source_a := %s/a.c\n", d);
	free(p);
	p = unit_path(d, ".b.o.cmd");
	unit_writef(p, "source_b := %s/b.c\n", d);
	free(p);

	p = unit_path(d, "m.mod");
	unit_writef(p, "%1$s/b.o\n\n%1$s/lib.a\n%1$s/a.o", d);
	check_same_as(d, "B;A;", "two objects in .mod order, blank line and .a skipped");

	unit_writef(p, "%s", "");
	check_same_as(d, "", "empty .mod");
	{
		char sum[40];

		srcversion_of(d, sum, 24);
		unit_check_str(sum, EMPTY_SRCVERSION, "empty .mod gives the stock constant");
	}

	unit_writef(p, "lib.a\n\n%s/x.a\n", d);
	check_same_as(d, "", ".mod with only static libraries");
	free(p);
	free(d);
}

/* Objects named relative to the current directory. */
static void test_relative(void)
{
	char *d = fresh_dir("relative");
	char cwd[PATH_MAX];
	char want[40], got[40];

	if (!getcwd(cwd, sizeof(cwd)) || chdir(d) != 0) {
		unit_check(false, "chdir to %s", d);
		free(d);
		return;
	}
	mkdir("sub", 0755);
	mkdir("x", 0755);
	mkdir("x/sub", 0755);
	mkdir("ysub", 0755);
	put(".", "a.c", "A;");
	put(".", "a.h", "AH;");
	put(".", "sub/b.c", "B;");
	put(".", "sub/b.h", "BH;");
	put(".", "x/sub/b2.h", "B2;");
	put(".", "ysub/y.h", "Y;");
	put(".", "sub/sub-no.h", "NO;");
	/* without a directory, no dependency is ever hashed */
	put(".", ".a.o.cmd", "source_a := a.c\ndeps_a := \\\n  a.c \\\n  a.h \\\n  ./a.h \\\n");
	/*
	 * "sub/" must end at the last '/': it may occur after other
	 * characters (x/sub/, ysub/) but the first occurrence counts.
	 */
	put(".", "sub/.b.o.cmd",
	    "source_b := sub/b.c\ndeps_b := \\\n  sub/b.h \\\n  x/sub/b2.h \\\n"
	    "  ysub/y.h \\\n  sub/sub/no.h \\\n  sub/sub-no.h/ \\\n");
	put(".", "m.mod", "a.o\nsub/b.o\n");

	strcpy(got, "untouched");
	get_src_version("m", got, 24);
	srcversion_of_text("A;B;BH;B2;Y;", strlen("A;B;BH;B2;Y;"), want, 24);
	unit_check_str(got, want, "relative paths; object without a directory; "
		       "first occurrence of the directory decides");

	if (chdir(cwd) != 0)
		exit(2);
	free(d);
}

/* ---- failures ---- */

static void call_get_src_version(void *modname)
{
	char sum[24] = "";

	get_src_version(modname, sum, sizeof(sum));
	printf("%s", sum);
}

static void check_exit(const char *modname, const char *want_err, const char *what)
{
	char err[8192];
	int status = unit_run_child(call_get_src_version, (void *)modname, err, sizeof(err));

	unit_check(status == 1, "%s: exit status 1 (got %d)", what, status);
	unit_check_str(err, want_err, what);
}

static void test_failures(void)
{
	char *d = fresh_dir("fail");
	char *mod = unit_path(d, "m");
	char *listp = unit_path(d, "m.mod");
	char *cmd = unit_path(d, ".a.o.cmd");
	char want[PATH_MAX + 64], sum[40];
	char *longname;

	snprintf(want, sizeof(want), "%s: No such file or directory\n", listp);
	check_exit(mod, want, "missing .mod");

	unit_writef(listp, "%s/a.o\n", d);
	snprintf(want, sizeof(want), "%s: No such file or directory\n", cmd);
	check_exit(mod, want, "missing .cmd");

	unit_writef(cmd, "source_a := %s/nope.c\n", d);
	snprintf(want, sizeof(want), "%s/nope.c: No such file or directory\n", d);
	check_exit(mod, want, "missing source");

	unit_writef(cmd, "source_a := %s/nope.c \n", d);
	/* perror("") prints no ": " prefix */
	check_exit(mod, "No such file or directory\n", "source_ line ending in a space");

	unit_writef(cmd, "deps_a := \\\n  %s/ \\\n", d);
	snprintf(want, sizeof(want), "%s/: Is a directory\n", d);
	check_exit(mod, want, "dependency that is a directory");

	/* a source_ line without a space: warning, srcversion left alone */
	put(d, "b.c", "B;");
	unit_writef(listp, "%1$s/b.o\n%1$s/a.o\n", d);
	{
		char *bcmd = unit_path(d, ".b.o.cmd");

		unit_writef(bcmd, "source_b := %s/b.c\n", d);
		free(bcmd);
	}
	unit_writef(cmd, "  source_a:=%s/a.c\n", d);
	{
		char err[4096];
		int status = unit_run_child(call_get_src_version, mod, err, sizeof(err));

		snprintf(want, sizeof(want),
			 "WARNING: modpost: malformed line: source_a:=%s/a.c\n", d);
		unit_check(status == 0, "malformed source_ line: not fatal");
		unit_check_str(err, want, "malformed source_ line: warning text");
	}
	srcversion_of(d, sum, 24);
	unit_check_str(sum, "untouched", "malformed source_ line: no srcversion");

	/* the .mod name is built in a PATH_MAX + 1 buffer, as in stock */
	longname = xmalloc(PATH_MAX + 100);
	memset(longname, 'n', PATH_MAX + 99);
	longname[PATH_MAX + 99] = '\0';
	snprintf(want, sizeof(want), "%.*s: File name too long\n", PATH_MAX, longname);
	check_exit(longname, want, "overlong module name is truncated");
	free(longname);

	free(cmd);
	free(listp);
	free(mod);
	free(d);
}

int main(void)
{
	tmp = unit_tmpdir("srcversion");

	test_known_values();
	test_vectors("hash vector", hash_vectors, ARRAY_SIZE(hash_vectors));
	test_vectors("filter vector", filter_vectors, ARRAY_SIZE(filter_vectors));
	test_sumlen();
	test_deps();
	test_objects();
	test_relative();
	test_failures();

	unit_rmtree(tmp);
	free(tmp);
	return unit_done();
}
