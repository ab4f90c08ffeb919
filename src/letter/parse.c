/* SPDX-License-Identifier: MIT */
/* Reads a published Final Determination Letter: finds its layout and
 * sections, then hands each to the reader of its fields. Read this file
 * first; items.c, notice.c, fields.c and citation.c do the details. */
#include "letter_int.h"

#include <string.h>

const char *imr_decision_name(imr_decision decision)
{
    switch(decision) {
    case IMR_DECISION_UPHELD:
        return "upheld";
    case IMR_DECISION_OVERTURNED:
        return "overturned";
    case IMR_DECISION_UNKNOWN:
        break;
    }
    return NULL;
}

typedef enum section_kind {
    SECTION_HOW_MADE,
    SECTION_DOCUMENTS,
    SECTION_SUMMARY,
    SECTION_ISSUES,
    SECTION_COUNT
} section_kind;

typedef struct heading {
    const char *text;
    section_kind kind;
} heading;

/* The headings of the 2014 and later layouts. */
static const heading headings[] = {
    {"HOW THE IMR FINAL DETERMINATION WAS MADE", SECTION_HOW_MADE},
    {"DOCUMENTS REVIEWED", SECTION_DOCUMENTS},
    {"CLINICAL CASE SUMMARY", SECTION_SUMMARY},
    {"IMR ISSUES, DECISIONS AND RATIONALES", SECTION_ISSUES},
    {"IMR DECISION(S) AND RATIONALE(S)", SECTION_ISSUES},
    {"IMR DECISIONS AND RATIONALES", SECTION_ISSUES},
};

enum { HEADING_COUNT = sizeof(headings) / sizeof(headings[0]) };

typedef struct sections {
    size_t at[SECTION_COUNT]; /* line index of each heading, or count */
    const heading *which[SECTION_COUNT];
} sections;

static void find_sections(const letter_lines *all, sections *s)
{
    size_t k;
    for(k = 0; k < SECTION_COUNT; k++) {
        s->at[k] = all->count;
        s->which[k] = NULL;
    }
    for(k = 0; k < HEADING_COUNT; k++) {
        section_kind kind = headings[k].kind;
        size_t at = imr__letter_find_heading(all, 0, all->count,
                                             headings[k].text);
        if(at < s->at[kind]) {
            s->at[kind] = at;
            s->which[kind] = &headings[k];
        }
    }
}

/* The lines of a section: after its heading, up to the next heading. */
static line_range section_lines(const letter_lines *all, const sections *s,
                                section_kind kind)
{
    size_t begin = s->at[kind] + 1, end = all->count, k;
    if(s->at[kind] >= all->count)
        return (line_range){all->count, all->count};
    for(k = 0; k < SECTION_COUNT; k++) {
        if(s->at[k] > s->at[kind] && s->at[k] < end)
            end = s->at[k];
    }
    return (line_range){begin, end};
}

static size_t first_heading(const letter_lines *all, const sections *s)
{
    size_t k, first = all->count;
    for(k = 0; k < SECTION_COUNT; k++) {
        if(s->at[k] < first)
            first = s->at[k];
    }
    return first;
}

/* "MAXIMUS Federal Services sent the complete case file ..." */
static void read_organization(letter_parser *p, const char *how_made)
{
    const char *sent;
    if(!how_made)
        return;
    sent = imr_text_ifind(how_made, strlen(how_made), " sent the ");
    if(sent && sent - how_made < 80)
        p->letter->organization =
            imr_arena_strndup(p->arena, how_made, (size_t)(sent - how_made));
}

static imr_status parse_fdl(letter_parser *p, const sections *s)
{
    imr_letter *l = p->letter;
    const char *how_made, *summary;

    l->format = s->at[SECTION_DOCUMENTS] < p->all.count ||
                        s->which[SECTION_ISSUES] != &headings[3]
                    ? "fdl-2015"
                    : "fdl-2014";
    imr__letter_read_cover(p, (line_range){0, first_heading(&p->all, s)});
    how_made = imr__letter_join(
        p, section_lines(&p->all, s, SECTION_HOW_MADE), 0);
    read_organization(p, how_made);
    imr__letter_read_reviewer(p, how_made);
    l->documents_reviewed = imr__letter_join(
        p, section_lines(&p->all, s, SECTION_DOCUMENTS), 0);
    summary = imr__letter_join(p, section_lines(&p->all, s, SECTION_SUMMARY),
                               0);
    l->summary = imr__letter_trim_summary(summary);
    imr__letter_read_claimant(p, l->summary);
    imr__letter_read_ur_date(p, summary);
    return imr__letter_parse_items(p,
                                   section_lines(&p->all, s, SECTION_ISSUES));
}

static int is_notice(const letter_lines *all)
{
    size_t i;
    for(i = 0; i < all->count && i < 200; i++) {
        const letter_line *line = &all->lines[i];
        if(imr_text_ifind(line->text, line->len,
                          "Notice of Independent Medical Review Determination") ||
           imr__letter_line_starts(line,
                                   "INDEPENDENT MEDICAL REVIEW DECISION AND "
                                   "RATIONALE"))
            return 1;
    }
    return 0;
}

static int is_blank(const char *text, size_t len)
{
    const char *s = text;
    size_t n = len;
    imr_text_trim(&s, &n);
    return n == 0;
}

imr_status imr_letter_parse(const imr_catalogue *cat, const char *text,
                            size_t len, imr_arena *arena, imr_letter **out,
                            imr_error *err)
{
    letter_parser p;
    sections s;
    imr_status rc;

    if(is_blank(text, len))
        return imr_error_set(err, IMR_EINPUT, "the letter is empty");
    memset(&p, 0, sizeof(p));
    p.cat = cat;
    p.arena = arena;
    p.err = err;
    p.letter = imr_arena_alloc(arena, sizeof(imr_letter));
    p.letter->age = -1;
    imr_buf_init(&p.scratch);
    imr__letter_split_lines(text, len, arena, &p.all);
    find_sections(&p.all, &s);
    if(s.at[SECTION_ISSUES] < p.all.count)
        rc = parse_fdl(&p, &s);
    else if(is_notice(&p.all))
        rc = imr__letter_parse_notice(&p);
    else
        rc = imr_error_set(
            err, IMR_EINPUT,
            "not a determination letter in a layout imr knows: no \"IMR "
            "ISSUES, DECISIONS AND RATIONALES\", \"IMR DECISION(S) AND "
            "RATIONALE(S)\" or \"Notice of Independent Medical Review "
            "Determination\"");
    imr_buf_fini(&p.scratch);
    if(rc == IMR_OK)
        *out = p.letter;
    return rc;
}
