/* SPDX-License-Identifier: MIT */
/* The guideline knowledge base: guidelines with editions and effective
 * dates, topics in the evidence search sequence, and criteria written in
 * the rules language of docs/rules.md, loaded from kb/guidelines/. */
#ifndef IMR_KB_H
#define IMR_KB_H

#include "imr/base.h"

/* A loaded knowledge base; immutable, shared between threads with
 * imr_kb_retain/imr_kb_release. */
typedef struct imr_kb imr_kb;

/* Loads every .rules file under kb_dir/guidelines/ (in name order) and
 * kb_dir/vocabulary.tsv; vocabulary.tsv, services.tsv and body_regions.tsv
 * missing from kb_dir are read from imr_kb_default_dir(). Refuses the whole
 * base on the first error, with file:line:col in `err`; `*out` is
 * untouched then. The new base has one reference. */
imr_status imr_kb_load(const char *kb_dir, imr_kb **out, imr_error *err);
void imr_kb_retain(imr_kb *kb);
/* Drops a reference; the last one frees the base. NULL does nothing. */
void imr_kb_release(imr_kb *kb);
/* How many guidelines, topics and criteria the base holds, counting the
 * copies of topics and criteria an edition carries from another. */
void imr_kb_counts(const imr_kb *kb, size_t *guidelines, size_t *topics,
                   size_t *criteria);
/* A short hash of the rule files' bytes ("kb-3f2a9c1e"), so a determination
 * names the knowledge base that produced it. */
const char *imr_kb_version(const imr_kb *kb);

typedef struct imr_guideline {
    const char *id;        /* "cpmtg_2009" */
    const char *title;
    const char *cite;      /* "MTUS Chronic Pain Treatment Guidelines" */
    int is_mtus;
    const char *effective; /* ISO date */
    const char *ends;      /* ISO date or NULL */
    const char *source;
} imr_guideline;

/* A condition of the rules language, compiled. Opaque. */
typedef struct imr_kb_expr imr_kb_expr;

typedef struct imr_topic {
    const char *id;
    const imr_guideline *guideline;
    const char *section;   /* "Physical Medicine" */
    const char *pages;     /* "98-99", or NULL */
    const imr_kb_expr *covers; /* NULL: covers every case */
    int order;
    const char *file;      /* where it is written, for messages */
    unsigned line;
} imr_topic;

typedef enum imr_criterion_status {
    IMR_CRITERION_CONFIRMED,
    IMR_CRITERION_SEED,
    IMR_CRITERION_UNCONFIRMED
} imr_criterion_status;

typedef struct imr_criterion {
    const char *id;
    const imr_topic *topic;
    const char *source;
    imr_criterion_status status;
    const char *text;
    const imr_kb_expr *when;    /* NULL: always applies */
    const imr_kb_expr *require;
    const char *met;            /* templates with {variable} */
    const char *not_met;
    const char *missing;
    const char *file;
    unsigned line;
} imr_criterion;

/* The topics that decide `service` for any of `regions` (region ids; none
 * means any), with a guideline in force on `date` (ISO), in the evidence
 * search sequence: MTUS first, then by order. Returns how many were found;
 * writes at most `cap` to `out` (pointers owned by the base). */
size_t imr_kb_topics(const imr_kb *kb, const char *service,
                     const char *const *regions, size_t region_count,
                     const char *date, const imr_topic **out, size_t cap);

/* The criteria of a topic, in file order. */
size_t imr_kb_criteria(const imr_kb *kb, const imr_topic *topic,
                       const imr_criterion **out, size_t cap);

/*---- Evaluating conditions ----------------------------------------------*/

/* Three-valued truth. */
typedef enum imr_truth {
    IMR_FALSE = 0,
    IMR_TRUE = 1,
    IMR_UNKNOWN = 2
} imr_truth;

typedef enum imr_value_type {
    IMR_VALUE_UNKNOWN = 0, /* the records do not settle it */
    IMR_VALUE_NUMBER,
    IMR_VALUE_BOOLEAN,
    IMR_VALUE_TEXT
} imr_value_type;

typedef struct imr_value {
    imr_value_type type;
    double number;
    int boolean;
    const char *text;
} imr_value;

/* The case's variables: `lookup` returns the value of a vocabulary name
 * ("request.visits", "diagnosis.myalgia_myositis"), or an unknown value. */
typedef struct imr_kb_env {
    imr_value (*lookup)(void *data, const char *name);
    void *data;
} imr_kb_env;

/* Evaluates a condition. A NULL condition is true. */
imr_truth imr_kb_eval(const imr_kb_expr *expr, const imr_kb_env *env);

/* Fills a template's {variable} slots from `env` into `out` (numbers
 * without trailing zeros, unknown as "an unstated number"). */
void imr_kb_render(const char *template_text, const imr_kb_env *env,
                   imr_buf *out);

/* Calls `visit` for each variable a condition reads (for the evidence a
 * criterion used). */
void imr_kb_expr_variables(const imr_kb_expr *expr,
                           void (*visit)(void *data, const char *name),
                           void *data);

#endif
