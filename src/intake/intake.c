/* SPDX-License-Identifier: MIT */
/* Intake from start to end: eligibility, then the due dates and the
 * reviewer of an eligible application. Start reading here. */
#include "imr/intake.h"

#include <stdio.h>
#include <string.h>

#include "intake_int.h"

void imr__intake_say(sentence_list *list, const char *fmt, ...)
{
    imr_buf text;
    va_list ap;
    int n;

    imr_buf_init(&text);
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if(n < 0)
        return;
    imr_buf_reserve(&text, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(text.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if(list->count == list->cap) {
        const char **grown;
        list->cap = list->cap ? list->cap * 2 : 8;
        grown = imr_arena_alloc(list->arena, list->cap * sizeof(char *));
        if(list->count)
            memcpy(grown, list->items, list->count * sizeof(char *));
        list->items = grown;
    }
    list->items[list->count++] =
        imr_arena_strndup(list->arena, text.data, (size_t)n);
    imr_buf_fini(&text);
}

const char *imr_deadline_name(imr_deadline deadline)
{
    switch(deadline) {
    case IMR_DUE_ASSIGNMENT_NOTICE:
        return "assignment_notice";
    case IMR_DUE_RECORDS:
        return "records";
    case IMR_DUE_DETERMINATION:
    case IMR_DUE_COUNT:
        break;
    }
    return "determination";
}

void imr_intake(const imr_intake_context *ctx, const imr_case *c,
                imr_arena *arena, imr_intake_result **out)
{
    imr_intake_result *r = imr_arena_alloc(arena, sizeof(*r));
    sentence_list reasons;

    memset(&reasons, 0, sizeof(reasons));
    reasons.arena = arena;
    r->c = c;
    r->as_of = ctx->as_of;
    r->is_expedited = c->application.expedited == IMR_ANSWER_YES;
    imr__intake_check_eligibility(ctx, c, &reasons);
    r->reasons = reasons.items;
    r->reason_count = reasons.count;
    r->is_eligible = reasons.count == 0;
    if(r->is_eligible) {
        imr__intake_due_dates(ctx, c, arena, r->due);
        if(ctx->panel) {
            r->has_panel = 1;
            imr_intake_assign(ctx, c, arena, &r->assignment);
        }
    }
    *out = r;
}
