/* SPDX-License-Identifier: MIT */
/* Private to the extract module: the loaded ConText lexicons and the
 * tokens the assessor reads. Tests reach the internals through here. */
#ifndef IMR_EXTRACT_INT_H
#define IMR_EXTRACT_INT_H

#include <stdint.h>

#include "imr/extract.h"

/*---- Context lexicons --------------------------------------------------*/

/* The five things a trigger can say about a mention, as bits. Polarity
 * (negated, possible), time (historical, hypothetical) and experiencer
 * (other) are the three axes: on each, the trigger nearest the mention
 * wins. */
enum {
    IMR__CTX_NEGATED = 1 << 0,
    IMR__CTX_POSSIBLE = 1 << 1,
    IMR__CTX_HISTORICAL = 1 << 2,
    IMR__CTX_HYPOTHETICAL = 1 << 3,
    IMR__CTX_OTHER = 1 << 4,
    IMR__CTX_CATEGORIES = 5,
    IMR__CTX_ALL = (1 << IMR__CTX_CATEGORIES) - 1
};

/* Limits of a lexicon phrase, and of the text read on each side of a
 * mention: triggers farther than IMR__CTX_SIDE_BYTES from it are not
 * seen. */
enum {
    IMR__CTX_MAX_TOKENS = 16,
    IMR__CTX_MAX_PHRASE = 120,
    IMR__CTX_MAX_WINDOW = 99,
    IMR__CTX_SIDE_BYTES = 1024
};

/* A word or punctuation mark of a text: words are runs of ASCII letters
 * and digits (and of bytes >= 0x80, so UTF-8 stays inside words); any
 * other byte but white space is a token of its own. Offsets count from
 * the start of the piece of text that was cut. The struct is in the
 * public header because a prepared sentence holds an array of them. */
typedef imr__context_token imr__ctx_token;

/* One lexicon phrase, with every role its entries give it. */
typedef struct imr__ctx_phrase {
    const char *text;     /* lower case, its tokens joined by one space */
    uint32_t first_token; /* index in imr_context_rules.tokens */
    uint16_t token_count;
    uint8_t forward;   /* categories it triggers after itself */
    uint8_t backward;  /* categories it triggers before itself */
    uint8_t ends;      /* categories whose scopes it ends */
    uint8_t pseudo;    /* the subset of `ends` given by pseudo entries */
    uint8_t may_yield; /* another phrase can start inside it and run on */
    uint8_t window[IMR__CTX_CATEGORIES]; /* words; 0 = unlimited */
} imr__ctx_phrase;

/* A token of a phrase, pointing into the phrase's text. */
typedef struct imr__ctx_word {
    const char *s;
    uint16_t len;
} imr__ctx_word;

/* The phrases that start with one token, longest first. */
typedef struct imr__ctx_head {
    uint32_t first; /* index in phrases */
    uint32_t count;
} imr__ctx_head;

struct imr_context_rules {
    imr_arena *arena; /* phrase texts */
    imr__ctx_phrase *phrases;
    size_t phrase_count;
    imr__ctx_word *tokens;
    imr__ctx_head *heads;
    uint32_t *slots; /* hash of a first token -> 1 + index in heads */
    size_t slot_mask;
    /* For each lower-cased first byte, bit min(length, 31) is set when a
     * phrase's first token starts with it and is that long. Most tokens of
     * a sentence start no phrase; this tells so without hashing them. */
    uint32_t head_shapes[256];
};

/* Cuts s[0..len) into at most `cap` tokens; returns how many. `len` must
 * be below 65536. */
size_t imr__ctx_tokenize(const char *s, size_t len, imr__ctx_token *out,
                         size_t cap);

/* The longest phrase that starts at tokens[0] and ends before
 * tokens[count]; returns 1 + its index, or 0. */
unsigned imr__ctx_match(const imr_context_rules *rules, const char *base,
                        const imr__ctx_token *tokens, size_t count);

#endif
