/* SPDX-License-Identifier: MIT */
/* Parses one request: the catalogue's synonyms give the service, body
 * regions and side; a handful of token patterns give visits, frequency,
 * duration, and a drug's strength, quantity and refills. */
#include "imr/request.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "request/request_int.h"

/* What the number patterns found, before the service decides whether a
 * bare count means visits or a drug's quantity. -1 is unknown. */
typedef struct counts {
    int sessions;   /* "12 sessions", "6 physical therapy visits" */
    int x_count;    /* "x 8", "X16 visits" */
    int hash_count; /* "#90" */
    int quantity;   /* "qty 90" */
    int form_count; /* "90 tablets" */
    int refills;
    int per_week;
    int weeks;
    size_t strength_token;  /* where the strength starts, or SIZE_MAX */
    char bare_strength[32]; /* "10/325" with no unit: a drug's only */
} counts;

typedef struct parser {
    const char *text; /* normalized */
    const imr__token *tok;
    size_t n;
    const imr_catalogue *cat;
    const imr__service *main; /* the service, or NULL */
    imr_request *req;
    counts c;
} parser;

/*---- Token tests -------------------------------------------------------*/

static int is_kw(const parser *p, size_t i, imr__keyword kw)
{
    return i < p->n && p->tok[i].type == IMR__TOK_WORD &&
           p->tok[i].keyword == kw;
}

static int is_sym(const parser *p, size_t i, char c)
{
    return i < p->n && p->tok[i].type == IMR__TOK_SYMBOL &&
           p->text[p->tok[i].start] == c;
}

static int is_num(const parser *p, size_t i)
{
    return i < p->n && p->tok[i].type == IMR__TOK_NUMBER;
}

/* The whole number at token i when it lies in [low, high], else -1. */
static int count_at(const parser *p, size_t i, int low, int high)
{
    const imr__token *t;

    if(!is_num(p, i))
        return -1;
    t = &p->tok[i];
    if(t->flags & (IMR__NUM_DECIMAL | IMR__NUM_HUGE))
        return -1;
    return t->value >= low && t->value <= high ? t->value : -1;
}

/* Words that say a number right before them is not a count of visits. */
static int ends_count(const parser *p, size_t i)
{
    static const imr__keyword stops[] = {
        IMR__KW_X,      IMR__KW_TIMES, IMR__KW_PER,     IMR__KW_WEEK,
        IMR__KW_WEEKLY, IMR__KW_MONTH, IMR__KW_DAY,     IMR__KW_UNIT,
        IMR__KW_REFILL, IMR__KW_FORM,  IMR__KW_PER_TIME};
    size_t k;

    for(k = 0; k < sizeof(stops) / sizeof(stops[0]); k++) {
        if(is_kw(p, i, stops[k]))
            return 1;
    }
    return is_sym(p, i, '%') || is_sym(p, i, '/');
}

/* Skips up to four words between a number and "sessions": synonyms and
 * plain words ("6 additional physical therapy sessions"). */
static size_t skip_filler(const parser *p, size_t i)
{
    size_t k;

    for(k = 0; k < 4 && i < p->n; k++, i++) {
        const imr__token *t = &p->tok[i];
        if(t->type == IMR__TOK_TERM)
            continue;
        if(t->type == IMR__TOK_WORD && t->keyword == IMR__KW_NONE)
            continue;
        if(is_sym(p, i, '-'))
            continue;
        break;
    }
    return i;
}

static void set_once(int *field, int value)
{
    if(*field < 0)
        *field = value;
}

/*---- Number patterns ---------------------------------------------------*/

/* "11/11/14": a date, read past so its parts are not taken as counts. */
static size_t rule_date(parser *p, size_t i)
{
    char sep;

    if(!is_num(p, i) || i + 4 >= p->n)
        return 0;
    sep = p->text[p->tok[i + 1].start];
    if((sep != '/' && sep != '-') || !is_sym(p, i + 1, sep) ||
       !is_num(p, i + 2) || !is_sym(p, i + 3, sep) || !is_num(p, i + 4))
        return 0;
    return 5;
}

static const char *unit_at(const parser *p, size_t i)
{
    if(is_sym(p, i, '%'))
        return "%";
    if(is_kw(p, i, IMR__KW_UNIT))
        return p->tok[i].unit;
    return NULL;
}

enum { MAX_STRENGTH_PARTS = 4 };

typedef struct strength {
    size_t numbers[MAX_STRENGTH_PARTS];
    size_t count;
    const char *unit;
    const char *per; /* "hr" in "10 mcg/hr", or NULL */
} strength;

static void format_strength(const parser *p, const strength *s, char *out,
                            size_t size)
{
    char buf[64];
    size_t k, used = 0;
    int n;

    for(k = 0; k < s->count && used < sizeof(buf); k++) {
        const imr__token *t = &p->tok[s->numbers[k]];
        n = snprintf(buf + used, sizeof(buf) - used, "%s%.*s", k ? "/" : "",
                     (int)t->len, p->text + t->start);
        used += n > 0 ? (size_t)n : 0;
    }
    if(used < sizeof(buf)) {
        n = snprintf(buf + used, sizeof(buf) - used, "%s%s%s%s",
                     *s->unit && strcmp(s->unit, "%") ? " " : "", s->unit,
                     s->per ? "/" : "", s->per ? s->per : "");
        used += n > 0 ? (size_t)n : 0;
    }
    if(used < size)
        memcpy(out, buf, used + 1);
}

/* "Norco 10/325 #90": numbers over numbers with no unit are a strength
 * only when the request turns out to be for a drug. */
static size_t bare_strength(parser *p, const strength *s, size_t used)
{
    strength bare = *s;

    bare.unit = "";
    if(!p->c.bare_strength[0]) {
        format_strength(p, &bare, p->c.bare_strength,
                        sizeof(p->c.bare_strength));
        p->c.strength_token = s->numbers[0];
    }
    return used;
}

/* "10/325mg", "7.5 mg", "5%", "10mg/325mg", "20 mcg/hr". */
static size_t rule_strength(parser *p, size_t i)
{
    strength s;
    size_t j = i + 1;

    if(!is_num(p, i))
        return 0;
    memset(&s, 0, sizeof(s));
    s.numbers[s.count++] = i;
    while(s.count < MAX_STRENGTH_PARTS && is_sym(p, j, '/') &&
          is_num(p, j + 1)) {
        s.numbers[s.count++] = j + 1;
        j += 2;
    }
    s.unit = unit_at(p, j);
    if(!s.unit)
        return s.count > 1 ? bare_strength(p, &s, j - i) : 0;
    j++;
    while(s.count < MAX_STRENGTH_PARTS && is_sym(p, j, '/') &&
          is_num(p, j + 1) && unit_at(p, j + 2) &&
          strcmp(unit_at(p, j + 2), s.unit) == 0) {
        s.numbers[s.count++] = j + 1;
        j += 3;
    }
    if(is_sym(p, j, '/') &&
       (is_kw(p, j + 1, IMR__KW_PER_TIME) || is_kw(p, j + 1, IMR__KW_UNIT))) {
        s.per = p->tok[j + 1].unit;
        j += 2;
    }
    if(!p->req->strength[0]) {
        format_strength(p, &s, p->req->strength, sizeof(p->req->strength));
        if(p->req->strength[0])
            p->c.strength_token = i;
    }
    return j - i;
}

/* "#90", "qty: 60", "90 tablets". */
static size_t rule_quantity(parser *p, size_t i)
{
    size_t j = i + 1;
    int v;

    if(is_sym(p, i, '#') || is_kw(p, i, IMR__KW_QUANTITY)) {
        while(j < i + 3 &&
              (is_sym(p, j, ':') || is_sym(p, j, '#') || is_sym(p, j, '=')))
            j++;
        v = count_at(p, j, 0, 100000);
        if(v < 0)
            return 0;
        set_once(is_sym(p, i, '#') ? &p->c.hash_count : &p->c.quantity, v);
        return j + 1 - i;
    }
    v = count_at(p, i, 0, 100000);
    if(v < 0 || !is_kw(p, i + 1, IMR__KW_FORM))
        return 0;
    set_once(&p->c.form_count, v);
    return 2;
}

/* "x 2 refills", "with 1 refill", "refills: 3", "no refills". */
static size_t rule_refills(parser *p, size_t i)
{
    size_t j = i;
    int v;

    if(is_kw(p, i, IMR__KW_NO) && is_kw(p, i + 1, IMR__KW_REFILL)) {
        set_once(&p->c.refills, 0);
        return 2;
    }
    if(is_kw(p, i, IMR__KW_REFILL)) {
        j = i + 1;
        while(j < i + 3 && (is_sym(p, j, ':') || is_kw(p, j, IMR__KW_X)))
            j++;
        v = count_at(p, j, 0, 99);
        if(v < 0)
            return 0;
        set_once(&p->c.refills, v);
        return j + 1 - i;
    }
    if(is_kw(p, j, IMR__KW_X) || is_kw(p, j, IMR__KW_WITH))
        j++;
    v = count_at(p, j, 0, 99);
    if(v < 0 || !is_kw(p, j + 1, IMR__KW_REFILL))
        return 0;
    set_once(&p->c.refills, v);
    return j + 2 - i;
}

/* "2x4", "3 x 4 weeks": visits a week by weeks. */
static size_t rule_pair(parser *p, size_t i)
{
    int per_week = count_at(p, i, 1, 7), weeks;
    size_t j = i + 3;

    if(per_week < 0 || !is_kw(p, i + 1, IMR__KW_X))
        return 0;
    weeks = count_at(p, i + 2, 1, 52);
    if(weeks < 0)
        return 0;
    if(is_kw(p, j, IMR__KW_WEEK))
        j++;
    else if(ends_count(p, j) || is_kw(p, j, IMR__KW_SESSION))
        return 0;
    set_once(&p->c.per_week, per_week);
    set_once(&p->c.weeks, weeks);
    return j - i;
}

/* "2 times a week", "twice weekly", "2x/wk", "3 sessions per week",
 * "7 days a week". */
static size_t rule_per_week(parser *p, size_t i)
{
    int value = count_at(p, i, 1, 7);
    int marked = value >= 0 && (p->tok[i].flags & IMR__NUM_TIMES);
    size_t j = i + 1, k;

    if(value < 0)
        return 0;
    k = skip_filler(p, j);
    if(is_kw(p, j, IMR__KW_TIMES) || is_kw(p, j, IMR__KW_X)) {
        marked = 1;
        j++;
    }
    else if(is_kw(p, k, IMR__KW_SESSION) || is_kw(p, j, IMR__KW_DAY)) {
        marked = 1;
        j = is_kw(p, j, IMR__KW_DAY) ? j + 1 : k + 1;
    }
    if(is_kw(p, j, IMR__KW_PER) || is_sym(p, j, '/')) {
        marked = 1;
        j++;
    }
    if(is_kw(p, j, IMR__KW_WEEKLY))
        marked = 1;
    else if(!is_kw(p, j, IMR__KW_WEEK))
        return 0;
    if(!marked)
        return 0;
    set_once(&p->c.per_week, value);
    return j + 1 - i;
}

/* "for 6 weeks", "x 4 wks", "6 weeks". */
static size_t rule_weeks(parser *p, size_t i)
{
    size_t j = i;
    int weeks;

    if(is_kw(p, j, IMR__KW_FOR) || is_kw(p, j, IMR__KW_X) ||
       is_kw(p, j, IMR__KW_TIMES))
        j++;
    weeks = count_at(p, j, 1, 104);
    if(weeks < 0 || !is_kw(p, j + 1, IMR__KW_WEEK))
        return 0;
    set_once(&p->c.weeks, weeks);
    return j + 2 - i;
}

/* "x 8", "X16 visits", "12 sessions", "6 PT sessions", "visits: 12". */
static size_t rule_count(parser *p, size_t i)
{
    size_t j, k;
    int v;

    if(is_kw(p, i, IMR__KW_X) || is_kw(p, i, IMR__KW_TIMES)) {
        v = count_at(p, i + 1, 1, 1000);
        j = i + 2;
        if(v < 0 || ends_count(p, j))
            return 0;
        if(is_kw(p, j, IMR__KW_SESSION))
            j++;
        set_once(&p->c.x_count, v);
        return j - i;
    }
    if(is_kw(p, i, IMR__KW_SESSION)) {
        for(j = i + 1; j < i + 3 && (is_sym(p, j, ':') || is_sym(p, j, '#') ||
                                     is_kw(p, j, IMR__KW_X));
            j++)
            ;
        v = count_at(p, j, 1, 1000);
        if(v < 0 || ends_count(p, j + 1))
            return 0;
        set_once(&p->c.sessions, v);
        return j + 1 - i;
    }
    v = count_at(p, i, 1, 1000);
    k = skip_filler(p, i + 1);
    if(v < 0 || !is_kw(p, k, IMR__KW_SESSION))
        return 0;
    set_once(&p->c.sessions, v);
    return k + 1 - i;
}

typedef size_t (*rule_fn)(parser *p, size_t i);

/* Tried in this order at each token; the first that matches consumes. */
static const rule_fn rules[] = {rule_date,    rule_strength, rule_quantity,
                                rule_refills, rule_pair,     rule_per_week,
                                rule_weeks,   rule_count};

static void read_numbers(parser *p)
{
    size_t i = 0, k;

    while(i < p->n) {
        size_t used = 0;
        for(k = 0; !used && k < sizeof(rules) / sizeof(rules[0]); k++)
            used = rules[k](p, i);
        i += used ? used : 1;
    }
}

/*---- Words -------------------------------------------------------------*/

static void add_region(imr_request *req, const char *region)
{
    size_t k;

    for(k = 0; k < req->body_region_count; k++) {
        if(req->body_regions[k] == region)
            return;
    }
    if(req->body_region_count < IMR_REQUEST_MAX_REGIONS)
        req->body_regions[req->body_region_count++] = region;
}

static void add_side(imr_request *req, imr_laterality side)
{
    if(req->laterality == IMR_LATERALITY_NONE)
        req->laterality = side;
    else if(req->laterality != side)
        req->laterality = IMR_LATERALITY_BILATERAL;
}

static void add_level(parser *p, const imr__token *t)
{
    imr_request *req = p->req;
    char level[16];
    size_t k;
    int region;

    if(!imr__request_level(p->cat, p->text + t->start, t->len, level))
        return;
    region = p->cat->level_region[p->text[t->start] - 'a'];
    add_region(req, p->cat->regions[region].id);
    for(k = 0; k < req->level_count; k++) {
        if(strcmp(req->levels[k], level) == 0)
            return;
    }
    if(req->level_count < IMR_REQUEST_MAX_LEVELS)
        memcpy(req->levels[req->level_count++], level, sizeof(level));
}

/* The highest-ranked service named; the first of equal ranks. */
static const imr__service *main_service(const parser *p)
{
    const imr__service *best = NULL;
    size_t i;

    for(i = 0; i < p->n; i++) {
        const imr__term *term = p->tok[i].term;
        const imr__service *svc;
        if(p->tok[i].type != IMR__TOK_TERM || term->type != IMR__TERM_SERVICE)
            continue;
        svc = &p->cat->services[term->target];
        if(!best || svc->rank > best->rank)
            best = svc;
    }
    return best;
}

static void add_also(imr_request *req, const imr__service *svc)
{
    size_t k;

    if(svc->id == req->service)
        return;
    for(k = 0; k < req->also_count; k++) {
        if(req->also[k] == svc->id)
            return;
    }
    if(req->also_count < IMR_REQUEST_MAX_ALSO)
        req->also[req->also_count++] = svc->id;
}

static void copy_lower(char *out, size_t size, const char *s, size_t len)
{
    if(len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static void read_term(parser *p, const imr__term *term)
{
    imr_request *req = p->req;
    const imr__service *svc;

    if(term->type == IMR__TERM_REGION) {
        add_region(req, p->cat->regions[term->target].id);
        return;
    }
    if(term->type == IMR__TERM_SIDE) {
        add_side(req, (imr_laterality)term->target);
        return;
    }
    svc = &p->cat->services[term->target];
    if(svc->rank == p->main->rank)
        add_also(req, svc);
    if(term->is_name && !req->drug_name[0])
        copy_lower(req->drug_name, sizeof(req->drug_name), term->text,
                   term->len);
}

static void read_words(parser *p)
{
    size_t i;

    p->main = main_service(p);
    if(p->main) {
        p->req->service = p->main->id;
        p->req->service_kind = p->main->kind;
    }
    for(i = 0; i < p->n; i++) {
        const imr__token *t = &p->tok[i];
        if(t->type == IMR__TOK_TERM)
            read_term(p, t->term);
        else if(t->type == IMR__TOK_LEVEL)
            add_level(p, t);
        else if(t->type == IMR__TOK_WORD && t->keyword == IMR__KW_RETRO)
            p->req->is_retrospective = 1;
    }
}

/*---- Putting it together -----------------------------------------------*/

static int first_known(int a, int b, int c, int d)
{
    return a >= 0 ? a : b >= 0 ? b : c >= 0 ? c : d;
}

/* A drug the catalogue does not know is named by the word before its
 * strength: "Fexmid 7.5mg". */
static void guess_drug_name(parser *p)
{
    const imr__token *t;

    if(p->c.strength_token == SIZE_MAX || p->c.strength_token == 0)
        return;
    t = &p->tok[p->c.strength_token - 1];
    if(t->type == IMR__TOK_WORD && t->keyword == IMR__KW_NONE && t->len >= 3)
        copy_lower(p->req->drug_name, sizeof(p->req->drug_name),
                   p->text + t->start, t->len);
}

static void settle_counts(parser *p)
{
    imr_request *req = p->req;
    const counts *c = &p->c;

    req->per_week = c->per_week;
    req->weeks = c->weeks;
    req->is_drug = p->main ? p->main->is_drug : req->strength[0] != '\0';
    if(req->is_drug) {
        if(!req->strength[0])
            memcpy(req->strength, c->bare_strength, sizeof(req->strength));
        req->quantity =
            first_known(c->hash_count, c->quantity, c->form_count, c->x_count);
        req->refills = c->refills;
        if(!req->drug_name[0])
            guess_drug_name(p);
        return;
    }
    req->strength[0] = '\0';
    req->drug_name[0] = '\0';
    req->visits =
        first_known(c->sessions, c->x_count, c->hash_count, c->quantity);
    if(req->visits < 0 && req->per_week > 0 && req->weeks > 0)
        req->visits = req->per_week * req->weeks;
}

static void request_init(imr_request *req)
{
    memset(req, 0, sizeof(*req));
    req->visits = -1;
    req->per_week = -1;
    req->weeks = -1;
    req->quantity = -1;
    req->refills = -1;
}

static void counts_init(counts *c)
{
    c->sessions = c->x_count = c->hash_count = c->quantity = -1;
    c->form_count = c->refills = c->per_week = c->weeks = -1;
    c->strength_token = SIZE_MAX;
}

static imr_status check_text(const char *text, size_t len, imr_error *err)
{
    const char *nul = len ? memchr(text, '\0', len) : NULL;
    const char *s = text;
    size_t n = len;

    if(nul)
        return imr_error_set(err, IMR_EINPUT,
                             "the request has a NUL byte at offset %zu: it "
                             "is not text",
                             (size_t)(nul - text));
    if(n)
        imr_text_trim(&s, &n);
    if(n == 0)
        return imr_error_set(err, IMR_EINPUT, "the request is empty");
    return IMR_OK;
}

imr_status imr_request_parse(const imr_catalogue *cat, const char *text,
                             size_t len, imr_request *out, imr_error *err)
{
    char norm[IMR__REQUEST_TEXT_MAX];
    imr__token tokens[IMR__REQUEST_TOKENS_MAX];
    parser p;
    size_t norm_len;
    imr_status rc;

    IMR_ASSERT(cat && out && (text || len == 0));
    rc = check_text(text, len, err);
    if(rc != IMR_OK)
        return rc;
    request_init(out);
    memset(&p, 0, sizeof(p));
    norm_len = imr__request_normalize(cat, text, len, norm, sizeof(norm));
    p.text = norm;
    p.tok = tokens;
    p.n = imr__request_tokenize(cat, norm, norm_len, tokens,
                                IMR__REQUEST_TOKENS_MAX);
    p.cat = cat;
    p.req = out;
    counts_init(&p.c);
    read_words(&p);
    read_numbers(&p);
    settle_counts(&p);
    return IMR_OK;
}
