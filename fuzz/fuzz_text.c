/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the base text helpers that read untrusted letters:
 * imr_text_parse_date and imr_text_reflow, with the invariants their
 * callers rely on checked after every call. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imr/base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* A date that parses is "YYYY-MM-DD" with a real month and day, read from
 * no more bytes than it was given. */
static void check_date(const char *s, size_t len)
{
    char iso[11];
    size_t used, i;
    int month, day;

    memset(iso, 'Z', sizeof(iso));
    used = imr_text_parse_date(s, len, iso);
    if(used == 0)
        return;
    if(used > len || iso[10] != '\0' || iso[4] != '-' || iso[7] != '-')
        abort();
    for(i = 0; i < 10; i++) {
        if(i != 4 && i != 7 && !is_digit(iso[i]))
            abort();
    }
    month = (iso[5] - '0') * 10 + (iso[6] - '0');
    day = (iso[8] - '0') * 10 + (iso[9] - '0');
    if(month < 1 || month > 12 || day < 1 || day > 31)
        abort();
}

/* Reflowed text is never longer than its input, has no white space at
 * either end, no line breaks, and no two white-space bytes in a row. */
static void check_reflow(const char *s, size_t len)
{
    imr_buf out;
    size_t i;

    imr_buf_init(&out);
    imr_buf_puts(&out, ">");
    imr_text_reflow(&out, s, len);
    if(out.len - 1 > len || out.data[out.len] != '\0')
        abort();
    for(i = 1; i < out.len; i++) {
        char c = out.data[i];
        if(c == '\n' || c == '\r' || c == '\f' || c == '\t' || c == '\v')
            abort();
        if(c == ' ' && (i == 1 || i + 1 == out.len || out.data[i - 1] == ' '))
            abort();
    }
    imr_buf_fini(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t i, limit = size < 64 ? size : 64;

    /* Dates are looked for at many offsets of a line, so try a few. */
    for(i = 0; i < limit; i++) {
        if(i == 0 || is_space(s[i - 1]))
            check_date(s + i, size - i);
    }
    check_reflow(s, size);
    return 0;
}
