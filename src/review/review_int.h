/* SPDX-License-Identifier: MIT */
/* This file is private to the review module. */
#ifndef IMR_REVIEW_INT_H
#define IMR_REVIEW_INT_H

#include "imr/review.h"

/* The case's variables, by vocabulary name. */
typedef struct review_var {
    const char *name;
    imr_value value;
} review_var;

typedef struct review_env {
    imr_arena *arena;
    imr_facts facts;       /* every record's, in record order */
    review_var *vars;
    size_t count;
    size_t cap;
} review_env;

/* Fills the variables the records settle (facts of every record). */
void imr__review_env_case(review_env *env, const imr_review_context *ctx,
                          const imr_case *c);
/* Adds the request's variables (request.*) on top. */
void imr__review_env_request(review_env *env, const imr_request *req);
/* Writes the clinical case summary from the case and its facts. */
const char *imr__review_summary(const review_env *env, const imr_case *c,
                                imr_arena *arena);
/* The env as the kb module's callback table. */
imr_kb_env imr__review_kb_env(review_env *env);
/* The value of a name, or unknown. */
imr_value imr__review_lookup(void *data, const char *name);

#endif
