/* SPDX-License-Identifier: MIT */
/* Private to the store module: the table of functions each backend fills
 * in (like curl's struct Curl_ssl), and the embedded schema migrations. */
#ifndef IMR_STORE_INT_H
#define IMR_STORE_INT_H

#include "imr/review.h"
#include "imr/store.h"

/* One schema migration, from migrations/NNNN_name.sql, embedded at build
 * time (migrations.cmake generates the table). */
typedef struct imr__store_migration {
    int version; /* NNNN */
    const char *name;
    const char *sql; /* NUL-terminated */
} imr__store_migration;

extern const imr__store_migration imr__store_migrations[];
extern const size_t imr__store_migration_count;

/* What a backend does. Each function sets err on failure. The case and
 * determination inserts and audit_insert run inside begin/commit, which
 * store.c calls, so that a failure anywhere rolls back everything. */
typedef struct imr__store_backend {
    const char *name;
    /* Opens `location` (the URL without its scheme), applies migrations
     * and sets store->impl. */
    imr_status (*open)(imr_store *store, const char *location, imr_error *err);
    void (*close)(imr_store *store);

    imr_status (*begin)(imr_store *store, imr_error *err);
    imr_status (*commit)(imr_store *store, imr_error *err);
    void (*rollback)(imr_store *store);

    imr_status (*case_insert)(imr_store *store, const imr_case *c,
                              const char *json, size_t len, const char *at,
                              long long *case_id, imr_error *err);
    imr_status (*case_exists)(imr_store *store, long long case_id,
                              imr_error *err);
    imr_status (*case_list)(imr_store *store, imr_store_case_fn fn, void *data,
                            imr_error *err);
    imr_status (*case_get)(imr_store *store, long long case_id, imr_buf *json,
                           imr_error *err);
    imr_status (*determination_insert)(imr_store *store, long long case_id,
                                       const char *kb_version,
                                       const char *decided_on, const char *json,
                                       size_t len, const char *at,
                                       long long *id, imr_error *err);
    imr_status (*determination_latest)(imr_store *store, long long case_id,
                                       imr_buf *json, imr_error *err);
    imr_status (*audit_insert)(imr_store *store, const imr_store_who *who,
                               const char *action, long long case_id,
                               const char *detail, imr_error *err);
    imr_status (*audit_list)(imr_store *store, long long case_id,
                             imr_store_audit_fn fn, void *data, imr_error *err);
} imr__store_backend;

struct imr_store {
    const imr__store_backend *backend;
    void *impl; /* the backend's own state */
};

extern const imr__store_backend imr__store_sqlite;

#endif
