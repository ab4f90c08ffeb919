/* SPDX-License-Identifier: MIT */
/* Reads a letter file into plain text: PDFs through poppler, text files as
 * they are. Both come out as UTF-8 with the punctuation that matters for
 * parsing (quotes, dashes, odd spaces, ligatures) folded to ASCII, so the
 * parser sees the same text whichever way the letter arrived. */
#include "imr/letter.h"

#include <poppler.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pages are joined by a form feed on a line of its own. */
#define PAGE_BREAK "\n\f\n"

/* A text file is refused as binary when more than one byte in this many
 * is a control character or not UTF-8. */
enum { BINARY_SHARE = 10 };

/* Counts kept while normalizing, for the refusals of binary files. */
typedef struct text_scan {
    size_t first_nul; /* offset of the first NUL byte, SIZE_MAX if none */
    size_t bad;       /* control bytes and bytes that are not UTF-8 */
} text_scan;

/*---- Characters --------------------------------------------------------*/

/* Bytes copied as they are: printable ASCII, tab, newline, form feed. A
 * table, because every byte of every letter is looked up here. */
#define PLAIN16(b) [b] = 1, [b + 1] = 1, [b + 2] = 1, [b + 3] = 1,             \
                   [b + 4] = 1, [b + 5] = 1, [b + 6] = 1, [b + 7] = 1,         \
                   [b + 8] = 1, [b + 9] = 1, [b + 10] = 1, [b + 11] = 1,       \
                   [b + 12] = 1, [b + 13] = 1, [b + 14] = 1, [b + 15] = 1
static const unsigned char plain_bytes[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\f'] = 1, PLAIN16(0x20), PLAIN16(0x30),
    PLAIN16(0x40), PLAIN16(0x50), PLAIN16(0x60), PLAIN16(0x70),
};
#undef PLAIN16

static inline int is_plain(unsigned char c)
{
    return c != 0x7f && plain_bytes[c];
}

static inline int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f';
}

/* Code points read as ASCII, sorted for a binary search: odd spaces,
 * dashes, quotes and ligatures as pdftotext writes them. "" drops one. */
typedef struct ascii_fold {
    uint32_t cp;
    const char *ascii;
} ascii_fold;

static const ascii_fold folds[] = {
    {0x00A0, " "},   {0x00AD, "-"},  {0x00B4, "'"},   {0x00D7, "x"},
    {0x02BC, "'"},   {0x200B, ""},   {0x200C, ""},    {0x200D, ""},
    {0x2010, "-"},   {0x2011, "-"},  {0x2012, "-"},   {0x2013, "-"},
    {0x2014, "-"},   {0x2015, "-"},  {0x2018, "'"},   {0x2019, "'"},
    {0x201A, "'"},   {0x201B, "'"},  {0x201C, "\""},  {0x201D, "\""},
    {0x201E, "\""},  {0x201F, "\""}, {0x2026, "..."}, {0x2028, "\n"},
    {0x2029, "\n"},  {0x202F, " "},  {0x2032, "'"},   {0x2033, "\""},
    {0x205F, " "},   {0x2060, ""},   {0x2212, "-"},   {0x3000, " "},
    {0xFB00, "ff"},  {0xFB01, "fi"}, {0xFB02, "fl"},  {0xFB03, "ffi"},
    {0xFB04, "ffl"}, {0xFB05, "st"}, {0xFB06, "st"},  {0xFEFF, ""},
};

/* The ASCII a code point is read as, "" to drop it, or NULL to keep it. */
static const char *ascii_for(uint32_t cp)
{
    size_t lo = 0, hi = sizeof(folds) / sizeof(folds[0]);

    if(cp >= 0x2000 && cp <= 0x200A)
        return " "; /* en quad to hair space */
    while(lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if(folds[mid].cp == cp)
            return folds[mid].ascii;
        if(folds[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* A byte that is not UTF-8, read as Windows-1252 (which is Latin-1 with
 * punctuation in 0x80-0x9F), the usual encoding of such letters. */
static uint32_t from_cp1252(unsigned char c)
{
    static const uint16_t high[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

    if(c >= 0x80 && c < 0xA0)
        return high[c - 0x80];
    return c;
}

static int is_continuation(const unsigned char *s, size_t len, size_t i)
{
    return i < len && (s[i] & 0xC0) == 0x80;
}

/* Decodes one well-formed UTF-8 sequence (no overlongs, surrogates or code
 * points past U+10FFFF); returns its length, or 0 when s is not one. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t n, i;
    uint32_t v, min;

    if(c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    }
    else if(c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    }
    else if(c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    }
    else {
        return 0;
    }
    for(i = 1; i < n; i++) {
        if(!is_continuation(s, len, i))
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if(v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static void put_utf8(imr_buf *out, uint32_t cp)
{
    char b[4];
    size_t n;

    if(cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    }
    else if(cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    }
    else if(cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    imr_buf_append(out, b, n);
}

/* A non-ASCII character at s[0]; returns the bytes it used. Bytes that are
 * not UTF-8 are taken as Windows-1252 and counted as bad; C1 controls
 * become spaces. */
static size_t put_non_ascii(imr_buf *out, const unsigned char *s, size_t len,
                            text_scan *scan)
{
    uint32_t cp = 0;
    size_t n = utf8_decode(s, len, &cp);
    const char *ascii;

    if(n == 0) {
        cp = from_cp1252(s[0]);
        n = 1;
        scan->bad++;
    }
    if(cp >= 0x80 && cp < 0xA0) {
        scan->bad++;
        imr_buf_putc(out, ' ');
        return n;
    }
    ascii = ascii_for(cp);
    if(ascii)
        imr_buf_puts(out, ascii);
    else
        put_utf8(out, cp);
    return n;
}

/* One byte that is not plain at s[i]; returns the bytes it used. Line ends
 * become "\n"; NUL and other control bytes become spaces. */
static size_t put_special(imr_buf *out, const unsigned char *s, size_t len,
                          size_t i, text_scan *scan)
{
    unsigned char c = s[i];

    if(c >= 0x80)
        return put_non_ascii(out, s + i, len - i, scan);
    if(c == '\r') {
        imr_buf_putc(out, '\n');
        return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
    }
    if(c == 0 && scan->first_nul == SIZE_MAX)
        scan->first_nul = i;
    if(c != '\v')
        scan->bad++;
    imr_buf_putc(out, ' ');
    return 1;
}

/* True when none of the 8 bytes of `w` can be outside printable ASCII;
 * may say false for a plain word, never true for one that is not. */
static int word_is_printable(uint64_t w)
{
    return ((w - 0x20 * IMR_WORD_ONES) | (w + IMR_WORD_ONES) | w) &
                   IMR_WORD_HIGHS
               ? 0
               : 1;
}

/* Length of the run of plain bytes at the start of s[0..len): eight bytes
 * at a time while they are printable, byte by byte around line ends. */
static size_t plain_run(const unsigned char *s, size_t len)
{
    size_t i = 0;

    for(;;) {
        while(i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if(!word_is_printable(w))
                break;
            i += 8;
        }
        if(i >= len || !is_plain(s[i]))
            return i;
        i++;
    }
}

/* True when every byte of s[0..len) is plain, as for most letters: one
 * pass of eight bytes at a time, a word that may hold a line end looked
 * at byte by byte without leaving the loop. */
static int all_plain(const unsigned char *s, size_t len)
{
    size_t i = 0, k;

    for(; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if(word_is_printable(w))
            continue;
        for(k = i; k < i + 8; k++) {
            if(!is_plain(s[k]))
                return 0;
        }
    }
    for(; i < len; i++) {
        if(!is_plain(s[i]))
            return 0;
    }
    return 1;
}

/* Writes the normalized s[0..len) to `out`. */
static void normalize(imr_buf *out, const unsigned char *s, size_t len,
                      text_scan *scan)
{
    size_t i = 0;

    scan->first_nul = SIZE_MAX;
    scan->bad = 0;
    imr_buf_reserve(out, len);
    while(i < len) {
        size_t run = plain_run(s + i, len - i);
        if(run) {
            imr_buf_append(out, (const char *)s + i, run);
            i += run;
        }
        if(i < len)
            i += put_special(out, s, len, i, scan);
    }
}

static int has_text(const char *s, size_t len)
{
    size_t i;

    for(i = 0; i < len; i++) {
        if(!is_blank((unsigned char)s[i]))
            return 1;
    }
    return 0;
}

/*---- Text files --------------------------------------------------------*/

static imr_status check_text_bytes(size_t len, const text_scan *scan,
                                   imr_error *err)
{
    if(scan->first_nul != SIZE_MAX)
        return imr_error_set(err, IMR_EINPUT,
                             "binary content: a NUL byte at offset %zu; "
                             "expected the text of a letter or a PDF",
                             scan->first_nul);
    if(scan->bad > len / BINARY_SHARE)
        return imr_error_set(err, IMR_EINPUT,
                             "binary content: %zu of %zu bytes are control "
                             "characters or not UTF-8; expected the text of "
                             "a letter or a PDF",
                             scan->bad, len);
    return IMR_OK;
}

static imr_status refuse_blank(size_t len, imr_error *err)
{
    if(len == 0)
        return imr_error_set(err, IMR_EINPUT,
                             "the file is empty; expected the text of a "
                             "letter");
    return imr_error_set(err, IMR_EINPUT,
                         "the file holds only white space; expected the "
                         "text of a letter");
}

static void swap_bufs(imr_buf *a, imr_buf *b)
{
    imr_buf t = *a;
    *a = *b;
    *b = t;
}

/* `text` holds the file's bytes. Plain ASCII, the usual case, stays as it
 * is; anything else is normalized into `scratch` and swapped in. */
static imr_status read_text(imr_buf *text, imr_buf *scratch, imr_error *err)
{
    const unsigned char *s = (const unsigned char *)text->data;
    size_t len = text->len;
    text_scan scan = {SIZE_MAX, 0};
    imr_status rc;

    if(all_plain(s, len))
        return has_text(text->data, len) ? IMR_OK : refuse_blank(len, err);
    normalize(scratch, s, len, &scan);
    rc = check_text_bytes(len, &scan, err);
    if(rc == IMR_OK && !has_text(scratch->data, scratch->len))
        rc = refuse_blank(len, err);
    if(rc == IMR_OK)
        swap_bufs(text, scratch);
    return rc;
}

/*---- PDF files ---------------------------------------------------------*/

/* Readers look for "%PDF-" in the first 1024 bytes, and for "%%EOF" in
 * the last 1024: a file without it was cut off. */
enum { PDF_WINDOW = 1024 };

/* True when `needle` (which starts with '%') is in s[0..len). */
static int contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    const char *end = s + len;
    const char *p = memchr(s, '%', len);

    while(p && (size_t)(end - p) >= n) {
        if(memcmp(p, needle, n) == 0)
            return 1;
        p = memchr(p + 1, '%', (size_t)(end - p - 1));
    }
    return 0;
}

static int ends_with_pdf(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && imr_text_ieq(path + n - 4, 4, ".pdf");
}

static int has_pdf_header(const char *data, size_t len)
{
    if(len >= 4 && memcmp(data, "%PDF", 4) == 0)
        return 1;
    return contains(data, len < PDF_WINDOW ? len : PDF_WINDOW, "%PDF-");
}

static int has_pdf_trailer(const char *data, size_t len)
{
    size_t tail = len < PDF_WINDOW ? len : PDF_WINDOW;
    return contains(data + len - tail, tail, "%%EOF");
}

static imr_status open_error(GError *gerr, imr_error *err)
{
    imr_status rc;

    if(gerr && gerr->domain == POPPLER_ERROR &&
       gerr->code == POPPLER_ERROR_ENCRYPTED)
        rc = imr_error_set(err, IMR_EUNSUPPORTED,
                           "the PDF is encrypted; a password is needed to "
                           "read it");
    else
        rc = imr_error_set(err, IMR_EINPUT, "not a readable PDF: %s",
                           gerr ? gerr->message : "unknown error");
    if(gerr)
        g_error_free(gerr);
    return rc;
}

/* Appends the text of one page, without its trailing line ends. */
static void append_page(imr_buf *raw, PopplerDocument *doc, int index)
{
    PopplerPage *page = poppler_document_get_page(doc, index);
    char *text = page ? poppler_page_get_text(page) : NULL;
    size_t n = text ? strlen(text) : 0;

    while(n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
        n--;
    if(index > 0)
        imr_buf_puts(raw, PAGE_BREAK);
    imr_buf_append(raw, text ? text : "", n);
    g_free(text);
    if(page)
        g_object_unref(page);
}

/* The text of every page into `raw`, stopping past `max_bytes`. */
static imr_status pdf_pages(PopplerDocument *doc, size_t max_bytes,
                            imr_buf *raw, imr_error *err)
{
    int pages = poppler_document_get_n_pages(doc), i;

    if(pages <= 0)
        return imr_error_set(err, IMR_EINPUT, "the PDF has no pages");
    for(i = 0; i < pages; i++) {
        append_page(raw, doc, i);
        if(raw->len > max_bytes)
            return imr_error_set(err, IMR_ETOOBIG,
                                 "the text of the PDF is more than the %zu "
                                 "bytes allowed (at page %d of %d)",
                                 max_bytes, i + 1, pages);
    }
    imr_buf_putc(raw, '\n');
    return IMR_OK;
}

static imr_status pdf_text(const char *data, size_t len, size_t max_bytes,
                           imr_buf *out, imr_error *err)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    imr_buf raw;
    imr_status rc;
    text_scan scan;

    if(!doc) {
        g_bytes_unref(bytes);
        return open_error(gerr, err);
    }
    imr_buf_init(&raw);
    rc = pdf_pages(doc, max_bytes, &raw, err);
    g_object_unref(doc);
    g_bytes_unref(bytes);
    if(rc == IMR_OK)
        normalize(out, (const unsigned char *)raw.data, raw.len, &scan);
    imr_buf_fini(&raw);
    return rc;
}

/* `text` holds the file's bytes; they move to `scratch`, and the text
 * extracted (UTF-8 from poppler, normalized like a text file's) takes their
 * place. */
static imr_status read_pdf(imr_buf *text, imr_buf *scratch, size_t max_bytes,
                           imr_error *err)
{
    imr_status rc;

    if(!has_pdf_header(text->data, text->len))
        return imr_error_set(err, IMR_EINPUT,
                             "not a PDF: no \"%%PDF-\" header in its first "
                             "%d bytes",
                             PDF_WINDOW);
    if(!has_pdf_trailer(text->data, text->len))
        return imr_error_set(err, IMR_EINPUT,
                             "the PDF is cut off: no \"%%%%EOF\" marker in "
                             "its last %d bytes",
                             PDF_WINDOW);
    swap_bufs(text, scratch);
    imr_buf_reset(text);
    rc = pdf_text(scratch->data, scratch->len, max_bytes, text, err);
    if(rc == IMR_OK && !has_text(text->data, text->len))
        rc = imr_error_set(err, IMR_EINPUT,
                           "the PDF has no text layer (scanned?); run OCR "
                           "first");
    return rc;
}

/*---- Entry -------------------------------------------------------------*/

imr_status imr_letter_read_text(const char *path, size_t max_bytes,
                                imr_buf *text, imr_error *err)
{
    imr_buf scratch;
    imr_status rc = imr_file_read_buf(path, max_bytes, text, err);

    imr_buf_init(&scratch);
    if(rc == IMR_OK) {
        if(ends_with_pdf(path) || has_pdf_header(text->data, text->len))
            rc = read_pdf(text, &scratch, max_bytes, err);
        else
            rc = read_text(text, &scratch, err);
    }
    imr_buf_fini(&scratch);
    if(rc != IMR_OK) {
        imr_buf_reset(text);
        imr_error_name_file(err, path);
    }
    return rc;
}
