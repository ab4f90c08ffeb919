/* SPDX-License-Identifier: MIT */
/* ASCII text helpers: comparisons that ignore case, reflowing pdftotext
 * lines, and dates in the forms letters and records write them. */
#include "imr/base.h"

#include <stdio.h>
#include <string.h>

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

int imr_text_ieq(const char *a, size_t alen, const char *b)
{
    size_t i;
    for(i = 0; i < alen; i++) {
        if(!b[i] || lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    }
    return b[alen] == '\0';
}

int imr_text_istarts(const char *s, size_t len, const char *prefix)
{
    size_t i;
    for(i = 0; prefix[i]; i++) {
        if(i >= len ||
           lower((unsigned char)s[i]) != lower((unsigned char)prefix[i]))
            return 0;
    }
    return 1;
}

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* memchr for either case of the needle's first byte finds candidates at
 * the speed of the C library's vectorised search; only those are compared. */
const char *imr_text_ifind(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    int lo, up;
    const char *end = s + len, *next_lo, *next_up;

    if(n == 0)
        return s;
    if(n > len)
        return NULL;
    lo = lower((unsigned char)needle[0]);
    up = upper((unsigned char)needle[0]);
    next_lo = memchr(s, lo, len - n + 1);
    next_up = lo == up ? NULL : memchr(s, up, len - n + 1);
    while(next_lo || next_up) {
        const char *at = !next_up || (next_lo && next_lo < next_up) ? next_lo
                                                                    : next_up;
        size_t rest = (size_t)(end - at);
        if(imr_text_istarts(at, rest, needle))
            return at;
        if(rest <= n)
            return NULL;
        if(at == next_lo)
            next_lo = memchr(at + 1, lo, rest - n);
        else
            next_up = memchr(at + 1, up, rest - n);
    }
    return NULL;
}

void imr_text_trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;

    while(n && is_space((unsigned char)*p)) {
        p++;
        n--;
    }
    while(n && is_space((unsigned char)p[n - 1]))
        n--;
    *s = p;
    *len = n;
}

/*---- Fields -------------------------------------------------------------*/

size_t imr_text_split_fields(const char *line, size_t len, imr_field *out,
                             size_t max)
{
    size_t i = 0, count = 0;

    while(i < len) {
        size_t start, end;
        while(i < len && (line[i] == '\t' || line[i] == ' '))
            i++;
        if(i >= len)
            break;
        start = i;
        while(i < len && line[i] != '\t')
            i++;
        end = i;
        while(end > start && line[end - 1] == ' ')
            end--;
        if(count < max) {
            out[count].text = line + start;
            out[count].len = end - start;
            out[count].column = (unsigned)start + 1;
        }
        count++;
    }
    return count;
}

/*---- Reflow ------------------------------------------------------------*/

/* A hyphen that ends a line, right after a letter or digit, joins the word
 * with the next line's ("self-" + "directed", "3-" + "5 days"). */
static int joins_next_line(const char *out, size_t out_len)
{
    return out_len >= 2 && out[out_len - 1] == '-' &&
           is_alnum((unsigned char)out[out_len - 2]);
}

/* 1 for white space, 2 for the white space that ends a line. */
static const unsigned char space_class[256] = {
    [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\v'] = 1, ['\n'] = 2, ['\f'] = 2,
};

void imr_text_reflow(imr_buf *out, const char *s, size_t len)
{
    const char *end = s + len;
    char *dst, *start;
    int pending_space = 0, after_newline = 0;

    imr_buf_reserve(out, len);
    start = out->data + out->len;
    dst = start;
    while(s < end) {
        unsigned char c = (unsigned char)*s++;
        unsigned char cls = space_class[c];
        if(cls) {
            pending_space = 1;
            after_newline |= cls == 2;
            continue;
        }
        if(pending_space) {
            if(dst > start &&
               !(after_newline && is_alnum(c) &&
                 joins_next_line(start, (size_t)(dst - start))))
                *dst++ = ' ';
            pending_space = 0;
            after_newline = 0;
        }
        *dst++ = (char)c;
    }
    *dst = '\0';
    out->len = (size_t)(dst - out->data);
}

void imr_text_wrap(imr_buf *out, const char *text, size_t width, size_t col,
                   size_t indent, const char *line_end)
{
    const char *s = text;

    while(*s) {
        const char *word = s;
        size_t n;
        while(*s && *s != ' ')
            s++;
        n = (size_t)(s - word);
        if(col > indent && col + 1 + n > width) {
            imr_buf_printf(out, "%s%*s", line_end, (int)indent, "");
            col = indent;
        } else if(col > indent) {
            imr_buf_putc(out, ' ');
            col++;
        }
        imr_buf_append(out, word, n);
        col += n;
        while(*s == ' ')
            s++;
    }
    imr_buf_puts(out, line_end);
}

/*---- Dates -------------------------------------------------------------*/

static const char *const month_names[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

static size_t read_number(const char *s, size_t len, size_t max_digits,
                          int *value)
{
    size_t i = 0;
    int v = 0;
    while(i < len && i < max_digits && is_digit((unsigned char)s[i])) {
        v = v * 10 + (s[i] - '0');
        i++;
    }
    if(i < len && is_digit((unsigned char)s[i]))
        return 0; /* too many digits: not this field */
    *value = v;
    return i;
}

static int is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid_date(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if(y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && is_leap_year(y));
}

/* The `width` last decimal digits of v, zero-padded. */
static void put_digits(char *out, unsigned v, size_t width)
{
    while(width-- > 0) {
        out[width] = (char)('0' + v % 10u);
        v /= 10u;
    }
}

static size_t write_iso(int y, int m, int d, char iso[11], size_t used)
{
    if(!valid_date(y, m, d))
        return 0;
    /* What snprintf's "%04u-%02u-%02u" writes, without its cost at every
     * date of every record. */
    put_digits(iso, (unsigned)y % 10000u, 4);
    iso[4] = '-';
    put_digits(iso + 5, (unsigned)m % 100u, 2);
    iso[7] = '-';
    put_digits(iso + 8, (unsigned)d % 100u, 2);
    iso[10] = '\0';
    return used;
}

/* Two-digit years pivot at 50: "08/01/13" is 2013, "5/20/97" is 1997. */
static int full_year(int year, size_t digits)
{
    if(digits == 2)
        return year < 50 ? 2000 + year : 1900 + year;
    return year;
}

static size_t parse_numeric(const char *s, size_t len, char iso[11])
{
    int a, b, c, year_first;
    size_t i, n;
    char sep;

    n = read_number(s, len, 4, &a);
    if(n != 4 && (n == 0 || n > 2))
        return 0; /* a four-digit year or a month of one or two digits */
    year_first = n == 4;
    i = n;
    if(i >= len || (s[i] != '/' && s[i] != '-' && s[i] != '.'))
        return 0;
    sep = s[i++];
    n = read_number(s + i, len - i, 2, &b);
    if(!n)
        return 0;
    i += n;
    if(i >= len || s[i] != sep)
        return 0;
    i++;
    if(year_first) {
        /* 2014-11-24 */
        n = read_number(s + i, len - i, 2, &c);
        if(!n)
            return 0;
        return write_iso(a, b, c, iso, i + n);
    }
    n = read_number(s + i, len - i, 4, &c);
    if(n != 2 && n != 4)
        return 0;
    return write_iso(full_year(c, n), a, b, iso, i + n);
}

/* True when the `n` letters at s spell the start of `word`, in any case. */
static int prefix_of(const char *s, size_t n, const char *word)
{
    size_t i;
    for(i = 0; i < n; i++) {
        if(!word[i] || lower((unsigned char)s[i]) != word[i])
            return 0;
    }
    return 1;
}

/* Full month names or three-letter abbreviations ("Feb", "Feb.", "Sept"). */
static int month_from_name(const char *s, size_t len, size_t *used)
{
    size_t i, w = 0;

    /* Most words start with a letter no month starts with: every word of
     * every record passes here. */
    if(len == 0 || !strchr("jfmasondJFMASOND", s[0]))
        return 0;
    while(w < len && ((s[w] >= 'a' && s[w] <= 'z') ||
                      (s[w] >= 'A' && s[w] <= 'Z')))
        w++;
    if(w < 3 || w > 9)
        return 0;
    for(i = 0; i < 12; i++) {
        size_t full;
        if(lower((unsigned char)s[0]) != month_names[i][0])
            continue;
        full = strlen(month_names[i]);
        int is_abbrev = w == 3 || (w == 4 && i == 8);
        if((w == full || is_abbrev) && w <= full &&
           prefix_of(s, w, month_names[i])) {
            *used = w;
            if(w < len && s[w] == '.')
                (*used)++;
            return (int)i + 1;
        }
    }
    return 0;
}

static size_t parse_named(const char *s, size_t len, char iso[11])
{
    size_t i = 0, n;
    int month = month_from_name(s, len, &i), day, year;

    if(!month)
        return 0;
    while(i < len && s[i] == ' ')
        i++;
    n = read_number(s + i, len - i, 2, &day);
    if(!n)
        return 0;
    i += n;
    if(i + 1 < len && is_alnum((unsigned char)s[i]) &&
       (imr_text_istarts(s + i, len - i, "st") ||
        imr_text_istarts(s + i, len - i, "nd") ||
        imr_text_istarts(s + i, len - i, "rd") ||
        imr_text_istarts(s + i, len - i, "th")))
        i += 2;
    if(i < len && s[i] == ',')
        i++;
    while(i < len && s[i] == ' ')
        i++;
    n = read_number(s + i, len - i, 4, &year);
    if(n != 4)
        return 0;
    return write_iso(year, month, day, iso, i + n);
}

size_t imr_text_parse_date(const char *s, size_t len, char iso[11])
{
    if(len == 0)
        return 0;
    if(is_digit((unsigned char)s[0]))
        return parse_numeric(s, len, iso);
    return parse_named(s, len, iso);
}
