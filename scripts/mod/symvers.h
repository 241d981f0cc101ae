/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODPOST_SYMVERS_H
#define MODPOST_SYMVERS_H

void read_dump(const char *fname);
void write_dump(const char *fname);
void write_namespace_deps_file(const char *fname);

#endif
