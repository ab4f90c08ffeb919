/* SPDX-License-Identifier: MIT */
/* The disputed items of the 2014 and later layouts:
 *
 *   PT 2X4 FOR THE L/S:  Upheld
 *   Claims Administrator guideline: Decision based on ...
 *   MAXIMUS guideline: Decision based on ...
 *   Decision rationale: ...
 */
#include "letter_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const decision_words[] = {"Upheld", "Overturned"};

imr_status imr__letter_refuse(letter_parser *p, unsigned line,
                              const char *fmt, ...)
{
    va_list ap;
    if(p->err)
        p->err->line = line;
    va_start(ap, fmt);
    imr_error_vset(p->err, IMR_EINPUT, fmt, ap);
    va_end(ap);
    return IMR_EINPUT;
}

/* "REQUEST:  Upheld" -> the decision, and the request's length in *req_len
 * (0 when the line holds the decision alone). */
static imr_decision item_header(const letter_line *line, size_t *req_len)
{
    size_t n = line->len, k;

    while(n && (line->text[n - 1] == '.' || line->text[n - 1] == ' '))
        n--;
    for(k = 0; k < 2; k++) {
        size_t w = strlen(decision_words[k]);
        size_t before;
        if(n < w || !imr_text_ieq(line->text + n - w, w, decision_words[k]))
            continue;
        before = n - w;
        if(before == 0) {
            *req_len = 0;
            return (imr_decision)(k + 1);
        }
        while(before && line->text[before - 1] == ' ')
            before--;
        if(before == 0 || line->text[before - 1] != ':')
            continue;
        before--;
        while(before && line->text[before - 1] == ' ')
            before--;
        if(before == 0)
            continue;
        *req_len = before;
        return (imr_decision)(k + 1);
    }
    return IMR_DECISION_UNKNOWN;
}

typedef enum item_part {
    PART_NONE,
    PART_CA_GUIDELINE,
    PART_REVIEWER_GUIDELINE,
    PART_RATIONALE
} item_part;

/* Which labelled part the line opens; *skip is the label's length. */
static item_part part_label(const letter_line *line, size_t *skip)
{
    const char *g;
    size_t head;

    if(imr__letter_line_starts(line, "Claims Administrator guideline:")) {
        *skip = strlen("Claims Administrator guideline:");
        return PART_CA_GUIDELINE;
    }
    if(imr__letter_line_starts(line, "Decision rationale:")) {
        *skip = strlen("Decision rationale:");
        return PART_RATIONALE;
    }
    /* most lines hold no colon in reach, so need no search for the label */
    head = line->len < 48 ? line->len : 48;
    g = memchr(line->text, ':', head)
            ? imr_text_ifind(line->text, head, " guideline:")
            : NULL;
    if(g) {
        *skip = (size_t)(g - line->text) + strlen(" guideline:");
        return PART_REVIEWER_GUIDELINE;
    }
    return PART_NONE;
}

typedef struct item_lines {
    size_t request_begin; /* the first line of a wrapped request */
    size_t header;
    size_t part_line[4];
    size_t part_skip[4];
    size_t end;
} item_lines;

static void fill_item(letter_parser *p, const item_lines *il,
                      imr_letter_item *item)
{
    const char *text[4] = {NULL, NULL, NULL, NULL};
    int part;

    for(part = PART_CA_GUIDELINE; part <= PART_RATIONALE; part++) {
        size_t begin = il->part_line[part], end = il->end;
        int other;
        if(begin == (size_t)-1)
            continue;
        for(other = PART_CA_GUIDELINE; other <= PART_RATIONALE; other++) {
            size_t o = il->part_line[other];
            if(o != (size_t)-1 && o > begin && o < end)
                end = o;
        }
        text[part] = imr__letter_join(p, (line_range){begin, end},
                                      il->part_skip[part]);
    }
    imr__letter_read_citation(p, text[PART_CA_GUIDELINE],
                              &item->claims_administrator_guideline);
    imr__letter_read_citation(p, text[PART_REVIEWER_GUIDELINE],
                              &item->reviewer_guideline);
    item->rationale = text[PART_RATIONALE];
}

static int ends_sentence(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char c;
    while(n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\''))
        n--;
    c = n ? s[n - 1] : '\0';
    return c == '.' || c == '!' || c == '?' || c == ')';
}

imr_status imr__letter_check_item(letter_parser *p,
                                  const imr_letter_item *item, size_t index,
                                  unsigned line)
{
    const char *missing = NULL;

    if(!item->reviewer_guideline.text)
        missing = "the reviewer's guideline";
    else if(!item->rationale)
        missing = "its decision rationale";
    if(missing)
        return imr__letter_refuse(
            p, line,
            "item %zu (\"%s\") lacks %s: the letter is cut off or damaged",
            index + 1, item->request, missing);
    return IMR_OK;
}

void imr__letter_parse_request(letter_parser *p, imr_letter_item *item)
{
    if(imr_request_parse(p->cat, item->request, strlen(item->request),
                         &item->parsed, NULL) != IMR_OK)
        memset(&item->parsed, 0, sizeof(item->parsed));
}

/* A request too long for one line wraps: "Retrospective request for
 * compound cream ... base" then "240gm:  Upheld". The lines before the
 * header belong to it while they neither end a sentence nor open the
 * section (the earlier item's rationale ends with a period, the section's
 * opening line with a colon). */
static size_t request_first_line(letter_parser *p, size_t header,
                                 size_t floor)
{
    enum { MAX_WRAPPED = 3 };
    size_t first = header, skip;

    while(first > floor && header - first < MAX_WRAPPED) {
        const letter_line *prev = &p->all.lines[first - 1];
        char last = prev->text[prev->len - 1];
        if(last == '.' || last == ':' || last == '!' || last == '?' ||
           last == '"' || last == ')' ||
           part_label(prev, &skip) != PART_NONE)
            break;
        first--;
    }
    return first;
}

/* Finds where each item starts; returns the count. */
static size_t find_items(letter_parser *p, line_range r, item_lines *out,
                         size_t cap)
{
    size_t i, count = 0, req_len;

    for(i = r.begin; i < r.end && count < cap; i++) {
        const letter_line *line = &p->all.lines[i];
        size_t skip = 0;
        item_part part;
        if(item_header(line, &req_len) != IMR_DECISION_UNKNOWN &&
           (req_len || (i > r.begin && p->all.lines[i - 1].len > 1 &&
                        p->all.lines[i - 1]
                                .text[p->all.lines[i - 1].len - 1] == ':'))) {
            size_t floor = count ? out[count - 1].header + 1 : r.begin;
            size_t begin = request_first_line(p, req_len ? i : i - 1, floor);
            if(count)
                out[count - 1].end = begin;
            memset(&out[count], 0xff, sizeof(out[count]));
            out[count].request_begin = begin;
            out[count].header = i;
            out[count].end = r.end;
            count++;
            continue;
        }
        if(!count)
            continue;
        part = part_label(line, &skip);
        if(part != PART_NONE && out[count - 1].part_line[part] == (size_t)-1) {
            out[count - 1].part_line[part] = i;
            out[count - 1].part_skip[part] = skip;
        }
    }
    return count;
}

static void read_header(letter_parser *p, const item_lines *il,
                        imr_letter_item *item)
{
    size_t i = il->header, req_len = 0;
    const letter_line *line = &p->all.lines[i];

    item->decision = item_header(line, &req_len);
    if(req_len == 0) {
        /* The decision alone: the request ends on the line before, with
         * its colon. */
        line = &p->all.lines[--i];
        req_len = line->len - 1;
    }
    if(il->request_begin < i) {
        /* join() works in the scratch buffer and returns an arena copy */
        const char *joined = imr__letter_join(
            p, (line_range){il->request_begin, i}, 0);
        imr_buf_reset(&p->scratch);
        if(joined) { /* NULL when those lines hold no text */
            imr_buf_puts(&p->scratch, joined);
            imr_buf_putc(&p->scratch, ' ');
        }
    }
    else {
        imr_buf_reset(&p->scratch);
    }
    {
        const char *s = line->text;
        imr_text_trim(&s, &req_len);
        imr_buf_append(&p->scratch, s, req_len);
    }
    item->request = imr_arena_strndup(p->arena, p->scratch.data,
                                      p->scratch.len);
}

enum { MAX_ITEMS = 64 };

imr_status imr__letter_parse_items(letter_parser *p, line_range r)
{
    item_lines found[MAX_ITEMS];
    size_t count = find_items(p, r, found, MAX_ITEMS), i;
    imr_letter *l = p->letter;

    if(count == 0)
        return imr__letter_refuse(
            p, r.begin < p->all.count ? p->all.lines[r.begin].number : 0,
            "no disputed item with its decision (\"REQUEST: Upheld\" or "
            "\"REQUEST: Overturned\"): the letter is cut off or damaged");
    l->items = imr_arena_alloc(p->arena, count * sizeof(imr_letter_item));
    l->item_count = count;
    for(i = 0; i < count; i++) {
        imr_letter_item *item = &l->items[i];
        imr_status rc;
        read_header(p, &found[i], item);
        fill_item(p, &found[i], item);
        rc = imr__letter_check_item(p, item, i,
                                    p->all.lines[found[i].header].number);
        if(rc != IMR_OK)
            return rc;
        imr__letter_parse_request(p, item);
    }
    if(!ends_sentence(l->items[count - 1].rationale))
        return imr__letter_refuse(
            p, p->all.lines[r.end - 1].number,
            "item %zu (\"%s\") ends mid-sentence: the letter is cut off",
            count, l->items[count - 1].request);
    return IMR_OK;
}
