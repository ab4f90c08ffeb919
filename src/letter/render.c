/* SPDX-License-Identifier: MIT */
/* The sentences every rendering of a letter shares. */
#include "render_int.h"

#include <string.h>

void imr__letter_how_made(const imr_letter_style *style, imr_buf *out)
{
    imr_buf_printf(out,
                   "%s sent the complete case file to an expert reviewer. "
                   "He/she has no affiliation with the employer, employee, "
                   "providers or the claims administrator.",
                   style->organization ? style->organization
                                       : "The review organization");
    if(style->certification)
        imr_buf_printf(out, " The expert reviewer is Board Certified in %s",
                       style->certification);
    else
        imr_buf_puts(out, " The expert reviewer is board certified");
    imr_buf_printf(out, " and is licensed to practice in %s.",
                   style->licensure ? style->licensure : "California");
    imr_buf_puts(out,
                 " The expert reviewer was selected based on his/her "
                 "clinical experience, education, background, and expertise "
                 "in the same or similar specialties that evaluate and/or "
                 "treat the medical condition and disputed items/services. "
                 "He/she is familiar with governing laws and regulations, "
                 "including the strength of evidence hierarchy that applies "
                 "to Independent Medical Review determinations.");
}

void imr__letter_ur_citation(const char *cited, imr_buf *out)
{
    static const char opening[] = "Decision based on ";
    size_t n = strlen(cited);

    imr_buf_puts(out, "Claims Administrator guideline: ");
    if(!imr_text_istarts(cited, n, opening))
        imr_buf_puts(out, opening);
    imr_buf_puts(out, cited);
    if(n && cited[n - 1] != '.')
        imr_buf_putc(out, '.');
}

void imr__letter_citation(const imr_item_decision *item,
                          const imr_letter_style *style, imr_buf *out)
{
    size_t i;
    int pages = 0;

    imr_buf_printf(out, "%s guideline: ",
                   style->label ? style->label : "Reviewer");
    if(item->topic_count == 0) {
        imr_buf_puts(out, "No guideline in the knowledge base addresses "
                          "this request.");
        return;
    }
    if(!item->mtus)
        imr_buf_puts(out, "The Expert Reviewer did not base their decision "
                          "on the MTUS. ");
    for(i = 0; i < item->topic_count; i++) {
        const imr_topic *t = item->topics[i];
        if(i == 0 || t->guideline != item->topics[i - 1]->guideline)
            imr_buf_printf(out, "%sDecision based on %s%s ", i ? " " : "",
                           t->guideline->is_mtus ? "" : "Non-MTUS Citation ",
                           t->guideline->cite);
        else
            imr_buf_puts(out, ", ");
        imr_buf_puts(out, t->section);
    }
    for(i = 0; i < item->topic_count; i++) {
        if(!item->topics[i]->pages)
            continue;
        imr_buf_printf(out, "%s%s", pages++ ? ", " : " Page(s): ",
                       item->topics[i]->pages);
    }
    imr_buf_putc(out, '.');
}
