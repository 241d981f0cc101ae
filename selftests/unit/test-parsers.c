// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for modpost's small parsers: symbol-name suffix removal,
 * .modinfo lookup, Module.symvers reading, #SYMVER CRC lines and the
 * buf_printf length limit.  Expected values are the stock modpost's
 * behaviour as described in shared/docs/modpost-spec.md.
 */
#include <limits.h>

#include "modpost.h"
#include "objects.h"
#include "symvers.h"
#include "unit.h"

static char *tmp;

/* ---- remove_dot ---- */

static void check_remove_dot(const char *in, const char *want)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s", in);
	unit_check_str(remove_dot(buf), want, in);
}

static void test_remove_dot(void)
{
	check_remove_dot("foo.1", "foo");
	check_remove_dot("foo.12.3", "foo");
	check_remove_dot("foo.123", "foo");
	check_remove_dot("foo.isra.0", "foo.isra.0");
	check_remove_dot("foo.12abc", "foo.12abc");
	check_remove_dot("foo.", "foo.");
	check_remove_dot(".L123", ".L123");
	check_remove_dot("plain", "plain");
	check_remove_dot("a.1b.2", "a.1b.2");
}

/* ---- .modinfo ---- */

static struct elf_section modinfo_sections[2];
static struct elf_file modinfo_elf;

static void set_modinfo(const char *bytes, size_t len)
{
	static char buf[256];

	memcpy(buf, bytes, len);
	modinfo_sections[0].name = "";
	modinfo_sections[1].name = ".modinfo";
	modinfo_sections[1].data = (unsigned char *)buf;
	modinfo_sections[1].size = len;
	modinfo_elf.path = "test.o";
	modinfo_elf.sections = modinfo_sections;
	modinfo_elf.nsections = 2;
}

static void lookup_unterminated(void *arg)
{
	(void)arg;
	modinfo_get(&modinfo_elf, "license", NULL);
}

static void test_modinfo(void)
{
	static const char info[] =
		"licensex=no\0license=GPL\0\0\0description=x\0license=Dual MIT/GPL\0import_ns=A";
	const char *v;
	char err[256];

	set_modinfo(info, sizeof(info));	/* includes the final NUL */
	v = modinfo_get(&modinfo_elf, "license", NULL);
	unit_check_str(v ? v : "(null)", "GPL", "modinfo: first license, prefix tag skipped");
	v = modinfo_get(&modinfo_elf, "license", v);
	unit_check_str(v ? v : "(null)", "Dual MIT/GPL", "modinfo: next license after padding");
	v = modinfo_get(&modinfo_elf, "license", v);
	unit_check(v == NULL, "modinfo: no third license");
	v = modinfo_get(&modinfo_elf, "import_ns", NULL);
	unit_check_str(v ? v : "(null)", "A", "modinfo: last entry");
	unit_check(modinfo_get(&modinfo_elf, "version", NULL) == NULL,
		   "modinfo: missing tag");

	modinfo_sections[1].name = ".data";
	unit_check(modinfo_get(&modinfo_elf, "license", NULL) == NULL,
		   "modinfo: no section");

	set_modinfo("license=GPL", 11);	/* no terminating NUL */
	unit_check(unit_run_child(lookup_unterminated, NULL, err, sizeof(err)) == 1 &&
		   strstr(err, unit_fatal("test.o: .modinfo entry 'license=GPL' is not NUL-terminated")),
		   "modinfo: unterminated entry is a fatal error (%s)", err);
}

/* ---- Module.symvers ---- */

static void read_dump_arg(void *path)
{
	read_dump(path);
}

static void test_read_dump(void)
{
	char *p = unit_path(tmp, "in.symvers");
	struct symbol *s;
	char err[512];

	unit_writef(p,
		"0x1234abcd\tud_plain\tvmlinux\tEXPORT_SYMBOL\t\n"
		"0xdeadbeef\tud_gpl\tdrivers/x/prov\tEXPORT_SYMBOL_GPL\tNS_A\n"
		"0x00000001\tud_bad\tvmlinux\tEXPORT_SYMBOL_WHAT\t\n");
	unit_check(unit_run_child(read_dump_arg, p, err, sizeof(err)) == 0 &&
		   strcmp(err, "ERROR: modpost: ud_bad: unknown license EXPORT_SYMBOL_WHAT. skip") == 0,
		   "symvers: unknown export type is an error without newline (%s)", err);

	read_dump(p);
	s = export_find("ud_plain");
	unit_check(s && s->crc == 0x1234abcd && s->crc_valid && !s->is_gpl_only &&
		   strcmp(s->namespace, "") == 0 && s->module->is_vmlinux,
		   "symvers: plain export");
	s = export_find("ud_gpl");
	unit_check(s && s->crc == 0xdeadbeef && s->is_gpl_only &&
		   strcmp(s->namespace, "NS_A") == 0 && s->module->from_dump &&
		   strcmp(s->module->name, "drivers/x/prov") == 0 &&
		   strcmp(s->module->basename, "prov") == 0,
		   "symvers: GPL export with namespace, dump-only module");
	unit_check(export_find("ud_bad") == NULL, "symvers: unknown type skipped");

	unit_writef(p, "0x2\tud_before_blank\tvmlinux\tEXPORT_SYMBOL\t\n\n"
		       "0x3\tud_after_blank\tvmlinux\tEXPORT_SYMBOL\t\n");
	unit_check(unit_run_child(read_dump_arg, p, err, sizeof(err)) == 1 &&
		   strcmp(err, unit_fatal("parse error in symbol dump file\n")) == 0,
		   "symvers: an empty line inside the file is a parse error");

	unit_writef(p, "0x1\tsym\tvmlinux\tEXPORT_SYMBOL\n");
	unit_check(unit_run_child(read_dump_arg, p, err, sizeof(err)) == 1 &&
		   strcmp(err, unit_fatal("parse error in symbol dump file\n")) == 0,
		   "symvers: four columns is a parse error");
	unit_writef(p, "0x1g\tsym\tvmlinux\tEXPORT_SYMBOL\t\n");
	unit_check(unit_run_child(read_dump_arg, p, err, sizeof(err)) == 1,
		   "symvers: trailing junk in the CRC is a parse error");
	unit_writef(p, "\tsym_nocrc\tvmlinux\tEXPORT_SYMBOL\t\n");
	unit_check(unit_run_child(read_dump_arg, p, err, sizeof(err)) == 0,
		   "symvers: an empty CRC field parses as 0, as strtoul does");
	free(p);
}

/* ---- #SYMVER lines ---- */

static void test_crcs(void)
{
	char *modname = unit_path(tmp, "crcmod");
	char *p;
	struct module *mod = module_new(modname, strlen(modname));
	struct symbol *a, *b, *c, *d;

	opts.external_module = true;
	a = export_add(mod, "crc_a", false, "");
	b = export_add(mod, "crc_b", false, "");
	c = export_add(mod, "crc_c", false, "");
	d = export_add(mod, "crc_d", false, "");

	p = unit_path(tmp, "crcmod.mod");
	unit_writef(p, "%s/one.o\n%s/two.o\n\n%s/never.o\n", tmp, tmp, tmp);
	free(p);
	p = unit_path(tmp, ".one.o.cmd");
	unit_writef(p, "savedcmd_x := cc\n#SYMVER crc_a 0x12345678\n"
		       "#SYMVER crc_b x1\n#SYMVER crc_orphan 0x1\n#SYMVER crc_c 077 \n");
	free(p);
	p = unit_path(tmp, ".two.o.cmd");
	unit_writef(p, "\n#SYMVER crc_b 0x9abcdef0\n#SYMVER crc_d 42\n");
	free(p);

	mod_set_crcs(mod);
	unit_check(a->crc_valid && a->crc == 0x12345678, "crc: hex value");
	unit_check(b->crc_valid && b->crc == 0x9abcdef0,
		   "crc: non-digit value skipped, later object supplies it");
	unit_check(!c->crc_valid, "crc: value followed by a space is skipped");
	unit_check(d->crc_valid && d->crc == 42, "crc: decimal value (base 0)");
	unit_check(export_find("crc_orphan") == NULL, "crc: orphan CRC creates nothing");
	free(modname);
}

/* ---- buf_printf_limited (the stock tool's 500-byte calls) and buf_printf ---- */

static void print_long(void *arg)
{
	struct buffer b = { 0 };

	buf_printf_limited(&b, "%s", (const char *)arg);
}

static void test_buf_printf(void)
{
	char text[600], err[1024];
	struct buffer b = { 0 };

	memset(text, 'x', sizeof(text));
	text[499] = '\0';
	unit_check(unit_run_child(print_long, text, err, sizeof(err)) == 0,
		   "buf_printf_limited: 499 characters fit");
	text[499] = 'x';
	text[500] = '\0';
	unit_check(unit_run_child(print_long, text, err, sizeof(err)) == 1 &&
		   strstr(err, unit_fatal("buf_printf output truncated for string xxx")) &&
		   strstr(err, ": 501 bytes needed, 500 available\n"),
		   "buf_printf_limited: 500 characters are fatal");

	for (int i = 0; i < 1000; i++)
		buf_printf_limited(&b, "%d,", i);
	unit_check(b.pos == 3890 && memcmp(b.p, "0,1,2,", 6) == 0 &&
		   memcmp(b.p + b.pos - 4, "999,", 4) == 0,
		   "buf_printf_limited: growth keeps every byte");
	buf_free(&b);

	memset(text, 'y', sizeof(text));
	text[599] = '\0';
	buf_printf(&b, "<%s>", text);
	unit_check(b.pos == 601 && b.p[0] == '<' && b.p[600] == '>' && b.p[601] == '\0',
		   "buf_printf: no length limit, NUL-terminated");
	buf_free(&b);
}

int main(void)
{
	tmp = unit_tmpdir("parsers");
	test_remove_dot();
	test_modinfo();
	test_read_dump();
	test_crcs();
	test_buf_printf();
	unit_rmtree(tmp);
	return unit_done();
}
