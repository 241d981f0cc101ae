# SPDX-License-Identifier: GPL-2.0
#
# modpost with built-in livepatch conversion.
#
#   make            build build/modpost for the target kernel build tree KDIR
#   make deps       install the Debian packages the build and the tests need
#   make check      run every test (installs what is missing first)
#   make bench      benchmarks against the stock modpost
#
# KDIR defaults to the newest Debian 6.12 headers tree installed by
# `make deps`.

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

KDIR ?= $(shell $(TOP)/scripts/kdir.sh default 2>/dev/null)
BUILD ?= $(TOP)/build

CC ?= cc
CFLAGS ?= -O2 -g
WARNFLAGS := -Wall -Wextra -Werror
STDFLAGS := -std=c11 -D_GNU_SOURCE
CPPFLAGS_MODPOST := -I$(TOP)/scripts/mod -I$(BUILD)/generated -I$(TOP)/include/uapi

MODPOST_SRCS := $(sort $(wildcard $(TOP)/scripts/mod/*.c $(TOP)/scripts/livepatch/*.c))
MODPOST_OBJS := $(patsubst $(TOP)/%.c,$(BUILD)/obj/%.o,$(MODPOST_SRCS))
MODPOST := $(BUILD)/modpost

# Generated headers (device-table layouts of the target kernel, ...) are
# listed here by the fragments that produce them.
GENERATED_HEADERS :=

-include $(TOP)/scripts/mod/Makefile.generated

.PHONY: all deps check bench clean sanitize

all: $(MODPOST)

$(MODPOST): $(MODPOST_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

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

deps:
	$(TOP)/scripts/deps.sh

check:
	$(TOP)/selftests/run-all.sh

bench: all
	$(TOP)/selftests/bench/run.sh

clean:
	rm -rf $(BUILD)
