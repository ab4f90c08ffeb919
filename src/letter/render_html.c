/* SPDX-License-Identifier: MIT */
/* The letter as a standalone HTML page, each item followed by the table of
 * its criteria: met, not met or unknown, with the evidence used. */
#include "render_int.h"

#include <string.h>

static void put_escaped(imr_buf *out, const char *s)
{
    for(; s && *s; s++) {
        switch(*s) {
        case '&':
            imr_buf_puts(out, "&amp;");
            break;
        case '<':
            imr_buf_puts(out, "&lt;");
            break;
        case '>':
            imr_buf_puts(out, "&gt;");
            break;
        case '"':
            imr_buf_puts(out, "&quot;");
            break;
        default:
            imr_buf_putc(out, *s);
        }
    }
}

static void html_paragraph(void *data, int heading, const char *text)
{
    imr_buf *out = data;
    imr_buf_puts(out, heading == 1 ? "<h2>" : heading == 2 ? "<h3>" : "<p>");
    put_escaped(out, text);
    imr_buf_puts(out, heading == 1   ? "</h2>\n"
                      : heading == 2 ? "</h3>\n"
                                     : "</p>\n");
}

static const char *truth_word(imr_truth t)
{
    return t == IMR_TRUE ? "met" : t == IMR_FALSE ? "not met" : "unknown";
}

static void put_criteria(imr_buf *out, const imr_item_decision *item)
{
    size_t i, k;

    imr_buf_printf(out, "<table class=\"criteria\"><caption>Criteria for ");
    put_escaped(out, item->request);
    imr_buf_puts(out, "</caption>\n<tr><th>criterion</th><th>result</th>"
                      "<th>evidence</th><th>source</th></tr>\n");
    for(i = 0; i < item->criterion_count; i++) {
        const imr_criterion_result *r = &item->criteria[i];
        imr_buf_printf(out, "<tr class=\"%s\"><td>",
                       r->met == IMR_TRUE ? "met" : "not-met");
        put_escaped(out, r->criterion->text);
        imr_buf_printf(out, "</td><td>%s</td><td>", truth_word(r->met));
        for(k = 0; k < r->evidence_count; k++) {
            put_escaped(out, r->evidence[k]);
            imr_buf_puts(out, "<br>");
        }
        imr_buf_puts(out, "</td><td>");
        put_escaped(out, r->criterion->source);
        imr_buf_puts(out, "</td></tr>\n");
    }
    imr_buf_puts(out, "</table>\n");
}

void imr_letter_render_html(const imr_determination *d,
                            const imr_letter_style *style, imr_buf *out)
{
    size_t i;

    imr_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                      "charset=\"utf-8\"><title>Final Determination "
                      "Letter</title>\n<style>body{font-family:serif;"
                      "max-width:48em;margin:2em auto}table{border-collapse:"
                      "collapse;margin:1em 0}td,th{border:1px solid #999;"
                      "padding:.3em;vertical-align:top}tr.not-met td:nth-"
                      "child(2){color:#a00}</style></head>\n<body>\n");
    imr__letter_render_paragraphs(d, style, html_paragraph, out);
    imr_buf_puts(out, "<h2>Criteria</h2>\n");
    for(i = 0; i < d->item_count; i++)
        put_criteria(out, &d->items[i]);
    imr_buf_printf(out, "<p class=\"kb\">Knowledge base %s</p>\n",
                   d->knowledge_base);
    imr_buf_puts(out, "</body></html>\n");
}
