// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int kbi_provide(int x);

static int __init kbi_user_init(void)
{
	pr_info("kbi_user: %d\n", kbi_provide(2));
	return 0;
}
module_init(kbi_user_init);

static void __exit kbi_user_exit(void)
{
}
module_exit(kbi_user_exit);

MODULE_DESCRIPTION("kbuild integration test: user");
MODULE_LICENSE("GPL");
