/* SPDX-License-Identifier: MIT */
/* Loading the word classes and the pairs of kb/facts/, and the clause
 * test the extractor asks before it takes two words as one concept. */
#include "pairs.h"

#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

static imr_status load_classes(const char *kb_dir, const char *file,
                               lexicon *out, imr_error *err)
{
    imr_buf path;
    imr_status rc;

    imr_buf_init(&path);
    imr_buf_printf(&path, "%s/facts/%s", kb_dir, file);
    rc = imr__lexicon_load(path.data, 2, out, err);
    imr_buf_fini(&path);
    return rc;
}

/* The class name as the words lexicon stores it, or NULL. */
static const char *find_class(const lexicon *words, const char *s, size_t n)
{
    size_t i;

    for(i = 0; i < words->count; i++) {
        const char *k = words->entries[i].key;
        if(strlen(k) == n && memcmp(k, s, n) == 0)
            return k;
    }
    return NULL;
}

static imr_status refuse(imr_error *err, const char *path, unsigned line,
                         unsigned column, const char *what, const imr_field *f)
{
    imr_error_name_file(err, path);
    return imr_error_at(err, IMR_EINPUT, line, column, "%s \"%.*s\"", what,
                        (int)f->len, f->text);
}

static char *copy_field(const imr_field *f)
{
    char *s = imr_xmalloc(f->len + 1);
    memcpy(s, f->text, f->len);
    s[f->len] = '\0';
    return s;
}

/* The gap field, "CLASS*" or "CLASS+": its class and least count. */
static imr_status read_gap(pair_rules *p, const imr_field *f, pair_rule *r,
                           const char *path, unsigned line, imr_error *err)
{
    char last = f->len ? f->text[f->len - 1] : '\0';

    if(last != '*' && last != '+')
        return refuse(err, path, line, f->column,
                      "a gap is a class followed by * (none or more) or + "
                      "(one or more), not",
                      f);
    r->gap = find_class(&p->gaps, f->text, f->len - 1);
    r->min_gap = last == '+';
    if(!r->gap)
        return refuse(err, path, line, f->column,
                      "no such class in gaps.tsv:", f);
    return IMR_OK;
}

/* One line "KIND <TAB> NAME <TAB> FIRST <TAB> GAP <TAB> SECOND". */
static imr_status read_rule(pair_rules *p, const char *path, const char *s,
                            size_t n, unsigned line, imr_error *err)
{
    imr_field f[6];
    pair_rule r;
    size_t count = imr_text_split_fields(s, n, f, 6);
    imr_status rc;

    if(count != 5) {
        imr_error_name_file(err, path);
        return imr_error_at(err, IMR_EINPUT, line, 1,
                            "expected KIND, NAME, FIRST, GAP and SECOND "
                            "separated by tabs, found %zu fields",
                            count);
    }
    memset(&r, 0, sizeof(r));
    r.first = find_class(&p->words, f[2].text, f[2].len);
    r.second = find_class(&p->words, f[4].text, f[4].len);
    if(!r.first)
        return refuse(err, path, line, f[2].column,
                      "no such class in words.tsv:", &f[2]);
    if(!r.second)
        return refuse(err, path, line, f[4].column,
                      "no such class in words.tsv:", &f[4]);
    rc = read_gap(p, &f[3], &r, path, line, err);
    if(rc != IMR_OK)
        return rc;
    r.kind = copy_field(&f[0]);
    r.name = copy_field(&f[1]);
    p->rules = imr_xrealloc(p->rules, (p->count + 1) * sizeof(*p->rules));
    p->rules[p->count++] = r;
    return IMR_OK;
}

static imr_status load_rules(const char *kb_dir, pair_rules *p, imr_error *err)
{
    imr_buf path;
    char *text = NULL;
    size_t len = 0, at = 0;
    unsigned line = 0;
    imr_status rc;

    imr_buf_init(&path);
    imr_buf_printf(&path, "%s/facts/pairs.tsv", kb_dir);
    rc = imr_file_read(path.data, (size_t)1 << 20, &text, &len, err);
    if(rc != IMR_OK)
        imr_error_name_file(err, path.data);
    while(rc == IMR_OK && at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len, n = end - at;
        const char *s = text + at;
        line++;
        at = end + 1;
        while(n && (s[n - 1] == '\r' || s[n - 1] == ' '))
            n--;
        if(n && s[0] != '#')
            rc = read_rule(p, path.data, s, n, line, err);
    }
    free(text);
    imr_buf_fini(&path);
    return rc;
}

imr_status imr__pairs_load(const char *kb_dir, pair_rules *out, imr_error *err)
{
    imr_status rc;

    memset(out, 0, sizeof(*out));
    rc = load_classes(kb_dir, "words.tsv", &out->words, err);
    if(rc == IMR_OK)
        rc = load_classes(kb_dir, "gaps.tsv", &out->gaps, err);
    if(rc == IMR_OK)
        rc = load_rules(kb_dir, out, err);
    if(rc != IMR_OK)
        imr__pairs_fini(out);
    return rc;
}

void imr__pairs_fini(pair_rules *p)
{
    size_t i;

    for(i = 0; i < p->count; i++) {
        free((char *)p->rules[i].kind);
        free((char *)p->rules[i].name);
    }
    free(p->rules);
    imr__lexicon_fini(&p->words);
    imr__lexicon_fini(&p->gaps);
    memset(p, 0, sizeof(*p));
}

int imr__pairs_crosses_clause(const char *s, size_t from, size_t to)
{
    static const char *const joints[] = {"but",   "however", "although",
                                         "though", "while",  "whereas"};
    size_t i;

    for(i = from; i < to; i++) {
        if(s[i] == ',' || s[i] == ';' || s[i] == ':' ||
           imr__extract_word_among(s, to, i, joints,
                                   sizeof(joints) / sizeof(joints[0])))
            return 1;
    }
    return 0;
}
