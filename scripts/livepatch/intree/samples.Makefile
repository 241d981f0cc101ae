
# modpost resolves their non-exported symbols (Documentation/livepatch/modpost-livepatch.rst)
obj-$(CONFIG_SAMPLE_LIVEPATCH) += livepatch-auto-sample.o
obj-$(CONFIG_SAMPLE_LIVEPATCH) += livepatch-annotated-sample.o
obj-$(CONFIG_SAMPLE_LIVEPATCH_SYMPOS) += livepatch-sympos-sample.o
obj-$(CONFIG_SAMPLE_LIVEPATCH_AMBIGUOUS) += livepatch-ambiguous-sample.o
