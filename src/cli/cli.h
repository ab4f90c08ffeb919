/* SPDX-License-Identifier: MIT */
/* The imr command: one function per sub-command, each given its own argv
 * (argv[0] is the sub-command's name). They return the exit status:
 * 0 success, 1 the input was refused, 2 wrong usage. */
#ifndef IMR_CLI_H
#define IMR_CLI_H

#include "imr/base.h"

enum { IMR_EXIT_OK = 0, IMR_EXIT_REFUSED = 1, IMR_EXIT_USAGE = 2 };

int imr__cli_parse(int argc, char **argv);
int imr__cli_request(int argc, char **argv);
int imr__cli_context(int argc, char **argv);
int imr__cli_extract(int argc, char **argv);
int imr__cli_kb(int argc, char **argv);
int imr__cli_intake(int argc, char **argv);
int imr__cli_review(int argc, char **argv);
int imr__cli_eval(int argc, char **argv);
int imr__cli_case(int argc, char **argv);

/* Prints "imr: message" (with file:line:col or JSON path when known) to
 * stderr and returns IMR_EXIT_REFUSED, or IMR_EXIT_USAGE for EUSAGE. */
int imr__cli_fail(const imr_error *err);
/* Prints "imr CMD: message" and the hint to use -h; returns IMR_EXIT_USAGE. */
int imr__cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* True for -h and --help. */
int imr__cli_is_help(const char *arg);

/* An option that takes a value ("--panel FILE"), and where it goes. */
typedef struct imr_cli_flag {
    const char *name;
    const char **slot;
} imr_cli_flag;

/* Reads argv[1..] of a command that takes valued options and one operand
 * (a case file): -h prints `usage` and returns -1; each of `flags` takes
 * the next argument; any other "-x", a flag without its value or a second
 * operand is a usage error (its exit status is returned); the operand goes
 * to *operand. Returns 0 when all was read. */
int imr__cli_read_flags(int argc, char **argv, const char *command,
                        const char *usage, const imr_cli_flag *flags,
                        size_t count, const char **operand);

/* Writes `out` to the file `output` (through a temporary file renamed into
 * place) or, when it is NULL, to standard output; returns the exit
 * status. */
int imr__cli_emit(const char *output, const imr_buf *out);
/* The date of --date (`given`, cut to 10 bytes) or, when it is NULL,
 * today's (UTC), as YYYY-MM-DD: the CLI may read the clock; the library
 * never does. */
void imr__cli_date_or_today(const char *given, char iso[11]);
/* True for a real date written YYYY-MM-DD. */
int imr__cli_is_iso_date(const char *s);

#endif
