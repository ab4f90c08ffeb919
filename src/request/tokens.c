/* SPDX-License-Identifier: MIT */
/* The text of a request, normalized (lower case, single spaces, misspelled
 * words replaced) and cut into tokens: catalogue synonyms, spinal levels,
 * numbers, the words of the request grammar and punctuation. */
#include "imr/request.h"

#include <stdlib.h>
#include <string.h>

#include "request/request_int.h"

static int is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
    return is_lower(c) || is_digit(c);
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/*---- Normalizing -------------------------------------------------------*/

/* The few non-ASCII characters that letters use in requests: "2×4",
 * "L4–5" and no-break spaces. Returns the ASCII byte and sets `used`, or
 * returns 0. */
static char map_utf8(const unsigned char *s, size_t len, size_t *used)
{
    if(len >= 2 && s[0] == 0xC3 && s[1] == 0x97) {
        *used = 2;
        return 'x';
    }
    if(len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
        *used = 2;
        return ' ';
    }
    if(len >= 3 && s[0] == 0xE2 &&
       ((s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95) ||
        (s[1] == 0x88 && s[2] == 0x92))) {
        *used = 3;
        return '-';
    }
    return 0;
}

typedef struct out_text {
    char *data;
    size_t len;
    size_t cap;
    int pending_space;
} out_text;

static void put(out_text *out, char c)
{
    if(out->pending_space && out->len && out->len < out->cap)
        out->data[out->len++] = ' ';
    out->pending_space = 0;
    if(out->len < out->cap)
        out->data[out->len++] = c;
}

static void put_all(out_text *out, const char *s, size_t n)
{
    size_t i;
    for(i = 0; i < n; i++)
        put(out, s[i]);
}

/* Copies the run of ASCII letters at s lower-cased, or what the catalogue
 * reads in its place; returns the bytes read. */
static size_t put_word(const imr_catalogue *cat, const char *s, size_t len,
                       out_text *out)
{
    char word[64];
    size_t n = 0, i;
    const imr__spelling *sp = NULL;

    while(n < len &&
          ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z')))
        n++;
    if(n < sizeof(word)) {
        for(i = 0; i < n; i++)
            word[i] = (char)(s[i] | 0x20);
        sp = imr__catalogue_spelling(cat, word, n);
    }
    if(sp) {
        put_all(out, sp->right, sp->right_len);
        return n;
    }
    for(i = 0; i < n; i++)
        put(out, (char)(s[i] | 0x20));
    return n;
}

size_t imr__request_normalize(const imr_catalogue *cat, const char *text,
                              size_t len, char *data, size_t cap)
{
    out_text out = {data, 0, cap, 0};
    size_t i = 0;

    while(i < len && out.len < cap) {
        unsigned char c = (unsigned char)text[i];
        size_t used = 1;
        char mapped = c >= 0x80 ? map_utf8((const unsigned char *)text + i,
                                           len - i, &used)
                                : 0;
        if(is_space(c) || mapped == ' ') {
            out.pending_space = 1;
            i += used;
        }
        else if(mapped) {
            put(&out, mapped);
            i += used;
        }
        else if((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            i += put_word(cat, text + i, len - i, &out);
        }
        else {
            put(&out, (char)c);
            i++;
        }
    }
    return out.len;
}

/*---- Spinal levels -----------------------------------------------------*/

static int is_level_letter(const imr_catalogue *cat, int c)
{
    return is_lower(c) && cat->level_region[c - 'a'] >= 0;
}

/* One or two digits forming a vertebra number from 1 to 12. */
static size_t vertebra(const char *s, size_t len, int *number)
{
    size_t n = 0;
    int v = 0;

    while(n < len && n < 3 && is_digit((unsigned char)s[n])) {
        v = v * 10 + (s[n] - '0');
        n++;
    }
    if(n == 0 || n > 2 || v < 1 || v > 12)
        return 0;
    *number = v;
    return n;
}

static char *put_number(char *p, int n)
{
    if(n >= 10)
        *p++ = (char)('0' + n / 10);
    *p++ = (char)('0' + n % 10);
    return p;
}

/* "L4-5", "L5-S1", "C6"; vertebrae are 1 to 12, so this fits in 16. */
static void write_level(char out[16], int letter, int first, int letter2,
                        int second)
{
    char *p = out;

    *p++ = (char)(letter - 'a' + 'A');
    p = put_number(p, first);
    if(second) {
        *p++ = '-';
        if(letter2 != letter)
            *p++ = (char)(letter2 - 'a' + 'A');
        p = put_number(p, second);
    }
    *p = '\0';
}

size_t imr__request_level(const imr_catalogue *cat, const char *s, size_t len,
                          char out[16])
{
    int first, second = 0, letter = (unsigned char)s[0], letter2 = 0;
    size_t i, n;

    if(len < 2 || !is_level_letter(cat, letter))
        return 0;
    n = vertebra(s + 1, len - 1, &first);
    if(!n)
        return 0;
    i = 1 + n;
    if(i + 1 < len && (s[i] == '-' || s[i] == '/')) {
        size_t j = i + 1;
        if(is_level_letter(cat, (unsigned char)s[j]))
            letter2 = (unsigned char)s[j++];
        n = j < len ? vertebra(s + j, len - j, &second) : 0;
        if(n)
            i = j + n;
        else
            letter2 = 0;
    }
    if(i < len && is_alnum((unsigned char)s[i]))
        return 0;
    write_level(out, letter, first, letter2 ? letter2 : letter, second);
    return i;
}

/*---- Grammar words -----------------------------------------------------*/

typedef struct keyword_entry {
    const char *word;
    size_t len;
    imr__keyword keyword;
    int number;     /* >= 0: the word is a number */
    unsigned flags; /* IMR__NUM_* for numbers */
    const char *unit;
} keyword_entry;

#define KW(word, keyword, number, flags, unit)                               \
    {word, sizeof(word) - 1, keyword, number, flags, unit}

/* Sorted by word, for binary search. */
static const keyword_entry keywords[] = {
    KW("a", IMR__KW_PER, -1, 0, NULL),
    KW("an", IMR__KW_PER, -1, 0, NULL),
    KW("appointment", IMR__KW_SESSION, -1, 0, NULL),
    KW("appointments", IMR__KW_SESSION, -1, 0, NULL),
    KW("cap", IMR__KW_FORM, -1, 0, NULL),
    KW("caps", IMR__KW_FORM, -1, 0, NULL),
    KW("capsule", IMR__KW_FORM, -1, 0, NULL),
    KW("capsules", IMR__KW_FORM, -1, 0, NULL),
    KW("count", IMR__KW_FORM, -1, 0, NULL),
    KW("day", IMR__KW_DAY, -1, 0, NULL),
    KW("days", IMR__KW_DAY, -1, 0, NULL),
    KW("each", IMR__KW_PER, -1, 0, NULL),
    KW("eight", IMR__KW_NONE, 8, 0, NULL),
    KW("eighteen", IMR__KW_NONE, 18, 0, NULL),
    KW("eleven", IMR__KW_NONE, 11, 0, NULL),
    KW("every", IMR__KW_PER, -1, 0, NULL),
    KW("fifteen", IMR__KW_NONE, 15, 0, NULL),
    KW("five", IMR__KW_NONE, 5, 0, NULL),
    KW("for", IMR__KW_FOR, -1, 0, NULL),
    KW("four", IMR__KW_NONE, 4, 0, NULL),
    KW("fourteen", IMR__KW_NONE, 14, 0, NULL),
    KW("g", IMR__KW_UNIT, -1, 0, "g"),
    KW("gm", IMR__KW_UNIT, -1, 0, "g"),
    KW("gram", IMR__KW_UNIT, -1, 0, "g"),
    KW("grams", IMR__KW_UNIT, -1, 0, "g"),
    KW("h", IMR__KW_PER_TIME, -1, 0, "hr"),
    KW("hour", IMR__KW_PER_TIME, -1, 0, "hr"),
    KW("hours", IMR__KW_PER_TIME, -1, 0, "hr"),
    KW("hr", IMR__KW_PER_TIME, -1, 0, "hr"),
    KW("hrs", IMR__KW_PER_TIME, -1, 0, "hr"),
    KW("iu", IMR__KW_UNIT, -1, 0, "iu"),
    KW("mcg", IMR__KW_UNIT, -1, 0, "mcg"),
    KW("mg", IMR__KW_UNIT, -1, 0, "mg"),
    KW("mgs", IMR__KW_UNIT, -1, 0, "mg"),
    KW("milligram", IMR__KW_UNIT, -1, 0, "mg"),
    KW("milligrams", IMR__KW_UNIT, -1, 0, "mg"),
    KW("ml", IMR__KW_UNIT, -1, 0, "ml"),
    KW("month", IMR__KW_MONTH, -1, 0, NULL),
    KW("months", IMR__KW_MONTH, -1, 0, NULL),
    KW("nine", IMR__KW_NONE, 9, 0, NULL),
    KW("nineteen", IMR__KW_NONE, 19, 0, NULL),
    KW("no", IMR__KW_NO, -1, 0, NULL),
    KW("once", IMR__KW_NONE, 1, IMR__NUM_TIMES, NULL),
    KW("one", IMR__KW_NONE, 1, 0, NULL),
    KW("over", IMR__KW_FOR, -1, 0, NULL),
    KW("patch", IMR__KW_FORM, -1, 0, NULL),
    KW("patches", IMR__KW_FORM, -1, 0, NULL),
    KW("per", IMR__KW_PER, -1, 0, NULL),
    KW("pill", IMR__KW_FORM, -1, 0, NULL),
    KW("pills", IMR__KW_FORM, -1, 0, NULL),
    KW("qty", IMR__KW_QUANTITY, -1, 0, NULL),
    KW("quantity", IMR__KW_QUANTITY, -1, 0, NULL),
    KW("refill", IMR__KW_REFILL, -1, 0, NULL),
    KW("refills", IMR__KW_REFILL, -1, 0, NULL),
    KW("retro", IMR__KW_RETRO, -1, 0, NULL),
    KW("retroactive", IMR__KW_RETRO, -1, 0, NULL),
    KW("retrospective", IMR__KW_RETRO, -1, 0, NULL),
    KW("retrospectively", IMR__KW_RETRO, -1, 0, NULL),
    KW("session", IMR__KW_SESSION, -1, 0, NULL),
    KW("sessions", IMR__KW_SESSION, -1, 0, NULL),
    KW("seven", IMR__KW_NONE, 7, 0, NULL),
    KW("seventeen", IMR__KW_NONE, 17, 0, NULL),
    KW("six", IMR__KW_NONE, 6, 0, NULL),
    KW("sixteen", IMR__KW_NONE, 16, 0, NULL),
    KW("tab", IMR__KW_FORM, -1, 0, NULL),
    KW("tablet", IMR__KW_FORM, -1, 0, NULL),
    KW("tablets", IMR__KW_FORM, -1, 0, NULL),
    KW("tabs", IMR__KW_FORM, -1, 0, NULL),
    KW("ten", IMR__KW_NONE, 10, 0, NULL),
    KW("thirteen", IMR__KW_NONE, 13, 0, NULL),
    KW("thirty", IMR__KW_NONE, 30, 0, NULL),
    KW("three", IMR__KW_NONE, 3, 0, NULL),
    KW("thrice", IMR__KW_NONE, 3, IMR__NUM_TIMES, NULL),
    KW("time", IMR__KW_TIMES, -1, 0, NULL),
    KW("times", IMR__KW_TIMES, -1, 0, NULL),
    KW("treatment", IMR__KW_SESSION, -1, 0, NULL),
    KW("treatments", IMR__KW_SESSION, -1, 0, NULL),
    KW("twelve", IMR__KW_NONE, 12, 0, NULL),
    KW("twenty", IMR__KW_NONE, 20, 0, NULL),
    KW("twice", IMR__KW_NONE, 2, IMR__NUM_TIMES, NULL),
    KW("two", IMR__KW_NONE, 2, 0, NULL),
    KW("visit", IMR__KW_SESSION, -1, 0, NULL),
    KW("visits", IMR__KW_SESSION, -1, 0, NULL),
    KW("week", IMR__KW_WEEK, -1, 0, NULL),
    KW("weekly", IMR__KW_WEEKLY, -1, 0, NULL),
    KW("weeks", IMR__KW_WEEK, -1, 0, NULL),
    KW("with", IMR__KW_WITH, -1, 0, NULL),
    KW("wk", IMR__KW_WEEK, -1, 0, NULL),
    KW("wks", IMR__KW_WEEK, -1, 0, NULL),
    KW("x", IMR__KW_X, -1, 0, NULL),
    KW("zero", IMR__KW_NONE, 0, 0, NULL),
};

#undef KW

static const keyword_entry *find_keyword(const char *s, size_t len)
{
    size_t lo = 0, hi = sizeof(keywords) / sizeof(keywords[0]);

    if(len > 15)
        return NULL;
    while(lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = keywords[mid].word;
        size_t wlen = keywords[mid].len;
        int c = memcmp(s, w, len < wlen ? len : wlen);
        if(c == 0)
            c = len < wlen ? -1 : len > wlen;
        if(c == 0)
            return &keywords[mid];
        if(c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/*---- Tokens ------------------------------------------------------------*/

_Static_assert(IMR__REQUEST_TEXT_MAX <= UINT16_MAX,
               "token positions are 16 bits");

typedef struct token_list {
    imr__token *items;
    size_t count;
    size_t max;
} token_list;

static imr__token *push(token_list *list, imr__token_type type, size_t start,
                        size_t len)
{
    imr__token *t;

    if(list->count >= list->max)
        return NULL;
    t = &list->items[list->count++];
    memset(t, 0, sizeof(*t));
    t->type = type;
    t->start = (uint16_t)start;
    t->len = (uint16_t)len;
    return t;
}

/* Digits, read up to a value no count reaches; more digits mark it huge. */
static size_t digits(const char *s, size_t len, int *value, unsigned *flags)
{
    size_t n = 0;
    int v = 0;

    while(n < len && is_digit((unsigned char)s[n])) {
        if(v < 100000000)
            v = v * 10 + (s[n] - '0');
        else
            *flags |= IMR__NUM_HUGE;
        n++;
    }
    *value = v;
    return n;
}

/* "2-3" is a range unless it is part of a date ("11-11-14"). */
static size_t range_end(const char *s, size_t start, size_t i, size_t len,
                        int low, int *high)
{
    unsigned flags = 0;
    size_t n;

    if(start && (s[start - 1] == '-' || s[start - 1] == '/'))
        return 0;
    if(i + 1 >= len || s[i] != '-' || !is_digit((unsigned char)s[i + 1]))
        return 0;
    n = digits(s + i + 1, len - i - 1, high, &flags);
    if(flags || *high <= low)
        return 0;
    i += 1 + n;
    if(i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.'))
        return 0;
    return i;
}

static size_t scan_number(const char *s, size_t start, size_t len,
                          token_list *list)
{
    imr__token *t;
    int value, high;
    unsigned flags = 0;
    size_t i = start + digits(s + start, len - start, &value, &flags), end;

    if(i + 1 < len && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
        int fraction;
        flags |= IMR__NUM_DECIMAL;
        i += 1 + digits(s + i + 1, len - i - 1, &fraction, &flags);
    }
    else if((end = range_end(s, start, i, len, value, &high)) != 0) {
        flags |= IMR__NUM_RANGE;
        value = high;
        i = end;
    }
    t = push(list, IMR__TOK_NUMBER, start, i - start);
    if(t) {
        t->value = value;
        t->flags = flags;
    }
    return i - start;
}

static void push_word(token_list *list, const char *s, size_t start, size_t len)
{
    const keyword_entry *kw = find_keyword(s + start, len);
    imr__token *t;

    if(kw && kw->number >= 0) {
        t = push(list, IMR__TOK_NUMBER, start, len);
        if(t) {
            t->value = kw->number;
            t->flags = kw->flags;
        }
        return;
    }
    t = push(list, IMR__TOK_WORD, start, len);
    if(t && kw) {
        t->keyword = kw->keyword;
        t->unit = kw->unit;
    }
}

/* A run of letters. "2xweek" is read as "2 x week". */
static size_t scan_word(const char *s, size_t start, size_t len,
                        token_list *list)
{
    size_t i = start;

    while(i < len && is_lower((unsigned char)s[i]))
        i++;
    if(s[start] == 'x' && i - start > 1 && start &&
       is_digit((unsigned char)s[start - 1])) {
        push_word(list, s, start, 1);
        push_word(list, s, start + 1, i - start - 1);
    }
    else {
        push_word(list, s, start, i - start);
    }
    return i - start;
}

/* "twelve (12)": a number in parentheses that repeats the one before is
 * dropped. Called when `s` has just given a ")" token. */
static void drop_echo(token_list *list, const char *s)
{
    const imr__token *t = list->items + list->count;

    if(list->count >= 4 && t[-3].type == IMR__TOK_SYMBOL &&
       s[t[-3].start] == '(' && t[-2].type == IMR__TOK_NUMBER &&
       t[-4].type == IMR__TOK_NUMBER && t[-4].value == t[-2].value &&
       !t[-2].flags && !(t[-4].flags & ~(unsigned)IMR__NUM_TIMES))
        list->count -= 3;
}

/* Tries a catalogue synonym or a spinal level at a word start. */
static size_t scan_term(const imr_catalogue *cat, const char *s, size_t i,
                        size_t len, token_list *list)
{
    const imr__term *term = imr__catalogue_match(cat, s + i, len - i);
    char level[16];
    size_t n;

    if(term) {
        imr__token *t = push(list, IMR__TOK_TERM, i, term->len);
        if(t)
            t->term = term;
        return term->len;
    }
    n = imr__request_level(cat, s + i, len - i, level);
    if(n)
        push(list, IMR__TOK_LEVEL, i, n);
    return n;
}

size_t imr__request_tokenize(const imr_catalogue *cat, const char *s,
                             size_t len, imr__token *out, size_t max)
{
    token_list list = {out, 0, max};
    size_t i = 0, n;

    while(i < len && list.count < max) {
        unsigned char c = (unsigned char)s[i];
        int word_start = i == 0 || !is_alnum((unsigned char)s[i - 1]);
        if(c == ' ') {
            i++;
            continue;
        }
        n = word_start && is_alnum(c) ? scan_term(cat, s, i, len, &list) : 0;
        if(n)
            i += n;
        else if(is_digit(c))
            i += scan_number(s, i, len, &list);
        else if(is_lower(c))
            i += scan_word(s, i, len, &list);
        else {
            if(push(&list, IMR__TOK_SYMBOL, i, 1) && c == ')')
                drop_echo(&list, s);
            i++;
        }
    }
    return list.count;
}
