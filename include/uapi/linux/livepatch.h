/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Livepatch ELF format (Documentation/livepatch/module-elf-format.rst) and
 * the annotation records a livepatch module may carry for modpost.
 *
 * Shared by modpost (which reads annotations and writes the format) and by
 * livepatch modules (through include/linux/klp-annotations.h).  The four
 * format constants are spelled exactly as in the kernel's own uapi header,
 * so both headers can be included in one translation unit.
 */
#ifndef _KLP_MODPOST_UAPI_LIVEPATCH_H
#define _KLP_MODPOST_UAPI_LIVEPATCH_H

#include <linux/types.h>

/* ---- the format the kernel's livepatch loader accepts ---- */

#define KLP_RELA_PREFIX		".klp.rela."
#define KLP_SYM_PREFIX		".klp.sym."

/* Symbol section index of a livepatch symbol (.klp.sym.<obj>.<name>,<pos>). */
#define SHN_LIVEPATCH		0xff20

/* Section flag of a livepatch relocation section (.klp.rela.<obj>.<sec>). */
#define SHF_RELA_LIVEPATCH	0x00100000

/*
 * Name limits the loader parses with: the object part of both names is at
 * most 55 characters without '.', the symbol part at most 511 characters
 * without ','.  (MODULE_NAME_LEN - 1 and KSYM_NAME_LEN - 1.)
 */
#define KLP_OBJECT_NAME_MAX	55
#define KLP_SYMBOL_NAME_MAX	511

/* The object name that stands for the kernel image itself. */
#define KLP_VMLINUX_NAME	"vmlinux"

/* ---- annotations: consumed by modpost at build time ---- */

/*
 * Array style (one array per target object), in sections named
 * KLP_MODULE_RELOC_SECTION "<object>":
 *
 *	sym:    address of the referenced symbol; modpost reads the symbol
 *	        through the relocation at this field, so the C name is the
 *	        symbol's name in the target object;
 *	sympos: its position among same-named symbols of that object,
 *	        counted as the kernel counts (0: the name must be unique).
 */
#define KLP_MODULE_RELOC_SECTION ".klp.module_relocs."

struct klp_module_reloc {
	void *sym;
	__u32 sympos;
} __attribute__((packed));

/*
 * Declaration style: binds one C symbol of the livepatch to any symbol of
 * any object, so that a patch can use two same-named symbols of different
 * objects, and names that are not C identifiers ("foo.constprop.0").
 * Records live in section KLP_SYMBOL_SECTION.
 *
 *	ref:    address of the C symbol the livepatch code uses (relocated);
 *	sympos: position among same-named symbols of @object (0: unique);
 *	object: "vmlinux" or a module name, NUL-terminated;
 *	name:   the symbol's name in @object, NUL-terminated.
 */
#define KLP_SYMBOL_SECTION	".klp.symbols"

struct klp_symbol_binding {
	void *ref;
	__u32 sympos;
	__u32 flags;		/* KLP_SYMBOL_F_* */
	char object[KLP_OBJECT_NAME_MAX + 1];
	char name[KLP_SYMBOL_NAME_MAX + 1];
};

/*
 * The author matched the calling convention of the compiler clone the
 * binding names (KLP_SYMBOL_CLONE()): modpost does not warn about it.
 */
#define KLP_SYMBOL_F_CLONE_ABI	0x1u
#define KLP_SYMBOL_F_KNOWN	KLP_SYMBOL_F_CLONE_ABI

#endif /* _KLP_MODPOST_UAPI_LIVEPATCH_H */
