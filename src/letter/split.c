/* SPDX-License-Identifier: MIT */
/* Finds where one letter ends and the next begins in a text that holds
 * several: each letter opens with a heading that appears once per letter,
 * possibly after a cover page whose labelled lines belong to it. */
#include "letter_int.h"

#include <string.h>

/* Headings that open a letter, as pdftotext writes them. */
static const char *const openers[] = {
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "Notice of Independent Medical Review Determination",
};

/* Labels of cover-page lines, which come before the opening heading. */
static const char *const cover_starts[] = {
    "Case Number:", "IMR Case Number:", "Date Assigned:", "Date of Injury:",
    "Decision Date:", "UR Denial Date:", "Priority:", "Application Received:",
    "Treatment(s) in Dispute", "MAXIMUS FEDERAL SERVICES", "Dated:",
};

/* The first opener in s[0..len): each opener's first byte is looked for
 * with memchr, which is vectorised, and only those places are compared. */
static const char *find_opener(const char *s, size_t len)
{
    const char *best = NULL;
    size_t k;

    for(k = 0; k < sizeof(openers) / sizeof(openers[0]); k++) {
        size_t n = strlen(openers[k]);
        size_t span = best ? (size_t)(best - s) : len;
        const char *p = s, *end = s + span;
        while(p < end && (size_t)(s + len - p) >= n &&
              (p = memchr(p, openers[k][0], (size_t)(end - p))) != NULL) {
            if((size_t)(s + len - p) >= n && memcmp(p, openers[k], n) == 0) {
                best = p;
                break;
            }
            p++;
        }
    }
    return best;
}

static int is_cover_line(const char *s, size_t n)
{
    size_t k;
    imr_text_trim(&s, &n);
    if(n == 0 || (n == 1 && *s == '\f'))
        return 1; /* blank lines between cover lines */
    for(k = 0; k < sizeof(cover_starts) / sizeof(cover_starts[0]); k++) {
        if(imr_text_istarts(s, n, cover_starts[k]))
            return 1;
    }
    return 0;
}

/* The start of the line holding `at`. */
static const char *line_start(const char *text, const char *at)
{
    while(at > text && at[-1] != '\n')
        at--;
    return at;
}

/* Moves back from the second letter's heading over its cover page. */
static const char *back_over_cover(const char *text, const char *floor,
                                   const char *heading)
{
    const char *start = line_start(text, heading);
    const char *keep = start;

    while(start > floor) {
        const char *prev = line_start(text, start - 1);
        if(!is_cover_line(prev, (size_t)(start - prev)))
            break;
        start = prev;
        if(start < keep) {
            const char *s = start;
            size_t n = (size_t)(keep - start);
            imr_text_trim(&s, &n);
            if(n)
                keep = start; /* a labelled line: part of the cover */
        }
    }
    return keep;
}

size_t imr_letter_first_length(const char *text, size_t len)
{
    const char *first = find_opener(text, len), *second, *after;

    if(!first)
        return len;
    after = first + 1;
    second = find_opener(after, len - (size_t)(after - text));
    if(!second)
        return len;
    return (size_t)(back_over_cover(text, after, second) - text);
}
