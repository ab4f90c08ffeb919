/* SPDX-License-Identifier: MIT */
/* One scratch folder for a test run: made on first use under $TMPDIR (or
 * /tmp), removed with everything in it at exit, even when a test fails
 * half way. A child process must leave with _exit, or it removes it too. */
#ifndef IMR_TESTS_SCRATCH_H
#define IMR_TESTS_SCRATCH_H

#include <stddef.h>

/* The folder's path. */
const char *scratch_dir(void);
/* The path of `name` in the folder, written to `out`. */
const char *scratch_path(const char *name, char *out, size_t size);
/* Removes a folder and everything below it. */
void remove_tree(const char *dir);

#endif
