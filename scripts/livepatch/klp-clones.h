/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Symbols gcc derives from a function ("name.isra.0", "name.constprop.0",
 * "name.part.0", "name.cold") are not the function: a clone has another
 * calling convention (IPA-SRA removes or changes parameters, constant
 * propagation drops the constant ones), a fragment is only a part of it.
 * Calling one through the original prototype passes the wrong arguments.
 */
#ifndef KLP_CLONES_H
#define KLP_CLONES_H

/*
 * The kind of derived symbol @name is ("IPA-SRA clone", ...) and why it is
 * no substitute for the function (*@why), or NULL for an ordinary name.
 */
const char *klp_clone_kind(const char *name, const char **why);

#endif /* KLP_CLONES_H */
