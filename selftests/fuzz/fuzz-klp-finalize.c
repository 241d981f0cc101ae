// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target "klp-finalize": the post-link step on a linked module,
 * `modpost --klp-finalize -o out.ko in.ko`, and what it wrote read back.
 *
 * The input is the .ko (seeds: the project's livepatch modules before the
 * post-link step, with their .klp.modpost record and annotations).  When
 * finalize writes an output (it did not end in fatal()), that output must
 * keep what finalize promises (checked here):
 *
 *  - it is an object modpost's own reader accepts (elf_open());
 *  - it has no record left (an empty .klp.modpost);
 *  - finalizing it again changes nothing (byte for byte);
 *
 * and --klp-check and --klp-dump run on it (their verdicts are not
 * judged: the input may have carried any damage finalize does not touch).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "klp-record.h"


struct reread {
	struct elf_file elf;
	bool opened;
	bool record_present;
};

static void reread(void *arg)
{
	struct reread *rr = arg;
	struct klp_record rec;

	rr->opened = elf_open(&rr->elf, "out.ko") == ELF_OPEN_OK;
	if (!rr->opened)
		return;
	klp_record_read(&rr->elf, "out.ko", KLP_RECORD_LENIENT, &rec);
	rr->record_present = rec.present;
	klp_record_free(&rec);
}

static unsigned char *slurp(const char *path, size_t *size)
{
	struct stat st;
	unsigned char *p;
	int fd = open(path, O_RDONLY);

	fuzz_assert(fd >= 0 && fstat(fd, &st) == 0, "cannot read %s", path);
	p = malloc(st.st_size ? st.st_size : 1);
	fuzz_assert(p && read(fd, p, st.st_size) == st.st_size, "cannot read %s", path);
	close(fd);
	*size = st.st_size;
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *finalize[] = { "modpost", "--klp-finalize", "-o", "out.ko", "in.ko", NULL };
	static char *again[] = { "modpost", "--klp-finalize", "-o", "again.ko", "out.ko", NULL };
	static char *check[] = { "modpost", "--klp-check", "out.ko", NULL };
	static char *dump[] = { "modpost", "--klp-dump", "out.ko", NULL };
	struct reread rr = { 0 };
	unsigned char *out, *out2;
	size_t out_size, out2_size;

	fuzz_begin();
	fuzz_write("in.ko", data, size);
	fuzz_write("out.ko", NULL, 0);
	fuzz_write("again.ko", NULL, 0);
	if (!fuzz_run_mode(finalize) || !fuzz_exists("out.ko"))
		return 0;

	fuzz_assert(fuzz_call(reread, &rr) && rr.opened,
		    "modpost cannot read the module --klp-finalize wrote");
	fuzz_assert(!rr.record_present, "--klp-finalize left the record in its output");
	elf_close(&rr.elf);

	fuzz_assert(fuzz_run_mode(again) && fuzz_exists("again.ko"),
		    "--klp-finalize fails on its own output");
	out = slurp("out.ko", &out_size);
	out2 = slurp("again.ko", &out2_size);
	fuzz_assert(out_size == out2_size && memcmp(out, out2, out_size) == 0,
		    "--klp-finalize changes its own output again");
	free(out);
	free(out2);

	fuzz_run_mode(check);
	fuzz_run_mode(dump);
	return 0;
}
