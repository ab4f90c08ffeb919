/* SPDX-License-Identifier: MIT */
/* The base of every module: status codes, the error object, allocation that
 * never returns NULL, growable buffers, arenas, spans and a text cursor. */
#ifndef IMR_BASE_H
#define IMR_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*---- Status ------------------------------------------------------------*/

/* Every status once: the enum, imr_status_name() and imr_status_str() are
 * generated from this list. */
#define IMR_STATUS_MAP(XX)                                                   \
    XX(OK, "success")                                                        \
    XX(EINPUT, "input refused")                                              \
    XX(EIO, "input or output error")                                         \
    XX(ENOTFOUND, "not found")                                               \
    XX(EUSAGE, "wrong usage")                                                \
    XX(ETOOBIG, "input too large")                                           \
    XX(EUNSUPPORTED, "unsupported input")

typedef enum imr_status {
#define IMR__STATUS_ENUM(name, text) IMR_##name,
    IMR_STATUS_MAP(IMR__STATUS_ENUM)
#undef IMR__STATUS_ENUM
    IMR_STATUS_COUNT
} imr_status;

/* "EINPUT"; never NULL. */
const char *imr_status_name(imr_status status);
/* "input refused"; never NULL. */
const char *imr_status_str(imr_status status);

/*---- Errors ------------------------------------------------------------*/

/* Where and why a call failed. The caller owns it (usually on the stack);
 * functions that take an `imr_error *err` accept NULL. */
typedef struct imr_error {
    imr_status status;
    char file[256];   /* the input's name, "" when unknown */
    unsigned line;    /* 1-based; 0 when unknown */
    unsigned column;  /* 1-based; 0 when unknown */
    char path[256];   /* a JSON path such as "$.requests[2].text", or "" */
    char message[512];
} imr_error;

void imr_error_clear(imr_error *err);
/* Sets status and message; returns `status` so callers can
 * `return imr_error_set(err, IMR_EINPUT, "...")`. */
imr_status imr_error_set(imr_error *err, imr_status status, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));
imr_status imr_error_vset(imr_error *err, imr_status status, const char *fmt,
                          va_list ap) __attribute__((format(printf, 3, 0)));
/* Like imr_error_set, with a line and column. */
imr_status imr_error_at(imr_error *err, imr_status status, unsigned line,
                        unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Names the input the error is about, unless a name is already set. */
void imr_error_name_file(imr_error *err, const char *file);
void imr_error_set_path(imr_error *err, const char *path);
/* Writes "file:line:col: message" (parts that are unknown are left out)
 * into `out`; returns `out`. */
const char *imr_error_format(const imr_error *err, char *out, size_t size);

/* Aborts with file:line when an invariant is broken: programmer errors only,
 * never bad input. */
#define IMR_ASSERT(cond)                                                     \
    ((cond) ? (void)0 : imr__assert_fail(#cond, __FILE__, __LINE__))
void imr__assert_fail(const char *what, const char *file, int line)
    __attribute__((noreturn));

/*---- Memory ------------------------------------------------------------*/

/* These never return NULL: out of memory prints one line and aborts, so
 * error paths deal with input and I/O only. Free with free(). */
void *imr_xmalloc(size_t size);
void *imr_xcalloc(size_t count, size_t size);
void *imr_xrealloc(void *ptr, size_t size);
char *imr_xstrdup(const char *s);
char *imr_xstrndup(const char *s, size_t n);
/* Prints one line and aborts; for libraries that report exhaustion by
 * returning NULL. */
void imr__out_of_memory(size_t size) __attribute__((noreturn));

/*---- Buffer ------------------------------------------------------------*/

/* A growable byte string, always NUL-terminated once anything is added.
 * The buffer owns `data`; imr_buf_take hands it to the caller. */
typedef struct imr_buf {
    char *data;
    size_t len;
    size_t cap;
} imr_buf;

void imr_buf_init(imr_buf *buf);
void imr_buf_fini(imr_buf *buf);
void imr_buf_reset(imr_buf *buf);
void imr_buf_reserve(imr_buf *buf, size_t extra);
void imr_buf_append(imr_buf *buf, const char *s, size_t n);
void imr_buf_puts(imr_buf *buf, const char *s);
void imr_buf_putc(imr_buf *buf, char c);
void imr_buf_printf(imr_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the data (never NULL; "" when empty), owned by the caller now;
 * the buffer is left empty. */
char *imr_buf_take(imr_buf *buf);

/*---- Arena -------------------------------------------------------------*/

/* One arena per letter, case or request: everything allocated from it is
 * freed at once by imr_arena_free/imr_arena_reset. */
typedef struct imr_arena imr_arena;

imr_arena *imr_arena_new(void);
void imr_arena_free(imr_arena *arena);
/* Frees all allocations at once; the blocks are kept for the next ones,
 * so an arena reset between requests stops calling malloc. */
void imr_arena_reset(imr_arena *arena);
/* Zeroed memory aligned for any type, valid until the arena is reset. */
void *imr_arena_alloc(imr_arena *arena, size_t size);
char *imr_arena_strndup(imr_arena *arena, const char *s, size_t n);
char *imr_arena_strdup(imr_arena *arena, const char *s);

/*---- Span and cursor ---------------------------------------------------*/

/* A piece of a source text, by position, so facts need not copy text. */
typedef struct imr_span {
    size_t offset;
    size_t length;
} imr_span;

/* A read position in a text that tracks line and column, so that every
 * refusal can say where. */
typedef struct imr_cursor {
    const char *start;
    const char *pos;
    const char *end;
    unsigned line;
    unsigned column;
} imr_cursor;

void imr_cursor_init(imr_cursor *cur, const char *text, size_t len);
int imr_cursor_at_end(const imr_cursor *cur);
/* Moves past `n` bytes (at most to the end), counting lines. */
void imr_cursor_advance(imr_cursor *cur, size_t n);
void imr_cursor_skip_blanks(imr_cursor *cur);

/*---- Files -------------------------------------------------------------*/

/* Reads a whole file (at most `max_bytes`) into a NUL-terminated heap
 * string owned by the caller. Refuses directories and larger files; a pipe
 * or another file with no size is read to its end, within the same cap. */
imr_status imr_file_read(const char *path, size_t max_bytes, char **data,
                         size_t *len, imr_error *err);
/* Like imr_file_read, into `out` (emptied first; its memory is reused, so
 * a loop over many files allocates once). On error `out` is left empty. */
imr_status imr_file_read_buf(const char *path, size_t max_bytes, imr_buf *out,
                             imr_error *err);
/* Writes `len` bytes to `path` through a temporary file in the same folder
 * renamed into place, so readers never see half a file. */
imr_status imr_file_write_atomic(const char *path, const char *data,
                                 size_t len, imr_error *err);

/*---- Text --------------------------------------------------------------*/

/* ASCII-only helpers; locale never matters. */
int imr_text_ieq(const char *a, size_t alen, const char *b);
/* Case-insensitive search of `needle` in s[0..len); NULL when absent. */
const char *imr_text_ifind(const char *s, size_t len, const char *needle);
int imr_text_istarts(const char *s, size_t len, const char *prefix);
/* Shrinks [*s, *s+*len) past leading and trailing white space. */
void imr_text_trim(const char **s, size_t *len);
/* Joins pdftotext lines into running text: line breaks and runs of white
 * space become one space; a line ending in a hyphen joins the next with no
 * space ("self-\ndirected" -> "self-directed"). Appends to `out`. */
void imr_text_reflow(imr_buf *out, const char *s, size_t len);
/* Appends `text` word-wrapped at `width` columns. The first line goes on
 * from one already `col` columns wide; every line ends with `line_end`,
 * and the lines after the first are indented by `indent` spaces. */
void imr_text_wrap(imr_buf *out, const char *text, size_t width, size_t col,
                   size_t indent, const char *line_end);
/* One field of a tab-separated line, and where it starts. */
typedef struct imr_field {
    const char *text;
    size_t len;
    unsigned column; /* 1-based */
} imr_field;

/* Splits a line of a kb/ data file at runs of tabs, each field trimmed of
 * spaces. Returns the number of fields, which may exceed `max` (only `max`
 * are stored). */
size_t imr_text_split_fields(const char *line, size_t len, imr_field *out,
                             size_t max);

/* Parses a date such as "5/20/1997", "08/01/13", "February 12, 2006" or
 * "2014-11-24" at the start of s[0..len); writes "YYYY-MM-DD" and returns the
 * bytes consumed, or 0 when there is no date. */
size_t imr_text_parse_date(const char *s, size_t len, char iso[11]);

/* Text eight bytes at a time: `w` holds eight bytes (memcpy'd, any order).
 * Each test is zero exactly when no byte qualifies; otherwise the high bit
 * is set in each byte that does, and may be in a byte just above one that
 * does (a borrow), so a nonzero word is looked at byte by byte. */
#define IMR_WORD_ONES ((uint64_t)0x0101010101010101u)
#define IMR_WORD_HIGHS ((uint64_t)0x8080808080808080u)

/* Bytes below `n` (at most 128). */
static inline uint64_t imr_word_below(uint64_t w, unsigned char n)
{
    return (w - n * IMR_WORD_ONES) & ~w & IMR_WORD_HIGHS;
}

/* Bytes equal to `c`. */
static inline uint64_t imr_word_equal(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (c * IMR_WORD_ONES);
    return (x - IMR_WORD_ONES) & ~x & IMR_WORD_HIGHS;
}

/* The directory of the knowledge base: $IMR_KB when set, else the one
 * compiled in. Never NULL. */
const char *imr_kb_default_dir(void);

#endif
