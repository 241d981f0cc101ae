// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/pci.h>

static int kbi_level = 3;
module_param(kbi_level, int, 0644);

int kbi_provide(int x)
{
	return x * kbi_level;
}
EXPORT_SYMBOL_GPL(kbi_provide);

static const struct pci_device_id kbi_ids[] = {
	{ PCI_DEVICE(0x1af4, 0x10ff) },
	{ }
};
MODULE_DEVICE_TABLE(pci, kbi_ids);

MODULE_DESCRIPTION("kbuild integration test: provider");
MODULE_LICENSE("GPL");
