/* SPDX-License-Identifier: MIT */
/* This file is private to the letter module. */
#ifndef IMR_LETTER_INT_H
#define IMR_LETTER_INT_H

#include "imr/letter.h"

/* One non-blank line of the letter, trimmed, with its 1-based line number
 * in the file so that refusals can say where. */
typedef struct letter_line {
    const char *text;
    size_t len;
    unsigned number;
} letter_line;

typedef struct letter_lines {
    letter_line *lines;
    size_t count;
} letter_lines;

/* The parse in progress: the lines, the arena, and a scratch buffer. */
typedef struct letter_parser {
    const imr_catalogue *cat;
    imr_arena *arena;
    letter_lines all;
    imr_buf scratch;
    imr_letter *letter;
    imr_error *err;
} letter_parser;

/* A range of lines [begin, end). */
typedef struct line_range {
    size_t begin;
    size_t end;
} line_range;

/*---- lines.c -----------------------------------------------------------*/

/* Splits text into trimmed non-blank lines, dropping page footers
 * ("Page 2 of 4", a lone page number). Lines point into `text`. */
void imr__letter_split_lines(const char *text, size_t len, imr_arena *arena,
                             letter_lines *out);
/* Reflows lines[r) into running text, starting `skip` bytes into the first
 * line; returns an arena string, or NULL when the range holds no text. */
const char *imr__letter_join(letter_parser *p, line_range r, size_t skip);
/* The index of the first line in [from, to) equal to `heading` ignoring
 * case and trailing colons, or `to` when none is. */
size_t imr__letter_find_heading(const letter_lines *all, size_t from,
                                size_t to, const char *heading);
/* True when the line starts with `label` ignoring case. */
int imr__letter_line_starts(const letter_line *line, const char *label);

/*---- fields.c ----------------------------------------------------------*/

/* The reviewer's certifications and states from the "how the determination
 * was made" or "medical qualifications" text. */
void imr__letter_read_reviewer(letter_parser *p, const char *text);
/* Age, sex and date of injury from the case summary (a date of injury
 * already read from the cover page is kept). */
void imr__letter_read_claimant(letter_parser *p, const char *summary);
/* The date of the UR decision as a case summary states it, unless the
 * cover page gave it. */
void imr__letter_read_ur_date(letter_parser *p, const char *text);
/* The cover page's "Label: value" fields in lines[r). */
void imr__letter_read_cover(letter_parser *p, line_range r);
/* Drops the boilerplate that opens a case summary. */
const char *imr__letter_trim_summary(const char *summary);

/*---- citation.c --------------------------------------------------------*/

/* Fills `cite` from a citation's running text (arena-owned). */
void imr__letter_read_citation(letter_parser *p, const char *text,
                               imr_citation *cite);

/*---- notice.c ----------------------------------------------------------*/

/* The 2013 "Notice of Independent Medical Review Determination" layout. */
imr_status imr__letter_parse_notice(letter_parser *p);

/*---- items.c -----------------------------------------------------------*/

/* The disputed items of the 2014 and later layouts, in lines[r). */
imr_status imr__letter_parse_items(letter_parser *p, line_range r);
/* Parses the item's request text with the request module. */
void imr__letter_parse_request(letter_parser *p, imr_letter_item *item);
/* Refuses an item that lacks a part every letter has. */
imr_status imr__letter_check_item(letter_parser *p,
                                  const imr_letter_item *item, size_t index,
                                  unsigned line);
/* Error helper: sets err with the line's number. */
imr_status imr__letter_refuse(letter_parser *p, unsigned line,
                              const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
