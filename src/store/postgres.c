/* SPDX-License-Identifier: MIT */
/* The PostgreSQL backend, through libpq: one connection per store, each
 * statement prepared once on it and run with bound parameters, and an
 * advisory lock so that servers starting together migrate the shared
 * database once. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* Statements are prepared once per connection under these names. */
#define CACHE_SIZE 64
#define MAX_PARAMS 16
#define MAX_COLUMNS 16
/* The oldest server with everything the schema uses (EXECUTE FUNCTION in
 * triggers, identity columns). */
#define MIN_SERVER_VERSION 110000
/* The advisory lock key held while migrating: "imr" in ASCII. */
#define SCHEMA_LOCK_KEY 0x696d72
/* int8, for number parameters; text ones are left for the server to type
 * from where they are used. */
#define INT8_OID 20

typedef struct pg_store {
    PGconn *conn;
    const imr__store_query *prepared[CACHE_SIZE];
    size_t prepared_count;
    imr_buf texts; /* the text parameters of a call, each NUL-terminated */
} pg_store;

static pg_store *impl_of(imr_store *store)
{
    return store->impl;
}

/* libpq's message for the connection, without its final newline. */
static void connection_message(PGconn *conn, char *out, size_t size)
{
    size_t n;
    snprintf(out, size, "%s", conn ? PQerrorMessage(conn) : "out of memory");
    n = strlen(out);
    while(n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
        out[--n] = '\0';
}

/* Why a result failed: the server's primary message (no "ERROR:"
 * prefix, no context lines), or the connection's. */
static void failure_message(PGconn *conn, const PGresult *res, char *out,
                            size_t size)
{
    const char *primary =
        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if(primary)
        snprintf(out, size, "%s", primary);
    else
        connection_message(conn, out, size);
}

static imr_status fail(PGconn *conn, const PGresult *res, const char *what,
                       imr_error *err)
{
    char message[400];
    failure_message(conn, res, message, sizeof(message));
    return imr_error_set(err, IMR_EIO, "%s: %s", what, message);
}

static int succeeded(const PGresult *res)
{
    ExecStatusType status = PQresultStatus(res);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

/* Runs SQL with no parameters and no rows wanted. */
static imr_status exec(PGconn *conn, const char *sql, const char *what,
                       imr_error *err)
{
    PGresult *res = PQexec(conn, sql);
    imr_status rc = IMR_OK;

    if(!succeeded(res))
        rc = fail(conn, res, what, err);
    PQclear(res);
    return rc;
}

/* The library never prints: notices (such as "there is no transaction in
 * progress") are dropped instead of going to stderr. */
static void ignore_notice(void *data, const char *message)
{
    (void)data;
    (void)message;
}

/*---- Statements ---------------------------------------------------------*/

/* The name `q` is prepared under on this connection, preparing it the
 * first time. *name is "" when the cache is full: run it unprepared. */
static imr_status prepared_name(pg_store *s, const imr__store_query *q,
                                const imr__store_param *params, size_t count,
                                char name[16], imr_error *err)
{
    Oid types[MAX_PARAMS];
    PGresult *res;
    size_t i;
    imr_status rc = IMR_OK;

    for(i = 0; i < s->prepared_count; i++) {
        if(s->prepared[i] == q) {
            snprintf(name, 16, "imr_%zu", i);
            return IMR_OK;
        }
    }
    name[0] = '\0';
    if(s->prepared_count == CACHE_SIZE)
        return IMR_OK;
    for(i = 0; i < count; i++)
        types[i] = params[i].type == IMR__STORE_INT ? INT8_OID : 0;
    snprintf(name, 16, "imr_%zu", s->prepared_count);
    res = PQprepare(s->conn, name, q->sql, (int)count, types);
    if(succeeded(res))
        s->prepared[s->prepared_count++] = q;
    else
        rc = fail(s->conn, res, q->what, err);
    PQclear(res);
    return rc;
}

/* Parameter values as libpq takes them in text format: NUL-terminated
 * strings, which borrowed text of a given length may not be, so each is
 * copied (once, into one buffer) with numbers written out. */
static void param_values(pg_store *s, const imr__store_param *params,
                         size_t count, const char **values)
{
    size_t offsets[MAX_PARAMS], i;

    imr_buf_reset(&s->texts);
    for(i = 0; i < count; i++) {
        const imr__store_param *p = &params[i];
        offsets[i] = s->texts.len;
        if(p->type == IMR__STORE_INT)
            imr_buf_printf(&s->texts, "%lld", p->number);
        else if(p->type == IMR__STORE_TEXT)
            imr_buf_append(&s->texts, p->text, p->len);
        imr_buf_append(&s->texts, "", 1);
    }
    for(i = 0; i < count; i++)
        values[i] = params[i].type == IMR__STORE_NULL
                        ? NULL
                        : s->texts.data + offsets[i];
}

static long long result_rows(PGresult *res)
{
    if(PQresultStatus(res) == PGRES_TUPLES_OK)
        return PQntuples(res);
    return strtoll(PQcmdTuples(res), NULL, 10);
}

static void pass_rows(const PGresult *res, imr__store_row_fn fn, void *data)
{
    const char *text[MAX_COLUMNS];
    size_t len[MAX_COLUMNS];
    int columns = PQnfields(res), rows = PQntuples(res), r, c;

    IMR_ASSERT(columns <= MAX_COLUMNS);
    for(r = 0; r < rows; r++) {
        imr__store_row row;
        for(c = 0; c < columns; c++) {
            text[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
            len[c] = (size_t)PQgetlength(res, r, c);
        }
        row.count = (size_t)columns;
        row.text = text;
        row.len = len;
        if(fn(&row, data) != 0)
            break;
    }
}

static imr_status pg_run(imr_store *store, const imr__store_query *q,
                         const imr__store_param *params, size_t count,
                         imr__store_row_fn fn, void *data, long long *rows,
                         imr_error *err)
{
    pg_store *s = impl_of(store);
    const char *values[MAX_PARAMS];
    char name[16];
    PGresult *res;
    imr_status rc;

    IMR_ASSERT(count <= MAX_PARAMS);
    rc = prepared_name(s, q, params, count, name, err);
    if(rc != IMR_OK)
        return rc;
    param_values(s, params, count, values);
    if(name[0])
        res = PQexecPrepared(s->conn, name, (int)count, values, NULL, NULL, 0);
    else
        res = PQexecParams(s->conn, q->sql, (int)count, NULL, values, NULL,
                           NULL, 0);
    if(!succeeded(res))
        rc = fail(s->conn, res, q->what, err);
    else {
        if(rows)
            *rows = result_rows(res);
        if(fn)
            pass_rows(res, fn, data);
    }
    PQclear(res);
    return rc;
}

/*---- Open and close -----------------------------------------------------*/

/* Connects with the URL as given; what it leaves out gets a 10 s connect
 * timeout, and the client always speaks UTF-8, as the store checks its
 * text to be. */
static PGconn *connect_to(const char *url)
{
    const char *const keys[] = {"connect_timeout", "dbname",
                                "fallback_application_name",
                                "client_encoding", NULL};
    const char *const values[] = {"10", url, "imr", "UTF8", NULL};
    return PQconnectdbParams(keys, values, 1);
}

static imr_status pg_open(imr_store *store, const char *location,
                          imr_error *err)
{
    PGconn *conn = connect_to(location);
    char message[400];
    pg_store *s;
    int version;

    if(!conn || PQstatus(conn) != CONNECTION_OK) {
        connection_message(conn, message, sizeof(message));
        PQfinish(conn);
        return imr_error_set(err, IMR_EIO, "cannot connect to %s: %s",
                             store->where, message);
    }
    PQsetNoticeProcessor(conn, ignore_notice, NULL);
    version = PQserverVersion(conn);
    if(version < MIN_SERVER_VERSION) {
        PQfinish(conn);
        return imr_error_set(err, IMR_EUNSUPPORTED,
                             "%s: PostgreSQL %d is too old: the store needs "
                             "%d or later",
                             store->where, version / 10000,
                             MIN_SERVER_VERSION / 10000);
    }
    s = imr_xcalloc(1, sizeof(*s));
    s->conn = conn;
    imr_buf_init(&s->texts);
    store->impl = s;
    return IMR_OK;
}

static void pg_close(imr_store *store)
{
    pg_store *s = impl_of(store);
    PQfinish(s->conn);
    imr_buf_fini(&s->texts);
    free(s);
}

/*---- Schema and transactions --------------------------------------------*/

static const imr__store_query lock_schema = {
    "SELECT pg_advisory_lock($1)", "cannot lock the schema"};

static const imr__store_query unlock_schema = {
    "SELECT pg_advisory_unlock($1)", "cannot unlock the schema"};

/* current_schema(), the first schema of the search path: where the
 * migrations create their tables. */
static const imr__store_query count_tables = {
    "SELECT count(*) FROM pg_catalog.pg_tables "
    "WHERE schemaname = current_schema() AND tablename = $1",
    "cannot read the schema"};

/* A session lock, held until unlocked or until the connection ends, so a
 * migrating process that dies releases it. */
static imr_status pg_lock_schema(imr_store *store, imr_error *err)
{
    imr__store_param p[1];
    p[0] = imr__store_int(SCHEMA_LOCK_KEY);
    return pg_run(store, &lock_schema, p, 1, NULL, NULL, NULL, err);
}

static void pg_unlock_schema(imr_store *store)
{
    imr__store_param p[1];
    p[0] = imr__store_int(SCHEMA_LOCK_KEY);
    pg_run(store, &unlock_schema, p, 1, NULL, NULL, NULL, NULL);
}

static imr_status pg_has_table(imr_store *store, const char *table,
                               int *exists, imr_error *err)
{
    return imr__store_table_exists(store, &count_tables, table, exists, err);
}

/* Only the server's message: store.c names the migration. */
static imr_status pg_exec_script(imr_store *store, const char *sql,
                                 imr_error *err)
{
    PGconn *conn = impl_of(store)->conn;
    PGresult *res = PQexec(conn, sql);
    imr_status rc = IMR_OK;

    if(!succeeded(res)) {
        char message[400];
        failure_message(conn, res, message, sizeof(message));
        rc = imr_error_set(err, IMR_EIO, "%s", message);
    }
    PQclear(res);
    return rc;
}

static imr_status pg_begin(imr_store *store, imr_error *err)
{
    return exec(impl_of(store)->conn, "BEGIN", "cannot begin a transaction",
                err);
}

/* COMMIT of a failed transaction "succeeds" by rolling back, so that case
 * is refused here rather than reported as committed. */
static imr_status pg_commit(imr_store *store, imr_error *err)
{
    PGconn *conn = impl_of(store)->conn;
    if(PQtransactionStatus(conn) == PQTRANS_INERROR)
        return imr_error_set(err, IMR_EIO,
                             "cannot commit: the transaction failed");
    return exec(conn, "COMMIT", "cannot commit", err);
}

static void pg_rollback(imr_store *store)
{
    PGconn *conn = impl_of(store)->conn;
    if(PQtransactionStatus(conn) != PQTRANS_IDLE)
        exec(conn, "ROLLBACK", "cannot roll back", NULL);
}

/*---- Check --------------------------------------------------------------*/

static const imr__store_query invalid_indexes = {
    "SELECT count(*) FROM pg_catalog.pg_index i "
    "JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND NOT i.indisvalid",
    "cannot check the indexes"};

static const imr__store_query amcheck_schema = {
    "SELECT n.nspname FROM pg_catalog.pg_extension e "
    "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = 'amcheck'",
    "cannot look for amcheck"};

/* Appends amcheck's schema to the search path for this transaction only,
 * so that its functions are found without naming the schema in SQL. */
static const imr__store_query reach_amcheck = {
    "SELECT set_config('search_path', "
    "current_setting('search_path') || ', ' || quote_ident($1), true)",
    "cannot reach amcheck"};

/* bt_index_check raises an error naming the index when it finds one
 * inconsistent with its table. */
static const imr__store_query check_btrees = {
    "SELECT count(bt_index_check(c.oid)) FROM pg_catalog.pg_index i "
    "JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_am a ON a.oid = c.relam "
    "WHERE n.nspname = current_schema() AND a.amname = 'btree'",
    "amcheck"};

/* amcheck's functions are for superusers unless granted: without the
 * grant, the check is skipped rather than failed. */
static const imr__store_query may_use_amcheck = {
    "SELECT count(*) WHERE "
    "has_function_privilege('bt_index_check(regclass)', 'EXECUTE')",
    "cannot look for amcheck"};

static imr_status check_with_amcheck(imr_store *store, const char *schema,
                                     imr_error *err)
{
    imr__store_param p[1];
    long long allowed = 0;
    imr_status rc = pg_begin(store, err);

    p[0] = imr__store_text(schema);
    if(rc == IMR_OK)
        rc = pg_run(store, &reach_amcheck, p, 1, NULL, NULL, NULL, err);
    if(rc == IMR_OK)
        rc = imr__store_number(store, &may_use_amcheck, NULL, 0, &allowed,
                               err);
    if(rc == IMR_OK && allowed)
        rc = pg_run(store, &check_btrees, NULL, 0, NULL, NULL, NULL, err);
    pg_rollback(store);
    return rc;
}

static imr_status pg_check(imr_store *store, imr_error *err)
{
    imr_buf schema;
    long long invalid = 0;
    imr_status rc =
        imr__store_number(store, &invalid_indexes, NULL, 0, &invalid, err);

    if(rc == IMR_OK && invalid > 0)
        return imr_error_set(err, IMR_EIO, "%lld indexes are not valid",
                             invalid);
    if(rc != IMR_OK)
        return rc;
    imr_buf_init(&schema);
    rc = imr__store_text_of(store, &amcheck_schema, NULL, 0, &schema, err);
    if(rc == IMR_OK)
        rc = check_with_amcheck(store, schema.data, err);
    else if(rc == IMR_ENOTFOUND)
        rc = IMR_OK;
    imr_buf_fini(&schema);
    return rc;
}

const imr__store_backend imr__store_postgres = {
    "postgresql",
    imr__store_pg_migrations,
    &imr__store_pg_migration_count,
    pg_open,
    pg_close,
    pg_lock_schema,
    pg_unlock_schema,
    pg_has_table,
    pg_exec_script,
    pg_begin,
    pg_commit,
    pg_rollback,
    pg_run,
    pg_check,
};
