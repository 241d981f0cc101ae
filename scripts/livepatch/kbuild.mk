# SPDX-License-Identifier: GPL-2.0
#
# kbuild.mk: the livepatch post-link step for kbuild's scripts/Makefile.modfinal
# (installed integration).
#
# `make install KDIR=<kernel build tree>` copies this file and
# klp-postlink.sh to scripts/klp-modpost/ of that tree's kbuild scripts
# directory, puts this project's modpost in place of scripts/mod/modpost
# (which the finalize step below uses too) and adds one line at the end of
# scripts/Makefile.modfinal:
#
#	include $(srctree)/scripts/klp-modpost/kbuild.mk
#
# Every `make -C <kdir> M=<dir>` then links each module with
#
#	<kbuild's own ld -r command> ; klp-postlink.sh --modpost <modpost> [--btf] X.ko
#
# i.e. link, BTF (pahole + resolve_btfids, as kbuild's BTF step does), and
# `modpost --klp-finalize` last, so that nothing rewrites the livepatch
# sections afterwards.  kbuild's separate BTF step is emptied: it would run
# objcopy over the finished module (see klp-postlink.sh).  The post-link
# step is part of the link command, so kbuild records it in .X.ko.cmd and
# relinks when it changes; ';' (not '&&') keeps kbuild's `set -e` effective
# for the link itself.
#
# The per-build integration (`make livepatch` at the top of the project)
# passes the same two definitions on the make command line instead, with
# kbuild's link command spelled out (a command-line value replaces the
# makefile's).
#
# The installed modpost guards the .mod.c of each livepatch module it
# resolves (scripts/livepatch/klp-record.h): it compiles only with
# -DKLP_MODPOST_POSTLINK, which this file adds to the .mod.o compiles.  So
# a build that ran the installed modpost and then, after a `make
# uninstall` during the build, a stock Makefile.modfinal fails there,
# instead of linking an unconverted livepatch module.  The flag goes with
# the post-link step: when the link command comes from the make command
# line (`make livepatch`, whose modpost writes no guard, or a user's own
# cmd_ld_ko_o, which has no step), the += below would do nothing, so none
# of this applies: no flag, and kbuild's BTF step as the command line has it.

klp-modpost-dir := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
klp-modpost-mp := $(abspath $(klp-modpost-dir)/../mod/modpost)

ifneq ($(origin cmd_ld_ko_o),command line)
cmd_ld_ko_o += ; $(klp-modpost-dir)/klp-postlink.sh --modpost $(klp-modpost-mp)$(if $(CONFIG_DEBUG_INFO_BTF_MODULES), --btf) $@

# a pattern-specific value: the other objects this makefile compiles (6.12:
# .module-common.o) keep kbuild's command
%.mod.o: c_flags += -DKLP_MODPOST_POSTLINK

cmd_btf_ko =
quiet_cmd_btf_ko =
endif
