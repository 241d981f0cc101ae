// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the DWARF reader (scripts/livepatch/klp-dwarf.h).
 *
 *  - the target kernel's debug vmlinux (KLP_VMLINUX, else the one
 *    `make deps` extracts for KDIR's release): an inlined static, a
 *    function, a variable, an optimised-away variable, a dropped function,
 *    a name only present as a compiler clone (name.isra.0), a header
 *    inline in many units (the maximum, deduplication), unknown names.
 *    The facts were found by walking every DIE of the 6.12 and 6.1 images
 *    and checked against `nm`: extra_command_line (init/main.c) is a file-
 *    scope variable without DW_AT_location and has no symbol, handle_initrd
 *    (init/do_mounts_initrd.c) a definition without code and no symbol,
 *    add_e820_entry only exists as add_e820_entry.isra.0.  A missing image
 *    is a failure: `make deps` installs it;
 *  - objects compiled here with the system's gcc (DWARF 5 and 4): the
 *    relocatable path, whose names and unit offsets only come right when
 *    .rela.debug_info is applied, names gcc stores inline (DW_FORM_string),
 *    function-local statics, clones, and two units joined by `ld -r`;
 *  - damaged copies: truncated and garbage sections, 64-bit and unknown
 *    DWARF versions, compressed sections, bad relocations, and random byte
 *    flips (in a child, so that a crash is a failed check).
 */
#include <elf.h>

#include "../../scripts/livepatch/klp-dwarf.h"
#include "elffile.h"
#include "unit.h"

static char *tmp;

/* ---- checks ---- */

#define MAXF 16

/* @name has exactly one fact, and it is (@kind, @cu, @external). */
static void expect1(struct klp_dwarf *d, const char *tag, const char *name,
		    enum klp_dwarf_kind kind, const char *cu, bool external)
{
	struct klp_dwarf_fact f[MAXF];
	size_t n = klp_dwarf_lookup(d, name, f, MAXF);
	bool ok = n == 1 && f[0].kind == kind && strcmp(f[0].cu_name, cu) == 0 &&
		  f[0].external == external;

	unit_check(ok, "%s: %s is a%s %s of %s", tag, name,
		   external ? "n external" : " static", klp_dwarf_kind_name(kind), cu);
	if (!ok) {
		printf("#   got %zu facts\n", n);
		for (size_t i = 0; i < n; i++)
			printf("#   %s in %s%s\n", klp_dwarf_kind_name(f[i].kind),
			       f[i].cu_name, f[i].external ? " (external)" : "");
	}
}

static void expect_none(struct klp_dwarf *d, const char *tag, const char *name)
{
	struct klp_dwarf_fact f[MAXF];
	size_t n = klp_dwarf_lookup(d, name, f, MAXF);

	unit_check(n == 0, "%s: \"%s\" has no facts", tag, name);
	if (n)
		printf("#   got %zu, the first: %s in %s\n", n,
		       klp_dwarf_kind_name(f[0].kind), f[0].cu_name);
}

static void expect_clean(struct klp_dwarf *d, const char *tag)
{
	const char *e = klp_dwarf_error(d);

	unit_check(!e, "%s: no damage noted", tag);
	if (e)
		printf("#   %s\n", e);
}

/* ---- the target's debug vmlinux ---- */

static char *find_vmlinux(void)
{
	const char *env = getenv("KLP_VMLINUX"), *kdir = getenv("KDIR");
	const char *cache = getenv("KLP_CACHE");
	char release[256] = "", *path, *relfile;
	FILE *f;

	if (env && *env)
		return strdup(env);
	if (!kdir || !*kdir)
		return NULL;
	/*
	 * UTS_RELEASE is the release (`uname -r`); Debian's 6.1 headers have
	 * "6.1.192" in kernel.release but 6.1.0-<abi>-amd64 there.
	 */
	relfile = unit_path(kdir, "include/generated/utsrelease.h");
	f = fopen(relfile, "r");
	free(relfile);
	if (f) {
		char line[300];

		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "#define UTS_RELEASE \"%255[^\"]\"", release) == 1)
				break;
		fclose(f);
	}
	if (!release[0]) {
		relfile = unit_path(kdir, "include/config/kernel.release");
		f = fopen(relfile, "r");
		free(relfile);
		if (!f)
			return NULL;
		if (!fgets(release, sizeof(release), f))
			release[0] = '\0';
		fclose(f);
		release[strcspn(release, "\n")] = '\0';
	}
	if (asprintf(&path, "%s/%s/dbg/usr/lib/debug/boot/vmlinux-%s",
		     cache && *cache ? cache : "/var/cache/klp-modpost",
		     release, release) < 0)
		exit(2);
	return path;
}

static void test_vmlinux(void)
{
	char *path = find_vmlinux();
	struct klp_dwarf_fact f[MAXF];
	const char *reason = NULL;
	struct klp_dwarf *d;
	bool distinct = true;
	size_t n;

	if (!unit_check(path && access(path, R_OK) == 0,
			"the debug vmlinux is there (%s; make deps installs it)",
			path ? path : "KDIR has no kernel.release"))
		return;
	d = klp_dwarf_open(path, &reason);
	if (!unit_check(d != NULL, "vmlinux: opened"))  {
		printf("#   %s\n", reason);
		return;
	}
	expect1(d, "vmlinux", "show_val_kb", KLP_DWARF_INLINED_FUNCTION, "fs/proc/meminfo.c", false);
	expect1(d, "vmlinux (again)", "show_val_kb", KLP_DWARF_INLINED_FUNCTION, "fs/proc/meminfo.c", false);
	expect1(d, "vmlinux", "meminfo_proc_show", KLP_DWARF_FUNCTION, "fs/proc/meminfo.c", false);
	expect1(d, "vmlinux", "saved_command_line", KLP_DWARF_VARIABLE, "init/main.c", true);
	expect1(d, "vmlinux", "extra_command_line", KLP_DWARF_OPTIMISED_VARIABLE, "init/main.c", false);
	expect1(d, "vmlinux", "handle_initrd", KLP_DWARF_REMOVED_FUNCTION, "init/do_mounts_initrd.c", false);
	expect1(d, "vmlinux", "add_e820_entry", KLP_DWARF_FUNCTION, "arch/x86/kernel/crash.c", false);
	expect_none(d, "vmlinux", "klp_no_such_name_anywhere");
	expect_none(d, "vmlinux", "");

	/* a header inline: one fact per unit, up to the maximum */
	n = klp_dwarf_lookup(d, "get_current", f, 3);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			distinct &= strcmp(f[i].cu_name, f[j].cu_name) != 0;
	unit_check(n == 3 && distinct && f[0].kind == KLP_DWARF_INLINED_FUNCTION &&
		   f[1].kind == KLP_DWARF_INLINED_FUNCTION &&
		   f[2].kind == KLP_DWARF_INLINED_FUNCTION,
		   "vmlinux: get_current: 3 facts (the maximum), inlined, 3 different units");
	expect_clean(d, "vmlinux");
	klp_dwarf_close(d);
	free(path);
}

/* ---- objects compiled here ---- */

static const char src_a[] =
	"static inline int helper_inl(int x) { return x * 3 + 1; }\n"
	"static __attribute__((noinline)) int helper_noinl(int x) { return x * 7 + helper_inl(x); }\n"
	"static int opt_var = 42;\n"				/* folded: DW_AT_const_value */
	"static int used_var;\n"
	"static int ab;\n"					/* short: DW_FORM_string */
	"int exported(int x) { used_var += x; ab++; return helper_noinl(x) + helper_inl(x) + opt_var; }\n"
	"int counter(void) { static int calls; return ++calls; }\n"	/* symbol calls.0 */
	"static inline int f3(int x) { return x + 3; }\n"	/* short, inlined */
	"int uses_f3(int x) { return f3(x) * 2; }\n"
	"static __attribute__((noinline)) int clone_me(int a, int b) { return a * b + used_var; }\n"
	"int call_clone(void) { return clone_me(3, 4) + clone_me(5, 4); }\n"	/* clone_me.constprop.0 */
	"static inline void nop_hook(const volatile void *p) { }\n"	/* no code, no DW_AT_inline */
	"static inline __attribute__((always_inline)) int wrap(int *x) { nop_hook(x); return *x; }\n"
	"int use_wrap(int *x) { return wrap(x); }\n"
	"int sum(int n) { int local_acc = 0; for (int i = 0; i < n; i++) local_acc += i * n; return local_acc; }\n";

static const char src_b[] =
	"static inline int helper_inl(int x) { return x * 5 - 1; }\n"
	"int b_entry(int x) { return helper_inl(x); }\n"
	"int var_b;\n";

static struct klp_dwarf *open_ok(const char *path, const char *tag)
{
	const char *reason = "";
	struct klp_dwarf *d = klp_dwarf_open(path, &reason);

	if (!unit_check(d != NULL, "%s: opened", tag))
		printf("#   %s\n", reason);
	return d;
}

/* Does the object have a section @name? */
static bool has_section(const char *path, const char *name)
{
	struct elf_file elf;
	bool yes;

	if (elf_open_ex(&elf, path, ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB) != ELF_OPEN_OK)
		return false;
	yes = elf_find_section(&elf, name) != 0;
	elf_close(&elf);
	return yes;
}

/* Is @s the start of a string of .debug_str (gcc stored it there, not inline)? */
static bool in_debug_str(const char *path, const char *s)
{
	size_t len = strlen(s) + 1;
	const struct elf_section *sec;
	struct elf_file elf;
	bool yes = false;

	if (elf_open_ex(&elf, path, ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB) != ELF_OPEN_OK)
		return false;
	sec = elf_section(&elf, elf_find_section(&elf, ".debug_str"));
	for (uint64_t off = 0; sec && sec->data && off + len <= sec->size; off++)
		if ((off == 0 || sec->data[off - 1] == '\0') &&
		    memcmp(sec->data + off, s, len) == 0)
			yes = true;
	elf_close(&elf);
	return yes;
}

static void test_object(const char *dwarf)
{
	char *obj, *tag;
	struct klp_dwarf *d;

	if (asprintf(&tag, "%s object", dwarf) < 0 || asprintf(&obj, "%s/a%s.o", tmp, dwarf) < 0)
		exit(2);
	if (!unit_check(unit_sh("cd %s && cc -g %s -O2 -c a.c -o a%s.o", tmp, dwarf, dwarf) == 0,
			"%s: compiled", tag))
		return;
	unit_check(has_section(obj, ".rela.debug_info"),
		   "%s: has .rela.debug_info (the relocated path is taken)", tag);
	unit_check(!in_debug_str(obj, "ab") && !in_debug_str(obj, "f3") &&
		   in_debug_str(obj, "helper_inl"),
		   "%s: gcc put \"ab\" and \"f3\" inline, \"helper_inl\" in .debug_str", tag);
	d = open_ok(obj, tag);
	if (!d)
		return;
	expect1(d, tag, "helper_inl", KLP_DWARF_INLINED_FUNCTION, "a.c", false);
	expect1(d, tag, "helper_noinl", KLP_DWARF_FUNCTION, "a.c", false);
	expect1(d, tag, "opt_var", KLP_DWARF_OPTIMISED_VARIABLE, "a.c", false);
	expect1(d, tag, "used_var", KLP_DWARF_VARIABLE, "a.c", false);
	expect1(d, tag, "ab", KLP_DWARF_VARIABLE, "a.c", false);
	expect1(d, tag, "exported", KLP_DWARF_FUNCTION, "a.c", true);
	expect1(d, tag, "counter", KLP_DWARF_FUNCTION, "a.c", true);
	expect1(d, tag, "calls", KLP_DWARF_VARIABLE, "a.c", false);
	expect1(d, tag, "f3", KLP_DWARF_INLINED_FUNCTION, "a.c", false);
	expect1(d, tag, "clone_me", KLP_DWARF_FUNCTION, "a.c", false);
	expect1(d, tag, "nop_hook", KLP_DWARF_REMOVED_FUNCTION, "a.c", false);
	expect_none(d, tag, "local_acc");	/* an automatic variable has no symbol */
	expect_none(d, tag, "x");		/* nor has a parameter */
	expect_none(d, tag, "not_there");
	expect_clean(d, tag);
	klp_dwarf_close(d);
	free(obj);
	free(tag);
}

/* Two units in one relocatable object: the second one's offsets are all relocations. */
static void test_ld_r(void)
{
	const char *tag = "ld -r object";
	struct klp_dwarf_fact f[MAXF];
	struct klp_dwarf *d;
	char *obj = unit_path(tmp, "ab.o");
	size_t n;

	if (!unit_check(unit_sh("cd %s && cc -g -O2 -c a.c -o a.o && cc -g -O2 -c b.c -o b.o && "
			   "ld -r -o ab.o a.o b.o", tmp) == 0, "%s: built", tag))
		return;
	d = open_ok(obj, tag);
	if (!d)
		return;
	n = klp_dwarf_lookup(d, "helper_inl", f, MAXF);
	unit_check(n == 2 && f[0].kind == KLP_DWARF_INLINED_FUNCTION &&
		   f[1].kind == KLP_DWARF_INLINED_FUNCTION &&
		   strcmp(f[0].cu_name, "a.c") == 0 && strcmp(f[1].cu_name, "b.c") == 0,
		   "%s: helper_inl is inlined in a.c and in b.c", tag);
	n = klp_dwarf_lookup(d, "helper_inl", f, 1);
	unit_check(n == 1 && strcmp(f[0].cu_name, "a.c") == 0,
		   "%s: helper_inl with a maximum of 1: a.c only", tag);
	expect1(d, tag, "b_entry", KLP_DWARF_FUNCTION, "b.c", true);
	expect1(d, tag, "var_b", KLP_DWARF_VARIABLE, "b.c", true);
	expect1(d, tag, "helper_noinl", KLP_DWARF_FUNCTION, "a.c", false);
	expect_clean(d, tag);
	klp_dwarf_close(d);
	free(obj);
}

/* ---- damaged copies ---- */

struct image {
	unsigned char *p;
	size_t size;
	uint64_t info_off, info_size, abbrev_off, abbrev_size;
	uint64_t str_off, str_size, rela_off, rela_size;
	uint64_t info_shdr;		/* file offset of .debug_info's section header */
};

static uint64_t sec_field(struct elf_file *elf, const char *name, uint64_t *size)
{
	const struct elf_section *s = elf_section(elf, elf_find_section(elf, name));

	*size = s ? s->size : 0;
	return s ? s->offset : 0;
}

/* The DWARF 5 object in memory, with where its debug sections are. */
static bool load_image(const char *path, struct image *im)
{
	struct elf_file elf;
	Elf64_Ehdr eh;

	if (elf_open_ex(&elf, path, ELF_OPEN_ANY_TYPE | ELF_OPEN_OPTIONAL_SYMTAB) != ELF_OPEN_OK)
		return false;
	im->size = elf.size;
	im->p = malloc(im->size);
	memcpy(im->p, elf.map, im->size);
	im->info_off = sec_field(&elf, ".debug_info", &im->info_size);
	im->abbrev_off = sec_field(&elf, ".debug_abbrev", &im->abbrev_size);
	im->str_off = sec_field(&elf, ".debug_str", &im->str_size);
	im->rela_off = sec_field(&elf, ".rela.debug_info", &im->rela_size);
	memcpy(&eh, im->p, sizeof(eh));	/* an x86-64 object: ELF64, little endian */
	im->info_shdr = eh.e_shoff + (uint64_t)elf_find_section(&elf, ".debug_info") * eh.e_shentsize;
	elf_close(&elf);
	return elf.is64 && !elf.big_endian && im->info_size > 64 && im->rela_size >= 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static const char *const probe_names[] = {
	"helper_inl", "helper_noinl", "opt_var", "used_var", "ab", "exported",
	"calls", "f3", "clone_me", "nop_hook", "x", "int",
};

/* Open a damaged copy and look every name up; the outcome for checks. */
struct outcome {
	bool opened;
	const char *reason;
	size_t facts;
	char error[256];
};

static struct outcome try_copy(const struct image *damaged, const char *file)
{
	struct outcome o = { 0 };
	char *path = unit_path(tmp, file);
	struct klp_dwarf_fact f[MAXF];
	struct klp_dwarf *d;

	unit_write(path, damaged->p, damaged->size);
	d = klp_dwarf_open(path, &o.reason);
	if (d) {
		o.opened = true;
		for (size_t i = 0; i < sizeof(probe_names) / sizeof(probe_names[0]); i++)
			o.facts += klp_dwarf_lookup(d, probe_names[i], f, MAXF);
		snprintf(o.error, sizeof(o.error), "%s", klp_dwarf_error(d) ? klp_dwarf_error(d) : "");
		klp_dwarf_close(d);
	}
	free(path);
	return o;
}

static void expect_damage_noted(const struct outcome *o, const char *what, const char *words)
{
	bool ok = o->opened && strstr(o->error, words);

	unit_check(ok, "damaged: %s: no crash, noted (\"%s\")", what, words);
	if (!ok)
		printf("#   opened %d, %zu facts, error \"%s\"\n", o->opened, o->facts, o->error);
}

static void expect_refused(const struct outcome *o, const char *what, const char *reason)
{
	bool ok = !o->opened && o->reason && strcmp(o->reason, reason) == 0;

	unit_check(ok, "damaged: %s: refused with \"%s\"", what, reason);
	if (!ok)
		printf("#   opened %d, reason \"%s\"\n", o->opened, o->reason ? o->reason : "");
}

static uint32_t rng = 12345;

static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* Random byte flips in the DWARF and its relocations; run in a child. */
static void fuzz(void *arg)
{
	const struct image *im = arg;
	struct image copy = *im;
	const uint64_t offs[] = { im->info_off, im->abbrev_off, im->str_off, im->rela_off };
	const uint64_t sizes[] = { im->info_size, im->abbrev_size, im->str_size, im->rela_size };

	copy.p = malloc(im->size);
	for (int round = 0; round < 400; round++) {
		memcpy(copy.p, im->p, im->size);
		for (uint32_t k = 0, n = 1 + next_random() % 8; k < n; k++) {
			unsigned int s = next_random() % 4;

			if (sizes[s])
				copy.p[offs[s] + next_random() % sizes[s]] ^= 1u << (next_random() % 8);
		}
		try_copy(&copy, "fuzz.o");
	}
	free(copy.p);
}

static void test_damage(void)
{
	char *good = unit_path(tmp, "a-gdwarf-5.o");
	struct image im, c;
	struct outcome o;
	char err[4096];
	int status;

	if (!unit_check(load_image(good, &im), "damaged: the DWARF 5 object is ELF64 LE with DWARF"))
		return;
	c = im;
	c.p = malloc(im.size);

	/* .debug_info cut to half its size in the section header */
	memcpy(c.p, im.p, im.size);
	{
		uint64_t half = im.info_size / 2;

		memcpy(c.p + c.info_shdr + offsetof(Elf64_Shdr, sh_size), &half, 8);
	}
	o = try_copy(&c, "truncated.o");
	unit_check(o.opened && o.error[0] && o.facts == 0,
		   "damaged: truncated .debug_info: no crash, damage noted, no facts from the cut unit");
	if (o.error[0])
		printf("#   noted: %s\n", o.error);

	/* a unit length past the end of the section */
	memcpy(c.p, im.p, im.size);
	put32(c.p + im.info_off, 0x7ffffff0);
	o = try_copy(&c, "longunit.o");
	expect_damage_noted(&o, "unit length past the end", "extends past the end");

	/* garbage abbreviations */
	memcpy(c.p, im.p, im.size);
	for (uint64_t i = 0; i < im.abbrev_size; i++)
		c.p[im.abbrev_off + i] = next_random();
	o = try_copy(&c, "abbrev.o");
	unit_check(o.opened && (o.facts == 0 || o.error[0]),
		   "damaged: garbage .debug_abbrev: no crash, no facts or damage noted");

	/* garbage DIEs after the unit header */
	memcpy(c.p, im.p, im.size);
	memset(c.p + im.info_off + 12, 0xff, im.info_size - 12);
	o = try_copy(&c, "dies.o");
	unit_check(o.opened && o.facts == 0 && o.error[0],
		   "damaged: garbage DIEs: no facts, damage noted");

	/* 64-bit DWARF, an unknown version */
	memcpy(c.p, im.p, im.size);
	put32(c.p + im.info_off, 0xffffffff);
	o = try_copy(&c, "dwarf64.o");
	expect_refused(&o, "64-bit unit length", "64-bit DWARF is not supported");
	memcpy(c.p, im.p, im.size);
	c.p[im.info_off + 4] = 9;
	o = try_copy(&c, "version.o");
	expect_damage_noted(&o, "DWARF version 9", "version 9 is not supported");

	/* relocations outside .debug_info, or against a symbol that does not exist */
	memcpy(c.p, im.p, im.size);
	memset(c.p + im.rela_off, 0x7f, 8);				/* r_offset */
	o = try_copy(&c, "reloff.o");
	expect_damage_noted(&o, "relocation outside the section", "is outside .debug_info");
	memcpy(c.p, im.p, im.size);
	memset(c.p + im.rela_off + 12, 0x7f, 4);			/* the symbol of r_info */
	o = try_copy(&c, "relsym.o");
	expect_damage_noted(&o, "relocation against a missing symbol", "which does not exist");

	/* compressed debug sections */
	if (unit_check(unit_sh("cd %s && objcopy --compress-debug-sections=zlib a-gdwarf-5.o zlib.o", tmp) == 0,
		       "damaged: objcopy compressed the debug sections")) {
		const char *reason = NULL;
		char *path = unit_path(tmp, "zlib.o");
		struct klp_dwarf *d = klp_dwarf_open(path, &reason);

		unit_check(!d && reason && strcmp(reason, "compressed debug info is not supported") == 0,
			   "damaged: compressed .debug_info: refused with \"compressed debug info is not supported\"");
		klp_dwarf_close(d);
		free(path);
	}

	status = unit_run_child(fuzz, &im, err, sizeof(err));
	unit_check(status == 0, "damaged: 400 copies with random bit flips: no crash (status %d)", status);
	if (status)
		printf("#   %s\n", err);
	free(c.p);
	free(im.p);
	free(good);
}

int main(void)
{
	char *a, *b;

	tmp = unit_tmpdir("dwarf");
	a = unit_path(tmp, "a.c");
	b = unit_path(tmp, "b.c");
	unit_writef(a, "%s", src_a);
	unit_writef(b, "%s", src_b);
	free(a);
	free(b);

	test_vmlinux();
	test_object("-gdwarf-5");
	test_object("-gdwarf-4");
	test_ld_r();
	test_damage();

	if (!getenv("KEEP_TMP"))
		unit_rmtree(tmp);
	free(tmp);
	return unit_done();
}
