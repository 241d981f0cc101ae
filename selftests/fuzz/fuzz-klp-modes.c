// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "klp-modes": the inspection modes on a linked module, as a
 * user runs them:
 *
 *   modpost --klp-dump lp.ko
 *   modpost --klp-check lp.ko          and with --strict
 *   modpost --klp-verify lp.ko --release none --map <fixed System.map>
 *           --modules <empty dir> --symvers <fixed Module.symvers>
 *
 * The input is the .ko (seeds: the project's livepatch modules, finalized
 * and not, and ordinary modules).  The target kernel is fixed (fuzz.h), so
 * no module of the machine is read.  Exit statuses are not judged: only
 * that each mode ends by returning or by fatal().
 */
#include <string.h>

#include "fuzz.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *dump[] = { "modpost", "--klp-dump", "lp.ko", NULL };
	static char *check[] = { "modpost", "--klp-check", "lp.ko", NULL };
	static char *strict[] = { "modpost", "--klp-check", "--strict", "lp.ko", NULL };
	static char *verify[] = {
		"modpost", "--klp-verify", "lp.ko", "--release", "none",
		"--map", FUZZ_TARGET_MAP, "--modules", FUZZ_TARGET_MODULES,
		"--symvers", FUZZ_TARGET_SYMVERS, NULL,
	};

	fuzz_begin();
	fuzz_write("lp.ko", data, size);
	fuzz_run_mode(dump);
	fuzz_run_mode(check);
	fuzz_run_mode(strict);
	fuzz_run_mode(verify);
	return 0;
}
