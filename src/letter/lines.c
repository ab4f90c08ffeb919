/* SPDX-License-Identifier: MIT */
/* Letter text as pdftotext writes it, cut into trimmed non-blank lines with
 * page footers dropped, and ranges of lines joined back into running text. */
#include "letter_int.h"

#include <stdint.h>
#include <string.h>

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static size_t skip_digits(const char *s, size_t len, size_t i)
{
    while(i < len && is_digit((unsigned char)s[i]))
        i++;
    return i;
}

/* "CM14-0214165" alone on a line: the case number printed on every page. */
static int is_case_number(const char *s, size_t len)
{
    return len == 12 && (s[0] == 'C') && (s[1] == 'M') &&
           skip_digits(s, len, 2) == 4 && s[4] == '-' &&
           skip_digits(s, len, 5) == len;
}

/* "Page 2 of 4", "Page 2", "2", "- 2 -": the page furniture pdftotext
 * keeps. (A lone case number is furniture too, but on a cover page it is a
 * value, so only running text drops it: see imr__letter_join.) */
static int is_page_footer(const char *s, size_t len)
{
    size_t i = 0, d;

    if(len > 20)
        return 0;
    if(imr_text_istarts(s, len, "page ")) {
        i = 5;
        d = skip_digits(s, len, i);
        if(d == i)
            return 0;
        if(d == len)
            return 1;
        return imr_text_istarts(s + d, len - d, " of ") &&
               skip_digits(s, len, d + 4) == len && d + 4 < len;
    }
    if(s[0] == '-' && len >= 3 && s[len - 1] == '-') {
        i = 1;
        while(i < len && s[i] == ' ')
            i++;
        d = skip_digits(s, len, i);
        while(d < len && s[d] == ' ')
            d++;
        return d > i && d == len - 1;
    }
    return skip_digits(s, len, 0) == len;
}

/* Room for twice the lines: a bigger array in the arena (the old one
 * stays there until the arena is reset). */
static void grow_lines(letter_lines *out, size_t *cap, imr_arena *arena)
{
    letter_line *bigger =
        imr_arena_alloc(arena, 2 * *cap * sizeof(letter_line));
    memcpy(bigger, out->lines, out->count * sizeof(letter_line));
    out->lines = bigger;
    *cap *= 2;
}

void imr__letter_split_lines(const char *text, size_t len, imr_arena *arena,
                             letter_lines *out)
{
    const char *p = text, *end = text + len;
    unsigned number = 0;
    /* A guess from the length (letters' lines average over 24 bytes), not
     * a count: counting would read the text twice. */
    size_t cap = len / 24 + 16;

    out->lines = imr_arena_alloc(arena, cap * sizeof(letter_line));
    out->count = 0;
    while(p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        const char *s = p;
        size_t n = (size_t)(stop - p);

        number++;
        p = nl ? nl + 1 : end;
        imr_text_trim(&s, &n);
        if(n == 0 || is_page_footer(s, n))
            continue;
        if(out->count == cap)
            grow_lines(out, &cap, arena);
        out->lines[out->count].text = s;
        out->lines[out->count].len = n;
        out->lines[out->count].number = number;
        out->count++;
    }
}

/* Copies one byte of a trimmed line, dropping a space that follows a
 * space; returns 0 for a control byte, which only reflowing handles. */
static int put_collapsing(char **dst, unsigned char c, int *prev_space)
{
    if(c < 0x20)
        return 0;
    if(c == ' ' && *prev_space)
        return 1;
    *prev_space = c == ' ';
    *(*dst)++ = (char)c;
    return 1;
}

/* Gives up an append: the buffer ends where it did. */
static int give_up_append(imr_buf *buf)
{
    buf->data[buf->len] = '\0';
    return 0;
}

/* What reflowing does to a trimmed line with no control byte: each run of
 * spaces becomes one ("disputed items.  He" is common). Eight bytes at a
 * time while they hold neither a control byte nor two spaces in a row (the
 * bit tricks may flag a byte that is fine; a flagged word is copied byte by
 * byte). Returns 0, having appended nothing, when the line has a control
 * byte. */
static int append_collapsing_spaces(imr_buf *buf, const char *s, size_t n)
{
    size_t i = 0, k;
    int prev_space = 0;
    char *dst;

    imr_buf_reserve(buf, n);
    dst = buf->data + buf->len;
    for(; i + 8 <= n; i += 8) {
        uint64_t w, sp;
        memcpy(&w, s + i, 8);
        sp = imr_word_equal(w, ' '); /* the spaces' high bits */
        if(!imr_word_below(w, 0x20) && (sp & (sp >> 8)) == 0 &&
           !(prev_space && (sp & 0x80u))) {
            memcpy(dst, &w, 8);
            dst += 8;
            prev_space = s[i + 7] == ' ';
            continue;
        }
        for(k = i; k < i + 8; k++) {
            if(!put_collapsing(&dst, (unsigned char)s[k], &prev_space))
                return give_up_append(buf);
        }
    }
    for(; i < n; i++) {
        if(!put_collapsing(&dst, (unsigned char)s[i], &prev_space))
            return give_up_append(buf);
    }
    *dst = '\0';
    buf->len = (size_t)(dst - buf->data);
    return 1;
}

/* The previous line ended in a hyphen glued to a word: join without space. */
static int glues_to_previous(const imr_buf *buf, const char *s)
{
    return buf->len >= 2 && buf->data[buf->len - 1] == '-' &&
           is_alnum((unsigned char)buf->data[buf->len - 2]) &&
           is_alnum((unsigned char)s[0]);
}

const char *imr__letter_join(letter_parser *p, line_range r, size_t skip)
{
    size_t i;
    imr_buf *buf = &p->scratch;

    imr_buf_reset(buf);
    for(i = r.begin; i < r.end && i < p->all.count; i++) {
        const letter_line *line = &p->all.lines[i];
        const char *s = line->text;
        size_t n = line->len;
        if(i == r.begin) {
            s += skip < n ? skip : n;
            n -= skip < n ? skip : n;
            imr_text_trim(&s, &n);
        }
        if(n == 0 || is_case_number(s, n))
            continue;
        if(buf->len && !glues_to_previous(buf, s))
            imr_buf_putc(buf, ' ');
        if(!append_collapsing_spaces(buf, s, n))
            imr_text_reflow(buf, s, n);
    }
    if(buf->len == 0)
        return NULL;
    return imr_arena_strndup(p->arena, buf->data, buf->len);
}

int imr__letter_line_starts(const letter_line *line, const char *label)
{
    return imr_text_istarts(line->text, line->len, label);
}

/* The line equals the heading ignoring case, runs of spaces (pdftotext
 * widens justified headings) and trailing colons. */
static int is_heading(const char *s, size_t n, const char *heading)
{
    size_t i = 0;

    while(n && (s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    for(; *heading; heading++) {
        if(*heading == ' ') {
            if(i >= n || s[i] != ' ')
                return 0;
            while(i < n && s[i] == ' ')
                i++;
            continue;
        }
        if(i >= n || lower((unsigned char)s[i]) != lower((unsigned char)*heading))
            return 0;
        i++;
    }
    return i == n;
}

size_t imr__letter_find_heading(const letter_lines *all, size_t from,
                                size_t to, const char *heading)
{
    size_t i, first = (unsigned char)heading[0];

    for(i = from; i < to && i < all->count; i++) {
        const letter_line *line = &all->lines[i];
        if(((unsigned char)line->text[0] | 0x20) != (first | 0x20))
            continue;
        if(is_heading(line->text, line->len, heading))
            return i;
    }
    return to;
}
