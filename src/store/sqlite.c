/* SPDX-License-Identifier: MIT */
/* The SQLite backend: one database file in WAL mode with foreign keys on
 * and a busy timeout, so that several processes can write to it; every
 * statement prepared once per connection and run with bound parameters. */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* How long a writer waits for another process's lock before giving up. */
#define BUSY_TIMEOUT_MS 5000
/* The store has about forty statements; more than this are not cached. */
#define CACHE_SIZE 64
#define MAX_COLUMNS 16

typedef struct cached_statement {
    const imr__store_query *query;
    sqlite3_stmt *stmt;
    int in_use; /* a row callback may run another statement, or this one */
} cached_statement;

typedef struct sqlite_store {
    sqlite3 *db;
    cached_statement cache[CACHE_SIZE];
    size_t cached;
} sqlite_store;

static sqlite_store *impl_of(imr_store *store)
{
    return store->impl;
}

static imr_status fail(sqlite3 *db, const char *what, imr_error *err)
{
    return imr_error_set(err, IMR_EIO, "%s: %s", what, sqlite3_errmsg(db));
}

static imr_status exec(sqlite3 *db, const char *sql, imr_error *err)
{
    char *message = NULL;
    imr_status rc = IMR_OK;

    if(sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
        rc = imr_error_set(err, IMR_EIO, "%s",
                           message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
    }
    return rc;
}

/*---- Statements ---------------------------------------------------------*/

/* The prepared statement for `q`: the cached one when it is free, else a
 * new one, cached when there is room. *slot is NULL for an uncached one. */
static imr_status statement_for(sqlite_store *s, const imr__store_query *q,
                                cached_statement **slot, sqlite3_stmt **stmt,
                                imr_error *err)
{
    size_t i;
    int free_slot = 1;

    *slot = NULL;
    for(i = 0; i < s->cached; i++) {
        if(s->cache[i].query != q)
            continue;
        if(!s->cache[i].in_use) {
            *slot = &s->cache[i];
            (*slot)->in_use = 1;
            *stmt = (*slot)->stmt;
            return IMR_OK;
        }
        free_slot = 0;
    }
    if(sqlite3_prepare_v3(s->db, q->sql, -1, SQLITE_PREPARE_PERSISTENT, stmt,
                          NULL) != SQLITE_OK)
        return fail(s->db, q->what, err);
    if(free_slot && s->cached < CACHE_SIZE) {
        *slot = &s->cache[s->cached++];
        (*slot)->query = q;
        (*slot)->stmt = *stmt;
        (*slot)->in_use = 1;
    }
    return IMR_OK;
}

/* Resets a cached statement, so that it holds no lock and no borrowed
 * text, or finalizes an uncached one. */
static void release(cached_statement *slot, sqlite3_stmt *stmt)
{
    if(!slot) {
        sqlite3_finalize(stmt);
        return;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    slot->in_use = 0;
}

/* Binds parameter i to "$i": by name, because SQLite numbers named
 * parameters in the order they first appear, not by their digits. The
 * text is borrowed: the statement is reset before the call returns. */
static imr_status bind_all(sqlite3 *db, sqlite3_stmt *stmt,
                           const imr__store_query *q,
                           const imr__store_param *params, size_t count,
                           imr_error *err)
{
    size_t i;
    IMR_ASSERT(count == (size_t)sqlite3_bind_parameter_count(stmt));
    for(i = 0; i < count; i++) {
        const imr__store_param *p = &params[i];
        char name[32];
        int index, rc;
        snprintf(name, sizeof(name), "$%zu", i + 1);
        index = sqlite3_bind_parameter_index(stmt, name);
        IMR_ASSERT(index > 0);
        if(p->type == IMR__STORE_INT)
            rc = sqlite3_bind_int64(stmt, index, p->number);
        else if(p->type == IMR__STORE_NULL)
            rc = sqlite3_bind_null(stmt, index);
        else if(p->len > INT_MAX)
            return imr_error_set(err, IMR_ETOOBIG, "%s: the text is too large",
                                 q->what);
        else
            rc = sqlite3_bind_text(stmt, index, p->text, (int)p->len,
                                   SQLITE_STATIC);
        if(rc != SQLITE_OK)
            return fail(db, q->what, err);
    }
    return IMR_OK;
}

static void read_row(sqlite3_stmt *stmt, imr__store_row *row,
                     const char **text, size_t *len)
{
    int i, n = sqlite3_column_count(stmt);
    IMR_ASSERT(n <= MAX_COLUMNS);
    for(i = 0; i < n; i++) {
        int bytes;
        text[i] = sqlite3_column_type(stmt, i) == SQLITE_NULL
                      ? NULL
                      : (const char *)sqlite3_column_text(stmt, i);
        bytes = sqlite3_column_bytes(stmt, i);
        len[i] = bytes > 0 ? (size_t)bytes : 0;
    }
    row->count = (size_t)n;
    row->text = text;
    row->len = len;
}

static imr_status step_rows(sqlite3 *db, sqlite3_stmt *stmt,
                            const imr__store_query *q, imr__store_row_fn fn,
                            void *data, long long *rows, imr_error *err)
{
    const char *text[MAX_COLUMNS];
    size_t len[MAX_COLUMNS];
    long long n = 0;
    int step;

    while((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        imr__store_row row;
        n++;
        if(!fn)
            continue;
        read_row(stmt, &row, text, len);
        if(fn(&row, data) != 0) {
            step = SQLITE_DONE;
            break;
        }
    }
    if(step != SQLITE_DONE)
        return fail(db, q->what, err);
    if(rows)
        *rows = sqlite3_column_count(stmt) ? n : sqlite3_changes64(db);
    return IMR_OK;
}

static imr_status sqlite_run(imr_store *store, const imr__store_query *q,
                             const imr__store_param *params, size_t count,
                             imr__store_row_fn fn, void *data, long long *rows,
                             imr_error *err)
{
    sqlite_store *s = impl_of(store);
    cached_statement *slot = NULL;
    sqlite3_stmt *stmt = NULL;
    imr_status rc = statement_for(s, q, &slot, &stmt, err);

    if(rc != IMR_OK)
        return rc;
    rc = bind_all(s->db, stmt, q, params, count, err);
    if(rc == IMR_OK)
        rc = step_rows(s->db, stmt, q, fn, data, rows, err);
    release(slot, stmt);
    return rc;
}

/*---- Open and close -----------------------------------------------------*/

static imr_status sqlite_open(imr_store *store, const char *location,
                              imr_error *err)
{
    sqlite3 *db = NULL;
    sqlite_store *s;
    imr_status rc;
    int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

    if(sqlite3_open_v2(location, &db, flags, NULL) != SQLITE_OK) {
        rc = imr_error_set(err, IMR_EIO, "cannot open \"%s\": %s", location,
                           db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return rc;
    }
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    /* synchronous = NORMAL: in WAL mode a commit survives the process
     * being killed; only a power loss may undo the last ones. */
    rc = exec(db,
              "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
              "PRAGMA synchronous = NORMAL;",
              err);
    if(rc != IMR_OK) {
        imr_error_name_file(err, location);
        sqlite3_close(db);
        return rc;
    }
    s = imr_xcalloc(1, sizeof(*s));
    s->db = db;
    store->impl = s;
    return IMR_OK;
}

static void sqlite_close(imr_store *store)
{
    sqlite_store *s = impl_of(store);
    size_t i;
    for(i = 0; i < s->cached; i++)
        sqlite3_finalize(s->cache[i].stmt);
    sqlite3_close(s->db);
    free(s);
}

/*---- Schema and transactions --------------------------------------------*/

static const imr__store_query count_tables = {
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
    "cannot read the schema"};

static imr_status sqlite_has_table(imr_store *store, const char *table,
                                   int *exists, imr_error *err)
{
    return imr__store_table_exists(store, &count_tables, table, exists, err);
}

static imr_status sqlite_exec_script(imr_store *store, const char *sql,
                                     imr_error *err)
{
    return exec(impl_of(store)->db, sql, err);
}

/* IMMEDIATE takes the write lock now, waiting for other writers through
 * the busy timeout, rather than failing later at the first write. */
static imr_status sqlite_begin(imr_store *store, imr_error *err)
{
    return exec(impl_of(store)->db, "BEGIN IMMEDIATE", err);
}

static imr_status sqlite_commit(imr_store *store, imr_error *err)
{
    return exec(impl_of(store)->db, "COMMIT", err);
}

static void sqlite_rollback(imr_store *store)
{
    sqlite3 *db = impl_of(store)->db;
    if(!sqlite3_get_autocommit(db))
        exec(db, "ROLLBACK", NULL);
}

/*---- Check --------------------------------------------------------------*/

static const imr__store_query integrity_check = {
    "PRAGMA integrity_check", "cannot check the database's integrity"};

static const imr__store_query foreign_key_check = {
    "PRAGMA foreign_key_check", "cannot check the foreign keys"};

static int first_row_words(const imr__store_row *row, void *data)
{
    imr_buf *out = data;
    size_t i;
    for(i = 0; i < row->count; i++)
        imr_buf_printf(out, "%s%s", i ? " " : "", imr__store_row_text(row, i));
    return 1;
}

static imr_status sqlite_check(imr_store *store, imr_error *err)
{
    imr_buf found;
    long long rows = 0;
    imr_status rc;

    imr_buf_init(&found);
    rc = sqlite_run(store, &integrity_check, NULL, 0, first_row_words, &found,
                    NULL, err);
    if(rc == IMR_OK && strcmp(found.data ? found.data : "", "ok") != 0)
        rc = imr_error_set(err, IMR_EIO, "integrity_check: %s",
                           found.data ? found.data : "no answer");
    imr_buf_reset(&found);
    if(rc == IMR_OK)
        rc = sqlite_run(store, &foreign_key_check, NULL, 0, first_row_words,
                        &found, &rows, err);
    if(rc == IMR_OK && rows > 0)
        rc = imr_error_set(err, IMR_EIO,
                           "foreign_key_check: a row has no parent (table, "
                           "row, parent: %s)",
                           found.data);
    imr_buf_fini(&found);
    return rc;
}

const imr__store_backend imr__store_sqlite = {
    "sqlite",
    imr__store_sqlite_migrations,
    &imr__store_sqlite_migration_count,
    sqlite_open,
    sqlite_close,
    NULL,
    NULL,
    sqlite_has_table,
    sqlite_exec_script,
    sqlite_begin,
    sqlite_commit,
    sqlite_rollback,
    sqlite_run,
    sqlite_check,
};

