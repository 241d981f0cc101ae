/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODPOST_CHECKS_H
#define MODPOST_CHECKS_H

#include "modpost.h"

void check_modname_len(const struct module *mod);
void check_exports(struct module *mod);
/* the closing "suppressed N unresolved symbol warnings" line, if due */
void report_suppressed_unresolved(void);
/* -u: every symbol named in @path counts as used (for -t) */
void mark_whitelisted_exports_used(const char *path);

#endif
