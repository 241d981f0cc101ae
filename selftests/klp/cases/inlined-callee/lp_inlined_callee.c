// SPDX-License-Identifier: GPL-2.0
/*
 * What a new author met: meminfo_proc_show() of fs/proc/meminfo.c copied
 * verbatim calls the static show_val_kb(), which gcc inlined into every
 * caller: the target kernel has no symbol of that name.  modpost warns and
 * says why; --klp-verify refuses the module (klp/tools.sh).
 */
#include "lp-common.h"

extern void show_val_kb(struct seq_file *m, const char *s, unsigned long num);

LP_NEW_CMDLINE_SHOW(show_val_kb(m, "MemTotal:       ", 1));
LP_PATCH(LP_OBJ_VMLINUX);
