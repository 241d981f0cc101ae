/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-tree builds: modpost runs over vmlinux.o before the final link, and
 * only the final vmlinux has the addresses by which the kernel counts
 * positions (`ld -r` merges .text.unlikely, .text.hot, ... by name; the
 * final link orders them by the linker script, and adds and drops
 * symbols).  So the work is split:
 *
 *  - modpost's pass resolves a reference to *which* symbol of vmlinux.o
 *    it is, and records that identity (klp-record.h, version 2): the k-th
 *    local symbol of that name in vmlinux.o's symbol table, with its ELF
 *    type and source file, or the one global symbol of that name.  The
 *    author's positions (annotations, klp_func.old_sympos) and names that
 *    are not unique are left for the final vmlinux.
 *
 *  - the post-link step (modpost --klp-finalize, run by kbuild after
 *    vmlinux is linked) finds that symbol in the final vmlinux and takes
 *    its position from there.  The final link keeps each input's local
 *    symbols in input order (it reads the objects of vmlinux.o, or
 *    vmlinux.o itself, in the same order), so the locals of one name in
 *    vmlinux.o are the first ones of that name in vmlinux: that is checked
 *    (types and source files), never assumed.
 */
#ifndef KLP_INTREE_H
#define KLP_INTREE_H

#include <stdbool.h>

struct elf_file;
struct klp_module;
struct klp_record;
struct module;

/* Where kbuild has them: modpost and the post-link step run in the objtree. */
#define KLP_INTREE_VMLINUX_O "vmlinux.o"
#define KLP_INTREE_VMLINUX "vmlinux"

/*
 * The livepatch modules of this build, for kbuild: their objects, one per
 * line in the order of @object_list (modules.order), written to
 * modules.livepatch beside it (if changed).  Makefile.modfinal converts
 * those after the link, once vmlinux is linked.  Only a modpost built
 * into a kernel tree (KLP_MODPOST_INTREE, defined by that tree's
 * scripts/mod/Makefile) writes it: elsewhere modpost's outputs stay those
 * of the stock modpost.  (That tree's Makefile.modfinal always converts
 * them, so its records need no post-link guard: klp-record.h.)
 */
#define KLP_INTREE_MODULE_LIST "modules.livepatch"
void klp_intree_list_modules(struct module **mods, size_t n, const char *object_list);

/* modpost's pass: the identity of every KLP_POSITION_IDENTITY conversion of @km. */
void klp_intree_identify(struct klp_module *km, const char *vmlinux_o);

/*
 * The post-link step: turn every vmlinux line of @r (the record of module
 * @path) that is not a final position into one, from @vmlinux and the
 * vmlinux.o beside it.  Errors are reported (error()); false if there was
 * any.  A version 1 record is left alone.
 */
bool klp_intree_settle(struct klp_record *r, const char *path, const char *vmlinux);

/*
 * The post-link step, given the final vmlinux (--vmlinux): judge the
 * klp_func entries for vmlinux of the linked livepatch module @ko (at
 * @path) against it, which modpost's pass over vmlinux.o could not do.
 * Errors are reported (error()).  Nothing to do without such entries or
 * without @vmlinux.
 */
void klp_intree_check_funcs(const struct elf_file *ko, const char *path, const char *vmlinux);

#endif /* KLP_INTREE_H */
