/* SPDX-License-Identifier: MIT */
/* The SQLite backend: one database file in WAL mode with foreign keys on,
 * the embedded migrations applied at open, and every query a prepared
 * statement with bound parameters. */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* How long a writer waits for another process's lock before giving up. */
#define BUSY_TIMEOUT_MS 5000

static sqlite3 *db_of(imr_store *store)
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

static imr_status prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt,
                          imr_error *err)
{
    if(sqlite3_prepare_v2(db, sql, -1, stmt, NULL) != SQLITE_OK)
        return fail(db, "cannot prepare a query", err);
    return IMR_OK;
}

/* Binds text of `len` bytes (or up to its NUL when len is (size_t)-1);
 * NULL binds SQL NULL. SQLite copies it. */
static int bind_text(sqlite3_stmt *stmt, int index, const char *s, size_t len)
{
    if(!s)
        return sqlite3_bind_null(stmt, index);
    if(len == (size_t)-1)
        len = strlen(s);
    if(len > INT_MAX)
        return SQLITE_TOOBIG;
    return sqlite3_bind_text(stmt, index, s, (int)len, SQLITE_TRANSIENT);
}

static const char *column_text(sqlite3_stmt *stmt, int index)
{
    const unsigned char *s = sqlite3_column_text(stmt, index);
    return s ? (const char *)s : "";
}

/* Runs a statement that returns no rows and finalizes it. */
static imr_status step_done(sqlite3 *db, sqlite3_stmt *stmt, const char *what,
                            imr_error *err)
{
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if(rc != SQLITE_DONE)
        return fail(db, what, err);
    return IMR_OK;
}

/*---- Migrations ---------------------------------------------------------*/

static imr_status schema_version(sqlite3 *db, int *version, imr_error *err)
{
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db,
                            "SELECT count(*) FROM sqlite_master "
                            "WHERE type = 'table' AND name = "
                            "'schema_version'",
                            &stmt, err);
    int exists;

    if(rc != IMR_OK)
        return rc;
    exists = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    *version = 0;
    if(!exists)
        return IMR_OK;
    rc = prepare(db, "SELECT coalesce(max(version), 0) FROM schema_version",
                 &stmt, err);
    if(rc != IMR_OK)
        return rc;
    if(sqlite3_step(stmt) == SQLITE_ROW)
        *version = sqlite3_column_int(stmt, 0);
    else
        rc = fail(db, "cannot read the schema version", err);
    sqlite3_finalize(stmt);
    return rc;
}

static imr_status record_version(sqlite3 *db, const imr__store_migration *m,
                                 imr_error *err)
{
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db,
                            "INSERT INTO schema_version (version, name) "
                            "VALUES (?, ?)",
                            &stmt, err);
    if(rc != IMR_OK)
        return rc;
    sqlite3_bind_int(stmt, 1, m->version);
    bind_text(stmt, 2, m->name, (size_t)-1);
    return step_done(db, stmt, "cannot record the schema version", err);
}

/* Applies one migration unless the database already has it. The version
 * is read again inside the write transaction, so two processes opening a
 * new database at once apply it once. */
static imr_status migrate_one(sqlite3 *db, const imr__store_migration *m,
                              imr_error *err)
{
    int version = 0;
    imr_status rc = exec(db, "BEGIN IMMEDIATE", err);

    if(rc != IMR_OK)
        return rc;
    rc = schema_version(db, &version, err);
    if(rc == IMR_OK && version < m->version) {
        rc = exec(db, m->sql, err);
        if(rc != IMR_OK && err)
            imr_error_set(err, IMR_EIO, "migration %04d_%s: %s", m->version,
                          m->name, err->message);
        if(rc == IMR_OK)
            rc = record_version(db, m, err);
    }
    if(rc == IMR_OK)
        return exec(db, "COMMIT", err);
    exec(db, "ROLLBACK", NULL);
    return rc;
}

static imr_status migrate(sqlite3 *db, imr_error *err)
{
    size_t i;
    for(i = 0; i < imr__store_migration_count; i++) {
        imr_status rc = migrate_one(db, &imr__store_migrations[i], err);
        if(rc != IMR_OK)
            return rc;
    }
    return IMR_OK;
}

/*---- Open and close -----------------------------------------------------*/

static imr_status sqlite_open(imr_store *store, const char *location,
                              imr_error *err)
{
    sqlite3 *db = NULL;
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
    rc = exec(db,
              "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
              "PRAGMA synchronous = NORMAL;",
              err);
    if(rc == IMR_OK)
        rc = migrate(db, err);
    if(rc != IMR_OK) {
        imr_error_name_file(err, location);
        sqlite3_close(db);
        return rc;
    }
    store->impl = db;
    return IMR_OK;
}

static void sqlite_close(imr_store *store)
{
    sqlite3_close(db_of(store));
}

static imr_status sqlite_begin(imr_store *store, imr_error *err)
{
    return exec(db_of(store), "BEGIN IMMEDIATE", err);
}

static imr_status sqlite_commit(imr_store *store, imr_error *err)
{
    return exec(db_of(store), "COMMIT", err);
}

static void sqlite_rollback(imr_store *store)
{
    if(!sqlite3_get_autocommit(db_of(store)))
        exec(db_of(store), "ROLLBACK", NULL);
}

/*---- Cases --------------------------------------------------------------*/

static imr_status insert_requests(sqlite3 *db, long long case_id,
                                  const imr_case *c, imr_error *err)
{
    sqlite3_stmt *stmt;
    size_t i;
    imr_status rc = prepare(db,
                            "INSERT INTO requests (case_id, position, text) "
                            "VALUES (?, ?, ?)",
                            &stmt, err);
    for(i = 0; rc == IMR_OK && i < c->request_count; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, case_id);
        sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
        bind_text(stmt, 3, c->requests[i], (size_t)-1);
        if(sqlite3_step(stmt) != SQLITE_DONE)
            rc = fail(db, "cannot store a request", err);
    }
    sqlite3_finalize(stmt);
    return rc;
}

static imr_status insert_records(sqlite3 *db, long long case_id,
                                 const imr_case *c, imr_error *err)
{
    sqlite3_stmt *stmt;
    size_t i;
    imr_status rc = prepare(db,
                            "INSERT INTO records (case_id, position, date, "
                            "kind, author, text) VALUES (?, ?, ?, ?, ?, ?)",
                            &stmt, err);
    for(i = 0; rc == IMR_OK && i < c->record_count; i++) {
        const imr_case_record *r = &c->records[i];
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, case_id);
        sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
        bind_text(stmt, 3, r->date, (size_t)-1);
        bind_text(stmt, 4, r->kind, (size_t)-1);
        bind_text(stmt, 5, r->author, (size_t)-1);
        bind_text(stmt, 6, r->text, (size_t)-1);
        if(sqlite3_step(stmt) != SQLITE_DONE)
            rc = fail(db, "cannot store a record", err);
    }
    sqlite3_finalize(stmt);
    return rc;
}

static imr_status sqlite_case_insert(imr_store *store, const imr_case *c,
                                     const char *json, size_t len,
                                     const char *at, long long *case_id,
                                     imr_error *err)
{
    sqlite3 *db = db_of(store);
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db,
                            "INSERT INTO cases (case_number, added_at, json) "
                            "VALUES (?, ?, ?)",
                            &stmt, err);
    if(rc != IMR_OK)
        return rc;
    bind_text(stmt, 1, c->case_number, (size_t)-1);
    bind_text(stmt, 2, at, (size_t)-1);
    if(bind_text(stmt, 3, json, len) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return imr_error_set(err, IMR_ETOOBIG, "the case file is too large");
    }
    rc = step_done(db, stmt, "cannot store the case", err);
    if(rc != IMR_OK)
        return rc;
    *case_id = sqlite3_last_insert_rowid(db);
    rc = insert_requests(db, *case_id, c, err);
    if(rc == IMR_OK)
        rc = insert_records(db, *case_id, c, err);
    return rc;
}

static imr_status sqlite_case_exists(imr_store *store, long long case_id,
                                     imr_error *err)
{
    sqlite3 *db = db_of(store);
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db, "SELECT 1 FROM cases WHERE id = ?", &stmt, err);
    if(rc != IMR_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, case_id);
    if(sqlite3_step(stmt) != SQLITE_ROW)
        rc = imr_error_set(err, IMR_ENOTFOUND, "no case %lld", case_id);
    sqlite3_finalize(stmt);
    return rc;
}

static imr_status sqlite_case_list(imr_store *store, imr_store_case_fn fn,
                                   void *data, imr_error *err)
{
    sqlite3 *db = db_of(store);
    sqlite3_stmt *stmt;
    int step;
    imr_status rc = prepare(
        db,
        "SELECT c.id, c.case_number, c.added_at, "
        "(SELECT count(*) FROM requests r WHERE r.case_id = c.id), "
        "(SELECT count(*) FROM determinations d WHERE d.case_id = c.id) "
        "FROM cases c ORDER BY c.id",
        &stmt, err);
    if(rc != IMR_OK)
        return rc;
    while((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        imr_store_case_row row;
        row.id = sqlite3_column_int64(stmt, 0);
        row.case_number = column_text(stmt, 1);
        row.added_at = column_text(stmt, 2);
        row.request_count = sqlite3_column_int64(stmt, 3);
        row.determination_count = sqlite3_column_int64(stmt, 4);
        if(fn(&row, data) != 0) {
            step = SQLITE_DONE;
            break;
        }
    }
    if(step != SQLITE_DONE)
        rc = fail(db, "cannot list the cases", err);
    sqlite3_finalize(stmt);
    return rc;
}

/* Appends column 0 of the row `sql` (its parameter bound to `id`) returns;
 * IMR_ENOTFOUND, "`missing` `id`", when there is none. */
static imr_status get_text(sqlite3 *db, const char *sql, long long id,
                           const char *missing, imr_buf *out, imr_error *err)
{
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db, sql, &stmt, err);
    int step;

    if(rc != IMR_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    step = sqlite3_step(stmt);
    if(step == SQLITE_ROW) {
        const void *text = sqlite3_column_text(stmt, 0);
        int n = sqlite3_column_bytes(stmt, 0);
        imr_buf_append(out, text ? text : "", n > 0 ? (size_t)n : 0);
    } else if(step == SQLITE_DONE)
        rc = imr_error_set(err, IMR_ENOTFOUND, "%s %lld", missing, id);
    else
        rc = fail(db, "cannot read the database", err);
    sqlite3_finalize(stmt);
    return rc;
}

static imr_status sqlite_case_get(imr_store *store, long long case_id,
                                  imr_buf *json, imr_error *err)
{
    return get_text(db_of(store), "SELECT json FROM cases WHERE id = ?",
                    case_id, "no case", json, err);
}

/*---- Determinations -----------------------------------------------------*/

static imr_status
sqlite_determination_insert(imr_store *store, long long case_id,
                            const char *kb_version, const char *decided_on,
                            const char *json, size_t len, const char *at,
                            long long *id, imr_error *err)
{
    sqlite3 *db = db_of(store);
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db,
                            "INSERT INTO determinations (case_id, kb_version, "
                            "decided_on, decided_at, json) "
                            "VALUES (?, ?, ?, ?, ?)",
                            &stmt, err);
    if(rc != IMR_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, case_id);
    bind_text(stmt, 2, kb_version, (size_t)-1);
    bind_text(stmt, 3, decided_on, (size_t)-1);
    bind_text(stmt, 4, at, (size_t)-1);
    if(bind_text(stmt, 5, json, len) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return imr_error_set(err, IMR_ETOOBIG,
                             "the determination is too large");
    }
    rc = step_done(db, stmt, "cannot store the determination", err);
    if(rc == IMR_OK)
        *id = sqlite3_last_insert_rowid(db);
    return rc;
}

static imr_status sqlite_determination_latest(imr_store *store,
                                              long long case_id, imr_buf *json,
                                              imr_error *err)
{
    return get_text(db_of(store),
                    "SELECT json FROM determinations WHERE case_id = ? "
                    "ORDER BY id DESC LIMIT 1",
                    case_id, "no determination of case", json, err);
}

/*---- Audit log ----------------------------------------------------------*/

static imr_status sqlite_audit_insert(imr_store *store,
                                      const imr_store_who *who,
                                      const char *action, long long case_id,
                                      const char *detail, imr_error *err)
{
    sqlite3 *db = db_of(store);
    sqlite3_stmt *stmt;
    imr_status rc = prepare(db,
                            "INSERT INTO audit_log (at, actor, origin, "
                            "action, case_id, detail) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            &stmt, err);
    if(rc != IMR_OK)
        return rc;
    bind_text(stmt, 1, who->at, (size_t)-1);
    bind_text(stmt, 2, who->actor, (size_t)-1);
    bind_text(stmt, 3, who->origin, (size_t)-1);
    bind_text(stmt, 4, action, (size_t)-1);
    if(case_id > 0)
        sqlite3_bind_int64(stmt, 5, case_id);
    else
        sqlite3_bind_null(stmt, 5);
    bind_text(stmt, 6, detail && detail[0] ? detail : NULL, (size_t)-1);
    return step_done(db, stmt, "cannot write the audit log", err);
}

static imr_status sqlite_audit_list(imr_store *store, long long case_id,
                                    imr_store_audit_fn fn, void *data,
                                    imr_error *err)
{
    sqlite3 *db = db_of(store);
    sqlite3_stmt *stmt;
    int step;
    imr_status rc = prepare(db,
                            "SELECT id, at, actor, origin, action, "
                            "coalesce(case_id, 0), detail FROM audit_log "
                            "WHERE ?1 = 0 OR case_id = ?1 ORDER BY id",
                            &stmt, err);
    if(rc != IMR_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, case_id);
    while((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        imr_store_audit_row row;
        row.id = sqlite3_column_int64(stmt, 0);
        row.at = column_text(stmt, 1);
        row.actor = column_text(stmt, 2);
        row.origin = column_text(stmt, 3);
        row.action = column_text(stmt, 4);
        row.case_id = sqlite3_column_int64(stmt, 5);
        row.detail = column_text(stmt, 6);
        if(fn(&row, data) != 0) {
            step = SQLITE_DONE;
            break;
        }
    }
    if(step != SQLITE_DONE)
        rc = fail(db, "cannot read the audit log", err);
    sqlite3_finalize(stmt);
    return rc;
}

const imr__store_backend imr__store_sqlite = {
    "sqlite",
    sqlite_open,
    sqlite_close,
    sqlite_begin,
    sqlite_commit,
    sqlite_rollback,
    sqlite_case_insert,
    sqlite_case_exists,
    sqlite_case_list,
    sqlite_case_get,
    sqlite_determination_insert,
    sqlite_determination_latest,
    sqlite_audit_insert,
    sqlite_audit_list,
};
