/* SPDX-License-Identifier: MIT */
/* The store: cases, their requests and records, determinations with the
 * knowledge-base version that produced them, and an append-only audit log,
 * behind one interface with a backend per database (SQLite for now). */
#ifndef IMR_STORE_H
#define IMR_STORE_H

#include "imr/base.h"

/* An open database. Opaque; one per thread (it is not shared). */
typedef struct imr_store imr_store;

/* Who did something, when and from where: written into every audit row.
 * `at` is an ISO timestamp supplied by the caller ("2014-12-05T10:00:00Z"),
 * because the library never reads the clock. All three are borrowed. */
typedef struct imr_store_who {
    const char *actor;  /* "jdoe", "imr serve"; never NULL */
    const char *origin; /* "cli@host", "10.0.0.3"; never NULL */
    const char *at;     /* ISO 8601; never NULL */
} imr_store_who;

/* Opens (creating it when missing) the database at `url`: a file path or
 * "sqlite:PATH" for SQLite; "postgresql://..." is refused with
 * IMR_EUNSUPPORTED until that backend is built. Migrations newer than the
 * stored schema version are applied, each in one transaction. On success
 * *out is the caller's until imr_store_close; on failure *out is untouched
 * and err says why (IMR_EIO with the database's message). */
imr_status imr_store_open(const char *url, imr_store **out, imr_error *err);
/* Closes the database and frees the store; NULL does nothing. */
void imr_store_close(imr_store *store);

/* Stores a case file: checks it with imr_case_parse first (a refusal comes
 * back with its JSON path in err->path and nothing is stored), then keeps
 * the JSON as given, its requests and records, and an audit row "case.add",
 * all in one transaction. `json` is borrowed; *case_id is set on success. */
imr_status imr_store_case_add(imr_store *store, const char *json, size_t len,
                              const imr_store_who *who, long long *case_id,
                              imr_error *err);

/* One row of imr_store_case_list; every pointer is borrowed and valid only
 * during the callback. */
typedef struct imr_store_case_row {
    long long id;
    const char *case_number; /* "" when the case file has none */
    const char *added_at;
    long long request_count;
    long long determination_count;
} imr_store_case_row;

/* Called once per row, in order; a non-zero return stops the listing. */
typedef int (*imr_store_case_fn)(const imr_store_case_row *row, void *data);

/* Lists the cases by id. */
imr_status imr_store_case_list(imr_store *store, imr_store_case_fn fn,
                               void *data, imr_error *err);
/* Appends the case's JSON, exactly as it was added, to `json` (owned by the
 * caller). IMR_ENOTFOUND when there is no such case. */
imr_status imr_store_case_get(imr_store *store, long long case_id,
                              imr_buf *json, imr_error *err);

/* Stores a determination of a case: its JSON (borrowed), the version of the
 * knowledge base that produced it and the date its editions were chosen
 * by, with an audit row "determination.add", in one transaction.
 * IMR_ENOTFOUND when the case does not exist. `determination_id` may be
 * NULL. */
imr_status imr_store_determination_add(imr_store *store, long long case_id,
                                       const char *kb_version,
                                       const char *decided_on, const char *json,
                                       size_t len, const imr_store_who *who,
                                       long long *determination_id,
                                       imr_error *err);
/* Appends the JSON of the case's latest determination to `json` (owned by
 * the caller); IMR_ENOTFOUND when the case has none. */
imr_status imr_store_determination_latest(imr_store *store, long long case_id,
                                          imr_buf *json, imr_error *err);

/* One row of the audit log, borrowed for the callback. `case_id` is 0 for
 * rows about no case. */
typedef struct imr_store_audit_row {
    long long id;
    const char *at;
    const char *actor;
    const char *origin;
    const char *action; /* "case.add", "determination.add" */
    long long case_id;
    const char *detail; /* "" when none */
} imr_store_audit_row;

typedef int (*imr_store_audit_fn)(const imr_store_audit_row *row, void *data);

/* Lists the audit rows of one case (all rows when case_id is 0) in the
 * order they were written; a non-zero return from `fn` stops. */
imr_status imr_store_audit_list(imr_store *store, long long case_id,
                                imr_store_audit_fn fn, void *data,
                                imr_error *err);

#endif
