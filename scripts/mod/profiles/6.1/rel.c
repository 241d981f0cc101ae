// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1: the addend of a REL relocation (stored in the relocated
 * field), as 6.1's modpost reads it.  Unlike 6.12 it is the addend alone
 * (for ARM plus the symbol's value, as 6.1 has it), the target is then
 * looked up by that value; some relocation types are skipped; machines
 * it does not know get an addend of 0 instead of a fatal error.
 */
#include <elf.h>

#include "profile-6.1.h"
#include "secmismatch.h"

#ifndef R_ARM_CALL
#define R_ARM_CALL		28
#endif
#ifndef R_ARM_JUMP24
#define R_ARM_JUMP24		29
#endif
#ifndef R_ARM_THM_CALL
#define R_ARM_THM_CALL		10
#endif
#ifndef R_ARM_THM_JUMP24
#define R_ARM_THM_JUMP24	30
#endif
#ifndef R_ARM_THM_JUMP19
#define R_ARM_THM_JUMP19	51
#endif

/* R_386_32 and R_386_PC32 read the field; other types keep addend 0. */
static bool rel_386(const struct secref_check *c, unsigned int shndx,
		    const struct elf_reloc *r, const struct elf_symbol *sym,
		    uint64_t *addend)
{
	(void)sym;
	*addend = 0;
	if (r->type == R_386_32)
		*addend = rel_word(c, shndx, r);
	else if (r->type == R_386_PC32)
		*addend = (uint32_t)(rel_word(c, shndx, r) + 4);
	return true;
}

/* see R_ARM_THM_CALL below */
#define UNMAPPED_ADDRESS 0xc0000000u

static bool rel_arm(const struct secref_check *c, unsigned int shndx,
		    const struct elf_reloc *r, const struct elf_symbol *sym,
		    uint64_t *addend)
{
	uint32_t insn;

	switch (r->type) {
	case R_ARM_ABS32:
		*addend = (uint32_t)(rel_word(c, shndx, r) + sym->value);
		return true;
	case R_ARM_PC24:
	case R_ARM_CALL:
	case R_ARM_JUMP24:
		insn = rel_word(c, shndx, r);
		*addend = (uint32_t)(sign_extend((insn & 0x00ffffff) << 2, 25) +
				     sym->value + 8);
		return true;
	case R_ARM_THM_CALL:
	case R_ARM_THM_JUMP24:
	case R_ARM_THM_JUMP19:
		/*
		 * 6.1 takes the low 32 bits of the address at which the
		 * relocated field happens to be mapped in its memory: a
		 * user-space address that no two runs agree on, and that no
		 * symbol of an object lies near (the target prints as
		 * "(unknown)").  A fixed address that high is the
		 * deterministic stand-in.
		 */
		*addend = UNMAPPED_ADDRESS;
		return true;
	}
	return false;	/* 6.1 does not check other types */
}

/* R_MIPS_HI16 is skipped; the field is read for every other type. */
static bool rel_mips(const struct secref_check *c, unsigned int shndx,
		     const struct elf_reloc *r, const struct elf_symbol *sym,
		     uint64_t *addend)
{
	uint32_t insn;

	(void)sym;
	if (r->type == R_MIPS_HI16)
		return false;
	insn = rel_word(c, shndx, r);
	switch (r->type) {
	case R_MIPS_LO16:
		*addend = insn & 0xffff;
		break;
	case R_MIPS_26:
		*addend = (uint64_t)(insn & 0x03ffffff) << 2;
		break;
	case R_MIPS_32:
		*addend = insn;
		break;
	default:
		*addend = 0;
		break;
	}
	return true;
}

/* every other machine: the relocation is checked with addend 0 */
static bool rel_other(const struct secref_check *c, unsigned int shndx,
		      const struct elf_reloc *r, const struct elf_symbol *sym,
		      uint64_t *addend)
{
	(void)c;
	(void)shndx;
	(void)r;
	(void)sym;
	*addend = 0;
	return true;
}

static const struct rel_machine rel_machines[] = {
	{ EM_386,	rel_386 },
	{ EM_ARM,	rel_arm },
	{ EM_MIPS,	rel_mips },
};

rel_target_fn *profile_rel_reader(uint16_t machine)
{
	rel_target_fn *read = rel_machine_find(rel_machines, ARRAY_SIZE(rel_machines),
					       machine);

	return read ? read : rel_other;
}
