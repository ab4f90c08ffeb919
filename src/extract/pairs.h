/* SPDX-License-Identifier: MIT */
/* This file is private to the extract module. Concepts that records state
 * with two words and a few between them rather than with one phrase
 * ("oral medications were gradually reduced", "her activities of daily
 * living have improved"): classes of the two words (kb/facts/words.tsv),
 * of the words between (kb/facts/gaps.tsv), and the patterns of classes
 * that name a concept (kb/facts/pairs.tsv). */
#ifndef IMR_EXTRACT_PAIRS_H
#define IMR_EXTRACT_PAIRS_H

#include "lexicon.h"

/* FIRST, then GAP words (at least min_gap, at most PAIR_GAP_MAX), then
 * SECOND, word after word with nothing else between. */
typedef struct pair_rule {
    const char *kind;  /* "function" */
    const char *name;  /* "medication_reduction" */
    const char *first; /* class names, as words.tsv spells them */
    const char *gap;
    const char *second;
    int min_gap; /* 0 ("modifier*") or 1 ("auxiliary+") */
} pair_rule;

enum { PAIR_GAP_MAX = 3 };

typedef struct pair_rules {
    lexicon words; /* key: the class of each word */
    lexicon gaps;  /* the same for the words between */
    pair_rule *rules;
    size_t count;
    char *storage; /* the strings of rules, in one block */
} pair_rules;

/* A phrase of a class found in a sentence, in the order of the text. */
typedef struct class_hit {
    const char *klass; /* the class name, pointing into `words` */
    size_t at;         /* in the sentence */
    size_t len;
    size_t word;      /* the index of its first word in the sentence */
    size_t next_word; /* the index of the first word after it */
} class_hit;

/* Loads words.tsv, gaps.tsv and pairs.tsv from DIR/facts; a pattern
 * naming a class they lack is refused with its file:line:col. */
imr_status imr__pairs_load(const char *kb_dir, pair_rules *out, imr_error *err);
void imr__pairs_fini(pair_rules *p);

/* Whether s[from, to) holds a clause boundary (",", ";", ":", "but",
 * "however", "although", "though", "while", "whereas"), which a pair may
 * not span: "pain medication was continued, but walking improved". */
int imr__pairs_crosses_clause(const char *s, size_t from, size_t to);

#endif
