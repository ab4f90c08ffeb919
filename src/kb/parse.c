/* SPDX-License-Identifier: MIT */
/* The block parser of rules files: a block keyword and name at the start
 * of a line, then indented `key value` fields whose values continue on
 * lines indented deeper than the key. Values are read by the lexer. */
#include "imr/kb.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb_int.h"

/*---- Field tables --------------------------------------------------------*/

typedef enum field_kind {
    FIELD_STRING,
    FIELD_TEMPLATE, /* a string whose {variable} slots are checked */
    FIELD_REF,      /* the id of another block, resolved later */
    FIELD_SERVICES,
    FIELD_REGIONS,
    FIELD_YESNO,
    FIELD_DATE,
    FIELD_INT,
    FIELD_PAGES,
    FIELD_CONDITION,
    FIELD_STATUS,
    FIELD_CARRIES /* a guideline id, then optionally "except" and suffixes */
} field_kind;

typedef struct field_spec {
    const char *key;
    field_kind kind;
    int is_required;
    size_t offset; /* of the value in the block's struct */
} field_spec;

typedef enum block_kind {
    BLOCK_GUIDELINE,
    BLOCK_TOPIC,
    BLOCK_CRITERION
} block_kind;

#define G(member) offsetof(kb_guideline, member)
#define T(member) offsetof(kb_topic, member)
#define C(member) offsetof(kb_criterion, member)

static const field_spec guideline_fields[] = {
    {"title", FIELD_STRING, 1, G(pub.title)},
    {"cite", FIELD_STRING, 1, G(pub.cite)},
    {"mtus", FIELD_YESNO, 1, G(pub.is_mtus)},
    {"effective", FIELD_DATE, 1, G(pub.effective)},
    {"ends", FIELD_DATE, 0, G(pub.ends)},
    {"source", FIELD_STRING, 1, G(pub.source)},
    {"carries", FIELD_CARRIES, 0, G(carries)},
    {"status", FIELD_STATUS, 0, G(carried_status)},
    {"carried_pages", FIELD_YESNO, 0, G(carried_pages)},
};

static const field_spec topic_fields[] = {
    {"guideline", FIELD_REF, 1, T(guideline)},
    {"section", FIELD_STRING, 1, T(pub.section)},
    {"pages", FIELD_PAGES, 0, T(pub.pages)},
    {"services", FIELD_SERVICES, 1, T(services)},
    {"regions", FIELD_REGIONS, 0, T(regions)},
    {"covers", FIELD_CONDITION, 0, T(pub.covers)},
    {"order", FIELD_INT, 0, T(pub.order)},
};

static const field_spec criterion_fields[] = {
    {"topic", FIELD_REF, 1, C(topic)},
    {"source", FIELD_STRING, 1, C(pub.source)},
    {"status", FIELD_STATUS, 1, C(pub.status)},
    {"text", FIELD_TEMPLATE, 1, C(pub.text)},
    {"when", FIELD_CONDITION, 0, C(pub.when)},
    {"require", FIELD_CONDITION, 1, C(pub.require)},
    {"met", FIELD_TEMPLATE, 1, C(pub.met)},
    {"not_met", FIELD_TEMPLATE, 1, C(pub.not_met)},
    {"missing", FIELD_TEMPLATE, 1, C(pub.missing)},
};

#undef G
#undef T
#undef C

enum { MAX_FIELDS = 9 };

static const struct {
    const char *keyword;
    const field_spec *fields;
    size_t count;
} blocks[] = {
    {"guideline", guideline_fields,
     sizeof(guideline_fields) / sizeof(guideline_fields[0])},
    {"topic", topic_fields, sizeof(topic_fields) / sizeof(topic_fields[0])},
    {"criterion", criterion_fields,
     sizeof(criterion_fields) / sizeof(criterion_fields[0])},
};

/*---- State ---------------------------------------------------------------*/

/* One physical line. */
typedef struct line_info {
    size_t start;  /* offset of its first byte */
    size_t end;    /* offset of its "\n", or the text's end */
    size_t indent; /* blanks before its first other byte */
    unsigned number;
    int is_blank; /* nothing but blanks and a comment */
} line_info;

typedef struct file_parser {
    kb_parser p;
    const char *text;
    size_t len;
    int in_block;
    block_kind kind;
    const char *block_id;
    unsigned block_line;
    unsigned seen_line[MAX_FIELDS]; /* 0: not given yet */
    unsigned seen_column[MAX_FIELDS];
} file_parser;

imr_status imr__kb_refuse(imr_error *err, const char *file, unsigned line,
                          unsigned column, const char *fmt, ...)
{
    va_list ap;

    if(!err)
        return IMR_EINPUT;
    imr_error_clear(err);
    snprintf(err->file, sizeof(err->file), "%s", file);
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    imr_error_vset(err, IMR_EINPUT, fmt, ap);
    va_end(ap);
    return IMR_EINPUT;
}

static void read_line_info(const file_parser *fp, size_t at, unsigned number,
                           line_info *li)
{
    const char *nl = memchr(fp->text + at, '\n', fp->len - at);
    size_t i = at;

    li->start = at;
    li->end = nl ? (size_t)(nl - fp->text) : fp->len;
    li->number = number;
    while(i < li->end && (fp->text[i] == ' ' || fp->text[i] == '\t' ||
                          fp->text[i] == '\r' || fp->text[i] == '\f'))
        i++;
    li->indent = i - at;
    li->is_blank = i == li->end || fp->text[i] == '#';
}

/* The block being parsed, wherever the array has moved it. */
static char *block_base(const file_parser *fp)
{
    imr_kb *kb = fp->p.kb;
    switch(fp->kind) {
    case BLOCK_GUIDELINE:
        return (char *)&kb->guidelines[kb->guideline_count - 1];
    case BLOCK_TOPIC:
        return (char *)&kb->topics[kb->topic_count - 1];
    case BLOCK_CRITERION:
        break;
    }
    return (char *)&kb->criteria[kb->criterion_count - 1];
}

static imr_status refuse(file_parser *fp, unsigned line, unsigned column,
                         const char *message)
{
    return imr__kb_refuse(fp->p.err, fp->p.file, line, column, "%s", message);
}

/*---- Values --------------------------------------------------------------*/

static int is_name(const char *s, size_t n)
{
    size_t i;

    if(n == 0 || !(s[0] >= 'a' && s[0] <= 'z') || s[n - 1] == '.')
        return 0;
    for(i = 0; i < n; i++) {
        char c = s[i];
        if(!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
             (c == '.' && s[i + 1] != '.')))
            return 0;
    }
    return 1;
}

static imr_status refuse_found(file_parser *fp, const kb_token *tok,
                               const char *expected)
{
    char what[64];
    return imr__kb_refuse(fp->p.err, fp->p.file, tok->line, tok->column,
                          "expected %s, found %s", expected,
                          imr__kb_token_describe(tok, what, sizeof(what)));
}

/* Refuses anything after a value; `what` ends "expected the end of". */
static imr_status expect_end_of(file_parser *fp, kb_lexer *lx, const char *what)
{
    kb_token tok;
    char expected[128];
    imr_status rc = imr__kb_lex(lx, &tok);

    if(rc != IMR_OK || tok.kind == KB_TOK_END)
        return rc;
    snprintf(expected, sizeof(expected), "the end of %s", what);
    return refuse_found(fp, &tok, expected);
}

static imr_status expect_end(file_parser *fp, kb_lexer *lx, const char *key)
{
    char what[48];

    snprintf(what, sizeof(what), "\"%.32s\"", key);
    return expect_end_of(fp, lx, what);
}

static imr_status read_name(file_parser *fp, kb_lexer *lx, kb_token *tok)
{
    imr_status rc = imr__kb_lex_word(lx, tok);

    if(rc == IMR_OK &&
       (tok->kind != KB_TOK_NAME || !is_name(tok->start, tok->len)))
        return refuse_found(fp, tok, "a name in lower snake case with dots");
    return rc;
}

static char *token_copy(const file_parser *fp, const kb_token *tok)
{
    return imr_arena_strndup(fp->p.kb->arena, tok->start, tok->len);
}

static imr_status read_string(file_parser *fp, kb_lexer *lx,
                              const field_spec *f, void *slot)
{
    kb_token tok;
    imr_status rc;

    lx->check_slots = f->kind == FIELD_TEMPLATE;
    rc = imr__kb_lex(lx, &tok);
    if(rc == IMR_OK && tok.kind != KB_TOK_STRING)
        return refuse_found(fp, &tok, "a string in double quotes");
    if(rc == IMR_OK)
        *(const char **)slot = tok.text;
    return rc == IMR_OK ? expect_end(fp, lx, f->key) : rc;
}

static imr_status read_ref(file_parser *fp, kb_lexer *lx, const field_spec *f,
                           void *slot)
{
    kb_token tok;
    kb_ref *ref = slot;
    imr_status rc = read_name(fp, lx, &tok);

    if(rc != IMR_OK)
        return rc;
    ref->id = token_copy(fp, &tok);
    ref->line = tok.line;
    ref->column = tok.column;
    return expect_end(fp, lx, f->key);
}

static imr_status refuse_unknown(file_parser *fp, const kb_token *tok,
                                 const char *what, const kb_names *set)
{
    const char *hint = imr__kb_names_suggest(set, tok->start, tok->len);

    if(hint)
        return imr__kb_refuse(fp->p.err, fp->p.file, tok->line, tok->column,
                              "unknown %s \"%.*s\" (did you mean \"%s\"?)",
                              what, (int)tok->len, tok->start, hint);
    return imr__kb_refuse(fp->p.err, fp->p.file, tok->line, tok->column,
                          "unknown %s \"%.*s\"", what, (int)tok->len,
                          tok->start);
}

/* One id of a list: a known one, listed once. */
static imr_status check_id(file_parser *fp, const kb_token *tok, int is_regions,
                           const char *const *ids, size_t count)
{
    const kb_tables *t = fp->p.kb->tables;
    const kb_names *set = is_regions ? &t->regions : &t->services;
    size_t i, value;

    if(tok->kind != KB_TOK_NAME || !is_name(tok->start, tok->len))
        return refuse_found(fp, tok, "a name in lower snake case");
    if(!imr__kb_names_find(set, tok->start, tok->len, &value))
        return refuse_unknown(fp, tok, is_regions ? "body region" : "service",
                              set);
    for(i = 0; i < count; i++) {
        if(strlen(ids[i]) == tok->len &&
           memcmp(ids[i], tok->start, tok->len) == 0)
            return imr__kb_refuse(fp->p.err, fp->p.file, tok->line, tok->column,
                                  "\"%s\" is listed twice", ids[i]);
    }
    return IMR_OK;
}

static void keep_list(file_parser *fp, const char **ids, size_t count,
                      kb_id_list *list)
{
    const char **kept =
        imr_arena_alloc(fp->p.kb->arena, count * sizeof(*kept) + 1);
    if(count)
        memcpy(kept, ids, count * sizeof(*kept));
    list->ids = kept;
    list->count = count;
}

/* The ids of services or regions. Regions also take "any" alone, which
 * is kept as an empty list. */
static imr_status read_id_list(file_parser *fp, kb_lexer *lx,
                               const field_spec *f, void *slot)
{
    int is_regions = f->kind == FIELD_REGIONS;
    const char **ids = NULL;
    size_t count = 0;
    kb_token tok, any_tok;
    imr_status rc;

    memset(&any_tok, 0, sizeof(any_tok));
    for(;;) {
        rc = imr__kb_lex_word(lx, &tok);
        if(rc != IMR_OK || tok.kind == KB_TOK_END)
            break;
        if(is_regions && imr__kb_token_is(&tok, "any")) {
            any_tok = tok;
            continue;
        }
        rc = check_id(fp, &tok, is_regions, ids, count);
        if(rc != IMR_OK)
            break;
        ids = imr_xrealloc(ids, (count + 1) * sizeof(*ids));
        ids[count++] = token_copy(fp, &tok);
    }
    if(rc == IMR_OK && any_tok.start && count)
        rc = refuse(fp, any_tok.line, any_tok.column,
                    "\"any\" stands alone: it cannot be listed with regions");
    if(rc == IMR_OK)
        keep_list(fp, ids, count, slot);
    free(ids);
    return rc;
}

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int is_date(const char *s, size_t n)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = 0, month, day;
    size_t i;

    if(n != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for(i = 0; i < 10; i++) {
        if(i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    }
    for(i = 0; i < 4; i++)
        year = year * 10 + (s[i] - '0');
    month = (s[5] - '0') * 10 + (s[6] - '0');
    day = (s[8] - '0') * 10 + (s[9] - '0');
    if(month < 1 || month > 12 || day < 1)
        return 0;
    return day <= days[month - 1] + (month == 2 && is_leap(year));
}

static imr_status read_date(file_parser *fp, kb_lexer *lx, const field_spec *f,
                            void *slot)
{
    kb_token tok;
    imr_status rc = imr__kb_lex_word(lx, &tok);

    if(rc == IMR_OK &&
       (tok.kind != KB_TOK_NAME || !is_date(tok.start, tok.len)))
        return refuse_found(fp, &tok, "a date as YYYY-MM-DD");
    if(rc == IMR_OK)
        *(const char **)slot = token_copy(fp, &tok);
    return rc == IMR_OK ? expect_end(fp, lx, f->key) : rc;
}

static imr_status read_yesno(file_parser *fp, kb_lexer *lx, const field_spec *f,
                             void *slot)
{
    kb_token tok;
    imr_status rc = imr__kb_lex_word(lx, &tok);

    if(rc == IMR_OK && !imr__kb_token_is(&tok, "yes") &&
       !imr__kb_token_is(&tok, "no"))
        return refuse_found(fp, &tok, "yes or no");
    if(rc == IMR_OK)
        *(int *)slot = imr__kb_token_is(&tok, "yes");
    return rc == IMR_OK ? expect_end(fp, lx, f->key) : rc;
}

static imr_status read_int(file_parser *fp, kb_lexer *lx, const field_spec *f,
                           void *slot)
{
    kb_token tok;
    long value = 0;
    size_t i;
    imr_status rc = imr__kb_lex_word(lx, &tok);

    if(rc != IMR_OK)
        return rc;
    for(i = 0; tok.kind == KB_TOK_NAME && i < tok.len; i++) {
        if(!(tok.start[i] >= '0' && tok.start[i] <= '9') || value > 99999)
            break;
        value = value * 10 + (tok.start[i] - '0');
    }
    if(tok.kind != KB_TOK_NAME || tok.len == 0 || i < tok.len)
        return refuse_found(fp, &tok, "a whole number from 0 to 999999");
    *(int *)slot = (int)value;
    return expect_end(fp, lx, f->key);
}

static imr_status read_status(file_parser *fp, kb_lexer *lx,
                              const field_spec *f, void *slot)
{
    static const char *const names[] = {"confirmed", "seed", "unconfirmed"};
    kb_token tok;
    size_t i;
    imr_status rc = imr__kb_lex_word(lx, &tok);

    if(rc != IMR_OK)
        return rc;
    for(i = 0; i < 3 && !imr__kb_token_is(&tok, names[i]); i++)
        ;
    if(i == 3)
        return refuse_found(fp, &tok, "confirmed, seed or unconfirmed");
    *(imr_criterion_status *)slot = (imr_criterion_status)i;
    return expect_end(fp, lx, f->key);
}

/* Pages: a string, or words ("98-99", "12, 14") joined by one space. */
static imr_status read_pages(file_parser *fp, kb_lexer *lx, const field_spec *f,
                             void *slot)
{
    imr_buf buf;
    kb_token tok;
    imr_status rc;

    imr_buf_init(&buf);
    for(;;) {
        rc = imr__kb_lex_word(lx, &tok);
        if(rc != IMR_OK || tok.kind == KB_TOK_END)
            break;
        if(tok.kind == KB_TOK_STRING && buf.len == 0) {
            imr_buf_puts(&buf, tok.text);
            rc = expect_end(fp, lx, f->key);
            break;
        }
        if(tok.kind == KB_TOK_STRING) {
            rc = refuse_found(fp, &tok, "page numbers");
            break;
        }
        if(buf.len)
            imr_buf_putc(&buf, ' ');
        imr_buf_append(&buf, tok.start, tok.len);
    }
    if(rc == IMR_OK)
        *(const char **)slot = imr_arena_strndup(
            fp->p.kb->arena, buf.data ? buf.data : "", buf.len);
    imr_buf_fini(&buf);
    return rc;
}

/* "carries GUIDELINE [except SUFFIX ...]": the suffixes are what follows
 * the first "." of the carried topics' ids, each listed once. */
static imr_status read_except(file_parser *fp, kb_lexer *lx, kb_guideline *g)
{
    kb_ref *refs = NULL;
    kb_token tok;
    size_t count = 0, i;
    imr_status rc;

    memset(&tok, 0, sizeof(tok));
    for(;;) {
        rc = imr__kb_lex_word(lx, &tok);
        if(rc != IMR_OK || tok.kind == KB_TOK_END)
            break;
        if(tok.kind != KB_TOK_NAME || !is_name(tok.start, tok.len)) {
            rc = refuse_found(fp, &tok, "a topic name in lower snake case");
            break;
        }
        for(i = 0; i < count; i++) {
            if(strlen(refs[i].id) == tok.len &&
               memcmp(refs[i].id, tok.start, tok.len) == 0)
                break;
        }
        if(i < count) {
            rc = imr__kb_refuse(fp->p.err, fp->p.file, tok.line, tok.column,
                                "\"%s\" is listed twice", refs[i].id);
            break;
        }
        refs = imr_xrealloc(refs, (count + 1) * sizeof(*refs));
        refs[count].id = token_copy(fp, &tok);
        refs[count].line = tok.line;
        refs[count].column = tok.column;
        count++;
    }
    if(rc == IMR_OK && count == 0)
        rc = refuse_found(fp, &tok, "a topic name after \"except\"");
    if(rc == IMR_OK) {
        kb_ref *kept = imr_arena_alloc(fp->p.kb->arena, count * sizeof(*kept));
        memcpy(kept, refs, count * sizeof(*kept));
        g->except = kept;
        g->except_count = count;
    }
    free(refs);
    return rc;
}

static imr_status read_carries(file_parser *fp, kb_lexer *lx, void *slot)
{
    kb_guideline *g = (kb_guideline *)block_base(fp);
    kb_ref *ref = slot;
    kb_token tok;
    imr_status rc = read_name(fp, lx, &tok);

    if(rc != IMR_OK)
        return rc;
    ref->id = token_copy(fp, &tok);
    ref->line = tok.line;
    ref->column = tok.column;
    rc = imr__kb_lex_word(lx, &tok);
    if(rc != IMR_OK || tok.kind == KB_TOK_END)
        return rc;
    if(!imr__kb_token_is(&tok, "except"))
        return refuse_found(fp, &tok, "\"except\" or the end of \"carries\"");
    return read_except(fp, lx, g);
}

static imr_status read_condition(file_parser *fp, kb_lexer *lx,
                                 const field_spec *f, void *slot)
{
    (void)f;
    return imr__kb_compile(&fp->p, lx, (const imr_kb_expr **)slot);
}

static imr_status read_value(file_parser *fp, kb_lexer *lx, const field_spec *f,
                             void *slot)
{
    switch(f->kind) {
    case FIELD_STRING:
    case FIELD_TEMPLATE:
        return read_string(fp, lx, f, slot);
    case FIELD_REF:
        return read_ref(fp, lx, f, slot);
    case FIELD_SERVICES:
    case FIELD_REGIONS:
        return read_id_list(fp, lx, f, slot);
    case FIELD_YESNO:
        return read_yesno(fp, lx, f, slot);
    case FIELD_DATE:
        return read_date(fp, lx, f, slot);
    case FIELD_INT:
        return read_int(fp, lx, f, slot);
    case FIELD_PAGES:
        return read_pages(fp, lx, f, slot);
    case FIELD_CONDITION:
        return read_condition(fp, lx, f, slot);
    case FIELD_CARRIES:
        return read_carries(fp, lx, slot);
    case FIELD_STATUS:
        break;
    }
    return read_status(fp, lx, f, slot);
}

/*---- Value extents -------------------------------------------------------*/

/* Scans text[at..end) for strings and comments; returns whether the line
 * ends inside a string, and where that string opened. */
static int ends_in_string(const file_parser *fp, size_t at, size_t end,
                          int in_string, size_t *opened)
{
    size_t i;

    for(i = at; i < end; i++) {
        char c = fp->text[i];
        if(in_string && c == '\\' && i + 1 < end)
            i++;
        else if(c == '"') {
            in_string = !in_string;
            if(in_string)
                *opened = i;
        } else if(c == '#' && !in_string)
            break;
    }
    return in_string;
}

static int is_all_blank(const line_info *li)
{
    return li->indent == li->end - li->start;
}

/* Finds where a field's value ends: the key's line, then every line
 * indented deeper than the key, and the lines a string runs on to (which
 * must be indented deeper too). Sets `*last` to the value's last line, or
 * refuses an unterminated string at its opening quote. */
static imr_status value_extent(file_parser *fp, const line_info *key_line,
                               size_t value_start, line_info *last)
{
    line_info li = *key_line, next;
    size_t opened = 0;
    unsigned open_line = li.number, open_column = 0;
    int in_string = ends_in_string(fp, value_start, li.end, 0, &opened);

    if(in_string)
        open_column = (unsigned)(opened - li.start) + 1;
    *last = li;
    while(li.end < fp->len) {
        read_line_info(fp, li.end + 1, li.number + 1, &next);
        if(in_string &&
           (next.indent <= key_line->indent || is_all_blank(&next)))
            break;
        if(!in_string && next.is_blank) {
            li = next;
            continue;
        }
        if(!in_string && next.indent <= key_line->indent)
            break;
        li = next;
        *last = li;
        in_string = ends_in_string(fp, li.start, li.end, in_string, &opened);
        if(in_string && opened >= li.start) {
            open_line = li.number;
            open_column = (unsigned)(opened - li.start) + 1;
        }
    }
    if(in_string)
        return refuse(fp, open_line, open_column, "unterminated string");
    return IMR_OK;
}

static int value_is_empty(const file_parser *fp, size_t at, size_t end)
{
    while(at < end) {
        char c = fp->text[at];
        if(c == '#') {
            while(at < end && fp->text[at] != '\n')
                at++;
        } else if(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')
            at++;
        else
            return 0;
    }
    return 1;
}

/*---- Fields --------------------------------------------------------------*/

static const field_spec *find_field(const file_parser *fp, const kb_token *key,
                                    size_t *index)
{
    const field_spec *fields = blocks[fp->kind].fields;
    size_t i;

    for(i = 0; i < blocks[fp->kind].count; i++) {
        if(imr__kb_token_is(key, fields[i].key)) {
            *index = i;
            return &fields[i];
        }
    }
    return NULL;
}

static imr_status refuse_field(file_parser *fp, const kb_token *key)
{
    const char *words[MAX_FIELDS];
    const field_spec *fields = blocks[fp->kind].fields;
    size_t i, count = blocks[fp->kind].count;
    const char *hint;
    char what[64];

    if(key->kind != KB_TOK_NAME)
        return refuse_found(fp, key, "a field name");
    for(i = 0; i < count; i++)
        words[i] = fields[i].key;
    hint = imr__kb_suggest_among(words, count, key->start, key->len);
    imr__kb_token_describe(key, what, sizeof(what));
    if(hint)
        return imr__kb_refuse(fp->p.err, fp->p.file, key->line, key->column,
                              "unknown field %s in a %s (did you mean "
                              "\"%s\"?)",
                              what, blocks[fp->kind].keyword, hint);
    return imr__kb_refuse(fp->p.err, fp->p.file, key->line, key->column,
                          "unknown field %s in a %s", what,
                          blocks[fp->kind].keyword);
}

/* Parses the field starting on `li`; returns the offset after its value
 * in `*next_at` and the number of its last line in `*last_number`. */
static imr_status parse_field(file_parser *fp, const line_info *li,
                              size_t *next_at, unsigned *last_number)
{
    kb_lexer lx;
    kb_token key;
    const field_spec *f;
    line_info last;
    size_t index = 0, value_start;
    unsigned column = (unsigned)li->indent + 1;
    imr_status rc;

    imr__kb_lexer_init(&lx, &fp->p, fp->text + li->start + li->indent,
                       li->end - li->start - li->indent, li->number, column);
    rc = imr__kb_lex_word(&lx, &key);
    f = rc == IMR_OK ? find_field(fp, &key, &index) : NULL;
    if(rc == IMR_OK && !f)
        rc = refuse_field(fp, &key);
    if(rc != IMR_OK)
        return rc;
    if(fp->seen_line[index])
        return imr__kb_refuse(fp->p.err, fp->p.file, key.line, key.column,
                              "\"%s\" is given twice in this %s (first on "
                              "line %u)",
                              f->key, blocks[fp->kind].keyword,
                              fp->seen_line[index]);
    value_start = (size_t)(key.start - fp->text) + key.len;
    rc = value_extent(fp, li, value_start, &last);
    if(rc != IMR_OK)
        return rc;
    *next_at = last.end + 1;
    *last_number = last.number;
    if(value_is_empty(fp, value_start, last.end))
        return imr__kb_refuse(fp->p.err, fp->p.file, key.line, key.column,
                              "\"%s\" needs a value", f->key);
    fp->seen_line[index] = key.line;
    fp->seen_column[index] = key.column;
    imr__kb_lexer_init(&lx, &fp->p, fp->text + value_start,
                       last.end - value_start, key.line,
                       key.column + (unsigned)key.len);
    return read_value(fp, &lx, f, block_base(fp) + f->offset);
}

/*---- Blocks --------------------------------------------------------------*/

static void *grow(void *array, size_t *count, size_t *cap, size_t size)
{
    if(*count == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        array = imr_xrealloc(array, *cap * size);
    }
    memset((char *)array + *count * size, 0, size);
    (*count)++;
    return array;
}

static void start_block(file_parser *fp, block_kind kind, const char *id,
                        unsigned line, unsigned column)
{
    imr_kb *kb = fp->p.kb;

    fp->in_block = 1;
    fp->kind = kind;
    fp->block_id = id;
    fp->block_line = line;
    memset(fp->seen_line, 0, sizeof(fp->seen_line));
    memset(fp->seen_column, 0, sizeof(fp->seen_column));
    if(kind == BLOCK_GUIDELINE) {
        kb_guideline *g;
        kb->guidelines = grow(kb->guidelines, &kb->guideline_count,
                              &kb->guideline_cap, sizeof(*kb->guidelines));
        g = &kb->guidelines[kb->guideline_count - 1];
        g->pub.id = id;
        g->file = fp->p.file;
        g->line = line;
        g->column = column;
    } else if(kind == BLOCK_TOPIC) {
        kb_topic *t;
        kb->topics = grow(kb->topics, &kb->topic_count, &kb->topic_cap,
                          sizeof(*kb->topics));
        t = &kb->topics[kb->topic_count - 1];
        t->pub.id = id;
        t->pub.file = fp->p.file;
        t->pub.line = line;
        t->column = column;
        t->index = kb->topic_count - 1;
    } else {
        kb_criterion *c;
        kb->criteria = grow(kb->criteria, &kb->criterion_count,
                            &kb->criterion_cap, sizeof(*kb->criteria));
        c = &kb->criteria[kb->criterion_count - 1];
        c->pub.id = id;
        c->pub.file = fp->p.file;
        c->pub.line = line;
        c->column = column;
    }
}

static size_t field_index(const file_parser *fp, const char *key)
{
    size_t i;

    for(i = 0; i < blocks[fp->kind].count; i++) {
        if(strcmp(blocks[fp->kind].fields[i].key, key) == 0)
            break;
    }
    IMR_ASSERT(i < blocks[fp->kind].count);
    return i;
}

/* A field that only means something beside "carries" (what the carried
 * topics become), found without it: alone it would read as a claim about
 * topics that do not take it. */
static imr_status refuse_without_carries(file_parser *fp, size_t field,
                                         const char *what)
{
    return imr__kb_refuse(fp->p.err, fp->p.file, fp->seen_line[field],
                          fp->seen_column[field],
                          "%s, and this one has no \"carries\"", what);
}

static imr_status finish_guideline(file_parser *fp)
{
    kb_guideline *g = (kb_guideline *)block_base(fp);
    size_t ends = field_index(fp, "ends"), status = field_index(fp, "status");
    size_t carries = field_index(fp, "carries");
    size_t pages = field_index(fp, "carried_pages");

    if(g->pub.ends && strcmp(g->pub.ends, g->pub.effective) < 0)
        return imr__kb_refuse(fp->p.err, fp->p.file, fp->seen_line[ends],
                              fp->seen_column[ends],
                              "\"ends\" (%s) is before \"effective\" (%s)",
                              g->pub.ends, g->pub.effective);
    if(fp->seen_line[pages] && !fp->seen_line[carries])
        return refuse_without_carries(
            fp, pages,
            "\"carried_pages\" says whether the topics a guideline carries "
            "keep their pages");
    if(fp->seen_line[status] && !fp->seen_line[carries])
        return refuse_without_carries(
            fp, status,
            "\"status\" in a guideline is the status of the criteria it "
            "carries");
    if(!fp->seen_line[pages])
        g->carried_pages = 1;
    return IMR_OK;
}

/* Checks the fields a block needs once it has ended. */
static imr_status finish_block(file_parser *fp)
{
    const field_spec *fields = blocks[fp->kind].fields;
    size_t i;

    if(!fp->in_block)
        return IMR_OK;
    fp->in_block = 0;
    for(i = 0; i < blocks[fp->kind].count; i++) {
        if(fields[i].is_required && !fp->seen_line[i])
            return imr__kb_refuse(fp->p.err, fp->p.file, fp->block_line, 1,
                                  "%s \"%s\" has no \"%s\"",
                                  blocks[fp->kind].keyword, fp->block_id,
                                  fields[i].key);
    }
    if(fp->kind == BLOCK_GUIDELINE)
        return finish_guideline(fp);
    return IMR_OK;
}

static imr_status refuse_keyword(file_parser *fp, const kb_token *tok)
{
    static const char *const words[] = {"guideline", "topic", "criterion"};
    const char *hint = NULL;
    char what[64];

    if(tok->kind == KB_TOK_NAME)
        hint = imr__kb_suggest_among(words, 3, tok->start, tok->len);
    imr__kb_token_describe(tok, what, sizeof(what));
    if(hint)
        return imr__kb_refuse(fp->p.err, fp->p.file, tok->line, tok->column,
                              "expected \"guideline\", \"topic\" or "
                              "\"criterion\", found %s (did you mean "
                              "\"%s\"?)",
                              what, hint);
    return imr__kb_refuse(fp->p.err, fp->p.file, tok->line, tok->column,
                          "expected \"guideline\", \"topic\" or "
                          "\"criterion\", found %s",
                          what);
}

static imr_status parse_header(file_parser *fp, const line_info *li)
{
    kb_lexer lx;
    kb_token keyword, name;
    block_kind kind;
    char expected[64];
    imr_status rc = finish_block(fp);

    if(rc != IMR_OK)
        return rc;
    imr__kb_lexer_init(&lx, &fp->p, fp->text + li->start, li->end - li->start,
                       li->number, 1);
    rc = imr__kb_lex_word(&lx, &keyword);
    if(rc != IMR_OK)
        return rc;
    for(kind = BLOCK_GUIDELINE; kind <= BLOCK_CRITERION; kind++) {
        if(imr__kb_token_is(&keyword, blocks[kind].keyword))
            break;
    }
    if(kind > BLOCK_CRITERION)
        return refuse_keyword(fp, &keyword);
    rc = read_name(fp, &lx, &name);
    if(rc != IMR_OK)
        return rc;
    snprintf(expected, sizeof(expected), "the line after the %s name",
             blocks[kind].keyword);
    start_block(fp, kind, token_copy(fp, &name), li->number, name.column);
    return expect_end_of(fp, &lx, expected);
}

static imr_status parse_lines(file_parser *fp)
{
    size_t at = 0;
    unsigned number = 0;
    imr_status rc = IMR_OK;

    while(rc == IMR_OK && at < fp->len) {
        line_info li;
        read_line_info(fp, at, ++number, &li);
        at = li.end + 1;
        if(li.is_blank)
            continue;
        if(li.indent == 0)
            rc = parse_header(fp, &li);
        else if(!fp->in_block)
            rc = refuse(fp, li.number, (unsigned)li.indent + 1,
                        "a field outside a block (blocks start with "
                        "guideline, topic or criterion at the start of a "
                        "line)");
        else
            rc = parse_field(fp, &li, &at, &number);
    }
    return rc == IMR_OK ? finish_block(fp) : rc;
}

imr_status imr__kb_parse_text(imr_kb *kb, const char *name, const char *text,
                              size_t len, imr_error *err)
{
    file_parser fp;

    IMR_ASSERT(!kb->is_linked);
    memset(&fp, 0, sizeof(fp));
    fp.p.kb = kb;
    fp.p.file = imr_arena_strdup(kb->arena, name);
    fp.p.err = err;
    fp.text = text;
    fp.len = len;
    /* The length keeps files apart: moving a line across a file boundary
     * changes the version. */
    kb->hash = imr__kb_hash_length(kb->hash, len);
    kb->hash = imr__kb_fnv1a(kb->hash, text, len);
    return parse_lines(&fp);
}
