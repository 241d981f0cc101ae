/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts every kernel profile is made of, as its files provide them to
 * its profile.c (which puts them into struct kernel_profile, profile.h).
 * Exactly one profile is compiled in, so the names carry no series; what
 * only one series has is declared in its own profile-<series>.h.
 */
#ifndef MODPOST_PROFILE_PARTS_H
#define MODPOST_PROFILE_PARTS_H

#include "modc.h"
#include "modpost.h"
#include "profile.h"
#include "secmismatch.h"

/* modc.c: the layout of the series' .mod.c and .vmlinux.export.c */
extern const struct modc_layout profile_mod_c;

/* secmismatch.c: the section-check tables, naming and wording */
extern const struct secmismatch_profile profile_secmismatch;

/* rel.c: the REL addend reader of @machine, or NULL where there is none */
rel_target_fn *profile_rel_reader(uint16_t machine);

/* devtables.c: the device-table types of the series */
extern const struct devtable_registry profile_devtables;

/* kallsyms.c: which symbols the series' kallsyms leaves out */
extern const struct kallsyms_rules profile_kallsyms;

#endif
