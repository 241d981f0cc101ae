// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1: 52 device-table types, the common ones and acpi.  6.1 reads
 * an acpi entry's class and class mask without converting them from the
 * target's byte order (they come out byte-swapped for big-endian
 * targets): so does this.
 */
#include <string.h>

#include "file2alias.h"
#include "profile-6.1.h"

static uint32_t host_order_u32(const struct dt_entry *e, size_t off)
{
	uint32_t v;

	memcpy(&v, dt_bytes(e, off, sizeof(v)), sizeof(v));
	return v;
}

static void acpi_entry(const struct dt_entry *e, struct alias *a)
{
	_Static_assert(SIZE(acpi_device_id, cls) == 4 &&
		       SIZE(acpi_device_id, cls_msk) == 4, "__u32 class and mask");

	acpi_alias(e, a, host_order_u32(e, DT_OFF_acpi_device_id_cls),
		   host_order_u32(e, DT_OFF_acpi_device_id_cls_msk));
}

static const struct devtable devtables[] = {
	BY_FN("acpi", acpi_device_id, acpi_entry),
};

const struct devtable_registry profile_devtables = {
	devtables, ARRAY_SIZE(devtables)
};
