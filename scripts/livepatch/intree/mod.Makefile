# SPDX-License-Identifier: GPL-2.0
#
# modpost, with livepatch conversion built in (scripts/livepatch/,
# Documentation/livepatch/modpost-livepatch.rst).
#
# Everything in which the supported kernel series' modposts differ lives in
# profiles/<series>/; this tree carries its own series only.

hostprogs-always-y	+= modpost

klp-series		:= $(VERSION).$(PATCHLEVEL)

modpost-core-objs	:= @CORE_OBJS@
modpost-profile-objs	:= @PROFILE_OBJS@
modpost-klp-objs	:= @KLP_OBJS@

modpost-objs	:= $(modpost-core-objs) \
		   $(addprefix profiles/$(klp-series)/,$(modpost-profile-objs)) \
		   $(addprefix ../livepatch/,$(modpost-klp-objs))

# KLP_MODPOST_INTREE: this modpost is the tree's own, and this tree's
# scripts/Makefile.modfinal converts the livepatch modules that modpost
# lists in modules.livepatch (scripts/livepatch/klp-intree.h).
HOST_EXTRACFLAGS += -D_GNU_SOURCE -DKLP_MODPOST_INTREE \
		    -I $(srctree)/scripts/mod -I $(srctree)/scripts/mod/profiles/$(klp-series) -I $(obj)

# Layouts of the target kernel, as kbuild makes devicetable-offsets.h: the
# device-id structures of <linux/mod_devicetable.h> for file2alias.c, and
# struct klp_patch/klp_object/klp_func of <linux/livepatch.h> for the
# livepatch resolver.  The latter needs include/generated/bounds.h, which
# is why the top Makefile's prepare0 descends here after `prepare`.
CFLAGS_devtable-layout.o += -I $(srctree)/scripts/mod/profiles/$(klp-series)

$(obj)/devtable-layout.h: $(obj)/devtable-layout.s FORCE
	$(call filechk,offsets,DEVTABLE_LAYOUT_H)

$(obj)/klp-layout.h: $(obj)/klp-layout.s FORCE
	$(call filechk,offsets,KLP_LAYOUT_H)

targets += devtable-layout.h devtable-layout.s klp-layout.h klp-layout.s

# dependencies on generated files need to be listed explicitly
$(addprefix $(obj)/,$(modpost-objs)): $(obj)/devtable-layout.h $(obj)/klp-layout.h
