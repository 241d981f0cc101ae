// SPDX-License-Identifier: GPL-2.0
/*
 * Layout probe for the livepatch structures of <linux/livepatch.h>.
 *
 * Not part of modpost: compiled to assembly against the target kernel
 * tree (scripts/mod/Makefile.generated), every marker becomes a
 * "#define KLPL_<name> (<value>)" of klp-layout.h.  The resolver reads a
 * livepatch module's own struct klp_patch and klp_object array with these
 * numbers to learn which objects the patch declares.
 *
 *   KLPL_AVAILABLE            1 if the target kernel has CONFIG_LIVEPATCH
 *   KLPL_SIZE_<struct>        sizeof(struct <struct>)
 *   KLPL_OFF_<struct>_<m>     offsetof(struct <struct>, <m>)
 */
#include <linux/kbuild.h>
#include <linux/livepatch.h>

#define LAYOUT_STRUCT(s)	DEFINE(KLPL_SIZE_##s, sizeof(struct s))
#define LAYOUT_MEMBER(s, m)	DEFINE(KLPL_OFF_##s##_##m, offsetof(struct s, m))

void klp_layout(void);

void klp_layout(void)
{
#if IS_ENABLED(CONFIG_LIVEPATCH)
	DEFINE(KLPL_AVAILABLE, 1);
	LAYOUT_STRUCT(klp_patch);
	LAYOUT_MEMBER(klp_patch, mod);
	LAYOUT_MEMBER(klp_patch, objs);
	LAYOUT_STRUCT(klp_object);
	LAYOUT_MEMBER(klp_object, name);
	LAYOUT_MEMBER(klp_object, funcs);
	LAYOUT_STRUCT(klp_func);
	LAYOUT_MEMBER(klp_func, old_name);
	LAYOUT_MEMBER(klp_func, new_func);
	LAYOUT_MEMBER(klp_func, old_sympos);
#else
	DEFINE(KLPL_AVAILABLE, 0);
#endif
}
