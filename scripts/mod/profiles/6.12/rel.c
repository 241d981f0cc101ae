// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.12: the target of a REL relocation (i386, ARM, MIPS), whose
 * addend is stored in the relocated field, as 6.12's modpost computes it:
 * for i386 and MIPS the bare addend without the symbol's value (this only
 * matters for the name search around it); every other machine with REL
 * relocations is a fatal error.
 */
#include <elf.h>

#include "profile-6.12.h"
#include "secmismatch.h"

/* "no idea": all ones, like a negative addend would look */
#define ADDEND_UNKNOWN UINT64_MAX

static uint64_t target_386(const struct secref_check *c, unsigned int shndx,
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

static uint64_t target_arm(const struct secref_check *c, unsigned int shndx,
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

static uint64_t target_mips(const struct secref_check *c, unsigned int shndx,
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

/*
 * Every relocation is checked; the stock tool takes all ones ("-1") as
 * the target of a type it does not decode.
 */
#define REL_READER(arch)						\
	static bool rel_##arch(const struct secref_check *c,		\
			       unsigned int shndx,			\
			       const struct elf_reloc *r,		\
			       const struct elf_symbol *sym,		\
			       uint64_t *target)			\
	{								\
		*target = target_##arch(c, shndx, r, sym);		\
		return true;						\
	}

REL_READER(386)
REL_READER(arm)
REL_READER(mips)

static const struct rel_machine rel_machines[] = {
	{ EM_386,	rel_386 },
	{ EM_ARM,	rel_arm },
	{ EM_MIPS,	rel_mips },
};

rel_target_fn *profile_rel_reader(uint16_t machine)
{
	return rel_machine_find(rel_machines, ARRAY_SIZE(rel_machines), machine);
}
