// SPDX-License-Identifier: GPL-2.0
/*
 * Section checks: targets of REL relocations, whose addend is stored in the
 * relocated field (i386, ARM, MIPS).
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "secmismatch.h"

/* ---- REL: the addend lives in the relocated field ---- */

/* The @len bytes a REL relocation patches; they must exist in the file. */
static const unsigned char *rel_location(const struct secref_check *c,
					 unsigned int shndx,
					 const struct elf_reloc *r, unsigned int len)
{
	const unsigned char *p = elf_section_bytes(c->elf, shndx, r->offset, len);

	if (!p)
		fatal("%s: section %s: REL relocation at offset 0x%" PRIx64
		      " needs %u bytes that are not in the section's data\n",
		      c->elf->path, elf_section_name(c->elf, shndx), r->offset,
		      len);
	return p;
}

static uint32_t rel_word(const struct secref_check *c, unsigned int shndx,
			 const struct elf_reloc *r)
{
	return elf_get32(c->elf, rel_location(c, shndx, r, 4));
}

/* Bits 0..@top of @v as a two's complement number. */
static int64_t sign_extend(uint32_t v, unsigned int top)
{
	uint64_t field = v & ((UINT64_C(1) << (top + 1)) - 1);
	uint64_t sign = UINT64_C(1) << top;

	return (int64_t)(field ^ sign) - (int64_t)sign;
}



static uint64_t rel_target_386(const struct secref_check *c, unsigned int shndx,
			       const struct elf_reloc *r,
			       const struct elf_symbol *sym)
{
	(void)sym;
	switch (r->type) {
	case R_386_32:
		return rel_word(c, shndx, r);
	case R_386_PC32:
		/* 32-bit sum: the field is an unsigned 32-bit word */
		return (uint32_t)(rel_word(c, shndx, r) + 4);
	}
	return ADDEND_UNKNOWN;
}

/* The two halfwords of a 32-bit Thumb instruction. */
static void thumb_halves(const struct secref_check *c, unsigned int shndx,
			 const struct elf_reloc *r, uint32_t *upper,
			 uint32_t *lower)
{
	const unsigned char *p = rel_location(c, shndx, r, 4);

	*upper = elf_get16(c->elf, p);
	*lower = elf_get16(c->elf, p + 2);
}

static uint64_t rel_target_arm(const struct secref_check *c, unsigned int shndx,
			       const struct elf_reloc *r,
			       const struct elf_symbol *sym)
{
	uint32_t insn, upper, lower, s, j1, j2;
	int64_t off;

	switch (r->type) {
	case R_ARM_ABS32:
	case R_ARM_REL32:
		return rel_word(c, shndx, r) + sym->value;
	case R_ARM_MOVW_ABS_NC:
	case R_ARM_MOVT_ABS:
		/* imm4:imm12 */
		insn = rel_word(c, shndx, r);
		off = sign_extend(((insn & 0xf0000) >> 4) | (insn & 0xfff), 15);
		return (uint64_t)off + sym->value;
	case R_ARM_PC24:
	case R_ARM_CALL:
	case R_ARM_JUMP24:
		/* imm24 words; the PC reads 8 bytes ahead */
		insn = rel_word(c, shndx, r);
		off = sign_extend((insn & 0x00ffffff) << 2, 25);
		return (uint64_t)off + sym->value + 8;
	case R_ARM_THM_MOVW_ABS_NC:
	case R_ARM_THM_MOVT_ABS:
		/* imm4:i:imm3:imm8 */
		thumb_halves(c, shndx, r, &upper, &lower);
		off = sign_extend(((upper & 0x000f) << 12) |
				  ((upper & 0x0400) << 1) |
				  ((lower & 0x7000) >> 4) |
				  (lower & 0x00ff), 15);
		return (uint64_t)off + sym->value;
	case R_ARM_THM_JUMP19:
		/* conditional branch T3: S:J2:J1:imm6:imm11:0 */
		thumb_halves(c, shndx, r, &upper, &lower);
		s = (upper >> 10) & 1;
		j1 = (lower >> 13) & 1;
		j2 = (lower >> 11) & 1;
		off = sign_extend((s << 20) | (j2 << 19) | (j1 << 18) |
				  ((upper & 0x03f) << 12) |
				  ((lower & 0x07ff) << 1), 20);
		return (uint64_t)off + sym->value + 4;
	case R_ARM_THM_PC22:
	case R_ARM_THM_JUMP24:
		/* branch T4: S:I1:I2:imm10:imm11:0, In = !(Jn ^ S) */
		thumb_halves(c, shndx, r, &upper, &lower);
		s = (upper >> 10) & 1;
		j1 = (lower >> 13) & 1;
		j2 = (lower >> 11) & 1;
		off = sign_extend((s << 24) | ((~(j1 ^ s) & 1) << 23) |
				  ((~(j2 ^ s) & 1) << 22) |
				  ((upper & 0x03ff) << 12) |
				  ((lower & 0x07ff) << 1), 24);
		return (uint64_t)off + sym->value + 4;
	}
	return ADDEND_UNKNOWN;
}

static uint64_t rel_target_mips(const struct secref_check *c, unsigned int shndx,
				const struct elf_reloc *r,
				const struct elf_symbol *sym)
{
	/* the field is read whatever the type */
	uint32_t insn = rel_word(c, shndx, r);

	(void)sym;
	switch (r->type) {
	case R_MIPS_LO16:
		return insn & 0xffff;
	case R_MIPS_26:
		return (insn & 0x03ffffff) << 2;
	case R_MIPS_32:
		return insn;
	}
	return ADDEND_UNKNOWN;
}

struct rel_machine {
	uint16_t machine;
	rel_target_fn *target;
};

static const struct rel_machine rel_machines[] = {
	{ EM_386,	rel_target_386 },
	{ EM_ARM,	rel_target_arm },
	{ EM_MIPS,	rel_target_mips },
};

rel_target_fn *rel_target_for(uint16_t machine)
{
	for (size_t i = 0; i < ARRAY_SIZE(rel_machines); i++)
		if (rel_machines[i].machine == machine)
			return rel_machines[i].target;
	return NULL;
}
