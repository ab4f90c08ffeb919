/* SPDX-License-Identifier: MIT */
/* Private to the request module: the loaded catalogue, the normalized text
 * and the tokens the parser reads. Tests reach the internals through here. */
#ifndef IMR_REQUEST_INT_H
#define IMR_REQUEST_INT_H

#include <stdint.h>

#include "imr/request.h"

/*---- Catalogue ---------------------------------------------------------*/

/* What a synonym names. */
typedef enum imr__term_type {
    IMR__TERM_SERVICE,
    IMR__TERM_REGION,
    IMR__TERM_SIDE
} imr__term_type;

typedef struct imr__service {
    const char *id;
    const char *kind;
    int rank;    /* 1-9: the highest-ranked service named is the service */
    int is_drug; /* kind is "drug" */
    unsigned line;
} imr__service;

typedef struct imr__region {
    const char *id;
    unsigned line;
} imr__region;

/* One synonym: lower case, single spaces, at least two bytes. */
typedef struct imr__term {
    const char *text;
    size_t len;
    imr__term_type type;
    unsigned target; /* index in services or regions, or imr_laterality */
    int is_name;     /* from a drugs record: a drug's or product's name */
    unsigned file;   /* 0 services.tsv, 1 body_regions.tsv */
    unsigned line;
    unsigned column;
} imr__term;

/* A misspelled or abbreviated word and the text read in its place. */
typedef struct imr__spelling {
    const char *wrong;
    size_t wrong_len;
    const char *right;
    size_t right_len;
    unsigned file;
    unsigned line;
} imr__spelling;

/* Terms are bucketed by their first two bytes, each byte folded to one of
 * 37 classes (a-z, 0-9, anything else). */
enum { IMR__CLASSES = 37, IMR__BUCKETS = IMR__CLASSES * IMR__CLASSES };

struct imr_catalogue {
    imr_arena *arena; /* every string below */
    imr__service *services;
    size_t service_count;
    imr__region *regions;
    size_t region_count;
    imr__term *terms; /* sorted by bucket, then longest first */
    size_t term_count;
    uint32_t bucket_start[IMR__BUCKETS + 1];
    imr__spelling *spellings; /* sorted by `wrong` */
    size_t spelling_count;
    /* Bit n of [c - 'a']: some misspelling starts with c and has n
     * letters. Most words are passed over on this alone. */
    uint64_t spelling_lengths[26];
    uint32_t *spelling_slots; /* open addressing: spelling index + 1 */
    size_t spelling_mask;     /* slot count - 1, a power of two less one */
    int level_region[26];     /* region implied by a level letter, or -1 */
};

/* The bucket of a text that starts with bytes `a` and `b` (b may be 0). */
size_t imr__term_bucket(unsigned char a, unsigned char b);

/* The hash of a misspelled word in the spelling table. */
uint32_t imr__spelling_hash(const char *word, size_t len);

/* The longest term that starts at s[0] and ends at a word boundary, or
 * NULL. The caller has checked that s[0] starts a word. */
const imr__term *imr__catalogue_match(const imr_catalogue *cat, const char *s,
                                      size_t len);

/* The spelling that replaces the `len` lower-case letters at `word`. */
const imr__spelling *imr__catalogue_spelling(const imr_catalogue *cat,
                                             const char *word, size_t len);

/*---- Normalized text ---------------------------------------------------*/

/* A request is read from a fixed buffer: requests are a line long, and
 * whatever lies past this many bytes (after normalizing) is not read. */
enum { IMR__REQUEST_TEXT_MAX = 1024, IMR__REQUEST_TOKENS_MAX = 512 };

/* Writes `text` lower-cased into `out` (at most `cap` bytes, not
 * NUL-terminated): runs of white space become one space, the ends are
 * trimmed, the UTF-8 multiplication sign becomes "x", dashes become "-",
 * and the catalogue's misspelled words are replaced. Returns the length. */
size_t imr__request_normalize(const imr_catalogue *cat, const char *text,
                              size_t len, char *out, size_t cap);

/*---- Tokens ------------------------------------------------------------*/

typedef enum imr__token_type {
    IMR__TOK_NUMBER, /* "12", "7.5", "2-3" (a range: value is 3), "two" */
    IMR__TOK_WORD,   /* any other run of letters; see `keyword` */
    IMR__TOK_SYMBOL, /* one punctuation byte: # / - ( ) % , : ... */
    IMR__TOK_TERM,   /* a catalogue synonym, maybe several words */
    IMR__TOK_LEVEL   /* a spinal level: "l4-5", "l5-s1", "c6" */
} imr__token_type;

/* The words the request grammar knows, besides the catalogue's. */
typedef enum imr__keyword {
    IMR__KW_NONE = 0,
    IMR__KW_X,        /* "x": "2x4", "x 8" */
    IMR__KW_TIMES,    /* "times", "time" */
    IMR__KW_PER,      /* "per", "a", "an", "each", "every" */
    IMR__KW_WEEK,     /* "week", "weeks", "wk", "wks" */
    IMR__KW_WEEKLY,   /* "weekly" */
    IMR__KW_FOR,      /* "for", "over" */
    IMR__KW_SESSION,  /* "sessions", "visits", "treatments" */
    IMR__KW_REFILL,   /* "refill", "refills" */
    IMR__KW_QUANTITY, /* "qty", "quantity" */
    IMR__KW_FORM,     /* "tablets", "capsules", "patches", "count" */
    IMR__KW_UNIT,     /* "mg", "mcg", "ml", "g" */
    IMR__KW_PER_TIME, /* "hr", "hours": "20 mcg/hr", "x 160 hours" */
    IMR__KW_WITH,     /* "with" */
    IMR__KW_NO,       /* "no" in "no refills" */
    IMR__KW_MONTH,    /* "month", "months" */
    IMR__KW_DAY,      /* "day", "days" */
    IMR__KW_RETRO     /* "retrospective", "retro" */
} imr__keyword;

enum {
    IMR__NUM_DECIMAL = 1, /* "7.5" */
    IMR__NUM_RANGE = 2,   /* "2-3" */
    IMR__NUM_TIMES = 4,   /* "twice", "once": a number and "times" at once */
    IMR__NUM_HUGE = 8     /* more digits than any count has */
};

typedef struct imr__token {
    imr__token_type type;
    imr__keyword keyword; /* words only */
    int value;            /* numbers: the value (a range's upper end) */
    unsigned flags;       /* numbers: IMR__NUM_* */
    uint16_t start;       /* in the normalized text */
    uint16_t len;
    const imr__term *term; /* terms only */
    const char *unit;      /* IMR__KW_UNIT and _PER_TIME: "mg", "hr" */
} imr__token;

/* Splits the normalized text into at most `max` tokens; returns the count.
 * A number repeated in parentheses ("twelve (12)") is dropped. */
size_t imr__request_tokenize(const imr_catalogue *cat, const char *norm,
                             size_t len, imr__token *out, size_t max);

/* A spinal level at s[0..len) of the normalized text: "l4-5", "l4-l5",
 * "l4/5", "l5-s1", "c6", whose letters are those of the catalogue's levels
 * records. Writes its canonical form ("L4-5", "L5-S1", "C6") into `out`
 * and returns the bytes it spans, or 0 when there is none. */
size_t imr__request_level(const imr_catalogue *cat, const char *s, size_t len,
                          char out[16]);

#endif
