/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klp_homonyms: a module whose symbol table holds many same-named symbols
 * (static functions and variables defined in several files), for the sympos
 * cross-check.  The link order is hom_main, hom_a, hom_b, sub1/hom_twin,
 * sub2/hom_twin, so each name's .symtab order follows that file order.
 *
 *   name            hom_a.c            hom_b.c          hom_main.c    twins
 *   hom_helper      t .text            t .text
 *   hom_counter     d .data            d .data
 *   hom_mixed       b .bss             d .data  (symtab order != address order)
 *   hom_table       r .rodata          r .rodata
 *   hom_setup       t .init.text       t .text  (init copy first: not in the
 *                                                live kallsyms, so its position
 *                                                depends on load order)
 *   hom_initdata    d .init.data       d .data
 *   hom_shared      T .text (global)   t .text (static)
 *   hom_ro_after    d .data..ro_after_init (both)
 *   hom_twin, hom_twin_val: identical copies from two files both named
 *   hom_twin.c (sub1/, sub2/): same type, section, size and file name; only
 *   the position tells them apart.
 */
#ifndef HOM_H
#define HOM_H

int hom_a_use(int x);
int hom_b_use(int x);
int hom_a_init(void);
int hom_b_init(void);
int hom_twin1_use(int x);
int hom_twin2_use(int x);

/* no inlining, no .isra/.constprop clones: every copy keeps its plain name */
#define HOM_NOINLINE noinline __attribute__((__noclone__))

#endif
