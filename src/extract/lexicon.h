/* SPDX-License-Identifier: MIT */
/* This file is private to the extract module. A phrase lexicon read from a
 * kb/facts file: "KEY <TAB> [NAME <TAB>] PHRASE | PHRASE | ...", matched at
 * word starts, longest phrase first. */
#ifndef IMR_EXTRACT_LEXICON_H
#define IMR_EXTRACT_LEXICON_H

#include "imr/base.h"

#include <stdint.h>

enum {
    LEX_CASE_SENSITIVE = 1, /* "=PT": only in the case written */
    LEX_STATES_ABSENCE = 2  /* "!non-surgical candidate" */
};

typedef struct lex_entry {
    const char *phrase; /* lower case unless LEX_CASE_SENSITIVE */
    size_t len;
    const char *key;    /* the first column: a kind, or a response */
    const char *name;   /* the second column when there are three, or "" */
    unsigned flags;
    size_t pair;        /* of its first two bytes, as the bucket index has it */
    uint64_t head;      /* its first word's first 8 bytes, lower case */
} lex_entry;

enum {
    LEX_BUCKETS = 1024,
    LEX_WORD_CAP = 31,    /* longer words are compared by their start */
    LEX_WORD_BITS = 1 << 16
};

/* A word of a text (a run of ASCII letters and digits) as the lexicons
 * look at it: found once per word start, and offered to each lexicon. */
typedef struct lex_word {
    size_t at;     /* where it starts in the text */
    size_t run;    /* its letters and digits, all of them */
    size_t len;    /* the same, at most LEX_WORD_CAP */
    uint64_t head; /* its first 8 bytes, lower case, the rest zero */
} lex_word;

typedef struct lexicon {
    lex_entry *entries;  /* grouped by bucket, longest phrase first */
    size_t count;
    size_t bucket_start[LEX_BUCKETS + 1];
    char *storage;       /* every string, in one block */
    /* One bit per phrase's first word, keyed by its head and length (at
     * most LEX_WORD_CAP): a phrase matches only where the text's first
     * word has both, and most words of a record begin no phrase ("the",
     * "of", "patient"), so a word whose bit is clear costs one test. */
    unsigned char first_words[LEX_WORD_BITS / 8];
} lexicon;

/* Loads `path`, whose lines have `columns` tab-separated fields (2 or 3),
 * the last a "|"-separated phrase list. Errors give file:line:col. */
imr_status imr__lexicon_load(const char *path, int columns, lexicon *out,
                             imr_error *err);
void imr__lexicon_fini(lexicon *lx);
/* The longest entry whose phrase starts at text[at] and ends at a word
 * boundary; sets *match_len to the bytes it covers (runs of spaces in the
 * text count as one). NULL when none. */
/* Reads the word that starts at text[at] (run 0 when text[at] is no
 * letter or digit). */
void imr__lexicon_word(const char *text, size_t len, size_t at, lex_word *w);
/* Reads every word of text[0..len) into *items (grown with
 * imr_xrealloc, *cap its room); returns how many. */
size_t imr__lexicon_words(const char *text, size_t len, lex_word **items,
                          size_t *cap);
/* The bit in first_words of a first word with this head and length. */
static inline uint32_t imr__lexicon_word_bit(uint64_t head, size_t len)
{
    /* a multiplicative hash: its top bits depend on every byte */
    uint64_t h = (head ^ (uint64_t)len << 59) * 0x9e3779b97f4a7c15u;
    return (uint32_t)(h >> 48) & (LEX_WORD_BITS - 1);
}
/* False when no phrase can start with the word w: a prefilter for
 * imr__lexicon_match_word, which gives the same answer without it. */
static inline int imr__lexicon_may_start(const lexicon *lx, const lex_word *w)
{
    uint32_t bit = imr__lexicon_word_bit(w->head, w->len);
    return w->len && ((lx->first_words[bit >> 3] >> (bit & 7)) & 1);
}
/* imr__lexicon_match at w->at, for the word imr__lexicon_word read
 * there. */
const lex_entry *imr__lexicon_match_word(const lexicon *lx, const char *text,
                                         size_t len, const lex_word *w,
                                         size_t *match_len);
const lex_entry *imr__lexicon_match(const lexicon *lx, const char *text,
                                    size_t len, size_t at, size_t *match_len);

#endif
