/* SPDX-License-Identifier: MIT */
/* The store's public functions for cases, determinations and the audit
 * log: picks the backend from the URL, applies the migrations, checks
 * inputs, and wraps each change and its audit row in one transaction. All
 * the SQL is here, in the dialect both databases share; the backends only
 * run it. Reviewers, assignments, deadlines and facts are in process.c. */
#include "imr/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imr/json.h"
#include "store_int.h"

#define PREFIX_IS(s, p) (strncmp((s), (p), sizeof(p) - 1) == 0)

/*---- Parameters and rows ------------------------------------------------*/

imr__store_param imr__store_text(const char *s)
{
    return imr__store_bytes(s, s ? strlen(s) : 0);
}

imr__store_param imr__store_bytes(const char *s, size_t len)
{
    imr__store_param p;
    memset(&p, 0, sizeof(p));
    p.type = s ? IMR__STORE_TEXT : IMR__STORE_NULL;
    p.text = s;
    p.len = len;
    return p;
}

imr__store_param imr__store_int(long long n)
{
    imr__store_param p;
    memset(&p, 0, sizeof(p));
    p.type = IMR__STORE_INT;
    p.number = n;
    return p;
}

long long imr__store_row_int(const imr__store_row *row, size_t i)
{
    IMR_ASSERT(i < row->count);
    return row->text[i] ? strtoll(row->text[i], NULL, 10) : 0;
}

const char *imr__store_row_text(const imr__store_row *row, size_t i)
{
    IMR_ASSERT(i < row->count);
    return row->text[i] ? row->text[i] : "";
}

imr_status imr__store_exec(imr_store *store, const imr__store_query *q,
                           const imr__store_param *params, size_t count,
                           long long *rows, imr_error *err)
{
    return store->backend->run(store, q, params, count, NULL, NULL, rows, err);
}

static int first_number(const imr__store_row *row, void *data)
{
    *(long long *)data = imr__store_row_int(row, 0);
    return 1;
}

imr_status imr__store_number(imr_store *store, const imr__store_query *q,
                             const imr__store_param *params, size_t count,
                             long long *out, imr_error *err)
{
    long long rows = 0, value = 0;
    imr_status rc = store->backend->run(store, q, params, count, first_number,
                                        &value, &rows, err);
    if(rc == IMR_OK && rows == 0)
        return IMR_ENOTFOUND;
    if(rc == IMR_OK)
        *out = value;
    return rc;
}

imr_status imr__store_insert_id(imr_store *store, const imr__store_query *q,
                                const imr__store_param *params, size_t count,
                                const char *what, long long *id,
                                imr_error *err)
{
    imr_status rc = imr__store_number(store, q, params, count, id, err);
    if(rc == IMR_ENOTFOUND)
        return imr_error_set(err, IMR_EIO, "the new %s has no id", what);
    return rc;
}

imr_status imr__store_table_exists(imr_store *store,
                                   const imr__store_query *count_tables,
                                   const char *table, int *exists,
                                   imr_error *err)
{
    imr__store_param p[1];
    long long n = 0;
    imr_status rc;

    p[0] = imr__store_text(table);
    rc = imr__store_number(store, count_tables, p, 1, &n, err);
    *exists = rc == IMR_OK && n > 0;
    return rc == IMR_ENOTFOUND ? IMR_OK : rc;
}

/* Appends column `i` of a row to `out`; "" for NULL. */
static void append_column(imr_buf *out, const imr__store_row *row, size_t i)
{
    if(row->text[i])
        imr_buf_append(out, row->text[i], row->len[i]);
    else
        imr_buf_puts(out, "");
}

static int first_text(const imr__store_row *row, void *data)
{
    append_column(data, row, 0);
    return 1;
}

imr_status imr__store_text_of(imr_store *store, const imr__store_query *q,
                              const imr__store_param *params, size_t count,
                              imr_buf *out, imr_error *err)
{
    long long rows = 0;
    imr_status rc = store->backend->run(store, q, params, count, first_text,
                                        out, &rows, err);
    if(rc == IMR_OK && rows == 0)
        return IMR_ENOTFOUND;
    return rc;
}

/*---- Validation ---------------------------------------------------------*/

/* Where `s` stops being UTF-8 (a NUL counts as a stop), or `len`. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while(i < len) {
        unsigned long cp = s[i], min;
        size_t n, k;
        if(cp == 0)
            return i;
        if(cp < 0x80) {
            i++;
            continue;
        }
        if(cp >= 0xC2 && cp <= 0xDF) {
            n = 1, min = 0x80, cp &= 0x1F;
        } else if(cp >= 0xE0 && cp <= 0xEF) {
            n = 2, min = 0x800, cp &= 0x0F;
        } else if(cp >= 0xF0 && cp <= 0xF4) {
            n = 3, min = 0x10000, cp &= 0x07;
        } else
            return i;
        if(len - i <= n)
            return i;
        for(k = 1; k <= n; k++) {
            if((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if(cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

imr_status imr__store_check_text(const char *what, const char *s, size_t len,
                                 imr_error *err)
{
    size_t good = utf8_valid_prefix((const unsigned char *)s, len);
    /* Bytes are counted from 1, as cmp counts them. */
    if(good == len)
        return IMR_OK;
    if(s[good] == '\0')
        return imr_error_set(err, IMR_EINPUT, "%s holds a NUL byte (byte %zu)",
                             what, good + 1);
    return imr_error_set(err, IMR_EINPUT,
                         "%s is not UTF-8 text: byte %zu is 0x%02x", what,
                         good + 1, (unsigned)(unsigned char)s[good]);
}

imr_status imr__store_check_name(const char *what, const char *s,
                                 imr_error *err)
{
    if(!s || !s[0])
        return imr_error_set(err, IMR_EUSAGE, "no %s given", what);
    return imr__store_check_text(what, s, strlen(s), err);
}

imr_status imr__store_check_who(const imr_store_who *who, imr_error *err)
{
    imr_status rc;
    if(!who || !who->actor || !who->actor[0] || !who->origin ||
       !who->origin[0] || !who->at || !who->at[0])
        return imr_error_set(err, IMR_EUSAGE,
                             "every change needs an actor, an origin and a "
                             "time");
    rc = imr__store_check_name("the actor", who->actor, err);
    if(rc == IMR_OK)
        rc = imr__store_check_name("the origin", who->origin, err);
    if(rc == IMR_OK)
        rc = imr__store_check_name("the time", who->at, err);
    return rc;
}

/*---- Open, close and migrations -----------------------------------------*/

static const imr__store_query max_version = {
    "SELECT coalesce(max(version), 0) FROM schema_version",
    "cannot read the schema version"};

static const imr__store_query record_version = {
    "INSERT INTO schema_version (version, name) VALUES ($1, $2)",
    "cannot record the schema version"};

static imr_status stored_version(imr_store *store, int *version,
                                 imr_error *err)
{
    int exists = 0;
    long long v = 0;
    imr_status rc =
        store->backend->has_table(store, "schema_version", &exists, err);

    *version = 0;
    if(rc != IMR_OK || !exists)
        return rc;
    rc = imr__store_number(store, &max_version, NULL, 0, &v, err);
    if(rc == IMR_ENOTFOUND)
        rc = imr_error_set(err, IMR_EIO, "cannot read the schema version");
    *version = (int)v;
    return rc;
}

/* Applies one migration unless the database already has it. The version
 * is read again inside the write transaction, because another process may
 * have applied it since this one looked. */
static imr_status apply_migration(imr_store *store,
                                  const imr__store_migration *m,
                                  imr_error *err)
{
    const imr__store_backend *b = store->backend;
    imr__store_param params[2];
    int version = 0;
    imr_status rc = b->begin(store, err);

    if(rc != IMR_OK)
        return rc;
    rc = stored_version(store, &version, err);
    if(rc == IMR_OK && version < m->version) {
        rc = b->exec_script(store, m->sql, err);
        if(rc != IMR_OK && err) {
            char message[sizeof(err->message)];
            snprintf(message, sizeof(message), "%s", err->message);
            imr_error_set(err, rc, "migration %04d_%s: %s", m->version,
                          m->name, message);
        }
        params[0] = imr__store_int(m->version);
        params[1] = imr__store_text(m->name);
        if(rc == IMR_OK)
            rc = imr__store_exec(store, &record_version, params, 2, NULL, err);
    }
    return imr__store_finish(store, rc, err);
}

static imr_status migrate(imr_store *store, imr_error *err)
{
    const imr__store_backend *b = store->backend;
    const imr__store_migration *list = b->migrations;
    size_t count = *b->migration_count, i;
    int latest = list[count - 1].version, version = 0;
    imr_status rc = stored_version(store, &version, err);

    if(rc != IMR_OK || version == latest)
        return rc;
    if(version > latest)
        return imr_error_set(err, IMR_EUNSUPPORTED,
                             "the database's schema is at version %d, newer "
                             "than this imr knows (%d): use a newer imr",
                             version, latest);
    if(b->lock_schema)
        rc = b->lock_schema(store, err);
    for(i = 0; rc == IMR_OK && i < count; i++)
        if(list[i].version > version)
            rc = apply_migration(store, &list[i], err);
    if(b->unlock_schema)
        b->unlock_schema(store);
    return rc;
}

/* The URL for messages, with the password of "user:password@" or of a
 * "password=" parameter replaced by "***". */
static char *hide_password(const char *url)
{
    const char *authority = strstr(url, "://");
    const char *end, *at, *colon, *param;
    imr_buf out;

    imr_buf_init(&out);
    if(!authority) {
        imr_buf_puts(&out, url);
        return imr_buf_take(&out);
    }
    authority += 3;
    end = authority + strcspn(authority, "/?#");
    at = memchr(authority, '@', (size_t)(end - authority));
    colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
    if(colon) {
        imr_buf_append(&out, url, (size_t)(colon + 1 - url));
        imr_buf_puts(&out, "***");
        url = at;
    }
    while((param = strstr(url, "password=")) != NULL) {
        param += sizeof("password=") - 1;
        imr_buf_append(&out, url, (size_t)(param - url));
        imr_buf_puts(&out, "***");
        url = param + strcspn(param, "&#");
    }
    imr_buf_puts(&out, url);
    return imr_buf_take(&out);
}

/* The backend a URL names, and what it is given to open. */
static imr_status pick_backend(const char *url,
                               const imr__store_backend **backend,
                               const char **location, imr_error *err)
{
    if(!url || !url[0])
        return imr_error_set(err, IMR_EUSAGE, "no database given");
    *backend = &imr__store_sqlite;
    *location = url;
    if(PREFIX_IS(url, "postgresql://") || PREFIX_IS(url, "postgres://"))
        *backend = &imr__store_postgres;
    else if(PREFIX_IS(url, "sqlite:"))
        *location = url + sizeof("sqlite:") - 1;
    else if(strstr(url, "://"))
        return imr_error_set(err, IMR_EUSAGE,
                             "\"%.*s\": unknown kind of database (a file, "
                             "sqlite:FILE or postgresql://...)",
                             (int)(strstr(url, "://") - url), url);
    if(!(*location)[0])
        return imr_error_set(err, IMR_EUSAGE, "\"%s\": no file named", url);
    return IMR_OK;
}

imr_status imr_store_open(const char *url, imr_store **out, imr_error *err)
{
    const imr__store_backend *backend = NULL;
    const char *location = NULL;
    imr_store *store;
    imr_status rc = pick_backend(url, &backend, &location, err);

    if(rc != IMR_OK)
        return rc;
    store = imr_xcalloc(1, sizeof(*store));
    store->backend = backend;
    store->where = hide_password(location);
    rc = backend->open(store, location, err);
    if(rc == IMR_OK) {
        rc = migrate(store, err);
        if(rc != IMR_OK) {
            imr_error_name_file(err, store->where);
            backend->close(store);
        }
    }
    if(rc != IMR_OK) {
        free(store->where);
        free(store);
        return rc;
    }
    *out = store;
    return IMR_OK;
}

void imr_store_close(imr_store *store)
{
    if(!store)
        return;
    store->backend->close(store);
    free(store->where);
    free(store);
}

/*---- Changes ------------------------------------------------------------*/

static const imr__store_query insert_audit = {
    "INSERT INTO audit_log (at, actor, origin, action, case_id, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6)",
    "cannot write the audit log"};

static const imr__store_query case_exists = {
    "SELECT id FROM cases WHERE id = $1", "cannot read the cases"};

imr_status imr__store_finish(imr_store *store, imr_status rc, imr_error *err)
{
    if(rc == IMR_OK)
        rc = store->backend->commit(store, err);
    if(rc != IMR_OK)
        store->backend->rollback(store);
    return rc;
}

imr_status imr__store_audit(imr_store *store, const imr_store_who *who,
                            const char *action, long long case_id,
                            const char *detail, imr_error *err)
{
    imr__store_param p[6];
    p[0] = imr__store_text(who->at);
    p[1] = imr__store_text(who->actor);
    p[2] = imr__store_text(who->origin);
    p[3] = imr__store_text(action);
    p[4] = case_id > 0 ? imr__store_int(case_id) : imr__store_text(NULL);
    p[5] = imr__store_text(detail && detail[0] ? detail : NULL);
    return imr__store_exec(store, &insert_audit, p, 6, NULL, err);
}

imr_status imr__store_case_exists(imr_store *store, long long case_id,
                                  imr_error *err)
{
    imr__store_param p[1];
    long long id = 0;
    imr_status rc;

    p[0] = imr__store_int(case_id);
    rc = imr__store_number(store, &case_exists, p, 1, &id, err);
    if(rc == IMR_ENOTFOUND)
        return imr_error_set(err, IMR_ENOTFOUND, "no case %lld", case_id);
    return rc;
}

/*---- Cases --------------------------------------------------------------*/

static const imr__store_query insert_case_row = {
    "INSERT INTO cases (case_number, added_at, json) VALUES ($1, $2, $3) "
    "RETURNING id",
    "cannot store the case"};

static const imr__store_query insert_request = {
    "INSERT INTO requests (case_id, position, text) VALUES ($1, $2, $3)",
    "cannot store a request"};

static const imr__store_query insert_record = {
    "INSERT INTO records (case_id, position, date, kind, author, text) "
    "VALUES ($1, $2, $3, $4, $5, $6)",
    "cannot store a record"};

static const imr__store_query insert_application = {
    "INSERT INTO applications (case_id, received, signed, ur_attached, "
    "expedited, filed_by, json) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    "cannot store the application"};

static imr_status insert_requests(imr_store *store, long long case_id,
                                  const imr_case *c, imr_error *err)
{
    imr__store_param p[3];
    size_t i;
    imr_status rc = IMR_OK;

    for(i = 0; rc == IMR_OK && i < c->request_count; i++) {
        p[0] = imr__store_int(case_id);
        p[1] = imr__store_int((long long)i);
        p[2] = imr__store_text(c->requests[i]);
        rc = imr__store_exec(store, &insert_request, p, 3, NULL, err);
    }
    return rc;
}

static imr_status insert_records(imr_store *store, long long case_id,
                                 const imr_case *c, imr_error *err)
{
    imr__store_param p[6];
    size_t i;
    imr_status rc = IMR_OK;

    for(i = 0; rc == IMR_OK && i < c->record_count; i++) {
        const imr_case_record *r = &c->records[i];
        p[0] = imr__store_int(case_id);
        p[1] = imr__store_int((long long)i);
        p[2] = imr__store_text(r->date);
        p[3] = imr__store_text(r->kind);
        p[4] = imr__store_text(r->author);
        p[5] = imr__store_text(r->text ? r->text : "");
        rc = imr__store_exec(store, &insert_record, p, 6, NULL, err);
    }
    return rc;
}

/* The case file's "application" object, read for its own table: its
 * fields as the case file gives them (validating them is the intake's
 * business) and its compact JSON. */
typedef struct application {
    cJSON *root;
    const cJSON *object; /* NULL when the case file has none */
    imr_buf json;
} application;

static void application_read(application *a, const char *json, size_t len)
{
    const cJSON *object;
    memset(a, 0, sizeof(*a));
    imr_buf_init(&a->json);
    a->root = cJSON_ParseWithLength(json, len);
    object = cJSON_GetObjectItemCaseSensitive(a->root, "application");
    if(cJSON_IsObject(object)) {
        a->object = object;
        imr_json_print(object, IMR_JSON_COMPACT, &a->json);
    }
}

static void application_fini(application *a)
{
    cJSON_Delete(a->root);
    imr_buf_fini(&a->json);
}

static imr__store_param string_field(const cJSON *object, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(object, key);
    return imr__store_text(cJSON_IsString(v) ? v->valuestring : NULL);
}

/* "1" or "0", which SQLite keeps as an integer and PostgreSQL reads as a
 * boolean; NULL when the field is not true or false. */
static imr__store_param flag_field(const cJSON *object, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(object, key);
    if(!cJSON_IsBool(v))
        return imr__store_text(NULL);
    return imr__store_text(cJSON_IsTrue(v) ? "1" : "0");
}

static imr_status store_application(imr_store *store, long long case_id,
                                    const application *a, imr_error *err)
{
    imr__store_param p[7];
    if(!a->object)
        return IMR_OK;
    p[0] = imr__store_int(case_id);
    p[1] = string_field(a->object, "received");
    p[2] = flag_field(a->object, "signed");
    p[3] = flag_field(a->object, "ur_attached");
    p[4] = flag_field(a->object, "expedited");
    p[5] = string_field(a->object, "filed_by");
    p[6] = imr__store_bytes(a->json.data, a->json.len);
    return imr__store_exec(store, &insert_application, p, 7, NULL, err);
}

static imr_status insert_case(imr_store *store, const imr_case *c,
                              const char *json, size_t len,
                              const imr_store_who *who, long long *case_id,
                              imr_error *err)
{
    imr__store_param p[3];
    application app;
    long long id = 0;
    imr_status rc;

    application_read(&app, json, len);
    rc = store->backend->begin(store, err);
    if(rc != IMR_OK) {
        application_fini(&app);
        return rc;
    }
    p[0] = imr__store_text(c->case_number);
    p[1] = imr__store_text(who->at);
    p[2] = imr__store_bytes(json, len);
    rc = imr__store_insert_id(store, &insert_case_row, p, 3, "case", &id, err);
    if(rc == IMR_OK)
        rc = insert_requests(store, id, c, err);
    if(rc == IMR_OK)
        rc = insert_records(store, id, c, err);
    if(rc == IMR_OK)
        rc = store_application(store, id, &app, err);
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "case.add", id, c->case_number, err);
    rc = imr__store_finish(store, rc, err);
    if(rc == IMR_OK)
        *case_id = id;
    application_fini(&app);
    return rc;
}

imr_status imr_store_case_add(imr_store *store, const char *json, size_t len,
                              const imr_store_who *who, long long *case_id,
                              imr_error *err)
{
    imr_arena *arena;
    imr_case *c = NULL;
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = imr__store_check_text("the case file", json, len, err);
    if(rc != IMR_OK)
        return rc;
    arena = imr_arena_new();
    rc = imr_case_parse(json, len, arena, &c, err);
    if(rc == IMR_OK)
        rc = insert_case(store, c, json, len, who, case_id, err);
    imr_arena_free(arena);
    return rc;
}

static const imr__store_query list_cases = {
    "SELECT c.id, c.case_number, c.added_at, "
    "(SELECT count(*) FROM requests r WHERE r.case_id = c.id), "
    "(SELECT count(*) FROM determinations d WHERE d.case_id = c.id) "
    "FROM cases c ORDER BY c.id",
    "cannot list the cases"};

typedef struct case_listing {
    imr_store_case_fn fn;
    void *data;
} case_listing;

static int case_row(const imr__store_row *row, void *data)
{
    const case_listing *l = data;
    imr_store_case_row r;
    r.id = imr__store_row_int(row, 0);
    r.case_number = imr__store_row_text(row, 1);
    r.added_at = imr__store_row_text(row, 2);
    r.request_count = imr__store_row_int(row, 3);
    r.determination_count = imr__store_row_int(row, 4);
    return l->fn(&r, l->data);
}

imr_status imr_store_case_list(imr_store *store, imr_store_case_fn fn,
                               void *data, imr_error *err)
{
    case_listing l;
    l.fn = fn;
    l.data = data;
    return store->backend->run(store, &list_cases, NULL, 0, case_row, &l,
                               NULL, err);
}

static const imr__store_query case_json = {
    "SELECT json FROM cases WHERE id = $1", "cannot read the case"};

imr_status imr_store_case_get(imr_store *store, long long case_id,
                              imr_buf *json, imr_error *err)
{
    imr__store_param p[1];
    imr_status rc;

    p[0] = imr__store_int(case_id);
    rc = imr__store_text_of(store, &case_json, p, 1, json, err);
    if(rc == IMR_ENOTFOUND)
        return imr_error_set(err, IMR_ENOTFOUND, "no case %lld", case_id);
    return rc;
}

/*---- Determinations -----------------------------------------------------*/

static const imr__store_query insert_determination = {
    "INSERT INTO determinations (case_id, kb_version, decided_on, "
    "decided_at, json) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    "cannot store the determination"};

static const imr__store_query latest_determination = {
    "SELECT json FROM determinations WHERE case_id = $1 "
    "ORDER BY id DESC LIMIT 1",
    "cannot read the determinations"};

static const imr__store_query latest_determination_meta = {
    "SELECT kb_version, decided_on, json FROM determinations "
    "WHERE case_id = $1 ORDER BY id DESC LIMIT 1",
    "cannot read the determinations"};

static imr_status check_determination(const char *kb_version,
                                      const char *json, size_t len,
                                      imr_error *err)
{
    if(!kb_version || !kb_version[0])
        return imr_error_set(err, IMR_EUSAGE,
                             "a determination needs its knowledge-base "
                             "version");
    if(!json)
        return imr_error_set(err, IMR_EUSAGE, "no determination given");
    return imr__store_check_text("the determination", json, len, err);
}

static imr_status insert_decision(imr_store *store, long long case_id,
                                  const char *kb_version,
                                  const char *decided_on, const char *json,
                                  size_t len, const imr_store_who *who,
                                  long long *id, imr_error *err)
{
    imr__store_param p[5];
    char detail[300];
    imr_status rc = imr__store_case_exists(store, case_id, err);

    p[0] = imr__store_int(case_id);
    p[1] = imr__store_text(kb_version);
    p[2] = imr__store_text(decided_on);
    p[3] = imr__store_text(who->at);
    p[4] = imr__store_bytes(json, len);
    if(rc == IMR_OK)
        rc = imr__store_insert_id(store, &insert_determination, p, 5,
                                  "determination", id, err);
    snprintf(detail, sizeof(detail), "determination %lld, knowledge base %s",
             *id, kb_version);
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "determination.add", case_id, detail,
                              err);
    return rc;
}

imr_status imr_store_determination_add(imr_store *store, long long case_id,
                                       const char *kb_version,
                                       const char *decided_on, const char *json,
                                       size_t len, const imr_store_who *who,
                                       long long *determination_id,
                                       imr_error *err)
{
    long long id = 0;
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = check_determination(kb_version, json, len, err);
    if(rc == IMR_OK)
        rc = store->backend->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    rc = insert_decision(store, case_id, kb_version, decided_on, json, len,
                         who, &id, err);
    rc = imr__store_finish(store, rc, err);
    if(rc == IMR_OK && determination_id)
        *determination_id = id;
    return rc;
}

imr_status imr_store_determination_latest(imr_store *store, long long case_id,
                                          imr_buf *json, imr_error *err)
{
    imr__store_param p[1];
    imr_status rc;

    p[0] = imr__store_int(case_id);
    rc = imr__store_text_of(store, &latest_determination, p, 1, json, err);
    if(rc == IMR_ENOTFOUND)
        return imr_error_set(err, IMR_ENOTFOUND,
                             "no determination of case %lld", case_id);
    return rc;
}

/* The buffers of imr_store_determination_latest_meta; json may be NULL. */
typedef struct determination_meta {
    imr_buf *kb_version;
    imr_buf *decided_on;
    imr_buf *json;
} determination_meta;

static int meta_row(const imr__store_row *row, void *data)
{
    const determination_meta *m = data;
    append_column(m->kb_version, row, 0);
    append_column(m->decided_on, row, 1);
    if(m->json)
        append_column(m->json, row, 2);
    return 1;
}

imr_status imr_store_determination_latest_meta(imr_store *store,
                                               long long case_id,
                                               imr_buf *kb_version,
                                               imr_buf *decided_on,
                                               imr_buf *json, imr_error *err)
{
    imr__store_param p[1];
    determination_meta m;
    long long rows = 0;
    imr_status rc;

    p[0] = imr__store_int(case_id);
    m.kb_version = kb_version;
    m.decided_on = decided_on;
    m.json = json;
    rc = store->backend->run(store, &latest_determination_meta, p, 1,
                             meta_row, &m, &rows, err);
    if(rc == IMR_OK && rows == 0)
        return imr_error_set(err, IMR_ENOTFOUND,
                             "no determination of case %lld", case_id);
    return rc;
}

/*---- Audit log ----------------------------------------------------------*/

static const imr__store_query list_audit = {
    "SELECT id, at, actor, origin, action, coalesce(case_id, 0), detail "
    "FROM audit_log WHERE case_id = $1 OR $1 = 0 ORDER BY id",
    "cannot read the audit log"};

typedef struct audit_listing {
    imr_store_audit_fn fn;
    void *data;
} audit_listing;

static int audit_row(const imr__store_row *row, void *data)
{
    const audit_listing *l = data;
    imr_store_audit_row r;
    r.id = imr__store_row_int(row, 0);
    r.at = imr__store_row_text(row, 1);
    r.actor = imr__store_row_text(row, 2);
    r.origin = imr__store_row_text(row, 3);
    r.action = imr__store_row_text(row, 4);
    r.case_id = imr__store_row_int(row, 5);
    r.detail = imr__store_row_text(row, 6);
    return l->fn(&r, l->data);
}

imr_status imr_store_audit_list(imr_store *store, long long case_id,
                                imr_store_audit_fn fn, void *data,
                                imr_error *err)
{
    imr__store_param p[1];
    audit_listing l;

    p[0] = imr__store_int(case_id);
    l.fn = fn;
    l.data = data;
    return store->backend->run(store, &list_audit, p, 1, audit_row, &l, NULL,
                               err);
}

/*---- Consistency --------------------------------------------------------*/

/* Each query counts the rows that break a rule; the phrase names them
 * when there are any. */
typedef struct store_rule {
    imr__store_query count;
    const char *problem;
} store_rule;

#define ORPHANS(table)                                                       \
    {{"SELECT count(*) FROM " table " WHERE case_id IS NOT NULL AND "        \
      "case_id NOT IN (SELECT id FROM cases)",                               \
      "cannot check the " table},                                            \
     "rows of " table " that belong to no case"}

static const store_rule rules[] = {
    ORPHANS("requests"),
    ORPHANS("records"),
    ORPHANS("determinations"),
    ORPHANS("applications"),
    ORPHANS("assignments"),
    ORPHANS("deadlines"),
    ORPHANS("facts"),
    ORPHANS("audit_log"),
    {{"SELECT count(*) FROM assignments WHERE reviewer_id NOT IN "
      "(SELECT id FROM reviewers)",
      "cannot check the assignments"},
     "assignments to no stored reviewer"},
    {{"SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM "
      "requests r WHERE r.case_id = c.id)",
      "cannot check the cases"},
     "cases without their requests"},
    {{"SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM "
      "audit_log a WHERE a.case_id = c.id AND a.action = 'case.add')",
      "cannot check the audit log"},
     "cases without their \"case.add\" audit row"},
    {{"SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM "
      "determinations d WHERE d.case_id = c.id) <> (SELECT count(*) FROM "
      "audit_log a WHERE a.case_id = c.id AND "
      "a.action = 'determination.add')",
      "cannot check the audit log"},
     "cases whose determinations and \"determination.add\" audit rows "
     "differ in number"},
};

imr_status imr_store_check(imr_store *store, imr_error *err)
{
    size_t i;
    int version = 0, latest;
    imr_status rc = store->backend->check(store, err);

    for(i = 0; rc == IMR_OK && i < IMR__COUNT_OF(rules); i++) {
        long long n = 0;
        rc = imr__store_number(store, &rules[i].count, NULL, 0, &n, err);
        if(rc == IMR_OK && n != 0)
            rc = imr_error_set(err, IMR_EIO, "%s: %lld", rules[i].problem, n);
    }
    if(rc == IMR_OK)
        rc = stored_version(store, &version, err);
    latest = store->backend->migrations[*store->backend->migration_count - 1]
                 .version;
    if(rc == IMR_OK && version != latest)
        rc = imr_error_set(err, IMR_EIO, "the schema is at version %d, not %d",
                           version, latest);
    if(rc != IMR_OK)
        imr_error_name_file(err, store->where);
    return rc;
}
