/* SPDX-License-Identifier: MIT */
/* The fields a letter states in prose: the reviewer's credentials, the
 * claimant's age, sex and date of injury, and the cover page's labels. */
#include "letter_int.h"

#include <string.h>

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

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

static int word_at(const char *text, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    if(i + n > len || !imr_text_istarts(text + i, len - i, word))
        return 0;
    if(i > 0 && is_alpha((unsigned char)text[i - 1]))
        return 0;
    return i + n == len || !is_alpha((unsigned char)text[i + n]);
}

/* "54 year old", "57-year-old", "44 year-old", "37 yo", "aged 54". */
static int find_age(const char *text, size_t len)
{
    size_t i;

    for(i = 0; i < len; i++) {
        size_t j = i, start;
        int age = 0;
        if(!is_digit((unsigned char)text[i]) ||
           (i > 0 && is_digit((unsigned char)text[i - 1])))
            continue;
        while(j < len && is_digit((unsigned char)text[j]) && j - i < 3)
            age = age * 10 + (text[j++] - '0');
        if(j < len && is_digit((unsigned char)text[j]))
            continue;
        start = j;
        while(j < len && (text[j] == ' ' || text[j] == '-'))
            j++;
        if(j == start && j < len && is_alpha((unsigned char)text[j]) &&
           !imr_text_istarts(text + j, len - j, "yo"))
            continue;
        if(imr_text_istarts(text + j, len - j, "year old") ||
           imr_text_istarts(text + j, len - j, "year-old") ||
           imr_text_istarts(text + j, len - j, "years old") ||
           imr_text_istarts(text + j, len - j, "years-old") ||
           imr_text_istarts(text + j, len - j, "yr old") ||
           imr_text_istarts(text + j, len - j, "y/o") ||
           word_at(text, len, j, "yo"))
            return age > 0 && age < 120 ? age : -1;
    }
    return -1;
}

static const char *find_sex(const char *text, size_t len)
{
    size_t i;
    for(i = 0; i < len; i++) {
        char c = text[i];
        if(c != 'f' && c != 'F' && c != 'm' && c != 'M' && c != 'w' &&
           c != 'W' && c != 'g' && c != 'G' && c != 'l' && c != 'L')
            continue;
        if(word_at(text, len, i, "female") || word_at(text, len, i, "woman") ||
           word_at(text, len, i, "lady"))
            return "female";
        if(word_at(text, len, i, "male") || word_at(text, len, i, "man") ||
           word_at(text, len, i, "gentleman"))
            return "male";
    }
    return NULL;
}

/* Words that may stand between the mention of the injury and its date. */
static size_t skip_filler(const char *s, size_t len)
{
    static const char *const fillers[] = {
        "date ",     "of ",       "on ",       "is ",        "was ",
        "at work on ", "dated ",  "occurred ", "which ",     "that ",
        "reported ", "sustained "};
    size_t i = 0, k;
    int again = 1;

    while(again) {
        again = 0;
        while(i < len && (s[i] == ' ' || s[i] == ':' || s[i] == ',' ||
                          s[i] == '(' || s[i] == '-'))
            i++;
        for(k = 0; k < sizeof(fillers) / sizeof(fillers[0]); k++) {
            if(imr_text_istarts(s + i, len - i, fillers[k])) {
                i += strlen(fillers[k]);
                again = 1;
            }
        }
    }
    return i;
}

/* The date after a mention of the injury at text[at]: "injury on DATE",
 * "injured on DATE", "date of injury: DATE", "injury date of DATE",
 * "DOI DATE". Writes iso and returns 1 when there is one. */
static int date_after(const char *text, size_t len, size_t at, char iso[11])
{
    size_t off = at;
    while(off < len && is_alpha((unsigned char)text[off]))
        off++; /* the rest of "injury", "injured", "DOI" */
    off += skip_filler(text + off, len - off);
    return imr_text_parse_date(text + off, len - off, iso) != 0;
}

/* The first stated date of injury, in one pass over the text: each
 * mention of an injury ("injur...", "DOI", "date of loss") is tried. */
static const char *find_injury_date(letter_parser *p, const char *text,
                                    size_t len)
{
    char iso[11];
    size_t i;

    for(i = 0; i < len; i++) {
        char c = text[i];
        if(c != 'i' && c != 'I' && c != 'd' && c != 'D' && c != 'l' &&
           c != 'L')
            continue;
        if(i > 0 && is_alpha((unsigned char)text[i - 1]))
            continue;
        if((imr_text_istarts(text + i, len - i, "injur") ||
            word_at(text, len, i, "DOI") ||
            imr_text_istarts(text + i, len - i, "loss")) &&
           date_after(text, len, i, iso))
            return imr_arena_strdup(p->arena, iso);
    }
    return NULL;
}

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
    imr_letter *l = p->letter;

    if(!summary)
        return;
    len = strlen(summary);
    l->age = find_age(summary, len);
    l->sex = find_sex(summary, len);
    if(!l->date_of_injury)
        l->date_of_injury = find_injury_date(p, summary, len);
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
static size_t next_label(const char *s, size_t len, size_t from)
{
    size_t i;
    for(i = from; i < len; i++) {
        if((i == 0 || s[i - 1] == ' ') && label_at(s + i, len - i))
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

void imr__letter_read_cover(letter_parser *p, line_range r)
{
    size_t i;

    for(i = r.begin; i < r.end; i++) {
        const letter_line *line = &p->all.lines[i];
        size_t at = next_label(line->text, line->len, 0);
        while(at < line->len) {
            const cover_label *label = label_at(line->text + at,
                                                line->len - at);
            size_t v = at + strlen(label->label);
            size_t stop = next_label(line->text, line->len, v);
            store_cover_value(p, label->field, line->text + v, stop - v);
            if(label->field == COVER_TREATMENTS && stop == line->len)
                i = continue_treatments(p, r, i);
            at = stop;
        }
    }
}
