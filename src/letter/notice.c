/* SPDX-License-Identifier: MIT */
/* The 2013 layout, "Notice of Independent Medical Review Determination":
 * decisions are listed as "1) ... has determined the request for X is [not]
 * medically necessary and appropriate", and each item is explained under
 * "1) Regarding the request for X:" with the guidelines each side used and
 * the reviewer's rationale. */
#include "letter_int.h"

#include <string.h>

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* "1) ", "2. ": the number, and the bytes of the marker in *skip. */
static int list_number(const letter_line *line, size_t *skip)
{
    size_t i = 0;
    int n = 0;
    while(i < line->len && i < 3 && is_digit((unsigned char)line->text[i]))
        n = n * 10 + (line->text[i++] - '0');
    if(i == 0 || i >= line->len ||
       (line->text[i] != ')' && line->text[i] != '.'))
        return 0;
    i++;
    while(i < line->len && line->text[i] == ' ')
        i++;
    *skip = i;
    return n;
}

static const char *const section_ends[] = {
    "Medical Qualifications of the Expert Reviewer",
    "Expert Reviewer Case Summary",
    "Case Summary",
    "Documents Reviewed",
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    "Effect of the Decision",
    "Medical Treatment Guideline(s) Used by the Claims Administrator",
    "Medical Treatment Guideline(s) Used by the Expert Reviewer",
    "Rationale Used by the Expert Reviewer",
    "Dear ",
    "cc:",
    "/signed/",
};

static int ends_section(const letter_line *line)
{
    size_t k, skip;
    if(list_number(line, &skip))
        return 1;
    for(k = 0; k < sizeof(section_ends) / sizeof(section_ends[0]); k++) {
        if(imr__letter_line_starts(line, section_ends[k]))
            return 1;
    }
    return 0;
}

/* The lines after `from` up to the next section or numbered entry. */
static line_range body_after(letter_parser *p, size_t from)
{
    size_t i = from + 1;
    while(i < p->all.count && !ends_section(&p->all.lines[i]))
        i++;
    return (line_range){from, i};
}

static size_t find_line_starting(letter_parser *p, size_t from,
                                 const char *label)
{
    size_t i;
    for(i = from; i < p->all.count; i++) {
        if(imr__letter_line_starts(&p->all.lines[i], label))
            return i;
    }
    return p->all.count;
}

/* The text of a section opened by a line starting with `label`. */
static const char *section_text(letter_parser *p, const char *label)
{
    size_t at = find_line_starting(p, 0, label);
    line_range r;
    if(at == p->all.count)
        return NULL;
    r = body_after(p, at);
    return imr__letter_join(p, r, strlen(label) + 1);
}

/*---- The decision list -------------------------------------------------*/

typedef struct notice_decision {
    const char *request;
    imr_decision decision;
    unsigned line;
} notice_decision;

enum { MAX_ITEMS = 64 };

/* The earlier of two places in one text; NULL only when both are. */
static const char *earlier(const char *a, const char *b)
{
    if(!a || !b)
        return a ? a : b;
    return a < b ? a : b;
}

/* "... has determined the request for X is not medically necessary ..." */
static int read_decision(letter_parser *p, const char *entry,
                         notice_decision *out)
{
    size_t len = strlen(entry);
    const char *req = imr_text_ifind(entry, len, "the request for ");
    const char *neg, *pos, *stop;

    if(!req || !imr_text_ifind(entry, len, "has determined"))
        return 0;
    req += strlen("the request for ");
    neg = earlier(imr_text_ifind(req, len - (size_t)(req - entry),
                                 " is not medically necessary"),
                  /* the space lost in some extracted text */
                  imr_text_ifind(req, len - (size_t)(req - entry),
                                 " is notmedically necessary"));
    pos = imr_text_ifind(req, len - (size_t)(req - entry),
                         " is medically necessary");
    if(neg && (!pos || neg < pos)) {
        stop = neg;
        out->decision = IMR_DECISION_UPHELD;
    }
    else if(pos) {
        stop = pos;
        out->decision = IMR_DECISION_OVERTURNED;
    }
    else {
        return 0;
    }
    out->request = imr_arena_strndup(p->arena, req, (size_t)(stop - req));
    return 1;
}

static size_t read_decision_list(letter_parser *p, notice_decision *out)
{
    size_t i, count = 0, skip;

    for(i = 0; i < p->all.count; i++) {
        int n = list_number(&p->all.lines[i], &skip);
        notice_decision d;
        line_range r;
        const char *entry;
        if(n <= 0 || n > MAX_ITEMS)
            continue;
        r = body_after(p, i);
        entry = imr__letter_join(p, r, skip);
        if(!entry || !read_decision(p, entry, &d))
            continue;
        d.line = p->all.lines[i].number;
        if((size_t)n > count)
            count = (size_t)n;
        out[n - 1] = d;
    }
    return count;
}

/*---- Items -------------------------------------------------------------*/

static const char *const part_labels[] = {
    "Medical Treatment Guideline(s) Used by the Claims Administrator:",
    "Medical Treatment Guideline(s) Used by the Expert Reviewer:",
    "Rationale Used by the Expert Reviewer:",
};

/* The text of one part of item section [r), or NULL. */
static const char *item_part(letter_parser *p, line_range r, size_t k)
{
    size_t i;
    for(i = r.begin; i < r.end; i++) {
        if(imr__letter_line_starts(&p->all.lines[i], part_labels[k])) {
            line_range body = body_after(p, i);
            return imr__letter_join(p, body, strlen(part_labels[k]));
        }
    }
    return NULL;
}

/* The reviewer may adopt the claims administrator's guideline by
 * reference: "found the guideline used by the Claims Administrator
 * relevant and appropriate". */
static int adopts_claims_guideline(const char *text)
{
    return text && imr_text_ifind(text, strlen(text),
                                  "used by the Claims Administrator");
}

static void fill_notice_item(letter_parser *p, line_range r,
                             imr_letter_item *item)
{
    const char *ca = item_part(p, r, 0), *rev = item_part(p, r, 1);

    imr__letter_read_citation(p, ca, &item->claims_administrator_guideline);
    if(adopts_claims_guideline(rev)) {
        item->reviewer_guideline = item->claims_administrator_guideline;
        item->reviewer_guideline.text = rev;
    }
    else {
        imr__letter_read_citation(p, rev, &item->reviewer_guideline);
    }
    item->rationale = item_part(p, r, 2);
}

/* The "N) Regarding the request for X:" section of item n: [begin, end). */
static line_range item_section(letter_parser *p, int n)
{
    size_t i, skip;
    for(i = 0; i < p->all.count; i++) {
        const letter_line *line = &p->all.lines[i];
        if(list_number(line, &skip) == n &&
           imr_text_istarts(line->text + skip, line->len - skip,
                            "Regarding the request")) {
            size_t j = i + 1;
            while(j < p->all.count) {
                size_t s2;
                const letter_line *next = &p->all.lines[j];
                if(list_number(next, &s2) &&
                   imr_text_istarts(next->text + s2, next->len - s2,
                                    "Regarding the request"))
                    break;
                if(imr__letter_line_starts(next, "Effect of the Decision") ||
                   imr__letter_line_starts(next, "cc:") ||
                   imr__letter_line_starts(next, "/signed/"))
                    break;
                j++;
            }
            return (line_range){i, j};
        }
    }
    return (line_range){p->all.count, p->all.count};
}

/* What follows `phrase` (found ignoring case) in `text`, or NULL. */
static const char *after_phrase(const char *text, const char *phrase)
{
    const char *hit = imr_text_ifind(text, strlen(text), phrase);
    return hit ? hit + strlen(phrase) : NULL;
}

/* "An application ... was filed on 9/6/2013 disputing the Utilization
 * Review Denial dated 8/30/2013." */
static void read_application_sentence(letter_parser *p)
{
    size_t at = find_line_starting(p, 0, "An application for Independent");
    const char *text, *hit;
    char iso[11];

    if(at == p->all.count)
        return;
    text = imr__letter_join(p, body_after(p, at), 0);
    if(!text)
        return;
    hit = imr_text_ifind(text, strlen(text), "filed on ");
    if(hit && !p->letter->application_received &&
       imr_text_parse_date(hit + 9, strlen(hit + 9), iso))
        p->letter->application_received = imr_arena_strdup(p->arena, iso);
    /* found ignoring case, so the date is counted from the phrase's end,
     * not searched for again in one case */
    hit = after_phrase(text, "Denial dated ");
    if(!hit)
        hit = after_phrase(text, "Decision dated ");
    if(hit && !p->letter->ur_date &&
       imr_text_parse_date(hit, strlen(hit), iso))
        p->letter->ur_date = imr_arena_strdup(p->arena, iso);
}

static void read_notice_sections(letter_parser *p)
{
    imr_letter *l = p->letter;
    size_t first = find_line_starting(p, 0, "Dear ");
    const char *summary;

    if(first == p->all.count)
        first = find_line_starting(p, 0, "INDEPENDENT MEDICAL REVIEW DECISION");
    imr__letter_read_cover(p, (line_range){0, first});
    read_application_sentence(p);
    imr__letter_read_reviewer(
        p, section_text(p, "Medical Qualifications of the Expert Reviewer:"));
    summary = section_text(p, "Expert Reviewer Case Summary:");
    if(!summary)
        summary = section_text(p, "Case Summary:");
    l->summary = imr__letter_trim_summary(summary);
    imr__letter_read_ur_date(p, summary);
    l->documents_reviewed = section_text(
        p, "Documents Reviewed for this Independent Medical Review:");
    imr__letter_read_claimant(p, l->summary);
}

imr_status imr__letter_parse_notice(letter_parser *p)
{
    notice_decision decisions[MAX_ITEMS];
    imr_letter *l = p->letter;
    size_t count, i;

    memset(decisions, 0, sizeof(decisions));
    l->format = "notice-2013";
    read_notice_sections(p);
    count = read_decision_list(p, decisions);
    if(count == 0)
        return imr__letter_refuse(
            p, 0, "no decision of the form \"has determined the request for "
                  "... is [not] medically necessary\": the letter is cut off "
                  "or damaged");
    l->items = imr_arena_alloc(p->arena, count * sizeof(imr_letter_item));
    l->item_count = count;
    for(i = 0; i < count; i++) {
        imr_letter_item *item = &l->items[i];
        imr_status rc;
        if(!decisions[i].request)
            return imr__letter_refuse(p, 0, "decision %zu is missing from "
                                            "the list of decisions", i + 1);
        item->request = decisions[i].request;
        item->decision = decisions[i].decision;
        fill_notice_item(p, item_section(p, (int)i + 1), item);
        rc = imr__letter_check_item(p, item, i, decisions[i].line);
        if(rc != IMR_OK)
            return rc;
        imr__letter_parse_request(p, item);
    }
    return IMR_OK;
}
