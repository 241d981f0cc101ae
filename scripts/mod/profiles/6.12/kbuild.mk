# SPDX-License-Identifier: GPL-2.0
#
# Linux 6.12's kbuild, as the livepatch integration needs to know it
# (included by the top-level Makefile).
#
# klp_kbuild_link_cmd: scripts/Makefile.modfinal's module link command,
# cmd_ld_ko_o, spelled out so that `make livepatch` can pass it, followed
# by the post-link step, on kbuild's command line ('$$' reaches kbuild as
# '$').  kbuild's own BTF step runs after the link; the post-link step does
# BTF itself (with --btf) and kbuild's is emptied.
klp_kbuild_link_cmd = $$(LD) -r $$(KBUILD_LDFLAGS) $$(KBUILD_LDFLAGS_MODULE) $$(LDFLAGS_MODULE) -T $$(ARCH_MODULE_LDS) -o $$@ $$(filter %.o, $$^)
