/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The symbol index of a target kernel, as the kernel's livepatch loader
 * will see it.
 *
 * For every object (vmlinux, or a module by its kernel name: the .modinfo
 * "name", i.e. KBUILD_MODNAME with '-' as '_'), the index knows each
 * symbol name's occurrences in the order the loader counts them:
 *
 *  - vmlinux: the symbols kallsyms keeps (what `nm -n` lists, minus what
 *    scripts/mksysmap and scripts/kallsyms drop; CONFIG_KALLSYMS_ALL is
 *    implied by CONFIG_LIVEPATCH), ordered by address;
 *  - a module: its .ko symbol table order.  A loaded module's kallsyms
 *    holds only "core" symbols (named, defined in a real section that is
 *    allocated and not .init*), but while the module is loading (a patch
 *    applied to a module that loads after the livepatch) the loader walks
 *    the full table (every defined symbol).  Positions are taken from the
 *    core table; each occurrence also says whether the full table would
 *    count differently, so that the resolver can refuse such names.
 *
 * Sources: a final vmlinux ELF (e.g. Debian's linux-image-<rel>-dbg), or a
 * System.map / /proc/kallsyms text file (Debian's one-line stub System.map
 * is recognised and ignored), and module files .ko, .ko.xz, .ko.zst,
 * .ko.gz (decompressed with the system's tools, in parallel).  Modules are
 * read only when asked for (klp_index_load_modules()).
 */
#ifndef KLP_INDEX_H
#define KLP_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct klp_index;

/*
 * Can ftrace patch the symbol (klp-call-sites.c)?  The kernel's livepatch
 * core needs the function's ftrace call site.
 */
enum klp_ftrace {
	KLP_FTRACE_NOT_FUNCTION,	/* data, or not STT_FUNC (text maps: not t/T/w/W) */
	KLP_FTRACE_UNKNOWN,		/* a function; the source has no call-site table */
	KLP_FTRACE_NO_CALL_SITE,	/* notrace, noinstr, or not known to ftrace */
	KLP_FTRACE_CALL_SITE,
};

/* One occurrence of a name in one object. */
struct klp_symbol {
	const char *object;	/* "vmlinux" or the module's kernel name */
	const char *name;
	unsigned long sympos;	/* 1-based position among same-named symbols */
	unsigned long count;	/* occurrences of the name in this object */
	uint64_t address;	/* vmlinux: address; module: st_value */
	/*
	 * The letter /proc/kallsyms shows.  vmlinux: nm's letter, except 'A'
	 * for per-cpu symbols on x86_64 (CONFIG_KALLSYMS_ABSOLUTE_PERCPU);
	 * from a text map, the file's letter.  Modules: the loader's letter
	 * (t d r b a v w ...), upper case when the module exports the name.
	 */
	char type;
	const char *section;	/* section name, or "" when unknown (text maps) */
	const char *source;	/* source file of a local symbol (STT_FILE), or NULL */
	/*
	 * Modules only: the full symbol table (walked while the module is
	 * loading) holds a different list of this name than the core table
	 * (e.g. a homonym in .init.text or .modinfo), so the position or the
	 * uniqueness the loader finds depends on load order.  Set on every
	 * occurrence of such a name.
	 */
	bool load_order_dependent;
	unsigned char ftrace;	/* enum klp_ftrace */
};

/* Where the index reads the target kernel from; NULL members: not used. */
struct klp_index_sources {
	const char *vmlinux_elf;	/* final vmlinux with a symbol table */
	/*
	 * In-tree: vmlinux.o of this build, before the final link (preferred
	 * over the others).  Positions are then symbol-table order, good
	 * only as identities (klp-intree.h); klp_symbol.address is the
	 * index in vmlinux.o's symbol table.
	 */
	const char *vmlinux_object;
	/*
	 * ... whose symbols nothing will look up (livepatches without
	 * conversions: their klp_func entries for vmlinux are judged after
	 * the link): vmlinux is an empty table, vmlinux.o is not read.
	 */
	bool vmlinux_object_unread;
	const char *symbol_map;		/* System.map or /proc/kallsyms text */
	const char *modules_dir;	/* searched recursively for module files */
};

/*
 * The name the kernel knows a module by (mod->name, the object part of
 * .klp.* names) for a module name, object path or file name: the base
 * name without directory and without .o/.ko[.xz|.zst|.gz], '-' turned into
 * '_' ("drivers/x/snd-hda-intel.ko.xz" -> "snd_hda_intel").  The one
 * normaliser of module names.  Caller frees.
 */
char *klp_kernel_module_name(const char *path);

/*
 * The release (`uname -r` of the kernel it builds for) of the kernel build
 * tree in the current directory, where kbuild runs modpost: UTS_RELEASE of
 * include/generated/utsrelease.h, else include/config/kernel.release
 * (Debian's 6.1 headers have "6.1.192" there, but release 6.1.0-57-amd64).
 * NULL when neither says.  Caller frees.
 */
char *klp_build_tree_release(void);

/*
 * Locate the sources for a kernel release: environment overrides first
 * (KLP_VMLINUX, KLP_SYSTEM_MAP, KLP_MODULES_DIR), then the usual places for
 * @release (Debian's -dbg vmlinux under /usr/lib/debug, /boot, /lib/modules,
 * and the project's extraction cache $KLP_CACHE or /var/cache/klp-modpost).
 * @searched receives a human-readable list of every place tried (caller
 * frees), for error messages: one line per candidate, "<what>: <path>:
 * used|<why not>", each starting with a tab.  @release NULL or "" (target
 * unknown): only the environment overrides are used.
 * Skipped: vmlinux files without a full symbol table (Debian's headers
 * ship a BTF-only one) and Debian's placeholder System.map.
 */
void klp_index_find_sources(const char *release, struct klp_index_sources *out,
			    char **searched);
/*
 * The one way to say where the target kernel's symbols are, shared by the
 * build (modpost's resolver), --klp-dump-index and --klp-verify.  The
 * precedence, highest first:
 *
 *   1. what the command line names (@given: --vmlinux, --map, --modules);
 *      a vmlinux or a map named there replaces both found vmlinux sources
 *      (a named map is not overruled by a found ELF);
 *   2. for an in-tree build, vmlinux.o (@given->vmlinux_object) when modpost
 *      reads it; else, for modpost run by kbuild (@given->build_tree_vmlinux),
 *      ./vmlinux of the kernel build tree when it has symbols (not a Debian
 *      headers tree's BTF-only one), unless KLP_VMLINUX says otherwise;
 *   3. the environment: KLP_VMLINUX, KLP_SYSTEM_MAP, KLP_MODULES_DIR;
 *   4. the standard places for @given->release (klp_index_find_sources()).
 *
 * @searched as for klp_index_find_sources().  @out's strings are
 * malloc'ed (klp_index_sources_free()).
 */
struct klp_source_choice {
	const char *release;		/* NULL or "": unknown */
	const char *vmlinux, *map, *modules;	/* named explicitly, or NULL */
	bool build_tree_vmlinux;	/* kbuild: ./vmlinux of the build tree, if full */
	const char *vmlinux_object;	/* in-tree, before the link: vmlinux.o */
	bool vmlinux_object_unread;	/* ... and nothing looks up its symbols */
};
void klp_index_choose_sources(const struct klp_source_choice *given,
			      struct klp_index_sources *out, char **searched);

/* Free the strings klp_index_find_sources() put into @src (all malloc'ed). */
void klp_index_sources_free(struct klp_index_sources *src);

/*
 * Create an index.  The vmlinux part is read at once (ELF preferred over a
 * map).  Errors (unreadable or malformed files) are reported with
 * error()/fatal() in modpost style; returns NULL when no vmlinux source was
 * usable.
 */
struct klp_index *klp_index_open(const struct klp_index_sources *src);
void klp_index_free(struct klp_index *idx);

/* Which vmlinux source was used ("ELF <path>", "map <path>"), for messages. */
const char *klp_index_vmlinux_source(const struct klp_index *idx);
/* Was vmlinux read from vmlinux.o (klp_index_sources.vmlinux_object)? */
bool klp_index_vmlinux_is_object(const struct klp_index *idx);
/* The path of the vmlinux ELF read (its debug info explains names), or NULL. */
const char *klp_index_vmlinux_elf(const struct klp_index *idx);
/* The file module @object was read from (maybe compressed), or NULL. */
const char *klp_index_module_file(const struct klp_index *idx, const char *object);
/* The directory searched for modules, or NULL. */
const char *klp_index_modules_dir(const struct klp_index *idx);

/*
 * Read modules into the index: the ones named in @names (kernel names), or
 * every module found when @names is NULL.  Files are selected by their
 * name (basename without .ko*, '-' as '_'), and registered under their
 * .modinfo name.  Unknown names are remembered as absent, modules already
 * read are not read again; a module known from /proc/kallsyms lines is
 * replaced by its file.  Decompression runs in parallel.  Returns the
 * number read.
 */
size_t klp_index_load_modules(struct klp_index *idx, const char *const *names,
			      size_t nnames);

/*
 * In-tree builds: add module @name from the module object at @path (a
 * <module>.o that modpost reads in this run), replacing any installed
 * copy.  False if the file cannot be read.
 */
bool klp_index_add_module_object(struct klp_index *idx, const char *name,
				 const char *path);

/* Is @object known (vmlinux, or a module that was found and read)? */
bool klp_index_has_object(const struct klp_index *idx, const char *object);

/*
 * All occurrences of @name: in @object only, or in every loaded object when
 * @object is NULL (vmlinux first, then modules in name order), ordered by
 * object then position.  Returns the count; *out points into the index
 * (valid until klp_index_free) or is NULL when there are none.
 */
size_t klp_index_lookup(const struct klp_index *idx, const char *object,
			const char *name, const struct klp_symbol *const **out);

/*
 * Names in loaded objects that are near misses of @name: compiler clones
 * ("<name>.isra.N", ".constprop.N", ".part.N", ".cold", ".llvm.N", any
 * "<name>.<suffix>") and "__pfx_<name>".  Calls @fn once per occurrence.
 */
void klp_index_for_each_near_miss(const struct klp_index *idx, const char *name,
				  void (*fn)(const struct klp_symbol *sym, void *arg),
				  void *arg);

/*
 * Every occurrence in @object, or in every loaded object when @object is
 * NULL (vmlinux first, then modules in name order); within an object by
 * name (strcmp order), then position.
 */
void klp_index_for_each_symbol(const struct klp_index *idx, const char *object,
			       void (*fn)(const struct klp_symbol *sym, void *arg),
			       void *arg);

/*
 * The loaded objects: vmlinux first, then modules in name order.  Returns
 * the count; *names is a malloc'ed array (caller frees the array only).
 */
size_t klp_index_objects(const struct klp_index *idx, const char ***names);

#endif /* KLP_INDEX_H */
