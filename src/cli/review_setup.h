/* SPDX-License-Identifier: MIT */
/* What review and eval load before deciding: the knowledge base, the
 * services catalogue and the extractor. */
#ifndef IMR_CLI_REVIEW_SETUP_H
#define IMR_CLI_REVIEW_SETUP_H

#include "imr/review.h"

typedef struct review_setup {
    imr_kb *kb;
    imr_catalogue *catalogue;
    imr_extractor *extractor;
    imr_review_context ctx;
} review_setup;

/* Loads everything from kb_dir; on failure frees what it loaded. */
imr_status imr__review_setup_load(review_setup *s, const char *kb_dir,
                                  const char *review_date, imr_error *err);
void imr__review_setup_fini(review_setup *s);

#endif
