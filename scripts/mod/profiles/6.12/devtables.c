// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: the device-table types beyond the common ones (slim, cdx,
 * vchiq, coreboot: 56 types in all), and acpi, whose class and mask are
 * read in the target's byte order.  Their layouts come from the probe
 * part devtable-layout-profile.h.
 */
#include "file2alias.h"
#include "profile-6.12.h"

static void acpi_entry(const struct dt_entry *e, struct alias *a)
{
	acpi_alias(e, a, GET(e, acpi_device_id, cls),
		   GET(e, acpi_device_id, cls_msk));
}

static void slim_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "slim:%x:%x:*",
		     (unsigned int)GET(e, slim_device_id, manf_id),
		     (unsigned int)GET(e, slim_device_id, prod_code));
	alias_emit(e, a);
}

static const struct dt_part cdx_parts[] = {
	UNLESS("v", cdx_device_id, vendor, DT_CDX_ANY_ID),
	UNLESS("d", cdx_device_id, device, DT_CDX_ANY_ID),
	UNLESS("sv", cdx_device_id, subvendor, DT_CDX_ANY_ID),
	UNLESS("sd", cdx_device_id, subdevice, DT_CDX_ANY_ID),
	PARTS_END,
};

/* "cdx:" or, for VFIO override-only entries, "vfio_cdx:" */
static void cdx_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t override = GET(e, cdx_device_id, override_only);

	if (!alias_override_prefix(a, "cdx", "CDX", override, DT_CDX_ID_F_VFIO_DRIVER_OVERRIDE))
		return;
	alias_parts(a, e, (struct dt_member){ 0, 0 }, cdx_parts);
	alias_field(a, "c", GET(e, cdx_device_id, class_mask) == 0xFFFFFF,
		    GET(e, cdx_device_id, class), SIZE(cdx_device_id, class));
	alias_emit(e, a);
}

static const struct dt_form vchiq_form = {
	.prefix = "vchiq:", .text = MEMBER(vchiq_device_id, name),
};

static void coreboot_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "coreboot:t%08X",
		     (unsigned int)GET(e, coreboot_device_id, tag));
	alias_emit(e, a);
}

static const struct devtable devtables[] = {
	BY_FN("acpi", acpi_device_id, acpi_entry),
	BY_FN("slim", slim_device_id, slim_entry),
	BY_FN("cdx", cdx_device_id, cdx_entry),
	BY_FORM("vchiq", vchiq_device_id, vchiq_form),
	BY_FN("coreboot", coreboot_device_id, coreboot_entry),
};

const struct devtable_registry profile_devtables = {
	devtables, ARRAY_SIZE(devtables)
};
