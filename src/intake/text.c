/* SPDX-License-Identifier: MIT */
/* The intake result for a person to read: the verdict and its reasons, the
 * due dates with how each was counted, the reviewer and why, and why each
 * other reviewer was passed over. Lines are wrapped at 78 columns. */
#include "imr/intake.h"

#include <string.h>

#include "intake_int.h"

enum { WIDTH = 78 };

/* Appends `text` wrapped to WIDTH: the first line goes on from one already
 * `col` columns wide, the next ones are indented by `indent`. */
static void put_wrapped(imr_buf *out, size_t col, size_t indent,
                        const char *text)
{
    imr_text_wrap(out, text, WIDTH, col, indent, "\n");
}

/* "label  text", the text wrapped under itself. */
static void put_item(imr_buf *out, const char *label, size_t label_width,
                     const char *text)
{
    size_t indent = 2 + label_width + 2;
    imr_buf_printf(out, "  %-*s  ", (int)label_width, label);
    put_wrapped(out, indent, indent, text);
}

static void put_verdict(const imr_intake_result *r, imr_buf *out)
{
    size_t i;

    imr_buf_printf(out, "Case %s: ",
                   r->c->case_number ? r->c->case_number : "(no number)");
    if(r->is_eligible) {
        imr_buf_printf(out, "eligible for independent medical review, %s.\n",
                       r->is_expedited ? "expedited" : "standard review");
        return;
    }
    imr_buf_printf(out, "not eligible for independent medical review%s.\n",
                   r->is_expedited ? " (expedited requested)" : "");
    for(i = 0; i < r->reason_count; i++)
        put_item(out, "-", 1, r->reasons[i]);
}

static void put_due(const imr_intake_result *r, imr_buf *out)
{
    static const char *const labels[IMR_DUE_COUNT] = {
        "Notice of assignment", "Records", "Determination"};
    size_t i;

    if(!r->is_eligible)
        return;
    imr_buf_puts(out, "\nDue dates");
    if(r->as_of)
        imr_buf_printf(out, " (as of %s)", r->as_of);
    imr_buf_puts(out, ":\n");
    for(i = 0; i < IMR_DUE_COUNT; i++) {
        const imr_due *d = &r->due[i];
        imr_buf_printf(out, "  %-20s  %s%s\n", labels[i],
                       d->date ? d->date : "unknown",
                       d->is_overdue ? "  OVERDUE" : "");
        if(d->basis)
            put_item(out, "", 20, d->basis);
    }
}

static void put_reviewer(const imr_intake_result *r, imr_buf *out)
{
    const imr_assignment *a = &r->assignment;
    size_t i, width = 0;

    if(!r->is_eligible)
        return;
    if(!r->has_panel) {
        imr_buf_puts(out, "\nReviewer: none, as no panel was given.\n");
        return;
    }
    if(a->reviewer) {
        imr_buf line;
        imr_buf_init(&line);
        imr_buf_printf(&line, "%s, board certified in %s, licensed in %s.",
                       a->reviewer->id, a->credentials.certification,
                       a->credentials.licensure);
        imr_buf_puts(out, "\nReviewer:");
        put_wrapped(out, 9, 4, line.data);
        imr_buf_fini(&line);
    } else {
        imr_buf_puts(out, "\nReviewer: none.\n");
    }
    put_item(out, "", 0, a->reason);
    if(a->passed_over_count == 0)
        return;
    imr_buf_puts(out, "\nPassed over:\n");
    for(i = 0; i < a->passed_over_count; i++) {
        size_t n = strlen(a->passed_over[i].reviewer->id);
        width = n > width ? n : width;
    }
    for(i = 0; i < a->passed_over_count; i++)
        put_item(out, a->passed_over[i].reviewer->id, width,
                 a->passed_over[i].reason);
}

void imr_intake_render_text(const imr_intake_result *r, imr_buf *out)
{
    put_verdict(r, out);
    put_due(r, out);
    put_reviewer(r, out);
}
