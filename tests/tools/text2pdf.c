/* SPDX-License-Identifier: MIT */
/* A test tool: writes a PDF from a text file with cairo (so tests make their
 * PDF inputs at run time and no binary PDF is committed), or, with
 * --no-text, a PDF whose page holds only shapes and an image. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imr/base.h"

/* US Letter, one-inch margins, 10 pt text on 12 pt lines: 50 lines fit in
 * the 648 pt between the margins. */
enum { PAGE_WIDTH = 612, PAGE_HEIGHT = 792, MARGIN = 72 };
enum { FONT_SIZE = 10, LINE_HEIGHT = 12, LINES_PER_PAGE = 50 };
enum { MAX_INPUT = 64 << 20 };

typedef struct writer {
    cairo_t *cr;
    int line; /* lines already on the current page */
    int pages;
} writer;

static void usage(void)
{
    fputs("usage: text2pdf [--font FAMILY] INPUT.txt OUTPUT.pdf\n"
          "       text2pdf --no-text OUTPUT.pdf\n",
          stderr);
}

/*---- Text pages --------------------------------------------------------*/

static double text_width(cairo_t *cr, const char *s, size_t len)
{
    cairo_text_extents_t ext;
    char *copy = imr_xstrndup(s, len);

    cairo_text_extents(cr, copy, &ext);
    free(copy);
    return ext.x_advance;
}

static void new_page(writer *w)
{
    cairo_show_page(w->cr);
    w->line = 0;
    w->pages++;
}

static void show_line(writer *w, const char *s, size_t len)
{
    char *copy;

    if(w->line == LINES_PER_PAGE)
        new_page(w);
    copy = imr_xstrndup(s, len);
    cairo_move_to(w->cr, MARGIN, MARGIN + FONT_SIZE + w->line * LINE_HEIGHT);
    cairo_show_text(w->cr, copy);
    free(copy);
    w->line++;
}

/* The length of the first UTF-8 character of s[0..len). */
static size_t char_len(const char *s, size_t len)
{
    size_t n = 1;

    while(n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return n;
}

/* How many bytes of s[0..len) fit on one line: up to the last space that
 * fits, or as many characters as fit when one word is wider than a line. */
static size_t fitting_prefix(cairo_t *cr, const char *s, size_t len)
{
    const double room = PAGE_WIDTH - 2 * MARGIN;
    size_t end = 0, last_space = 0;

    while(end < len) {
        size_t next = end + char_len(s + end, len - end);
        if(text_width(cr, s, next) > room)
            break;
        if(s[end] == ' ')
            last_space = end;
        end = next;
    }
    if(end == len)
        return len;
    if(last_space > 0)
        return last_space;
    return end > 0 ? end : char_len(s, len);
}

/* Shows one input line, wrapped at spaces to the page width. */
static void show_wrapped(writer *w, const char *s, size_t len)
{
    if(len == 0) {
        show_line(w, s, 0);
        return;
    }
    while(len > 0) {
        size_t n = fitting_prefix(w->cr, s, len);
        show_line(w, s, n);
        s += n;
        len -= n;
        while(len > 0 && *s == ' ') {
            s++;
            len--;
        }
    }
}

/* Tabs become spaces; a form feed starts a new page. */
static void write_text(writer *w, char *text, size_t len)
{
    size_t i, start = 0;

    for(i = 0; i < len; i++) {
        if(text[i] == '\t' || text[i] == '\r')
            text[i] = ' ';
    }
    for(i = 0; i <= len; i++) {
        if(i < len && text[i] != '\n' && text[i] != '\f')
            continue;
        if(i > start || (i < len && text[i] == '\n'))
            show_wrapped(w, text + start, i - start);
        if(i < len && text[i] == '\f')
            new_page(w);
        start = i + 1;
    }
}

static int text_pdf(const char *font, const char *in, const char *out)
{
    imr_error err;
    char *text = NULL;
    size_t len = 0;
    cairo_surface_t *surface;
    writer w = {NULL, 0, 1};
    cairo_status_t status;

    imr_error_clear(&err);
    if(imr_file_read(in, MAX_INPUT, &text, &len, &err) != IMR_OK) {
        fprintf(stderr, "text2pdf: %s\n", err.message);
        return 1;
    }
    surface = cairo_pdf_surface_create(out, PAGE_WIDTH, PAGE_HEIGHT);
    w.cr = cairo_create(surface);
    cairo_select_font_face(w.cr, font, CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(w.cr, FONT_SIZE);
    write_text(&w, text, len);
    cairo_show_page(w.cr);
    cairo_destroy(w.cr);
    cairo_surface_finish(surface);
    status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    free(text);
    if(status != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "text2pdf: cannot write \"%s\": %s\n", out,
                cairo_status_to_string(status));
        return 1;
    }
    return 0;
}

/*---- A page with no text -----------------------------------------------*/

/* A small gray gradient drawn as an image, as a scanner would leave. */
static cairo_surface_t *scan_image(void)
{
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    unsigned char *px = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img), x, y;

    cairo_surface_flush(img);
    for(y = 0; y < 64; y++) {
        for(x = 0; x < 64; x++) {
            unsigned char v = (unsigned char)(4 * ((x + y) % 64));
            unsigned char *p = px + y * stride + 4 * x;
            p[0] = v;
            p[1] = v;
            p[2] = v;
            p[3] = 0;
        }
    }
    cairo_surface_mark_dirty(img);
    return img;
}

static void draw_shapes(cairo_t *cr)
{
    cairo_surface_t *img = scan_image();

    cairo_set_source_rgb(cr, 0.2, 0.2, 0.6);
    cairo_rectangle(cr, MARGIN, MARGIN, 200, 100);
    cairo_fill(cr);
    cairo_arc(cr, 400, 300, 60, 0, 6.2832);
    cairo_stroke(cr);
    cairo_save(cr);
    cairo_translate(cr, MARGIN, 400);
    cairo_scale(cr, 4, 4);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
}

static int shapes_pdf(const char *out)
{
    cairo_surface_t *surface =
        cairo_pdf_surface_create(out, PAGE_WIDTH, PAGE_HEIGHT);
    cairo_t *cr = cairo_create(surface);
    cairo_status_t status;

    draw_shapes(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if(status != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "text2pdf: cannot write \"%s\": %s\n", out,
                cairo_status_to_string(status));
        return 1;
    }
    return 0;
}

static int run(int argc, char **argv)
{
    const char *font = "monospace";
    int i = 1;

    if(argc == 3 && strcmp(argv[1], "--no-text") == 0)
        return shapes_pdf(argv[2]);
    if(argc == 5 && strcmp(argv[1], "--font") == 0) {
        font = argv[2];
        i = 3;
    }
    if(argc - i != 2 || argv[i][0] == '-') {
        usage();
        return 2;
    }
    return text_pdf(font, argv[i], argv[i + 1]);
}

int main(int argc, char **argv)
{
    int rc = run(argc, argv);

    /* Drops cairo's font caches so leak checkers see a clean exit. */
    cairo_debug_reset_static_data();
    return rc;
}
