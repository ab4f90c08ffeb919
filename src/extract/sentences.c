/* SPDX-License-Identifier: MIT */
/* Sentences and sections of narrative records as pdftotext writes them:
 * a line break is not an end (sentences wrap, and page breaks fall inside
 * them), a period is not always one ("Dr.", "b.i.d.", "7.5 mg", "e.g."),
 * and headings and list items end what came before them. */
#include "imr/extract.h"

#include <stdint.h>
#include <string.h>

static int is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return is_upper(c) || is_lower(c);
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* Words that end with a period without ending the sentence even when a
 * capitalized word follows: titles and a few Latin forms. Dosing forms
 * ("b.i.d.") end one when a capital follows ("Norco b.i.d. She ..."). */
static const char *const never_final[] = {
    "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "no", "nos",
    "fig", "approx", "e.g", "i.e", "cf", "ca", "dept", "inc",
};

/* The word that ends just before `dot` (letters and inner periods). */
static size_t word_before(const char *text, size_t dot)
{
    size_t start = dot;
    while(start > 0 && (is_alpha((unsigned char)text[start - 1]) ||
                        (text[start - 1] == '.' && start >= 2 &&
                         is_alpha((unsigned char)text[start - 2]))))
        start--;
    return start;
}

/* `list` is in lower case; its first letters rule most words out. */
static int word_in(const char *word, size_t n, const char *const *list,
                   size_t count)
{
    int first = is_upper((unsigned char)word[0]) ? word[0] + ('a' - 'A')
                                                 : word[0];
    size_t i;

    for(i = 0; i < count; i++) {
        if(list[i][0] == first && imr_text_ieq(word, n, list[i]))
            return 1;
    }
    return 0;
}

/* The first non-blank byte at or after i. */
static size_t next_visible(const char *text, size_t len, size_t i)
{
    while(i < len && is_blank((unsigned char)text[i]))
        i++;
    return i;
}

/* Does the period at text[dot] end the sentence? */
static int period_ends(const char *text, size_t len, size_t dot)
{
    size_t next = dot + 1, start, n;
    int after;

    if(next < len && !is_blank((unsigned char)text[next]) &&
       text[next] != '"' && text[next] != ')')
        return 0; /* "7.5", "b.i.d", "e.g." inside a token */
    next = next_visible(text, len, next);
    if(next >= len)
        return 1;
    after = (unsigned char)text[next];
    start = word_before(text, dot);
    n = dot - start;
    if(n && word_in(text + start, n, never_final,
                    sizeof(never_final) / sizeof(never_final[0])))
        return 0;
    if(is_lower(after))
        return 0; /* "approx. three", "Dr. smith" in lower case notes */
    if(n == 1 && is_upper((unsigned char)text[start]))
        return 0; /* an initial: "J. Smith" */
    return is_upper(after) || is_digit(after) || after == '"' ||
           after == '(' || after == '-' || after == '*';
}

/*---- Lines: headings and list items -------------------------------------*/

/* A line that names a section: short, and either ends with a colon and
 * holds nothing after it, or is written in capitals ("DIAGNOSES"). */
static int is_heading_line(const char *s, size_t n)
{
    size_t i, letters = 0, uppers = 0, words = 1, commas = 0;

    imr_text_trim(&s, &n);
    if(n == 0 || n > 60)
        return 0;
    for(i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if(is_alpha(c)) {
            letters++;
            uppers += is_upper(c) ? 1u : 0u;
        }
        if(c == ' ')
            words++;
        if(c == '.')
            return 0;
        commas += c == ',' ? 1u : 0u;
    }
    if(letters < 3 || words > 7)
        return 0;
    if(s[n - 1] == ':' && commas == 0)
        return 1;
    return uppers == letters; /* "IMR ISSUES, DECISIONS AND RATIONALES" */
}

/* "1)", "2.", "a)", "-", "*", "o" opening a line: a list item. */
static int is_list_item(const char *s, size_t n)
{
    size_t i = 0;

    imr_text_trim(&s, &n);
    if(n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
        return 1;
    while(i < n && i < 3 && is_digit((unsigned char)s[i]))
        i++;
    if(i == 0 && n >= 2 && is_lower((unsigned char)s[0]) && s[1] == ')')
        i = 1;
    return i > 0 && i < n && (s[i] == ')' || (s[i] == '.' && i + 1 < n &&
                                               s[i + 1] == ' '));
}

/* " 2) " inside running text: the next item of an inline list
 * ("Diagnoses include 1) low back pain 2) radiating nerve pain"). */
static int inline_list_item(const char *text, size_t len, size_t i)
{
    size_t j = i;
    if(i == 0 || text[i - 1] != ' ')
        return 0;
    while(j < len && j - i < 2 && is_digit((unsigned char)text[j]))
        j++;
    return j > i && j + 1 < len && text[j] == ')' && text[j + 1] == ' ' &&
           !(j - i == 1 && text[i] == '1');
}

/*---- The splitter -------------------------------------------------------*/

typedef struct splitter {
    const char *text;
    size_t len;
    imr_arena *arena;
    imr_sentence *items;
    size_t count;
    size_t cap;
    imr_span section;
} splitter;

static void emit(splitter *sp, size_t begin, size_t end)
{
    const char *s = sp->text + begin;
    size_t n = end - begin;

    imr_text_trim(&s, &n);
    if(n == 0)
        return;
    if(sp->count == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 32;
        imr_sentence *grown = imr_arena_alloc(sp->arena, cap * sizeof(*grown));
        if(sp->count)
            memcpy(grown, sp->items, sp->count * sizeof(*grown));
        sp->items = grown;
        sp->cap = cap;
    }
    sp->items[sp->count].span.offset = (size_t)(s - sp->text);
    sp->items[sp->count].span.length = n;
    sp->items[sp->count].section = sp->section;
    sp->count++;
}

/* True when one of the 8 bytes of `w` may end a sentence or start a list:
 * a byte below '@' that is not a space (the marks the splitter looks at
 * all sort before '@'). Exact for each byte: the bytes are flipped at
 * bit 5 so a space becomes 0, then the "has a byte between 0 and 0x40
 * exclusive" test of the well-known bit-twiddling hacks is applied. */
static int may_hold_mark(uint64_t w)
{
    const uint64_t ones = IMR_WORD_ONES, low7 = 0x7f * ones;
    uint64_t x = w ^ (0x20 * ones);
    return ((((127 + 0x40) * ones - (x & low7)) & ~x &
             ((x & low7) + 127 * ones)) & IMR_WORD_HIGHS) != 0;
}

/* The first byte at or after `i` (before `eol`) that may end a sentence:
 * eight bytes at a time while none of them can. */
static size_t skip_to_mark(const char *text, size_t i, size_t eol)
{
    while(i + 8 <= eol) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        if(may_hold_mark(w))
            break;
        i += 8;
    }
    return i;
}

/* The line that starts at `i`: its end (the newline or the text's end). */
static size_t line_end(const char *text, size_t len, size_t i)
{
    const char *nl = memchr(text + i, '\n', len - i);
    return nl ? (size_t)(nl - text) : len;
}

void imr_sentences_split(const char *text, size_t len, imr_arena *arena,
                         imr_sentence **out, size_t *count)
{
    splitter sp;
    size_t i = 0, begin = 0;

    memset(&sp, 0, sizeof(sp));
    sp.text = text;
    sp.len = len;
    sp.arena = arena;
    while(i < len) {
        size_t eol = line_end(text, len, i);
        if(is_heading_line(text + i, eol - i)) {
            const char *h = text + i;
            size_t n = eol - i;
            emit(&sp, begin, i);
            imr_text_trim(&h, &n);
            while(n && h[n - 1] == ':')
                n--;
            sp.section.offset = (size_t)(h - text);
            sp.section.length = n;
            i = begin = eol;
            continue;
        }
        if(is_list_item(text + i, eol - i)) {
            emit(&sp, begin, i);
            begin = i;
        }
        for(i = skip_to_mark(text, i, eol); i < eol;
            i = skip_to_mark(text, i + 1, eol)) {
            char c = text[i];
            /* Letters, spaces and bytes past ASCII end nothing: every mark
             * looked at below sorts before '@'. */
            if((unsigned char)c >= '@' || c == ' ')
                continue;
            if((c == '.' && period_ends(text, len, i)) ||
               ((c == '?' || c == '!' || c == ';') &&
                (i + 1 >= len || is_blank((unsigned char)text[i + 1])))) {
                emit(&sp, begin, i + 1);
                begin = i + 1;
            }
            else if(is_digit((unsigned char)c) &&
                    inline_list_item(text, len, i)) {
                emit(&sp, begin, i);
                begin = i;
            }
        }
        i = eol < len ? eol + 1 : len;
    }
    emit(&sp, begin, len);
    *out = sp.items;
    *count = sp.count;
}
