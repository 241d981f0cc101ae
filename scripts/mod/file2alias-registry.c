// SPDX-License-Identifier: GPL-2.0
/*
 * file2alias: the declarative forms and the registry of the device-table
 * types that every supported kernel has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file2alias.h"
#include "profile.h"

/* ------------------------------------------------------------------ */
/* Forms                                                               */
/* ------------------------------------------------------------------ */

#define NAMED_FORM(var, pfx, st, m)					\
	static const struct dt_form var = {				\
		.prefix = pfx, .text = MEMBER(st, m),			\
	}

NAMED_FORM(rpmsg_form, "rpmsg:", rpmsg_device_id, name);
NAMED_FORM(i2c_form, "i2c:", i2c_device_id, name);
NAMED_FORM(spi_form, "spi:", spi_device_id, name);
NAMED_FORM(platform_form, "platform:", platform_device_id, name);
NAMED_FORM(mhi_form, "mhi:", mhi_device_id, chan);
NAMED_FORM(mhi_ep_form, "mhi_ep:", mhi_device_id, chan);
NAMED_FORM(auxiliary_form, "auxiliary:", auxiliary_device_id, name);

static const struct dt_form hid_form = {
	.prefix = "hid:",
	.parts = {
		UNLESS("b", hid_device_id, bus, DT_HID_BUS_ANY),
		UNLESS("g", hid_device_id, group, DT_HID_GROUP_ANY),
		UNLESS("v", hid_device_id, vendor, DT_HID_ANY_ID),
		UNLESS("p", hid_device_id, product, DT_HID_ANY_ID),
	},
};

static const struct dt_form ieee1394_form = {
	.prefix = "ieee1394:",
	.flags = MEMBER(ieee1394_device_id, match_flags),
	.wildcard = true,
	.parts = {
		IF_FLAG("ven", ieee1394_device_id, vendor_id, DT_IEEE1394_MATCH_VENDOR_ID),
		IF_FLAG("mo", ieee1394_device_id, model_id, DT_IEEE1394_MATCH_MODEL_ID),
		IF_FLAG("sp", ieee1394_device_id, specifier_id, DT_IEEE1394_MATCH_SPECIFIER_ID),
		IF_FLAG("ver", ieee1394_device_id, version, DT_IEEE1394_MATCH_VERSION),
	},
};

static const struct dt_form ccw_form = {
	.prefix = "ccw:",
	.flags = MEMBER(ccw_device_id, match_flags),
	.wildcard = true,
	.parts = {
		IF_FLAG("t", ccw_device_id, cu_type, DT_CCW_DEVICE_ID_MATCH_CU_TYPE),
		IF_FLAG("m", ccw_device_id, cu_model, DT_CCW_DEVICE_ID_MATCH_CU_MODEL),
		IF_FLAG("dt", ccw_device_id, dev_type, DT_CCW_DEVICE_ID_MATCH_DEVICE_TYPE),
		IF_FLAG("dm", ccw_device_id, dev_model, DT_CCW_DEVICE_ID_MATCH_DEVICE_MODEL),
	},
};

static const struct dt_form serio_form = {
	.prefix = "serio:",
	.wildcard = true,
	.parts = {
		UNLESS("ty", serio_device_id, type, DT_SERIO_ANY),
		UNLESS("pr", serio_device_id, proto, DT_SERIO_ANY),
		UNLESS("id", serio_device_id, id, DT_SERIO_ANY),
		UNLESS("ex", serio_device_id, extra, DT_SERIO_ANY),
	},
};

#define PCMCIA_HASH(tag, k, flag)					\
	{ tag, { DT_OFF_pcmcia_device_id_prod_id_hash +			\
		 (k) * (SIZE(pcmcia_device_id, prod_id_hash) / 4),	\
		 SIZE(pcmcia_device_id, prod_id_hash) / 4 },		\
	  DT_IF_FLAG, flag }

static const struct dt_form pcmcia_form = {
	.prefix = "pcmcia:",
	.flags = MEMBER(pcmcia_device_id, match_flags),
	.wildcard = true,
	.parts = {
		IF_FLAG("m", pcmcia_device_id, manf_id, DT_PCMCIA_DEV_ID_MATCH_MANF_ID),
		IF_FLAG("c", pcmcia_device_id, card_id, DT_PCMCIA_DEV_ID_MATCH_CARD_ID),
		IF_FLAG("f", pcmcia_device_id, func_id, DT_PCMCIA_DEV_ID_MATCH_FUNC_ID),
		IF_FLAG("fn", pcmcia_device_id, function, DT_PCMCIA_DEV_ID_MATCH_FUNCTION),
		IF_FLAG("pfn", pcmcia_device_id, device_no, DT_PCMCIA_DEV_ID_MATCH_DEVICE_NO),
		PCMCIA_HASH("pa", 0, DT_PCMCIA_DEV_ID_MATCH_PROD_ID1),
		PCMCIA_HASH("pb", 1, DT_PCMCIA_DEV_ID_MATCH_PROD_ID2),
		PCMCIA_HASH("pc", 2, DT_PCMCIA_DEV_ID_MATCH_PROD_ID3),
		PCMCIA_HASH("pd", 3, DT_PCMCIA_DEV_ID_MATCH_PROD_ID4),
	},
};

static const struct dt_form parisc_form = {
	.prefix = "parisc:",
	.wildcard = true,
	.parts = {
		UNLESS("t", parisc_device_id, hw_type, DT_PA_HWTYPE_ANY_ID),
		UNLESS("hv", parisc_device_id, hversion, DT_PA_HVERSION_ANY_ID),
		UNLESS("rev", parisc_device_id, hversion_rev, DT_PA_HVERSION_REV_ANY_ID),
		UNLESS("sv", parisc_device_id, sversion, DT_PA_SVERSION_ANY_ID),
	},
};

static const struct dt_form sdio_form = {
	.prefix = "sdio:",
	.wildcard = true,
	.parts = {
		UNLESS("c", sdio_device_id, class, DT_SDIO_ANY_ID),
		UNLESS("v", sdio_device_id, vendor, DT_SDIO_ANY_ID),
		UNLESS("d", sdio_device_id, device, DT_SDIO_ANY_ID),
	},
};

static const struct dt_form ssb_form = {
	.prefix = "ssb:",
	.wildcard = true,
	.parts = {
		UNLESS("v", ssb_device_id, vendor, DT_SSB_ANY_VENDOR),
		UNLESS("id", ssb_device_id, coreid, DT_SSB_ANY_ID),
		UNLESS("rev", ssb_device_id, revision, DT_SSB_ANY_REV),
	},
};

static const struct dt_form bcma_form = {
	.prefix = "bcma:",
	.wildcard = true,
	.parts = {
		UNLESS("m", bcma_device_id, manuf, DT_BCMA_ANY_MANUF),
		UNLESS("id", bcma_device_id, id, DT_BCMA_ANY_ID),
		UNLESS("rev", bcma_device_id, rev, DT_BCMA_ANY_REV),
		UNLESS("cl", bcma_device_id, class, DT_BCMA_ANY_CLASS),
	},
};

static const struct dt_form virtio_form = {
	.prefix = "virtio:",
	.wildcard = true,
	.parts = {
		UNLESS("d", virtio_device_id, device, DT_VIRTIO_DEV_ANY_ID),
		UNLESS("v", virtio_device_id, vendor, DT_VIRTIO_DEV_ANY_ID),
	},
};

static const struct dt_form i3c_form = {
	.prefix = "i3c:",
	.flags = MEMBER(i3c_device_id, match_flags),
	.parts = {
		IF_FLAG("dcr", i3c_device_id, dcr, DT_I3C_MATCH_DCR),
		IF_FLAG("manuf", i3c_device_id, manuf_id, DT_I3C_MATCH_MANUF),
		IF_FLAG("part", i3c_device_id, part_id, DT_I3C_MATCH_PART),
		IF_FLAG("ext", i3c_device_id, extra_info, DT_I3C_MATCH_EXTRA_INFO),
	},
};

static const struct dt_form zorro_form = {
	.prefix = "zorro:",
	.parts = {
		UNLESS("i", zorro_device_id, id, DT_ZORRO_WILDCARD),
	},
};

static const struct dt_form ipack_form = {
	.prefix = "ipack:",
	.wildcard = true,
	.parts = {
		UNLESS("f", ipack_device_id, format, DT_IPACK_ANY_FORMAT),
		UNLESS("v", ipack_device_id, vendor, DT_IPACK_ANY_ID),
		UNLESS("d", ipack_device_id, device, DT_IPACK_ANY_ID),
	},
};

static const struct dt_form rio_form = {
	.prefix = "rapidio:",
	.wildcard = true,
	.parts = {
		UNLESS("v", rio_device_id, vid, DT_RIO_ANY_ID),
		UNLESS("d", rio_device_id, did, DT_RIO_ANY_ID),
		UNLESS("av", rio_device_id, asm_vid, DT_RIO_ANY_ID),
		UNLESS("ad", rio_device_id, asm_did, DT_RIO_ANY_ID),
	},
};

static const struct dt_form hda_form = {
	.prefix = "hdaudio:",
	.wildcard = true,
	.parts = {
		UNLESS("v", hda_device_id, vendor_id, 0),
		UNLESS("r", hda_device_id, rev_id, 0),
		UNLESS("a", hda_device_id, api_version, 0),
	},
};

static const struct dt_form sdw_form = {
	.prefix = "sdw:",
	.wildcard = true,
	.parts = {
		UNLESS("m", sdw_device_id, mfg_id, 0),
		UNLESS("p", sdw_device_id, part_id, 0),
		UNLESS("v", sdw_device_id, sdw_version, 0),
		UNLESS("c", sdw_device_id, class_id, 0),
	},
};

/* ------------------------------------------------------------------ */
/* Registry: the types of every supported kernel                       */
/* ------------------------------------------------------------------ */

static const struct devtable devtables[] = {
	BY_FN("usb", usb_device_id, usb_entry),
	BY_FN("of", of_device_id, of_entry),
	BY_FN("pnp", pnp_device_id, pnp_entry),
	/* the stock checks name this table "pnp" too */
	{ "pnp_card", "pnp", DT_SIZE_pnp_card_device_id, pnp_card_entry, NULL },
	BY_FORM("hid", hid_device_id, hid_form),
	BY_FORM("ieee1394", ieee1394_device_id, ieee1394_form),
	BY_FN("pci", pci_device_id, pci_entry),
	BY_FORM("ccw", ccw_device_id, ccw_form),
	BY_FN("ap", ap_device_id, ap_entry),
	BY_FN("css", css_device_id, css_entry),
	BY_FORM("serio", serio_device_id, serio_form),
	BY_FORM("pcmcia", pcmcia_device_id, pcmcia_form),
	BY_FN("vio", vio_device_id, vio_entry),
	BY_FN("input", input_device_id, input_entry),
	BY_FN("eisa", eisa_device_id, eisa_entry),
	BY_FORM("parisc", parisc_device_id, parisc_form),
	BY_FORM("sdio", sdio_device_id, sdio_form),
	BY_FORM("ssb", ssb_device_id, ssb_form),
	BY_FORM("bcma", bcma_device_id, bcma_form),
	BY_FORM("virtio", virtio_device_id, virtio_form),
	BY_FN("vmbus", hv_vmbus_device_id, vmbus_entry),
	BY_FORM("rpmsg", rpmsg_device_id, rpmsg_form),
	BY_FORM("i2c", i2c_device_id, i2c_form),
	BY_FORM("i3c", i3c_device_id, i3c_form),
	BY_FORM("spi", spi_device_id, spi_form),
	BY_FN("dmi", dmi_system_id, dmi_entry),
	BY_FORM("platform", platform_device_id, platform_form),
	BY_FN("mdio", mdio_device_id, mdio_entry),
	BY_FORM("zorro", zorro_device_id, zorro_form),
	BY_FN("isapnp", isapnp_device_id, isapnp_entry),
	BY_FORM("ipack", ipack_device_id, ipack_form),
	BY_FN("amba", amba_id, amba_entry),
	BY_FN("mipscdmm", mips_cdmm_device_id, mips_cdmm_entry),
	BY_FN("x86cpu", x86_cpu_id, x86cpu_entry),
	BY_FN("cpu", cpu_feature, cpu_entry),
	BY_FN("mei", mei_cl_device_id, mei_entry),
	BY_FORM("rapidio", rio_device_id, rio_form),
	BY_FN("ulpi", ulpi_device_id, ulpi_entry),
	BY_FORM("hdaudio", hda_device_id, hda_form),
	BY_FORM("sdw", sdw_device_id, sdw_form),
	BY_FN("fslmc", fsl_mc_device_id, fsl_mc_entry),
	BY_FN("tbsvc", tb_service_id, tbsvc_entry),
	BY_FN("typec", typec_device_id, typec_entry),
	BY_FN("tee", tee_client_device_id, tee_entry),
	BY_FN("wmi", wmi_device_id, wmi_entry),
	BY_FORM("mhi", mhi_device_id, mhi_form),
	BY_FORM("mhi_ep", mhi_device_id, mhi_ep_form),
	BY_FORM("auxiliary", auxiliary_device_id, auxiliary_form),
	BY_FN("ssam", ssam_device_id, ssam_entry),
	BY_FN("dfl", dfl_device_id, dfl_entry),
	BY_FN("ishtp", ishtp_device_id, ishtp_entry),
};

/* 52 types in 6.1 and 56 in 6.12; acpi reads differently in each */
_Static_assert(ARRAY_SIZE(devtables) == 51, "the common types");

/* The types of every supported kernel (acpi excepted: see acpi_alias). */
static const struct devtable_registry common_devtables = {
	devtables, ARRAY_SIZE(devtables)
};
_Static_assert(SIZE(mei_cl_device_id, uuid) == 16 &&
	       SIZE(tee_client_device_id, uuid) == 16 &&
	       SIZE(ishtp_device_id, guid) == 16, "uuids are 16 bytes");
_Static_assert(SIZE(pcmcia_device_id, prod_id_hash) % 4 == 0,
	       "pcmcia prod_id_hash has four members");

static const struct devtable *find_in(const struct devtable_registry *r,
				      const char *name, size_t len)
{
	for (size_t i = 0; i < r->n; i++)
		if (strlen(r->v[i].name) == len && !memcmp(r->v[i].name, name, len))
			return &r->v[i];
	return NULL;
}

/*
 * The table type of a "__mod_<type>__<table>_device_table" name: <type>
 * ends at the first "__" after the prefix.
 */
const struct devtable *devtable_find(const char *symname)
{
	const struct devtable *type;
	const char *name, *end;
	size_t len;

	if (!str_starts(symname, "__mod_"))
		return NULL;
	name = symname + strlen("__mod_");
	if (!str_ends(name, "_device_table"))
		return NULL;
	end = strstr(name, "__");
	if (!end)
		return NULL;
	len = (size_t)(end - name);
	type = find_in(&common_devtables, name, len);
	return type ? type : find_in(kprofile.devtables, name, len);
}
