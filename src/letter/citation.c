/* SPDX-License-Identifier: MIT */
/* Guideline citations as letters write them: "Decision based on MTUS Chronic
 * Pain Treatment Guidelines Physical Medicine Page(s): 98-99." or "The Expert
 * Reviewer did not base their decision on the MTUS. Decision based on
 * Non-MTUS Citation Official Disability Guidelines (ODG) ...". */
#include "letter_int.h"

#include <string.h>

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Phrases that say the decision was not based on the MTUS: those that end
 * with "MTUS" and those that start with it. */
static const char *const not_mtus_before[] = {
    "did not base their decision on the ", "did not base his/her decision on the ",
    "did not base the decision on the ",  "not based on the ",
    "no section of the ",                 "not part of the ",
    "not addressed by the ",
};
static const char *const not_mtus_after[] = {"MTUS does not address",
                                             "MTUS is silent"};

/* What opens a page list; longest first so "Page(s):" wins over "Page". */
static const char *const page_markers[] = {
    "Page(s):", "Page(s)", "Pages:", "Pages", "Page:", "Page", "pp.", "p.",
};

/* One pass over the mentions of "MTUS", each checked against the phrases
 * that deny it. */
static int says_not_mtus(const char *text, size_t len)
{
    const char *hit = text;
    size_t k;

    while((hit = imr_text_ifind(hit, len - (size_t)(hit - text), "MTUS")) !=
          NULL) {
        size_t before = (size_t)(hit - text);
        for(k = 0; k < sizeof(not_mtus_before) / sizeof(not_mtus_before[0]);
            k++) {
            size_t n = strlen(not_mtus_before[k]);
            if(n <= before &&
               imr_text_istarts(hit - n, n, not_mtus_before[k]))
                return 1;
        }
        for(k = 0; k < sizeof(not_mtus_after) / sizeof(not_mtus_after[0]);
            k++) {
            if(imr_text_istarts(hit, len - before, not_mtus_after[k]))
                return 1;
        }
        hit += 4;
    }
    return 0;
}

/* What may follow "based " to open a source: "Decision based on X", "The
 * Expert Reviewer based his/her decision on the X". */
static const char *const after_based[] = {
    "its decision on the ",  "his/her decision on the ",
    "their decision on the ", "its decision on ",
    "his/her decision on ",  "their decision on ",
};

/* The first source opener at or after `s`; sets *skip past it. */
static const char *find_opener(const char *s, size_t len, size_t *skip)
{
    const char *hit = s;
    size_t k;

    while((hit = imr_text_ifind(hit, len - (size_t)(hit - s), "based ")) !=
          NULL) {
        size_t at = (size_t)(hit - s), rest = len - at - 6;
        const char *next = hit + 6;
        if(at >= 9 && imr_text_istarts(hit - 9, 9, "Decision ") &&
           imr_text_istarts(next, rest, "on ")) {
            *skip = 9 + 6 + 3;
            return hit - 9;
        }
        for(k = 0; k < sizeof(after_based) / sizeof(after_based[0]); k++) {
            if(imr_text_istarts(next, rest, after_based[k])) {
                *skip = 6 + strlen(after_based[k]);
                return hit;
            }
        }
        hit = next;
    }
    return NULL;
}

/* A page marker at a word start in s[0..len); sets *skip past it. Every
 * marker starts with a "p", so only those places are compared. */
static const char *find_page_marker(const char *s, size_t len, size_t *skip)
{
    const char *p = s;
    size_t k;

    while((p = imr_text_ifind(p, len - (size_t)(p - s), "p")) != NULL) {
        size_t i = (size_t)(p - s);
        if(i == 0 || s[i - 1] == ' ' || s[i - 1] == ',' || s[i - 1] == '(') {
            for(k = 0; k < sizeof(page_markers) / sizeof(page_markers[0]);
                k++) {
                size_t m = strlen(page_markers[k]), j;
                if(!imr_text_istarts(p, len - i, page_markers[k]))
                    continue;
                j = i + m;
                while(j < len && s[j] == ' ')
                    j++;
                if(j < len && is_digit((unsigned char)s[j])) {
                    *skip = j - i;
                    return p;
                }
            }
        }
        p++;
    }
    return NULL;
}

static void add_page(letter_parser *p, imr_citation *cite, const char *s,
                     size_t n)
{
    size_t i;
    for(i = 0; i < cite->page_count; i++) {
        if(strlen(cite->pages[i]) == n && memcmp(cite->pages[i], s, n) == 0)
            return;
    }
    if(cite->page_count < IMR_LETTER_MAX_LIST)
        cite->pages[cite->page_count++] = imr_arena_strndup(p->arena, s, n);
}

/* Reads "98-99", "303-305, 177-179", "30-32 and 49" from s; returns the
 * bytes used. Ranges keep the letter's form; "98 - 99" becomes "98-99". */
static size_t read_pages(letter_parser *p, imr_citation *cite, const char *s,
                         size_t len)
{
    size_t i = 0, used = 0;

    for(;;) {
        char page[32];
        size_t n = 0;
        while(i < len && is_digit((unsigned char)s[i]) && n < 12)
            page[n++] = s[i++];
        if(n == 0)
            break;
        {
            size_t j = i;
            while(j < len && s[j] == ' ')
                j++;
            if(j < len && s[j] == '-') {
                j++;
                while(j < len && s[j] == ' ')
                    j++;
                if(j < len && is_digit((unsigned char)s[j])) {
                    page[n++] = '-';
                    while(j < len && is_digit((unsigned char)s[j]) && n < 30)
                        page[n++] = s[j++];
                    i = j;
                }
            }
        }
        add_page(p, cite, page, n);
        used = i;
        while(i < len && (s[i] == ',' || s[i] == ' ' || s[i] == '&' ||
                          s[i] == ';'))
            i++;
        if(imr_text_istarts(s + i, len - i, "and "))
            i += 4;
        if(i >= len || !is_digit((unsigned char)s[i]))
            break;
    }
    return used;
}

/* What may follow "which " at the end of a source's name. */
static const char *const which_tails[] = {
    "is part of the MTUS",  "is not part of the MTUS",
    "are part of the MTUS", "are not part of the MTUS",
};

/* Drops a ", which is part of the MTUS" tail and trailing punctuation. */
static size_t trim_source_name(const char *s, size_t n)
{
    const char *which = imr_text_ifind(s, n, "which ");
    size_t k;

    while(which) {
        size_t at = (size_t)(which - s), rest = n - at - 6;
        for(k = 0; k < sizeof(which_tails) / sizeof(which_tails[0]); k++) {
            if(imr_text_istarts(which + 6, rest, which_tails[k]))
                n = at;
        }
        which = at < n ? imr_text_ifind(which + 6, rest, "which ") : NULL;
    }
    while(n && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ' ' ||
                s[n - 1] == ';' || s[n - 1] == ':'))
        n--;
    return n;
}

/* One segment may name several chapters: "ACOEM Chapter 8 Neck and Upper
 * Back Complaints, Chapter 12 Low Back Complaints" is two sources. */
static void add_sources(letter_parser *p, imr_citation *cite, const char *s,
                        size_t n)
{
    while(n && cite->source_count < IMR_LETTER_MAX_LIST) {
        const char *next = imr_text_ifind(s, n, ", Chapter ");
        size_t part = next ? (size_t)(next - s) : n;
        size_t kept = trim_source_name(s, part);
        /* ", which is part of the MTUS" after the pages names nothing */
        if(kept && !imr_text_istarts(s, kept, "which "))
            cite->sources[cite->source_count++] =
                imr_arena_strndup(p->arena, s, kept);
        if(!next)
            break;
        s = next + 2;
        n -= part + 2;
    }
}

/* True when a mention of "MTUS", from the first (`hit`) on, is
 * "Non-MTUS" or "not part of the MTUS": one pass over the mentions rather
 * than a search of the segment for each phrase. */
static int denies_mtus(const char *s, size_t n, const char *hit)
{
    while(hit) {
        size_t before = (size_t)(hit - s);
        if((before >= 4 && imr_text_istarts(hit - 4, 4, "Non-")) ||
           (before >= 16 && imr_text_istarts(hit - 16, 16, "not part of the ")))
            return 1;
        hit = imr_text_ifind(hit + 4, n - before - 4, "MTUS");
    }
    return 0;
}

/* 1 when the segment names the MTUS, 0 when it names a guideline outside
 * it, -1 when it does not say. */
static int segment_mtus(const char *s, size_t n)
{
    const char *mtus = imr_text_ifind(s, n, "MTUS");

    if((mtus && denies_mtus(s, n, mtus)) ||
       imr_text_ifind(s, n, "Official Disability Guidelines") ||
       imr_text_ifind(s, n, "(ODG)"))
        return 0;
    return mtus ? 1 : -1;
}

/* Skips what joins one cited part to the next: ", and ", "; ", ". ". */
static size_t skip_joiners(const char *s, size_t n)
{
    size_t i = 0;
    for(;;) {
        while(i < n && (s[i] == ' ' || s[i] == ',' || s[i] == ';' ||
                        s[i] == '.'))
            i++;
        if(imr_text_istarts(s + i, n - i, "and "))
            i += 4;
        else
            return i;
    }
}

/* A segment names one or more parts, each maybe with pages: "Opioids,
 * criteria for use Page(s): 76-80, and On-going management Page(s): 78". */
static void read_segment(letter_parser *p, imr_citation *cite, const char *s,
                         size_t n, int *any_mtus, int *any_other)
{
    int mtus;

    imr_text_trim(&s, &n);
    mtus = segment_mtus(s, n);
    if(mtus == 1)
        *any_mtus = 1;
    else if(mtus == 0)
        *any_other = 1;
    if(imr_text_istarts(s, n, "Non-MTUS Citation")) {
        s += strlen("Non-MTUS Citation");
        n -= strlen("Non-MTUS Citation");
        imr_text_trim(&s, &n);
    }
    while(n) {
        size_t skip = 0, name_len, at, used;
        const char *m = find_page_marker(s, n, &skip);
        at = m ? (size_t)(m - s) : n;
        name_len = trim_source_name(s, at);
        add_sources(p, cite, s, name_len);
        if(!m)
            break;
        used = read_pages(p, cite, m + skip, n - at - skip);
        at += skip + used;
        at += skip_joiners(s + at, n - at);
        s += at;
        n -= at;
    }
}

void imr__letter_read_citation(letter_parser *p, const char *text,
                               imr_citation *cite)
{
    size_t len, skip = 0;
    const char *s, *opener;
    int any_mtus = 0, any_other = 0;

    memset(cite, 0, sizeof(*cite));
    cite->mtus = -1;
    if(!text)
        return;
    cite->text = text;
    len = strlen(text);
    if(imr_text_ifind(text, len, "did not cite"))
        return; /* no guideline named */
    opener = find_opener(text, len, &skip);
    if(!opener) {
        read_segment(p, cite, text, len, &any_mtus, &any_other);
    }
    while(opener) {
        size_t next_skip = 0;
        const char *start = opener + skip;
        const char *next = find_opener(start, len - (size_t)(start - text),
                                       &next_skip);
        const char *stop = next ? next : text + len;
        read_segment(p, cite, start, (size_t)(stop - start), &any_mtus,
                     &any_other);
        opener = next;
        skip = next_skip;
    }
    s = text;
    if(says_not_mtus(s, len))
        cite->mtus = 0;
    else if(any_mtus)
        cite->mtus = 1;
    else if(any_other)
        cite->mtus = 0;
}
