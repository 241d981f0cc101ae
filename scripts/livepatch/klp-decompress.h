/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module files as images in memory (klp-index-decompress.c): .ko files
 * are mapped, .ko.xz/.ko.zst/.ko.gz are decompressed by the system's tools
 * in a small process pool.  Used by the symbol index and for the debug
 * info of compressed modules.
 */
#ifndef KLP_DECOMPRESS_H
#define KLP_DECOMPRESS_H

#include <stddef.h>

/*
 * Called in the parent for each file, in completion order: @data/@size is
 * the decompressed (or, for a plain .ko, mapped) image, owned by the pool
 * and released after the call.  Not called for files that failed.
 */
typedef void (*klp_image_fn)(const char *path, void *data, size_t size, void *arg);

/* Read @n files, decompressing .xz/.zst/.gz with the system tools in parallel. */
void klp_read_images(const char *const *paths, size_t n, klp_image_fn fn, void *arg);

#endif /* KLP_DECOMPRESS_H */
