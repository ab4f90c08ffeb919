/* SPDX-License-Identifier: MIT */
/* Phrase lexicons of kb/facts: loading with file:line:col errors, and
 * longest-first matching at word starts through a bucket index keyed by
 * the first two bytes and the length of the first word. */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

/* ASCII letters only, without a branch: this runs on most bytes of a
 * record. */
static int lower(int c)
{
    return c | (int)((unsigned)c - 'A' < 26u) << 5;
}

static int is_word_byte(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Words longer than this share a bucket with those of this length. */
enum { WORD_CAP = LEX_WORD_CAP };

/* The bytes of the word at s[0..n) (letters and digits), at most
 * WORD_CAP. */
static size_t word_length(const char *s, size_t n)
{
    size_t i = 0;
    while(i < n && i < WORD_CAP && is_word_byte((unsigned char)s[i]))
        i++;
    return i;
}

/* The first min(word, 8) bytes of s, lower-cased, one per byte of a
 * uint64_t (the rest zero): a phrase can match only where the text's first
 * word is as long as its own and spells the same (see bucket_of), so
 * comparing heads rules out, in one instruction, the phrases of a bucket
 * that begin with another word. */
static uint64_t head_of(const char *s, size_t word)
{
    uint64_t head = 0;
    size_t i;

    for(i = 0; i < word && i < 8; i++)
        head |= (uint64_t)lower((unsigned char)s[i]) << (8 * i);
    return head;
}

/* Each byte lower-cased if it is a letter or digit, else 0: reading the
 * words of every sentence, one look-up per byte does what is_word_byte
 * and lower do in a dozen instructions. */
static const unsigned char word_fold[256] = {
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     48, 49, 50, 51, 52, 53, 54, 55, 56, 57,  0,  0,  0,  0,  0,  0,
      0, 97, 98, 99,100,101,102,103,104,105,106,107,108,109,110,111,
    112,113,114,115,116,117,118,119,120,121,122,  0,  0,  0,  0,  0,
      0, 97, 98, 99,100,101,102,103,104,105,106,107,108,109,110,111,
    112,113,114,115,116,117,118,119,120,121,122,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
      0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
};

static size_t pair_of(int c0, int c1)
{
    return ((size_t)lower(c0) * 31u + (size_t)lower(c1)) % LEX_BUCKETS;
}

/* A phrase matches only where the text's first word is exactly as long as
 * its own (the byte after that word is a space, a mark the phrase spells,
 * or the end of a word), so the length narrows a bucket of phrases that
 * begin alike ("pain", "paresthesia", "patellar") to the few that could
 * match. The pair is kept whole in the key: an entry is compared only where
 * its pair is the text's, as in a plain two-byte index. */
static size_t bucket_of(size_t pair, size_t word)
{
    return (pair + word * 389u) % LEX_BUCKETS;
}

static size_t entry_pair(const lex_entry *e)
{
    return pair_of((unsigned char)e->phrase[0],
                   e->len > 1 ? (unsigned char)e->phrase[1] : ' ');
}

static size_t entry_bucket(const lex_entry *e)
{
    return bucket_of(entry_pair(e), word_length(e->phrase, e->len));
}

/*---- Loading -------------------------------------------------------------*/

typedef struct loader {
    const char *path;
    lex_entry *entries;
    size_t count;
    size_t cap;
    imr_buf storage;      /* offsets until the block is final */
    imr_error *err;
} loader;

/* Strings are stored as offsets while the block grows, then fixed up. */
static size_t store(loader *ld, const char *s, size_t n, int fold)
{
    size_t at = ld->storage.len, i;
    imr_buf_append(&ld->storage, s, n);
    if(fold) {
        for(i = 0; i < n; i++)
            ld->storage.data[at + i] = (char)lower(
                (unsigned char)ld->storage.data[at + i]);
    }
    imr_buf_putc(&ld->storage, '\0');
    return at;
}

static imr_status refuse(loader *ld, unsigned line, unsigned col,
                         const char *what)
{
    imr_error_name_file(ld->err, ld->path);
    return imr_error_at(ld->err, IMR_EINPUT, line, col, "%s", what);
}

static void add_entry(loader *ld, size_t phrase, size_t len, size_t key,
                      size_t name, unsigned flags)
{
    lex_entry *e;
    if(ld->count == ld->cap) {
        ld->cap = ld->cap ? ld->cap * 2 : 256;
        ld->entries = imr_xrealloc(ld->entries, ld->cap * sizeof(lex_entry));
    }
    e = &ld->entries[ld->count++];
    /* Offsets into storage, made pointers once it stops moving. */
    e->phrase = (const char *)(uintptr_t)phrase;
    e->len = len;
    e->key = (const char *)(uintptr_t)key;
    e->name = (const char *)(uintptr_t)name;
    e->flags = flags;
}

/* Reads the "|"-separated phrases of one line. */
static imr_status read_phrases(loader *ld, const char *s, size_t n,
                               unsigned line, unsigned col, size_t key,
                               size_t name)
{
    size_t i = 0;

    while(i <= n) {
        size_t start = i, end;
        const char *p;
        size_t plen;
        unsigned flags = 0;
        while(i < n && s[i] != '|')
            i++;
        end = i++;
        p = s + start;
        plen = end - start;
        imr_text_trim(&p, &plen);
        while(plen && (*p == '=' || *p == '!')) {
            flags |= *p == '=' ? LEX_CASE_SENSITIVE : LEX_STATES_ABSENCE;
            p++;
            plen--;
        }
        if(plen == 0)
            return refuse(ld, line, col + (unsigned)start,
                          "empty phrase (two \"|\" in a row, or one at an "
                          "end)");
        if(!is_word_byte((unsigned char)p[0]))
            return refuse(ld, line, col + (unsigned)start,
                          "a phrase must start with a letter or digit");
        add_entry(ld, store(ld, p, plen, !(flags & LEX_CASE_SENSITIVE)),
                  plen, key, name, flags);
    }
    return IMR_OK;
}

static int is_identifier(const char *s, size_t n)
{
    size_t i;
    if(n == 0)
        return 0;
    for(i = 0; i < n; i++) {
        if(!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' ||
             (s[i] >= '0' && s[i] <= '9')))
            return 0;
    }
    return 1;
}

static imr_status read_line(loader *ld, const char *s, size_t n,
                            unsigned line, int columns)
{
    const char *field[3];
    size_t flen[3], k = 0, i = 0, start = 0;
    unsigned col[3];

    while(k < 3) {
        while(i < n && s[i] != '\t')
            i++;
        field[k] = s + start;
        flen[k] = i - start;
        col[k] = (unsigned)start + 1;
        k++;
        if(i >= n || (int)k == columns)
            break;
        start = ++i;
    }
    if((int)k != columns)
        return refuse(ld, line, 1,
                      columns == 3 ? "expected KIND<TAB>NAME<TAB>PHRASES"
                                   : "expected KEY<TAB>PHRASES");
    flen[k - 1] = n - (size_t)(field[k - 1] - s);
    for(i = 0; i + 1 < k; i++) {
        if(!is_identifier(field[i], flen[i]))
            return refuse(ld, line, col[i],
                          "expected an identifier in lower snake case");
    }
    return read_phrases(
        ld, field[k - 1], flen[k - 1], line, col[k - 1],
        store(ld, field[0], flen[0], 0),
        k == 3 ? store(ld, field[1], flen[1], 0) : store(ld, "", 0, 0));
}

static int compare_entries(const void *a, const void *b)
{
    const lex_entry *x = a, *y = b;
    size_t bx = entry_bucket(x), by = entry_bucket(y);
    if(bx != by)
        return bx < by ? -1 : 1;
    if(x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return strcmp(x->phrase, y->phrase);
}

/* Makes offsets pointers, sorts by bucket and length, indexes buckets, and
 * refuses a phrase listed twice. */
static imr_status finish(loader *ld, lexicon *out)
{
    size_t i;
    char *base = ld->storage.data;

    for(i = 0; i < ld->count; i++) {
        lex_entry *e = &ld->entries[i];
        e->phrase = base + (uintptr_t)e->phrase;
        e->key = base + (uintptr_t)e->key;
        e->name = base + (uintptr_t)e->name;
        e->pair = entry_pair(e);
        e->head = head_of(e->phrase, word_length(e->phrase, e->len));
    }
    if(ld->count > 1) /* entries is NULL for an empty table */
        qsort(ld->entries, ld->count, sizeof(lex_entry), compare_entries);
    for(i = 1; i < ld->count; i++) {
        if(strcmp(ld->entries[i].phrase, ld->entries[i - 1].phrase) == 0 &&
           ld->entries[i].flags == ld->entries[i - 1].flags) {
            imr_error_name_file(ld->err, ld->path);
            return imr_error_set(ld->err, IMR_EINPUT,
                                 "the phrase \"%s\" is listed twice",
                                 ld->entries[i].phrase);
        }
    }
    memset(out, 0, sizeof(*out));
    out->entries = ld->entries;
    out->count = ld->count;
    out->storage = imr_buf_take(&ld->storage);
    for(i = 0; i < ld->count; i++) {
        /* entries now point into out->storage, which is the same block */
        out->bucket_start[entry_bucket(&out->entries[i]) + 1]++;
    }
    for(i = 0; i < LEX_BUCKETS; i++)
        out->bucket_start[i + 1] += out->bucket_start[i];
    for(i = 0; i < ld->count; i++) {
        const lex_entry *e = &out->entries[i];
        size_t word = word_length(e->phrase, e->len);
        uint32_t bit = imr__lexicon_word_bit(head_of(e->phrase, word), word);
        out->first_words[bit >> 3] |= (unsigned char)(1u << (bit & 7));
    }
    return IMR_OK;
}

imr_status imr__lexicon_load(const char *path, int columns, lexicon *out,
                             imr_error *err)
{
    loader ld;
    char *text = NULL;
    size_t len = 0, at = 0;
    unsigned line = 0;
    imr_status rc;

    memset(&ld, 0, sizeof(ld));
    ld.path = path;
    ld.err = err;
    imr_buf_init(&ld.storage);
    rc = imr_file_read(path, (size_t)4 << 20, &text, &len, err);
    while(rc == IMR_OK && at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + at;
        size_t n = end - at;
        line++;
        at = end + 1;
        while(n && (s[n - 1] == '\r' || s[n - 1] == ' '))
            n--;
        if(n == 0 || s[0] == '#')
            continue;
        rc = read_line(&ld, s, n, line, columns);
    }
    free(text);
    if(rc == IMR_OK)
        rc = finish(&ld, out);
    if(rc != IMR_OK) {
        free(ld.entries);
        imr_buf_fini(&ld.storage);
    }
    return rc;
}

void imr__lexicon_fini(lexicon *lx)
{
    free(lx->entries);
    free(lx->storage);
    memset(lx, 0, sizeof(*lx));
}

/*---- Matching ------------------------------------------------------------*/

/* Compares the phrase with the text at `at`; a space in the phrase matches
 * a run of spaces. Returns the bytes of text covered, or 0. The first
 * `known` bytes are known to be equal, in any case: no space is among
 * them, so they stand at the same offsets in both. */
static size_t phrase_at(const lex_entry *e, const char *text, size_t len,
                        size_t at, size_t known)
{
    int exact = (e->flags & LEX_CASE_SENSITIVE) != 0;
    size_t i = exact ? 0 : known, j = at + i;

    while(i < e->len) {
        char want = e->phrase[i];
        if(j >= len)
            return 0;
        if(want == ' ') {
            if(text[j] != ' ' && text[j] != '\n' && text[j] != '\t')
                return 0;
            while(j < len && (text[j] == ' ' || text[j] == '\n' ||
                              text[j] == '\t' || text[j] == '\r'))
                j++;
            i++;
            continue;
        }
        if(exact ? text[j] != want : lower((unsigned char)text[j]) != want)
            return 0;
        i++;
        j++;
    }
    if(j < len && is_word_byte((unsigned char)text[j]) &&
       is_word_byte((unsigned char)e->phrase[e->len - 1]))
        return 0;
    return j - at;
}

void imr__lexicon_word(const char *text, size_t len, size_t at, lex_word *w)
{
    const unsigned char *s = (const unsigned char *)text + at;
    size_t n = len - at, k = 0, m = n < 8 ? n : 8;
    uint64_t head = 0;
    unsigned c;

    /* The head, then the length alone: the bytes past the eighth feed
     * nothing else. */
    for(; k < m && (c = word_fold[s[k]]) != 0; k++)
        head |= (uint64_t)c << (8 * k);
    if(k == 8) {
        while(k < n && word_fold[s[k]])
            k++;
    }
    w->at = at;
    w->run = k;
    w->len = k < WORD_CAP ? k : WORD_CAP;
    w->head = head;
}

size_t imr__lexicon_words(const char *text, size_t len, lex_word **items,
                          size_t *cap)
{
    size_t i = 0, count = 0;

    while(i < len) {
        if(!word_fold[(unsigned char)text[i]]) {
            i++;
            continue;
        }
        if(count == *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *items = imr_xrealloc(*items, *cap * sizeof(**items));
        }
        imr__lexicon_word(text, len, i, &(*items)[count]);
        i += (*items)[count].run;
        count++;
    }
    return count;
}

const lex_entry *imr__lexicon_match_word(const lexicon *lx, const char *text,
                                         size_t len, const lex_word *w,
                                         size_t *match_len)
{
    size_t at = w->at, b, i, end, pair;

    if(w->len == 0)
        return NULL; /* every phrase starts with a letter or digit */
    pair = pair_of((unsigned char)text[at],
                   at + 1 < len ? (unsigned char)text[at + 1] : ' ');
    b = bucket_of(pair, w->len);
    end = lx->bucket_start[b + 1];
    for(i = lx->bucket_start[b]; i < end; i++) {
        size_t n;
        if(lx->entries[i].pair != pair || lx->entries[i].head != w->head)
            continue;
        /* equal heads: the first min(len, 8) bytes match, in any case */
        n = phrase_at(&lx->entries[i], text, len, at,
                      w->len < 8 ? w->len : 8);
        if(n) {
            *match_len = n;
            return &lx->entries[i];
        }
    }
    return NULL;
}

const lex_entry *imr__lexicon_match(const lexicon *lx, const char *text,
                                    size_t len, size_t at, size_t *match_len)
{
    lex_word w;

    if(at >= len)
        return NULL;
    imr__lexicon_word(text, len, at, &w);
    if(!imr__lexicon_may_start(lx, &w))
        return NULL;
    return imr__lexicon_match_word(lx, text, len, &w, match_len);
}
