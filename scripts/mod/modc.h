/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODPOST_MODC_H
#define MODPOST_MODC_H

#include "modpost.h"

void write_mod_c_file(struct module *mod);
void write_vmlinux_export_c_file(struct module *mod);

#endif
