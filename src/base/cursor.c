/* SPDX-License-Identifier: MIT */
/* A read position that knows its line and column. */
#include "imr/base.h"

#include <stdlib.h>

void imr_cursor_init(imr_cursor *cur, const char *text, size_t len)
{
    cur->start = text;
    cur->pos = text;
    cur->end = text + len;
    cur->line = 1;
    cur->column = 1;
}

int imr_cursor_at_end(const imr_cursor *cur)
{
    return cur->pos >= cur->end;
}

void imr_cursor_advance(imr_cursor *cur, size_t n)
{
    while(n-- && cur->pos < cur->end) {
        if(*cur->pos == '\n') {
            cur->line++;
            cur->column = 1;
        }
        else {
            cur->column++;
        }
        cur->pos++;
    }
}

void imr_cursor_skip_blanks(imr_cursor *cur)
{
    while(cur->pos < cur->end &&
          (*cur->pos == ' ' || *cur->pos == '\t' || *cur->pos == '\r' ||
           *cur->pos == '\n' || *cur->pos == '\f'))
        imr_cursor_advance(cur, 1);
}
