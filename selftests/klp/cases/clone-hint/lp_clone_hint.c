// SPDX-License-Identifier: GPL-2.0
/*
 * What a new author met: fs/proc/base.c's oom_adj_write() copied verbatim
 * calls the static __set_oom_adj(), which exists only as the IPA-SRA clone
 * __set_oom_adj.isra.0 (it takes file->f_inode, not the struct file *).
 * The hint must not offer the clone as a substitute.
 */
#include "lp-common.h"

struct file;
extern int __set_oom_adj(struct file *file, int oom_adj, bool legacy);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%d\n", __set_oom_adj(NULL, 0, false)));
LP_PATCH(LP_OBJ_VMLINUX);
