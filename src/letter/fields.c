/* SPDX-License-Identifier: MIT */
/* The fields a letter states in prose: the reviewer's credentials, the
 * claimant's age, sex and date of injury, and the cover page's labels. */
#include "letter_int.h"

#include "imr/extract.h"

#include <string.h>

static const char *arena_trimmed(letter_parser *p, const char *s, size_t n)
{
    imr_text_trim(&s, &n);
    while(n && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';'))
        n--;
    imr_text_trim(&s, &n);
    return n ? imr_arena_strndup(p->arena, s, n) : NULL;
}

/*---- Reviewer ----------------------------------------------------------*/

/* Splits a list at the separators given, dropping empty parts. */
static void split_list(letter_parser *p, const char *s, size_t n,
                       const char *const *seps, size_t sep_count,
                       const char **out, size_t *count)
{
    while(n && *count < IMR_LETTER_MAX_LIST) {
        size_t cut = n, skip = 0, i;
        const char *part;
        for(i = 0; i < sep_count; i++) {
            const char *hit = imr_text_ifind(s, n, seps[i]);
            if(hit && (size_t)(hit - s) < cut) {
                cut = (size_t)(hit - s);
                skip = strlen(seps[i]);
            }
        }
        part = arena_trimmed(p, s, cut);
        if(part)
            out[(*count)++] = part;
        if(cut == n)
            break;
        s += cut + skip;
        n -= cut + skip;
    }
}

static const char *const cert_seps[] = {"; ", ", "};
static const char *const state_seps[] = {"; ", ", ", " and ", " & "};

/* Words that introduce a further certification inside the list. */
static const char *const cert_openers[] = {
    "has a subspecialty in ", "with a subspecialty in ", "subspecialty in ",
    "and ", "is Board Certified in ", "Board Certified in ",
};

static void add_certifications(letter_parser *p, const char *s, size_t n)
{
    imr_letter *l = p->letter;
    size_t first = l->certification_count, i, k;

    split_list(p, s, n, cert_seps, 2, l->certifications,
               &l->certification_count);
    for(i = first; i < l->certification_count; i++) {
        const char *c = l->certifications[i];
        for(k = 0; k < sizeof(cert_openers) / sizeof(cert_openers[0]); k++) {
            if(imr_text_istarts(c, strlen(c), cert_openers[k]))
                c += strlen(cert_openers[k]);
        }
        l->certifications[i] = c;
    }
}

static void add_states(letter_parser *p, const char *s, size_t n)
{
    imr_letter *l = p->letter;
    split_list(p, s, n, state_seps, 4, l->licensure, &l->licensure_count);
}

/* The value after `label` up to `other` (when that comes later) or the end
 * of the sentence block. */
static int labelled_value(const char *text, size_t len, const char *label,
                          const char *other, const char **value, size_t *n)
{
    const char *at = imr_text_ifind(text, len, label), *stop;
    if(!at)
        return 0;
    *value = at + strlen(label);
    stop = imr_text_ifind(*value, len - (size_t)(*value - text), other);
    *n = stop ? (size_t)(stop - *value) : len - (size_t)(*value - text);
    return 1;
}

static int read_credentials_block(letter_parser *p, const char *text,
                                  size_t len)
{
    const char *v;
    size_t n;
    int found = 0;

    /* Both labels hold a "(": most texts lack one, and need no search. */
    if(!memchr(text, '(', len))
        return 0;
    if(labelled_value(text, len, "State(s) of Licensure:",
                      "Certification(s)/Specialty:", &v, &n)) {
        add_states(p, v, n);
        found = 1;
    }
    if(labelled_value(text, len, "Certification(s)/Specialty:",
                      "State(s) of Licensure:", &v, &n)) {
        add_certifications(p, v, n);
        found = 1;
    }
    return found;
}

/* "... is Board Certified in Internal Medicine and is licensed to practice
 * in California." and its variants ("is a Licensed Acupuncturist and ..."). */
static void read_credentials_sentence(letter_parser *p, const char *text,
                                      size_t len)
{
    const char *lic = imr_text_ifind(text, len, "licensed to practice in ");
    const char *cert, *stop;

    if(!lic)
        return;
    {
        const char *v = lic + strlen("licensed to practice in ");
        const char *dot = memchr(v, '.', len - (size_t)(v - text));
        add_states(p, v, dot ? (size_t)(dot - v) : len - (size_t)(v - text));
    }
    stop = lic;
    while(stop > text && stop[-1] == ' ')
        stop--;
    if(stop - text >= 6 && imr_text_istarts(stop - 6, 6, "and is"))
        stop -= 6;
    else if(stop - text >= 3 && imr_text_istarts(stop - 3, 3, "and"))
        stop -= 3;
    cert = imr_text_ifind(text, (size_t)(stop - text), "Board Certified in ");
    if(cert)
        cert += strlen("Board Certified in ");
    else if((cert = imr_text_ifind(text, (size_t)(stop - text),
                                   "reviewer is ")) != NULL) {
        cert += strlen("reviewer is ");
        if(imr_text_istarts(cert, (size_t)(stop - cert), "a "))
            cert += 2;
        else if(imr_text_istarts(cert, (size_t)(stop - cert), "an "))
            cert += 3;
    }
    if(cert && cert < stop)
        add_certifications(p, cert, (size_t)(stop - cert));
}

void imr__letter_read_reviewer(letter_parser *p, const char *text)
{
    size_t len;

    if(!text)
        return;
    len = strlen(text);
    if(!read_credentials_block(p, text, len))
        read_credentials_sentence(p, text, len);
}

/*---- Claimant ----------------------------------------------------------*/

/* "The utilization review determination being challenged is dated
 * 11/24/14", "Utilization review from December 18, 2013 modified ...",
 * "taken directly from the utilization review denial/modification dated
 * July 17, 2013": the first date within a short reach of a mention of the
 * utilization review. */
static const char *find_ur_date(letter_parser *p, const char *text,
                                size_t len)
{
    static const char *const mentions[] = {"utilization review", "UR "};
    enum { REACH = 60 };
    char iso[11];
    size_t k;

    for(k = 0; k < sizeof(mentions) / sizeof(mentions[0]); k++) {
        const char *hit = text;
        while((hit = imr_text_ifind(hit, len - (size_t)(hit - text),
                                    mentions[k])) != NULL) {
            size_t at = (size_t)(hit - text), i;
            size_t stop = len - at < REACH ? len : at + REACH;
            for(i = at + strlen(mentions[k]); i < stop; i++) {
                if((text[i - 1] == ' ') &&
                   imr_text_parse_date(text + i, len - i, iso))
                    return imr_arena_strdup(p->arena, iso);
                if(text[i] == '.' && i + 1 < len && text[i + 1] == ' ')
                    break; /* the sentence ended */
            }
            hit += 1;
        }
    }
    return NULL;
}

void imr__letter_read_ur_date(letter_parser *p, const char *text)
{
    if(text && !p->letter->ur_date)
        p->letter->ur_date = find_ur_date(p, text, strlen(text));
}

void imr__letter_read_claimant(letter_parser *p, const char *summary)
{
    size_t len;
    char iso[11];
    imr_letter *l = p->letter;

    if(!summary)
        return;
    len = strlen(summary);
    l->age = imr_extract_age(summary, len, NULL);
    l->sex = imr_extract_sex(summary, len, NULL);
    if(!l->date_of_injury &&
       imr_extract_injury_date(summary, len, iso, NULL))
        l->date_of_injury = imr_arena_strdup(p->arena, iso);
}

const char *imr__letter_trim_summary(const char *summary)
{
    const char *s = summary, *colon;

    if(!s)
        return NULL;
    if(imr_text_istarts(s, strlen(s), "The expert reviewer developed")) {
        colon = strchr(s, ':');
        if(colon && colon - s < 300)
            s = colon + 1;
    }
    else if(imr_text_istarts(s, strlen(s), "Disclaimer:")) {
        const char *dated = imr_text_ifind(s, strlen(s), " dated ");
        char iso[11];
        size_t used;
        if(dated && dated - s < 300) {
            dated += strlen(" dated ");
            used = imr_text_parse_date(dated, strlen(dated), iso);
            s = dated + used;
        }
        else {
            const char *dot = strstr(s, ". ");
            s = dot ? dot + 1 : s;
        }
        if(*s == '.')
            s++;
    }
    while(*s == ' ' || *s == '"')
        s++;
    return *s ? s : NULL;
}

/*---- Cover page --------------------------------------------------------*/

typedef enum cover_field {
    COVER_CASE,
    COVER_LETTER_DATE,
    COVER_UR_DATE,
    COVER_RECEIVED,
    COVER_ASSIGNED,
    COVER_INJURY,
    COVER_PRIORITY,
    COVER_TREATMENTS,
    COVER_IGNORED
} cover_field;

typedef struct cover_label {
    const char *label;
    cover_field field;
} cover_label;

/* Longest labels first, so "IMR Case Number" wins over "Case Number". */
static const cover_label cover_labels[] = {
    {"Treatment(s) in Dispute Listed on IMR Application:", COVER_TREATMENTS},
    {"Treatment(s) in Dispute:", COVER_TREATMENTS},
    {"Treatments in Dispute:", COVER_TREATMENTS},
    {"Disputed Treatment(s):", COVER_TREATMENTS},
    {"Date of UR Determination:", COVER_UR_DATE},
    {"Date of UR Decision:", COVER_UR_DATE},
    {"UR Decision Date:", COVER_UR_DATE},
    {"UR Denial Date:", COVER_UR_DATE},
    {"Date Application Received:", COVER_RECEIVED},
    {"IMR Application Received:", COVER_RECEIVED},
    {"Application Received:", COVER_RECEIVED},
    {"MAXIMUS Case Number:", COVER_CASE},
    {"IMR Case Number:", COVER_CASE},
    {"Case Number:", COVER_CASE},
    {"Decision Date:", COVER_LETTER_DATE},
    {"Date Assigned:", COVER_ASSIGNED},
    {"Date of Injury:", COVER_INJURY},
    {"Claim Number:", COVER_IGNORED},
    {"Employee:", COVER_IGNORED},
    {"Priority:", COVER_PRIORITY},
    {"Dated:", COVER_LETTER_DATE},
};

enum { COVER_LABEL_COUNT = sizeof(cover_labels) / sizeof(cover_labels[0]) };

/* The label starting at s[0], or NULL. */
static const cover_label *label_at(const char *s, size_t len)
{
    size_t k;
    for(k = 0; k < COVER_LABEL_COUNT; k++) {
        if(imr_text_istarts(s, len, cover_labels[k].label))
            return &cover_labels[k];
    }
    return NULL;
}

/* The next label in s[from..len) at a word start; its offset or len. */
/* The next label in s[from..len): at a word start, or glued to the value
 * before it when it starts with a capital ("CM15-0123456Date Assigned:",
 * as a PDF's table cells come out). Labels end in a colon, so a capital
 * word inside a value is not taken for one. */
static size_t next_label(const char *s, size_t len, size_t from)
{
    size_t i;
    for(i = from; i < len; i++) {
        if((i == 0 || s[i - 1] == ' ' || (s[i] >= 'A' && s[i] <= 'Z')) &&
           label_at(s + i, len - i))
            return i;
    }
    return len;
}

static const char *cover_date(letter_parser *p, const char *v, size_t n)
{
    char iso[11];
    return imr_text_parse_date(v, n, iso) ? imr_arena_strdup(p->arena, iso)
                                          : NULL;
}

static void store_cover_value(letter_parser *p, cover_field field,
                              const char *v, size_t n)
{
    imr_letter *l = p->letter;
    imr_text_trim(&v, &n);
    if(n == 0)
        return;
    switch(field) {
    case COVER_CASE:
        l->case_number = arena_trimmed(p, v, n);
        break;
    case COVER_LETTER_DATE:
        l->letter_date = cover_date(p, v, n);
        break;
    case COVER_UR_DATE:
        l->ur_date = cover_date(p, v, n);
        break;
    case COVER_RECEIVED:
        l->application_received = cover_date(p, v, n);
        break;
    case COVER_ASSIGNED:
        l->date_assigned = cover_date(p, v, n);
        break;
    case COVER_INJURY:
        l->date_of_injury = cover_date(p, v, n);
        break;
    case COVER_PRIORITY:
        l->priority = imr_text_istarts(v, n, "exp") ? "expedited"
                                                    : "standard";
        break;
    case COVER_TREATMENTS:
        if(l->treatment_count < IMR_LETTER_MAX_LIST)
            l->treatments_in_dispute[l->treatment_count++] =
                arena_trimmed(p, v, n);
        break;
    case COVER_IGNORED:
        break;
    }
}

/* The lines after a "Treatment(s) in Dispute" label list one treatment
 * each, until a line that holds another label. */
static size_t continue_treatments(letter_parser *p, line_range r, size_t i)
{
    size_t j = i + 1;

    while(j < r.end) {
        const letter_line *line = &p->all.lines[j];
        if(next_label(line->text, line->len, 0) < line->len)
            break;
        store_cover_value(p, COVER_TREATMENTS, line->text, line->len);
        j++;
    }
    return j - 1;
}

/* Labels whose values come later: a PDF's table may give a column of
 * labels, then the column of their values ("IMR Application Received:",
 * "MAXIMUS Case Number:", "7/24/2013", "CM13-0003321"). */
typedef struct pending_labels {
    cover_field fields[COVER_LABEL_COUNT];
    size_t count;
} pending_labels;

static void take_pending(letter_parser *p, pending_labels *q,
                         const letter_line *line)
{
    size_t k;
    store_cover_value(p, q->fields[0], line->text, line->len);
    for(k = 1; k < q->count; k++)
        q->fields[k - 1] = q->fields[k];
    q->count--;
}

/* Reads the labels of one line; returns the last line it used (treatment
 * lists run on over the next lines). */
static size_t read_cover_line(letter_parser *p, line_range r, size_t i,
                              pending_labels *q)
{
    const letter_line *line = &p->all.lines[i];
    size_t at = next_label(line->text, line->len, 0);

    if(at == line->len) {
        if(q->count)
            take_pending(p, q, line);
        return i;
    }
    while(at < line->len) {
        const cover_label *label = label_at(line->text + at, line->len - at);
        size_t v = at + strlen(label->label);
        size_t stop = next_label(line->text, line->len, v);
        const char *value = line->text + v;
        size_t n = stop - v;
        imr_text_trim(&value, &n);
        if(n)
            store_cover_value(p, label->field, value, n);
        else if(label->field == COVER_TREATMENTS && stop == line->len &&
                !q->count)
            return continue_treatments(p, r, i);
        else if(q->count < COVER_LABEL_COUNT)
            q->fields[q->count++] = label->field;
        at = stop;
    }
    return i;
}

void imr__letter_read_cover(letter_parser *p, line_range r)
{
    pending_labels q;
    size_t i;

    q.count = 0;
    for(i = r.begin; i < r.end; i++)
        i = read_cover_line(p, r, i, &q);
}
