/* SPDX-License-Identifier: MIT */
/* `imr kb check [--kb DIR]`: loads the knowledge base and says what it
 * holds, or prints the first refusal as file:line:col: message. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "imr/intake.h"
#include "imr/kb.h"

static const char usage[] =
    "usage: imr kb check [--kb DIR]\n"
    "\n"
    "Loads the knowledge base: every DIR/guidelines/*.rules file, checked\n"
    "against DIR/vocabulary.tsv, DIR/services.tsv and DIR/body_regions.tsv\n"
    "(docs/rules.md), and the intake tables DIR/holidays.tsv,\n"
    "DIR/specialties.tsv and DIR/us_states.tsv (docs/intake.md). Prints what\n"
    "they hold and the version, or the first refusal as FILE:LINE:COL:\n"
    "MESSAGE.\n"
    "A table DIR lacks is read from the default knowledge base, so DIR may\n"
    "hold only rules.\n"
    "\n"
    "options:\n"
    "  --kb DIR   the knowledge base (default: $IMR_KB, else the built-in)\n"
    "  -h         this help\n"
    "\n"
    "Exit status: 0 the base loads, 1 it is refused, 2 wrong usage.\n";

static int is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The intake tables, checked against the services and regions of the
 * catalogue (the default one when kb_dir has no services.tsv). */
static int check_intake(const char *kb_dir)
{
    char services[1100];
    imr_catalogue *cat = NULL;
    imr_intake_rules *rules = NULL;
    size_t holidays, rows, states;
    int first, last, rc = IMR_EXIT_OK;
    imr_error err;

    snprintf(services, sizeof(services), "%s/services.tsv", kb_dir);
    imr_error_clear(&err);
    if(imr_catalogue_load(file_exists(services) ? kb_dir
                                                : imr_kb_default_dir(),
                          &cat, &err) != IMR_OK ||
       imr_intake_rules_load(kb_dir, cat, &rules, &err) != IMR_OK) {
        rc = imr__cli_fail(&err);
    }
    else {
        imr_intake_rules_counts(rules, &holidays, &first, &last, &rows,
                                &states);
        printf("intake: %zu holidays (%d to %d), %zu specialty rows, %zu "
               "states\n",
               holidays, first, last, rows, states);
    }
    imr_intake_rules_free(rules);
    imr_catalogue_free(cat);
    return rc;
}

static int check(const char *kb_dir)
{
    imr_kb *kb = NULL;
    imr_error err;
    size_t guidelines, topics, criteria;
    char rules[1100];

    imr_error_clear(&err);
    if(imr_kb_load(kb_dir, &kb, &err) != IMR_OK)
        return imr__cli_fail(&err);
    imr_kb_counts(kb, &guidelines, &topics, &criteria);
    printf("kb: %zu guideline%s, %zu topic%s, %zu criteri%s (version %s)\n",
           guidelines, guidelines == 1 ? "" : "s", topics,
           topics == 1 ? "" : "s", criteria, criteria == 1 ? "on" : "a",
           imr_kb_version(kb));
    snprintf(rules, sizeof(rules), "%s/guidelines", kb_dir);
    if(guidelines == 0)
        printf("note: %s \"%s\", so no guideline criteria apply\n",
               is_folder(rules) ? "no guideline in" : "there is no folder",
               rules);
    imr_kb_release(kb);
    return check_intake(kb_dir);
}

int imr__cli_kb(int argc, char **argv)
{
    const char *kb_dir = imr_kb_default_dir();
    int i;

    if(argc < 2)
        return imr__cli_usage_error("kb", "missing the sub-command (check)");
    if(imr__cli_is_help(argv[1])) {
        fputs(usage, stdout);
        return IMR_EXIT_OK;
    }
    if(strcmp(argv[1], "check") != 0)
        return imr__cli_usage_error("kb", "unknown sub-command \"%s\"",
                                    argv[1]);
    for(i = 2; i < argc; i++) {
        if(imr__cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return IMR_EXIT_OK;
        }
        if(strcmp(argv[i], "--kb") != 0)
            return imr__cli_usage_error("kb", "unknown argument \"%s\"",
                                        argv[i]);
        if(i + 1 >= argc)
            return imr__cli_usage_error("kb", "--kb needs a folder");
        kb_dir = argv[++i];
    }
    return check(kb_dir);
}
