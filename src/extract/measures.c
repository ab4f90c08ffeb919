/* SPDX-License-Identifier: MIT */
/* The attributes of a mention that sit in the words around it: dates,
 * sides, session counts, pain scores, doses and degrees. */
#include "facts_int.h"

#include <stdio.h>
#include <string.h>

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int read_int(const char *s, size_t n, size_t *i, int max_digits)
{
    int v = 0, d = 0;
    while(*i < n && is_digit((unsigned char)s[*i]) && d < max_digits) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        d++;
    }
    if(*i < n && is_digit((unsigned char)s[*i]))
        return -1;
    return d ? v : -1;
}

/*---- Dates ---------------------------------------------------------------*/

/* A bare year after a preposition: "last attended physical therapy in
 * 2013". */
static size_t year_after_preposition(const char *s, size_t n, size_t i,
                                     char iso[11])
{
    static const char *const preps[] = {"in ", "since ", "from ", "during ",
                                        "of "};
    size_t k, j = i, count = sizeof(preps) / sizeof(preps[0]);
    int year;

    for(k = 0; k < count; k++) {
        size_t p = strlen(preps[k]);
        if(i >= p && imr_text_istarts(s + i - p, p, preps[k]) &&
           (i == p || !is_alpha((unsigned char)s[i - p - 1])))
            break;
    }
    if(k == count)
        return 0;
    year = read_int(s, n, &j, 4);
    if(j - i != 4 || year < 1950 || year > 2099 ||
       (j < n && (is_alpha((unsigned char)s[j]) || s[j] == '/')))
        return 0;
    snprintf(iso, 11, "%04d", year % 10000);
    return 4;
}

/* A month name or abbreviation has at least three letters, and its first
 * two are those of a month: most words starting with a month's letter
 * ("and", "stated", "of", "medications") fail this cheap test, which
 * imr_text_parse_date would fail too. */
static int can_begin_month(const char *s, size_t n, size_t i)
{
    int c1 = i + 1 < n ? lower((unsigned char)s[i + 1]) : 0;
    int c2 = i + 2 < n && is_alpha((unsigned char)s[i + 1]) &&
                     is_alpha((unsigned char)s[i + 2])
                 ? lower((unsigned char)s[i + 2])
                 : 0;
    return !is_digit((unsigned char)s[i]) &&
           imr__extract_may_date(lower((unsigned char)s[i]), c1, c2);
}

size_t imr__extract_date_at(const char *s, size_t n, size_t i, char iso[11])
{
    size_t used;

    if(!is_digit((unsigned char)s[i]) && !can_begin_month(s, n, i))
        return 0;
    used = imr_text_parse_date(s + i, n - i, iso);
    if(!used && is_digit((unsigned char)s[i]))
        used = year_after_preposition(s, n, i, iso);
    return used;
}

size_t imr__extract_date(const char *s, size_t n, char iso[11],
                         imr_span *where)
{
    size_t i, used;

    for(i = 0; i < n; i++) {
        if(i > 0 && (is_digit((unsigned char)s[i - 1]) ||
                     is_alpha((unsigned char)s[i - 1]) || s[i - 1] == '/'))
            continue;
        used = imr__extract_date_at(s, n, i, iso);
        if(used) {
            if(where) {
                where->offset = i;
                where->length = used;
            }
            return used;
        }
    }
    return 0;
}

/*---- Sides ---------------------------------------------------------------*/

static const char *const side_words[][2] = {
    {"bilateral", "bilateral"}, {"bilaterally", "bilateral"},
    {"both", "bilateral"},      {"left", "left"},
    {"right", "right"},         {"lt", "left"},
    {"rt", "right"},
};

/* The words are lower case, so one that does not begin with s[i] is
 * skipped before the full comparison: this runs at every word near every
 * mention. */
static const char *side_at(const char *s, size_t n, size_t i)
{
    int first = lower((unsigned char)s[i]);
    size_t k;

    for(k = 0; k < sizeof(side_words) / sizeof(side_words[0]); k++) {
        if(side_words[k][0][0] == first &&
           imr__extract_word_at(s, n, i, side_words[k][0]))
            return side_words[k][1];
    }
    return NULL;
}

/* The first of `words` that starts at or after `from`. */
static size_t first_word_from(const lex_word *words, size_t count, size_t from)
{
    size_t lo = 0, hi = count;

    while(lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if(words[mid].at < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *imr__extract_side(const char *s, size_t n, const lex_word *words,
                              size_t count, size_t at, size_t len)
{
    enum { REACH = 40 };
    const char *best = NULL;
    size_t best_distance = (size_t)-1, k;
    size_t from = at > REACH ? at - REACH : 0;
    size_t to = at + len + REACH < n ? at + len + REACH : n;

    /* Only the words near the mention, and of those only the few that
     * begin with b, l or r, as every side word does. */
    for(k = first_word_from(words, count, from);
        k < count && words[k].at < to; k++) {
        const char *side;
        size_t i = words[k].at, distance;
        char c = (char)(s[i] | 0x20);
        if((c != 'b' && c != 'l' && c != 'r') || !(side = side_at(s, n, i)))
            continue;
        distance = i < at ? at - i : i - (at + len);
        if(distance < best_distance) {
            best = side;
            best_distance = distance;
        }
    }
    return best;
}

/*---- Sessions ------------------------------------------------------------*/

static const char *const session_words[] = {
    "sessions", "session", "visits", "visit", "treatments", "treatment",
};

static int is_session_word(const char *s, size_t n, size_t i)
{
    return imr__extract_word_among(s, n, i, session_words,
                                   sizeof(session_words) /
                                       sizeof(session_words[0])) != 0;
}

/* A number whose next word or two is a session word, or that follows "x". */
static int count_at(const char *s, size_t n, size_t i)
{
    size_t j = i, words = 0;
    int v = read_int(s, n, &j, 3);

    if(v <= 0)
        return -1;
    if(i >= 2 && (s[i - 1] == 'x' || s[i - 1] == 'X' ||
                  ((s[i - 2] == 'x' || s[i - 2] == 'X') && s[i - 1] == ' ')))
        return j < n && (s[j] == 'x' || s[j] == 'X' || s[j] == '/') ? -1 : v;
    while(j < n && words < 4) {
        while(j < n && (s[j] == ' ' || s[j] == '-'))
            j++;
        if(is_session_word(s, n, j))
            return v;
        while(j < n && is_alpha((unsigned char)s[j]))
            j++;
        words++;
        if(j < n && s[j] != ' ')
            break;
    }
    return -1;
}

/* Whether a comma or semicolon stands between s[i] and the mention at
 * [at, at+len): "physical therapy x 12, acupuncture and chiropractic"
 * counts the therapy's sessions, not the others'. */
static int crosses_list_item(const char *s, size_t i, size_t at, size_t len)
{
    size_t from = i < at ? i : at + len, to = i < at ? at : i;
    if(to <= from) /* a number inside the mention's own words */
        return 0;
    return memchr(s + from, ',', to - from) || memchr(s + from, ';', to - from);
}

int imr__extract_sessions(const char *s, size_t n, size_t at, size_t len)
{
    enum { REACH = 50 };
    size_t from = at > REACH ? at - REACH : 0;
    size_t to = at + len + REACH < n ? at + len + REACH : n;
    size_t i, best_distance = (size_t)-1;
    int best = -1;

    for(i = from; i < to; i++) {
        int v;
        size_t distance;
        if(!is_digit((unsigned char)s[i]) ||
           (i > 0 && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == '/' ||
                      s[i - 1] == '.')))
            continue;
        v = count_at(s, n, i);
        if(v < 0 || crosses_list_item(s, i, at, len))
            continue;
        distance = i < at ? at - i : i - (at + len);
        if(distance < best_distance) {
            best = v;
            best_distance = distance;
        }
    }
    return best;
}

/*---- Pain scores, doses, degrees -----------------------------------------*/

size_t imr__extract_pain_score(const char *s, size_t n, size_t i,
                               char value[16])
{
    size_t j = i;
    int a = read_int(s, n, &j, 2), b = -1;

    if(a < 0 || a > 10 || (i > 0 && (is_digit((unsigned char)s[i - 1]) ||
                                     s[i - 1] == '/' || s[i - 1] == '.')))
        return 0;
    if(j < n && s[j] == '-') {
        size_t k = j + 1;
        b = read_int(s, n, &k, 2);
        if(b < 0 || b > 10)
            return 0;
        j = k;
    }
    if(imr_text_istarts(s + j, n - j, "/10") &&
       !(j + 3 < n && is_digit((unsigned char)s[j + 3])))
        j += 3;
    else if(imr_text_istarts(s + j, n - j, " out of 10"))
        j += 10;
    else
        return 0;
    if(b >= 0)
        snprintf(value, 16, "%d-%d/10", a, b);
    else
        snprintf(value, 16, "%d/10", a);
    return j - i;
}

size_t imr__extract_dose(const char *s, size_t n, size_t from,
                         char value[32])
{
    enum { REACH = 30 };
    size_t i, to = from + REACH < n ? from + REACH : n;

    for(i = from; i < to; i++) {
        size_t j = i, k;
        if(!is_digit((unsigned char)s[i]) ||
           (i > 0 && is_digit((unsigned char)s[i - 1])))
            continue;
        while(j < n && (is_digit((unsigned char)s[j]) || s[j] == '.' ||
                        s[j] == '/'))
            j++;
        k = j;
        while(k < n && s[k] == ' ')
            k++;
        if(imr_text_istarts(s + k, n - k, "mg") ||
           imr_text_istarts(s + k, n - k, "mcg")) {
            size_t unit = imr_text_istarts(s + k, n - k, "mcg") ? 3 : 2;
            snprintf(value, 32, "%.*s %s", (int)(j - i), s + i,
                     unit == 3 ? "mcg" : "mg");
            return k + unit - i;
        }
    }
    return 0;
}

int imr__extract_degrees(const char *s, size_t n, size_t from)
{
    size_t i;
    for(i = from; i < n; i++) {
        size_t j = i, k;
        int v;
        if(!is_digit((unsigned char)s[i]) ||
           (i > 0 && is_digit((unsigned char)s[i - 1])))
            continue;
        v = read_int(s, n, &j, 3);
        k = j;
        while(k < n && s[k] == ' ')
            k++;
        if(v >= 0 && imr_text_istarts(s + k, n - k, "degree"))
            return v;
    }
    return -1;
}
