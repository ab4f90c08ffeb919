/* SPDX-License-Identifier: MIT */
/* This file is private to the extract module: the attribute readers the
 * fact extractor shares with its tests. */
#ifndef IMR_EXTRACT_FACTS_INT_H
#define IMR_EXTRACT_FACTS_INT_H

#include "imr/extract.h"
#include "lexicon.h"

/* `word` stands at text[i] as a whole word, ignoring case. */
int imr__extract_word_at(const char *text, size_t len, size_t i,
                         const char *word);
/* The length of the first of `words` (count of them, lower case) that
 * stands at text[i] as a whole word, as imr__extract_word_at says; 0 when
 * none does. */
size_t imr__extract_word_among(const char *text, size_t len, size_t i,
                               const char *const *words, size_t count);

/* The first date in s[0..n) ("9/8/2014", "December 18, 2013", or a year
 * after "in", "since", "from", "during": "in 2013"), as YYYY-MM-DD or
 * YYYY; returns its length in *iso or 0. */
size_t imr__extract_date(const char *s, size_t n, char iso[11],
                         imr_span *where);
/* The date imr__extract_date would find at s[i], where a word starts
 * after neither a letter, a digit nor '/'; its length, or 0. */
size_t imr__extract_date_at(const char *s, size_t n, size_t i, char iso[11]);

/* False when a word whose first three bytes, lower case, are c0 c1 c2 (0
 * past its end) can begin no date: it starts with neither a digit nor a
 * month's first two letters and a third letter. Inline, as it is asked at
 * every word of every sentence and mostly says no. */
static inline int imr__extract_may_date(int c0, int c1, int c2)
{
    int pair;

    switch(c0) {
    case 'j': pair = c1 == 'a' || c1 == 'u'; break;
    case 'f': case 's': case 'd': pair = c1 == 'e'; break;
    case 'm': pair = c1 == 'a'; break;
    case 'a': pair = c1 == 'p' || c1 == 'u'; break;
    case 'o': pair = c1 == 'c'; break;
    case 'n': pair = c1 == 'o'; break;
    default: return c0 >= '0' && c0 <= '9';
    }
    return pair && c2 >= 'a' && c2 <= 'z';
}

/* The side nearest to [at, at+len) in the sentence s[0..n): "left",
 * "right", "bilateral", or NULL. `words` are the sentence's words, as
 * imr__lexicon_words reads them: side words are looked for only at them. */
const char *imr__extract_side(const char *s, size_t n, const lex_word *words,
                              size_t count, size_t at, size_t len);

/* A count of sessions or visits stated for the mention at [at, at+len):
 * "12 sessions of physical therapy", "completed 8 physical therapy
 * sessions", "PT x 8", "physical therapy (18 visits)"; not one across a
 * comma or semicolon, which separate the items of a list; -1 when none. */
int imr__extract_sessions(const char *s, size_t n, size_t at, size_t len);

/* A pain score at s[i]: "7/10", "7-8/10", "7 out of 10"; its length, with
 * the score copied to `value`, or 0. */
size_t imr__extract_pain_score(const char *s, size_t n, size_t i,
                               char value[16]);

/* A dose after the mention: "10/325 mg", "7.5mg", "20 mg"; 0 when none. */
size_t imr__extract_dose(const char *s, size_t n, size_t from,
                         char value[32]);

/* "at 70 degrees" after `from`: the number of degrees, or -1. */
int imr__extract_degrees(const char *s, size_t n, size_t from);

#endif
