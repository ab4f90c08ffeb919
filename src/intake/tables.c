/* SPDX-License-Identifier: MIT */
/* The intake tables of kb/: holidays.tsv (the days state offices close),
 * specialties.tsv (who treats a service in a body region) and
 * us_states.tsv. Each is checked as it loads; a refusal names the file,
 * line and column. */
#include "imr/intake.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "intake_int.h"

enum { TABLE_MAX_BYTES = 1 << 20, TABLE_MAX_FIELDS = 4 };

typedef struct table_reader {
    imr_intake_rules *rules;
    const imr_catalogue *cat;
    const char *path;
    imr_error *err;
    size_t cap; /* of the array the current table grows */
} table_reader;

typedef imr_status (*line_reader)(table_reader *t, unsigned line,
                                  const imr_field *fields, size_t count);

static imr_status fail(table_reader *t, unsigned line, unsigned column,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static imr_status fail(table_reader *t, unsigned line, unsigned column,
                       const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    imr_error_vset(t->err, IMR_EINPUT, fmt, ap);
    va_end(ap);
    if(t->err) {
        t->err->line = line;
        t->err->column = column;
        imr_error_name_file(t->err, t->path);
    }
    return IMR_EINPUT;
}

static void *grow(void *items, size_t *cap, size_t count, size_t size)
{
    if(count < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 64;
    return imr_xrealloc(items, *cap * size);
}

static int field_is(const imr_field *f, const char *s)
{
    return f->len == strlen(s) && memcmp(f->text, s, f->len) == 0;
}

static const char *field_dup(table_reader *t, const imr_field *f)
{
    return imr_arena_strndup(t->rules->arena, f->text, f->len);
}

/*---- holidays.tsv -------------------------------------------------------*/

static imr_status read_holiday(table_reader *t, unsigned line,
                               const imr_field *f, size_t count)
{
    imr_intake_rules *r = t->rules;
    char iso[11];
    long day;

    if(count != 2)
        return fail(t, line, 1,
                    "expected DATE, a tab and the holiday's "
                    "name, found %zu field%s",
                    count, count == 1 ? "" : "s");
    if(f[0].len != 10 || imr_text_parse_date(f[0].text, 10, iso) != 10 ||
       memcmp(iso, f[0].text, 10) != 0)
        return fail(t, line, f[0].column,
                    "expected a date YYYY-MM-DD, found \"%.*s\"", (int)f[0].len,
                    f[0].text);
    day = imr__intake_day(iso);
    if(imr__intake_weekday(day) >= 5)
        return fail(t, line, f[0].column,
                    "%s is a %s: list the weekday the holiday is observed", iso,
                    imr__intake_weekday_name(day));
    if(r->holiday_count && day <= r->holidays[r->holiday_count - 1].day)
        return fail(t, line, f[0].column,
                    "%s is not after the date above it: keep the dates in "
                    "order, each once",
                    iso);
    r->holidays =
        grow(r->holidays, &t->cap, r->holiday_count, sizeof(*r->holidays));
    r->holidays[r->holiday_count].day = day;
    r->holidays[r->holiday_count].name = field_dup(t, &f[1]);
    r->holiday_count++;
    return IMR_OK;
}

/*---- specialties.tsv ----------------------------------------------------*/

static imr_status want_id(table_reader *t, unsigned line, const imr_field *f,
                          int is_service, const char **out)
{
    char id[128];

    *out = NULL;
    if(field_is(f, "*"))
        return IMR_OK;
    if(f->len >= sizeof(id))
        return fail(t, line, f->column, "this id is too long");
    memcpy(id, f->text, f->len);
    id[f->len] = '\0';
    if(is_service ? !imr_catalogue_has_service(t->cat, id)
                  : !imr_catalogue_has_region(t->cat, id))
        return fail(t, line, f->column,
                    "unknown %s \"%s\" (see kb/%s, or write *)",
                    is_service ? "service" : "body region", id,
                    is_service ? "services.tsv" : "body_regions.tsv");
    *out = field_dup(t, f);
    return IMR_OK;
}

static int same_id(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static const intake_specialty_row *
find_row(const imr_intake_rules *r, const char *service, const char *region)
{
    size_t i;
    for(i = 0; i < r->row_count; i++) {
        if(same_id(r->rows[i].service, service) &&
           same_id(r->rows[i].region, region))
            return &r->rows[i];
    }
    return NULL;
}

/* Splits "A, B, C" into the row's specialties. */
static imr_status read_specialty_list(table_reader *t, unsigned line,
                                      const imr_field *f,
                                      intake_specialty_row *row)
{
    const char *s = f->text, *end = f->text + f->len;
    size_t n = 1, i;

    for(i = 0; i < f->len; i++)
        n += f->text[i] == ',';
    row->specialties = imr_arena_alloc(t->rules->arena, n * sizeof(char *));
    while(s <= end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *item = s;
        size_t len = (size_t)((comma ? comma : end) - s);
        imr_text_trim(&item, &len);
        if(len == 0)
            return fail(t, line, f->column + (unsigned)(s - f->text),
                        "expected a specialty between the commas");
        row->specialties[row->specialty_count++] =
            imr_arena_strndup(t->rules->arena, item, len);
        if(!comma)
            break;
        s = comma + 1;
    }
    return IMR_OK;
}

static imr_status read_specialty(table_reader *t, unsigned line,
                                 const imr_field *f, size_t count)
{
    imr_intake_rules *r = t->rules;
    intake_specialty_row row;
    imr_status rc;

    memset(&row, 0, sizeof(row));
    if(count != 3)
        return fail(t, line, 1,
                    "expected SERVICE, REGION and the "
                    "specialties, separated by tabs, found "
                    "%zu field%s",
                    count, count == 1 ? "" : "s");
    rc = want_id(t, line, &f[0], 1, &row.service);
    if(rc == IMR_OK)
        rc = want_id(t, line, &f[1], 0, &row.region);
    if(rc == IMR_OK && find_row(r, row.service, row.region))
        rc = fail(t, line, 1, "%.*s in %.*s is already listed above",
                  (int)f[0].len, f[0].text, (int)f[1].len, f[1].text);
    if(rc == IMR_OK)
        rc = read_specialty_list(t, line, &f[2], &row);
    if(rc != IMR_OK)
        return rc;
    r->rows = grow(r->rows, &t->cap, r->row_count, sizeof(*r->rows));
    r->rows[r->row_count++] = row;
    return IMR_OK;
}

const intake_specialty_row *
imr__intake_specialties(const imr_intake_rules *rules, const char *service,
                        const char *region)
{
    const intake_specialty_row *row = NULL;

    if(service && region)
        row = find_row(rules, service, region);
    if(!row && service)
        row = find_row(rules, service, NULL);
    if(!row && region)
        row = find_row(rules, NULL, region);
    if(!row)
        row = find_row(rules, NULL, NULL);
    return row;
}

/*---- us_states.tsv ------------------------------------------------------*/

static imr_status read_state(table_reader *t, unsigned line, const imr_field *f,
                             size_t count)
{
    imr_intake_rules *r = t->rules;

    if(count != 2)
        return fail(t, line, 1,
                    "expected the postal code, a tab and the "
                    "state's name, found %zu field%s",
                    count, count == 1 ? "" : "s");
    if(f[0].len != 2 || f[0].text[0] < 'A' || f[0].text[0] > 'Z' ||
       f[0].text[1] < 'A' || f[0].text[1] > 'Z')
        return fail(t, line, f[0].column,
                    "expected a two-letter postal code such as CA, found "
                    "\"%.*s\"",
                    (int)f[0].len, f[0].text);
    r->states = grow(r->states, &t->cap, r->state_count, sizeof(*r->states));
    r->states[r->state_count].code = field_dup(t, &f[0]);
    r->states[r->state_count].name = field_dup(t, &f[1]);
    r->state_count++;
    return IMR_OK;
}

const char *imr__intake_us_state(const imr_intake_rules *rules,
                                 const char *state)
{
    size_t i;
    for(i = 0; i < rules->state_count; i++) {
        if(imr__intake_same_value(state, rules->states[i].code) ||
           imr__intake_same_value(state, rules->states[i].name))
            return rules->states[i].name;
    }
    return NULL;
}

/*---- Files --------------------------------------------------------------*/

static imr_status read_lines(table_reader *t, const char *text, size_t len,
                             line_reader reader)
{
    const char *s = text, *end = text + len;
    unsigned line = 0;

    while(s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);
        imr_field fields[TABLE_MAX_FIELDS];
        size_t count;
        imr_status rc;

        line++;
        if(n && s[n - 1] == '\r')
            n--;
        count = imr_text_split_fields(s, n, fields, TABLE_MAX_FIELDS);
        s = nl ? nl + 1 : end;
        if(count == 0 || fields[0].text[0] == '#')
            continue;
        rc = reader(t, line, fields,
                    count < TABLE_MAX_FIELDS ? count : TABLE_MAX_FIELDS);
        if(rc != IMR_OK)
            return rc;
    }
    return IMR_OK;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Reads kb_dir/name, or the default knowledge base's when kb_dir has
 * none, line by line. */
static imr_status read_table(table_reader *t, const char *kb_dir,
                             const char *name, line_reader reader)
{
    imr_buf path;
    char *text = NULL;
    size_t len = 0;
    imr_status rc;

    imr_buf_init(&path);
    imr_buf_printf(&path, "%s/%s", kb_dir, name);
    if(!file_exists(path.data)) {
        imr_buf_reset(&path);
        imr_buf_printf(&path, "%s/%s", imr_kb_default_dir(), name);
    }
    t->path = path.data;
    t->cap = 0;
    rc = imr_file_read(path.data, TABLE_MAX_BYTES, &text, &len, t->err);
    if(rc == IMR_OK)
        rc = read_lines(t, text, len, reader);
    free(text);
    imr_buf_fini(&path);
    return rc;
}

/* The years the holidays cover: from the first listed to the last. */
static void note_years(imr_intake_rules *r)
{
    char iso[11];
    if(r->holiday_count == 0)
        return;
    imr__intake_iso(r->holidays[0].day, iso);
    r->first_year = (int)strtol(iso, NULL, 10);
    imr__intake_iso(r->holidays[r->holiday_count - 1].day, iso);
    r->last_year = (int)strtol(iso, NULL, 10);
}

imr_status imr_intake_rules_load(const char *kb_dir, const imr_catalogue *cat,
                                 imr_intake_rules **out, imr_error *err)
{
    imr_intake_rules *r = imr_xcalloc(1, sizeof(*r));
    table_reader t;
    imr_status rc;

    r->arena = imr_arena_new();
    memset(&t, 0, sizeof(t));
    t.rules = r;
    t.cat = cat;
    t.err = err;
    rc = read_table(&t, kb_dir, "holidays.tsv", read_holiday);
    if(rc == IMR_OK)
        rc = read_table(&t, kb_dir, "specialties.tsv", read_specialty);
    if(rc == IMR_OK)
        rc = read_table(&t, kb_dir, "us_states.tsv", read_state);
    if(rc != IMR_OK) {
        imr_intake_rules_free(r);
        return rc;
    }
    note_years(r);
    *out = r;
    return IMR_OK;
}

void imr_intake_rules_free(imr_intake_rules *rules)
{
    if(!rules)
        return;
    imr_arena_free(rules->arena);
    free(rules->holidays);
    free(rules->rows);
    free(rules->states);
    free(rules);
}

void imr_intake_rules_counts(const imr_intake_rules *rules, size_t *holidays,
                             int *first_year, int *last_year,
                             size_t *specialty_rows, size_t *states)
{
    *holidays = rules->holiday_count;
    *first_year = rules->first_year;
    *last_year = rules->last_year;
    *specialty_rows = rules->row_count;
    *states = rules->state_count;
}
