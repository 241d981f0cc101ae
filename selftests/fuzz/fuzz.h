/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every fuzz target of selftests/fuzz/ shares (fuzz-common.c).
 *
 * A target is one fuzz-<name>.c with LLVMFuzzerTestOneInput(); it is
 * linked against libmodpost.a and run by libFuzzer (make fuzz) or by
 * driver.c (regress.sh), many inputs in one process.  So that one input
 * cannot change what the next one does:
 *
 *  - fatal() does not exit: fuzz_call() runs a piece of modpost with
 *    modpost_fatal_hook (log.h) set to longjmp() back to it;
 *  - fuzz_begin() empties modpost's module and export tables (symbols.c is
 *    compiled into fuzz-common.c for that), forgets the errors logged, sets
 *    the options back to modpost's defaults and frees the buffers the
 *    previous input left (each target rewrites or removes its own files);
 *  - the process works in a scratch directory of its own (fuzz_dir, also
 *    the current directory), with stdout sent to /dev/null and the target
 *    kernel that livepatch code looks for set to fixed files in it
 *    (KLP_SYSTEM_MAP: a small System.map; KLP_MODULES_DIR: empty).
 *
 * The link wraps four functions (-Wl,--wrap=..., see build.sh):
 * elf_open() and klp_read_images() read plain files into heap buffers of
 * the file's exact size instead of mapping them, so that AddressSanitizer
 * sees a read past the end of the file (a mapping's page tail would hide
 * it) and a fatal() that unwinds leaves no mapping behind;
 * elf_open_memory() frees the tables a decode that ends in fatal() had
 * allocated; xalloc_permanent() allocates what fuzz_begin() can free.
 * Whatever else a fatal() unwinds past stays allocated (modpost exits
 * there): make fuzz runs each target in slices of fresh processes.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The scratch directory (absolute), the process's current directory. */
extern char fuzz_dir[];

/* Start an input: free what the previous one left, reset modpost's state. */
void fuzz_begin(void);

/* Run @fn(@arg); false when it ended in fatal() (the message is printed). */
bool fuzz_call(void (*fn)(void *arg), void *arg);
/* Run a tool mode ("modpost", "--klp-...", ..., NULL) through fuzz_call(). */
bool fuzz_run_mode(char **argv);

/* Write @size bytes to @name (relative to fuzz_dir); @data NULL: remove it. */
void fuzz_write(const char *name, const void *data, size_t size);
/* Does @name exist (relative to fuzz_dir)? */
bool fuzz_exists(const char *name);

/* A heap copy of @size bytes (plus a NUL), freed by the next fuzz_begin(). */
void *fuzz_copy(const void *data, size_t size);

/*
 * Split @data at NUL bytes into at most @max parts (heap copies, each
 * NUL-terminated, freed by the next fuzz_begin()); missing parts are NULL.
 * Returns the number of parts found.
 */
size_t fuzz_split(const uint8_t *data, size_t size, char **parts, size_t max);

/*
 * A text that names files, one a line (a .mod list, a .cmd file: the
 * first word of a line, or the last one of a source_ line): false when one
 * of them could leave fuzz_dir (absolute, or with "../": a fuzzer must not
 * read the machine's files, nor block on a FIFO somewhere).
 */
bool fuzz_paths_stay_inside(const char *text);

/*
 * The files -m (CRCs) and -a (srcversion) read for an object m.o or
 * vmlinux.o: m.mod, .m.o.cmd (with #SYMVER lines), m.c, m.h and
 * .vmlinux.objs, fixed (written once).
 */
void fuzz_build_files(void);

/* The fixed target kernel (files in fuzz_dir). */
#define FUZZ_TARGET_MAP "target.map"
#define FUZZ_TARGET_SYMVERS "target.symvers"
#define FUZZ_TARGET_MODULES "target-modules"

/* A bug the target itself detected (not modpost's fatal()): abort. */
#define fuzz_assert(cond, ...)						\
	do {								\
		if (!(cond))						\
			fuzz_fail(__FILE__, __LINE__, __VA_ARGS__);	\
	} while (0)
_Noreturn void fuzz_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* FUZZ_H */
