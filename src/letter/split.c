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

/* Lines under a "Treatment(s) in Dispute" label list one treatment each
 * and start with no label: walking back from `start`, they belong to the
 * cover when such a label sits above them within a few lines. Returns the
 * label's line, or `start` when there is none. */
static const char *back_over_treatments(const char *text, const char *floor,
                                        const char *start)
{
    enum { MAX_TREATMENT_LINES = 12 };
    const char *line = start;
    int k;

    for(k = 0; k < MAX_TREATMENT_LINES && line > floor; k++) {
        const char *prev = line_start(text, line - 1);
        size_t n = (size_t)(line - prev);
        const char *s = prev;
        imr_text_trim(&s, &n);
        if(imr_text_istarts(s, n, "Treatment(s) in Dispute") ||
           imr_text_istarts(s, n, "Treatments in Dispute") ||
           imr_text_istarts(s, n, "Disputed Treatment"))
            return prev;
        if(n && (s[n - 1] == '.' || s[n - 1] == ':'))
            return start; /* a sentence or another label: not a list */
        line = prev;
    }
    return start;
}

/* Moves back from the second letter's heading over its cover page. */
static const char *back_over_cover(const char *text, const char *floor,
                                   const char *heading)
{
    const char *start = line_start(text, heading);
    const char *keep = start;

    while(start > floor) {
        const char *prev = line_start(text, start - 1);
        if(!is_cover_line(prev, (size_t)(start - prev))) {
            const char *label = back_over_treatments(text, floor, start);
            if(label == start)
                break;
            prev = label;
        }
        start = prev;
        {
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
