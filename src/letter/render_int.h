/* SPDX-License-Identifier: MIT */
/* This file is private to the letter module: what the three renderers
 * share. */
#ifndef IMR_LETTER_RENDER_INT_H
#define IMR_LETTER_RENDER_INT_H

#include "imr/letter.h"

/* The "how the determination was made" paragraph. */
void imr__letter_how_made(const imr_letter_style *style, imr_buf *out);
/* "<label> guideline: Decision based on ... Page(s): ...". */
/* "Claims Administrator guideline: Decision based on X", the guideline the
 * UR decision cited, as the case file gives it (with or without its own
 * "Decision based on"). */
void imr__letter_ur_citation(const char *cited, imr_buf *out);
void imr__letter_citation(const imr_item_decision *item,
                          const imr_letter_style *style, imr_buf *out);
/* Walks the letter as paragraphs: heading 1 for section headings, 2 for
 * an item's request line, 0 for running text. */
void imr__letter_render_paragraphs(const imr_determination *d,
                                   const imr_letter_style *style,
                                   void (*para)(void *data, int heading,
                                                const char *text),
                                   void *data);

#endif
