/* SPDX-License-Identifier: MIT */
/* Clinical facts from narrative medical records: sentences and sections
 * that survive pdftotext, the context of each mention in the manner of
 * ConText (negated or affirmed, recent or historical, the patient or
 * someone else, hypothetical), and the facts reviewers decide on, each with
 * the span of text it came from. Trigger lexicons and fact patterns are data
 * in kb/. */
#ifndef IMR_EXTRACT_H
#define IMR_EXTRACT_H

#include "imr/base.h"
#include "imr/json.h"

/*---- Sentences ---------------------------------------------------------*/

/* A sentence of a text, with the section heading it falls under
 * ("ASSESSMENT", "Diagnoses") when there is one. */
typedef struct imr_sentence {
    imr_span span;    /* the sentence in the text */
    imr_span section; /* its section heading; length 0 when none */
} imr_sentence;

/* Splits text[0..len) into sentences, allocated in `arena` (valid until
 * it is reset). Survives pdftotext: hard line breaks inside sentences,
 * blank lines, lists ("1)", "-", "*"), headings ("DIAGNOSES:"), and
 * abbreviations ("Dr.", "b.i.d.", "L4-5", "5/5", "w/", "s/p", "h/o", "y/o",
 * "e.g.", dates). Never fails. */
void imr_sentences_split(const char *text, size_t len, imr_arena *arena,
                         imr_sentence **out, size_t *count);

/*---- Context -----------------------------------------------------------*/

typedef enum imr_polarity {
    IMR_POLARITY_AFFIRMED = 0,
    IMR_POLARITY_NEGATED,
    IMR_POLARITY_POSSIBLE
} imr_polarity;

typedef enum imr_temporality {
    IMR_TEMPORALITY_RECENT = 0,
    IMR_TEMPORALITY_HISTORICAL,
    IMR_TEMPORALITY_HYPOTHETICAL
} imr_temporality;

typedef enum imr_experiencer {
    IMR_EXPERIENCER_PATIENT = 0,
    IMR_EXPERIENCER_OTHER
} imr_experiencer;

/* "affirmed", "negated", "possible"; "recent", "historical",
 * "hypothetical"; "patient", "other". Never NULL. */
const char *imr_polarity_name(imr_polarity p);
const char *imr_temporality_name(imr_temporality t);
const char *imr_experiencer_name(imr_experiencer e);

/* The trigger lexicons (the .tsv files of kb/context/), loaded once, immutable after,
 * shared freely between threads. */
typedef struct imr_context_rules imr_context_rules;

/* Loads the lexicons from kb_dir/context/. Errors name file:line:col. */
imr_status imr_context_rules_load(const char *kb_dir,
                                  imr_context_rules **out, imr_error *err);
void imr_context_rules_free(imr_context_rules *rules);

/* The context of one mention. Each trigger is the span, in the sentence,
 * of the phrase that set the value (length 0 when the default holds). */
typedef struct imr_context {
    imr_polarity polarity;
    imr_temporality temporality;
    imr_experiencer experiencer;
    imr_span polarity_trigger;
    imr_span temporality_trigger;
    imr_span experiencer_trigger;
} imr_context;

/* Judges the mention at `concept` (a span of the sentence) in
 * sentence[0..len): a trigger's scope runs forward or backward from it to
 * the end of the sentence, a terminating word ("but", "however",
 * "although", "which", ...) or another trigger's scope, as its lexicon
 * entry says. Never fails; allocates nothing. */
void imr_context_assess(const imr_context_rules *rules, const char *sentence,
                        size_t len, imr_span concept, imr_context *out);

/* The most tokens (words and marks) a prepared sentence holds; a longer
 * sentence is judged by imr_context_assess, mention by mention. */
enum { IMR_CONTEXT_SENTENCE_TOKENS = 1024 };

/* A token of a prepared sentence. Private to the extract module. */
typedef struct imr__context_token {
    uint16_t offset;
    uint16_t length;
    uint16_t words; /* word tokens before this one */
    uint16_t match; /* 1 + the phrase that starts here, or 0 */
} imr__context_token;

/* A sentence cut into tokens once, with the trigger that starts at each,
 * for judging many mentions in it without reading it again. The caller
 * owns it (about 11 KB: keep one and prepare it again for each sentence);
 * it borrows the rules and the sentence, which must outlive its use. The
 * fields are private: none should be referenced outside context.c. */
typedef struct imr_context_sentence {
    const imr_context_rules *_rules;
    const char *_text;
    size_t _len;
    size_t _count;   /* tokens */
    unsigned _words; /* word tokens in all */
    int _whole;      /* 0 when the sentence did not fit */
    imr__context_token _tokens[IMR_CONTEXT_SENTENCE_TOKENS];
    /* the tokens the match at each depends on: 0 where no phrase fits;
     * where a side of a mention ends sooner, the match is found again */
    uint8_t _reach[IMR_CONTEXT_SENTENCE_TOKENS];
    /* the first token at or after each with a _reach, or _count */
    uint16_t _next_fit[IMR_CONTEXT_SENTENCE_TOKENS];
} imr_context_sentence;

/* Prepares sentence[0..len) for imr_context_judge. Never fails; allocates
 * nothing. */
void imr_context_prepare(const imr_context_rules *rules, const char *sentence,
                         size_t len, imr_context_sentence *out);

/* The same as imr_context_assess on the prepared sentence, with less work
 * for each mention after the first. Never fails; allocates nothing. */
void imr_context_judge(const imr_context_sentence *prepared, imr_span concept,
                       imr_context *out);

/*---- Facts ---------------------------------------------------------------*/

/* One fact found in a text. Strings are the knowledge base's or the
 * arena's; NULL means not stated. Spans are offsets into the text. */
typedef struct imr_fact {
    const char *kind;     /* "treatment", "diagnosis", "finding", ... */
    const char *name;     /* "physical_therapy", "radiculopathy", ... */
    const char *value;    /* "7-8/10", "positive at 70 degrees", "10/325 mg",
                             "requested", "54", ... */
    const char *date;     /* "2014-09-08", or a year "2013" */
    int count;            /* sessions or visits stated; -1 */
    const char *response; /* treatments: "improved", "minimal_or_temporary",
                             "no_benefit", "not_documented" */
    const char *side;     /* "left", "right", "bilateral" */
    const char *trend;    /* pain scores: "worsening", "improving" */
    imr_context context;  /* trigger spans are offsets into the text */
    imr_span span;        /* the words that name the fact */
    imr_span sentence;    /* the sentence it was read from */
} imr_fact;

typedef struct imr_facts {
    imr_fact *items;
    size_t count;
} imr_facts;

/* The concept and response lexicons of kb/facts/ with the context rules of
 * kb/context/; immutable once loaded, shared freely between threads. */
typedef struct imr_extractor imr_extractor;

imr_status imr_extractor_load(const char *kb_dir, imr_extractor **out,
                              imr_error *err);
void imr_extractor_free(imr_extractor *x);
/* The context rules it loaded (owned by the extractor). */
const imr_context_rules *imr_extractor_context(const imr_extractor *x);

/* Finds the facts of text[0..len), in text order, allocated in `arena`
 * (valid until it is reset; strings may point into `text`'s copy in the
 * arena, never into `text`). Never fails. */
void imr_extract_facts(const imr_extractor *x, const char *text, size_t len,
                       imr_arena *arena, imr_facts *out);

/* The facts as a JSON array; `text` gives each fact's words. The caller
 * deletes it. */
cJSON *imr_facts_to_json(const imr_facts *facts, const char *text);

/* Writes the text with each fact marked where it was found:
 * "[[words]]{kind/name negated}". */
void imr_facts_explain(const imr_facts *facts, const char *text, size_t len,
                       imr_buf *out);

/*---- The claimant -------------------------------------------------------*/

/* The claimant's age as the text first states it ("54 year old",
 * "57-year-old", "37 yo"), or -1. `where` (may be NULL) gets its span. */
int imr_extract_age(const char *text, size_t len, imr_span *where);
/* "female" or "male" from the first word that says ("woman", "gentleman",
 * "a 45-year-old man"), or NULL. Pronouns are not taken as a statement. */
const char *imr_extract_sex(const char *text, size_t len, imr_span *where);
/* The first stated date of injury, written to `iso` as YYYY-MM-DD: after
 * "date of injury", "injury date of", "injured on", "injury occurred on",
 * "DOI". Returns 1 when found, else 0. */
int imr_extract_injury_date(const char *text, size_t len, char iso[11],
                            imr_span *where);

#endif
