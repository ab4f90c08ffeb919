/* SPDX-License-Identifier: MIT */
/* The determination: a case file's requests decided against the guideline
 * knowledge base on the facts of its records, each criterion shown as met,
 * not met or unknown, with the documentation whose absence decided it. */
#ifndef IMR_REVIEW_H
#define IMR_REVIEW_H

#include "imr/base.h"
#include "imr/extract.h"
#include "imr/intake.h"
#include "imr/json.h"
#include "imr/kb.h"
#include "imr/request.h"

/*---- The determination --------------------------------------------------*/

typedef struct imr_criterion_result {
    const imr_criterion *criterion;
    imr_truth met;        /* IMR_UNKNOWN counts as not met */
    const char *sentence; /* the met or not-met sentence, filled in */
    const char **evidence; /* "prior.physical_therapy.sessions = 12" */
    size_t evidence_count;
} imr_criterion_result;

typedef enum imr_verdict {
    IMR_VERDICT_UPHELD = 1,    /* not medically necessary */
    IMR_VERDICT_OVERTURNED = 2 /* medically necessary */
} imr_verdict;

typedef struct imr_item_decision {
    const char *request;
    const char *claims_administrator_guideline; /* as the UR cited it, or
                                                   NULL */
    imr_request parsed;
    imr_verdict verdict;
    const imr_topic **topics;   /* the guideline topics that decided it */
    size_t topic_count;
    int mtus;                   /* every topic is MTUS */
    imr_criterion_result *criteria;
    size_t criterion_count;
    const char **missing;       /* documentation that would change it */
    size_t missing_count;
    const char *rationale;
} imr_item_decision;

typedef struct imr_determination {
    const char *knowledge_base;  /* imr_kb_version */
    const char *decided_on;      /* the date the editions were chosen by */
    const imr_case *c;
    const char *summary;         /* the clinical case summary, written */
    /* The assigned reviewer's credentials (imr_intake_assign), which the
     * letter states; NULL when none was assigned. */
    const imr_reviewer_credentials *reviewer;
    imr_item_decision *items;
    size_t item_count;
} imr_determination;

typedef struct imr_review_context {
    const imr_kb *kb;
    const imr_catalogue *catalogue;
    const imr_extractor *extractor;
    const char *review_date;     /* ISO; the library never reads the clock */
    const imr_reviewer_credentials *reviewer; /* the assigned reviewer's, or
                                                 NULL; kept by the
                                                 determination */
} imr_review_context;

/* Decides every request of the case. Never fails on a case that parsed;
 * a request the knowledge base has no topic for is upheld with a rationale
 * that says no guideline criteria were found. */
void imr_review(const imr_review_context *ctx, const imr_case *c,
                imr_arena *arena, imr_determination **out);

const char *imr_verdict_name(imr_verdict v);

/* The determination's JSON (DESIGN.md). The caller deletes it. */
cJSON *imr_determination_to_json(const imr_determination *d);

#endif
