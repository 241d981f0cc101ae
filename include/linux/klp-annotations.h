/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Annotations for livepatch modules built with this project's modpost.
 *
 * modpost resolves a livepatch module's references to symbols that nobody
 * exports by itself when the name is unique in the patched objects.  When
 * a name exists more than once, say which one you mean:
 *
 * Array style, one array per object (the C name is the symbol's name):
 *
 *	KLP_MODULE_RELOC(vmlinux) my_vmlinux_relocs[] = {
 *		KLP_SYMPOS(max_cstate, 2),
 *	};
 *
 * Declaration style, binding a C name of your choice to (object, symbol,
 * position); use it for two same-named symbols of different objects, or
 * for names that are not C identifiers:
 *
 *	extern int dup_counter_b;
 *	KLP_SYMBOL(dup_counter_b, dupmod, "dup_counter", 2);
 *
 * Positions count same-named symbols the way the kernel's livepatch loader
 * does (vmlinux: by address; a module: in symbol table order); 0 means the
 * name must be unique in that object.  modpost's error for an ambiguous
 * name prints the line to paste.
 *
 * The records are read at build time and removed from the final module.
 *
 * A livepatch source includes <linux/klp-annotations.h> with no Kbuild
 * change when it is built through this project's kbuild integration:
 *
 *   - `make livepatch M=<dir>` (per build) adds this project's include
 *     directory to the module compiles (CFLAGS_MODULE=-I<project>/include);
 *   - `make install KDIR=<tree>` puts a self-contained copy of this header
 *     (../uapi/linux/livepatch.h written into it) in <tree>/include/linux/,
 *     on kbuild's include path; `make uninstall` removes it.
 *
 * A build with only MODPOST=<this modpost> needs, in the module's Kbuild:
 *
 *	ccflags-y += -I<this project>/include
 */
#ifndef _KLP_ANNOTATIONS_H
#define _KLP_ANNOTATIONS_H

#include "../uapi/linux/livepatch.h"

#define KLP_MODULE_RELOC(obj) \
	static struct klp_module_reloc __used \
	__section(KLP_MODULE_RELOC_SECTION #obj) __aligned(4)

#define KLP_SYMPOS(symbol, pos)	{ .sym = (void *)&(symbol), .sympos = (pos) }

/*
 * (parameters are not named like the fields: the preprocessor would replace
 * those too; the explicit alignment stops gcc from padding large objects)
 */
#define __KLP_SYMBOL(cname, obj, symname, pos, flag_bits)		\
	static const struct klp_symbol_binding __used			\
	__aligned(__alignof__(struct klp_symbol_binding))		\
	__section(KLP_SYMBOL_SECTION) __klp_symbol_##cname = {		\
		.ref = (void *)&(cname),				\
		.sympos = (pos),					\
		.flags = (flag_bits),					\
		.object = #obj,						\
		.name = symname,					\
	}

#define KLP_SYMBOL(cname, obj, symname, pos)				\
	__KLP_SYMBOL(cname, obj, symname, pos, 0)

/*
 * A compiler clone or fragment ("name.isra.0", "name.constprop.0",
 * "name.part.0", "name.cold") is not the function: it takes other
 * arguments, or is only a part of it.  modpost warns when KLP_SYMBOL()
 * binds a declaration to one.  Only when the declaration was written for
 * the clone's own calling convention (read from its disassembly), say so:
 *
 *	extern int helper_isra(struct inode *inode);
 *	KLP_SYMBOL_CLONE(helper_isra, vmlinux, "helper.isra.0", 0);
 *
 * Usually the right thing is to copy the original function into the
 * livepatch instead.
 */
#define KLP_SYMBOL_CLONE(cname, obj, symname, pos)			\
	__KLP_SYMBOL(cname, obj, symname, pos, KLP_SYMBOL_F_CLONE_ABI)

#endif /* _KLP_ANNOTATIONS_H */
