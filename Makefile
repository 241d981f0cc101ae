# SPDX-License-Identifier: GPL-2.0
#
# modpost with built-in livepatch conversion.
#
#   make            build build/modpost for the target kernel build tree KDIR
#   make deps       install the Debian packages the build and the tests need
#                   (for Linux 6.12 and 6.1)
#   make check      run every test (installs what is missing first)
#   make bench      benchmarks against the stock modpost
#   make demo       the sample livepatch built, converted and run under QEMU
#   make intree KSRC=<tree>   put it into a Linux source tree (see below)
#
# KDIR defaults to the newest Debian 6.12 headers tree installed by
# `make deps`; KDIR=<a 6.1 tree> builds the 6.1 modpost.  The kernel
# profile built in is chosen from KDIR's own version: see "Kernel profiles"
# below.

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

KDIR ?= $(shell $(TOP)/scripts/kdir.sh default 2>/dev/null)
BUILD ?= $(TOP)/build
# absolute, so that the dependency files (-MMD, absolute paths) name the same
# targets whether BUILD was given relative or not
override BUILD := $(abspath $(BUILD))

CC ?= cc
CFLAGS ?= -O2 -g
WARNFLAGS := -Wall -Wextra -Werror
STDFLAGS := -std=c11 -D_GNU_SOURCE
CPPFLAGS_MODPOST := -I$(TOP)/scripts/mod -I$(BUILD)/generated -I$(TOP)/include/uapi

# ---- Kernel profiles ----------------------------------------------------------
#
# Everything in which the supported kernels' modposts differ lives in
# scripts/mod/profiles/<series>/; one of them is compiled in, the one of
# KDIR's series (its version header, not its path).
empty :=
space := $(empty) $(empty)
comma := ,
SUPPORTED_SERIES := $(sort $(notdir $(patsubst %/,%,$(wildcard $(TOP)/scripts/mod/profiles/*/))))
KSERIES := $(shell $(TOP)/scripts/mod/kernel-series.sh '$(KDIR)' 2>/dev/null)
PROFILE_DIR := $(TOP)/scripts/mod/profiles/$(KSERIES)

# Goals that build modpost need a supported KDIR; deps, clean, check and
# demo do not (check and demo install what is missing, then build).
BUILDING_GOALS := all sanitize livepatch install $(abspath $(BUILD))/modpost
ifneq ($(if $(MAKECMDGOALS),$(filter $(BUILDING_GOALS),$(MAKECMDGOALS)),all),)
ifeq ($(KDIR),)
$(error no kernel build tree: KDIR is empty and no Debian 6.12 headers are installed (run make deps, or give KDIR=<tree>))
endif
ifeq ($(KSERIES),)
$(error KDIR=$(KDIR) is not a kernel build tree (no include/generated/uapi/linux/version.h, no Makefile with VERSION/PATCHLEVEL))
endif
ifeq ($(filter $(KSERIES),$(SUPPORTED_SERIES)),)
$(error KDIR=$(KDIR) is Linux $(KSERIES); this modpost supports Linux $(subst $(space),$(comma)$(space),$(SUPPORTED_SERIES)) (scripts/mod/profiles/<series>))
endif
endif

MODPOST_SRCS := $(sort $(wildcard $(TOP)/scripts/mod/*.c $(TOP)/scripts/livepatch/*.c) \
		       $(wildcard $(PROFILE_DIR)/*.c))
MODPOST_OBJS := $(patsubst $(TOP)/%.c,$(BUILD)/obj/%.o,$(MODPOST_SRCS))
MODPOST := $(BUILD)/modpost
# Everything but main(): the unit tests link their own main() against it.
MODPOST_MAIN_OBJ := $(BUILD)/obj/scripts/mod/modpost.o
MODPOST_LIB := $(BUILD)/libmodpost.a

# Generated headers (device-table layouts of the target kernel, ...) are
# listed here by the fragments that produce them.
GENERATED_HEADERS :=

-include $(TOP)/scripts/mod/Makefile.generated

.PHONY: all deps check bench clean sanitize demo

all: $(MODPOST) $(MODPOST_LIB)

$(MODPOST): $(MODPOST_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

$(MODPOST_LIB): $(filter-out $(MODPOST_MAIN_OBJ),$(MODPOST_OBJS))
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/obj/%.o: $(TOP)/%.c $(GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(STDFLAGS) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS_MODPOST) -MMD -MP -c -o $@ $<

-include $(MODPOST_OBJS:.o=.d)

# The same program built with AddressSanitizer and UndefinedBehaviorSanitizer,
# for the bad-input suite.
SAN_BUILD := $(BUILD)/san
sanitize:
	$(MAKE) -f $(TOP)/Makefile BUILD=$(SAN_BUILD) KDIR=$(KDIR) \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" all

# both series: headers + kbuild, the unsigned image (extracted), the debug
# vmlinux, the kernel sources (KSERIES=6.1 or KSERIES=6.12: one of them)
deps:
	$(TOP)/scripts/deps.sh --with-dbg

check:
	$(TOP)/selftests/run-all.sh

# every supported series (or KDIR's only), each built into $(BUILD)/<series>
bench:
	$(TOP)/selftests/bench/series.sh

# The main job: the sample livepatch built, converted and shown working in
# the Debian kernel under QEMU (installs what it needs first).
demo:
	$(TOP)/scripts/demo/demo.sh

clean:
	rm -rf $(BUILD)

# ---- kbuild integration ------------------------------------------------------
#
#   make livepatch [KDIR=<kdir>] M=<module dir> [kbuild variables...]
#                    build external modules against KDIR with this modpost,
#                    the livepatch post-link step and include/ (for
#                    <linux/klp-annotations.h>); nothing on the system changes
#   make install   [KDIR=<kdir>]   make KDIR's kbuild use them for every build
#                                  (the header installed in KDIR's include/)
#   make uninstall [KDIR=<kdir>]   restore KDIR's kbuild files
#
# An installation belongs to the checkout that made it: install and
# uninstall refuse another checkout's, unless given FORCE=1.
#
# The post-link step: scripts/livepatch/klp-postlink.sh, appended to kbuild's
# module link command (cmd_ld_ko_o); it also takes over kbuild's BTF step
# (cmd_btf_ko), so that `modpost --klp-finalize` runs last.  The installed
# form is scripts/livepatch/kbuild.mk.

.PHONY: livepatch install uninstall

klp_postlink_sh := $(TOP)/scripts/livepatch/klp-postlink.sh

# kbuild's own link command (the profile's kbuild.mk: klp_kbuild_link_cmd)
# followed by the post-link step, and kbuild's BTF step emptied (the
# post-link step does it; 6.1 would still print its "BTF [M]" line unless
# quiet_cmd_btf_ko is empty too).  '$$' reaches kbuild as '$': kbuild
# expands these in its own context.
-include $(PROFILE_DIR)/kbuild.mk
klp_kbuild_args = MODPOST=$(MODPOST) \
	'cmd_ld_ko_o=$(klp_kbuild_link_cmd); $(klp_postlink_sh) --modpost $(MODPOST)$$(if $$(CONFIG_DEBUG_INFO_BTF_MODULES), --btf) $$@' \
	cmd_btf_ko= quiet_cmd_btf_ko= \
	$(call klp_sq,CFLAGS_MODULE=$(klp_cflags_module))

# #include <linux/klp-annotations.h> without a Kbuild change: this
# project's include directory goes to every module compile through
# CFLAGS_MODULE.  Of the variables kbuild lets a user set, it is the one
# that reaches module objects only (Makefile.lib: modkern_cflags) and comes
# after LINUXINCLUDE, so the kernel's own headers always win (and the
# kernel has no <uapi/linux/livepatch.h> to confuse with ours).  The
# kernel's Makefile empties it, so a user can only give it on the command
# line, i.e. on ours: that value is kept, in front.  KCFLAGS and
# KCPPFLAGS, the other user variables, may come from the environment too
# and reach non-module objects; ccflags-y, KBUILD_CFLAGS_MODULE and
# LINUXINCLUDE belong to the Kbuild file and to kbuild: a command-line
# value would replace theirs.
klp_cflags_module = $(if $(filter command line,$(origin CFLAGS_MODULE)),$(value CFLAGS_MODULE) )-I$(TOP)/include

# The other variables given on our command line go to kbuild (through
# MAKEFLAGS); they are shown in the printed command.
klp_sq = '$(subst ','\'',$(1))'
klp_own_vars := KDIR M BUILD MODPOST FORCE cmd_ld_ko_o cmd_btf_ko quiet_cmd_btf_ko CFLAGS_MODULE
klp_user_vars = $(foreach v,$(sort $(.VARIABLES)),$(if $(filter command line,$(origin $(v))),$(if $(filter $(v),$(klp_own_vars)),,$(v))))
klp_user_args = $(foreach v,$(klp_user_vars),$(if $(findstring $(klp_space),$(value $(v)))$(findstring ',$(value $(v)))$(findstring $$,$(value $(v))),$(call klp_sq,$(v)=$(value $(v))),$(v)=$(value $(v))))
klp_empty :=
klp_space := $(klp_empty) $(klp_empty)
klp_m = $(abspath $(M))

ifneq ($(filter livepatch,$(MAKECMDGOALS)),)
ifeq ($(M),)
$(error usage: make livepatch [KDIR=<kernel build tree>] M=<module dir> [kbuild variables...])
endif
endif

livepatch: all
	$(info Equivalent command:)
	$(info make -C $(KDIR) M=$(klp_m)$(if $(klp_user_args), $(klp_user_args)) $(klp_kbuild_args) modules)
	@+$(MAKE) -C $(KDIR) M=$(klp_m) $(klp_kbuild_args) modules

# FORCE=1: install over, or uninstall, another checkout's installation.
# KLP_MAKE_CMD: how install.sh tells the user to repeat the command with
# FORCE=1 (this checkout, this KDIR, this BUILD).
klp_force = $(if $(filter-out 0,$(FORCE)),--force)
klp_make_cmd = make -C $(TOP) KDIR=$(KDIR)$(if $(filter-out $(TOP)/build,$(BUILD)), BUILD=$(BUILD))

install: all
	@KLP_MAKE_CMD='$(klp_make_cmd)' $(TOP)/scripts/livepatch/install.sh install $(klp_force) '$(KDIR)' '$(MODPOST)'

uninstall:
	@KLP_MAKE_CMD='make -C $(TOP) KDIR=$(KDIR)' $(TOP)/scripts/livepatch/install.sh uninstall $(klp_force) '$(KDIR)'

# ---- in a kernel tree (Documentation/livepatch/modpost-livepatch.rst) ----------
#
#   make intree KSRC=<linux source tree>         apply this project as a patch:
#                    the tree's own make then builds our modpost and converts
#                    livepatch modules against the vmlinux it links
#   make intree-remove KSRC=<tree>               reverse exactly that patch
#   make intree-patch KSRC=<tree> [PATCH=<file>] only write the patch
#                    (default $(BUILD)/klp-modpost-intree.patch)
#   make bench-intree                            modpost on an x86_64_defconfig
#                    vmlinux.o and its modules, ours against stock (not in check)
.PHONY: intree intree-remove intree-patch bench-intree
klp_intree_sh := $(TOP)/scripts/livepatch/intree/intree.sh
klp_need_ksrc = $(if $(KSRC),,$(error KSRC=<linux source tree> is required))
PATCH ?= $(BUILD)/klp-modpost-intree.patch

intree:
	$(klp_need_ksrc)@$(klp_intree_sh) apply '$(KSRC)'

intree-remove:
	$(klp_need_ksrc)@$(klp_intree_sh) remove '$(KSRC)'

intree-patch:
	$(klp_need_ksrc)@mkdir -p $(dir $(PATCH))
	@$(klp_intree_sh) patch '$(KSRC)' '$(PATCH)'
	@echo "intree: wrote $(PATCH)"

bench-intree:
	$(TOP)/selftests/bench/intree.sh

# ---- fuzzing (selftests/fuzz/README) --------------------------------------------
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="elf symvers ..."]
#       every fuzz target of selftests/fuzz under libFuzzer (clang), for
#       FUZZ_SECONDS each, one after the other; seeds, corpora, crashes and
#       logs in $(BUILD)/fuzz.  Exits non-zero on a crash, naming the
#       reproducer.  (selftests/fuzz/regress.sh replays the saved ones.)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: fuzz
fuzz: all
	TOP='$(TOP)' KDIR='$(KDIR)' BUILD='$(BUILD)' MODPOST='$(MODPOST)' \
		FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_TARGETS='$(FUZZ_TARGETS)' \
		$(TOP)/selftests/fuzz/fuzz.sh
# ---- end of fuzzing ------------------------------------------------------------------
