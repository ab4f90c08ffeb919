/* SPDX-License-Identifier: MIT */
/* What several sub-commands share: reading their options, writing their
 * output, today's date and checking a --date. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char **flag_slot(const imr_cli_flag *flags, size_t count,
                              const char *arg)
{
    size_t k;
    for(k = 0; k < count; k++) {
        if(strcmp(arg, flags[k].name) == 0)
            return flags[k].slot;
    }
    return NULL;
}

int imr__cli_read_flags(int argc, char **argv, const char *command,
                        const char *usage, const imr_cli_flag *flags,
                        size_t count, const char **operand)
{
    int i;
    for(i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = flag_slot(flags, count, a);
        if(imr__cli_is_help(a)) {
            fputs(usage, stdout);
            return -1;
        }
        if(slot) {
            if(i + 1 >= argc)
                return imr__cli_usage_error(command, "%s needs a value", a);
            *slot = argv[++i];
        }
        else if(a[0] == '-' && a[1])
            return imr__cli_usage_error(command, "unknown option \"%s\"", a);
        else if(*operand)
            return imr__cli_usage_error(command, "one case file at a time");
        else
            *operand = a;
    }
    return 0;
}

int imr__cli_emit(const char *output, const imr_buf *out)
{
    imr_error err;
    imr_error_clear(&err);
    if(!output) {
        fwrite(out->data, 1, out->len, stdout);
        return fflush(stdout) == 0 ? IMR_EXIT_OK : IMR_EXIT_REFUSED;
    }
    if(imr_file_write_atomic(output, out->data, out->len, &err) != IMR_OK)
        return imr__cli_fail(&err);
    return IMR_EXIT_OK;
}

void imr__cli_date_or_today(const char *given, char iso[11])
{
    time_t now;
    struct tm tm;

    if(given) {
        snprintf(iso, 11, "%s", given);
        return;
    }
    now = time(NULL);
    gmtime_r(&now, &tm);
    strftime(iso, 11, "%Y-%m-%d", &tm);
}

int imr__cli_is_iso_date(const char *s)
{
    char iso[11];
    return strlen(s) == 10 && imr_text_parse_date(s, 10, iso) == 10 &&
           strcmp(iso, s) == 0;
}
