# SPDX-License-Identifier: GPL-2.0
#
# Linux 6.1's kbuild, as the livepatch integration needs to know it
# (included by the top-level Makefile).
#
# klp_kbuild_link_cmd: scripts/Makefile.modfinal's module link command,
# cmd_ld_ko_o, spelled out so that `make livepatch` can pass it, followed
# by the post-link step, on kbuild's command line ('$$' reaches kbuild as
# '$').  6.1 ends the link with the architecture's post-link makefile, if
# there is one (ARCH_POSTLINK; none on x86).  Its BTF step needs a vmlinux
# in the build tree, which Debian's 6.1 headers do not ship: the post-link
# step then prints kbuild's "Skipping BTF generation" line instead.
klp_kbuild_link_cmd = $$(LD) -r $$(KBUILD_LDFLAGS) $$(KBUILD_LDFLAGS_MODULE) $$(LDFLAGS_MODULE) -T $$(ARCH_MODULE_LDS) -o $$@ $$(filter %.o, $$^); $$(if $$(ARCH_POSTLINK), $$(MAKE) -f $$(ARCH_POSTLINK) $$@, true)
