/* SPDX-License-Identifier: MIT */
/* The letter as PDF through cairo: Letter-size pages, a serif face,
 * paragraphs wrapped to the text width, headings in bold. */
#include "render_int.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <string.h>

enum { PAGE_WIDTH = 612, PAGE_HEIGHT = 792, MARGIN = 72 };

typedef struct pdf_writer {
    cairo_t *cr;
    cairo_surface_t *surface;
    double y;
} pdf_writer;

static cairo_status_t write_to_buf(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    imr_buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void next_line(pdf_writer *w, double height)
{
    w->y += height;
    if(w->y > PAGE_HEIGHT - MARGIN) {
        cairo_show_page(w->cr);
        w->y = MARGIN + height;
    }
}

static double text_width(cairo_t *cr, const char *s, size_t n)
{
    char word[512];
    cairo_text_extents_t ext;
    if(n >= sizeof(word))
        n = sizeof(word) - 1;
    memcpy(word, s, n);
    word[n] = '\0';
    cairo_text_extents(cr, word, &ext);
    return ext.x_advance;
}

/* Draws text wrapped to the text width, word by word. */
static void draw_wrapped(pdf_writer *w, const char *text, double size)
{
    const double width = PAGE_WIDTH - 2 * MARGIN;
    const char *line = text;

    while(*line) {
        const char *end = line, *fit = line;
        char buf[1024];
        size_t n;
        while(*end) {
            const char *next = end;
            while(*next == ' ')
                next++;
            while(*next && *next != ' ')
                next++;
            if(text_width(w->cr, line, (size_t)(next - line)) > width &&
               fit > line)
                break;
            fit = end = next;
        }
        n = (size_t)(fit - line);
        if(n >= sizeof(buf))
            n = sizeof(buf) - 1;
        memcpy(buf, line, n);
        buf[n] = '\0';
        next_line(w, size * 1.35);
        cairo_move_to(w->cr, MARGIN, w->y);
        cairo_show_text(w->cr, buf);
        line = fit;
        while(*line == ' ')
            line++;
    }
}

static void pdf_paragraph(void *data, int heading, const char *text)
{
    pdf_writer *w = data;
    double size = heading == 1 ? 12 : 10.5;
    cairo_select_font_face(w->cr, "serif", CAIRO_FONT_SLANT_NORMAL,
                           heading ? CAIRO_FONT_WEIGHT_BOLD
                                   : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(w->cr, size);
    draw_wrapped(w, text, size);
    next_line(w, size * 0.6);
}

imr_status imr_letter_render_pdf(const imr_determination *d,
                                 const imr_letter_style *style, imr_buf *out,
                                 imr_error *err)
{
    pdf_writer w;
    cairo_status_t status;

    w.surface = cairo_pdf_surface_create_for_stream(write_to_buf, out,
                                                    PAGE_WIDTH, PAGE_HEIGHT);
    /* The creation date is the determination's, not the clock's, so the
     * same case gives the same bytes. */
    if(d->decided_on) {
        char stamp[32];
        snprintf(stamp, sizeof(stamp), "%.10sT00:00:00Z", d->decided_on);
        cairo_pdf_surface_set_metadata(w.surface,
                                       CAIRO_PDF_METADATA_CREATE_DATE, stamp);
    }
    cairo_pdf_surface_set_metadata(w.surface, CAIRO_PDF_METADATA_TITLE,
                                   "Final Determination Letter");
    w.cr = cairo_create(w.surface);
    w.y = MARGIN;
    imr__letter_render_paragraphs(d, style, pdf_paragraph, &w);
    cairo_show_page(w.cr);
    status = cairo_status(w.cr);
    cairo_destroy(w.cr);
    cairo_surface_finish(w.surface);
    if(status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(w.surface);
    cairo_surface_destroy(w.surface);
    if(status != CAIRO_STATUS_SUCCESS)
        return imr_error_set(err, IMR_EIO, "cannot write the PDF: %s",
                             cairo_status_to_string(status));
    return IMR_OK;
}
