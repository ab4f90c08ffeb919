/* SPDX-License-Identifier: MIT */
/* ConText (Harkema et al., 2009): whether a mention in a sentence is
 * negated, possible, historical, hypothetical or someone else's, judged
 * from trigger phrases whose scopes reach it. The phrases are data in
 * the .tsv files of kb/context/, whose headers describe their format. */
#include "imr/extract.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract_int.h"

enum { MAX_FIELDS = 5, MAX_FILE_BYTES = 4 << 20, MAX_PHRASES = 60000 };

static const char *const category_names[IMR__CTX_CATEGORIES] = {
    "negated", "possible", "historical", "hypothetical", "other"};

/*---- Names -------------------------------------------------------------*/

const char *imr_polarity_name(imr_polarity p)
{
    switch(p) {
    case IMR_POLARITY_NEGATED:
        return "negated";
    case IMR_POLARITY_POSSIBLE:
        return "possible";
    case IMR_POLARITY_AFFIRMED:
        break;
    }
    return "affirmed";
}

const char *imr_temporality_name(imr_temporality t)
{
    switch(t) {
    case IMR_TEMPORALITY_HISTORICAL:
        return "historical";
    case IMR_TEMPORALITY_HYPOTHETICAL:
        return "hypothetical";
    case IMR_TEMPORALITY_RECENT:
        break;
    }
    return "recent";
}

const char *imr_experiencer_name(imr_experiencer e)
{
    return e == IMR_EXPERIENCER_OTHER ? "other" : "patient";
}

/*---- Tokens ------------------------------------------------------------*/

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int is_word_byte(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* Each byte as a token sees it: white space, part of a word (as
 * is_word_byte says) or a mark of its own. One look-up, as every byte of
 * every prepared sentence is classed here. */
enum { BYTE_SPACE, BYTE_WORD, BYTE_MARK };

static const unsigned char byte_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2,
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2,
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

size_t imr__ctx_tokenize(const char *s, size_t len, imr__ctx_token *out,
                         size_t cap)
{
    size_t i = 0, n = 0;
    unsigned words = 0;

    IMR_ASSERT(len <= UINT16_MAX);
    while(i < len && n < cap) {
        size_t start = i;
        int c = byte_class[(unsigned char)s[i]];
        if(c == BYTE_SPACE) {
            i++;
            continue;
        }
        i++;
        if(c == BYTE_WORD) {
            while(i < len && byte_class[(unsigned char)s[i]] == BYTE_WORD)
                i++;
        }
        out[n].offset = (uint16_t)start;
        out[n].length = (uint16_t)(i - start);
        out[n].words = (uint16_t)words;
        out[n].match = 0;
        words += c == BYTE_WORD ? 1u : 0u;
        n++;
    }
    return n;
}

static int is_word_token(const char *base, const imr__ctx_token *t)
{
    return is_word_byte((unsigned char)base[t->offset]);
}

/* FNV-1a of the lower-cased bytes. */
static uint32_t hash_lower(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for(i = 0; i < len; i++) {
        h ^= (uint32_t)lower((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

/* A phrase token is already lower case. */
static int token_is(const char *base, const imr__ctx_token *t,
                    const imr__ctx_word *w)
{
    size_t i;

    if(t->length != w->len)
        return 0;
    for(i = 0; i < w->len; i++) {
        if(lower((unsigned char)base[t->offset + i]) != w->s[i])
            return 0;
    }
    return 1;
}

/* The bit of rules->head_shapes for a token of `len` bytes. */
static uint32_t shape_bit(size_t len)
{
    return (uint32_t)1 << (len < 31 ? len : 31);
}

/* False when no phrase starts with the token: no first token starts with
 * its byte at its length. */
static int may_head(const imr_context_rules *rules, const char *base,
                    const imr__ctx_token *t)
{
    return (rules->head_shapes[lower((unsigned char)base[t->offset])] &
            shape_bit(t->length)) != 0;
}

static const imr__ctx_head *find_head(const imr_context_rules *rules,
                                      const char *base, const imr__ctx_token *t)
{
    size_t slot;

    if(!may_head(rules, base, t))
        return NULL;
    slot = hash_lower(base + t->offset, t->length) & rules->slot_mask;

    while(rules->slots[slot]) {
        const imr__ctx_head *head = &rules->heads[rules->slots[slot] - 1];
        const imr__ctx_phrase *ph = &rules->phrases[head->first];
        if(token_is(base, t, &rules->tokens[ph->first_token]))
            return head;
        slot = (slot + 1) & rules->slot_mask;
    }
    return NULL;
}

static int phrase_fits(const imr_context_rules *rules,
                       const imr__ctx_phrase *ph, const char *base,
                       const imr__ctx_token *tokens, size_t count)
{
    size_t k;

    if(ph->token_count > count)
        return 0;
    for(k = 1; k < ph->token_count; k++) {
        if(!token_is(base, &tokens[k], &rules->tokens[ph->first_token + k]))
            return 0;
    }
    return 1;
}

/* Notes that a phrase of `need` tokens fitted: in fewer tokens it would
 * not have, and the match could differ. A phrase that did not fit in all
 * the tokens fits in none of their prefixes, so it needs no note. */
static void note_reach(unsigned *reach, size_t need)
{
    if(need > *reach)
        *reach = (unsigned)need;
}

/* True when a pseudo-trigger or a backward trigger starts inside the
 * phrase's tokens and runs past their end. */
static int overlapped(const imr_context_rules *rules, const imr__ctx_phrase *ph,
                      const char *base, const imr__ctx_token *tokens,
                      size_t count, unsigned *reach)
{
    size_t k;

    for(k = 1; k < ph->token_count; k++) {
        const imr__ctx_head *head = find_head(rules, base, &tokens[k]);
        uint32_t i;
        if(!head)
            continue;
        for(i = head->first; i < head->first + head->count; i++) {
            const imr__ctx_phrase *other = &rules->phrases[i];
            if(!(other->pseudo || other->backward) ||
               other->token_count <= ph->token_count - k)
                continue;
            if(phrase_fits(rules, other, base, tokens + k, count - k)) {
                note_reach(reach, k + other->token_count);
                return 1;
            }
        }
    }
    return 0;
}

/* imr__ctx_match for the phrases of one head. `reach` gets the most
 * tokens the answer depended on: with `count` cut to any number from
 * there up, the answer is the same. */
static unsigned match_head(const imr_context_rules *rules,
                           const imr__ctx_head *head, const char *base,
                           const imr__ctx_token *tokens, size_t count,
                           unsigned *reach)
{
    uint32_t i;

    for(i = head->first; i < head->first + head->count; i++) {
        const imr__ctx_phrase *ph = &rules->phrases[i];
        if(!phrase_fits(rules, ph, base, tokens, count))
            continue;
        note_reach(reach, ph->token_count);
        if(ph->may_yield && overlapped(rules, ph, base, tokens, count, reach))
            continue;
        return (unsigned)i + 1;
    }
    return 0;
}

/* A phrase gives way to a pseudo-trigger or a backward trigger that
 * starts inside it and runs past its end, so "there is no" never hides
 * "no increase" nor "is not" hides "not documented". Only phrases marked
 * at load time can be overlapped. */
unsigned imr__ctx_match(const imr_context_rules *rules, const char *base,
                        const imr__ctx_token *tokens, size_t count)
{
    const imr__ctx_head *head;
    unsigned reach = 0;

    if(count == 0)
        return 0;
    head = find_head(rules, base, &tokens[0]);
    return head ? match_head(rules, head, base, tokens, count, &reach) : 0;
}

/*---- Loading: lines ----------------------------------------------------*/

typedef imr_field field;

/* One line of a lexicon, checked. */
typedef struct entry {
    const char *text; /* normalized: lower case, tokens joined by a space */
    uint16_t token_count;
    uint8_t forward, backward, ends, pseudo;
    uint8_t sets; /* the categories this entry says something about */
    uint8_t window[IMR__CTX_CATEGORIES];
    unsigned file, line, column;
} entry;

typedef struct loader {
    imr_context_rules *rules;
    imr_error *err;
    char dir[4096];
    char **names; /* the lexicon files, sorted */
    size_t name_count;
    unsigned file, line;
    entry *entries;
    size_t entry_count, entry_cap;
} loader;

static imr_status fail_at(loader *ld, unsigned file, unsigned line,
                          unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Refuses the input at file:line:column; column 0 means the whole line. */
static imr_status fail_at(loader *ld, unsigned file, unsigned line,
                          unsigned column, const char *fmt, ...)
{
    char path[4400];
    va_list ap;

    va_start(ap, fmt);
    imr_error_vset(ld->err, IMR_EINPUT, fmt, ap);
    va_end(ap);
    if(ld->err) {
        ld->err->line = line;
        ld->err->column = column;
        snprintf(path, sizeof(path), "%s/%s", ld->dir, ld->names[file]);
        imr_error_name_file(ld->err, path);
    }
    return IMR_EINPUT;
}


static int field_is(const field *f, const char *word)
{
    return strlen(word) == f->len && memcmp(word, f->text, f->len) == 0;
}

static int category_bit(const char *s, size_t len)
{
    size_t i;

    for(i = 0; i < IMR__CTX_CATEGORIES; i++) {
        if(strlen(category_names[i]) == len &&
           memcmp(category_names[i], s, len) == 0)
            return 1 << i;
    }
    return 0;
}

/* The lower-cased tokens of a phrase joined by single spaces, in the
 * rules' arena. */
static imr_status read_phrase(loader *ld, const field *f, entry *e)
{
    imr__ctx_token tokens[IMR__CTX_MAX_TOKENS + 1];
    char text[IMR__CTX_MAX_PHRASE * 2 + 1];
    size_t i, n, k, used = 0;

    if(f->len > IMR__CTX_MAX_PHRASE)
        return fail_at(ld, ld->file, ld->line, f->column,
                       "phrase \"%.*s\" is longer than %d bytes", (int)f->len,
                       f->text, IMR__CTX_MAX_PHRASE);
    for(i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if(c < 0x20 || c >= 0x7f)
            return fail_at(ld, ld->file, ld->line, f->column + (unsigned)i,
                           "phrase \"%.*s\" should be plain ASCII text",
                           (int)f->len, f->text);
    }
    n = imr__ctx_tokenize(f->text, f->len, tokens, IMR__CTX_MAX_TOKENS + 1);
    if(n > IMR__CTX_MAX_TOKENS)
        return fail_at(ld, ld->file, ld->line, f->column,
                       "phrase \"%.*s\" has more than %d words and marks",
                       (int)f->len, f->text, IMR__CTX_MAX_TOKENS);
    for(k = 0; k < n; k++) {
        if(k)
            text[used++] = ' ';
        for(i = 0; i < tokens[k].length; i++)
            text[used++] =
                (char)lower((unsigned char)f->text[tokens[k].offset + i]);
    }
    e->text = imr_arena_strndup(ld->rules->arena, text, used);
    e->token_count = (uint16_t)n;
    return IMR_OK;
}

static imr_status read_direction(loader *ld, const field *f, int bit, entry *e)
{
    if(field_is(f, "forward") || field_is(f, "both"))
        e->forward = (uint8_t)bit;
    if(field_is(f, "backward") || field_is(f, "both"))
        e->backward = (uint8_t)bit;
    if(!e->forward && !e->backward)
        return fail_at(ld, ld->file, ld->line, f->column,
                       "expected a direction, \"forward\", \"backward\" or "
                       "\"both\", found \"%.*s\"",
                       (int)f->len, f->text);
    e->sets = (uint8_t)bit;
    return IMR_OK;
}

/* "all", or categories separated by commas. */
static imr_status read_targets(loader *ld, const field *f, entry *e)
{
    const char *p = f->text, *end = f->text + f->len;

    if(field_is(f, "all")) {
        e->sets = IMR__CTX_ALL;
        return IMR_OK;
    }
    for(;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        const char *s = p;
        size_t len = (size_t)(stop - p);
        int bit;

        imr_text_trim(&s, &len);
        bit = category_bit(s, len);
        if(!bit)
            return fail_at(ld, ld->file, ld->line,
                           f->column + (unsigned)(s - f->text),
                           "expected \"all\" or categories separated by "
                           "commas (negated, possible, historical, "
                           "hypothetical, other), found \"%.*s\"",
                           (int)len, s);
        e->sets = (uint8_t)(e->sets | bit);
        if(!comma)
            return IMR_OK;
        p = comma + 1;
    }
}

static imr_status read_window(loader *ld, const field *f, entry *e)
{
    unsigned long value = 0;
    size_t i;

    for(i = 0; i < f->len && i < 3; i++) {
        if(f->text[i] < '0' || f->text[i] > '9')
            break;
        value = value * 10 + (unsigned long)(f->text[i] - '0');
    }
    if(i == 0 || i < f->len || value < 1 || value > IMR__CTX_MAX_WINDOW)
        return fail_at(ld, ld->file, ld->line, f->column,
                       "expected a window of 1 to %d words, found \"%.*s\"",
                       IMR__CTX_MAX_WINDOW, (int)f->len, f->text);
    for(i = 0; i < IMR__CTX_CATEGORIES; i++) {
        if(e->sets & (1 << i))
            e->window[i] = (uint8_t)value;
    }
    return IMR_OK;
}

static imr_status read_roles(loader *ld, const field *f, size_t count, entry *e)
{
    int bit = category_bit(f[1].text, f[1].len);
    int is_pseudo = field_is(&f[1], "pseudo");

    if(bit) {
        if(read_direction(ld, &f[2], bit, e) != IMR_OK)
            return IMR_EINPUT;
        return count == 4 ? read_window(ld, &f[3], e) : IMR_OK;
    }
    if(!is_pseudo && !field_is(&f[1], "termination"))
        return fail_at(ld, ld->file, ld->line, f[1].column,
                       "expected a category, \"negated\", \"possible\", "
                       "\"historical\", \"hypothetical\", \"other\", "
                       "\"pseudo\" or \"termination\", found \"%.*s\"",
                       (int)f[1].len, f[1].text);
    if(count == 4)
        return fail_at(ld, ld->file, ld->line, f[3].column,
                       "a %.*s entry has no window, found \"%.*s\"",
                       (int)f[1].len, f[1].text, (int)f[3].len, f[3].text);
    if(read_targets(ld, &f[2], e) != IMR_OK)
        return IMR_EINPUT;
    e->ends = e->sets;
    e->pseudo = is_pseudo ? e->sets : 0;
    return IMR_OK;
}

static entry *new_entry(loader *ld)
{
    entry *e;

    if(ld->entry_count == ld->entry_cap) {
        ld->entry_cap = ld->entry_cap ? ld->entry_cap * 2 : 256;
        ld->entries =
            imr_xrealloc(ld->entries, ld->entry_cap * sizeof(*ld->entries));
    }
    e = &ld->entries[ld->entry_count];
    memset(e, 0, sizeof(*e));
    return e;
}

static imr_status read_line(loader *ld, const char *line, size_t len)
{
    field f[MAX_FIELDS];
    size_t count = imr_text_split_fields(line, len, f, MAX_FIELDS);
    entry *e;

    if(count == 0 || f[0].text[0] == '#')
        return IMR_OK;
    if(line[0] == '\t')
        return fail_at(ld, ld->file, ld->line, 1,
                       "expected a phrase at the start of the line, found a "
                       "tab (an empty phrase)");
    if(count < 3 || count > 4)
        return fail_at(ld, ld->file, ld->line,
                       count > 4 ? f[4].column : (unsigned)len + 1,
                       "expected 3 or 4 tab-separated fields (PHRASE "
                       "CATEGORY DIRECTION [WINDOW]), found %zu",
                       count);
    e = new_entry(ld);
    e->file = ld->file;
    e->line = ld->line;
    e->column = f[0].column;
    if(read_phrase(ld, &f[0], e) != IMR_OK ||
       read_roles(ld, f, count, e) != IMR_OK)
        return IMR_EINPUT;
    ld->entry_count++;
    return IMR_OK;
}

static imr_status read_text(loader *ld, const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    const char *nul = memchr(data, '\0', len);

    if(nul) {
        ld->line = 1;
        for(p = data; p < nul; p++)
            ld->line += *p == '\n';
        return fail_at(ld, ld->file, ld->line, 0, "unexpected NUL byte");
    }
    ld->line = 0;
    p = data;
    while(p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        size_t n = (size_t)(stop - p);
        if(n && p[n - 1] == '\r')
            n--;
        ld->line++;
        if(read_line(ld, p, n) != IMR_OK)
            return IMR_EINPUT;
        p = nl ? nl + 1 : end;
    }
    return IMR_OK;
}

/*---- Loading: files ----------------------------------------------------*/

static int compare_names(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

static int is_lexicon_name(const char *name)
{
    size_t len = strlen(name);
    return name[0] != '.' && len > 4 && strcmp(name + len - 4, ".tsv") == 0;
}

/* Lists the *.tsv files of the folder, sorted so that loading (and which
 * of two duplicates is blamed) never depends on the file system. */
static imr_status list_lexicons(loader *ld)
{
    struct dirent *d;
    size_t cap = 0;
    DIR *dir = opendir(ld->dir);

    if(!dir)
        return imr_error_set(ld->err, IMR_EIO, "cannot open \"%s\": %s",
                             ld->dir, strerror(errno));
    for(d = readdir(dir); d; d = readdir(dir)) {
        if(!is_lexicon_name(d->d_name))
            continue;
        if(ld->name_count == cap) {
            cap = cap ? cap * 2 : 8;
            ld->names = imr_xrealloc(ld->names, cap * sizeof(*ld->names));
        }
        ld->names[ld->name_count++] = imr_xstrdup(d->d_name);
    }
    closedir(dir);
    if(ld->name_count == 0)
        return imr_error_set(ld->err, IMR_EINPUT,
                             "\"%s\": no lexicon (*.tsv) to load", ld->dir);
    qsort(ld->names, ld->name_count, sizeof(*ld->names), compare_names);
    return IMR_OK;
}

static imr_status load_file(loader *ld, unsigned file)
{
    char path[4400];
    char *data = NULL;
    size_t len = 0;
    imr_status rc;

    snprintf(path, sizeof(path), "%s/%s", ld->dir, ld->names[file]);
    rc = imr_file_read(path, MAX_FILE_BYTES, &data, &len, ld->err);
    if(rc != IMR_OK)
        return rc;
    ld->file = file;
    rc = read_text(ld, data, len);
    free(data);
    return rc;
}

/*---- Loading: the index ------------------------------------------------*/

static int compare_entries(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcmp(a->text, b->text);

    if(c)
        return c;
    if(a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static const char *first_category(unsigned bits)
{
    size_t i;

    for(i = 0; i < IMR__CTX_CATEGORIES; i++) {
        if(bits & (1u << i))
            return category_names[i];
    }
    return "?";
}

static void add_roles(imr__ctx_phrase *ph, const entry *e)
{
    size_t i;

    ph->forward = (uint8_t)(ph->forward | e->forward);
    ph->backward = (uint8_t)(ph->backward | e->backward);
    ph->ends = (uint8_t)(ph->ends | e->ends);
    ph->pseudo = (uint8_t)(ph->pseudo | e->pseudo);
    for(i = 0; i < IMR__CTX_CATEGORIES; i++) {
        if(e->sets & (1 << i))
            ph->window[i] = e->window[i];
    }
}

/* Merges the entries of one phrase; a phrase may say one thing about each
 * category, so "no" can be a negated trigger and end the scope of
 * historical ones, but not be listed twice as negated. */
static imr_status merge_entries(loader *ld)
{
    imr_context_rules *rules = ld->rules;
    size_t i, first = 0;
    unsigned seen = 0;

    if(ld->entry_count)
        qsort(ld->entries, ld->entry_count, sizeof(*ld->entries),
              compare_entries);
    rules->phrases = imr_xcalloc(ld->entry_count + 1, sizeof(*rules->phrases));
    for(i = 0; i < ld->entry_count; i++) {
        const entry *e = &ld->entries[i];
        imr__ctx_phrase *ph;
        if(i == 0 || strcmp(e->text, ld->entries[i - 1].text) != 0) {
            first = i;
            seen = 0;
            rules->phrase_count++;
        }
        if(seen & e->sets) {
            const entry *dup = &ld->entries[first];
            while(!(dup->sets & seen & e->sets))
                dup++;
            return fail_at(ld, e->file, e->line, e->column,
                           "\"%s\" is already listed for %s (%s:%u)", e->text,
                           first_category(seen & e->sets), ld->names[dup->file],
                           dup->line);
        }
        seen |= e->sets;
        ph = &rules->phrases[rules->phrase_count - 1];
        ph->text = e->text;
        ph->token_count = e->token_count;
        add_roles(ph, e);
    }
    if(rules->phrase_count > MAX_PHRASES)
        return imr_error_set(ld->err, IMR_ETOOBIG,
                             "\"%s\": more than %d phrases", ld->dir,
                             MAX_PHRASES);
    return IMR_OK;
}

static size_t first_token_len(const char *text)
{
    const char *space = strchr(text, ' ');
    return space ? (size_t)(space - text) : strlen(text);
}

/* By first token, then longest first, so a match tries the longest. */
static int compare_phrases(const void *pa, const void *pb)
{
    const imr__ctx_phrase *a = pa, *b = pb;
    size_t la = first_token_len(a->text), lb = first_token_len(b->text);
    int c = memcmp(a->text, b->text, la < lb ? la : lb);

    if(c)
        return c;
    if(la != lb)
        return la < lb ? -1 : 1;
    if(a->token_count != b->token_count)
        return a->token_count > b->token_count ? -1 : 1;
    return strcmp(a->text, b->text);
}

static void index_tokens(imr_context_rules *rules)
{
    imr__ctx_token toks[IMR__CTX_MAX_TOKENS];
    size_t i, k, total = 0;

    for(i = 0; i < rules->phrase_count; i++)
        total += rules->phrases[i].token_count;
    rules->tokens = imr_xcalloc(total + 1, sizeof(*rules->tokens));
    total = 0;
    for(i = 0; i < rules->phrase_count; i++) {
        imr__ctx_phrase *ph = &rules->phrases[i];
        size_t n = imr__ctx_tokenize(ph->text, strlen(ph->text), toks,
                                     IMR__CTX_MAX_TOKENS);
        IMR_ASSERT(n == ph->token_count);
        ph->first_token = (uint32_t)total;
        for(k = 0; k < n; k++) {
            rules->tokens[total].s = ph->text + toks[k].offset;
            rules->tokens[total].len = toks[k].length;
            total++;
        }
    }
}

static void index_heads(imr_context_rules *rules)
{
    size_t i, head_count = 0, slots = 16;

    rules->heads = imr_xcalloc(rules->phrase_count + 1, sizeof(*rules->heads));
    for(i = 0; i < rules->phrase_count; i++) {
        if(i == 0 ||
           first_token_len(rules->phrases[i].text) !=
               first_token_len(rules->phrases[i - 1].text) ||
           memcmp(rules->phrases[i].text, rules->phrases[i - 1].text,
                  first_token_len(rules->phrases[i].text)) != 0) {
            rules->heads[head_count].first = (uint32_t)i;
            head_count++;
        }
        rules->heads[head_count - 1].count++;
    }
    while(slots < head_count * 2)
        slots *= 2;
    rules->slots = imr_xcalloc(slots, sizeof(*rules->slots));
    rules->slot_mask = slots - 1;
    for(i = 0; i < head_count; i++) {
        const imr__ctx_word *w =
            &rules->tokens[rules->phrases[rules->heads[i].first].first_token];
        size_t slot = hash_lower(w->s, w->len) & rules->slot_mask;
        rules->head_shapes[lower((unsigned char)w->s[0])] |=
            shape_bit(w->len);
        while(rules->slots[slot])
            slot = (slot + 1) & rules->slot_mask;
        rules->slots[slot] = (uint32_t)i + 1;
    }
}

/* True when `other` is a pseudo-trigger or backward trigger that starts
 * with the tail toks[k..n) of a phrase and is longer than that tail. */
static int runs_on(const imr_context_rules *rules, const imr__ctx_phrase *other,
                   const char *text, const imr__ctx_token *toks, size_t k,
                   size_t n)
{
    size_t t;

    if(!(other->pseudo || other->backward) || other->token_count <= n - k)
        return 0;
    for(t = 1; t < n - k; t++) {
        if(!token_is(text, &toks[k + t],
                     &rules->tokens[other->first_token + t]))
            return 0;
    }
    return 1;
}

static int can_be_overlapped(const imr_context_rules *rules,
                             const imr__ctx_phrase *ph)
{
    imr__ctx_token toks[IMR__CTX_MAX_TOKENS];
    size_t n = imr__ctx_tokenize(ph->text, strlen(ph->text), toks,
                                 IMR__CTX_MAX_TOKENS);
    size_t k;

    for(k = 1; k < n; k++) {
        const imr__ctx_head *head = find_head(rules, ph->text, &toks[k]);
        uint32_t j;
        if(!head)
            continue;
        for(j = head->first; j < head->first + head->count; j++) {
            if(runs_on(rules, &rules->phrases[j], ph->text, toks, k, n))
                return 1;
        }
    }
    return 0;
}

/* Marks the phrases that a pseudo-trigger or backward trigger can
 * overlap, the only ones imr__ctx_match must check. */
static void mark_yielding(imr_context_rules *rules)
{
    size_t i;

    for(i = 0; i < rules->phrase_count; i++)
        rules->phrases[i].may_yield =
            (uint8_t)can_be_overlapped(rules, &rules->phrases[i]);
}

/* True when a trigger of one of `categories`, other than the phrase
 * itself, fits inside the phrase's own tokens. */
static int hides_trigger(const imr_context_rules *rules,
                         const imr__ctx_phrase *ph, unsigned categories)
{
    imr__ctx_token toks[IMR__CTX_MAX_TOKENS];
    size_t n = imr__ctx_tokenize(ph->text, strlen(ph->text), toks,
                                 IMR__CTX_MAX_TOKENS);
    size_t k;

    for(k = 0; k < n; k++) {
        const imr__ctx_head *head = find_head(rules, ph->text, &toks[k]);
        uint32_t i;
        if(!head)
            continue;
        for(i = head->first; i < head->first + head->count; i++) {
            const imr__ctx_phrase *other = &rules->phrases[i];
            if(other != ph &&
               ((other->forward | other->backward) & categories) &&
               phrase_fits(rules, other, ph->text, toks + k, n - k))
                return 1;
        }
    }
    return 0;
}

/* A pseudo-trigger exists to hide a trigger it contains ("no increase"
 * hides "no"); one that hides none is a mistake in the lexicon. */
static imr_status check_pseudo(loader *ld)
{
    const imr_context_rules *rules = ld->rules;
    size_t i, k;

    for(i = 0; i < rules->phrase_count; i++) {
        const imr__ctx_phrase *ph = &rules->phrases[i];
        if(!ph->pseudo || hides_trigger(rules, ph, ph->pseudo))
            continue;
        for(k = 0; k < ld->entry_count; k++) {
            const entry *e = &ld->entries[k];
            if(e->pseudo && strcmp(e->text, ph->text) == 0)
                return fail_at(ld, e->file, e->line, e->column,
                               "pseudo-trigger \"%s\" contains no %s "
                               "trigger, so it hides nothing",
                               ph->text, first_category(ph->pseudo));
        }
    }
    return IMR_OK;
}

static imr_status build_index(loader *ld)
{
    imr_context_rules *rules = ld->rules;

    if(merge_entries(ld) != IMR_OK)
        return ld->err ? ld->err->status : IMR_EINPUT;
    if(rules->phrase_count)
        qsort(rules->phrases, rules->phrase_count, sizeof(*rules->phrases),
              compare_phrases);
    index_tokens(rules);
    index_heads(rules);
    mark_yielding(rules);
    return check_pseudo(ld);
}

/*---- Loading: public ---------------------------------------------------*/

static void loader_fini(loader *ld)
{
    size_t i;

    for(i = 0; i < ld->name_count; i++)
        free(ld->names[i]);
    free(ld->names);
    free(ld->entries);
}

imr_status imr_context_rules_load(const char *kb_dir, imr_context_rules **out,
                                  imr_error *err)
{
    loader ld;
    imr_status rc;
    unsigned file;
    int n;

    IMR_ASSERT(kb_dir && out);
    memset(&ld, 0, sizeof(ld));
    ld.err = err;
    n = snprintf(ld.dir, sizeof(ld.dir), "%s/context", kb_dir);
    if(n < 0 || (size_t)n >= sizeof(ld.dir))
        return imr_error_set(err, IMR_EINPUT,
                             "knowledge-base path too long: \"%s\"", kb_dir);
    ld.rules = imr_xcalloc(1, sizeof(*ld.rules));
    ld.rules->arena = imr_arena_new();
    rc = list_lexicons(&ld);
    for(file = 0; rc == IMR_OK && file < ld.name_count; file++)
        rc = load_file(&ld, file);
    if(rc == IMR_OK)
        rc = build_index(&ld);
    loader_fini(&ld);
    if(rc != IMR_OK) {
        imr_context_rules_free(ld.rules);
        return rc;
    }
    *out = ld.rules;
    return IMR_OK;
}

void imr_context_rules_free(imr_context_rules *rules)
{
    if(!rules)
        return;
    imr_arena_free(rules->arena);
    free(rules->phrases);
    free(rules->tokens);
    free(rules->heads);
    free(rules->slots);
    free(rules);
}

/*---- Assessing: scopes -------------------------------------------------*/

enum { AXIS_POLARITY, AXIS_TIME, AXIS_EXPERIENCER, AXES };

static const unsigned axis_bits[AXES] = {
    IMR__CTX_NEGATED | IMR__CTX_POSSIBLE,
    IMR__CTX_HISTORICAL | IMR__CTX_HYPOTHETICAL, IMR__CTX_OTHER};

/* The text on one side of the mention, cut into tokens, with the phrases
 * that match marked on their first token. */
typedef struct side {
    const char *base; /* the sentence at base_offset */
    size_t base_offset;
    size_t count;
    unsigned words;
    imr__ctx_token tokens[IMR__CTX_SIDE_BYTES];
} side;

/* The trigger that reaches the mention on one axis from one side. */
typedef struct hit {
    unsigned category; /* one IMR__CTX_ bit; 0 when none */
    unsigned gap;      /* words between the trigger and the mention */
    imr_span span;     /* in the sentence */
} hit;

static void cut_side(side *s, const char *sentence, size_t from, size_t to)
{
    s->base = sentence + from;
    s->base_offset = from;
    s->count =
        imr__ctx_tokenize(s->base, to - from, s->tokens, IMR__CTX_SIDE_BYTES);
    s->words = s->count ? s->tokens[s->count - 1].words +
                              (unsigned)is_word_token(s->base,
                                                      &s->tokens[s->count - 1])
                        : 0;
}

static void mark_matches(const imr_context_rules *rules, side *s)
{
    size_t i = 0;

    while(i < s->count) {
        unsigned m =
            imr__ctx_match(rules, s->base, s->tokens + i, s->count - i);
        if(!m) {
            i++;
            continue;
        }
        s->tokens[i].match = (uint16_t)m;
        i += rules->phrases[m - 1].token_count;
    }
}

static unsigned axes_of(unsigned categories)
{
    unsigned a, bits = 0;

    for(a = 0; a < AXES; a++) {
        if(categories & axis_bits[a])
            bits |= axis_bits[a];
    }
    return bits;
}

static unsigned highest_bit(unsigned bits)
{
    unsigned b = 1u << (IMR__CTX_CATEGORIES - 1);

    while(b && !(bits & b))
        b >>= 1;
    return b;
}

static unsigned bit_index(unsigned bit)
{
    unsigned i = 0;

    while(bit > 1) {
        bit >>= 1;
        i++;
    }
    return i;
}

/* Records what the phrase at `first` triggers toward the mention, on
 * each axis not yet decided or blocked. On one phrase, the more uncertain
 * category wins ("possible" over "negated"). Token offsets count from
 * base_offset in the sentence. */
static void fire(const imr__ctx_phrase *ph, unsigned triggers, unsigned gap,
                 const imr__ctx_token *first, size_t base_offset, hit *hits)
{
    unsigned a;

    for(a = 0; a < AXES; a++) {
        unsigned bit = highest_bit(triggers & axis_bits[a]);
        unsigned window;
        const imr__ctx_token *last;
        if(!bit || hits[a].category)
            continue;
        window = ph->window[bit_index(bit)];
        if(window && gap >= window)
            continue;
        last = first + ph->token_count - 1;
        hits[a].category = bit;
        hits[a].gap = gap;
        hits[a].span.offset = base_offset + first->offset;
        hits[a].span.length =
            (size_t)(last->offset + last->length - first->offset);
    }
}

/* Forward triggers before the mention, nearest first. Any trigger ends
 * the scopes of the farther triggers on its axes, as do pseudo-triggers
 * and terminations on theirs. */
static void scan_before(const imr_context_rules *rules, const side *s,
                        hit *hits)
{
    unsigned blocked = 0;
    size_t i = s->count;

    while(i-- > 0 && blocked != IMR__CTX_ALL) {
        const imr__ctx_phrase *ph;
        size_t end;
        unsigned gap;
        if(!s->tokens[i].match)
            continue;
        ph = &rules->phrases[s->tokens[i].match - 1];
        end = i + ph->token_count;
        gap = s->words - (end < s->count ? s->tokens[end].words : s->words);
        fire(ph, ph->forward & ~blocked, gap, &s->tokens[i], s->base_offset,
             hits);
        blocked |= ph->ends | axes_of(ph->forward | ph->backward);
    }
}

/* Backward triggers after the mention, nearest first. */
static void scan_after(const imr_context_rules *rules, const side *s, hit *hits)
{
    unsigned blocked = 0;
    size_t i;

    for(i = 0; i < s->count && blocked != IMR__CTX_ALL; i++) {
        const imr__ctx_phrase *ph;
        if(!s->tokens[i].match)
            continue;
        ph = &rules->phrases[s->tokens[i].match - 1];
        fire(ph, ph->backward & ~blocked, s->tokens[i].words, &s->tokens[i],
             s->base_offset, hits);
        blocked |= ph->ends | axes_of(ph->forward | ph->backward);
    }
}

/* Of the two sides, the nearer trigger wins; at equal distance, the more
 * uncertain category. */
static const hit *choose(const hit *before, const hit *after)
{
    if(!before->category)
        return after;
    if(!after->category)
        return before;
    if(before->gap != after->gap)
        return before->gap < after->gap ? before : after;
    return before->category > after->category ? before : after;
}

/*---- Assessing: public -------------------------------------------------*/

/* The bytes read before the mention start at a word boundary. */
static size_t side_start(const char *sentence, size_t offset)
{
    size_t from =
        offset > IMR__CTX_SIDE_BYTES ? offset - IMR__CTX_SIDE_BYTES : 0;

    if(from > 0 && is_word_byte((unsigned char)sentence[from - 1])) {
        while(from < offset && is_word_byte((unsigned char)sentence[from]))
            from++;
    }
    return from;
}

/* The bytes read after the mention end at a word boundary. */
static size_t side_end(const char *sentence, size_t len, size_t end)
{
    size_t to =
        len - end > IMR__CTX_SIDE_BYTES ? end + IMR__CTX_SIDE_BYTES : len;

    if(to < len && is_word_byte((unsigned char)sentence[to])) {
        while(to > end && is_word_byte((unsigned char)sentence[to - 1]))
            to--;
    }
    return to;
}

static void set_result(const hit *hits, imr_context *out)
{
    const hit *p = &hits[AXIS_POLARITY], *t = &hits[AXIS_TIME];

    if(p->category) {
        out->polarity = p->category == IMR__CTX_POSSIBLE ? IMR_POLARITY_POSSIBLE
                                                         : IMR_POLARITY_NEGATED;
        out->polarity_trigger = p->span;
    }
    if(t->category) {
        out->temporality = t->category == IMR__CTX_HYPOTHETICAL
                               ? IMR_TEMPORALITY_HYPOTHETICAL
                               : IMR_TEMPORALITY_HISTORICAL;
        out->temporality_trigger = t->span;
    }
    if(hits[AXIS_EXPERIENCER].category) {
        out->experiencer = IMR_EXPERIENCER_OTHER;
        out->experiencer_trigger = hits[AXIS_EXPERIENCER].span;
    }
}

void imr_context_assess(const imr_context_rules *rules, const char *sentence,
                        size_t len, imr_span concept, imr_context *out)
{
    side s;
    hit before[AXES], after[AXES], chosen[AXES];
    size_t start, end, a;

    IMR_ASSERT(rules && out && (sentence || len == 0));
    memset(out, 0, sizeof(*out));
    if(len == 0 || concept.offset > len)
        return;
    memset(before, 0, sizeof(before));
    memset(after, 0, sizeof(after));
    start = concept.offset;
    end = concept.length < len - start ? start + concept.length : len;

    cut_side(&s, sentence, side_start(sentence, start), start);
    mark_matches(rules, &s);
    scan_before(rules, &s, before);
    cut_side(&s, sentence, end, side_end(sentence, len, end));
    mark_matches(rules, &s);
    scan_after(rules, &s, after);
    for(a = 0; a < AXES; a++)
        chosen[a] = *choose(&before[a], &after[a]);
    set_result(chosen, out);
}

/*---- Judging a prepared sentence ---------------------------------------*/

/* The word tokens before token i, for i up to the count. */
static unsigned words_before(const imr_context_sentence *cs, size_t i)
{
    return i < cs->_count ? cs->_tokens[i].words : cs->_words;
}

/* The first token at or after byte `offset`. */
static size_t token_at(const imr_context_sentence *cs, size_t offset)
{
    size_t lo = 0, hi = cs->_count;

    while(lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if(cs->_tokens[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* True when the byte offset cuts a word in two: the side of a mention
 * then ends in part of a word, which the prepared tokens do not have. */
static int cuts_word(const char *s, size_t len, size_t offset)
{
    return offset > 0 && offset < len &&
           is_word_byte((unsigned char)s[offset - 1]) &&
           is_word_byte((unsigned char)s[offset]);
}

void imr_context_prepare(const imr_context_rules *rules, const char *sentence,
                         size_t len, imr_context_sentence *out)
{
    size_t i, n, next;

    IMR_ASSERT(rules && out && (sentence || len == 0));
    out->_rules = rules;
    out->_text = sentence;
    out->_len = len;
    out->_count = 0;
    out->_words = 0;
    /* A sentence that fills the array may have had tokens left over. */
    out->_whole = len <= UINT16_MAX;
    if(!out->_whole)
        return;
    n = imr__ctx_tokenize(sentence, len, out->_tokens,
                          IMR_CONTEXT_SENTENCE_TOKENS);
    if(n == IMR_CONTEXT_SENTENCE_TOKENS) {
        out->_whole = 0;
        return;
    }
    out->_count = n;
    if(n)
        out->_words = out->_tokens[n - 1].words +
                      (unsigned)is_word_token(sentence, &out->_tokens[n - 1]);
    for(i = 0; i < n; i++) {
        /* may_head first: most tokens start no phrase, and so cost no
         * call */
        const imr__ctx_head *head =
            may_head(rules, sentence, &out->_tokens[i])
                ? find_head(rules, sentence, &out->_tokens[i])
                : NULL;
        unsigned reach = 0;
        out->_tokens[i].match =
            head ? (uint16_t)match_head(rules, head, sentence,
                                        out->_tokens + i, n - i, &reach)
                 : 0;
        out->_reach[i] = (uint8_t)reach;
    }
    next = n;
    for(i = n; i-- > 0;) {
        if(out->_reach[i])
            next = i;
        out->_next_fit[i] = (uint16_t)next;
    }
}

/* The phrase that starts at token i of a side that ends before token
 * `end`: the sentence's, unless the side cuts what the match read. */
static unsigned match_in_side(const imr_context_sentence *cs, size_t i,
                              size_t end)
{
    if(end - i >= cs->_reach[i])
        return cs->_tokens[i].match;
    return imr__ctx_match(cs->_rules, cs->_text, cs->_tokens + i, end - i);
}

/* The next trigger at or after token *i in the side that ends before
 * token `end`, as mark_matches finds it: returns 1 + its phrase, with *i
 * on its first token, or 0 at the end of the side. Tokens where no phrase
 * fits are skipped at once. */
static unsigned next_trigger(const imr_context_sentence *cs, size_t *i,
                             size_t end)
{
    while(*i < end) {
        size_t j = cs->_next_fit[*i];
        unsigned m;
        if(j >= end)
            break;
        m = match_in_side(cs, j, end);
        *i = j;
        if(m)
            return m;
        (*i)++;
    }
    return 0;
}

/* scan_before on the tokens [first, end) of the sentence. */
static void judge_before(const imr_context_sentence *cs, size_t first,
                         size_t end, hit *hits)
{
    const imr_context_rules *rules = cs->_rules;
    uint16_t at[IMR__CTX_SIDE_BYTES], phrase[IMR__CTX_SIDE_BYTES];
    size_t count = 0, i = first;
    unsigned blocked = 0, m;

    /* The side has at most IMR__CTX_SIDE_BYTES tokens, so as many
     * triggers. */
    while((m = next_trigger(cs, &i, end)) != 0) {
        at[count] = (uint16_t)i;
        phrase[count] = (uint16_t)m;
        count++;
        i += rules->phrases[m - 1].token_count;
    }
    while(count-- > 0 && blocked != IMR__CTX_ALL) {
        const imr__ctx_phrase *ph = &rules->phrases[phrase[count] - 1];
        unsigned gap = words_before(cs, end) -
                       words_before(cs, at[count] + ph->token_count);
        fire(ph, ph->forward & ~blocked, gap, &cs->_tokens[at[count]], 0,
             hits);
        blocked |= ph->ends | axes_of(ph->forward | ph->backward);
    }
}

/* scan_after on the tokens [first, end) of the sentence. */
static void judge_after(const imr_context_sentence *cs, size_t first,
                        size_t end, hit *hits)
{
    const imr_context_rules *rules = cs->_rules;
    size_t i = first;
    unsigned blocked = 0, m;

    while(blocked != IMR__CTX_ALL && (m = next_trigger(cs, &i, end)) != 0) {
        const imr__ctx_phrase *ph = &rules->phrases[m - 1];
        unsigned gap = words_before(cs, i) - words_before(cs, first);
        fire(ph, ph->backward & ~blocked, gap, &cs->_tokens[i], 0, hits);
        blocked |= ph->ends | axes_of(ph->forward | ph->backward);
        i += ph->token_count;
    }
}

void imr_context_judge(const imr_context_sentence *cs, imr_span concept,
                       imr_context *out)
{
    const char *s = cs->_text;
    size_t len = cs->_len, start, end;
    hit before[AXES], after[AXES], chosen[AXES];
    size_t a;

    IMR_ASSERT(cs && out);
    if(len == 0 || concept.offset > len) {
        memset(out, 0, sizeof(*out));
        return;
    }
    start = concept.offset;
    end = concept.length < len - start ? start + concept.length : len;
    if(!cs->_whole || cuts_word(s, len, start) || cuts_word(s, len, end)) {
        imr_context_assess(cs->_rules, s, len, concept, out);
        return;
    }
    memset(out, 0, sizeof(*out));
    memset(before, 0, sizeof(before));
    memset(after, 0, sizeof(after));
    judge_before(cs, token_at(cs, side_start(s, start)), token_at(cs, start),
                 before);
    judge_after(cs, token_at(cs, end), token_at(cs, side_end(s, len, end)),
                after);
    for(a = 0; a < AXES; a++)
        chosen[a] = *choose(&before[a], &after[a]);
    set_result(chosen, out);
}
