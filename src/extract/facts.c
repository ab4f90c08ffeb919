/* SPDX-License-Identifier: MIT */
/* The fact extractor: sentence by sentence, finds the concepts of
 * kb/facts/concepts.tsv, judges each mention's context, and reads the
 * attributes around it (dates, sides, sessions, responses, doses, scores).
 * Read this file first; measures.c and claimant.c read the attributes. */
#include "facts_int.h"
#include "lexicon.h"
#include "pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct imr_extractor {
    lexicon concepts;
    lexicon responses;
    lexicon sections;
    pair_rules pairs;
    imr_context_rules *context;
};

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(int c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*---- Loading -------------------------------------------------------------*/

static imr_status load_lexicon(const char *kb_dir, const char *file,
                               int columns, lexicon *out, imr_error *err)
{
    imr_buf path;
    imr_status rc;

    imr_buf_init(&path);
    imr_buf_printf(&path, "%s/facts/%s", kb_dir, file);
    rc = imr__lexicon_load(path.data, columns, out, err);
    imr_buf_fini(&path);
    return rc;
}

imr_status imr_extractor_load(const char *kb_dir, imr_extractor **out,
                              imr_error *err)
{
    imr_extractor *x = imr_xcalloc(1, sizeof(*x));
    imr_status rc = load_lexicon(kb_dir, "concepts.tsv", 3, &x->concepts,
                                 err);

    if(rc == IMR_OK)
        rc = load_lexicon(kb_dir, "responses.tsv", 2, &x->responses, err);
    if(rc == IMR_OK)
        rc = load_lexicon(kb_dir, "sections.tsv", 2, &x->sections, err);
    if(rc == IMR_OK)
        rc = imr__pairs_load(kb_dir, &x->pairs, err);
    if(rc == IMR_OK)
        rc = imr_context_rules_load(kb_dir, &x->context, err);
    if(rc != IMR_OK) {
        imr_extractor_free(x);
        return rc;
    }
    *out = x;
    return IMR_OK;
}

void imr_extractor_free(imr_extractor *x)
{
    if(!x)
        return;
    imr__lexicon_fini(&x->concepts);
    imr__lexicon_fini(&x->responses);
    imr__lexicon_fini(&x->sections);
    imr__pairs_fini(&x->pairs);
    imr_context_rules_free(x->context);
    free(x);
}

const imr_context_rules *imr_extractor_context(const imr_extractor *x)
{
    return x->context;
}

/*---- The fact list -------------------------------------------------------*/

typedef struct fact_list {
    imr_arena *arena;
    imr_fact *items;
    size_t count;
    size_t cap;
} fact_list;

static imr_fact *new_fact(fact_list *list, const char *kind, const char *name)
{
    imr_fact *f;
    if(list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        imr_fact *grown = imr_arena_alloc(list->arena, cap * sizeof(*grown));
        if(list->count)
            memcpy(grown, list->items, list->count * sizeof(*grown));
        list->items = grown;
        list->cap = cap;
    }
    f = &list->items[list->count++];
    memset(f, 0, sizeof(*f));
    f->kind = kind;
    f->name = name;
    f->count = -1;
    return f;
}

/* Context spans come relative to the sentence; facts keep text offsets. */
static void shift_span(imr_span *span, size_t by)
{
    if(span->length)
        span->offset += by;
}

/*---- One sentence --------------------------------------------------------*/

typedef struct sentence_scan {
    const imr_extractor *x;
    fact_list *facts;
    const char *text;   /* the whole text */
    const char *s;      /* the sentence */
    size_t n;
    size_t offset;      /* of the sentence in the text */
    char date[11];      /* the sentence's first date, or "" */
    const char *trend;  /* pain_trend's answer, once has_trend is set */
    int has_trend;
    imr_context_sentence *context; /* the caller's, for every sentence */
    int is_prepared;    /* context holds this sentence */
    lex_word *words;    /* the sentence's word starts, read once for both */
    size_t word_count;  /* lexicons */
} sentence_scan;

/* The caller's array of word starts, grown for the longest sentence. */
typedef struct word_list {
    lex_word *items;
    size_t cap;
} word_list;

/* Finds the sentence's word starts (a letter or digit after anything
 * else) once: both lexicons are tried at each, and the bytes inside words
 * are stepped over in one place. */
static void read_words(sentence_scan *sc, word_list *list)
{
    sc->word_count =
        imr__lexicon_words(sc->s, sc->n, &list->items, &list->cap);
    sc->words = list->items;
}

static const char *arena_copy(sentence_scan *sc, const char *s)
{
    return imr_arena_strdup(sc->facts->arena, s);
}

/* Judges a mention's context. The sentence is prepared for it at the
 * first mention, as many sentences have none. */
static void assess(sentence_scan *sc, imr_span concept, imr_context *out)
{
    if(!sc->is_prepared) {
        imr_context_prepare(sc->x->context, sc->s, sc->n, sc->context);
        sc->is_prepared = 1;
    }
    imr_context_judge(sc->context, concept, out);
}

static void judge_context(sentence_scan *sc, const lex_entry *e, size_t at,
                          size_t len, imr_fact *f)
{
    imr_span concept = {at, len};

    memset(&f->context, 0, sizeof(f->context));
    if(e && (e->flags & LEX_STATES_ABSENCE)) {
        f->context.polarity = IMR_POLARITY_NEGATED;
        f->context.polarity_trigger = (imr_span){sc->offset + at, len};
        return;
    }
    assess(sc, concept, &f->context);
    shift_span(&f->context.polarity_trigger, sc->offset);
    shift_span(&f->context.temporality_trigger, sc->offset);
    shift_span(&f->context.experiencer_trigger, sc->offset);
}

/* Response precedence: a failure outweighs a temporary benefit, which
 * outweighs a word of improvement in the same sentence. */
static int response_rank(const char *r)
{
    if(!r)
        return 0;
    if(strcmp(r, "no_benefit") == 0)
        return 3;
    if(strcmp(r, "minimal_or_temporary") == 0)
        return 2;
    return 1;
}

/* The response the sentence states, if any; a cue that is itself negated
 * ("no documentation of improvement") means the response is undocumented. */
static const char *sentence_response(sentence_scan *sc)
{
    const char *best = NULL;
    size_t i = 0, k;

    for(k = 0; k < sc->word_count; k++) {
        const lex_word *w = &sc->words[k];
        size_t len = 0;
        const lex_entry *e;
        if(w->at < i || !imr__lexicon_may_start(&sc->x->responses, w))
            continue; /* inside the last cue, or no cue starts so */
        e = imr__lexicon_match_word(&sc->x->responses, sc->s, sc->n, w, &len);
        if(!e)
            continue;
        {
            imr_context ctx;
            const char *r;
            assess(sc, (imr_span){w->at, len}, &ctx);
            r = ctx.polarity == IMR_POLARITY_NEGATED &&
                        strcmp(e->key, "improved") == 0
                    ? "not_documented"
                    : e->key;
            if(response_rank(r) > response_rank(best) || !best)
                best = r;
        }
        i = w->at + len;
    }
    return best;
}

/* Words that, standing shortly before a treatment, make it a proposal
 * rather than history: "The current request is for physical therapy",
 * "requested 12 sessions of physical therapy", "recommend acupuncture".
 * They are grouped by a prefix they share, so that one search finds the
 * candidates of a whole group. */
typedef struct cue_group {
    const char *prefix;
    const char *cues[5]; /* each starts with the prefix; NULL-terminated */
} cue_group;

static const cue_group request_cues[] = {
    {"request", {"request for", "requests", "requested", "request is for",
                 "requesting authorization"}},
    {"recommend", {"recommended", "recommends", "recommend"}},
    {"would benefit from", {"would benefit from"}},
    {"plan", {"plan is", "plans to"}},
    {"proposed", {"proposed"}},
};

/* True when the first occurrence, in s[from, to) and in any case, of some
 * cue of the group stands as a whole word: what an imr_text_ifind of each
 * cue, then imr__extract_word_at, says. Every occurrence of a cue is one
 * of the prefix, so walking the prefix's occurrences in order meets each
 * cue's first occurrence first. */
static int group_at_word(sentence_scan *sc, size_t from, size_t to,
                         const cue_group *g)
{
    unsigned seen = 0, all = 0;
    size_t k, p = from;

    for(k = 0; k < 5 && g->cues[k]; k++)
        all |= 1u << k;
    while(seen != all && p < to) {
        const char *hit = imr_text_ifind(sc->s + p, to - p, g->prefix);
        size_t at;
        if(!hit)
            break;
        at = (size_t)(hit - sc->s);
        for(k = 0; k < 5 && g->cues[k]; k++) {
            const char *cue = g->cues[k];
            if((seen >> k & 1) || strlen(cue) > to - at ||
               !imr_text_istarts(sc->s + at, to - at, cue))
                continue;
            seen |= 1u << k;
            if(imr__extract_word_at(sc->s, sc->n, at, cue))
                return 1;
        }
        p = at + 1;
    }
    return 0;
}

static int speaks_of_request(sentence_scan *sc, size_t at)
{
    enum { REACH = 60 };
    size_t from = at > REACH ? at - REACH : 0, k;

    for(k = 0; k < sizeof(request_cues) / sizeof(request_cues[0]); k++) {
        if(group_at_word(sc, from, at, &request_cues[k]))
            return 1;
    }
    return 0;
}

/* The trend the sentence gives its pain scores: "increased from 5/10",
 * "worse"; "decreased", "improved", "from 8/10 to 4/10". */
static const char *pain_trend(sentence_scan *sc)
{
    static const char *const worse[] = {"increased", "increase", "worse",
                                        "worsening", "worsened", "higher"};
    static const char *const better[] = {"decreased", "decrease", "improved",
                                         "improving", "reduced", "better",
                                         "lower", "down from"};
    size_t k;
    for(k = 0; k < sizeof(worse) / sizeof(worse[0]); k++) {
        if(imr_text_ifind(sc->s, sc->n, worse[k]))
            return "worsening";
    }
    for(k = 0; k < sizeof(better) / sizeof(better[0]); k++) {
        if(imr_text_ifind(sc->s, sc->n, better[k]))
            return "improving";
    }
    return NULL;
}

/* Spinal levels named in the sentence ("L5", "S1", "C6"): the dermatome
 * or myotome of a neurological finding. */
static const char *spinal_levels(sentence_scan *sc)
{
    imr_buf levels;
    const char *out = NULL;
    size_t i;

    imr_buf_init(&levels);
    for(i = 0; i + 1 < sc->n; i++) {
        char c = sc->s[i];
        size_t n;
        if((c != 'C' && c != 'T' && c != 'L' && c != 'S') ||
           (i > 0 && is_alnum((unsigned char)sc->s[i - 1])) ||
           !is_digit((unsigned char)sc->s[i + 1]))
            continue;
        n = i + 2 < sc->n && is_digit((unsigned char)sc->s[i + 2]) ? 3 : 2;
        if(i + n < sc->n && is_alnum((unsigned char)sc->s[i + n]))
            continue;
        imr_buf_printf(&levels, "%s%.*s", levels.len ? ", " : "", (int)n,
                       sc->s + i);
    }
    if(levels.len)
        out = arena_copy(sc, levels.data);
    imr_buf_fini(&levels);
    return out;
}

/* "MED of 90 mg", "morphine equivalent dose is 120": the number after. */
static void read_number_after(sentence_scan *sc, size_t from, imr_fact *f)
{
    size_t i, to = from + 30 < sc->n ? from + 30 : sc->n;
    for(i = from; i < to; i++) {
        if(is_digit((unsigned char)sc->s[i])) {
            size_t j = i;
            while(j < sc->n && (is_digit((unsigned char)sc->s[j]) ||
                                sc->s[j] == '.'))
                j++;
            f->value = imr_arena_strndup(sc->facts->arena, sc->s + i, j - i);
            return;
        }
    }
}

static void read_treatment(sentence_scan *sc, size_t at, size_t len,
                           imr_fact *f, const char *response)
{
    f->count = imr__extract_sessions(sc->s, sc->n, at, len);
    if(speaks_of_request(sc, at))
        f->value = "requested";
    else if(f->context.temporality != IMR_TEMPORALITY_HYPOTHETICAL)
        f->response = response;
}

static void read_finding(sentence_scan *sc, size_t at, size_t len,
                         imr_fact *f)
{
    char value[48];
    int degrees = imr__extract_degrees(sc->s, sc->n, at + len);
    const char *result = imr_text_ifind(sc->s, sc->n, "positive")
                             ? "positive"
                         : imr_text_ifind(sc->s, sc->n, "negative")
                             ? "negative"
                             : NULL;

    if(strcmp(f->name, "sensory_deficit") == 0 ||
       strcmp(f->name, "motor_deficit") == 0 ||
       strcmp(f->name, "reflex_deficit") == 0) {
        f->value = spinal_levels(sc);
        return;
    }
    if(strcmp(f->name, "straight_leg_raise") != 0 &&
       strcmp(f->name, "spurling") != 0)
        return;
    if(result && degrees >= 0)
        snprintf(value, sizeof(value), "%s at %d degrees", result, degrees);
    else if(result)
        snprintf(value, sizeof(value), "%s", result);
    else
        return;
    f->value = arena_copy(sc, value);
}

/* How often a drug is taken, as prescriptions write it. */
static const char *const frequencies[] = {
    "every 4 hours", "every 6 hours", "every 8 hours", "every 12 hours",
    "every four hours", "every six hours", "every eight hours",
    "twice daily", "twice a day", "three times a day", "three times daily",
    "four times a day", "once daily", "once a day", "at bedtime",
    "as needed", "q4h", "q6h", "q8h", "q12h", "q4-6h", "b.i.d.", "t.i.d.",
    "q.i.d.", "q.h.s.", "p.r.n.", "bid", "tid", "qid", "qhs", "prn",
    "daily", "nightly",
};

/* Whether one of `frequencies` can start with the letter `c`. */
static int may_start_frequency(int c)
{
    return c != '\0' && strchr("abdefnopqt", lower(c)) != NULL;
}

/* Appends the frequencies stated in s[from, from + reach) to `value`. */
static void read_frequency(sentence_scan *sc, size_t from, imr_buf *value)
{
    enum { REACH = 60 };
    size_t to = from + REACH < sc->n ? from + REACH : sc->n, i, k;

    for(i = from; i < to; i++) {
        if(sc->s[i] == ',' || sc->s[i] == ';')
            break; /* the next drug's */
        /* Inside a word neither "and" nor a frequency can begin. */
        if(i > 0 && is_alpha((unsigned char)sc->s[i - 1]))
            continue;
        if(imr__extract_word_at(sc->s, sc->n, i, "and"))
            break;
        if((i > 0 && is_alnum((unsigned char)sc->s[i - 1])) ||
           !may_start_frequency((unsigned char)sc->s[i]))
            continue;
        for(k = 0; k < sizeof(frequencies) / sizeof(frequencies[0]); k++) {
            size_t n;
            /* lower case: most are ruled out by their first letter */
            if(frequencies[k][0] != lower((unsigned char)sc->s[i]))
                continue;
            n = strlen(frequencies[k]);
            if(imr_text_istarts(sc->s + i, sc->n - i, frequencies[k]) &&
               (i + n >= sc->n || !is_alnum((unsigned char)sc->s[i + n]) ||
                frequencies[k][n - 1] == '.')) {
                imr_buf_printf(value, "%s%s", value->len ? " " : "",
                               frequencies[k]);
                i += n - 1;
                break;
            }
        }
    }
}

static void read_medication(sentence_scan *sc, size_t at, size_t len,
                            imr_fact *f)
{
    char dose[32];
    imr_buf value;

    imr_buf_init(&value);
    if(imr__extract_dose(sc->s, sc->n, at + len, dose))
        imr_buf_puts(&value, dose);
    read_frequency(sc, at + len, &value);
    if(value.len)
        f->value = arena_copy(sc, value.data);
    imr_buf_fini(&value);
}

static void add_mention(sentence_scan *sc, const lex_entry *e, size_t at,
                        size_t len, const char *response)
{
    imr_fact *f = new_fact(sc->facts, e->key, e->name);

    f->span = (imr_span){sc->offset + at, len};
    f->sentence = (imr_span){sc->offset, sc->n};
    f->date = sc->date[0] ? arena_copy(sc, sc->date) : NULL;
    judge_context(sc, e, at, len, f);
    if(strcmp(e->key, "treatment") == 0)
        read_treatment(sc, at, len, f, response);
    else if(strcmp(e->key, "imaging") == 0 && speaks_of_request(sc, at))
        f->value = "requested";
    else if(strcmp(e->name, "morphine_equivalent_dose") == 0)
        read_number_after(sc, at + len, f);
    else if(strcmp(e->key, "finding") == 0)
        read_finding(sc, at, len, f);
    else if(strcmp(e->key, "medication") == 0)
        read_medication(sc, at, len, f);
    if(strcmp(e->key, "medication") != 0 && strcmp(e->key, "work") != 0 &&
       strcmp(e->key, "monitoring") != 0 && strcmp(e->key, "function") != 0)
        f->side = imr__extract_side(sc->s, sc->n, sc->words, sc->word_count,
                                    at, len);
}

/* "7-8/10" and "4/10": scores, with the sentence's context. */
static void add_pain_score(sentence_scan *sc, size_t at, size_t len,
                           const char *value)
{
    imr_fact *f = new_fact(sc->facts, "pain", "pain_score");
    f->value = arena_copy(sc, value);
    f->span = (imr_span){sc->offset + at, len};
    f->sentence = (imr_span){sc->offset, sc->n};
    f->date = sc->date[0] ? arena_copy(sc, sc->date) : NULL;
    /* The trend is the sentence's, and its 14 searches cost more than
     * the rest of a score: found once for all its scores. */
    if(!sc->has_trend) {
        sc->trend = pain_trend(sc);
        sc->has_trend = 1;
    }
    f->trend = sc->trend;
    judge_context(sc, NULL, at, len, f);
    /* A score is a measurement: "8/10 without medications" is still 8/10. */
    f->context.polarity = IMR_POLARITY_AFFIRMED;
    f->context.polarity_trigger = (imr_span){0, 0};
}

/* Which earlier facts a sentence with a response but no treatment speaks
 * of: "All of these are reported to have provided minimal benefit". */
static int refers_back(sentence_scan *sc)
{
    static const char *const words[] = {"these", "this", "them", "they",
                                        "it", "those", "each"};
    size_t i, k;
    for(i = 0; i < sc->n; i++) {
        if(i > 0 && is_alnum((unsigned char)sc->s[i - 1]))
            continue;
        for(k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
            if(words[k][0] == lower((unsigned char)sc->s[i]) &&
               imr__extract_word_at(sc->s, sc->n, i, words[k]))
                return 1;
        }
    }
    return 0;
}

static void apply_response_back(fact_list *list, size_t from, size_t to,
                                const char *response)
{
    size_t i;
    for(i = from; i < to; i++) {
        imr_fact *f = &list->items[i];
        if(strcmp(f->kind, "treatment") == 0 && !f->value &&
           response_rank(response) > response_rank(f->response))
            f->response = response;
    }
}

/* Words that name a record: "Per periodic report dated 9/8/2014", "the
 * 08/18/14 progress report", "clinical note dated 04/11/2014". */
static const char *const record_words[] = {
    "report", "reports", "note", "notes", "evaluation", "examination",
    "visit", "consultation", "re-evaluation", "progress note", "PR-2",
};

/* A full date near a word that names a record: the date of a report.
 * `where` is the sentence's first date, sc->date. */
static void add_report_date(sentence_scan *sc, imr_span where)
{
    size_t k;
    imr_fact *f;

    if(strlen(sc->date) != 10)
        return;
    for(k = 0; k < sizeof(record_words) / sizeof(record_words[0]); k++) {
        /* A first occurrence that starts more than 30 bytes past the date
         * is refused below, so the search stops where one would end. */
        size_t reach = where.offset + where.length + 30 +
                       strlen(record_words[k]);
        const char *hit = imr_text_ifind(sc->s, reach < sc->n ? reach : sc->n,
                                         record_words[k]);
        size_t at;
        if(!hit)
            continue;
        at = (size_t)(hit - sc->s);
        if(!imr__extract_word_at(sc->s, sc->n, at, record_words[k]) ||
           (at > where.offset + where.length + 30) ||
           (at + 40 < where.offset))
            continue;
        f = new_fact(sc->facts, "record", "report_date");
        f->date = arena_copy(sc, sc->date);
        f->span = (imr_span){sc->offset + where.offset, where.length};
        f->sentence = (imr_span){sc->offset, sc->n};
        return;
    }
}

/* imr__extract_date over the sentence's words: a date starts only where
 * a letter or digit follows anything else, so the bytes inside words,
 * already stepped over once, need not be looked at again. */
static int first_date(sentence_scan *sc, imr_span *where)
{
    size_t k;

    for(k = 0; k < sc->word_count; k++) {
        size_t at = sc->words[k].at, used;
        uint64_t head = sc->words[k].head; /* lower case, 0 past the word */
        if(!imr__extract_may_date((int)(head & 0xff),
                                  (int)(head >> 8 & 0xff),
                                  (int)(head >> 16 & 0xff)) ||
           (at > 0 && sc->s[at - 1] == '/'))
            continue;
        used = imr__extract_date_at(sc->s, sc->n, at, sc->date);
        if(used) {
            *where = (imr_span){at, used};
            return 1;
        }
    }
    return 0;
}

/* Scans one sentence; `previous` is where the last sentence's facts
 * begin, for responses that refer back to them. */
/*---- Concepts stated by two words ------------------------------------------*/

enum { CLASS_HITS_MAX = 64 };

/* The phrases of the sentence that belong to a class of words.tsv, in
 * order, each with the words it covers; at most CLASS_HITS_MAX. The words
 * of gaps.tsv are common ones, looked at only between two of these. */
static size_t find_class_hits(sentence_scan *sc, class_hit *hits)
{
    const lexicon *words = &sc->x->pairs.words;
    size_t k = 0, count = 0;

    while(k < sc->word_count && count < CLASS_HITS_MAX) {
        const lex_word *w = &sc->words[k];
        size_t len = 0, end;
        const lex_entry *e = NULL;
        if(imr__lexicon_may_start(words, w))
            e = imr__lexicon_match_word(words, sc->s, sc->n, w, &len);
        k++;
        if(!e)
            continue;
        end = w->at + len;
        while(k < sc->word_count && sc->words[k].at < end)
            k++;
        hits[count++] =
            (class_hit){e->key, w->at, len, (size_t)(w - sc->words), k};
    }
    return count;
}

static int has_fact_named(const fact_list *list, size_t from, const char *name)
{
    size_t i;
    for(i = from; i < list->count; i++) {
        if(strcmp(list->items[i].name, name) == 0)
            return 1;
    }
    return 0;
}

/* The class of gaps.tsv of the phrase at the sentence's word k, with the
 * index of the word after it; NULL when the word is in none. */
static const char *gap_class_at(const sentence_scan *sc, size_t k, size_t *next)
{
    const lexicon *gaps = &sc->x->pairs.gaps;
    const lex_word *w = &sc->words[k];
    const lex_entry *e;
    size_t len = 0;

    if(!imr__lexicon_may_start(gaps, w) ||
       !(e = imr__lexicon_match_word(gaps, sc->s, sc->n, w, &len)))
        return NULL;
    *next = k + 1;
    while(*next < sc->word_count && sc->words[*next].at < w->at + len)
        (*next)++;
    return e->key;
}

/* Whether the rule's pattern runs from hit a to hit b, the next one: the
 * words between are all of its gap class and as many as it allows, with
 * no clause boundary among them. */
static int match_rule(const sentence_scan *sc, const pair_rule *r,
                      const class_hit *a, const class_hit *b)
{
    size_t k = a->next_word, next = 0;
    int gaps = 0;

    if(a->klass != r->first || b->klass != r->second)
        return 0;
    while(k < b->word && gaps <= PAIR_GAP_MAX) {
        if(gap_class_at(sc, k, &next) != r->gap)
            return 0;
        gaps++;
        k = next;
    }
    return k == b->word && gaps >= r->min_gap && gaps <= PAIR_GAP_MAX &&
           !imr__pairs_crosses_clause(sc->s, a->at + a->len, b->at);
}

/* The fact spans the whole pattern; its context is judged at its last
 * word, so that a negation inside ("function has not improved") is in
 * scope, as is one before it ("no reduction in medication"). */
static void add_pair(sentence_scan *sc, const pair_rule *r,
                     const class_hit *first, const class_hit *last)
{
    imr_fact *f = new_fact(sc->facts, r->kind, r->name);

    f->span =
        (imr_span){sc->offset + first->at, last->at + last->len - first->at};
    f->sentence = (imr_span){sc->offset, sc->n};
    f->date = sc->date[0] ? arena_copy(sc, sc->date) : NULL;
    judge_context(sc, NULL, last->at, last->len, f);
}

/* Each rule gives at most one fact a sentence, and none when a phrase of
 * concepts.tsv already named the concept there. */
static void scan_pairs(sentence_scan *sc, size_t first_fact)
{
    class_hit hits[CLASS_HITS_MAX];
    size_t count = find_class_hits(sc, hits), r, i;

    if(count < 2)
        return;
    for(r = 0; r < sc->x->pairs.count; r++) {
        const pair_rule *rule = &sc->x->pairs.rules[r];
        if(has_fact_named(sc->facts, first_fact, rule->name))
            continue;
        for(i = 0; i + 1 < count; i++) {
            if(match_rule(sc, rule, &hits[i], &hits[i + 1])) {
                add_pair(sc, rule, &hits[i], &hits[i + 1]);
                break;
            }
        }
    }
}

static void scan_sentence(sentence_scan *sc, size_t previous)
{
    size_t i = 0, k, first = sc->facts->count, treatments = 0;
    const char *response = sentence_response(sc);
    char score[16];
    imr_span where;

    if(!first_date(sc, &where))
        sc->date[0] = '\0';
    else
        add_report_date(sc, where);
    /* At each word start past the last score or mention: a pain score,
     * else the longest concept. */
    for(k = 0; k < sc->word_count; k++) {
        const lex_word *w = &sc->words[k];
        size_t len = 0, at = w->at;
        const lex_entry *e;
        if(at < i)
            continue;
        if(is_digit((unsigned char)sc->s[at]) &&
           (len = imr__extract_pain_score(sc->s, sc->n, at, score)) != 0) {
            add_pain_score(sc, at, len, score);
            i = at + len;
            continue;
        }
        if(!imr__lexicon_may_start(&sc->x->concepts, w))
            continue;
        e = imr__lexicon_match_word(&sc->x->concepts, sc->s, sc->n, w, &len);
        if(!e)
            continue;
        add_mention(sc, e, at, len, response);
        treatments += strcmp(e->key, "treatment") == 0;
        i = at + len;
    }
    scan_pairs(sc, first);
    if(response && !treatments && refers_back(sc))
        apply_response_back(sc->facts, previous, first, response);
}

/*---- Facts of the whole text ---------------------------------------------*/

static void add_claimant(fact_list *list, const char *text, size_t len)
{
    imr_span where;
    char iso[11], age[16];
    int years = imr_extract_age(text, len, &where);
    const char *sex;
    imr_fact *f;

    if(years > 0) {
        snprintf(age, sizeof(age), "%d", years);
        f = new_fact(list, "claimant", "age");
        f->value = imr_arena_strdup(list->arena, age);
        f->span = where;
    }
    sex = imr_extract_sex(text, len, &where);
    if(sex) {
        f = new_fact(list, "claimant", "sex");
        f->value = sex;
        f->span = where;
    }
    if(imr_extract_injury_date(text, len, iso, &where)) {
        f = new_fact(list, "claimant", "date_of_injury");
        f->date = imr_arena_strdup(list->arena, iso);
        f->span = where;
    }
}

/* Years from the date of injury to the latest report: "injured for over
 * 17 years" in a reviewer's words. */
static void add_time_since_injury(fact_list *list)
{
    const char *injury = NULL, *latest = NULL;
    size_t i;
    char value[32];
    int years;

    for(i = 0; i < list->count; i++) {
        const imr_fact *f = &list->items[i];
        if(strcmp(f->name, "date_of_injury") == 0)
            injury = f->date;
        else if(strcmp(f->name, "report_date") == 0 &&
                (!latest || strcmp(f->date, latest) > 0))
            latest = f->date;
    }
    if(!injury || !latest || strcmp(latest, injury) <= 0)
        return;
    years = (int)strtol(latest, NULL, 10) - (int)strtol(injury, NULL, 10);
    if(strcmp(latest + 4, injury + 4) < 0)
        years--; /* not yet the anniversary in the latest year */
    if(years < 0)
        years = 0;
    snprintf(value, sizeof(value), "%d %s", years,
             years == 1 ? "year" : "years");
    {
        imr_fact *f = new_fact(list, "claimant", "time_since_injury");
        f->value = imr_arena_strdup(list->arena, value);
        f->date = latest;
    }
}

static int compare_facts(const void *a, const void *b)
{
    const imr_fact *x = a, *y = b;
    if(x->span.offset != y->span.offset)
        return x->span.offset < y->span.offset ? -1 : 1;
    if(x->span.length != y->span.length)
        return x->span.length > y->span.length ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Sorts items[0..n) by compare_facts, keeping equal facts in the order
 * they came (as glibc's qsort, a merge sort, does), through `scratch` of
 * n / 2 + 1 facts (a left half). Facts come nearly in text order, sentence by sentence, so a half
 * already in order after the other is left as it is: most merges cost one
 * comparison, where qsort compared and copied every fact log n times. */
static void sort_facts(imr_fact *items, size_t n, imr_fact *scratch)
{
    size_t mid = n / 2, i = 0, j, k = 0;

    if(n < 2)
        return;
    sort_facts(items, mid, scratch);
    sort_facts(items + mid, n - mid, scratch);
    if(compare_facts(&items[mid - 1], &items[mid]) <= 0)
        return;
    memcpy(scratch, items, mid * sizeof(*items));
    j = mid;
    while(i < mid && j < n) {
        /* ties take the left half's first: the sort is stable */
        if(compare_facts(&items[j], &scratch[i]) < 0)
            items[k++] = items[j++];
        else
            items[k++] = scratch[i++];
    }
    while(i < mid)
        items[k++] = scratch[i++];
}

/* A treatment the records say was given, with no word on how it worked:
 * its response is undocumented, which is what reviewers weigh. */
static void settle_responses(fact_list *list)
{
    size_t i;
    for(i = 0; i < list->count; i++) {
        imr_fact *f = &list->items[i];
        if(strcmp(f->kind, "treatment") == 0 && !f->response && !f->value &&
           f->context.polarity == IMR_POLARITY_AFFIRMED &&
           f->context.temporality != IMR_TEMPORALITY_HYPOTHETICAL)
            f->response = "not_documented";
    }
}

/*---- Lists ---------------------------------------------------------------*/

/* Whether text[from, to) only joins the items of a list: commas, spaces,
 * "and", "or", "as well as", "&", "plus". */
static int only_joins(const char *text, size_t from, size_t to)
{
    static const char *const joiners[] = {"as well as", "and", "or", "plus"};
    size_t i = from, n;

    while(i < to) {
        char c = text[i];
        if(c == ',' || c == ' ' || c == '\n' || c == '&') {
            i++;
            continue;
        }
        n = imr__extract_word_among(text, to, i, joiners,
                                    sizeof(joiners) / sizeof(joiners[0]));
        if(n == 0)
            return 0;
        i += n;
    }
    return 1;
}

/* "Previous treatments included physical therapy, acupuncture and
 * chiropractic care": a historical trigger's window reaches the first
 * item only, so each later item of the same kind, joined to the one
 * before it by nothing but commas and "and", takes its time when no
 * trigger of its own set one. */
static void carry_along_list(fact_list *list, size_t from, const char *text)
{
    size_t i;

    for(i = from + 1; i < list->count; i++) {
        const imr_fact *prev = &list->items[i - 1];
        imr_fact *f = &list->items[i];
        size_t prev_end = prev->span.offset + prev->span.length;
        if(strcmp(prev->kind, f->kind) != 0 ||
           prev->context.temporality == IMR_TEMPORALITY_RECENT ||
           f->context.temporality != IMR_TEMPORALITY_RECENT ||
           f->context.temporality_trigger.length != 0 ||
           f->span.offset < prev_end ||
           !only_joins(text, prev_end, f->span.offset))
            continue;
        f->context.temporality = prev->context.temporality;
        f->context.temporality_trigger = prev->context.temporality_trigger;
    }
}

/*---- Sections ------------------------------------------------------------*/

/* The context a section heading gives what is written under it: "PAST
 * MEDICAL HISTORY:" makes it historical, "FAMILY HISTORY:" someone
 * else's (kb/facts/sections.tsv); nothing for any other heading. */
static void section_context(const imr_extractor *x, const char *text,
                            imr_span heading, imr_context *out)
{
    const char *h = text + heading.offset;
    size_t at;

    memset(out, 0, sizeof(*out));
    for(at = 0; at < heading.length; at++) {
        size_t len = 0;
        const lex_entry *e;
        if(at > 0 && is_alnum((unsigned char)h[at - 1]))
            continue;
        e = imr__lexicon_match(&x->sections, h, heading.length, at, &len);
        if(!e)
            continue;
        if(strcmp(e->key, "other") == 0)
            out->experiencer = IMR_EXPERIENCER_OTHER;
        else
            out->temporality = IMR_TEMPORALITY_HISTORICAL;
        return;
    }
}

/* Facts of the sentence that no trigger of their own placed in time or
 * gave to someone else take their section's; the heading is the
 * trigger. */
static void apply_section(fact_list *list, size_t from,
                          const imr_context *section, imr_span heading)
{
    size_t i;

    for(i = from; i < list->count; i++) {
        imr_context *c = &list->items[i].context;
        if(section->temporality != IMR_TEMPORALITY_RECENT &&
           c->temporality == IMR_TEMPORALITY_RECENT &&
           c->temporality_trigger.length == 0) {
            c->temporality = section->temporality;
            c->temporality_trigger = heading;
        }
        if(section->experiencer == IMR_EXPERIENCER_OTHER &&
           c->experiencer == IMR_EXPERIENCER_PATIENT &&
           c->experiencer_trigger.length == 0) {
            c->experiencer = IMR_EXPERIENCER_OTHER;
            c->experiencer_trigger = heading;
        }
    }
}

static int same_span(imr_span a, imr_span b)
{
    return a.offset == b.offset && a.length == b.length;
}

void imr_extract_facts(const imr_extractor *x, const char *text, size_t len,
                       imr_arena *arena, imr_facts *out)
{
    fact_list list;
    imr_context_sentence context; /* 11 KB, prepared again per sentence */
    imr_sentence *sentences;
    size_t count, i, previous = 0;
    word_list words = {NULL, 0};
    imr_span heading = {0, 0};
    imr_context section;

    memset(&list, 0, sizeof(list));
    list.arena = arena;
    add_claimant(&list, text, len);
    imr_sentences_split(text, len, arena, &sentences, &count);
    for(i = 0; i < count; i++) {
        sentence_scan sc;
        size_t first = list.count;
        memset(&sc, 0, sizeof(sc));
        sc.x = x;
        sc.facts = &list;
        sc.text = text;
        sc.s = text + sentences[i].span.offset;
        sc.n = sentences[i].span.length;
        sc.offset = sentences[i].span.offset;
        sc.context = &context;
        read_words(&sc, &words);
        scan_sentence(&sc, previous);
        carry_along_list(&list, first, text);
        if(sentences[i].section.length && list.count > first) {
            if(!same_span(heading, sentences[i].section)) {
                heading = sentences[i].section;
                section_context(x, text, heading, &section);
            }
            apply_section(&list, first, &section, heading);
        }
        previous = first;
    }
    free(words.items);
    settle_responses(&list);
    add_time_since_injury(&list);
    if(list.count > 1) /* items is NULL when there are none */
        sort_facts(list.items, list.count,
                   imr_arena_alloc(arena, (list.count / 2 + 1) *
                                              sizeof(imr_fact)));
    out->items = list.items;
    out->count = list.count;
}
