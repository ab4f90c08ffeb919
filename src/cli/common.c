/* SPDX-License-Identifier: MIT */
/* What several sub-commands share: writing their output, today's date and
 * checking a --date. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

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
