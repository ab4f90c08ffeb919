/* SPDX-License-Identifier: MIT */
/* Published IMR Final Determination Letters: reading them (text as
 * pdftotext writes it, or PDF through poppler) into structured records. */
#ifndef IMR_LETTER_H
#define IMR_LETTER_H

#include "imr/base.h"
#include "imr/json.h"
#include "imr/request.h"

typedef enum imr_decision {
    IMR_DECISION_UNKNOWN = 0,
    IMR_DECISION_UPHELD,    /* the UR denial stands: not medically necessary */
    IMR_DECISION_OVERTURNED /* medically necessary */
} imr_decision;

/* "upheld", "overturned" or NULL. */
const char *imr_decision_name(imr_decision decision);

enum { IMR_LETTER_MAX_LIST = 16 };

/* A guideline citation as a letter writes it. */
typedef struct imr_citation {
    const char *text;     /* the whole citation, reflowed; NULL if absent */
    int mtus;             /* 1 based on the MTUS, 0 not, -1 unknown */
    const char *sources[IMR_LETTER_MAX_LIST]; /* "MTUS Chronic Pain ..." */
    size_t source_count;
    const char *pages[IMR_LETTER_MAX_LIST];   /* "98-99" */
    size_t page_count;
} imr_citation;

typedef struct imr_letter_item {
    const char *request; /* as written */
    imr_decision decision;
    imr_request parsed;
    imr_citation claims_administrator_guideline;
    imr_citation reviewer_guideline;
    const char *rationale;
} imr_letter_item;

/* One letter. Every string lives in the arena given to the parser; NULL
 * means the letter does not say. Numbers are -1 when not said. */
typedef struct imr_letter {
    const char *format;        /* "fdl-2014", "fdl-2015", "notice-2013" */
    const char *organization;  /* "MAXIMUS Federal Services" */
    const char *case_number;
    const char *letter_date;   /* ISO dates */
    const char *ur_date;
    const char *application_received;
    const char *date_assigned;
    const char *priority;      /* "standard", "expedited" */
    const char *treatments_in_dispute[IMR_LETTER_MAX_LIST];
    size_t treatment_count;
    const char *certifications[IMR_LETTER_MAX_LIST];
    size_t certification_count;
    const char *licensure[IMR_LETTER_MAX_LIST];
    size_t licensure_count;
    int age;
    const char *sex;           /* "female", "male" */
    const char *date_of_injury;
    const char *summary;
    const char *documents_reviewed;
    imr_letter_item *items;
    size_t item_count;
} imr_letter;

/* Reads a letter file into plain text in `text` (emptied first; reusing
 * one buffer across files saves allocations): a .pdf (or any file that
 * starts with "%PDF") through poppler, pages joined by "\n\f\n"; anything
 * else as text. Curly quotes, dashes, odd spaces and ligatures become
 * ASCII. Refuses files over `max_bytes`, empty and binary files, and PDFs
 * with no text layer, naming the file in `err`; `text` is then empty. */
imr_status imr_letter_read_text(const char *path, size_t max_bytes,
                                imr_buf *text, imr_error *err);

/* Parses letter text into `*out`, allocated with its strings from `arena`
 * (valid until the arena is reset). A layout it does not recognize, or a
 * letter cut off before its decisions, is refused with IMR_EINPUT and a
 * message with the line; the caller names the file in `err`. On error
 * `*out` is untouched. */
imr_status imr_letter_parse(const imr_catalogue *cat, const char *text,
                            size_t len, imr_arena *arena, imr_letter **out,
                            imr_error *err);

/* Text may hold several letters one after another (a published
 * compilation, or pdftotext of several PDFs). Returns the length of the
 * first letter in text[0..len): up to where the second one's cover page or
 * first heading begins, or `len` when there is only one. */
size_t imr_letter_first_length(const char *text, size_t len);

/* A new JSON object with the fields of DESIGN.md, for printing; `source`
 * (the file name) is included when not NULL. Strings are borrowed from the
 * letter (its arena), `source` and `arena` (which holds copies of the long
 * texts, quoted for printing: see imr_json_text_ref); all must outlive the
 * JSON. The caller deletes it. */
cJSON *imr_letter_to_json(const imr_letter *letter, const char *source,
                          imr_arena *arena);

/*---- Writing letters ---------------------------------------------------*/

#include "imr/review.h"

/* What a letter says of its writer, from configuration: never hard-coded. */
typedef struct imr_letter_style {
    const char *organization;  /* "Example Review Organization" */
    const char *label;         /* the reviewer guideline line's label:
                                  "Example" in "Example guideline:" */
    const char *certification; /* the assigned reviewer's board */
    const char *licensure;     /* "California" */
} imr_letter_style;

/* The Final Determination Letter in the seeds' structure, as plain text
 * wrapped at 80 columns; `imr parse` reads it back. Appends to `out`. */
void imr_letter_render_text(const imr_determination *d,
                            const imr_letter_style *style, imr_buf *out);
/* The same letter as a standalone HTML page, with every criterion shown. */
void imr_letter_render_html(const imr_determination *d,
                            const imr_letter_style *style, imr_buf *out);
/* The same letter as PDF (cairo), appended to `out`. */
imr_status imr_letter_render_pdf(const imr_determination *d,
                                 const imr_letter_style *style, imr_buf *out,
                                 imr_error *err);

#endif
