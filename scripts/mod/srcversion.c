// SPDX-License-Identifier: GPL-2.0
/*
 * srcversion: a checksum over the source files a module was built from,
 * emitted as MODULE_INFO(srcversion, "...") in the .mod.c file.
 *
 * The value must be bit-for-bit what the stock modpost prints, so this file
 * reproduces its choices, quirks included:
 *
 *  - the files: every object listed in <module>.mod (except static
 *    libraries), and for each object the source file and those dependency
 *    files that its .cmd file lists and that sit directly in the object's
 *    directory;
 *  - the text: whitespace, backslash-newline pairs and C block comments are
 *    left out, string literals are kept verbatim;
 *  - the hash: MD4 (RFC 1320) except that each 32-bit message word is read
 *    big-endian (the stock code converts them with ntohl), while the two
 *    length words keep their numeric value; the digest words go through
 *    htonl before being printed as %08X, and the text is cut to the caller's
 *    buffer (23 characters for struct module's srcversion).
 */
#include <arpa/inet.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modpost.h"

/* ---- the MD4 variant ---- */

struct src_hash {
	uint32_t state[4];
	unsigned char block[64];
	unsigned int fill;	/* bytes waiting in block[] */
	uint64_t total;		/* bytes hashed so far */
};

static uint32_t rotate_left(uint32_t x, unsigned int n)
{
	return (x << n) | (x >> (32 - n));
}

/* RFC 1320 §3.4: the three auxiliary functions. */
static uint32_t md4_f(uint32_t x, uint32_t y, uint32_t z)
{
	return (x & y) | (~x & z);
}

static uint32_t md4_g(uint32_t x, uint32_t y, uint32_t z)
{
	return (x & y) | (x & z) | (y & z);
}

static uint32_t md4_h(uint32_t x, uint32_t y, uint32_t z)
{
	return x ^ y ^ z;
}

/*
 * Per round: which message word each of the 16 steps adds, the four
 * rotation amounts (they repeat every four steps), and the constant.
 */
struct md4_round {
	uint32_t (*mix)(uint32_t, uint32_t, uint32_t);
	unsigned char word[16];
	unsigned char shift[4];
	uint32_t constant;
};

static const struct md4_round md4_rounds[3] = {
	{ md4_f, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	  { 3, 7, 11, 19 }, 0 },
	{ md4_g, { 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15 },
	  { 3, 5, 9, 13 }, 0x5A827999 },
	{ md4_h, { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 },
	  { 3, 9, 11, 15 }, 0x6ED9EBA1 },
};

static void md4_compress(uint32_t state[4], const uint32_t x[16])
{
	uint32_t v[4];

	memcpy(v, state, sizeof(v));
	for (unsigned int r = 0; r < 3; r++) {
		const struct md4_round *rd = &md4_rounds[r];

		for (unsigned int step = 0; step < 16; step++) {
			/*
			 * The register updated cycles a, d, c, b; the other
			 * three follow it in a, b, c, d order (wrapping).
			 */
			unsigned int t = (4 - (step & 3)) & 3;
			uint32_t sum = v[t] +
				rd->mix(v[(t + 1) & 3], v[(t + 2) & 3], v[(t + 3) & 3]) +
				x[rd->word[step]] + rd->constant;

			v[t] = rotate_left(sum, rd->shift[step & 3]);
		}
	}
	for (unsigned int i = 0; i < 4; i++)
		state[i] += v[i];
}

/* The stock deviation: message words are taken big-endian. */
static uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void hash_block(struct src_hash *h, unsigned int nwords)
{
	uint32_t x[16] = { 0 };

	for (unsigned int i = 0; i < nwords; i++)
		x[i] = load_be32(h->block + 4 * i);
	md4_compress(h->state, x);
}

static void src_hash_init(struct src_hash *h)
{
	/* RFC 1320 §3.3 */
	h->state[0] = 0x67452301;
	h->state[1] = 0xefcdab89;
	h->state[2] = 0x98badcfe;
	h->state[3] = 0x10325476;
	h->fill = 0;
	h->total = 0;
}

static void src_hash_byte(struct src_hash *h, unsigned char c)
{
	h->block[h->fill++] = c;
	h->total++;
	if (h->fill == sizeof(h->block)) {
		hash_block(h, 16);
		h->fill = 0;
	}
}

static void src_hash_final(struct src_hash *h, char *out, unsigned int outlen)
{
	uint32_t x[16] = { 0 };

	/* RFC 1320 §3.1: a 1 bit, then zeros up to 56 bytes modulo 64 */
	h->block[h->fill++] = 0x80;
	if (h->fill > 56) {
		memset(h->block + h->fill, 0, sizeof(h->block) - h->fill);
		hash_block(h, 16);
		h->fill = 0;
	}
	memset(h->block + h->fill, 0, 56 - h->fill);

	/*
	 * §3.2: the bit length, low word first.  The stock code stores these
	 * two words as numbers and leaves them out of the byte-order
	 * conversion, so they are not byte-swapped like the rest.
	 */
	for (unsigned int i = 0; i < 14; i++)
		x[i] = load_be32(h->block + 4 * i);
	x[14] = (uint32_t)(h->total << 3);
	x[15] = (uint32_t)(h->total >> 29);
	md4_compress(h->state, x);

	/* htonl: the printed value depends on host byte order, as in stock */
	snprintf(out, outlen, "%08X%08X%08X%08X",
		 (unsigned int)htonl(h->state[0]), (unsigned int)htonl(h->state[1]),
		 (unsigned int)htonl(h->state[2]), (unsigned int)htonl(h->state[3]));
}

/* ---- which bytes of a file are hashed ---- */

/* isspace() in the C locale (modpost never calls setlocale) */
static bool is_c_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/*
 * Hash the significant characters of @path.  The file is taken as a C
 * string (it ends at a NUL byte, as in stock).
 */
static void hash_source_file(const char *path, struct src_hash *h)
{
	char *text = read_text_file(path);
	size_t len = strlen(text);
	size_t i = 0;

	while (i < len) {
		char c = text[i];

		if (c == '\\' && i + 1 < len && text[i + 1] == '\n') {
			i += 2;		/* line continuation */
		} else if (is_c_space(c)) {
			i++;
		} else if (c == '"') {
			/*
			 * A string literal, quotes included, byte for byte.
			 * It ends at the first '"' not preceded by a
			 * backslash, so, as in stock, the literal "a\\"
			 * does not end at its closing quote.  An unterminated
			 * string runs to the end of the file.
			 */
			src_hash_byte(h, c);
			for (i++; i < len; i++) {
				src_hash_byte(h, text[i]);
				if (text[i] == '"' && text[i - 1] != '\\')
					break;
			}
			i++;
		} else if (c == '/' && text[i + 1] == '*') {
			/*
			 * A block comment: dropped.  As in stock, the closing
			 * star-slash may reuse the opening star, so the three
			 * characters slash-star-slash make a whole comment.
			 * An unterminated comment runs to the end of file.
			 */
			for (i += 2; i < len; i++)
				if (text[i - 1] == '*' && text[i] == '/')
					break;
			i++;
		} else {
			src_hash_byte(h, c);	/* "//" comments included */
			i++;
		}
	}
	free(text);
}

/* ---- which files are hashed ---- */

/*
 * The stock test for "dependency in the object's directory" is
 *	strstr(dep, dir) + strlen(dir) - 1 == strrchr(dep, '/')
 * i.e. the first occurrence of @dir must end at the last '/' of @dep.
 * Its corner cases are kept: an empty @dir (object without a directory)
 * never matches, and when @dir does not occur the pointer arithmetic on
 * NULL makes the test true exactly for @dir "/" and a @dep with no '/'.
 */
static bool dep_in_object_dir(const char *dep, const char *dir, size_t dirlen)
{
	const char *last_slash = strrchr(dep, '/');
	const char *hit;

	if (dirlen == 0)
		return false;
	hit = strstr(dep, dir);
	if (!hit)
		return dirlen == 1 && !last_slash;
	return hit + dirlen - 1 == last_slash;
}

/*
 * Hash the sources of object @obj ("dir/x.o") named by "dir/.x.o.cmd".
 * Returns false on a malformed source_ line: stock then gives up on the
 * whole module and leaves its srcversion unset.
 */
static bool hash_object_sources(const char *obj, struct src_hash *h)
{
	const char *slash = strrchr(obj, '/');
	size_t dirlen = slash ? (size_t)(slash + 1 - obj) : 0;
	size_t cmdlen = strlen(obj) + sizeof("..cmd");
	char *cmd_path = xmalloc(cmdlen);
	char *dir = xstrndup(obj, dirlen);
	char *text, *pos, *line;
	bool in_deps = false, ok = true;

	snprintf(cmd_path, cmdlen, "%s.%s.cmd", dir, obj + dirlen);
	text = read_text_file(cmd_path);

	pos = text;
	while ((line = text_next_line(&pos))) {
		size_t len;

		while (is_c_space(*line))
			line++;

		if (str_starts(line, "source_")) {
			/* "source_<obj> := <file>": the file is the last word */
			char *file = strrchr(line, ' ');

			if (!file) {
				warn("malformed line: %s\n", line);
				ok = false;
				break;
			}
			hash_source_file(file + 1, h);
			continue;
		}
		if (str_starts(line, "deps_")) {
			in_deps = true;
			continue;
		}
		if (!in_deps)
			continue;

		/*
		 * Dependencies are the "  <file> \" lines after deps_; the
		 * first line without the trailing backslash ends the scan
		 * (so fixdep's last entry is never looked at).
		 */
		len = strlen(line);
		if (len == 0 || line[len - 1] != '\\')
			break;
		for (char *p = line; *p; p++) {
			if (is_c_space(*p)) {
				*p = '\0';
				break;
			}
		}
		if (dep_in_object_dir(line, dir, dirlen))
			hash_source_file(line, h);
	}

	free(text);
	free(dir);
	free(cmd_path);
	return ok;
}

void get_src_version(const char *modname, char sum[], unsigned int sumlen)
{
	/* stock builds the name in a PATH_MAX + 1 buffer: same truncation */
	char list_path[PATH_MAX + 1];
	struct src_hash h;
	char *text, *pos;

	snprintf(list_path, sizeof(list_path), "%s.mod", modname);
	text = read_text_file(list_path);

	src_hash_init(&h);
	pos = text;
	while (pos) {
		/* one object per line; empty lines are skipped */
		char *obj = pos;
		char *nl = strchr(pos, '\n');
		size_t len;

		if (nl)
			*nl++ = '\0';
		pos = nl;

		len = strlen(obj);
		if (len == 0)
			continue;
		/* static libraries (names ending in ".a") are skipped, as in stock */
		if (len >= 2 && obj[len - 2] == '.' && obj[len - 1] == 'a')
			continue;
		if (!hash_object_sources(obj, &h)) {
			free(text);
			return;
		}
	}
	src_hash_final(&h, sum, sumlen);
	free(text);
}
