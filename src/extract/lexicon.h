/* SPDX-License-Identifier: MIT */
/* This file is private to the extract module. A phrase lexicon read from a
 * kb/facts file: "KEY <TAB> [NAME <TAB>] PHRASE | PHRASE | ...", matched at
 * word starts, longest phrase first. */
#ifndef IMR_EXTRACT_LEXICON_H
#define IMR_EXTRACT_LEXICON_H

#include "imr/base.h"

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
} lex_entry;

enum { LEX_BUCKETS = 1024 };

typedef struct lexicon {
    lex_entry *entries;  /* grouped by bucket, longest phrase first */
    size_t count;
    size_t bucket_start[LEX_BUCKETS + 1];
    char *storage;       /* every string, in one block */
} lexicon;

/* Loads `path`, whose lines have `columns` tab-separated fields (2 or 3),
 * the last a "|"-separated phrase list. Errors give file:line:col. */
imr_status imr__lexicon_load(const char *path, int columns, lexicon *out,
                             imr_error *err);
void imr__lexicon_fini(lexicon *lx);
/* The longest entry whose phrase starts at text[at] and ends at a word
 * boundary; sets *match_len to the bytes it covers (runs of spaces in the
 * text count as one). NULL when none. */
const lex_entry *imr__lexicon_match(const lexicon *lx, const char *text,
                                    size_t len, size_t at, size_t *match_len);

#endif
