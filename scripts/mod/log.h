/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modpost's diagnostics: "WARNING: modpost: ..." / "ERROR: modpost: ..." on
 * stderr.  An error makes the exit status 1 and suppresses later outputs;
 * fatal() is an error that ends the program at once (with the kernel
 * profile's prefix: "ERROR" or "FATAL").
 */
#ifndef MODPOST_LOG_H
#define MODPOST_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

void modpost_log(bool is_error, const char *fmt, ...) PRINTF_LIKE(2, 3);
#define warn(...)	modpost_log(false, __VA_ARGS__)
#define error(...)	modpost_log(true, __VA_ARGS__)
_Noreturn void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* perror(@what) and exit(1): how modpost reports failed file I/O. */
_Noreturn void fatal_perror(const char *what);

/* true once any error has been logged */
bool error_occurred(void);

/*
 * For test drivers that run many inputs in one process (selftests/fuzz):
 * when set, fatal() and fatal_perror() call the hook after their message
 * instead of exit(1); it must not return (the driver longjmp()s back to
 * its loop).  modpost_log_reset() forgets the errors logged so far, so that
 * error_occurred() describes one input.  modpost itself uses neither.
 */
extern void (*modpost_fatal_hook)(void);
void modpost_log_reset(void);

#endif /* MODPOST_LOG_H */
