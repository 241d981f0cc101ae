# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# Linux 6.12's kbuild changes for a kernel tree that takes this project
# (scripts/livepatch/intree/intree.sh sources this file; the rest of the
# patch is the same for every series):
#
#   Makefile                   prepare0 builds scripts/mod after `prepare`
#                              (the klp layout probe includes
#                              <linux/livepatch.h>, which needs
#                              include/generated/bounds.h); with
#                              CONFIG_LIVEPATCH, modules wait for vmlinux, as
#                              with CONFIG_DEBUG_INFO_BTF_MODULES; `make
#                              clean` removes modules.livepatch
#   scripts/Makefile.modfinal  the modules modpost lists in modules.livepatch
#                              depend on vmlinux and are linked, given their
#                              BTF, then converted (intree-modfinal.mk)
#
# intree_kbuild_edits A B PROFILE: A holds the tree's files, B gets the
# changed ones.  Each change checks the text it replaces; on a mismatch it
# says why in $why (a file the caller reads) and returns 1.

intree_kbuild_edits() {
	a=$1 b=$2 profile=$3 why=${work:-/tmp}/why

	# Makefile: the klp layouts need bounds.h; livepatch modules need vmlinux
	awk '
		/^prepare0: archprepare$/ { getline m; getline p
			if (m !~ /build\)=scripts\/mod$/ || p !~ /build\)=\. prepare$/) exit 1
			print "# scripts/mod after prepare: its klp layout probe includes <linux/livepatch.h>,"
			print "# which needs include/generated/bounds.h"
			print "prepare0: archprepare"
			print p; print m; done++; next }
		/^# \*\.ko are usually independent of vmlinux, but CONFIG_DEBUG_INFO_BTF_MODULES$/ {
			getline l2; getline l3
			if (l2 != "# is an exception." || l3 != "ifdef CONFIG_DEBUG_INFO_BTF_MODULES") exit 1
			print "# *.ko are usually independent of vmlinux, but CONFIG_DEBUG_INFO_BTF_MODULES"
			print "# is an exception, and so are livepatch modules: they are converted against"
			print "# the final vmlinux (scripts/Makefile.modfinal, modules.livepatch)."
			print "ifneq ($(CONFIG_DEBUG_INFO_BTF_MODULES)$(CONFIG_LIVEPATCH),)"
			done++; next }
		/^CLEAN_FILES \+= vmlinux.symvers modules-only.symvers \\$/ {
			print "CLEAN_FILES += vmlinux.symvers modules-only.symvers modules.livepatch \\"
			done++; next }
		/^clean: private rm-files := \$\(KBUILD_EXTMOD\)\/Module.symvers \$\(KBUILD_EXTMOD\)\/modules.nsdeps \\$/ {
			print; getline l
			print "\t$(KBUILD_EXTMOD)/modules.livepatch " substr(l, 2)
			done++; next }
		{ print }
		END { if (done != 4) exit 1 }' "$a/Makefile" >"$b/Makefile" || {
		echo "Makefile is not the one of Linux 6.12 these changes are written for" >"$why"
		return 1
	}

	# Makefile.modfinal: link, BTF, then convert against the final vmlinux
	awk -v frag="$profile/intree-modfinal.mk" '
		/^modules := \$\(call read-file, \$\(MODORDER\)\)$/ { print
			print ""
			print "# Livepatch modules, as modpost lists them (scripts/livepatch/klp-intree.h):"
			print "# converted after the link, against the final vmlinux"
			print "klp-list := $(extmod_prefix)modules.livepatch"
			print "klp-ko := $(if $(CONFIG_LIVEPATCH),$(patsubst %.o,%.ko,$(if $(wildcard $(klp-list)),$(call read-file,$(klp-list)))))"
			done++; next }
		/^# Re-generate module BTFs if either module.s .ko or vmlinux changed$/ {
			while ((getline l < frag) > 0) print l
			print ""; print; getline rule; print rule; getline recipe
			if (recipe != "\t+$(call if_changed_except,ld_ko_o,vmlinux)") exit 1
			print "\t+$(if $(filter $@,$(klp-ko)),$(call if_changed,ld_klp_ko),$(call if_changed_except,ld_ko_o,vmlinux))"
			getline l; print l; getline l
			if (l != "\t+$(if $(newer-prereqs),$(call cmd,btf_ko))") exit 1
			print "\t+$(if $(filter $@,$(klp-ko)),,$(if $(newer-prereqs),$(call cmd,btf_ko)))"
			done++; next }
		{ print }
		END { if (done != 2) exit 1 }' "$a/scripts/Makefile.modfinal" >"$b/scripts/Makefile.modfinal" || {
		echo "scripts/Makefile.modfinal is not the one of Linux 6.12 these changes are written for" >"$why"
		return 1
	}
}
