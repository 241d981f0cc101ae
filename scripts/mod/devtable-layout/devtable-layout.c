// SPDX-License-Identifier: GPL-2.0
/*
 * Layout probe for the device-id structures of <linux/mod_devicetable.h>.
 *
 * This file is not part of modpost.  Makefile.generated compiles it to
 * assembly with the target kernel's own compiler and flags (kbuild, as an
 * external-module single target), and turns every marker below into a
 * "#define DT_<name> (<value>)" line of devtable-layout.h.  That is how
 * file2alias.c learns, for the kernel it serves:
 *
 *   DT_SIZE_<struct>          sizeof(struct <struct>)
 *   DT_OFF_<struct>_<member>  offsetof(struct <struct>, <member>)
 *   DT_LEN_<struct>_<member>  sizeof of that member (selects %02X/%04X/%08X)
 *   DT_<CONSTANT>             a constant of the header (match flags,
 *                             "any" sentinels, bitmap limits, dmi slots)
 *
 * Only members that file2alias.c reads are listed.  The structures that
 * not every supported kernel has are listed by the profile's part of the
 * probe (scripts/mod/profiles/<series>/devtable-layout-profile.h, copied
 * next to this file when it is compiled).
 */
#include <linux/kbuild.h>
#include <linux/mod_devicetable.h>

#define LAYOUT_STRUCT(s)	DEFINE(DT_SIZE_##s, sizeof(struct s))
#define LAYOUT_MEMBER(s, m)						\
	do {								\
		DEFINE(DT_OFF_##s##_##m, offsetof(struct s, m));	\
		DEFINE(DT_LEN_##s##_##m, sizeof(((struct s *)0)->m));	\
	} while (0)
#define LAYOUT_CONST(c)		DEFINE(DT_##c, c)

/* The markers are emitted wherever the compiler places these functions. */
void devtable_layout(void);

#include "devtable-layout-profile.h"

void devtable_layout(void)
{
	LAYOUT_STRUCT(usb_device_id);
	LAYOUT_MEMBER(usb_device_id, match_flags);
	LAYOUT_MEMBER(usb_device_id, idVendor);
	LAYOUT_MEMBER(usb_device_id, idProduct);
	LAYOUT_MEMBER(usb_device_id, bcdDevice_lo);
	LAYOUT_MEMBER(usb_device_id, bcdDevice_hi);
	LAYOUT_MEMBER(usb_device_id, bDeviceClass);
	LAYOUT_MEMBER(usb_device_id, bDeviceSubClass);
	LAYOUT_MEMBER(usb_device_id, bDeviceProtocol);
	LAYOUT_MEMBER(usb_device_id, bInterfaceClass);
	LAYOUT_MEMBER(usb_device_id, bInterfaceSubClass);
	LAYOUT_MEMBER(usb_device_id, bInterfaceProtocol);
	LAYOUT_MEMBER(usb_device_id, bInterfaceNumber);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_VENDOR);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_PRODUCT);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_DEV_LO);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_DEV_HI);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_DEV_CLASS);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_DEV_SUBCLASS);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_DEV_PROTOCOL);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_INT_CLASS);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_INT_SUBCLASS);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_INT_PROTOCOL);
	LAYOUT_CONST(USB_DEVICE_ID_MATCH_INT_NUMBER);

	LAYOUT_STRUCT(of_device_id);
	LAYOUT_MEMBER(of_device_id, name);
	LAYOUT_MEMBER(of_device_id, type);
	LAYOUT_MEMBER(of_device_id, compatible);

	LAYOUT_STRUCT(pnp_device_id);
	LAYOUT_MEMBER(pnp_device_id, id);

	LAYOUT_STRUCT(pnp_card_device_id);
	LAYOUT_MEMBER(pnp_card_device_id, devs);
	LAYOUT_CONST(PNP_MAX_DEVICES);

	LAYOUT_STRUCT(hid_device_id);
	LAYOUT_MEMBER(hid_device_id, bus);
	LAYOUT_MEMBER(hid_device_id, group);
	LAYOUT_MEMBER(hid_device_id, vendor);
	LAYOUT_MEMBER(hid_device_id, product);
	LAYOUT_CONST(HID_ANY_ID);
	LAYOUT_CONST(HID_BUS_ANY);
	LAYOUT_CONST(HID_GROUP_ANY);

	LAYOUT_STRUCT(ieee1394_device_id);
	LAYOUT_MEMBER(ieee1394_device_id, match_flags);
	LAYOUT_MEMBER(ieee1394_device_id, vendor_id);
	LAYOUT_MEMBER(ieee1394_device_id, model_id);
	LAYOUT_MEMBER(ieee1394_device_id, specifier_id);
	LAYOUT_MEMBER(ieee1394_device_id, version);
	LAYOUT_CONST(IEEE1394_MATCH_VENDOR_ID);
	LAYOUT_CONST(IEEE1394_MATCH_MODEL_ID);
	LAYOUT_CONST(IEEE1394_MATCH_SPECIFIER_ID);
	LAYOUT_CONST(IEEE1394_MATCH_VERSION);

	LAYOUT_STRUCT(pci_device_id);
	LAYOUT_MEMBER(pci_device_id, vendor);
	LAYOUT_MEMBER(pci_device_id, device);
	LAYOUT_MEMBER(pci_device_id, subvendor);
	LAYOUT_MEMBER(pci_device_id, subdevice);
	LAYOUT_MEMBER(pci_device_id, class);
	LAYOUT_MEMBER(pci_device_id, class_mask);
	LAYOUT_MEMBER(pci_device_id, override_only);
	LAYOUT_CONST(PCI_ANY_ID);
	LAYOUT_CONST(PCI_ID_F_VFIO_DRIVER_OVERRIDE);

	LAYOUT_STRUCT(ccw_device_id);
	LAYOUT_MEMBER(ccw_device_id, match_flags);
	LAYOUT_MEMBER(ccw_device_id, cu_type);
	LAYOUT_MEMBER(ccw_device_id, cu_model);
	LAYOUT_MEMBER(ccw_device_id, dev_type);
	LAYOUT_MEMBER(ccw_device_id, dev_model);
	LAYOUT_CONST(CCW_DEVICE_ID_MATCH_CU_TYPE);
	LAYOUT_CONST(CCW_DEVICE_ID_MATCH_CU_MODEL);
	LAYOUT_CONST(CCW_DEVICE_ID_MATCH_DEVICE_TYPE);
	LAYOUT_CONST(CCW_DEVICE_ID_MATCH_DEVICE_MODEL);

	LAYOUT_STRUCT(ap_device_id);
	LAYOUT_MEMBER(ap_device_id, dev_type);

	LAYOUT_STRUCT(css_device_id);
	LAYOUT_MEMBER(css_device_id, type);

	LAYOUT_STRUCT(serio_device_id);
	LAYOUT_MEMBER(serio_device_id, type);
	LAYOUT_MEMBER(serio_device_id, proto);
	LAYOUT_MEMBER(serio_device_id, id);
	LAYOUT_MEMBER(serio_device_id, extra);
	LAYOUT_CONST(SERIO_ANY);

	LAYOUT_STRUCT(acpi_device_id);
	LAYOUT_MEMBER(acpi_device_id, id);
	LAYOUT_MEMBER(acpi_device_id, cls);
	LAYOUT_MEMBER(acpi_device_id, cls_msk);

	LAYOUT_STRUCT(pcmcia_device_id);
	LAYOUT_MEMBER(pcmcia_device_id, match_flags);
	LAYOUT_MEMBER(pcmcia_device_id, manf_id);
	LAYOUT_MEMBER(pcmcia_device_id, card_id);
	LAYOUT_MEMBER(pcmcia_device_id, func_id);
	LAYOUT_MEMBER(pcmcia_device_id, function);
	LAYOUT_MEMBER(pcmcia_device_id, device_no);
	LAYOUT_MEMBER(pcmcia_device_id, prod_id_hash);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_MANF_ID);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_CARD_ID);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_FUNC_ID);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_FUNCTION);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_PROD_ID1);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_PROD_ID2);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_PROD_ID3);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_PROD_ID4);
	LAYOUT_CONST(PCMCIA_DEV_ID_MATCH_DEVICE_NO);

	LAYOUT_STRUCT(vio_device_id);
	LAYOUT_MEMBER(vio_device_id, type);
	LAYOUT_MEMBER(vio_device_id, compat);

	LAYOUT_STRUCT(input_device_id);
	LAYOUT_MEMBER(input_device_id, flags);
	LAYOUT_MEMBER(input_device_id, bustype);
	LAYOUT_MEMBER(input_device_id, vendor);
	LAYOUT_MEMBER(input_device_id, product);
	LAYOUT_MEMBER(input_device_id, version);
	LAYOUT_MEMBER(input_device_id, evbit);
	LAYOUT_MEMBER(input_device_id, keybit);
	LAYOUT_MEMBER(input_device_id, relbit);
	LAYOUT_MEMBER(input_device_id, absbit);
	LAYOUT_MEMBER(input_device_id, mscbit);
	LAYOUT_MEMBER(input_device_id, ledbit);
	LAYOUT_MEMBER(input_device_id, sndbit);
	LAYOUT_MEMBER(input_device_id, ffbit);
	LAYOUT_MEMBER(input_device_id, swbit);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_BUS);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_VENDOR);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_PRODUCT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_VERSION);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_EVBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_KEYBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_RELBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_ABSBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_MSCIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_LEDBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_SNDBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_FFBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_MATCH_SWBIT);
	LAYOUT_CONST(INPUT_DEVICE_ID_EV_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_KEY_MIN_INTERESTING);
	LAYOUT_CONST(INPUT_DEVICE_ID_KEY_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_REL_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_ABS_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_MSC_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_LED_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_SND_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_FF_MAX);
	LAYOUT_CONST(INPUT_DEVICE_ID_SW_MAX);

	LAYOUT_STRUCT(eisa_device_id);
	LAYOUT_MEMBER(eisa_device_id, sig);

	LAYOUT_STRUCT(parisc_device_id);
	LAYOUT_MEMBER(parisc_device_id, hw_type);
	LAYOUT_MEMBER(parisc_device_id, hversion);
	LAYOUT_MEMBER(parisc_device_id, hversion_rev);
	LAYOUT_MEMBER(parisc_device_id, sversion);
	LAYOUT_CONST(PA_HWTYPE_ANY_ID);
	LAYOUT_CONST(PA_HVERSION_ANY_ID);
	LAYOUT_CONST(PA_HVERSION_REV_ANY_ID);
	LAYOUT_CONST(PA_SVERSION_ANY_ID);

	LAYOUT_STRUCT(sdio_device_id);
	LAYOUT_MEMBER(sdio_device_id, class);
	LAYOUT_MEMBER(sdio_device_id, vendor);
	LAYOUT_MEMBER(sdio_device_id, device);
	LAYOUT_CONST(SDIO_ANY_ID);

	LAYOUT_STRUCT(ssb_device_id);
	LAYOUT_MEMBER(ssb_device_id, vendor);
	LAYOUT_MEMBER(ssb_device_id, coreid);
	LAYOUT_MEMBER(ssb_device_id, revision);
	LAYOUT_CONST(SSB_ANY_VENDOR);
	LAYOUT_CONST(SSB_ANY_ID);
	LAYOUT_CONST(SSB_ANY_REV);

	LAYOUT_STRUCT(bcma_device_id);
	LAYOUT_MEMBER(bcma_device_id, manuf);
	LAYOUT_MEMBER(bcma_device_id, id);
	LAYOUT_MEMBER(bcma_device_id, rev);
	LAYOUT_MEMBER(bcma_device_id, class);
	LAYOUT_CONST(BCMA_ANY_MANUF);
	LAYOUT_CONST(BCMA_ANY_ID);
	LAYOUT_CONST(BCMA_ANY_REV);
	LAYOUT_CONST(BCMA_ANY_CLASS);

	LAYOUT_STRUCT(virtio_device_id);
	LAYOUT_MEMBER(virtio_device_id, device);
	LAYOUT_MEMBER(virtio_device_id, vendor);
	LAYOUT_CONST(VIRTIO_DEV_ANY_ID);

	LAYOUT_STRUCT(hv_vmbus_device_id);
	LAYOUT_MEMBER(hv_vmbus_device_id, guid);

	LAYOUT_STRUCT(rpmsg_device_id);
	LAYOUT_MEMBER(rpmsg_device_id, name);

	LAYOUT_STRUCT(i2c_device_id);
	LAYOUT_MEMBER(i2c_device_id, name);

	LAYOUT_STRUCT(i3c_device_id);
	LAYOUT_MEMBER(i3c_device_id, match_flags);
	LAYOUT_MEMBER(i3c_device_id, dcr);
	LAYOUT_MEMBER(i3c_device_id, manuf_id);
	LAYOUT_MEMBER(i3c_device_id, part_id);
	LAYOUT_MEMBER(i3c_device_id, extra_info);
	LAYOUT_CONST(I3C_MATCH_DCR);
	LAYOUT_CONST(I3C_MATCH_MANUF);
	LAYOUT_CONST(I3C_MATCH_PART);
	LAYOUT_CONST(I3C_MATCH_EXTRA_INFO);

	LAYOUT_STRUCT(spi_device_id);
	LAYOUT_MEMBER(spi_device_id, name);

	LAYOUT_STRUCT(dmi_system_id);
	LAYOUT_MEMBER(dmi_system_id, matches);
	/* dmi_strmatch.slot is a bit-field: it lives in the first byte */
	LAYOUT_STRUCT(dmi_strmatch);
	LAYOUT_MEMBER(dmi_strmatch, substr);
	LAYOUT_CONST(DMI_BIOS_VENDOR);
	LAYOUT_CONST(DMI_BIOS_VERSION);
	LAYOUT_CONST(DMI_BIOS_DATE);
	LAYOUT_CONST(DMI_BIOS_RELEASE);
	LAYOUT_CONST(DMI_EC_FIRMWARE_RELEASE);
	LAYOUT_CONST(DMI_SYS_VENDOR);
	LAYOUT_CONST(DMI_PRODUCT_NAME);
	LAYOUT_CONST(DMI_PRODUCT_VERSION);
	LAYOUT_CONST(DMI_BOARD_VENDOR);
	LAYOUT_CONST(DMI_BOARD_NAME);
	LAYOUT_CONST(DMI_BOARD_VERSION);
	LAYOUT_CONST(DMI_CHASSIS_VENDOR);
	LAYOUT_CONST(DMI_CHASSIS_TYPE);
	LAYOUT_CONST(DMI_CHASSIS_VERSION);

	LAYOUT_STRUCT(platform_device_id);
	LAYOUT_MEMBER(platform_device_id, name);

	LAYOUT_STRUCT(mdio_device_id);
	LAYOUT_MEMBER(mdio_device_id, phy_id);
	LAYOUT_MEMBER(mdio_device_id, phy_id_mask);

	LAYOUT_STRUCT(zorro_device_id);
	LAYOUT_MEMBER(zorro_device_id, id);
	LAYOUT_CONST(ZORRO_WILDCARD);

	LAYOUT_STRUCT(isapnp_device_id);
	LAYOUT_MEMBER(isapnp_device_id, vendor);
	LAYOUT_MEMBER(isapnp_device_id, function);

	LAYOUT_STRUCT(ipack_device_id);
	LAYOUT_MEMBER(ipack_device_id, format);
	LAYOUT_MEMBER(ipack_device_id, vendor);
	LAYOUT_MEMBER(ipack_device_id, device);
	LAYOUT_CONST(IPACK_ANY_FORMAT);
	LAYOUT_CONST(IPACK_ANY_ID);

	LAYOUT_STRUCT(amba_id);
	LAYOUT_MEMBER(amba_id, id);
	LAYOUT_MEMBER(amba_id, mask);

	LAYOUT_STRUCT(mips_cdmm_device_id);
	LAYOUT_MEMBER(mips_cdmm_device_id, type);

	LAYOUT_STRUCT(x86_cpu_id);
	LAYOUT_MEMBER(x86_cpu_id, feature);
	LAYOUT_MEMBER(x86_cpu_id, family);
	LAYOUT_MEMBER(x86_cpu_id, model);
	LAYOUT_MEMBER(x86_cpu_id, vendor);
	LAYOUT_CONST(X86_VENDOR_ANY);
	LAYOUT_CONST(X86_FAMILY_ANY);
	LAYOUT_CONST(X86_MODEL_ANY);
	LAYOUT_CONST(X86_FEATURE_ANY);

	LAYOUT_STRUCT(cpu_feature);
	LAYOUT_MEMBER(cpu_feature, feature);

	LAYOUT_STRUCT(mei_cl_device_id);
	LAYOUT_MEMBER(mei_cl_device_id, name);
	LAYOUT_MEMBER(mei_cl_device_id, uuid);
	LAYOUT_MEMBER(mei_cl_device_id, version);
	LAYOUT_CONST(MEI_CL_VERSION_ANY);

	LAYOUT_STRUCT(rio_device_id);
	LAYOUT_MEMBER(rio_device_id, did);
	LAYOUT_MEMBER(rio_device_id, vid);
	LAYOUT_MEMBER(rio_device_id, asm_did);
	LAYOUT_MEMBER(rio_device_id, asm_vid);
	LAYOUT_CONST(RIO_ANY_ID);

	LAYOUT_STRUCT(ulpi_device_id);
	LAYOUT_MEMBER(ulpi_device_id, vendor);
	LAYOUT_MEMBER(ulpi_device_id, product);

	LAYOUT_STRUCT(hda_device_id);
	LAYOUT_MEMBER(hda_device_id, vendor_id);
	LAYOUT_MEMBER(hda_device_id, rev_id);
	LAYOUT_MEMBER(hda_device_id, api_version);

	LAYOUT_STRUCT(sdw_device_id);
	LAYOUT_MEMBER(sdw_device_id, mfg_id);
	LAYOUT_MEMBER(sdw_device_id, part_id);
	LAYOUT_MEMBER(sdw_device_id, sdw_version);
	LAYOUT_MEMBER(sdw_device_id, class_id);

	LAYOUT_STRUCT(fsl_mc_device_id);
	LAYOUT_MEMBER(fsl_mc_device_id, vendor);
	LAYOUT_MEMBER(fsl_mc_device_id, obj_type);

	LAYOUT_STRUCT(tb_service_id);
	LAYOUT_MEMBER(tb_service_id, match_flags);
	LAYOUT_MEMBER(tb_service_id, protocol_key);
	LAYOUT_MEMBER(tb_service_id, protocol_id);
	LAYOUT_MEMBER(tb_service_id, protocol_version);
	LAYOUT_MEMBER(tb_service_id, protocol_revision);
	LAYOUT_CONST(TBSVC_MATCH_PROTOCOL_KEY);
	LAYOUT_CONST(TBSVC_MATCH_PROTOCOL_ID);
	LAYOUT_CONST(TBSVC_MATCH_PROTOCOL_VERSION);
	LAYOUT_CONST(TBSVC_MATCH_PROTOCOL_REVISION);

	LAYOUT_STRUCT(typec_device_id);
	LAYOUT_MEMBER(typec_device_id, svid);
	LAYOUT_MEMBER(typec_device_id, mode);
	LAYOUT_CONST(TYPEC_ANY_MODE);

	LAYOUT_STRUCT(tee_client_device_id);
	LAYOUT_MEMBER(tee_client_device_id, uuid);

	LAYOUT_STRUCT(wmi_device_id);
	LAYOUT_MEMBER(wmi_device_id, guid_string);
	LAYOUT_CONST(UUID_STRING_LEN);

	LAYOUT_STRUCT(mhi_device_id);
	LAYOUT_MEMBER(mhi_device_id, chan);

	LAYOUT_STRUCT(auxiliary_device_id);
	LAYOUT_MEMBER(auxiliary_device_id, name);

	LAYOUT_STRUCT(ssam_device_id);
	LAYOUT_MEMBER(ssam_device_id, match_flags);
	LAYOUT_MEMBER(ssam_device_id, domain);
	LAYOUT_MEMBER(ssam_device_id, category);
	LAYOUT_MEMBER(ssam_device_id, target);
	LAYOUT_MEMBER(ssam_device_id, instance);
	LAYOUT_MEMBER(ssam_device_id, function);
	LAYOUT_CONST(SSAM_MATCH_TARGET);
	LAYOUT_CONST(SSAM_MATCH_INSTANCE);
	LAYOUT_CONST(SSAM_MATCH_FUNCTION);

	LAYOUT_STRUCT(dfl_device_id);
	LAYOUT_MEMBER(dfl_device_id, type);
	LAYOUT_MEMBER(dfl_device_id, feature_id);

	LAYOUT_STRUCT(ishtp_device_id);
	LAYOUT_MEMBER(ishtp_device_id, guid);

	/* the types and constants only this kernel series has */
	devtable_layout_profile();
}
