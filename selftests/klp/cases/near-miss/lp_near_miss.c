// SPDX-License-Identifier: GPL-2.0
/* A name that only exists as a compiler clone: the warning points at it. */
#include "lp-common.h"

extern void ZSTD_buildSeqTable(void);

LP_NEW_CMDLINE_SHOW(seq_printf(m, "%p\n", ZSTD_buildSeqTable));
LP_PATCH(LP_OBJ_VMLINUX);
