/* SPDX-License-Identifier: MIT */
/* The Final Determination Letter as text, in the structure of the
 * published letters: how the determination was made, the clinical case
 * summary, and each item with its decision, guideline and rationale. */
#include "render_int.h"

#include <string.h>

void imr__letter_render_paragraphs(const imr_determination *d,
                                   const imr_letter_style *style,
                                   void (*para)(void *data, int heading,
                                                const char *text),
                                   void *data)
{
    imr_letter_style writer = *style;
    imr_buf buf;
    size_t i;

    /* The assigned reviewer's own credentials come before configured
     * ones. */
    if(d->reviewer) {
        writer.certification = d->reviewer->certification;
        writer.licensure = d->reviewer->licensure;
    }
    imr_buf_init(&buf);
    para(data, 1, "HOW THE IMR FINAL DETERMINATION WAS MADE");
    imr__letter_how_made(&writer, &buf);
    para(data, 0, buf.data);
    para(data, 1, "CLINICAL CASE SUMMARY");
    para(data, 0, "The expert reviewer developed the following clinical "
                  "case summary based on a review of the case file, "
                  "including all medical records:");
    para(data, 0, d->summary);
    para(data, 1, "IMR ISSUES, DECISIONS AND RATIONALES");
    para(data, 0, "The Final Determination was based on decisions for the "
                  "disputed items/services set forth below:");
    for(i = 0; i < d->item_count; i++) {
        const imr_item_decision *item = &d->items[i];
        imr_buf_reset(&buf);
        imr_buf_printf(&buf, "%s:  %s", item->request,
                       item->verdict == IMR_VERDICT_UPHELD ? "Upheld"
                                                           : "Overturned");
        para(data, 2, buf.data);
        if(item->claims_administrator_guideline) {
            imr_buf_reset(&buf);
            imr__letter_ur_citation(item->claims_administrator_guideline,
                                    &buf);
            para(data, 0, buf.data);
        }
        imr_buf_reset(&buf);
        imr__letter_citation(item, style, &buf);
        para(data, 0, buf.data);
        imr_buf_reset(&buf);
        imr_buf_printf(&buf, "Decision rationale: %s", item->rationale);
        para(data, 0, buf.data);
    }
    imr_buf_fini(&buf);
}

static void text_paragraph(void *data, int heading, const char *text)
{
    imr_buf *out = data;
    if(heading == 1) {
        imr_buf_printf(out, " %s \n\n", text);
        return;
    }
    /* each line followed by a blank one, as pdftotext writes the
     * published letters */
    imr_text_wrap(out, text, 95, 0, 0, " \n\n");
}

void imr_letter_render_text(const imr_determination *d,
                            const imr_letter_style *style, imr_buf *out)
{
    imr__letter_render_paragraphs(d, style, text_paragraph, out);
}
