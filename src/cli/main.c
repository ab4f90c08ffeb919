/* SPDX-License-Identifier: MIT */
/* The imr command: finds the sub-command and hands it its arguments. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"parse", imr__cli_parse,
     "published determination letters (.txt or .pdf) -> JSON"},
    {"request", imr__cli_request, "one treatment request -> JSON"},
    {"context", imr__cli_context, "concept TAB sentence lines -> ConText"},
    {"intake", imr__cli_intake,
     "a case's eligibility, due dates and reviewer from a panel"},
    {"review", imr__cli_review,
     "a case file decided: the letter (text, html, pdf) or json"},
    {"eval", imr__cli_eval,
     "re-decide published letters and report agreement"},
    {"extract", imr__cli_extract,
     "clinical facts of a record, letter summary or case file -> JSON"},
    {"kb", imr__cli_kb, "check the knowledge base (kb check)"},
    {"case", imr__cli_case,
     "the case store: add, assign a reviewer, decide, letter, list, log"},
};

static void print_help(FILE *out)
{
    size_t i;
    fprintf(out, "usage: imr COMMAND [ARGS...]\n\n"
                 "Independent Medical Review engine.\n\ncommands:\n");
    for(i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-10s %s\n\n", "help", "this list");
    fprintf(out, "Run 'imr COMMAND -h' for a command's options.\n"
                 "Exit status: 0 success, 1 input refused, 2 wrong usage.\n");
}

int imr__cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int imr__cli_fail(const imr_error *err)
{
    char msg[1200];
    fprintf(stderr, "imr: %s\n", imr_error_format(err, msg, sizeof(msg)));
    return err->status == IMR_EUSAGE ? IMR_EXIT_USAGE : IMR_EXIT_REFUSED;
}

int imr__cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "imr %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nRun 'imr %s -h' for usage.\n", cmd);
    return IMR_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    size_t i;

    if(argc < 2) {
        print_help(stderr);
        return IMR_EXIT_USAGE;
    }
    if(strcmp(argv[1], "help") == 0 || imr__cli_is_help(argv[1])) {
        print_help(stdout);
        return IMR_EXIT_OK;
    }
    if(strcmp(argv[1], "--version") == 0) {
        printf("imr %s\n", IMR_CLI_VERSION);
        return IMR_EXIT_OK;
    }
    for(i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if(strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "imr: unknown command \"%s\"\nRun 'imr help' for the list.\n",
            argv[1]);
    return IMR_EXIT_USAGE;
}
