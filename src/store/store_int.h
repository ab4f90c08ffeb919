/* SPDX-License-Identifier: MIT */
/* Private to the store module: the small table of functions a database
 * backend fills in (like curl's struct Curl_ssl), the statements store.c
 * runs through it, and the embedded schema migrations. */
#ifndef IMR_STORE_INT_H
#define IMR_STORE_INT_H

#include "imr/review.h"
#include "imr/store.h"

/*---- Migrations ---------------------------------------------------------*/

/* One schema migration, from migrations/NNNN_name.sql (SQLite) or
 * migrations/pg/NNNN_name.sql (PostgreSQL), embedded at build time
 * (migrations.cmake generates the tables). Both lists have the same
 * versions and names: a migration is one change written in two dialects. */
typedef struct imr__store_migration {
    int version; /* NNNN */
    const char *name;
    const char *sql; /* NUL-terminated; may hold several statements */
} imr__store_migration;

extern const imr__store_migration imr__store_sqlite_migrations[];
extern const size_t imr__store_sqlite_migration_count;
extern const imr__store_migration imr__store_pg_migrations[];
extern const size_t imr__store_pg_migration_count;

/*---- Statements ---------------------------------------------------------*/

/* A statement store.c runs on either database. The SQL is written in what
 * SQLite and PostgreSQL share (RETURNING, ON CONFLICT, no "::" casts),
 * with parameters $1, $2, ... Statements are static, so a backend may key
 * its cache of prepared statements by their address. */
typedef struct imr__store_query {
    const char *sql;
    const char *what; /* prefixes the database's message: "cannot ..." */
} imr__store_query;

typedef enum imr__store_type {
    IMR__STORE_NULL,
    IMR__STORE_TEXT,
    IMR__STORE_INT
} imr__store_type;

/* A bound parameter; text is borrowed for the call. */
typedef struct imr__store_param {
    imr__store_type type;
    const char *text; /* IMR__STORE_TEXT: `len` bytes, no NUL inside */
    size_t len;
    long long number; /* IMR__STORE_INT */
} imr__store_param;

/* One row of a result, every column as text (numbers in decimal), as both
 * databases can give it; NULL for SQL NULL. Borrowed for the callback. */
typedef struct imr__store_row {
    size_t count;
    const char *const *text;
    const size_t *len;
} imr__store_row;

/* Called once per row; a non-zero return stops the rows. */
typedef int (*imr__store_row_fn)(const imr__store_row *row, void *data);

/*---- Backends -----------------------------------------------------------*/

/* What a backend does: connect, run statements, transactions, and its
 * engine's own consistency check. Everything else (validation, JSON, the
 * SQL, migrations, the audit rows) is store.c's. Each function sets err
 * on failure. */
typedef struct imr__store_backend {
    const char *name; /* "sqlite", "postgresql" */
    const imr__store_migration *migrations;
    const size_t *migration_count;

    /* Connects to `location` (a file for SQLite, the whole URL for
     * PostgreSQL) and sets store->impl; store.c migrates after. */
    imr_status (*open)(imr_store *store, const char *location, imr_error *err);
    void (*close)(imr_store *store);

    /* Serializes migrations between processes opening the same database
     * (a PostgreSQL advisory lock); NULL when begin() already does, as
     * SQLite's BEGIN IMMEDIATE does. */
    imr_status (*lock_schema)(imr_store *store, imr_error *err);
    void (*unlock_schema)(imr_store *store);
    /* Whether the table exists: the schema_version table, before the first
     * migration made it. */
    imr_status (*has_table)(imr_store *store, const char *table, int *exists,
                            imr_error *err);
    /* Runs a migration script (several statements, no parameters). */
    imr_status (*exec_script)(imr_store *store, const char *sql,
                              imr_error *err);

    /* A write transaction; begin waits for other writers. */
    imr_status (*begin)(imr_store *store, imr_error *err);
    imr_status (*commit)(imr_store *store, imr_error *err);
    void (*rollback)(imr_store *store);

    /* Runs `q` with `params` bound, passing each row of its result to `fn`
     * (which may be NULL). *rows, when not NULL, gets the number of rows
     * returned, or changed by a statement that returns none. */
    imr_status (*run)(imr_store *store, const imr__store_query *q,
                      const imr__store_param *params, size_t param_count,
                      imr__store_row_fn fn, void *data, long long *rows,
                      imr_error *err);

    /* The engine's own check of its files or indexes; IMR_EIO with what it
     * found. */
    imr_status (*check)(imr_store *store, imr_error *err);
} imr__store_backend;

struct imr_store {
    const imr__store_backend *backend;
    void *impl;  /* the backend's own state */
    char *where; /* the database for messages: the file, or the URL with
                    any password hidden */
};

extern const imr__store_backend imr__store_sqlite;
extern const imr__store_backend imr__store_postgres;

/*---- Shared by store.c and process.c ------------------------------------*/

#define IMR__COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Parameters: text up to its NUL (NULL binds SQL NULL), `len` bytes, a
 * number. */
imr__store_param imr__store_text(const char *s);
imr__store_param imr__store_bytes(const char *s, size_t len);
imr__store_param imr__store_int(long long n);

/* Column `i` of a row as a number (0 for NULL) or as text ("" for NULL). */
long long imr__store_row_int(const imr__store_row *row, size_t i);
const char *imr__store_row_text(const imr__store_row *row, size_t i);

/* Runs a statement, ignoring any rows; *rows as the backend's run. */
imr_status imr__store_exec(imr_store *store, const imr__store_query *q,
                           const imr__store_param *params, size_t count,
                           long long *rows, imr_error *err);
/* Runs a statement that returns one number (RETURNING id, count(*)) into
 * *out; IMR_ENOTFOUND, with no message set, when it returns no row. */
imr_status imr__store_number(imr_store *store, const imr__store_query *q,
                             const imr__store_param *params, size_t count,
                             long long *out, imr_error *err);
/* Runs an INSERT ... RETURNING id into *id; IMR_EIO "the new `what` has
 * no id" when it returns no row. */
imr_status imr__store_insert_id(imr_store *store, const imr__store_query *q,
                                const imr__store_param *params, size_t count,
                                const char *what, long long *id,
                                imr_error *err);
/* The backends' has_table: whether `table` exists, counted by
 * `count_tables` (one parameter, the table's name). */
imr_status imr__store_table_exists(imr_store *store,
                                   const imr__store_query *count_tables,
                                   const char *table, int *exists,
                                   imr_error *err);
/* Appends column 0 of the first row to `out`; IMR_ENOTFOUND, with no
 * message set, when there is none. */
imr_status imr__store_text_of(imr_store *store, const imr__store_query *q,
                              const imr__store_param *params, size_t count,
                              imr_buf *out, imr_error *err);

/* Checks that `who` has an actor, an origin and a time, in UTF-8. */
imr_status imr__store_check_who(const imr_store_who *who, imr_error *err);
/* Refuses text that is not UTF-8 or holds a NUL byte, which one database
 * would keep and the other refuse, naming it as `what`. */
imr_status imr__store_check_text(const char *what, const char *s, size_t len,
                                 imr_error *err);
/* Refuses a missing, empty or non-UTF-8 name (`what`: "a reviewer id"). */
imr_status imr__store_check_name(const char *what, const char *s,
                                 imr_error *err);
/* IMR_ENOTFOUND "no case N" unless the case exists. */
imr_status imr__store_case_exists(imr_store *store, long long case_id,
                                  imr_error *err);
/* Writes an audit row; case_id 0 for none, detail NULL or "" for none. */
imr_status imr__store_audit(imr_store *store, const imr_store_who *who,
                            const char *action, long long case_id,
                            const char *detail, imr_error *err);
/* Ends the transaction begun for a change: commits when `rc` is IMR_OK,
 * else rolls back and keeps the first error. Returns the outcome. */
imr_status imr__store_finish(imr_store *store, imr_status rc, imr_error *err);

#endif
