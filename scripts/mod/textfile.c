// SPDX-License-Identifier: GPL-2.0
/* Text files (textfile.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "textfile.h"
#include "xalloc.h"

char *text_next_line(char **pos)
{
	char *line = *pos, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl)
		*nl++ = '\0';
	*pos = nl;
	return line;
}

char *read_text_file(const char *path)
{
	struct stat st;
	size_t done = 0;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		fatal_perror(path);

	buf = xmalloc((size_t)st.st_size + 1);
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, st.st_size - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			fatal_perror(path);
		}
		if (n == 0)	/* shrank while reading: use what is there */
			break;
		done += n;
	}
	buf[done] = '\0';
	close(fd);
	return buf;
}
