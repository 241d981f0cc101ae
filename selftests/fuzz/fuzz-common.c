// SPDX-License-Identifier: GPL-2.0
/*
 * The support every fuzz target shares: see fuzz.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * modpost's module and export tables are static in symbols.c, and nothing
 * in modpost ever empties them (it reads one build and exits).  The
 * targets compile symbols.c into this file, so that fuzz_begin() can empty
 * them; the linker then takes none of symbols.o from libmodpost.a (every
 * name it defines is defined here).
 */
#include "../../scripts/mod/symbols.c"

#include "fuzz.h"
#include "klp-decompress.h"
#include "klp-modes.h"
#include "klp-module.h"

char fuzz_dir[256];

/* The process's stderr, for the target's own reports (see init_once()). */
static FILE *report;

/* ---- what one input leaves behind ---- */

static void **owned;
static size_t nowned, owned_cap;

static void *own(void *p)
{
	if (nowned == owned_cap) {
		owned_cap = owned_cap ? 2 * owned_cap : 64;
		owned = xrealloc(owned, owned_cap * sizeof(*owned));
	}
	owned[nowned++] = p;
	return p;
}

void *fuzz_copy(const void *data, size_t size)
{
	/* malloc(size + 1) only, so that ASan sees a read past the NUL */
	char *p = own(xmalloc(size + 1));

	if (size)
		memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

/* ---- fatal() without exit ---- */

static jmp_buf *fatal_jump;

static void on_fatal(void)
{
	if (!fatal_jump)
		fuzz_fail(__FILE__, __LINE__, "fatal() outside fuzz_call()");
	longjmp(*fatal_jump, 1);
}

bool fuzz_call(void (*fn)(void *arg), void *arg)
{
	jmp_buf here, *outer = fatal_jump;

	if (setjmp(here)) {
		fatal_jump = outer;
		return false;
	}
	fatal_jump = &here;
	fn(arg);
	fatal_jump = outer;
	return true;
}

struct mode_run {
	int argc;
	char **argv;
};

static void run_mode(void *arg)
{
	struct mode_run *r = arg;

	klp_run_mode(r->argc, r->argv);
}

bool fuzz_run_mode(char **argv)
{
	struct mode_run r = { .argv = argv };

	while (argv[r.argc])
		r.argc++;
	return fuzz_call(run_mode, &r);
}

void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (!report)
		report = stderr;
	fprintf(report, "FUZZ TARGET ASSERTION FAILED at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(report, fmt, ap);
	va_end(ap);
	fputc('\n', report);
	fflush(report);
	abort();
}

/* ---- modpost's tables, emptied ---- */

/* The livepatch part of a module (scripts/livepatch/klp-module.h). */
static void free_klp_module(struct klp_module *km)
{
	for (size_t i = 0; i < km->nannotations; i++) {
		struct klp_annotation *a = &km->annotations[i];

		free(a->cname);
		free(a->object);
		free(a->name);
		free(a->where);
	}
	free(km->annotations);
	for (size_t i = 0; i < km->declared.n; i++)
		free(km->declared.v[i]);
	free(km->declared.v);
	klp_patch_desc_free(&km->patch);
	for (size_t i = 0; i < km->undefined.n; i++)
		free(km->undefined.v[i]);
	free(km->undefined.v);
	for (size_t i = 0; i < km->nrefs; i++) {
		for (size_t k = 0; k < km->refs[i].nsites; k++)
			free((char *)km->refs[i].sites[k].section);
		free(km->refs[i].sites);
		free(km->refs[i].name);
	}
	free(km->refs);
	for (size_t i = 0; i < km->nconversions; i++) {
		free(km->conversions[i].cname);
		free(km->conversions[i].object);
		free(km->conversions[i].name);
	}
	free(km->conversions);
	free(km);
}

static void free_string_list(struct string_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void empty_tables(void)
{
	for (size_t i = 0; i < nmodules; i++) {
		struct module *mod = modules[i];
		struct module_slot **bucket =
			&module_hash[name_hash(mod->name) % MODULE_HASH_SIZE];

		/* the buckets in use only: every input, the loop over all 4096 shows */
		while (*bucket) {
			struct module_slot *next = (*bucket)->next;

			free(*bucket);
			*bucket = next;
		}

		for (size_t k = 0; k < mod->exports.n; k++)
			if (mod->exports.v[k]->namespace != no_namespace)
				free(mod->exports.v[k]->namespace);
		free(mod->exports.v);
		free(mod->unresolved.v);
		free_string_list(&mod->imported_namespaces);
		free_string_list(&mod->missing_namespaces);
		buf_free(&mod->aliases);
		if (mod->klp)
			free_klp_module(mod->klp);
		free(mod->name);
		free(mod);
	}
	nmodules = 0;
	memset(export_hash, 0, sizeof(export_hash));
	opts = (struct modpost_options){ .sec_mismatch_warn_only = true };
}

/* ---- wrapped functions (see fuzz.h) ---- */

void *__wrap_xalloc_permanent(size_t size);
void *__wrap_xalloc_permanent(size_t size)
{
	return own(xcalloc(1, size));
}

/* The whole file @path into an owned buffer; NULL with errno on failure. */
static void *read_whole(const char *path, size_t *size)
{
	struct stat st;
	size_t done = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return NULL;
	}
	buf = own(xmalloc(st.st_size ? st.st_size : 1));
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = n < 0 ? errno : EIO;

			close(fd);
			errno = saved;
			return NULL;
		}
		done += n;
	}
	close(fd);
	*size = done;
	return buf;
}

/*
 * Every decode: into a struct of our own, so that when decode() ends in
 * fatal() the section and symbol tables it had allocated can be freed
 * before the unwinding goes on (the caller's struct is out of reach then);
 * at tens of thousands of inputs a second they would fill the memory.
 */
struct decode_call {
	struct elf_file elf;
	const char *path;
	void *data;
	size_t size;
	unsigned int flags;
	enum elf_open_result result;
};

enum elf_open_result __real_elf_open_memory(struct elf_file *elf, const char *path,
					    void *data, size_t size, unsigned int flags);
enum elf_open_result __wrap_elf_open_memory(struct elf_file *elf, const char *path,
					    void *data, size_t size, unsigned int flags);

static void decode_call(void *arg)
{
	struct decode_call *c = arg;

	c->result = __real_elf_open_memory(&c->elf, c->path, c->data, c->size, c->flags);
}

enum elf_open_result __wrap_elf_open_memory(struct elf_file *elf, const char *path,
					    void *data, size_t size, unsigned int flags)
{
	struct decode_call c = {
		.path = path, .data = data, .size = size, .flags = flags,
	};

	if (!fuzz_call(decode_call, &c)) {
		elf_close(&c.elf);
		on_fatal();	/* the message is out: on as fatal() would */
	}
	*elf = c.elf;
	return c.result;
}

enum elf_open_result __real_elf_open(struct elf_file *elf, const char *path);
enum elf_open_result __wrap_elf_open(struct elf_file *elf, const char *path);
enum elf_open_result __wrap_elf_open(struct elf_file *elf, const char *path)
{
	size_t size = 0;
	void *data = read_whole(path, &size);

	/* an empty file: the real one's failing mmap() says what modpost says */
	if (!data || size == 0)
		return __real_elf_open(elf, path);
	return elf_open_memory(elf, path, data, size, 0);
}

static bool compressed(const char *path)
{
	static const char *const suffixes[] = { ".xz", ".zst", ".gz" };
	size_t len = strlen(path);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t n = strlen(suffixes[i]);

		if (len > n && strcmp(path + len - n, suffixes[i]) == 0)
			return true;
	}
	return false;
}

void __real_klp_read_images(const char *const *paths, size_t n, klp_image_fn fn, void *arg);
void __wrap_klp_read_images(const char *const *paths, size_t n, klp_image_fn fn, void *arg);
void __wrap_klp_read_images(const char *const *paths, size_t n, klp_image_fn fn, void *arg)
{
	for (size_t i = 0; i < n; i++) {
		size_t size = 0;
		void *data;

		if (compressed(paths[i])) {
			__real_klp_read_images(&paths[i], 1, fn, arg);
			continue;
		}
		/* as the real one reads a plain file, with its messages */
		data = read_whole(paths[i], &size);
		if (!data) {
			error("%s: %m\n", paths[i]);
			continue;
		}
		fn(paths[i], size ? data : NULL, size, arg);
	}
}

/* ---- the scratch directory ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_dir(void)
{
	if (fuzz_dir[0])
		nftw(fuzz_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void fuzz_write(const char *name, const void *data, size_t size)
{
	int fd;

	if (!data) {
		unlink(name);
		return;
	}
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		fuzz_fail(__FILE__, __LINE__, "cannot write %s/%s: %s", fuzz_dir, name,
			  strerror(errno));
	close(fd);
}

bool fuzz_exists(const char *name)
{
	struct stat st;

	return lstat(name, &st) == 0;
}

/*
 * The target kernel livepatch code resolves against: a System.map with a
 * unique and a duplicated local, data and text, and an empty module tree.
 */
static const char target_map[] =
	"ffffffff81000000 T _stext\n"
	"ffffffff81000100 T printk\n"
	"ffffffff81000200 t max_cstate\n"
	"ffffffff81000300 t local_helper\n"
	"ffffffff81000400 t local_helper\n"
	"ffffffff81000500 T vfs_read\n"
	"ffffffff81000600 t vfs_read.cold\n"
	"ffffffff82000000 D saved_command_line\n"
	"ffffffff82000100 d max_cstate\n"
	"ffffffff82000200 b lp_counter\n";

static const char target_symvers[] =
	"0x12345678\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n"
	"0x9abcdef0\tvfs_read\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
	"0x00000001\tnamespaced\tdrivers/x/x\tEXPORT_SYMBOL_GPL\tX_NS\n";

static void set_env(const char *name, const char *file)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir, file);
	setenv(name, path, 1);
}

static void init_once(void)
{
	static const char *const klp_env[] = {
		"KLP_VMLINUX", "KLP_SYSTEM_MAP", "KLP_MODULES_DIR", "KLP_RELEASE", "KLP_CACHE",
	};
	const char *base = getenv("FUZZ_TMPDIR");
	int null;

	if (!base || !*base)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/modpost-fuzz.XXXXXX", base);
	if (!mkdtemp(fuzz_dir))
		fuzz_fail(__FILE__, __LINE__, "mkdtemp %s: %s", fuzz_dir, strerror(errno));
	atexit(remove_dir);
	if (chdir(fuzz_dir) != 0)
		fuzz_fail(__FILE__, __LINE__, "chdir %s: %s", fuzz_dir, strerror(errno));

	/* what modpost prints on stdout (tables, verdicts) is not looked at */
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		fflush(stdout);
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	/*
	 * Nor its messages, millions of them: modpost writes them through
	 * the stream stderr, which glibc lets a program replace, while
	 * libFuzzer's and the sanitizers' reports keep going to the file
	 * descriptor (libFuzzer took its own copy of the stream at start-up).
	 * FUZZ_VERBOSE=1 keeps them, to see what a reproducer does.
	 */
	report = stderr;
	if (!getenv("FUZZ_VERBOSE")) {
		FILE *quiet = fopen("/dev/null", "w");

		if (quiet)
			stderr = quiet;
	}

	/* never the machine's kernel: only the fixed target below */
	for (size_t i = 0; i < sizeof(klp_env) / sizeof(klp_env[0]); i++)
		unsetenv(klp_env[i]);
	fuzz_write(FUZZ_TARGET_MAP, target_map, sizeof(target_map) - 1);
	fuzz_write(FUZZ_TARGET_SYMVERS, target_symvers, sizeof(target_symvers) - 1);
	mkdir(FUZZ_TARGET_MODULES, 0755);
	set_env("KLP_SYSTEM_MAP", FUZZ_TARGET_MAP);
	set_env("KLP_MODULES_DIR", FUZZ_TARGET_MODULES);
	set_env("KLP_CACHE", FUZZ_TARGET_MODULES);

	modpost_fatal_hook = on_fatal;
}

void fuzz_begin(void)
{
	static bool initialised;

	if (!initialised) {
		init_once();
		initialised = true;
	}
	empty_tables();
	modpost_log_reset();
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	nowned = 0;
	fflush(stderr);
}

void fuzz_build_files(void)
{
	static const char cmd[] =
		"savedcmd_m.o := gcc -c -o m.o m.c\n"
		"source_m.o := m.c\n"
		"deps_m.o := \\\n"
		"  m.h \\\n"
		"  include/linux/kconfig.h \\\n"
		"\n"
		"m.o: $(deps_m.o)\n"
		"#SYMVER fuzz_export 0x12345678\n"
		"#SYMVER init_module 0x0badcafe\n"
		"#SYMVER printk 0x1\n";
	static const char src[] = "/* m */ int m(void) { return \"s\"[0]; }\n";
	static bool written;

	if (written)
		return;
	fuzz_write("m.mod", "m.o\n", 4);
	fuzz_write(".m.o.cmd", cmd, sizeof(cmd) - 1);
	fuzz_write("m.c", src, sizeof(src) - 1);
	fuzz_write("m.h", "#define M 1\n", 12);
	fuzz_write(".vmlinux.objs", "m.o\n", 4);
	written = true;
}

size_t fuzz_split(const uint8_t *data, size_t size, char **parts, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i < max; i++)
		parts[i] = NULL;
	while (n < max && start <= size) {
		const uint8_t *nul = memchr(data + start, '\0', size - start);
		size_t len = nul ? (size_t)(nul - (data + start)) : size - start;

		if (!nul && len == 0 && n > 0 && start == size)
			break;
		parts[n++] = fuzz_copy(data + start, len);
		if (!nul)
			break;
		start += len + 1;
	}
	return n;
}

/* Does the path at @p (up to @end) stay inside the current directory? */
static bool path_inside(const char *p, const char *end)
{
	if (p < end && *p == '/')
		return false;
	for (; p + 2 < end; p++)
		if (p[0] == '.' && p[1] == '.' && p[2] == '/')
			return false;
	return true;
}

bool fuzz_paths_stay_inside(const char *text)
{
	while (*text) {
		const char *end = text + strcspn(text, "\n");
		const char *first = text, *last = NULL;

		/* a list entry or dependency: the line's first word */
		while (first < end && strchr(" \t\v\f\r", *first))
			first++;
		/* a source_ line: the file is its last word */
		for (const char *p = text; p < end; p++)
			if (*p == ' ')
				last = p + 1;
		if (!path_inside(first, end) || (last && !path_inside(last, end)))
			return false;
		text = *end ? end + 1 : end;
	}
	return true;
}
