// SPDX-License-Identifier: GPL-2.0
/*
 * A plain main() for a fuzz target, without libFuzzer (regress.sh): runs
 * every file named on the command line through LLVMFuzzerTestOneInput(),
 * in order, in one process, as libFuzzer would.  "RUN <file>" goes to
 * stderr before each input, so that a sanitizer report names its input;
 * "DONE <n>" after the last.  Exit status 0 when every input ran.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static unsigned char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
			if (!buf) {
				fclose(f);
				return NULL;
			}
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	*size = len;
	return buf;
}

int main(int argc, char **argv)
{
	/* the targets silence the stream stderr (fuzz.h): keep ours */
	FILE *log = stderr;
	int ran = 0;

	for (int i = 1; i < argc; i++) {
		size_t size = 0;
		unsigned char *data = read_file(argv[i], &size);

		if (!data) {
			fprintf(log, "driver: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		fprintf(log, "RUN %s\n", argv[i]);
		fflush(log);
		/* exactly the input's size, as libFuzzer hands it over */
		data = realloc(data, size ? size : 1);
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		ran++;
	}
	fprintf(log, "DONE %d\n", ran);
	return 0;
}
