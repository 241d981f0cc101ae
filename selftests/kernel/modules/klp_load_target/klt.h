/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klp_load_target: the target module of test-klp-load.sh.
 *
 * klt_a.c and klt_b.c each define the statics
 *
 *	name             klt_a.c (position 1)   klt_b.c (position 2)
 *	klt_dup_counter  1111, .data            2222, .data
 *	klt_dup_mixed    31, .bss (set at init) 32, .data
 *	klt_dup_helper() returns 11             returns 22
 *
 * (positions count in .ko symbol-table order, a.c's locals first; a.c's
 * .bss copy of klt_dup_mixed lies at a higher address than b.c's .data
 * copy, so address order would give the opposite answer).
 *
 * klt_main.c: /proc/klp_load_target prints every value and calls
 * klt_patchme() (the function the livepatches replace) and the export
 * klt_exported().  Format:
 *
 *	counter=1111,2222 mixed=31,32 helper=11,22 exported=105
 *	<klt_patchme's line: "orig" unpatched>
 */
#ifndef KLT_H
#define KLT_H

struct seq_file;

int klt_a_counter(void);
int klt_a_mixed(void);
int klt_a_helper(void);
void klt_a_init(void);
int klt_b_counter(void);
int klt_b_mixed(void);
int klt_b_helper(void);

int klt_exported(int x);
void klt_patchme(struct seq_file *m);

#endif
