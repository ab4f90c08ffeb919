/* SPDX-License-Identifier: MIT */
/* The tables rules are checked against: the vocabulary of variables with
 * their types (vocabulary.tsv), the service ids (services.tsv, its
 * `service` lines) and the body regions (body_regions.tsv, its `region`
 * lines). */
#include "imr/kb.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kb_int.h"

enum { TABLE_MAX_BYTES = 4 << 20, TABLE_MAX_FIELDS = 4 };

/* One line of a table, split at runs of tabs. */
typedef struct table_line {
    const char *field[TABLE_MAX_FIELDS];
    size_t len[TABLE_MAX_FIELDS];
    unsigned column[TABLE_MAX_FIELDS];
    size_t count; /* fields found, at most TABLE_MAX_FIELDS */
    unsigned line;
} table_line;

typedef imr_status (*line_reader)(kb_tables *t, const char *path,
                                  const table_line *tl, imr_error *err);

const char *imr__kb_type_name(kb_type type)
{
    switch(type) {
    case KB_TYPE_NUMBER:
        return "number";
    case KB_TYPE_BOOLEAN:
        return "boolean";
    case KB_TYPE_TEXT:
        return "text";
    }
    return "value";
}

/* Splits s[0..n) at runs of tabs; the last field takes the rest. */
static void split_line(const char *s, size_t n, unsigned line, table_line *tl)
{
    size_t i = 0;

    memset(tl, 0, sizeof(*tl));
    tl->line = line;
    while(i < n && tl->count < TABLE_MAX_FIELDS) {
        size_t start = i;
        if(tl->count + 1 < TABLE_MAX_FIELDS) {
            while(i < n && s[i] != '\t')
                i++;
        } else {
            i = n;
        }
        tl->field[tl->count] = s + start;
        tl->len[tl->count] = i - start;
        tl->column[tl->count] = (unsigned)start + 1;
        tl->count++;
        while(i < n && s[i] == '\t')
            i++;
    }
}

static int is_name(const char *s, size_t n)
{
    size_t i;

    if(n == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
        return 0;
    for(i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                 (c == '.' && i + 1 < n && s[i + 1] != '.');
        if(!ok)
            return 0;
    }
    return s[n - 1] != '.';
}

static int field_is(const table_line *tl, size_t i, const char *word)
{
    return i < tl->count && strlen(word) == tl->len[i] &&
           memcmp(tl->field[i], word, tl->len[i]) == 0;
}

/* Adds field `i` of the line to `set`, refusing a bad or repeated name. */
static imr_status add_name(kb_tables *t, kb_names *set, size_t value,
                           const char *path, const table_line *tl, size_t i,
                           imr_error *err)
{
    char *name;
    size_t existing;

    if(i >= tl->count || !is_name(tl->field[i], tl->len[i]))
        return imr__kb_refuse(err, path, tl->line,
                              i < tl->count ? tl->column[i] : 1,
                              "expected a name in lower snake case");
    name = imr_arena_strndup(t->arena, tl->field[i], tl->len[i]);
    if(!imr__kb_names_add(set, name, value, &existing))
        return imr__kb_refuse(err, path, tl->line, tl->column[i],
                              "\"%s\" is listed twice", name);
    return IMR_OK;
}

static imr_status read_variable(kb_tables *t, const char *path,
                                const table_line *tl, imr_error *err)
{
    static const char *const names[] = {"number", "boolean", "text"};
    size_t k, index = t->variables.count;

    if(tl->count < 3)
        return imr__kb_refuse(err, path, tl->line, 1,
                              "expected NAME<TAB>TYPE<TAB>MEANING");
    for(k = 0; k < 3; k++) {
        if(field_is(tl, 1, names[k]))
            break;
    }
    if(k == 3)
        return imr__kb_refuse(err, path, tl->line, tl->column[1],
                              "expected a type (number, boolean or text), "
                              "found \"%.*s\"",
                              (int)tl->len[1], tl->field[1]);
    t->types = imr_xrealloc(t->types, (index + 1) * sizeof(*t->types));
    t->types[index] = (kb_type)(KB_TYPE_NUMBER + (int)k);
    return add_name(t, &t->variables, index, path, tl, 0, err);
}

static imr_status read_service(kb_tables *t, const char *path,
                               const table_line *tl, imr_error *err)
{
    if(!field_is(tl, 0, "service"))
        return IMR_OK;
    return add_name(t, &t->services, t->services.count, path, tl, 1, err);
}

static imr_status read_region(kb_tables *t, const char *path,
                              const table_line *tl, imr_error *err)
{
    if(!field_is(tl, 0, "region"))
        return IMR_OK;
    if(field_is(tl, 1, "any"))
        return imr__kb_refuse(err, path, tl->line, tl->column[1],
                              "\"any\" is reserved for every region");
    return add_name(t, &t->regions, t->regions.count, path, tl, 1, err);
}

/* Reads the lines of a table that are neither blank nor comments. */
static imr_status read_lines(kb_tables *t, const char *path, const char *text,
                             size_t len, line_reader reader, imr_error *err)
{
    size_t at = 0;
    unsigned line = 0;
    imr_status rc = IMR_OK;

    while(rc == IMR_OK && at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + at;
        size_t n = end - at;
        table_line tl;
        line++;
        at = end + 1;
        while(n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if(n == 0 || s[0] == '#')
            continue;
        split_line(s, n, line, &tl);
        rc = reader(t, path, &tl, err);
    }
    return rc;
}

static void join_path(imr_buf *out, const char *dir, const char *name)
{
    size_t n = strlen(dir);

    imr_buf_reset(out);
    while(n > 1 && dir[n - 1] == '/')
        n--;
    imr_buf_append(out, dir, n);
    imr_buf_putc(out, '/');
    imr_buf_puts(out, name);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static imr_status read_table(kb_tables *t, const char *dir,
                             const char *fallback_dir, const char *name,
                             line_reader reader, imr_error *err)
{
    imr_buf path;
    char *text = NULL;
    size_t len = 0;
    imr_status rc;

    imr_buf_init(&path);
    join_path(&path, dir, name);
    if(fallback_dir && !file_exists(path.data))
        join_path(&path, fallback_dir, name);
    rc = imr_file_read(path.data, TABLE_MAX_BYTES, &text, &len, err);
    if(rc == IMR_OK)
        rc = read_lines(t, path.data, text, len, reader, err);
    if(rc == IMR_OK && reader == read_variable)
        t->vocabulary_hash = imr__kb_fnv1a(KB_FNV_SEED, text, len);
    free(text);
    imr_buf_fini(&path);
    return rc;
}

imr_status imr__kb_tables_load(const char *dir, const char *fallback_dir,
                               kb_tables **out, imr_error *err)
{
    kb_tables *t = imr_xcalloc(1, sizeof(*t));
    imr_status rc;

    t->arena = imr_arena_new();
    imr__kb_names_init(&t->variables);
    imr__kb_names_init(&t->services);
    imr__kb_names_init(&t->regions);
    rc = read_table(t, dir, fallback_dir, "vocabulary.tsv", read_variable, err);
    if(rc == IMR_OK)
        rc =
            read_table(t, dir, fallback_dir, "services.tsv", read_service, err);
    if(rc == IMR_OK)
        rc = read_table(t, dir, fallback_dir, "body_regions.tsv", read_region,
                        err);
    if(rc != IMR_OK) {
        imr__kb_tables_free(t);
        return rc;
    }
    *out = t;
    return IMR_OK;
}

void imr__kb_tables_free(kb_tables *tables)
{
    if(!tables)
        return;
    imr__kb_names_fini(&tables->variables);
    imr__kb_names_fini(&tables->services);
    imr__kb_names_fini(&tables->regions);
    free(tables->types);
    imr_arena_free(tables->arena);
    free(tables);
}
