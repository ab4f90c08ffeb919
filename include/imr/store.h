/* SPDX-License-Identifier: MIT */
/* The store: cases, their applications, requests, records and facts,
 * determinations with the knowledge-base version that produced them,
 * reviewers, assignments and deadlines, and an append-only audit log,
 * behind one interface with a backend per database: SQLite (one file) and
 * PostgreSQL (several servers sharing one database). */
#ifndef IMR_STORE_H
#define IMR_STORE_H

#include "imr/base.h"

/* An open database. Opaque; one per thread (it is not shared). Several
 * processes, each with its own, may write to one database at once. */
typedef struct imr_store imr_store;

/* Who did something, when and from where: written into every audit row.
 * `at` is an ISO timestamp supplied by the caller ("2014-12-05T10:00:00Z"),
 * because the library never reads the clock. All three are borrowed. */
typedef struct imr_store_who {
    const char *actor;  /* "jdoe", "imr serve"; never NULL */
    const char *origin; /* "cli@host", "10.0.0.3"; never NULL */
    const char *at;     /* ISO 8601; never NULL */
} imr_store_who;

/* Opens the database at `url`: a file path or "sqlite:PATH" for SQLite
 * (the file is created when missing), or a libpq connection URI,
 * "postgresql://[user[:password]@][host][:port]/dbname[?param=value&...]"
 * ("postgres://" too) for PostgreSQL, whose database must exist.
 * Migrations newer than the stored schema version are applied, each in one
 * transaction, once even when several processes open a new database at
 * the same moment. On success *out is the caller's until imr_store_close;
 * on failure *out is untouched and err says why: IMR_EIO with the
 * database's message (a password in the URL is never repeated), or
 * IMR_EUNSUPPORTED for a schema newer than this library or a server too
 * old. */
imr_status imr_store_open(const char *url, imr_store **out, imr_error *err);
/* Closes the database and frees the store; NULL does nothing. */
void imr_store_close(imr_store *store);

/* Stores a case file: checks it with imr_case_parse first (a refusal comes
 * back with its JSON path in err->path and nothing is stored; so is text
 * that is not UTF-8 or holds a NUL byte), then keeps the JSON as given, its
 * requests and records, its "application" object when it has one, and an
 * audit row "case.add", all in one transaction. `json` is borrowed;
 * *case_id is set on success. */
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
/* Appends what was stored with the case's latest determination, all from
 * the one row: the knowledge-base version to `kb_version`, the date its
 * editions were chosen by to `decided_on` ("" when none was given) and,
 * when `json` is not NULL, its JSON. The buffers are the caller's.
 * IMR_ENOTFOUND when the case has none. */
imr_status imr_store_determination_latest_meta(imr_store *store,
                                               long long case_id,
                                               imr_buf *kb_version,
                                               imr_buf *decided_on,
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

/*---- Reviewers and assignments ------------------------------------------*/

/* Stores a reviewer of the panel under `reviewer_id`, the panel's own id
 * ("R-017"), replacing what was stored under it: `json` (borrowed) is the
 * reviewer's record as the panel gives it (specialties, licensure,
 * conflicts), kept as given once checked to be a JSON object. Audit row
 * "reviewer.put". Choosing a reviewer is the intake's business. */
imr_status imr_store_reviewer_put(imr_store *store, const char *reviewer_id,
                                  const char *json, size_t len,
                                  const imr_store_who *who, imr_error *err);
/* Appends the reviewer's JSON to `json` (owned by the caller);
 * IMR_ENOTFOUND when there is no such reviewer. */
imr_status imr_store_reviewer_get(imr_store *store, const char *reviewer_id,
                                  imr_buf *json, imr_error *err);

/* Assigns a case to a stored reviewer; `reason` (borrowed; may be NULL)
 * says why, for the audit log. A case may be reassigned: every assignment
 * is kept and the latest counts. Audit row "assignment.add".
 * IMR_ENOTFOUND when the case or the reviewer does not exist.
 * `assignment_id` may be NULL. */
imr_status imr_store_assignment_add(imr_store *store, long long case_id,
                                    const char *reviewer_id,
                                    const char *reason,
                                    const imr_store_who *who,
                                    long long *assignment_id, imr_error *err);
/* Appends the id of the reviewer the case was last assigned to to
 * `reviewer_id` (owned by the caller); IMR_ENOTFOUND when it never was. */
imr_status imr_store_assignment_latest(imr_store *store, long long case_id,
                                       imr_buf *reviewer_id, imr_error *err);

/*---- Deadlines ----------------------------------------------------------*/

/* Sets when `kind` is due on a case: `kind` is a lower snake case name
 * ("assignment_notice", "records", "determination") and `due` an ISO date
 * ("2015-01-05"). Putting a kind again moves its date and opens it again.
 * Audit row "deadline.put". IMR_ENOTFOUND when the case does not exist;
 * IMR_EINPUT for a kind or a date of another form. All borrowed. */
imr_status imr_store_deadline_put(imr_store *store, long long case_id,
                                  const char *kind, const char *due,
                                  const imr_store_who *who, imr_error *err);
/* Marks the case's deadline `kind` met on `met_on` (an ISO date). Audit row
 * "deadline.met". IMR_ENOTFOUND when the case has no such deadline. */
imr_status imr_store_deadline_met(imr_store *store, long long case_id,
                                  const char *kind, const char *met_on,
                                  const imr_store_who *who, imr_error *err);

/* A deadline, borrowed for the callback. */
typedef struct imr_store_deadline_row {
    long long case_id;
    const char *case_number; /* "" when the case file has none */
    const char *kind;
    const char *due;
    const char *met_on; /* "" while it is open */
} imr_store_deadline_row;

typedef int (*imr_store_deadline_fn)(const imr_store_deadline_row *row,
                                     void *data);

/* Lists the deadlines not met and due before `today` (an ISO date; one due
 * today is not overdue yet), the longest overdue first. */
imr_status imr_store_deadline_overdue(imr_store *store, const char *today,
                                      imr_store_deadline_fn fn, void *data,
                                      imr_error *err);
/* Lists every deadline of one case, met or open, by due date and kind.
 * A case with none, or no such case, lists nothing. */
imr_status imr_store_deadline_list(imr_store *store, long long case_id,
                                   imr_store_deadline_fn fn, void *data,
                                   imr_error *err);

/*---- Facts --------------------------------------------------------------*/

/* A fact read from one of a case's records (see imr/extract.h). The
 * strings are borrowed. */
typedef struct imr_store_fact {
    long long record;     /* the record's position in the case file, from 0 */
    const char *kind;     /* "treatment"; never NULL */
    const char *name;     /* "physical_therapy"; never NULL */
    const char *polarity; /* "affirmed", "negated", ...; may be NULL */
    long long offset;     /* where its words are in the record's text */
    long long length;
    const char *json;     /* the whole fact as JSON text, or NULL */
} imr_store_fact;

/* Replaces the facts stored for a case with `facts` (`count` of them,
 * borrowed), read with the knowledge base `kb_version`. Audit row
 * "facts.put". IMR_ENOTFOUND when the case does not exist. */
imr_status imr_store_facts_put(imr_store *store, long long case_id,
                               const char *kb_version,
                               const imr_store_fact *facts, size_t count,
                               const imr_store_who *who, imr_error *err);

typedef int (*imr_store_fact_fn)(const imr_store_fact *fact, void *data);

/* Lists the facts stored for a case, in the order they were put; each is
 * borrowed for the callback, and a non-zero return stops. */
imr_status imr_store_facts_list(imr_store *store, long long case_id,
                                imr_store_fact_fn fn, void *data,
                                imr_error *err);

/*---- Consistency --------------------------------------------------------*/

/* Checks the database: the engine's own check (SQLite's integrity_check
 * and foreign_key_check; on PostgreSQL, invalid indexes and, when the
 * amcheck extension is installed, every B-tree index of the store), then
 * the store's: no row belongs to a missing case or reviewer, every case
 * has its requests and its "case.add" audit row (written last, so a case
 * half written would lack it), every determination its audit row, and the
 * schema is at the latest migration. IMR_OK when all hold; IMR_EIO naming
 * the first that does not, with the database in err->file. */
imr_status imr_store_check(imr_store *store, imr_error *err);

#endif
