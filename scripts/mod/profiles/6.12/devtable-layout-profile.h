/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux 6.12's part of the device-table layout probe
 * (scripts/mod/devtable-layout/devtable-layout.c): the structures of the
 * types that 6.1 does not have.
 */
static void devtable_layout_profile(void)
{
	LAYOUT_STRUCT(slim_device_id);
	LAYOUT_MEMBER(slim_device_id, manf_id);
	LAYOUT_MEMBER(slim_device_id, prod_code);

	LAYOUT_STRUCT(cdx_device_id);
	LAYOUT_MEMBER(cdx_device_id, vendor);
	LAYOUT_MEMBER(cdx_device_id, device);
	LAYOUT_MEMBER(cdx_device_id, subvendor);
	LAYOUT_MEMBER(cdx_device_id, subdevice);
	LAYOUT_MEMBER(cdx_device_id, class);
	LAYOUT_MEMBER(cdx_device_id, class_mask);
	LAYOUT_MEMBER(cdx_device_id, override_only);
	LAYOUT_CONST(CDX_ANY_ID);
	LAYOUT_CONST(CDX_ID_F_VFIO_DRIVER_OVERRIDE);

	LAYOUT_STRUCT(vchiq_device_id);
	LAYOUT_MEMBER(vchiq_device_id, name);

	LAYOUT_STRUCT(coreboot_device_id);
	LAYOUT_MEMBER(coreboot_device_id, tag);
}
