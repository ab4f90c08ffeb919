/* SPDX-License-Identifier: MIT */
/* Who the claimant is, in whatever wording records and letters use: age
 * ("54 year old", "57-year-old"), sex ("female", "a 45-year-old man") and
 * date of injury ("date of injury 5/20/1997", "injury date of 08/01/13",
 * "an industrial injury date of February 12, 2006", "reported an injury on
 * 06/14/2013", "whose injury occurred on 10/02/2011"). */
#include "facts_int.h"

#include <string.h>

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* `word` stands at text[i] as a whole word. */
int imr__extract_word_at(const char *text, size_t len, size_t i,
                         const char *word)
{
    size_t n = strlen(word);
    if(i + n > len || !imr_text_istarts(text + i, len - i, word))
        return 0;
    if(i > 0 && is_alpha((unsigned char)text[i - 1]))
        return 0;
    return i + n == len || !is_alpha((unsigned char)text[i + n]);
}

size_t imr__extract_word_among(const char *text, size_t len, size_t i,
                               const char *const *words, size_t count)
{
    size_t k;
    int first;

    if(i >= len)
        return 0;
    first = text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A')
                                             : text[i];
    for(k = 0; k < count; k++) {
        /* the first letter rules most words out before the comparison */
        if(words[k][0] == first && imr__extract_word_at(text, len, i, words[k]))
            return strlen(words[k]);
    }
    return 0;
}

static void set_span(imr_span *where, size_t offset, size_t length)
{
    if(where) {
        where->offset = offset;
        where->length = length;
    }
}

/*---- Age -----------------------------------------------------------------*/

static const char *const age_units[] = {
    "year old", "year-old", "years old", "years-old", "yr old", "y/o",
};

/* The length of an age unit at text[j], or 0. */
static size_t age_unit(const char *text, size_t len, size_t j)
{
    size_t k;
    for(k = 0; k < sizeof(age_units) / sizeof(age_units[0]); k++) {
        if(imr_text_istarts(text + j, len - j, age_units[k]))
            return strlen(age_units[k]);
    }
    return imr__extract_word_at(text, len, j, "yo") ? 2 : 0;
}

int imr_extract_age(const char *text, size_t len, imr_span *where)
{
    size_t i;

    for(i = 0; i < len; i++) {
        size_t j = i, unit;
        int age = 0;
        if(!is_digit((unsigned char)text[i]) ||
           (i > 0 && is_digit((unsigned char)text[i - 1])))
            continue;
        while(j < len && is_digit((unsigned char)text[j]) && j - i < 3)
            age = age * 10 + (text[j++] - '0');
        if(j < len && is_digit((unsigned char)text[j]))
            continue;
        while(j < len && (text[j] == ' ' || text[j] == '-'))
            j++;
        unit = age_unit(text, len, j);
        if(!unit)
            continue;
        if(age <= 0 || age >= 120)
            return -1;
        set_span(where, i, j + unit - i);
        return age;
    }
    return -1;
}

/*---- Sex -----------------------------------------------------------------*/

typedef struct sex_word {
    const char *word;
    const char *sex;
} sex_word;

static const sex_word sex_words[] = {
    {"female", "female"}, {"woman", "female"},    {"lady", "female"},
    {"male", "male"},     {"gentleman", "male"}, {"man", "male"},
};

const char *imr_extract_sex(const char *text, size_t len, imr_span *where)
{
    size_t i, k;

    /* Records often name no sex, so every byte of them may come here: the
     * words are whole words, so only the first letter of each run of
     * letters is looked at, and only against words it can begin. */
    for(i = 0; i < len; i++) {
        char c = (char)(text[i] | 0x20);
        if(!is_alpha((unsigned char)text[i]))
            continue;
        if(c == 'f' || c == 'm' || c == 'w' || c == 'g' || c == 'l') {
            for(k = 0; k < sizeof(sex_words) / sizeof(sex_words[0]); k++) {
                if(sex_words[k].word[0] == c &&
                   imr__extract_word_at(text, len, i, sex_words[k].word)) {
                    set_span(where, i, strlen(sex_words[k].word));
                    return sex_words[k].sex;
                }
            }
        }
        while(i + 1 < len && is_alpha((unsigned char)text[i + 1]))
            i++; /* the rest of the word: no whole word starts inside it */
    }
    return NULL;
}

/*---- Date of injury ------------------------------------------------------*/

/* Words that may stand between the mention of the injury and its date. */
static size_t skip_filler(const char *s, size_t len)
{
    static const char *const fillers[] = {
        "date",     "of",     "on",       "is",    "was",
        "at work on", "dated", "occurred", "which", "that",
        "reported", "sustained"};
    size_t i = 0, k;
    int again = 1;

    while(again) {
        again = 0;
        while(i < len && (s[i] == ' ' || s[i] == ':' || s[i] == ',' ||
                          s[i] == '(' || s[i] == '-' || s[i] == '\n' ||
                          s[i] == '\r' || s[i] == '\t'))
            i++;
        for(k = 0; k < sizeof(fillers) / sizeof(fillers[0]); k++) {
            /* The filler's words, then any white space (a line may end
             * after "of"). */
            size_t n = strlen(fillers[k]);
            if(i + n < len && imr_text_istarts(s + i, len - i, fillers[k]) &&
               (s[i + n] == ' ' || s[i + n] == '\n' || s[i + n] == '\r' ||
                s[i + n] == '\t')) {
                i += n + 1;
                again = 1;
            }
        }
    }
    return i;
}

/* The date after a mention of the injury at text[at]; its length, or 0. */
static size_t date_after(const char *text, size_t len, size_t at,
                         char iso[11], size_t *date_at)
{
    size_t off = at;
    while(off < len && is_alpha((unsigned char)text[off]))
        off++; /* the rest of "injury", "injured", "DOI" */
    off += skip_filler(text + off, len - off);
    *date_at = off;
    return imr_text_parse_date(text + off, len - off, iso);
}

int imr_extract_injury_date(const char *text, size_t len, char iso[11],
                            imr_span *where)
{
    size_t i;

    for(i = 0; i < len; i++) {
        char c = (char)(text[i] | 0x20);
        size_t date_at = 0, n;
        if(c != 'i' && c != 'd' && c != 'l')
            continue;
        if(i > 0 && is_alpha((unsigned char)text[i - 1]))
            continue;
        if(!imr_text_istarts(text + i, len - i, "injur") &&
           !imr__extract_word_at(text, len, i, "DOI") &&
           !imr_text_istarts(text + i, len - i, "loss"))
            continue;
        n = date_after(text, len, i, iso, &date_at);
        if(n) {
            set_span(where, i, date_at + n - i);
            return 1;
        }
    }
    return 0;
}
