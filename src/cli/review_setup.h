/* SPDX-License-Identifier: MIT */
/* What review and eval load before deciding: the knowledge base, the
 * services catalogue and the extractor; the reviewer assigned to a case
 * from a panel, whose credentials the letter states; and the determination
 * written out in the format asked for (imr review, imr case letter). */
#ifndef IMR_CLI_REVIEW_SETUP_H
#define IMR_CLI_REVIEW_SETUP_H

#include "imr/letter.h"
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
/* Assigns a reviewer of `panel` to `c` as the intake does, with the
 * intake's rules of kb_dir and the catalogue of `s`; a->reviewer is NULL
 * when nobody qualifies. The assignment lives in `arena`. Fails only when
 * the rules do not load. */
imr_status imr__review_setup_assign(const review_setup *s, const char *kb_dir,
                                    const imr_panel *panel, const imr_case *c,
                                    imr_arena *arena, imr_assignment *a,
                                    imr_error *err);

/* Appends `d` to `out` as `format` says: "json" (the determination with
 * every criterion), "html", "pdf" or else the text letter. */
imr_status imr__review_render(const char *format, const imr_determination *d,
                              const imr_letter_style *style, imr_buf *out,
                              imr_error *err);

#endif
