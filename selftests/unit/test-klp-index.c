// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the livepatch symbol index (scripts/livepatch/klp-index.h).
 *
 * The inputs are built here with the system's compiler and linker:
 *  - a small "vmlinux" (two C files with homonyms, linked with ld into an
 *    executable): address order against symbol-table order, .data/.bss
 *    copies, STT_FILE attribution, nm letters and the kallsyms filters,
 *    absolute per-cpu symbols, near misses;
 *  - modules (two C files linked with ld -r): symbol-table order, the core
 *    table (init sections, .modinfo), load-order marks, exported letters,
 *    the file name/modinfo name rules, xz/zstd/gzip compression;
 *  - text maps: /proc/kallsyms with [module] lines, System.map, Debian's
 *    placeholder, malformed lines;
 *  - klp_index_find_sources() against a fake cache directory.
 */
#include "../../scripts/livepatch/klp-index.h"
#include "log.h"
#include "unit.h"

static char *tmp;

static bool have_tool(const char *tool)
{
	return unit_sh("command -v %s >/dev/null 2>&1", tool) == 0;
}

/* ---- inputs ---- */

static const char vm_a[] =
	"static int dupv __attribute__((used));\n"			/* .bss */
	"static int __attribute__((used, noinline)) helper(void) { return dupv; }\n"
	"int a_func(void) { return helper(); }\n"
	"int dup_counter = 7;\n"					/* vmlinux copy */
	"__attribute__((weak)) int weakfn(void) { return 0; }\n"
	"const char __kstrtab_a_func[] = \"a_func\";\n"		/* filtered */
	"__asm__(\".text\\n"
	"target: ret\\n"
	"target.isra.0: ret\\n"
	"target.cold: ret\\n"
	"__pfx_target: ret\\n"
	"targetx: ret\\n"
	".globl __crc_a_func\\n.set __crc_a_func, 0x1234\\n"		/* 'A', filtered */
	".set localabs, 5\\n"						/* 'a', filtered */
	".L_hidden: ret\\n\");\n";

static const char vm_b[] =
	"static int dupv __attribute__((used)) = 5;\n"		/* .data */
	"static int __attribute__((used, noinline)) helper(void) { return dupv; }\n"
	"int b_func(void) { return helper(); }\n"
#ifdef __x86_64__
	"__asm__(\".section .data..percpu,\\\"aw\\\"\\n"
	".globl __per_cpu_start\\n__per_cpu_start:\\n"
	"pcpu_var: .long 0\\n"
	".globl __per_cpu_end\\n__per_cpu_end: .long 0\\n"
	".text\\n\");\n"
#endif
	;

static const char mod_a[] =
	"static int dup_counter __attribute__((used)) = 1111;\n"
	"static int dup_mixed __attribute__((used));\n"		/* .bss */
	"static int __attribute__((used, noinline)) dup_helper(void) { return 1; }\n"
	"static int __attribute__((used, noinline, section(\".init.text\"))) initdup(void) { return 1; }\n"
	"int __attribute__((section(\".init.text\"))) init_only(void) { return 0; }\n"
	"static const char infodup[] __attribute__((used, section(\".modinfo\"), aligned(1))) = \"license=GPL\";\n"
	"static const char modname[] __attribute__((used, section(\".modinfo\"), aligned(1))) = \"name=test_mod\";\n";

static const char mod_b[] =
	"static int dup_counter __attribute__((used)) = 2222;\n"
	"static int dup_mixed __attribute__((used)) = 100;\n"	/* .data */
	"static int __attribute__((used, noinline)) dup_helper(void) { return 2; }\n"
	"static int __attribute__((used, noinline)) initdup(void) { return 2; }\n"
	"static int infodup __attribute__((used)) = 3;\n"
	"static int pcpu_var __attribute__((used, section(\".data..percpu\")));\n"
	"int exported_fn(void) { return 0; }\n"
	"int other_fn(void) { return 1; }\n"
	"const int __ksymtab_exported_fn __attribute__((section(\"___ksymtab+exported_fn\"))) = 0;\n";

static char *vmlinux;

static void build_inputs(void)
{
	unit_writef(unit_path(tmp, "a.c"), "%s", vm_a);
	unit_writef(unit_path(tmp, "b.c"), "%s", vm_b);
	unit_writef(unit_path(tmp, "ma.c"), "%s", mod_a);
	unit_writef(unit_path(tmp, "mb.c"), "%s", mod_b);
	unit_writef(unit_path(tmp, "zinfo.s"), ".section .modinfo,\"a\"\n.asciz \"name=zmod\"\n.section .note.GNU-stack,\"\",@progbits\n");
	unit_writef(unit_path(tmp, "data.c"), "int only_data = 1;\n");
	if (unit_sh("cd %s && cc -O1 -fno-pic -fno-asynchronous-unwind-tables -c a.c b.c ma.c mb.c data.c && "
	       "as -o zinfo.o zinfo.s && "
	       "ld -o vmlinux -e 0 a.o b.o && "
	       "ld -o btfonly -e 0 data.o && "
	       "ld -r -o test-mod.ko ma.o mb.o && "
	       "ld -r -o zmod.ko mb.o zinfo.o && "
	       "ld -r -o plain-one.ko mb.o", tmp) != 0) {
		printf("Bail out! cannot build the test inputs\n");
		exit(1);
	}
	vmlinux = unit_path(tmp, "vmlinux");
}

/* ---- helpers ---- */

static struct klp_index *open_elf(void)
{
	struct klp_index_sources src = { .vmlinux_elf = vmlinux };

	return klp_index_open(&src);
}

static const struct klp_symbol *get(const struct klp_index *idx, const char *object,
				    const char *name, unsigned long pos)
{
	const struct klp_symbol *const *v;
	size_t n = klp_index_lookup(idx, object, name, &v);

	return pos >= 1 && pos <= n ? v[pos - 1] : NULL;
}

static size_t count(const struct klp_index *idx, const char *object, const char *name)
{
	const struct klp_symbol *const *v;

	return klp_index_lookup(idx, object, name, &v);
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* ---- vmlinux from ELF ---- */

static void test_vmlinux_elf(void)
{
	struct klp_index *idx = open_elf();
	const struct klp_symbol *s1, *s2;

	if (!unit_check(idx != NULL, "vmlinux ELF: index opens"))
		return;
	unit_check(strncmp(klp_index_vmlinux_source(idx), "ELF ", 4) == 0,
		   "vmlinux ELF: source says ELF (%s)", klp_index_vmlinux_source(idx));
	unit_check(klp_index_has_object(idx, "vmlinux"), "vmlinux ELF: has vmlinux");

	/* dupv: a's .bss copy is first in the symbol table, b's .data copy lower in memory */
	s1 = get(idx, "vmlinux", "dupv", 1);
	s2 = get(idx, "vmlinux", "dupv", 2);
	unit_check(count(idx, "vmlinux", "dupv") == 2, "vmlinux ELF: dupv twice");
	if (s1 && s2) {
		unit_check(s1->address < s2->address, "vmlinux ELF: positions follow addresses");
		unit_check_str(s1->section, ".data", "vmlinux ELF: dupv,1 is the .data copy");
		unit_check_str(str(s1->source), "b.c", "vmlinux ELF: dupv,1 comes from b.c");
		unit_check_str(s2->section, ".bss", "vmlinux ELF: dupv,2 is the .bss copy");
		unit_check_str(str(s2->source), "a.c", "vmlinux ELF: dupv,2 comes from a.c");
		unit_check(s1->type == 'd' && s2->type == 'b', "vmlinux ELF: letters d and b (%c %c)",
			   s1->type, s2->type);
		unit_check(s1->sympos == 1 && s2->sympos == 2 && s1->count == 2 && s2->count == 2,
			   "vmlinux ELF: sympos/count fields");
		unit_check_str(s1->object, "vmlinux", "vmlinux ELF: object name");
	}
	s1 = get(idx, "vmlinux", "helper", 1);
	unit_check(s1 && count(idx, "vmlinux", "helper") == 2 && s1->type == 't' &&
		   strcmp(str(s1->source), "a.c") == 0, "vmlinux ELF: helper,1 is a.c's local text");

	s1 = get(idx, "vmlinux", "a_func", 1);
	unit_check(s1 && s1->type == 'T' && s1->source == NULL,
		   "vmlinux ELF: global a_func is T without a source");
	s1 = get(idx, "vmlinux", "weakfn", 1);
	unit_check(s1 && s1->type == 'W', "vmlinux ELF: weak function is W");
	unit_check(count(idx, "vmlinux", "__kstrtab_a_func") == 0,
		   "vmlinux ELF: __kstrtab_ dropped (mksysmap)");
	unit_check(count(idx, "vmlinux", "__crc_a_func") == 0,
		   "vmlinux ELF: global absolute dropped");
	unit_check(count(idx, "vmlinux", "localabs") == 0, "vmlinux ELF: local absolute dropped");
	unit_check(count(idx, "vmlinux", ".L_hidden") == 0, "vmlinux ELF: .L label dropped");
	unit_check(count(idx, "vmlinux", "a.c") == 0, "vmlinux ELF: STT_FILE not a symbol");
#ifdef __x86_64__
	s1 = get(idx, "vmlinux", "pcpu_var", 1);
	unit_check(s1 && s1->type == 'A', "vmlinux ELF: per-cpu symbol shown as A (%c)",
		   s1 ? s1->type : '-');
#endif
	klp_index_free(idx);
}

/* ---- near misses ---- */

struct seen {
	char buf[512];
	int n;
};

static void collect(const struct klp_symbol *sym, void *arg)
{
	struct seen *s = arg;
	size_t len = strlen(s->buf);

	snprintf(s->buf + len, sizeof(s->buf) - len, "%s%s:%s,%lu", s->n++ ? " " : "",
		 sym->object, sym->name, sym->sympos);
}

static void test_near_miss(void)
{
	struct klp_index *idx = open_elf();
	struct seen seen = { "", 0 };

	if (!idx)
		return;
	klp_index_for_each_near_miss(idx, "target", collect, &seen);
	unit_check_str(seen.buf, "vmlinux:__pfx_target,1 vmlinux:target.cold,1 vmlinux:target.isra.0,1",
		       "near misses of target: clones and __pfx_, not targetx");
	seen.buf[0] = '\0';
	seen.n = 0;
	klp_index_for_each_near_miss(idx, "nothing_like_it", collect, &seen);
	unit_check(seen.n == 0, "no near misses for an unrelated name");
	klp_index_free(idx);
}

/* ---- modules ---- */

static char *moddir;

static void make_module_tree(void)
{
	moddir = unit_path(tmp, "modules");
	unit_sh("mkdir -p %s/kernel/x %s/kernel/y %s/extra && cp %s/test-mod.ko %s/kernel/x/ && "
	   "cp %s/plain-one.ko %s/extra/", moddir, moddir, moddir, tmp, moddir, tmp, moddir);
}

static void test_modules(void)
{
	struct klp_index *idx;
	struct klp_index_sources src = { .vmlinux_elf = vmlinux };
	const char *names[] = { "test_mod", "no_such_mod" };
	const struct klp_symbol *s1, *s2;
	size_t n;

	make_module_tree();
	src.modules_dir = moddir;
	idx = klp_index_open(&src);
	if (!idx)
		return;
	unit_check(!klp_index_has_object(idx, "test_mod"), "modules: nothing read before asked");
	n = klp_index_load_modules(idx, names, 2);
	unit_check(n == 1, "modules: one of two names read (%zu)", n);
	unit_check(klp_index_has_object(idx, "test_mod"), "modules: test-mod.ko is test_mod");
	unit_check(!klp_index_has_object(idx, "no_such_mod"), "modules: unknown name absent");
	unit_check(!klp_index_has_object(idx, "plain_one"), "modules: unrequested module not read");

	s1 = get(idx, "test_mod", "dup_counter", 1);
	s2 = get(idx, "test_mod", "dup_counter", 2);
	unit_check(s1 && s2 && strcmp(str(s1->source), "ma.c") == 0 &&
		   strcmp(str(s2->source), "mb.c") == 0, "modules: dup_counter in symbol-table order");
	s1 = get(idx, "test_mod", "dup_mixed", 1);
	s2 = get(idx, "test_mod", "dup_mixed", 2);
	unit_check(s1 && s2 && strcmp(s1->section, ".bss") == 0 &&
		   strcmp(s2->section, ".data") == 0,
		   "modules: dup_mixed: .bss copy (first in the table) is position 1");
	unit_check(s1 && !s1->load_order_dependent, "modules: dup_mixed is not load-order dependent");

	s1 = get(idx, "test_mod", "initdup", 1);
	unit_check(count(idx, "test_mod", "initdup") == 1 && s1 && s1->load_order_dependent &&
		   strcmp(s1->section, ".text") == 0,
		   "modules: initdup: core copy only, load-order dependent (init copy)");
	s1 = get(idx, "test_mod", "infodup", 1);
	unit_check(count(idx, "test_mod", "infodup") == 1 && s1 && s1->load_order_dependent,
		   "modules: infodup: .modinfo copy is not core, load-order dependent");
	unit_check(count(idx, "test_mod", "init_only") == 0, "modules: .init.text symbol not core");
	unit_check(count(idx, "test_mod", "modname") == 0, "modules: .modinfo symbol not core");
	s1 = get(idx, "test_mod", "pcpu_var", 1);
	unit_check(s1 && s1->type == 'a', "modules: per-cpu symbol is core, letter a");
	s1 = get(idx, "test_mod", "exported_fn", 1);
	s2 = get(idx, "test_mod", "other_fn", 1);
	unit_check(s1 && s2 && s1->type == 'T' && s2->type == 't',
		   "modules: exported T, unexported t (%c %c)", s1 ? s1->type : '-',
		   s2 ? s2->type : '-');

	/* across objects: vmlinux first */
	{
		const struct klp_symbol *const *v;

		n = klp_index_lookup(idx, NULL, "dup_counter", &v);
		unit_check(n == 3 && strcmp(v[0]->object, "vmlinux") == 0 &&
			   strcmp(v[1]->object, "test_mod") == 0 && v[1]->sympos == 1 &&
			   v[2]->sympos == 2, "lookup across objects: vmlinux, then test_mod 1, 2");
		n = klp_index_lookup(idx, NULL, "dup_counter", &v);
		unit_check(n == 3, "lookup across objects: cached answer");
	}

	/* load everything: plain_one has no modinfo name: file name with '_' */
	n = klp_index_load_modules(idx, NULL, 0);
	unit_check(n == 1 && klp_index_has_object(idx, "plain_one"),
		   "modules: all: plain-one.ko read as plain_one (%zu)", n);
	klp_index_free(idx);
}

static void test_compressed(void)
{
	static const struct { const char *tool, *cmd, *file, *name; } fmt[] = {
		{ "xz", "xz -c", "kernel/x/test-mod.ko.xz", "test_mod" },
		{ "zstd", "zstd -q -c", "kernel/y/zmod.ko.zst", "zmod" },
		{ "gzip", "gzip -c", "extra/plain-one.ko.gz", "plain_one" },
	};
	char *dir = unit_path(tmp, "compressed");
	const char *src[] = { "test-mod.ko", "zmod.ko", "plain-one.ko" };
	struct klp_index_sources s = { .vmlinux_elf = vmlinux, .modules_dir = dir };
	struct klp_index *idx;

	for (size_t i = 0; i < 3; i++) {
		if (!have_tool(fmt[i].tool)) {
			printf("ok %u - compressed %s # SKIP %s not installed\n", ++unit_count,
			       fmt[i].file, fmt[i].tool);
			continue;
		}
		unit_sh("mkdir -p %s/kernel/x %s/kernel/y %s/extra && %s %s/%s > %s/%s", dir, dir, dir,
		   fmt[i].cmd, tmp, src[i], dir, fmt[i].file);
	}
	idx = klp_index_open(&s);
	if (!idx)
		return;
	for (size_t i = 0; i < 3; i++) {
		const char *names[] = { fmt[i].name };

		if (!have_tool(fmt[i].tool))
			continue;
		klp_index_load_modules(idx, names, 1);
		unit_check(klp_index_has_object(idx, fmt[i].name) &&
			   count(idx, fmt[i].name, "dup_helper") >= 1,
			   "compressed: %s read as %s", fmt[i].file, fmt[i].name);
	}
	klp_index_free(idx);

	/* all three at once, through the pool */
	idx = klp_index_open(&s);
	if (idx) {
		size_t want = have_tool("xz") + have_tool("zstd") + have_tool("gzip");
		size_t n = klp_index_load_modules(idx, NULL, 0);

		unit_check(n == want, "compressed: all formats in one parallel batch (%zu of %zu)",
			   n, want);
		klp_index_free(idx);
	}

	/* a corrupt compressed file: an error naming it, no crash */
	unit_sh("mkdir -p %s/bad/kernel && printf 'not xz' > %s/bad/kernel/broken.ko.xz", tmp, tmp);
}

static void load_broken(void *arg)
{
	struct klp_index_sources s = { .vmlinux_elf = vmlinux, .modules_dir = arg };
	struct klp_index *idx = klp_index_open(&s);
	const char *names[] = { "broken" };

	if (klp_index_load_modules(idx, names, 1) == 0 && !klp_index_has_object(idx, "broken"))
		exit(error_occurred() ? 3 : 4);
	exit(0);
}

static void test_broken_module(void)
{
	char err[2048];
	char *dir = unit_path(tmp, "bad");
	int rc;

	if (!have_tool("xz"))
		return;
	rc = unit_run_child(load_broken, dir, err, sizeof(err));
	unit_check(rc == 3 && strstr(err, "broken.ko.xz") && strstr(err, "ERROR: modpost:"),
		   "broken .ko.xz: modpost-style error naming the file (rc %d)", rc);
}

/* ---- text maps ---- */

static void test_kallsyms_map(void)
{
	char *path = unit_path(tmp, "kallsyms");
	struct klp_index_sources src = { .symbol_map = path };
	struct klp_index *idx;
	const struct klp_symbol *s1, *s2;

	unit_writef(path,
		    "0000000000000000 A __per_cpu_start\n"
		    "0000000000001000 A pcpu_thing\n"
		    "0000000000002000 A __per_cpu_end\n"
		    "ffffffff81000000 T _stext\n"
		    "ffffffff81000100 t dup\n"
		    "ffffffff81000050 t dup\n"
		    "ffffffff81000200 W tie\n"
		    "ffffffff81000200 t tie\n"
		    "ffffffffc0001000 t mod_local\t[mymod]\n"
		    "ffffffffc0000500 t mod_local\t[mymod]\n"
		    "ffffffffc0002000 T mod_export\t[mymod]\n"
		    "ffffffffc0003000 t bpf_prog_x\t[bpf]\n");
	idx = klp_index_open(&src);
	if (!unit_check(idx != NULL, "kallsyms map: opens"))
		return;
	unit_check(strncmp(klp_index_vmlinux_source(idx), "map ", 4) == 0,
		   "kallsyms map: source says map");
	s1 = get(idx, "vmlinux", "pcpu_thing", 1);
	unit_check(s1 && s1->type == 'A', "kallsyms map: absolute per-cpu symbol kept");
	s1 = get(idx, "vmlinux", "dup", 1);
	s2 = get(idx, "vmlinux", "dup", 2);
	unit_check(s1 && s2 && s1->address == 0xffffffff81000050ull &&
		   s2->address == 0xffffffff81000100ull, "kallsyms map: vmlinux by address");
	unit_check(s1 && strcmp(s1->section, "") == 0 && s1->source == NULL,
		   "kallsyms map: no section or source");
	s1 = get(idx, "vmlinux", "tie", 1);
	s2 = get(idx, "vmlinux", "tie", 2);
	unit_check(s1 && s2 && s1->type == 't' && s2->type == 'W',
		   "kallsyms map: equal addresses: weak after the others");
	unit_check(klp_index_has_object(idx, "mymod"), "kallsyms map: [mymod] is a module");
	unit_check(!klp_index_has_object(idx, "bpf"), "kallsyms map: [bpf] is not");
	s1 = get(idx, "mymod", "mod_local", 1);
	unit_check(s1 && s1->address == 0xffffffffc0001000ull,
		   "kallsyms map: module symbols in file order");
	unit_check(count(idx, "vmlinux", "mod_local") == 0, "kallsyms map: module lines not vmlinux");
	klp_index_free(idx);
}

static void test_system_map(void)
{
	char *path = unit_path(tmp, "System.map");
	struct klp_index_sources src = { .symbol_map = path };
	struct klp_index *idx;

	unit_writef(path,
		    "0000000000000000 D __per_cpu_start\n"
		    "0000000000001000 d pcpu_thing\n"
		    "0000000000002000 D __per_cpu_end\n"
		    "0000000001000000 A text_size\n"
		    "ffffffff81000000 T _stext\n"
		    "ffffffff81000010 t __crc_x\n"
		    "ffffffff81000020 t keep_me\n"
		    "ffffffff81000030 U undefined_one\n"
		    "                 U raw_nm_undefined\n");
	idx = klp_index_open(&src);
	if (!unit_check(idx != NULL, "System.map: opens"))
		return;
	unit_check(count(idx, "vmlinux", "text_size") == 0, "System.map: absolute dropped");
	unit_check(count(idx, "vmlinux", "__crc_x") == 0, "System.map: __crc_ dropped");
	unit_check(count(idx, "vmlinux", "undefined_one") == 0 &&
		   count(idx, "vmlinux", "raw_nm_undefined") == 0, "System.map: U dropped (also raw nm lines)");
	unit_check(count(idx, "vmlinux", "keep_me") == 1 && count(idx, "vmlinux", "pcpu_thing") == 1,
		   "System.map: ordinary symbols kept");
	klp_index_free(idx);
}

static void open_map(void *arg)
{
	struct klp_index_sources src = { .symbol_map = arg };
	struct klp_index *idx = klp_index_open(&src);

	exit(idx ? 0 : (error_occurred() ? 3 : 4));
}

static void test_bad_maps(void)
{
	char *stub = unit_path(tmp, "System.map-stub");
	char *bad = unit_path(tmp, "System.map-bad");
	char *empty = unit_path(tmp, "System.map-empty");
	char err[2048];
	int rc;

	unit_writef(stub, "ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n");
	rc = unit_run_child(open_map, stub, err, sizeof(err));
	unit_check(rc == 4 && strstr(err, "WARNING: modpost:") && strstr(err, "placeholder"),
		   "stub System.map: ignored with a warning (rc %d)", rc);
	unit_writef(bad, "ffffffff81000000 T _stext\nthis is not a map\n");
	rc = unit_run_child(open_map, bad, err, sizeof(err));
	unit_check(rc == 3 && strstr(err, "System.map-bad:2:"),
		   "malformed map: error with file and line (rc %d)", rc);
	unit_write(empty, "", 0);
	rc = unit_run_child(open_map, empty, err, sizeof(err));
	unit_check(rc == 3 && strstr(err, "no vmlinux symbols"), "empty map: error (rc %d)", rc);
	rc = unit_run_child(open_map, "/nonexistent/System.map", err, sizeof(err));
	unit_check(rc == 3 && strstr(err, "/nonexistent/System.map"),
		   "missing map: error naming it (rc %d)", rc);
}

/* ---- malformed vmlinux ---- */

static void open_vmlinux(void *arg)
{
	struct klp_index_sources src = { .vmlinux_elf = arg };
	struct klp_index *idx = klp_index_open(&src);

	exit(idx ? 0 : (error_occurred() ? 3 : 4));
}

static void test_bad_vmlinux(void)
{
	char *trunc = unit_path(tmp, "vmlinux-trunc");
	char *btf = unit_path(tmp, "btfonly");
	char *relo = unit_path(tmp, "a.o");
	char err[2048];
	int rc;

	unit_sh("head -c 3000 %s > %s", vmlinux, trunc);
	rc = unit_run_child(open_vmlinux, trunc, err, sizeof(err));
	unit_check(rc == 1 && strstr(err, "vmlinux-trunc") && strstr(err, unit_fatal("")),
		   "truncated vmlinux: modpost error naming it, no crash (rc %d)", rc);
	rc = unit_run_child(open_vmlinux, relo, err, sizeof(err));
	unit_check(rc == 3 && strstr(err, "not a linked vmlinux"),
		   "relocatable object as vmlinux: refused (rc %d)", rc);
	unit_sh("objcopy --strip-all %s %s-stripped", btf, btf);
	rc = unit_run_child(open_vmlinux, unit_path(tmp, "btfonly-stripped"), err, sizeof(err));
	unit_check(rc == 3 && strstr(err, "no symbol table"),
		   "vmlinux without .symtab: refused (rc %d)", rc);
}

/* ---- sources ---- */

static void test_sources(void)
{
	const char *rel = "0.0.0-klp-index-test";
	char *cache = unit_path(tmp, "cache");
	struct klp_index_sources src;
	char *searched, *want;

	unit_sh("mkdir -p %s/%s/dbg/usr/lib/debug/boot %s/%s/image/lib/modules/%s/kernel "
	   "%s/%s/image/boot && cp %s %s/%s/dbg/usr/lib/debug/boot/vmlinux-%s && "
	   "printf 'ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\\n' "
	   "> %s/%s/image/boot/System.map-%s",
	   cache, rel, cache, rel, rel, cache, rel, vmlinux, cache, rel, rel, cache, rel, rel);
	setenv("KLP_CACHE", cache, 1);
	unsetenv("KLP_VMLINUX");
	unsetenv("KLP_SYSTEM_MAP");
	unsetenv("KLP_MODULES_DIR");

	klp_index_find_sources(rel, &src, &searched);
	if (asprintf(&want, "%s/%s/dbg/usr/lib/debug/boot/vmlinux-%s", cache, rel, rel) < 0)
		exit(2);
	unit_check_str(str(src.vmlinux_elf), want, "sources: vmlinux from the cache");
	free(want);
	unit_check(src.symbol_map == NULL && strstr(searched, "placeholder"),
		   "sources: placeholder System.map skipped and reported");
	if (asprintf(&want, "%s/%s/image/lib/modules/%s", cache, rel, rel) < 0)
		exit(2);
	unit_check_str(str(src.modules_dir), want, "sources: modules from the extracted image");
	free(want);
	unit_check(strstr(searched, "/usr/lib/debug/boot/vmlinux-0.0.0-klp-index-test: not found") != NULL,
		   "sources: searched lists the places tried");
	free(searched);
	klp_index_sources_free(&src);

	/* a BTF-only vmlinux (no code) is skipped */
	unit_sh("cp %s/btfonly %s/%s/dbg/usr/lib/debug/boot/vmlinux-%s", tmp, cache, rel, rel);
	klp_index_find_sources(rel, &src, &searched);
	unit_check(src.vmlinux_elf == NULL && strstr(searched, "BTF-only"),
		   "sources: vmlinux without code skipped as BTF-only");
	free(searched);
	klp_index_sources_free(&src);

	setenv("KLP_VMLINUX", "/some/where/vmlinux", 1);
	setenv("KLP_MODULES_DIR", "/some/modules", 1);
	klp_index_find_sources(rel, &src, &searched);
	unit_check(src.vmlinux_elf && strcmp(src.vmlinux_elf, "/some/where/vmlinux") == 0 &&
		   src.modules_dir && strcmp(src.modules_dir, "/some/modules") == 0,
		   "sources: environment overrides win");
	free(searched);
	klp_index_sources_free(&src);

	klp_index_find_sources("", &src, &searched);
	unit_check(src.vmlinux_elf && strstr(searched, "release is unknown"),
		   "sources: unknown release: only the environment");
	free(searched);
	klp_index_sources_free(&src);
	unsetenv("KLP_VMLINUX");
	unsetenv("KLP_MODULES_DIR");
	unsetenv("KLP_CACHE");
}

int main(void)
{
	if (!have_tool("cc") || !have_tool("ld")) {
		printf("ok 1 - klp-index # SKIP no cc/ld\n1..1\n");
		return 0;
	}
	tmp = unit_tmpdir("klp-index");
	build_inputs();
	test_vmlinux_elf();
	test_near_miss();
	test_modules();
	test_compressed();
	test_broken_module();
	test_kallsyms_map();
	test_system_map();
	test_bad_maps();
	test_bad_vmlinux();
	test_sources();
	if (!getenv("KEEP_TMP"))
		unit_rmtree(tmp);
	return unit_done();
}
