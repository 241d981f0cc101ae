// SPDX-License-Identifier: GPL-2.0
/* No struct klp_patch to read the declared objects from: modpost warns
 * and resolves against vmlinux and every module. */
#include <linux/module.h>

extern char *saved_command_line;

int lp_scope_unknown_len(void);
int lp_scope_unknown_len(void)
{
	return saved_command_line[0];
}
EXPORT_SYMBOL_GPL(lp_scope_unknown_len);

MODULE_DESCRIPTION("livepatch resolution test case");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
