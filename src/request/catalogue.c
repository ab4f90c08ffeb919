/* SPDX-License-Identifier: MIT */
/* Loads the services catalogue and the body regions from kb/ (their format
 * is described at the top of each file) and indexes the synonyms so that
 * a request can be matched against them in one pass. */
#include "imr/request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request/request_int.h"

enum { MAX_FIELDS = 5, MAX_SYNONYM = 63, MAX_ID = 63 };

static const char *const file_names[] = {"services.tsv", "body_regions.tsv"};

typedef imr_field field;

typedef struct loader {
    imr_catalogue *cat;
    imr_error *err;
    char paths[2][4096];
    unsigned file; /* the file being read: 0 or 1 */
    unsigned line;
    size_t service_cap, region_cap, term_cap, spelling_cap;
} loader;

/*---- Small helpers -----------------------------------------------------*/

static int is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum_lower(int c)
{
    return is_lower(c) || is_digit(c);
}

static int to_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static void *grow(void *items, size_t *cap, size_t count, size_t size)
{
    if(count < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 32;
    return imr_xrealloc(items, *cap * size);
}

/* Refuses the input at file:line:column; column 0 means the whole line. */
static imr_status fail_at(loader *ld, unsigned file, unsigned line,
                          unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static imr_status fail_at(loader *ld, unsigned file, unsigned line,
                          unsigned column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    imr_error_vset(ld->err, IMR_EINPUT, fmt, ap);
    va_end(ap);
    if(ld->err) {
        ld->err->line = line;
        ld->err->column = column;
        imr_error_name_file(ld->err, ld->paths[file]);
    }
    return IMR_EINPUT;
}

size_t imr__term_bucket(unsigned char a, unsigned char b)
{
    size_t ca = is_lower(a)   ? (size_t)(a - 'a')
                : is_digit(a) ? 26 + (size_t)(a - '0')
                              : 36;
    size_t cb = is_lower(b)   ? (size_t)(b - 'a')
                : is_digit(b) ? 26 + (size_t)(b - '0')
                              : 36;
    return ca * IMR__CLASSES + cb;
}

/* Copies a phrase lower-cased, with each run of spaces made one space.
 * The field is already trimmed. */
static char *copy_phrase(loader *ld, const char *s, size_t len, size_t *out_len)
{
    char *out = imr_arena_alloc(ld->cat->arena, len + 1);
    size_t i, n = 0;

    for(i = 0; i < len; i++) {
        int c = to_lower((unsigned char)s[i]);
        if(c == ' ' && n && out[n - 1] == ' ')
            continue;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static int is_identifier(const field *f)
{
    size_t i;

    if(f->len == 0 || f->len > MAX_ID || !is_lower((unsigned char)f->text[0]))
        return 0;
    for(i = 0; i < f->len; i++) {
        int c = (unsigned char)f->text[i];
        if(!is_alnum_lower(c) && c != '_')
            return 0;
    }
    return 1;
}

static imr_status want_identifier(loader *ld, const field *f, const char *what)
{
    if(is_identifier(f))
        return IMR_OK;
    return fail_at(ld, ld->file, ld->line, f->column,
                   "expected a %s identifier in lower snake case "
                   "(\"physical_therapy\"), found \"%.*s\"",
                   what, (int)f->len, f->text);
}

/*---- Lookups while loading ---------------------------------------------*/

static int find_service(const imr_catalogue *cat, const field *f)
{
    size_t i;
    for(i = 0; i < cat->service_count; i++) {
        if(strlen(cat->services[i].id) == f->len &&
           memcmp(cat->services[i].id, f->text, f->len) == 0)
            return (int)i;
    }
    return -1;
}

static int find_region(const imr_catalogue *cat, const field *f)
{
    size_t i;
    for(i = 0; i < cat->region_count; i++) {
        if(strlen(cat->regions[i].id) == f->len &&
           memcmp(cat->regions[i].id, f->text, f->len) == 0)
            return (int)i;
    }
    return -1;
}

static int side_of(const field *f)
{
    static const char *const sides[] = {"left", "right", "bilateral"};
    size_t i;
    for(i = 0; i < 3; i++) {
        if(strlen(sides[i]) == f->len && memcmp(sides[i], f->text, f->len) == 0)
            return (int)i + IMR_LATERALITY_LEFT;
    }
    return -1;
}

/*---- Records -----------------------------------------------------------*/

static imr_status read_service(loader *ld, const field *f)
{
    imr_catalogue *cat = ld->cat;
    imr__service *svc;
    size_t len;
    int dup;

    if(want_identifier(ld, &f[1], "service") != IMR_OK ||
       want_identifier(ld, &f[2], "kind") != IMR_OK)
        return IMR_EINPUT;
    dup = find_service(cat, &f[1]);
    if(dup >= 0)
        return fail_at(ld, ld->file, ld->line, f[1].column,
                       "service \"%.*s\" is already declared on line %u",
                       (int)f[1].len, f[1].text, cat->services[dup].line);
    if(f[3].len != 1 || f[3].text[0] < '1' || f[3].text[0] > '9')
        return fail_at(ld, ld->file, ld->line, f[3].column,
                       "expected a rank from 1 to 9, found \"%.*s\"",
                       (int)f[3].len, f[3].text);
    cat->services = grow(cat->services, &ld->service_cap, cat->service_count,
                         sizeof(*cat->services));
    svc = &cat->services[cat->service_count++];
    svc->id = copy_phrase(ld, f[1].text, f[1].len, &len);
    svc->kind = copy_phrase(ld, f[2].text, f[2].len, &len);
    svc->rank = f[3].text[0] - '0';
    svc->is_drug = strcmp(svc->kind, "drug") == 0;
    svc->line = ld->line;
    return IMR_OK;
}

static imr_status read_region(loader *ld, const field *f)
{
    imr_catalogue *cat = ld->cat;
    imr__region *region;
    size_t len;
    int dup;

    if(want_identifier(ld, &f[1], "region") != IMR_OK)
        return IMR_EINPUT;
    dup = find_region(cat, &f[1]);
    if(dup >= 0 || side_of(&f[1]) >= 0)
        return fail_at(ld, ld->file, ld->line, f[1].column,
                       "region \"%.*s\" is already declared%s", (int)f[1].len,
                       f[1].text, dup >= 0 ? "" : " (it is a side)");
    cat->regions = grow(cat->regions, &ld->region_cap, cat->region_count,
                        sizeof(*cat->regions));
    region = &cat->regions[cat->region_count++];
    region->id = copy_phrase(ld, f[1].text, f[1].len, &len);
    region->line = ld->line;
    return IMR_OK;
}

static imr_status read_side(loader *ld, const field *f)
{
    if(side_of(&f[1]) < 0)
        return fail_at(ld, ld->file, ld->line, f[1].column,
                       "expected a side: \"left\", \"right\" or "
                       "\"bilateral\", found \"%.*s\"",
                       (int)f[1].len, f[1].text);
    return IMR_OK;
}

/* Checks one synonym of a list; `s` is trimmed. */
static imr_status check_synonym(loader *ld, const char *s, size_t len,
                                unsigned column)
{
    size_t i;

    if(len == 0)
        return fail_at(ld, ld->file, ld->line, column,
                       "empty synonym (two commas in a row, or a comma at "
                       "an end of the list)");
    if(len < 2 || len > MAX_SYNONYM)
        return fail_at(ld, ld->file, ld->line, column,
                       "synonym \"%.*s\" should have 2 to %d characters",
                       (int)len, s, MAX_SYNONYM);
    if(!is_alnum_lower(to_lower((unsigned char)s[0])))
        return fail_at(ld, ld->file, ld->line, column,
                       "synonym \"%.*s\" should start with a letter or digit",
                       (int)len, s);
    for(i = 0; i < len; i++) {
        if((unsigned char)s[i] >= 0x80 || (unsigned char)s[i] < 0x20)
            return fail_at(ld, ld->file, ld->line, column + (unsigned)i,
                           "synonym \"%.*s\" should be plain ASCII text",
                           (int)len, s);
    }
    return IMR_OK;
}

typedef struct term_target {
    imr__term_type type;
    unsigned target;
    int is_name;
} term_target;

static void add_term(loader *ld, const char *s, size_t len, unsigned column,
                     const term_target *tt)
{
    imr_catalogue *cat = ld->cat;
    imr__term *t;

    cat->terms =
        grow(cat->terms, &ld->term_cap, cat->term_count, sizeof(*cat->terms));
    t = &cat->terms[cat->term_count++];
    t->text = copy_phrase(ld, s, len, &t->len);
    t->type = tt->type;
    t->target = tt->target;
    t->is_name = tt->is_name;
    t->file = ld->file;
    t->line = ld->line;
    t->column = column;
}

typedef imr_status (*item_fn)(loader *ld, const char *s, size_t len,
                              unsigned column, const void *ctx);

/* Calls `fn` on each trimmed item of a comma-separated list. */
static imr_status each_item(loader *ld, const field *list, item_fn fn,
                            const void *ctx)
{
    const char *p = list->text, *end = list->text + list->len;

    for(;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        const char *s = p;
        size_t len = (size_t)(stop - p);
        imr_status rc;

        imr_text_trim(&s, &len);
        rc =
            fn(ld, s, len,
               list->column + (unsigned)(len ? s - list->text : p - list->text), ctx);
        if(rc != IMR_OK || !comma)
            return rc;
        p = comma + 1;
    }
}

static imr_status synonym_item(loader *ld, const char *s, size_t len,
                               unsigned column, const void *ctx)
{
    const term_target *tt = ctx;

    if(check_synonym(ld, s, len, column) != IMR_OK)
        return IMR_EINPUT;
    add_term(ld, s, len, column, tt);
    return IMR_OK;
}

static imr_status read_terms(loader *ld, const field *f, int is_name)
{
    term_target tt;
    int index;

    tt.is_name = is_name;
    if(ld->file == 0) {
        index = find_service(ld->cat, &f[1]);
        tt.type = IMR__TERM_SERVICE;
    }
    else {
        index = find_region(ld->cat, &f[1]);
        tt.type = IMR__TERM_REGION;
        if(index < 0) {
            index = side_of(&f[1]);
            tt.type = IMR__TERM_SIDE;
        }
    }
    if(index < 0)
        return fail_at(ld, ld->file, ld->line, f[1].column,
                       "unknown %s \"%.*s\" (declare it on an earlier line)",
                       ld->file == 0 ? "service" : "region or side",
                       (int)f[1].len, f[1].text);
    tt.target = (unsigned)index;
    return each_item(ld, &f[2], synonym_item, &tt);
}

static imr_status read_synonyms(loader *ld, const field *f)
{
    return read_terms(ld, f, 0);
}

static imr_status read_drugs(loader *ld, const field *f)
{
    return read_terms(ld, f, 1);
}

typedef struct spelling_right {
    const char *text;
    size_t len;
} spelling_right;

static imr_status spelling_item(loader *ld, const char *s, size_t len,
                                unsigned column, const void *ctx)
{
    const spelling_right *right = ctx;
    imr_catalogue *cat = ld->cat;
    imr__spelling *sp;
    size_t i, n;

    for(i = 0; i < len; i++) {
        if(!is_lower(to_lower((unsigned char)s[i])))
            break;
    }
    if(len < 2 || len > 63 || i < len)
        return fail_at(ld, ld->file, ld->line, column,
                       "a misspelling is one word of 2 to 63 letters, "
                       "found \"%.*s\"",
                       (int)len, s);
    cat->spellings = grow(cat->spellings, &ld->spelling_cap,
                          cat->spelling_count, sizeof(*cat->spellings));
    sp = &cat->spellings[cat->spelling_count++];
    sp->wrong = copy_phrase(ld, s, len, &n);
    sp->wrong_len = n;
    sp->right = right->text;
    sp->right_len = right->len;
    sp->file = ld->file;
    sp->line = ld->line;
    return IMR_OK;
}

static imr_status read_spelling(loader *ld, const field *f)
{
    spelling_right right;
    size_t i;

    for(i = 0; i < f[1].len; i++) {
        if((unsigned char)f[1].text[i] >= 0x80)
            return fail_at(ld, ld->file, ld->line, f[1].column,
                           "expected plain ASCII words, found \"%.*s\"",
                           (int)f[1].len, f[1].text);
    }
    right.text = copy_phrase(ld, f[1].text, f[1].len, &right.len);
    return each_item(ld, &f[2], spelling_item, &right);
}

static imr_status level_item(loader *ld, const char *s, size_t len,
                             unsigned column, const void *ctx)
{
    const int *region = ctx;
    int letter = len == 1 ? to_lower((unsigned char)s[0]) : 0;

    if(!is_lower(letter))
        return fail_at(ld, ld->file, ld->line, column,
                       "expected a level letter such as \"l\", found "
                       "\"%.*s\"",
                       (int)len, s);
    if(ld->cat->level_region[letter - 'a'] >= 0)
        return fail_at(
            ld, ld->file, ld->line, column,
            "level letter \"%c\" already names %s", letter,
            ld->cat->regions[ld->cat->level_region[letter - 'a']].id);
    ld->cat->level_region[letter - 'a'] = *region;
    return IMR_OK;
}

static imr_status read_levels(loader *ld, const field *f)
{
    int region = find_region(ld->cat, &f[1]);

    if(region < 0)
        return fail_at(ld, ld->file, ld->line, f[1].column,
                       "unknown region \"%.*s\" (declare it on an earlier "
                       "line)",
                       (int)f[1].len, f[1].text);
    return each_item(ld, &f[2], level_item, &region);
}

typedef struct record_type {
    const char *name;
    size_t fields;  /* counting the record's name */
    unsigned files; /* bit 0: services.tsv, bit 1: body_regions.tsv */
    imr_status (*read)(loader *ld, const field *f);
    const char *usage;
} record_type;

static const record_type record_types[] = {
    {"service", 4, 1, read_service, "service ID KIND RANK"},
    {"synonyms", 3, 3, read_synonyms, "synonyms ID SYNONYM, SYNONYM, ..."},
    {"drugs", 3, 1, read_drugs, "drugs ID NAME, NAME, ..."},
    {"spelling", 3, 3, read_spelling, "spelling WORDS MISSPELLING, ..."},
    {"region", 2, 2, read_region, "region ID"},
    {"side", 2, 2, read_side, "side left|right|bilateral"},
    {"levels", 3, 2, read_levels, "levels REGION LETTER, ..."},
};

/*---- Lines -------------------------------------------------------------*/


static const record_type *find_record(const field *name)
{
    size_t i;
    for(i = 0; i < sizeof(record_types) / sizeof(record_types[0]); i++) {
        if(strlen(record_types[i].name) == name->len &&
           memcmp(record_types[i].name, name->text, name->len) == 0)
            return &record_types[i];
    }
    return NULL;
}

static imr_status unknown_record(loader *ld, const field *name)
{
    const char *expected = ld->file == 0
                               ? "\"service\", \"synonyms\", \"drugs\" or "
                                 "\"spelling\""
                               : "\"region\", \"side\", \"synonyms\", "
                                 "\"levels\" or \"spelling\"";
    return fail_at(ld, ld->file, ld->line, name->column,
                   "expected a record type, %s, found \"%.*s\"", expected,
                   (int)name->len, name->text);
}

static imr_status read_line(loader *ld, const char *line, size_t len)
{
    field f[MAX_FIELDS];
    size_t count = imr_text_split_fields(line, len, f, MAX_FIELDS);
    const record_type *rt;

    if(count == 0 || f[0].text[0] == '#')
        return IMR_OK;
    rt = find_record(&f[0]);
    if(!rt || !(rt->files & (1u << ld->file)))
        return unknown_record(ld, &f[0]);
    if(count != rt->fields)
        return fail_at(ld, ld->file, ld->line,
                       count > rt->fields ? f[rt->fields].column
                                          : (unsigned)len + 1,
                       "expected %zu tab-separated fields (%s), found %zu",
                       rt->fields, rt->usage, count);
    return rt->read(ld, f);
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
        imr_status rc;
        if(n && p[n - 1] == '\r')
            n--;
        ld->line++;
        rc = read_line(ld, p, n);
        if(rc != IMR_OK)
            return rc;
        p = nl ? nl + 1 : end;
    }
    return IMR_OK;
}

static imr_status load_file(loader *ld, const char *kb_dir, unsigned file)
{
    char *data = NULL;
    size_t len = 0;
    imr_status rc;
    int n = snprintf(ld->paths[file], sizeof(ld->paths[file]), "%s/%s", kb_dir,
                     file_names[file]);

    if(n < 0 || (size_t)n >= sizeof(ld->paths[file]))
        return imr_error_set(ld->err, IMR_EINPUT,
                             "knowledge-base path too long: \"%s\"", kb_dir);
    rc = imr_file_read(ld->paths[file], (size_t)16 << 20, &data, &len, ld->err);
    if(rc != IMR_OK)
        return rc;
    ld->file = file;
    rc = read_text(ld, data, len);
    free(data);
    return rc;
}

/*---- Index and checks --------------------------------------------------*/

static int compare_terms(const void *pa, const void *pb)
{
    const imr__term *a = pa, *b = pb;
    size_t ba =
        imr__term_bucket((unsigned char)a->text[0], (unsigned char)a->text[1]);
    size_t bb =
        imr__term_bucket((unsigned char)b->text[0], (unsigned char)b->text[1]);
    int c;

    if(ba != bb)
        return ba < bb ? -1 : 1;
    if(a->len != b->len)
        return a->len > b->len ? -1 : 1; /* longest first */
    c = strcmp(a->text, b->text);
    if(c)
        return c;
    if(a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if(a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->column < b->column ? -1 : a->column > b->column;
}

static const char *term_target_id(const imr_catalogue *cat, const imr__term *t)
{
    if(t->type == IMR__TERM_SERVICE)
        return cat->services[t->target].id;
    if(t->type == IMR__TERM_REGION)
        return cat->regions[t->target].id;
    return imr_laterality_name((imr_laterality)t->target);
}

static imr_status check_duplicate_terms(loader *ld)
{
    const imr_catalogue *cat = ld->cat;
    size_t i;

    for(i = 1; i < cat->term_count; i++) {
        const imr__term *a = &cat->terms[i - 1], *b = &cat->terms[i];
        if(a->len == b->len && strcmp(a->text, b->text) == 0)
            return fail_at(ld, b->file, b->line, b->column,
                           "synonym \"%s\" already names %s (%s:%u)", b->text,
                           term_target_id(cat, a), file_names[a->file],
                           a->line);
    }
    return IMR_OK;
}

static void build_buckets(imr_catalogue *cat)
{
    size_t i, b = 0;

    for(i = 0; i < cat->term_count; i++) {
        size_t tb = imr__term_bucket((unsigned char)cat->terms[i].text[0],
                                     (unsigned char)cat->terms[i].text[1]);
        while(b <= tb)
            cat->bucket_start[b++] = (uint32_t)i;
    }
    while(b <= IMR__BUCKETS)
        cat->bucket_start[b++] = (uint32_t)cat->term_count;
}

static int compare_spellings(const void *pa, const void *pb)
{
    const imr__spelling *a = pa, *b = pb;
    int c = strcmp(a->wrong, b->wrong);

    if(c)
        return c;
    if(a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

uint32_t imr__spelling_hash(const char *word, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    size_t i;

    for(i = 0; i < len; i++) {
        h ^= (unsigned char)word[i];
        h *= 16777619u;
    }
    return h;
}

/* Each request word is looked up, so spellings live in a hash table that
 * is at most half full. */
static void hash_spellings(imr_catalogue *cat)
{
    size_t slots = 16, i;

    while(slots < cat->spelling_count * 2)
        slots *= 2;
    cat->spelling_slots = imr_xcalloc(slots, sizeof(uint32_t));
    cat->spelling_mask = slots - 1;
    for(i = 0; i < cat->spelling_count; i++) {
        const imr__spelling *sp = &cat->spellings[i];
        size_t slot =
            imr__spelling_hash(sp->wrong, sp->wrong_len) & cat->spelling_mask;
        while(cat->spelling_slots[slot])
            slot = (slot + 1) & cat->spelling_mask;
        cat->spelling_slots[slot] = (uint32_t)i + 1;
    }
}

/* Sorts the spellings, refuses duplicates and builds the hash table. */
static imr_status index_spellings(loader *ld)
{
    imr_catalogue *cat = ld->cat;
    size_t i;

    if(cat->spelling_count)
        qsort(cat->spellings, cat->spelling_count, sizeof(*cat->spellings),
              compare_spellings);
    for(i = 0; i < cat->spelling_count; i++) {
        const imr__spelling *sp = &cat->spellings[i];
        const imr__spelling *prev = i ? &cat->spellings[i - 1] : NULL;
        if(prev && strcmp(sp->wrong, prev->wrong) == 0)
            return fail_at(ld, sp->file, sp->line, 0,
                           "misspelling \"%s\" is already listed (%s:%u)",
                           sp->wrong, file_names[prev->file], prev->line);
        cat->spelling_lengths[sp->wrong[0] - 'a'] |= (uint64_t)1
                                                     << sp->wrong_len;
    }
    hash_spellings(cat);
    return IMR_OK;
}

/* A synonym with a word that a spelling replaces could never match. */
static imr_status check_dead_synonym(loader *ld, const imr__term *t)
{
    size_t i = 0;

    while(i < t->len) {
        size_t start = i;
        const imr__spelling *sp;
        while(i < t->len && is_lower((unsigned char)t->text[i]))
            i++;
        sp = imr__catalogue_spelling(ld->cat, t->text + start, i - start);
        if(sp)
            return fail_at(ld, t->file, t->line, t->column,
                           "synonym \"%s\" can never match: the spelling "
                           "at %s:%u reads \"%s\" as \"%s\"",
                           t->text, file_names[sp->file], sp->line, sp->wrong,
                           sp->right);
        if(i == start)
            i++;
    }
    return IMR_OK;
}

static imr_status check_coverage(loader *ld)
{
    const imr_catalogue *cat = ld->cat;
    unsigned char *has_service = imr_xcalloc(cat->service_count + 1, 1);
    unsigned char *has_region = imr_xcalloc(cat->region_count + 1, 1);
    imr_status rc = IMR_OK;
    size_t i;

    for(i = 0; i < cat->term_count; i++) {
        if(cat->terms[i].type == IMR__TERM_SERVICE)
            has_service[cat->terms[i].target] = 1;
        else if(cat->terms[i].type == IMR__TERM_REGION)
            has_region[cat->terms[i].target] = 1;
    }
    for(i = 0; rc == IMR_OK && i < cat->service_count; i++) {
        if(!has_service[i])
            rc = fail_at(ld, 0, cat->services[i].line, 0,
                         "service \"%s\" has no synonyms", cat->services[i].id);
    }
    for(i = 0; rc == IMR_OK && i < cat->region_count; i++) {
        if(!has_region[i])
            rc = fail_at(ld, 1, cat->regions[i].line, 0,
                         "region \"%s\" has no synonyms", cat->regions[i].id);
    }
    free(has_service);
    free(has_region);
    return rc;
}

static imr_status finish(loader *ld)
{
    imr_catalogue *cat = ld->cat;
    size_t i;

    if(index_spellings(ld) != IMR_OK || check_coverage(ld) != IMR_OK)
        return IMR_EINPUT;
    for(i = 0; i < cat->term_count; i++) {
        if(check_dead_synonym(ld, &cat->terms[i]) != IMR_OK)
            return IMR_EINPUT;
    }
    if(cat->term_count)
        qsort(cat->terms, cat->term_count, sizeof(*cat->terms), compare_terms);
    if(check_duplicate_terms(ld) != IMR_OK)
        return IMR_EINPUT;
    build_buckets(cat);
    return IMR_OK;
}

/*---- Public ------------------------------------------------------------*/

static imr_catalogue *catalogue_new(void)
{
    imr_catalogue *cat = imr_xcalloc(1, sizeof(*cat));
    size_t i;

    cat->arena = imr_arena_new();
    for(i = 0; i < 26; i++)
        cat->level_region[i] = -1;
    return cat;
}

imr_status imr_catalogue_load(const char *kb_dir, imr_catalogue **out,
                              imr_error *err)
{
    loader ld;
    imr_status rc;

    IMR_ASSERT(kb_dir && out);
    memset(&ld, 0, sizeof(ld));
    ld.cat = catalogue_new();
    ld.err = err;
    rc = load_file(&ld, kb_dir, 0);
    if(rc == IMR_OK)
        rc = load_file(&ld, kb_dir, 1);
    if(rc == IMR_OK)
        rc = finish(&ld);
    if(rc != IMR_OK) {
        imr_catalogue_free(ld.cat);
        return rc;
    }
    *out = ld.cat;
    return IMR_OK;
}

void imr_catalogue_free(imr_catalogue *cat)
{
    if(!cat)
        return;
    imr_arena_free(cat->arena);
    free(cat->services);
    free(cat->regions);
    free(cat->terms);
    free(cat->spellings);
    free(cat->spelling_slots);
    free(cat);
}

int imr_catalogue_has_service(const imr_catalogue *cat, const char *id)
{
    size_t i;
    for(i = 0; i < cat->service_count; i++) {
        if(strcmp(cat->services[i].id, id) == 0)
            return 1;
    }
    return 0;
}

int imr_catalogue_has_region(const imr_catalogue *cat, const char *id)
{
    size_t i;
    for(i = 0; i < cat->region_count; i++) {
        if(strcmp(cat->regions[i].id, id) == 0)
            return 1;
    }
    return 0;
}

/*---- Lookups -----------------------------------------------------------*/

const imr__term *imr__catalogue_match(const imr_catalogue *cat, const char *s,
                                      size_t len)
{
    size_t b, i, end;

    if(len < 2)
        return NULL;
    b = imr__term_bucket((unsigned char)s[0], (unsigned char)s[1]);
    end = cat->bucket_start[b + 1];
    for(i = cat->bucket_start[b]; i < end; i++) {
        const imr__term *t = &cat->terms[i];
        /* The bucket fixes the first byte (a letter or digit) but not the
         * second when it is punctuation; the third rejects most terms. */
        if(t->len > len || t->text[1] != s[1] ||
           (t->len > 2 && t->text[2] != s[2]) ||
           memcmp(t->text + 2, s + 2, t->len - 2) != 0)
            continue;
        if(t->len < len && is_alnum_lower((unsigned char)s[t->len]) &&
           is_alnum_lower((unsigned char)t->text[t->len - 1]))
            continue;
        return t;
    }
    return NULL;
}

const imr__spelling *imr__catalogue_spelling(const imr_catalogue *cat,
                                             const char *word, size_t len)
{
    size_t slot;

    if(len == 0 || len > 63 || !is_lower((unsigned char)word[0]) ||
       !(cat->spelling_lengths[word[0] - 'a'] >> len & 1))
        return NULL;
    slot = imr__spelling_hash(word, len) & cat->spelling_mask;
    while(cat->spelling_slots[slot]) {
        const imr__spelling *sp =
            &cat->spellings[cat->spelling_slots[slot] - 1];
        if(sp->wrong_len == len && memcmp(sp->wrong, word, len) == 0)
            return sp;
        slot = (slot + 1) & cat->spelling_mask;
    }
    return NULL;
}
