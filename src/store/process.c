/* SPDX-License-Identifier: MIT */
/* The review process around a stored case: reviewers of the panel, the
 * assignment of cases to them, deadlines, and the facts read from the
 * records. Only storage: choosing a reviewer, computing due dates and
 * extracting facts are the intake's and the extractor's business. */
#include "imr/store.h"

#include <stdio.h>
#include <string.h>

#include "imr/json.h"
#include "store_int.h"

/*---- Reviewers ----------------------------------------------------------*/

static const imr__store_query put_reviewer = {
    "INSERT INTO reviewers (id, updated_at, json) VALUES ($1, $2, $3) "
    "ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, "
    "json = excluded.json",
    "cannot store the reviewer"};

static const imr__store_query reviewer_json = {
    "SELECT json FROM reviewers WHERE id = $1", "cannot read the reviewer"};

static imr_status check_json_object(const char *what, const char *json,
                                    size_t len, imr_error *err)
{
    cJSON *root;
    int is_object;
    imr_status rc;

    if(!json)
        return imr_error_set(err, IMR_EUSAGE, "no %s given", what);
    rc = imr__store_check_text(what, json, len, err);
    if(rc != IMR_OK)
        return rc;
    root = cJSON_ParseWithLength(json, len);
    is_object = cJSON_IsObject(root);
    cJSON_Delete(root);
    if(!is_object)
        return imr_error_set(err, IMR_EINPUT, "%s: expected a JSON object",
                             what);
    return IMR_OK;
}

imr_status imr_store_reviewer_put(imr_store *store, const char *reviewer_id,
                                  const char *json, size_t len,
                                  const imr_store_who *who, imr_error *err)
{
    imr__store_param p[3];
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = imr__store_check_name("reviewer id", reviewer_id, err);
    if(rc == IMR_OK)
        rc = check_json_object("the reviewer's record", json, len, err);
    if(rc == IMR_OK)
        rc = store->backend->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    p[0] = imr__store_text(reviewer_id);
    p[1] = imr__store_text(who->at);
    p[2] = imr__store_bytes(json, len);
    rc = imr__store_exec(store, &put_reviewer, p, 3, NULL, err);
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "reviewer.put", 0, reviewer_id, err);
    return imr__store_finish(store, rc, err);
}

imr_status imr_store_reviewer_get(imr_store *store, const char *reviewer_id,
                                  imr_buf *json, imr_error *err)
{
    imr__store_param p[1];
    imr_status rc = imr__store_check_name("reviewer id", reviewer_id, err);

    if(rc != IMR_OK)
        return rc;
    p[0] = imr__store_text(reviewer_id);
    rc = imr__store_text_of(store, &reviewer_json, p, 1, json, err);
    if(rc == IMR_ENOTFOUND)
        return imr_error_set(err, IMR_ENOTFOUND, "no reviewer \"%s\"",
                             reviewer_id);
    return rc;
}

/*---- Assignments --------------------------------------------------------*/

static const imr__store_query reviewer_exists = {
    "SELECT count(*) FROM reviewers WHERE id = $1",
    "cannot read the reviewers"};

static const imr__store_query insert_assignment = {
    "INSERT INTO assignments (case_id, reviewer_id, assigned_at, reason) "
    "VALUES ($1, $2, $3, $4) RETURNING id",
    "cannot store the assignment"};

static const imr__store_query latest_assignment = {
    "SELECT reviewer_id FROM assignments WHERE case_id = $1 "
    "ORDER BY id DESC LIMIT 1",
    "cannot read the assignments"};

static imr_status find_reviewer(imr_store *store, const char *reviewer_id,
                                imr_error *err)
{
    imr__store_param p[1];
    long long n = 0;
    imr_status rc;

    p[0] = imr__store_text(reviewer_id);
    rc = imr__store_number(store, &reviewer_exists, p, 1, &n, err);
    if(rc == IMR_OK && n == 0)
        rc = imr_error_set(err, IMR_ENOTFOUND, "no reviewer \"%s\"",
                           reviewer_id);
    return rc;
}

static imr_status insert_assignment_row(imr_store *store, long long case_id,
                                        const char *reviewer_id,
                                        const char *reason,
                                        const imr_store_who *who,
                                        long long *id, imr_error *err)
{
    imr__store_param p[4];
    imr_buf detail;
    imr_status rc = imr__store_case_exists(store, case_id, err);

    if(rc == IMR_OK)
        rc = find_reviewer(store, reviewer_id, err);
    p[0] = imr__store_int(case_id);
    p[1] = imr__store_text(reviewer_id);
    p[2] = imr__store_text(who->at);
    p[3] = imr__store_text(reason && reason[0] ? reason : NULL);
    if(rc == IMR_OK)
        rc = imr__store_insert_id(store, &insert_assignment, p, 4,
                                  "assignment", id, err);
    /* Whole, not cut to a fixed size, which could split a character. */
    imr_buf_init(&detail);
    imr_buf_printf(&detail, "reviewer %s%s%s", reviewer_id,
                   reason && reason[0] ? ": " : "", reason ? reason : "");
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "assignment.add", case_id,
                              detail.data, err);
    imr_buf_fini(&detail);
    return rc;
}

imr_status imr_store_assignment_add(imr_store *store, long long case_id,
                                    const char *reviewer_id,
                                    const char *reason,
                                    const imr_store_who *who,
                                    long long *assignment_id, imr_error *err)
{
    long long id = 0;
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = imr__store_check_name("reviewer id", reviewer_id, err);
    if(rc == IMR_OK && reason)
        rc = imr__store_check_text("the reason", reason, strlen(reason), err);
    if(rc == IMR_OK)
        rc = store->backend->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    rc = insert_assignment_row(store, case_id, reviewer_id, reason, who, &id,
                               err);
    rc = imr__store_finish(store, rc, err);
    if(rc == IMR_OK && assignment_id)
        *assignment_id = id;
    return rc;
}

imr_status imr_store_assignment_latest(imr_store *store, long long case_id,
                                       imr_buf *reviewer_id, imr_error *err)
{
    imr__store_param p[1];
    imr_status rc;

    p[0] = imr__store_int(case_id);
    rc = imr__store_text_of(store, &latest_assignment, p, 1, reviewer_id, err);
    if(rc == IMR_ENOTFOUND)
        return imr_error_set(err, IMR_ENOTFOUND,
                             "case %lld is assigned to no reviewer", case_id);
    return rc;
}

/*---- Deadlines ----------------------------------------------------------*/

static const imr__store_query put_deadline = {
    "INSERT INTO deadlines (case_id, kind, due, met_on) "
    "VALUES ($1, $2, $3, NULL) ON CONFLICT (case_id, kind) "
    "DO UPDATE SET due = excluded.due, met_on = NULL",
    "cannot store the deadline"};

static const imr__store_query meet_deadline = {
    "UPDATE deadlines SET met_on = $3 WHERE case_id = $1 AND kind = $2",
    "cannot store the deadline"};

static const imr__store_query overdue_deadlines = {
    "SELECT d.case_id, c.case_number, d.kind, d.due, d.met_on "
    "FROM deadlines d JOIN cases c ON c.id = d.case_id "
    "WHERE d.met_on IS NULL AND d.due < $1 "
    "ORDER BY d.due, d.case_id, d.kind",
    "cannot read the deadlines"};

static const imr__store_query case_deadlines = {
    "SELECT d.case_id, c.case_number, d.kind, d.due, d.met_on "
    "FROM deadlines d JOIN cases c ON c.id = d.case_id "
    "WHERE d.case_id = $1 ORDER BY d.due, d.kind",
    "cannot read the deadlines"};

/* A date written YYYY-MM-DD, as the deadlines are compared as text. */
static imr_status check_date(const char *what, const char *date,
                             imr_error *err)
{
    char iso[11];
    if(!date || !date[0])
        return imr_error_set(err, IMR_EUSAGE, "no %s given", what);
    if(strlen(date) != 10 || imr_text_parse_date(date, 10, iso) != 10 ||
       strcmp(iso, date) != 0)
        return imr_error_set(err, IMR_EINPUT,
                             "%s: expected a date like 2015-01-05, found "
                             "\"%s\"",
                             what, date);
    return IMR_OK;
}

/* A lower snake case name: "determination", "assignment_notice". */
static imr_status check_kind(const char *kind, imr_error *err)
{
    const char *c;
    if(!kind || !kind[0])
        return imr_error_set(err, IMR_EUSAGE, "no deadline kind given");
    for(c = kind; *c; c++)
        if(!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
             *c == '_'))
            return imr_error_set(err, IMR_EINPUT,
                                 "deadline kind \"%s\": expected lower case "
                                 "letters, digits and _",
                                 kind);
    return IMR_OK;
}

imr_status imr_store_deadline_put(imr_store *store, long long case_id,
                                  const char *kind, const char *due,
                                  const imr_store_who *who, imr_error *err)
{
    imr__store_param p[3];
    char detail[300];
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = check_kind(kind, err);
    if(rc == IMR_OK)
        rc = check_date("the due date", due, err);
    if(rc == IMR_OK)
        rc = store->backend->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    rc = imr__store_case_exists(store, case_id, err);
    p[0] = imr__store_int(case_id);
    p[1] = imr__store_text(kind);
    p[2] = imr__store_text(due);
    if(rc == IMR_OK)
        rc = imr__store_exec(store, &put_deadline, p, 3, NULL, err);
    snprintf(detail, sizeof(detail), "%s due %s", kind, due);
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "deadline.put", case_id, detail,
                              err);
    return imr__store_finish(store, rc, err);
}

imr_status imr_store_deadline_met(imr_store *store, long long case_id,
                                  const char *kind, const char *met_on,
                                  const imr_store_who *who, imr_error *err)
{
    imr__store_param p[3];
    char detail[300];
    long long changed = 0;
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = check_kind(kind, err);
    if(rc == IMR_OK)
        rc = check_date("the date it was met", met_on, err);
    if(rc == IMR_OK)
        rc = store->backend->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    p[0] = imr__store_int(case_id);
    p[1] = imr__store_text(kind);
    p[2] = imr__store_text(met_on);
    rc = imr__store_exec(store, &meet_deadline, p, 3, &changed, err);
    if(rc == IMR_OK && changed == 0)
        rc = imr_error_set(err, IMR_ENOTFOUND,
                           "case %lld has no deadline \"%s\"", case_id, kind);
    snprintf(detail, sizeof(detail), "%s met %s", kind, met_on);
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "deadline.met", case_id, detail,
                              err);
    return imr__store_finish(store, rc, err);
}

typedef struct deadline_listing {
    imr_store_deadline_fn fn;
    void *data;
} deadline_listing;

static int deadline_row(const imr__store_row *row, void *data)
{
    const deadline_listing *l = data;
    imr_store_deadline_row r;
    r.case_id = imr__store_row_int(row, 0);
    r.case_number = imr__store_row_text(row, 1);
    r.kind = imr__store_row_text(row, 2);
    r.due = imr__store_row_text(row, 3);
    r.met_on = imr__store_row_text(row, 4);
    return l->fn(&r, l->data);
}

imr_status imr_store_deadline_overdue(imr_store *store, const char *today,
                                      imr_store_deadline_fn fn, void *data,
                                      imr_error *err)
{
    imr__store_param p[1];
    deadline_listing l;
    imr_status rc = check_date("today's date", today, err);

    if(rc != IMR_OK)
        return rc;
    p[0] = imr__store_text(today);
    l.fn = fn;
    l.data = data;
    return store->backend->run(store, &overdue_deadlines, p, 1, deadline_row,
                               &l, NULL, err);
}

imr_status imr_store_deadline_list(imr_store *store, long long case_id,
                                   imr_store_deadline_fn fn, void *data,
                                   imr_error *err)
{
    imr__store_param p[1];
    deadline_listing l;

    p[0] = imr__store_int(case_id);
    l.fn = fn;
    l.data = data;
    return store->backend->run(store, &case_deadlines, p, 1, deadline_row, &l,
                               NULL, err);
}

/*---- Facts --------------------------------------------------------------*/

static const imr__store_query delete_facts = {
    "DELETE FROM facts WHERE case_id = $1", "cannot replace the facts"};

static const imr__store_query insert_fact = {
    "INSERT INTO facts (case_id, record_position, kind, name, polarity, "
    "span_offset, span_length, kb_version, json) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    "cannot store a fact"};

static const imr__store_query list_facts = {
    "SELECT record_position, kind, name, polarity, span_offset, "
    "span_length, json FROM facts WHERE case_id = $1 ORDER BY id",
    "cannot read the facts"};

static imr_status check_fact(const imr_store_fact *f, size_t i,
                             imr_error *err)
{
    char what[64];
    imr_status rc;

    snprintf(what, sizeof(what), "fact %zu", i);
    if(!f->kind || !f->kind[0] || !f->name || !f->name[0] || f->record < 0 ||
       f->offset < 0 || f->length < 0)
        return imr_error_set(err, IMR_EUSAGE,
                             "%s needs a kind, a name, and a record, offset "
                             "and length of 0 or more",
                             what);
    rc = imr__store_check_name(what, f->kind, err);
    if(rc == IMR_OK)
        rc = imr__store_check_name(what, f->name, err);
    if(rc == IMR_OK && f->polarity)
        rc = imr__store_check_text(what, f->polarity, strlen(f->polarity),
                                   err);
    if(rc == IMR_OK && f->json)
        rc = imr__store_check_text(what, f->json, strlen(f->json), err);
    return rc;
}

static imr_status insert_facts(imr_store *store, long long case_id,
                               const char *kb_version,
                               const imr_store_fact *facts, size_t count,
                               imr_error *err)
{
    imr__store_param p[9];
    size_t i;
    imr_status rc = imr__store_case_exists(store, case_id, err);

    p[0] = imr__store_int(case_id);
    if(rc == IMR_OK)
        rc = imr__store_exec(store, &delete_facts, p, 1, NULL, err);
    for(i = 0; rc == IMR_OK && i < count; i++) {
        const imr_store_fact *f = &facts[i];
        p[1] = imr__store_int(f->record);
        p[2] = imr__store_text(f->kind);
        p[3] = imr__store_text(f->name);
        p[4] = imr__store_text(f->polarity);
        p[5] = imr__store_int(f->offset);
        p[6] = imr__store_int(f->length);
        p[7] = imr__store_text(kb_version);
        p[8] = imr__store_text(f->json);
        rc = imr__store_exec(store, &insert_fact, p, 9, NULL, err);
    }
    return rc;
}

imr_status imr_store_facts_put(imr_store *store, long long case_id,
                               const char *kb_version,
                               const imr_store_fact *facts, size_t count,
                               const imr_store_who *who, imr_error *err)
{
    char detail[300];
    size_t i;
    imr_status rc = imr__store_check_who(who, err);

    if(rc == IMR_OK)
        rc = imr__store_check_name("knowledge-base version", kb_version, err);
    for(i = 0; rc == IMR_OK && i < count; i++)
        rc = check_fact(&facts[i], i, err);
    if(rc == IMR_OK)
        rc = store->backend->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    rc = insert_facts(store, case_id, kb_version, facts, count, err);
    snprintf(detail, sizeof(detail), "%zu facts, knowledge base %s", count,
             kb_version);
    if(rc == IMR_OK)
        rc = imr__store_audit(store, who, "facts.put", case_id, detail, err);
    return imr__store_finish(store, rc, err);
}

typedef struct fact_listing {
    imr_store_fact_fn fn;
    void *data;
} fact_listing;

static int fact_row(const imr__store_row *row, void *data)
{
    const fact_listing *l = data;
    imr_store_fact f;
    f.record = imr__store_row_int(row, 0);
    f.kind = imr__store_row_text(row, 1);
    f.name = imr__store_row_text(row, 2);
    f.polarity = row->text[3];
    f.offset = imr__store_row_int(row, 4);
    f.length = imr__store_row_int(row, 5);
    f.json = row->text[6];
    return l->fn(&f, l->data);
}

imr_status imr_store_facts_list(imr_store *store, long long case_id,
                                imr_store_fact_fn fn, void *data,
                                imr_error *err)
{
    imr__store_param p[1];
    fact_listing l;

    p[0] = imr__store_int(case_id);
    l.fn = fn;
    l.data = data;
    return store->backend->run(store, &list_facts, p, 1, fact_row, &l, NULL,
                               err);
}
