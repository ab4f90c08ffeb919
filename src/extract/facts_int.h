/* SPDX-License-Identifier: MIT */
/* This file is private to the extract module: the attribute readers the
 * fact extractor shares with its tests. */
#ifndef IMR_EXTRACT_FACTS_INT_H
#define IMR_EXTRACT_FACTS_INT_H

#include "imr/extract.h"

/* `word` stands at text[i] as a whole word, ignoring case. */
int imr__extract_word_at(const char *text, size_t len, size_t i,
                         const char *word);

/* The first date in s[0..n) ("9/8/2014", "December 18, 2013", or a year
 * after "in", "since", "from", "during": "in 2013"), as YYYY-MM-DD or
 * YYYY; returns its length in *iso or 0. */
size_t imr__extract_date(const char *s, size_t n, char iso[11],
                         imr_span *where);

/* The side nearest to [at, at+len) in the sentence: "left", "right",
 * "bilateral", or NULL. */
const char *imr__extract_side(const char *s, size_t n, size_t at, size_t len);

/* A count of sessions or visits stated for the mention at [at, at+len):
 * "12 sessions of physical therapy", "completed 8 physical therapy
 * sessions", "PT x 8", "physical therapy (18 visits)"; -1 when none. */
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
