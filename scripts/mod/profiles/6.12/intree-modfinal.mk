# A livepatch module: linked, given its BTF, then converted by modpost
# --klp-finalize with the positions of the final vmlinux, against which its
# klp_func entries are judged too; so it depends on vmlinux, and is linked
# again when vmlinux changes.  Nothing may rewrite the module after the
# conversion (pahole's objcopy would drop SHF_INFO_LINK of the .klp.rela
# sections), so the BTF step is part of this command.
quiet_cmd_ld_klp_ko = LD [M]  $@
      cmd_ld_klp_ko = $(cmd_ld_ko_o);$(if $(CONFIG_DEBUG_INFO_BTF_MODULES), $(cmd_btf_ko)) \
	scripts/mod/modpost --klp-finalize --vmlinux vmlinux $@

$(klp-ko): $(and $(KBUILD_BUILTIN),vmlinux)
