/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The library modpost and its extensions are written with: messages
 * (log.h), allocation (xalloc.h), text buffers (buffer.h), string lists
 * (strlist.h), text files read (textfile.h) and written atomically
 * (output.h), and string helpers (strutil.h).
 * It knows nothing of modules or symbols (modpost.h) or of ELF
 * (elffile.h).
 */
#ifndef MODPOST_LIB_H
#define MODPOST_LIB_H

#include "buffer.h"
#include "log.h"
#include "output.h"
#include "strlist.h"
#include "strutil.h"
#include "textfile.h"
#include "xalloc.h"

#endif /* MODPOST_LIB_H */
