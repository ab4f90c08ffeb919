/* SPDX-License-Identifier: MIT */
/* Private to the kb module (and its tests and fuzz target): the loaded
 * base, the tables rules are checked against, the lexer and the compiled
 * conditions. */
#ifndef IMR_KB_INT_H
#define IMR_KB_INT_H

#include "imr/kb.h"

#include <stdint.h>

/*---- Names ---------------------------------------------------------------*/

/* A set of names mapped to small integers (open addressing, FNV-1a). The
 * names are borrowed: they must outlive the map. */
typedef struct kb_names {
    const char **keys;
    size_t *values;
    size_t count;
    size_t cap; /* a power of two, or 0 */
} kb_names;

void imr__kb_names_init(kb_names *map);
void imr__kb_names_fini(kb_names *map);
/* Adds `key`; returns 1, or 0 with `*existing` set when it is there. */
int imr__kb_names_add(kb_names *map, const char *key, size_t value,
                      size_t *existing);
/* Returns 1 and sets `*value` when `key` (of `len` bytes) is there. */
int imr__kb_names_find(const kb_names *map, const char *key, size_t len,
                       size_t *value);
/* The name nearest `word` by edit distance, when it is close enough to be
 * a likely typo; NULL otherwise. */
const char *imr__kb_names_suggest(const kb_names *map, const char *word,
                                  size_t len);
/* The same among `count` words (NULL entries are skipped). */
const char *imr__kb_suggest_among(const char *const *words, size_t count,
                                  const char *word, size_t len);

uint32_t imr__kb_fnv1a(uint32_t hash, const void *data, size_t len);
/* Hashes `len` as 8 bytes, least significant first, so the hash is the
 * same on every platform. */
uint32_t imr__kb_hash_length(uint32_t hash, uint64_t len);
#define KB_FNV_SEED 2166136261u

/*---- Tables: vocabulary, services, body regions --------------------------*/

typedef enum kb_type {
    KB_TYPE_NUMBER = 1,
    KB_TYPE_BOOLEAN,
    KB_TYPE_TEXT
} kb_type;

/* What conditions are checked against, read from vocabulary.tsv,
 * services.tsv and body_regions.tsv. */
typedef struct kb_tables {
    imr_arena *arena;
    kb_names variables; /* name -> index in `types` */
    kb_type *types;
    kb_names services;
    kb_names regions; /* "any" is not in it */
    uint32_t vocabulary_hash;
} kb_tables;

/* Reads the three tables from `dir`; a table `dir` lacks is read from
 * `fallback_dir` instead (NULL: none). */
imr_status imr__kb_tables_load(const char *dir, const char *fallback_dir,
                               kb_tables **out, imr_error *err);
void imr__kb_tables_free(kb_tables *tables);
const char *imr__kb_type_name(kb_type type);

/*---- Compiled conditions -------------------------------------------------*/

typedef enum kb_op {
    KB_OP_NUMBER,
    KB_OP_TEXT,
    KB_OP_BOOLEAN,
    KB_OP_VARIABLE,
    KB_OP_AND,
    KB_OP_OR,
    KB_OP_NOT,
    KB_OP_ADD,
    KB_OP_SUB,
    KB_OP_LT,
    KB_OP_LE,
    KB_OP_GT,
    KB_OP_GE,
    KB_OP_EQ,
    KB_OP_NE,
    KB_OP_IN
} kb_op;

/* One node of a condition's tree; literals and variables are leaves, `in`
 * keeps its list as an array of literal nodes. */
typedef struct kb_node {
    kb_op op;
    kb_type type;   /* of the result */
    unsigned depth; /* the height of the tree below, 1 for a leaf */
    unsigned line;
    unsigned column;
    const struct kb_node *left; /* NOT uses only left */
    const struct kb_node *right;
    const struct kb_node *const *items; /* IN */
    size_t item_count;
    double number;
    int boolean;
    const char *text; /* a text literal, or a variable's name */
} kb_node;

/* The handle conditions are given out as: the tree and the distinct
 * variables it reads, in first-use order. */
struct imr_kb_expr {
    const kb_node *root;
    const char *const *variables;
    size_t variable_count;
};

/*---- Lexer ---------------------------------------------------------------*/

typedef enum kb_token_kind {
    KB_TOK_END,
    KB_TOK_NAME, /* letters, digits, "_" and "." starting with a letter */
    KB_TOK_NUMBER,
    KB_TOK_STRING, /* text holds the decoded string */
    KB_TOK_OP      /* ( ) [ ] , + - < <= > >= = != and any other byte */
} kb_token_kind;

typedef struct kb_token {
    kb_token_kind kind;
    const char *start; /* in the source */
    size_t len;
    unsigned line;
    unsigned column;
    const char *text; /* NUL-terminated; arena-owned for strings */
    double number;
} kb_token;

struct kb_parser;

/* Reads the tokens of one field's value, which may span lines; comments
 * and line breaks between tokens are skipped. */
typedef struct kb_lexer {
    imr_cursor cur;
    struct kb_parser *parser;
    int check_slots; /* strings are templates: check their {variables} */
    kb_token peeked;
    int has_peeked;
    unsigned end_line; /* just past the last token read */
    unsigned end_column;
} kb_lexer;

void imr__kb_lexer_init(kb_lexer *lx, struct kb_parser *p, const char *text,
                        size_t len, unsigned line, unsigned column);
imr_status imr__kb_lex(kb_lexer *lx, kb_token *tok);
imr_status imr__kb_peek(kb_lexer *lx, const kb_token **tok);
/* Reads the next run of bytes up to white space, '#' or '"'. */
imr_status imr__kb_lex_word(kb_lexer *lx, kb_token *tok);
/* Where the value ends, for "found the end of ..." messages. */
void imr__kb_lexer_end(const kb_lexer *lx, unsigned *line, unsigned *column);
int imr__kb_token_is(const kb_token *tok, const char *text);
/* Quotes a token for a message: "x", or the end of the value. */
const char *imr__kb_token_describe(const kb_token *tok, char *buf, size_t size);

/*---- The base and its parser ---------------------------------------------*/

/* A reference by id to a block that may be in another file, resolved by
 * imr__kb_link. */
typedef struct kb_ref {
    const char *id;
    unsigned line;
    unsigned column;
} kb_ref;

typedef struct kb_id_list {
    const char *const *ids;
    size_t count;
} kb_id_list;

typedef struct kb_guideline {
    imr_guideline pub;
    const char *file;
    unsigned line;
    unsigned column;
    /* `carries`: the edition whose topics apply under this one (id NULL:
     * none), the topic suffixes it leaves behind, and the status its
     * carried criteria are capped at (IMR_CRITERION_CONFIRMED: their own). */
    kb_ref carries;
    const kb_ref *except;
    size_t except_count;
    imr_criterion_status carried_status;
    /* `carried_pages`: whether carried topics keep their pages (1, the
     * default) or are cited without them (0), as when the edition's own
     * text has other page numbers that are not known. */
    int carried_pages;
} kb_guideline;

typedef struct kb_topic {
    imr_topic pub; /* first, so a topic the caller holds maps back */
    kb_ref guideline;
    unsigned column;
    kb_id_list services;
    kb_id_list regions;    /* none: any */
    size_t criteria_first; /* in imr_kb.topic_criteria */
    size_t criteria_count;
    size_t index; /* in load order */
} kb_topic;

typedef struct kb_criterion {
    imr_criterion pub;
    kb_ref topic;
    unsigned column;
} kb_criterion;

struct imr_kb {
    _Atomic long refs;
    imr_arena *arena;
    const kb_tables *tables;
    kb_tables *owned_tables;
    kb_guideline *guidelines;
    size_t guideline_count;
    size_t guideline_cap;
    kb_topic *topics;
    size_t topic_count;
    size_t topic_cap;
    kb_criterion *criteria;
    size_t criterion_count;
    size_t criterion_cap;
    const imr_criterion **topic_criteria;
    uint32_t hash;
    int is_linked;
    char version[16];
};

typedef struct kb_parser {
    imr_kb *kb;
    const char *file; /* arena copy of the file's name */
    imr_error *err;
} kb_parser;

/* An empty base that borrows `tables` (they must outlive it). */
imr_kb *imr__kb_new(const kb_tables *tables);
/* Parses one rules file held in memory into `kb`; `name` is what messages
 * call it. Names across files are resolved later by imr__kb_link. */
imr_status imr__kb_parse_text(imr_kb *kb, const char *name, const char *text,
                              size_t len, imr_error *err);
/* Resolves guideline and topic references, refuses duplicate ids, copies
 * the topics and criteria each guideline carries from another, puts topics
 * in the search sequence and computes the version. */
imr_status imr__kb_link(imr_kb *kb, imr_error *err);



/* Refuses with file:line:col; returns IMR_EINPUT. */
imr_status imr__kb_refuse(imr_error *err, const char *file, unsigned line,
                          unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Compiles the condition in the lexer's value; refuses unknown variables,
 * syntax and type errors. */
imr_status imr__kb_compile(kb_parser *p, kb_lexer *lx, const imr_kb_expr **out);
/* Checks a name against the vocabulary: returns its index, or refuses. */
imr_status imr__kb_check_variable(kb_parser *p, const char *name, size_t len,
                                  unsigned line, unsigned column,
                                  size_t *index);

#endif
