/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The modpost record: how modpost's resolution reaches the post-link step
 * inside the module.  One owner writes and reads it (klp-record.c).
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
 * linked .ko alone, without any kernel symbol data, and then empties it.
 */
#ifndef KLP_RECORD_H
#define KLP_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "elffile.h"
#include "lib.h"

#define KLP_RECORD_SECTION ".klp.modpost"
#define KLP_RECORD_VERSION "klp-modpost 1"
/*
 * Version 2: an in-tree build, where modpost runs over vmlinux.o before
 * the final link (klp-intree.h).  The position of a vmlinux symbol may
 * then be one of
 *
 *	@L<k>:<type>:<file>	the k-th local symbol of that name in
 *				vmlinux.o's symbol table, of ELF symbol
 *				type <type>, after STT_FILE <file>
 *	@G:<type>		the one global (or weak) symbol of that name
 *	=<n>			the author's annotation: kernel position n,
 *				checked against the final vmlinux
 *	?			several candidates: the build fails after the
 *				link, with their final positions
 *
 * and the post-link step turns it into the position the kernel counts.
 */
#define KLP_RECORD_VERSION_INTREE "klp-modpost 2"

/* How a record line gives the position. */
enum klp_position_kind {
	KLP_POSITION_FINAL,		/* the kernel's position */
	KLP_POSITION_IDENTITY,		/* @...: which symbol of vmlinux.o */
	KLP_POSITION_ANNOTATED,		/* =n: the author's, not yet checked */
	KLP_POSITION_AMBIGUOUS,		/* ?: not unique in vmlinux.o */
};

/* One line of the record. */
struct klp_record_line {
	char *cname;		/* the undefined symbol in the livepatch */
	char *object, *name;	/* what it becomes: object, symbol ... */
	unsigned long sympos;	/* ... and position (FINAL, ANNOTATED) */
	enum klp_position_kind how;
	char *identity;		/* IDENTITY: the text after '@' */
	bool used;		/* (finalize) an undefined symbol took it */
};

struct klp_record {
	bool present;		/* the section exists and is not empty */
	bool bad_header;	/* first line is not KLP_RECORD_VERSION */
	bool intree;		/* ... but KLP_RECORD_VERSION_INTREE */
	size_t nmalformed;	/* lines that do not parse */
	struct klp_record_line *v;
	size_t n;
};

enum klp_record_reading {
	/* finalize: a record it cannot trust ends the program */
	KLP_RECORD_STRICT,
	/* inspection (--klp-check, --klp-dump): problems are counted */
	KLP_RECORD_LENIENT,
};

/*
 * Read the record of @elf (messages name @path).  Both ways validate
 * alike: the header line, four fields per line, a decimal position that
 * fits an unsigned long (version 2: or one of the forms above, for
 * vmlinux).
 */
void klp_record_read(const struct elf_file *elf, const char *path,
		     enum klp_record_reading how, struct klp_record *out);
void klp_record_free(struct klp_record *r);
/* The line for undefined symbol @cname, or NULL. */
struct klp_record_line *klp_record_find(struct klp_record *r, const char *cname);

/*
 * The .mod.c block for these lines (and an error for unrecordable names);
 * version 2 if @intree or a line needs it.
 */
void klp_record_write(struct buffer *b, const char *modname,
		      const struct klp_record_line *lines, size_t n, bool intree);

/*
 * The post-link guard.  A record is only useful if the post-link step
 * converts it; a module linked without that step is an unconverted
 * livepatch module that nothing in the build reports.  That happens to
 * the installed integration (`make install`) when it changes during a
 * build: this modpost runs as kbuild's scripts/mod/modpost, then `make
 * uninstall` (from any checkout) puts the stock Makefile.modfinal back
 * before the link.  So the record of a modpost that runs as a kbuild
 * tree's own scripts/mod/modpost (only `make install` puts it there)
 * comes with a guard that stops the compile of the .mod.c unless
 * KLP_POSTLINK_MACRO is defined, which only the installed Makefile.modfinal
 * does (scripts/livepatch/kbuild.mk, in the same make variable scope as
 * the post-link step).  A modpost given as MODPOST=<path> (`make
 * livepatch`, or by hand with `modpost --klp-finalize` after the link)
 * writes no guard: that build's own command line decides about the
 * post-link step, and nothing can change it during the build.
 */
#define KLP_POSTLINK_MACRO "KLP_MODPOST_POSTLINK"

/* Does the executable at @path (as /proc/self/exe names it) need the guard? */
bool klp_record_exe_is_installed(const char *path);
/* ... and this process's executable (cached)? */
bool klp_record_guarded(void);
/* The .mod.c block of the guard, after the record. */
void klp_record_write_guard(struct buffer *b, const char *modname);

#endif /* KLP_RECORD_H */
