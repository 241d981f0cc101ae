// SPDX-License-Identifier: GPL-2.0
/*
 * file2alias: entry routines of the types with a syntax of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file2alias.h"

/* ------------------------------------------------------------------ */
/* Entry routines of the other types with their own syntax             */
/* ------------------------------------------------------------------ */

static const struct dt_part pci_id_parts[] = {
	UNLESS("v", pci_device_id, vendor, DT_PCI_ANY_ID),
	UNLESS("d", pci_device_id, device, DT_PCI_ANY_ID),
	UNLESS("sv", pci_device_id, subvendor, DT_PCI_ANY_ID),
	UNLESS("sd", pci_device_id, subdevice, DT_PCI_ANY_ID),
	PARTS_END,
};

void pci_entry(const struct dt_entry *e, struct alias *a)
{
	static const struct { const char *tag; unsigned int shift; } bytes[] = {
		{ "bc", 16 }, { "sc", 8 }, { "i", 0 },
	};
	uint64_t override = GET(e, pci_device_id, override_only);
	uint64_t class = GET(e, pci_device_id, class);
	uint64_t mask = GET(e, pci_device_id, class_mask);

	if (!alias_override_prefix(a, "pci", "PCI", override, DT_PCI_ID_F_VFIO_DRIVER_OVERRIDE))
		return;
	alias_parts(a, e, (struct dt_member){ 0, 0 }, pci_id_parts);

	/* each class byte is matched entirely or not at all */
	for (size_t i = 0; i < ARRAY_SIZE(bytes); i++) {
		unsigned int m = (mask >> bytes[i].shift) & 0xff;

		if (m != 0 && m != 0xff) {
			warn("Can't handle masks in %s:%04X\n",
			     e->t->mod->name, (unsigned int)mask);
			return;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(bytes); i++)
		alias_field(a, bytes[i].tag,
			    ((mask >> bytes[i].shift) & 0xff) == 0xff,
			    (class >> bytes[i].shift) & 0xff, 1);
	alias_wildcard(a);
	alias_emit(e, a);
}

void ap_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ap:t%02X*", (unsigned int)GET(e, ap_device_id, dev_type));
	alias_emit(e, a);
}

void css_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "css:t%01X", (unsigned int)GET(e, css_device_id, type));
	alias_emit(e, a);
}

/*
 * _HID/_CID string, or else the PCI-style class with "??" for masked
 * bytes.  How the class and its mask are read differs between kernels
 * (the profiles' acpi entry routines).
 */
void acpi_alias(const struct dt_entry *e, struct alias *a, uint32_t cls,
		uint32_t msk)
{
	const char *id = STR(e, acpi_device_id, id);

	if (id[0]) {
		alias_printf(a, "acpi*:%s:*", id);
		alias_emit(e, a);
		return;
	}
	alias_printf(a, "acpi*:");
	for (int shift = 16; shift >= 0; shift -= 8) {
		if ((msk >> shift) & 0xff)
			alias_printf(a, "%02x", (unsigned int)((cls >> shift) & 0xff));
		else
			alias_printf(a, "??");
	}
	alias_printf(a, ":*");
	alias_emit(e, a);
}

void vio_entry(const struct dt_entry *e, struct alias *a)
{
	const char *type = STR(e, vio_device_id, type);
	const char *compat = STR(e, vio_device_id, compat);

	alias_printf(a, "vio:T%sS%s", type[0] ? type : "*",
		     compat[0] ? compat : "*");
	alias_blanks_to_underscores(a, 0);
	alias_wildcard(a);
	alias_emit(e, a);
}

static const struct dt_part input_id_parts[] = {
	IF_FLAG("b", input_device_id, bustype, DT_INPUT_DEVICE_ID_MATCH_BUS),
	IF_FLAG("v", input_device_id, vendor, DT_INPUT_DEVICE_ID_MATCH_VENDOR),
	IF_FLAG("p", input_device_id, product, DT_INPUT_DEVICE_ID_MATCH_PRODUCT),
	IF_FLAG("e", input_device_id, version, DT_INPUT_DEVICE_ID_MATCH_VERSION),
	PARTS_END,
};

/* the capability bitmaps, in modalias order, with the bits that count */
static const struct input_bitmap {
	const char *tag;
	unsigned int off;
	unsigned long long flag;
	unsigned int first, last;
} input_bitmaps[] = {
	{ "e", DT_OFF_input_device_id_evbit, DT_INPUT_DEVICE_ID_MATCH_EVBIT,
	  0, DT_INPUT_DEVICE_ID_EV_MAX },
	{ "k", DT_OFF_input_device_id_keybit, DT_INPUT_DEVICE_ID_MATCH_KEYBIT,
	  DT_INPUT_DEVICE_ID_KEY_MIN_INTERESTING, DT_INPUT_DEVICE_ID_KEY_MAX },
	{ "r", DT_OFF_input_device_id_relbit, DT_INPUT_DEVICE_ID_MATCH_RELBIT,
	  0, DT_INPUT_DEVICE_ID_REL_MAX },
	{ "a", DT_OFF_input_device_id_absbit, DT_INPUT_DEVICE_ID_MATCH_ABSBIT,
	  0, DT_INPUT_DEVICE_ID_ABS_MAX },
	{ "m", DT_OFF_input_device_id_mscbit, DT_INPUT_DEVICE_ID_MATCH_MSCIT,
	  0, DT_INPUT_DEVICE_ID_MSC_MAX },
	{ "l", DT_OFF_input_device_id_ledbit, DT_INPUT_DEVICE_ID_MATCH_LEDBIT,
	  0, DT_INPUT_DEVICE_ID_LED_MAX },
	{ "s", DT_OFF_input_device_id_sndbit, DT_INPUT_DEVICE_ID_MATCH_SNDBIT,
	  0, DT_INPUT_DEVICE_ID_SND_MAX },
	{ "f", DT_OFF_input_device_id_ffbit, DT_INPUT_DEVICE_ID_MATCH_FFBIT,
	  0, DT_INPUT_DEVICE_ID_FF_MAX },
	{ "w", DT_OFF_input_device_id_swbit, DT_INPUT_DEVICE_ID_MATCH_SWBIT,
	  0, DT_INPUT_DEVICE_ID_SW_MAX },
};

/* The set bits of a kernel_ulong_t[] bitmap, as "<bit>,*" each. */
static void input_bits(const struct dt_entry *e, struct alias *a,
		       const struct input_bitmap *bm)
{
	unsigned int word_size = elf_addr_size(e->t->elf);
	unsigned int word_bits = 8 * word_size;

	for (unsigned int bit = bm->first; bit <= bm->last; bit++) {
		uint64_t word = dt_get(e, bm->off + (bit / word_bits) * word_size,
				       word_size);

		if ((word >> (bit % word_bits)) & 1)
			alias_printf(a, "%X,*", bit);
	}
}

void input_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t flags = GET(e, input_device_id, flags);

	alias_printf(a, "input:");
	alias_parts(a, e, (struct dt_member)MEMBER(input_device_id, flags),
		    input_id_parts);
	alias_printf(a, "-");
	for (size_t i = 0; i < ARRAY_SIZE(input_bitmaps); i++) {
		alias_printf(a, "%s*", input_bitmaps[i].tag);
		if (flags & input_bitmaps[i].flag)
			input_bits(e, a, &input_bitmaps[i]);
	}
	alias_emit(e, a);
}

void eisa_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "eisa:s%s*", STR(e, eisa_device_id, sig));
	alias_emit(e, a);
}

void vmbus_entry(const struct dt_entry *e, struct alias *a)
{
	const unsigned char *guid = BYTES(e, hv_vmbus_device_id, guid);

	alias_printf(a, "vmbus:");
	for (unsigned int i = 0; i < SIZE(hv_vmbus_device_id, guid); i++)
		alias_printf(a, "%02x", guid[i]);
	alias_emit(e, a);
}

/* modalias key of each dmi field, in modalias order */
static const struct dmi_key {
	const char *tag;
	unsigned int slot;
} dmi_keys[] = {
	{ "bvn", DT_DMI_BIOS_VENDOR },
	{ "bvr", DT_DMI_BIOS_VERSION },
	{ "bd", DT_DMI_BIOS_DATE },
	{ "br", DT_DMI_BIOS_RELEASE },
	{ "efr", DT_DMI_EC_FIRMWARE_RELEASE },
	{ "svn", DT_DMI_SYS_VENDOR },
	{ "pn", DT_DMI_PRODUCT_NAME },
	{ "pvr", DT_DMI_PRODUCT_VERSION },
	{ "rvn", DT_DMI_BOARD_VENDOR },
	{ "rn", DT_DMI_BOARD_NAME },
	{ "rvr", DT_DMI_BOARD_VERSION },
	{ "cvn", DT_DMI_CHASSIS_VENDOR },
	{ "ct", DT_DMI_CHASSIS_TYPE },
	{ "cvr", DT_DMI_CHASSIS_VERSION },
};

#define DMI_MATCHES (SIZE(dmi_system_id, matches) / DT_SIZE_dmi_strmatch)

/* Printable characters other than blank and ':' (the field separator). */
static void alias_dmi_text(struct alias *a, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c > ' ' && c < 127 && c != ':')
			alias_printf(a, "%c", c);
	}
}

void dmi_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "dmi*");
	for (size_t k = 0; k < ARRAY_SIZE(dmi_keys); k++) {
		for (unsigned int j = 0; j < DMI_MATCHES; j++) {
			size_t match = DT_OFF_dmi_system_id_matches +
				       j * DT_SIZE_dmi_strmatch;
			/*
			 * slot is the bit-field "unsigned char slot:7" at the
			 * start of struct dmi_strmatch; the stock tool reads
			 * it with its host's (x86) layout: the low 7 bits.
			 */
			unsigned int slot = (unsigned int)dt_get(e, match, 1) & 0x7f;

			if (!slot || slot != dmi_keys[k].slot)
				continue;
			alias_printf(a, ":%s*", dmi_keys[k].tag);
			alias_dmi_text(a, dt_str(e, match + DT_OFF_dmi_strmatch_substr));
			alias_printf(a, "*");
		}
	}
	alias_printf(a, ":");
	alias_emit(e, a);
}

/* 32 characters, most significant bit first: '?' unmasked, else the bit */
void mdio_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t id = GET(e, mdio_device_id, phy_id);
	uint64_t mask = GET(e, mdio_device_id, phy_id_mask);

	alias_printf(a, "mdio:");
	for (int bit = 31; bit >= 0; bit--) {
		if (!((mask >> bit) & 1))
			alias_printf(a, "?");
		else
			alias_printf(a, "%c", (id >> bit) & 1 ? '1' : '0');
	}
	alias_emit(e, a);
}

/* the compressed EISA vendor id: three 5-bit letters, then the function */
void isapnp_entry(const struct dt_entry *e, struct alias *a)
{
	unsigned int v = (unsigned int)GET(e, isapnp_device_id, vendor);
	unsigned int f = (unsigned int)GET(e, isapnp_device_id, function);

	alias_printf(a, "pnp:d%c%c%c%x%x%x%x*",
		     'A' + ((v >> 2) & 0x3f) - 1,
		     'A' + (((v & 3) << 3) | ((v >> 13) & 7)) - 1,
		     'A' + ((v >> 8) & 0x1f) - 1,
		     (f >> 4) & 0x0f, f & 0x0f, (f >> 12) & 0x0f, (f >> 8) & 0x0f);
	alias_emit(e, a);
}

/* One hex digit under a mask: '?', the digit, or every digit that fits. */
static void alias_masked_nibble(struct alias *a, unsigned int value,
				unsigned int mask)
{
	if (mask == 0) {
		alias_printf(a, "?");
	} else if (mask == 0xf) {
		alias_printf(a, "%X", value);
	} else {
		alias_printf(a, "[");
		for (unsigned int d = 0; d < 0x10; d++)
			if ((d & mask) == value)
				alias_printf(a, "%X", d);
		alias_printf(a, "]");
	}
}

void amba_entry(const struct dt_entry *e, struct alias *a)
{
	unsigned int id = (unsigned int)GET(e, amba_id, id);
	unsigned int mask = (unsigned int)GET(e, amba_id, mask);

	if ((id & mask) != id)
		fatal("%s: Masked-off bit(s) of AMBA device ID are non-zero: id=0x%08X, mask=0x%08X.  Please fix this driver.\n",
		      e->t->mod->name, id, mask);
	alias_printf(a, "amba:d");
	for (int shift = 28; shift >= 0; shift -= 4)
		alias_masked_nibble(a, (id >> shift) & 0xf, (mask >> shift) & 0xf);
	alias_emit(e, a);
}

void mips_cdmm_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "mipscdmm:t%02X*",
		     (unsigned int)GET(e, mips_cdmm_device_id, type));
	alias_emit(e, a);
}

static const struct dt_part x86cpu_parts[] = {
	UNLESS("ven", x86_cpu_id, vendor, DT_X86_VENDOR_ANY),
	UNLESS("fam", x86_cpu_id, family, DT_X86_FAMILY_ANY),
	UNLESS("mod", x86_cpu_id, model, DT_X86_MODEL_ANY),
	PARTS_END,
};

void x86cpu_entry(const struct dt_entry *e, struct alias *a)
{
	uint64_t feature = GET(e, x86_cpu_id, feature);

	alias_printf(a, "cpu:type:x86,");
	alias_parts(a, e, (struct dt_member){ 0, 0 }, x86cpu_parts);
	alias_printf(a, ":feature:*");
	if (feature != cut_to_size(DT_X86_FEATURE_ANY, SIZE(x86_cpu_id, feature)))
		alias_printf(a, "%04X*", (unsigned int)feature);
	alias_emit(e, a);
}

void cpu_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "cpu:type:*:feature:*%04X*",
		     (unsigned int)GET(e, cpu_feature, feature));
	alias_emit(e, a);
}

static const struct dt_part mei_version_part[] = {
	UNLESS(":", mei_cl_device_id, version, DT_MEI_CL_VERSION_ANY),
	PARTS_END,
};

void mei_entry(const struct dt_entry *e, struct alias *a)
{
	const char *name = STR(e, mei_cl_device_id, name);

	alias_printf(a, "mei:%s:", name[0] ? name : "*");
	alias_uuid(a, BYTES(e, mei_cl_device_id, uuid), guid_order, false);
	alias_parts(a, e, (struct dt_member){ 0, 0 }, mei_version_part);
	alias_printf(a, ":*");
	alias_emit(e, a);
}

void ulpi_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ulpi:v%04xp%04x",
		     (unsigned int)GET(e, ulpi_device_id, vendor),
		     (unsigned int)GET(e, ulpi_device_id, product));
	alias_emit(e, a);
}

void fsl_mc_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "fsl-mc:v%08Xd%s",
		     (unsigned int)GET(e, fsl_mc_device_id, vendor),
		     STR(e, fsl_mc_device_id, obj_type));
	alias_emit(e, a);
}

static const struct dt_part tbsvc_parts[] = {
	IF_FLAG("p", tb_service_id, protocol_id, DT_TBSVC_MATCH_PROTOCOL_ID),
	IF_FLAG("v", tb_service_id, protocol_version, DT_TBSVC_MATCH_PROTOCOL_VERSION),
	IF_FLAG("r", tb_service_id, protocol_revision, DT_TBSVC_MATCH_PROTOCOL_REVISION),
	PARTS_END,
};

void tbsvc_entry(const struct dt_entry *e, struct alias *a)
{
	static const struct dt_member flags = MEMBER(tb_service_id, match_flags);

	alias_printf(a, "tbsvc:");
	if (dt_get(e, flags.off, flags.len) & DT_TBSVC_MATCH_PROTOCOL_KEY)
		alias_printf(a, "k%s", STR(e, tb_service_id, protocol_key));
	else
		alias_printf(a, "k*");
	alias_parts(a, e, flags, tbsvc_parts);
	alias_wildcard(a);
	alias_emit(e, a);
}

static const struct dt_part typec_mode_part[] = {
	UNLESS("m", typec_device_id, mode, DT_TYPEC_ANY_MODE),
	PARTS_END,
};

void typec_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "typec:id%04X", (unsigned int)GET(e, typec_device_id, svid));
	alias_parts(a, e, (struct dt_member){ 0, 0 }, typec_mode_part);
	alias_emit(e, a);
}

void tee_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "tee:");
	alias_uuid(a, BYTES(e, tee_client_device_id, uuid), uuid_order, false);
	alias_wildcard(a);
	alias_emit(e, a);
}

void wmi_entry(const struct dt_entry *e, struct alias *a)
{
	const char *guid = STR(e, wmi_device_id, guid_string);

	if (strlen(guid) != DT_UUID_STRING_LEN) {
		warn("Invalid WMI device id 'wmi:%s' in '%s'\n", guid,
		     e->t->mod->name);
		return;
	}
	alias_printf(a, "wmi:%s", guid);
	alias_emit(e, a);
}

void ishtp_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ishtp:{");
	alias_uuid(a, BYTES(e, ishtp_device_id, guid), guid_order, true);
	alias_printf(a, "}");
	alias_emit(e, a);
}

static const struct dt_part ssam_parts[] = {
	IF_FLAG("t", ssam_device_id, target, DT_SSAM_MATCH_TARGET),
	IF_FLAG("i", ssam_device_id, instance, DT_SSAM_MATCH_INSTANCE),
	IF_FLAG("f", ssam_device_id, function, DT_SSAM_MATCH_FUNCTION),
	PARTS_END,
};

void ssam_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "ssam:d%02Xc%02X",
		     (unsigned int)GET(e, ssam_device_id, domain),
		     (unsigned int)GET(e, ssam_device_id, category));
	alias_parts(a, e, (struct dt_member)MEMBER(ssam_device_id, match_flags),
		    ssam_parts);
	alias_emit(e, a);
}

void dfl_entry(const struct dt_entry *e, struct alias *a)
{
	alias_printf(a, "dfl:t%04Xf%04X",
		     (unsigned int)GET(e, dfl_device_id, type),
		     (unsigned int)GET(e, dfl_device_id, feature_id));
	alias_wildcard(a);
	alias_emit(e, a);
}
