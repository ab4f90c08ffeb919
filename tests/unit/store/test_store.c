/* SPDX-License-Identifier: MIT */
/* The store, the same tests on each backend: SQLite in a scratch file, and
 * PostgreSQL when IMR_TEST_PG_URL names a database (tests/e2e/store_pg.sh
 * starts a server for it), each test in a schema of its own there. Cases,
 * determinations, the process tables and the audit log; refusals storing
 * nothing; migrations applied once; and writers running at once or killed
 * at random points losing no committed case. */
#include "imr/store.h"

#include <dirent.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"
#include "store/store_int.h"

/*---- The database under test --------------------------------------------*/

typedef enum target_kind { ON_SQLITE, ON_POSTGRES } target_kind;

static target_kind target;
/* IMR_TEST_PG_URL, and a connection to it for making schemas. */
static const char *pg_url;
static PGconn *pg_admin;

/* The PostgreSQL schemas made for the run, dropped at exit. */
static char schemas[64][64];
static size_t schema_count;

/* Runs SQL (with no parameters) on the admin connection; exits on error,
 * which means the test database is unusable. */
static void pg_admin_exec(const char *sql)
{
    PGresult *res = PQexec(pg_admin, sql);
    if(PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "test_store: %s: %s", sql, PQerrorMessage(pg_admin));
        exit(1);
    }
    PQclear(res);
}

static void drop_schemas(void)
{
    size_t i;
    for(i = 0; i < schema_count; i++) {
        char sql[128];
        snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE",
                 schemas[i]);
        pg_admin_exec(sql);
    }
    PQfinish(pg_admin);
}

/* "schema ... does not exist, skipping" is not news. */
static void ignore_notice(void *data, const char *message)
{
    (void)data;
    (void)message;
}

static void connect_admin(void)
{
    pg_admin = PQconnectdb(pg_url);
    if(PQstatus(pg_admin) != CONNECTION_OK) {
        fprintf(stderr, "test_store: IMR_TEST_PG_URL: %s",
                PQerrorMessage(pg_admin));
        exit(1);
    }
    PQsetNoticeProcessor(pg_admin, ignore_notice, NULL);
    atexit(drop_schemas);
}

/* A new, empty schema "imr_test_NAME" and the URL that uses only it. */
static const char *fresh_pg_url(const char *name, char *out, size_t size)
{
    char *schema, sql[200];

    IMR_ASSERT(schema_count < sizeof(schemas) / sizeof(schemas[0]));
    schema = schemas[schema_count++];
    snprintf(schema, sizeof(schemas[0]), "imr_test_%s", name);
    snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE", schema);
    pg_admin_exec(sql);
    snprintf(sql, sizeof(sql), "CREATE SCHEMA %s", schema);
    pg_admin_exec(sql);
    snprintf(out, size, "%s%soptions=-csearch_path%%3D%s", pg_url,
             strchr(pg_url, '?') ? "&" : "?", schema);
    return out;
}

/* The URL of a new, empty database named `name` (lower case letters and
 * _): a file in the scratch folder, or a schema of the PostgreSQL
 * database. */
static const char *fresh_url(const char *name, char *out, size_t size)
{
    if(target == ON_POSTGRES)
        return fresh_pg_url(name, out, size);
    snprintf(out, size, "%s/%s.db", scratch_dir(), name);
    return out;
}

/* Ad hoc statements, kept at stable addresses because backends cache
 * prepared statements by the address of their query. */
static const imr__store_query *adhoc(const char *sql)
{
    static imr__store_query pool[64];
    static char texts[64][512];
    static size_t used;
    size_t i;

    for(i = 0; i < used; i++)
        if(strcmp(pool[i].sql, sql) == 0)
            return &pool[i];
    IMR_ASSERT(used < 64 && strlen(sql) < sizeof(texts[0]));
    snprintf(texts[used], sizeof(texts[0]), "%s", sql);
    pool[used].sql = texts[used];
    pool[used].what = "test";
    return &pool[used++];
}

/* A count from one SQL query, or -1 when it fails. */
static long long count_sql(imr_store *store, const char *sql)
{
    long long n = -1;
    imr_error err;
    imr_error_clear(&err);
    if(imr__store_number(store, adhoc(sql), NULL, 0, &n, &err) != IMR_OK)
        return -1;
    return n;
}

/* Runs one statement; returns its status and copies the message. */
static imr_status exec_sql(imr_store *store, const char *sql, char *message,
                           size_t size)
{
    imr_error err;
    imr_status rc;
    imr_error_clear(&err);
    rc = imr__store_exec(store, adhoc(sql), NULL, 0, NULL, &err);
    snprintf(message, size, "%s", err.message);
    return rc;
}

/*---- Fixtures -----------------------------------------------------------*/

static const char good_case[] =
    "{\"case_number\": \"CM14-0000042\",\n"
    " \"application\": {\"received\": \"2014-12-05\", \"signed\": true,\n"
    "                 \"expedited\": false, \"filed_by\": \"attorney\"},\n"
    " \"ur\": {\"date\": \"2014-11-24\", \"decision\": \"non-certified\"},\n"
    " \"requests\": [{\"text\": \"Physical therapy 2x4 for the lumbar "
    "spine\"},\n"
    "              {\"text\": \"MRI of the lumbar spine\"}],\n"
    " \"records\": [{\"date\": \"2014-10-01\", \"kind\": \"progress note\",\n"
    "               \"text\": \"Low back pain for six weeks.\"}]}\n";

static const char bad_case[] =
    "{\"requests\": [{\"text\": 12}],\n"
    " \"records\": [{\"text\": \"Low back pain.\"}]}\n";

static const char small_case[] =
    "{\"requests\": [{\"text\": \"MRI of the knee\"}],\n"
    " \"records\": [{\"text\": \"Knee pain.\"}]}\n";

static const imr_store_who clerk = {"clerk", "test@localhost",
                                    "2014-12-05T10:00:00Z"};
static const imr_store_who reviewer = {"reviewer", "test@localhost",
                                       "2014-12-06T09:30:00Z"};

typedef struct collected {
    int count;
    long long last_id;
    char text[512];
} collected;

static void collect(collected *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void collect(collected *c, const char *fmt, ...)
{
    size_t used = strlen(c->text);
    va_list ap;
    c->count++;
    if(used)
        snprintf(c->text + used, sizeof(c->text) - used, " ");
    used = strlen(c->text);
    va_start(ap, fmt);
    vsnprintf(c->text + used, sizeof(c->text) - used, fmt, ap);
    va_end(ap);
}

static int collect_case(const imr_store_case_row *row, void *data)
{
    collected *c = data;
    c->last_id = row->id;
    collect(c, "%s/%lld/%lld", row->case_number, row->request_count,
            row->determination_count);
    return 0;
}

static int collect_audit(const imr_store_audit_row *row, void *data)
{
    collect(data, "%s/%s/%s", row->action, row->actor, row->at);
    return 0;
}

static int collect_deadline(const imr_store_deadline_row *row, void *data)
{
    collect(data, "%lld/%s/%s/%s", row->case_id, row->case_number, row->kind,
            row->due);
    return 0;
}

static int collect_fact(const imr_store_fact *f, void *data)
{
    collect(data, "%lld/%s/%s/%s/%lld+%lld", f->record, f->kind, f->name,
            f->polarity ? f->polarity : "-", f->offset, f->length);
    return 0;
}

/* Opens a new database named `name` and adds the good case to it. */
static imr_store *open_with_case(const char *name, char *url, size_t size,
                                 long long *id)
{
    imr_store *store = NULL;
    imr_error err;
    imr_error_clear(&err);
    if(imr_store_open(fresh_url(name, url, size), &store, &err) != IMR_OK) {
        fprintf(stderr, "  open: %s\n", err.message);
        return NULL;
    }
    if(imr_store_case_add(store, good_case, strlen(good_case), &clerk, id,
                          &err) != IMR_OK) {
        fprintf(stderr, "  case add: %s\n", err.message);
        imr_store_close(store);
        return NULL;
    }
    return store;
}

/*---- Cases, determinations and the audit log -----------------------------*/

TEST(an_added_case_is_listed_and_read_back_as_it_was_given)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("added", url, sizeof(url), &id);
    collected c;
    imr_buf json;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    imr_buf_init(&json);
    rc = imr_store_case_list(store, collect_case, &c, &err);
    if(rc == IMR_OK)
        rc = imr_store_case_get(store, id, &json, &err);
    ASSERT_EQ_INT(2, count_sql(store, "SELECT count(*) FROM requests"));
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM records "
                                      "WHERE kind = 'progress note'"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, id);
    ASSERT_EQ_INT(1, c.count);
    ASSERT_EQ_STR("CM14-0000042/2/0", c.text);
    ASSERT_EQ_STR(good_case, json.data);
    imr_buf_fini(&json);
}

TEST(the_application_of_a_case_is_kept_in_its_own_table)
{
    char url[1024];
    long long id = 0, other = 0;
    imr_store *store = open_with_case("application", url, sizeof(url), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_case_add(store, small_case, strlen(small_case), &clerk,
                            &other, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM applications"));
    ASSERT_EQ_INT(1, count_sql(store,
                               "SELECT count(*) FROM applications WHERE "
                               "case_id = 1 AND received = '2014-12-05' AND "
                               "signed AND NOT expedited AND "
                               "ur_attached IS NULL AND "
                               "filed_by = 'attorney'"));
    imr_store_close(store);
}

TEST(a_determination_is_kept_with_its_knowledge_base_version)
{
    char url[1024];
    long long id = 0, det = 0;
    imr_store *store = open_with_case("decided", url, sizeof(url), &id);
    const char *json = "{\"items\": []}";
    imr_buf latest;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    imr_buf_init(&latest);
    rc = imr_store_determination_add(store, id, "kb-1234", "2014-11-24", json,
                                     strlen(json), &reviewer, &det, &err);
    if(rc == IMR_OK)
        rc = imr_store_determination_latest(store, id, &latest, &err);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM determinations "
                                      "WHERE kb_version = 'kb-1234' AND "
                                      "decided_on = '2014-11-24'"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, det);
    ASSERT_EQ_STR(json, latest.data);
    imr_buf_fini(&latest);
}

TEST(the_latest_determination_comes_with_its_version_and_date)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("decidedmeta", url, sizeof(url), &id);
    imr_buf version, date, json;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    imr_buf_init(&version);
    imr_buf_init(&date);
    imr_buf_init(&json);
    rc = imr_store_determination_latest_meta(store, id, &version, &date, NULL,
                                             &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("no determination of case 1", err.message);
    rc = imr_store_determination_add(store, id, "kb-1", "2014-11-24", "{}", 2,
                                     &reviewer, NULL, &err);
    if(rc == IMR_OK)
        rc = imr_store_determination_add(store, id, "kb-2", NULL,
                                         "{\"n\": 2}", 8, &reviewer, NULL,
                                         &err);
    if(rc == IMR_OK)
        rc = imr_store_determination_latest_meta(store, id, &version, &date,
                                                 &json, &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_STR("kb-2", version.data);
    ASSERT_EQ_STR("", date.data);
    ASSERT_EQ_STR("{\"n\": 2}", json.data);
    imr_buf_fini(&version);
    imr_buf_fini(&date);
    imr_buf_fini(&json);
}

TEST(a_determination_of_a_missing_case_is_refused)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("missing", url, sizeof(url), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_determination_add(store, id + 1, "kb-1", NULL, "{}", 2,
                                     &reviewer, NULL, &err);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM audit_log"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("no case 2", err.message);
}

TEST(the_audit_log_has_who_when_and_what_in_order)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("audit", url, sizeof(url), &id);
    collected c;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    rc = imr_store_determination_add(store, id, "kb-1", NULL, "{}", 2,
                                     &reviewer, NULL, &err);
    if(rc == IMR_OK)
        rc = imr_store_audit_list(store, id, collect_audit, &c, &err);
    ASSERT_EQ_INT(2, count_sql(store, "SELECT count(*) FROM audit_log "
                                      "WHERE origin = 'test@localhost'"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(2, c.count);
    ASSERT_EQ_STR("case.add/clerk/2014-12-05T10:00:00Z "
                  "determination.add/reviewer/2014-12-06T09:30:00Z",
                  c.text);
}

TEST(the_audit_log_refuses_updates_and_deletes)
{
    char url[1024], message[512];
    long long id = 0;
    imr_store *store = open_with_case("append", url, sizeof(url), &id);

    ASSERT_TRUE(store != NULL);
    ASSERT_EQ_INT(IMR_EIO, exec_sql(store,
                                    "UPDATE audit_log SET actor = 'someone'",
                                    message, sizeof(message)));
    ASSERT_CONTAINS(message, "the audit log is append-only");
    ASSERT_EQ_INT(IMR_EIO, exec_sql(store, "DELETE FROM audit_log", message,
                                    sizeof(message)));
    ASSERT_CONTAINS(message, "the audit log is append-only");
    if(target == ON_POSTGRES) {
        ASSERT_EQ_INT(IMR_EIO, exec_sql(store, "TRUNCATE audit_log CASCADE",
                                        message, sizeof(message)));
        ASSERT_CONTAINS(message, "the audit log is append-only");
    }
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM audit_log "
                                      "WHERE actor = 'clerk'"));
    imr_store_close(store);
}

TEST(an_invalid_case_stores_nothing_and_says_where)
{
    char url[1024];
    imr_store *store = NULL;
    imr_error err;
    long long id = -7;
    imr_status rc;

    imr_error_clear(&err);
    rc = imr_store_open(fresh_url("invalid", url, sizeof(url)), &store, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    rc = imr_store_case_add(store, bad_case, strlen(bad_case), &clerk, &id,
                            &err);
    ASSERT_EQ_INT(0, count_sql(store, "SELECT count(*) FROM cases"));
    ASSERT_EQ_INT(0, count_sql(store, "SELECT count(*) FROM requests"));
    ASSERT_EQ_INT(0, count_sql(store, "SELECT count(*) FROM audit_log"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_EQ_STR("$.requests[0].text", err.path);
    ASSERT_EQ_INT(-7, id);
}

TEST(text_that_is_not_utf8_or_holds_a_nul_byte_is_refused_on_both)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("utf8", url, sizeof(url), &id);
    static const char latin1[] = "{\"requests\": [{\"text\": \"caf\xe9\"}], "
                                 "\"records\": [{\"text\": \"x\"}]}";
    static const char with_nul[] = "{\"requests\": [{\"text\": \"a\"}], "
                                   "\"records\": [{\"text\": \"x\"}]}\0 ";
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_case_add(store, latin1, strlen(latin1), &clerk, &id, &err);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_EQ_STR("the case file is not UTF-8 text: byte 28 is 0xe9",
                  err.message);
    rc = imr_store_case_add(store, with_nul, sizeof(with_nul) - 1, &clerk, &id,
                            &err);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_EQ_STR("the case file holds a NUL byte (byte 58)", err.message);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM cases"));
    imr_store_close(store);
}

TEST(a_change_without_an_actor_is_refused)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("actor", url, sizeof(url), &id);
    imr_store_who nobody = {"", "test@localhost", "2014-12-05T10:00:00Z"};
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_case_add(store, good_case, strlen(good_case), &nobody, &id,
                            &err);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM cases"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_EUSAGE, rc);
}

/*---- Reviewers, assignments, deadlines, facts ----------------------------*/

static const char panel_reviewer[] =
    "{\"specialties\": [\"physical_medicine\"], \"states\": [\"CA\"]}";

TEST(a_reviewer_is_kept_by_its_panel_id_and_replaced)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("reviewer", url, sizeof(url), &id);
    const char *changed = "{\"specialties\": [\"orthopedics\"]}";
    imr_buf json;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    imr_buf_init(&json);
    rc = imr_store_reviewer_put(store, "R-017", panel_reviewer,
                                strlen(panel_reviewer), &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_reviewer_put(store, "R-017", changed, strlen(changed),
                                    &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_reviewer_get(store, "R-017", &json, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_STR(changed, json.data);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM reviewers"));
    ASSERT_EQ_INT(2, count_sql(store, "SELECT count(*) FROM audit_log WHERE "
                                      "action = 'reviewer.put' AND "
                                      "detail = 'R-017'"));
    rc = imr_store_reviewer_get(store, "R-999", &json, &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("no reviewer \"R-999\"", err.message);
    rc = imr_store_reviewer_put(store, "R-018", "[1]", 3, &clerk, &err);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_EQ_STR("the reviewer's record: expected a JSON object",
                  err.message);
    imr_store_close(store);
    imr_buf_fini(&json);
}

TEST(a_case_is_assigned_to_a_stored_reviewer_and_the_latest_counts)
{
    char url[1024];
    long long id = 0, assignment = 0;
    imr_store *store = open_with_case("assign", url, sizeof(url), &id);
    imr_buf who;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    imr_buf_init(&who);
    rc = imr_store_reviewer_put(store, "R-1", panel_reviewer,
                                strlen(panel_reviewer), &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_reviewer_put(store, "R-2", panel_reviewer,
                                    strlen(panel_reviewer), &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_assignment_add(store, id, "R-1", "first qualified",
                                      &clerk, &assignment, &err);
    if(rc == IMR_OK)
        rc = imr_store_assignment_add(store, id, "R-2", "R-1 has a conflict",
                                      &clerk, &assignment, &err);
    if(rc == IMR_OK)
        rc = imr_store_assignment_latest(store, id, &who, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(2, assignment);
    ASSERT_EQ_STR("R-2", who.data);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM audit_log WHERE "
                                      "action = 'assignment.add' AND "
                                      "detail = 'reviewer R-2: R-1 has a "
                                      "conflict'"));
    imr_store_close(store);
    imr_buf_fini(&who);
}

TEST(an_assignment_to_an_unknown_reviewer_or_case_is_refused)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("unassigned", url, sizeof(url), &id);
    imr_buf who;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    imr_buf_init(&who);
    rc = imr_store_assignment_add(store, id, "R-404", NULL, &clerk, NULL,
                                  &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("no reviewer \"R-404\"", err.message);
    rc = imr_store_reviewer_put(store, "R-1", panel_reviewer,
                                strlen(panel_reviewer), &clerk, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    rc = imr_store_assignment_add(store, id + 5, "R-1", NULL, &clerk, NULL,
                                  &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("no case 6", err.message);
    rc = imr_store_assignment_latest(store, id, &who, &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("case 1 is assigned to no reviewer", err.message);
    ASSERT_EQ_INT(0, count_sql(store, "SELECT count(*) FROM assignments"));
    imr_store_close(store);
    imr_buf_fini(&who);
}

TEST(deadlines_past_due_and_not_met_are_overdue)
{
    char url[1024];
    long long id = 0, other = 0;
    imr_store *store = open_with_case("deadlines", url, sizeof(url), &id);
    collected c;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    rc = imr_store_case_add(store, small_case, strlen(small_case), &clerk,
                            &other, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_put(store, id, "records", "2014-12-20",
                                    &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_put(store, id, "determination", "2015-01-05",
                                    &clerk, &err);
    if(rc == IMR_OK) /* moved: a deadline of a kind is put again */
        rc = imr_store_deadline_put(store, other, "determination",
                                    "2014-12-01", &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_put(store, other, "determination",
                                    "2014-12-31", &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_met(store, id, "records", "2014-12-19",
                                    &reviewer, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_overdue(store, "2015-01-05", collect_deadline,
                                        &c, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_STR("2//determination/2014-12-31", c.text);
    memset(&c, 0, sizeof(c));
    rc = imr_store_deadline_overdue(store, "2015-01-06", collect_deadline, &c,
                                    &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_STR("2//determination/2014-12-31 "
                  "1/CM14-0000042/determination/2015-01-05",
                  c.text);
    ASSERT_EQ_INT(3, count_sql(store, "SELECT count(*) FROM audit_log WHERE "
                                      "action = 'deadline.put' AND "
                                      "detail LIKE 'determination due %'"));
    imr_store_close(store);
}

static int collect_case_deadline(const imr_store_deadline_row *row,
                                  void *data)
{
    collect(data, "%s/%s/%s", row->kind, row->due,
            row->met_on[0] ? row->met_on : "open");
    return 0;
}

TEST(a_case_lists_its_deadlines_met_and_open)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("casedeadlines", url, sizeof(url), &id);
    collected c;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    rc = imr_store_deadline_put(store, id, "determination", "2015-01-22",
                                &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_put(store, id, "records", "2014-12-23",
                                    &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_met(store, id, "records", "2014-12-19",
                                    &reviewer, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_list(store, id, collect_case_deadline, &c,
                                     &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_list(store, id + 1, collect_case_deadline, &c,
                                     &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_STR("records/2014-12-23/2014-12-19 determination/2015-01-22/open",
                  c.text);
}

TEST(a_deadline_with_a_bad_date_or_kind_or_case_is_refused)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("baddeadline", url, sizeof(url), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_deadline_put(store, id, "records", "12/20/2014", &clerk,
                                &err);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_EQ_STR("the due date: expected a date like 2015-01-05, found "
                  "\"12/20/2014\"",
                  err.message);
    rc = imr_store_deadline_put(store, id, "Records due", "2014-12-20", &clerk,
                                &err);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_CONTAINS(err.message, "deadline kind \"Records due\"");
    rc = imr_store_deadline_put(store, id + 1, "records", "2014-12-20", &clerk,
                                &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    rc = imr_store_deadline_met(store, id, "records", "2014-12-20", &clerk,
                                &err);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("case 1 has no deadline \"records\"", err.message);
    ASSERT_EQ_INT(0, count_sql(store, "SELECT count(*) FROM deadlines"));
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM audit_log"));
    imr_store_close(store);
}

TEST(the_facts_of_a_case_are_replaced_and_listed_in_order)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("facts", url, sizeof(url), &id);
    imr_store_fact facts[2];
    collected c;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    memset(&c, 0, sizeof(c));
    memset(facts, 0, sizeof(facts));
    imr_error_clear(&err);
    facts[0].kind = "finding";
    facts[0].name = "low_back_pain";
    facts[0].polarity = "affirmed";
    facts[0].offset = 0;
    facts[0].length = 13;
    facts[1].kind = "function";
    facts[1].name = "functional_improvement";
    facts[1].polarity = "negated";
    facts[1].offset = 30;
    facts[1].length = 22;
    facts[1].json = "{\"name\": \"functional_improvement\"}";
    rc = imr_store_facts_put(store, id, "kb-1", facts, 2, &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_facts_put(store, id, "kb-2", facts + 1, 1, &clerk, &err);
    if(rc == IMR_OK)
        rc = imr_store_facts_list(store, id, collect_fact, &c, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_STR("0/function/functional_improvement/negated/30+22", c.text);
    ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM facts WHERE "
                                      "kb_version = 'kb-2'"));
    ASSERT_EQ_INT(2, count_sql(store, "SELECT count(*) FROM audit_log WHERE "
                                      "action = 'facts.put'"));
    imr_store_close(store);
}

/*---- Schema, migrations and consistency ---------------------------------*/

TEST(both_dialects_have_the_same_migrations)
{
    size_t i;
    ASSERT_EQ_INT(imr__store_sqlite_migration_count,
                  imr__store_pg_migration_count);
    for(i = 0; i < imr__store_sqlite_migration_count; i++) {
        ASSERT_EQ_INT(imr__store_sqlite_migrations[i].version,
                      imr__store_pg_migrations[i].version);
        ASSERT_EQ_STR(imr__store_sqlite_migrations[i].name,
                      imr__store_pg_migrations[i].name);
    }
}

TEST(a_reopened_store_keeps_its_data_and_migrates_once)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("reopen", url, sizeof(url), &id);
    collected c;
    imr_error err;
    imr_status rc;
    size_t count;

    ASSERT_TRUE(store != NULL);
    imr_store_close(store);
    store = NULL;
    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    rc = imr_store_open(url, &store, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    rc = imr_store_case_list(store, collect_case, &c, &err);
    count = *store->backend->migration_count;
    ASSERT_EQ_INT(count,
                  count_sql(store, "SELECT count(*) FROM schema_version"));
    ASSERT_EQ_INT(store->backend->migrations[count - 1].version,
                  count_sql(store, "SELECT max(version) FROM schema_version"));
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, c.count);
}

TEST(a_schema_newer_than_the_library_is_refused)
{
    char url[1024], message[512];
    long long id = 0;
    imr_store *store = open_with_case("newer", url, sizeof(url), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    ASSERT_EQ_INT(IMR_OK, exec_sql(store,
                                   "INSERT INTO schema_version (version, "
                                   "name) VALUES (9999, 'future')",
                                   message, sizeof(message)));
    imr_store_close(store);
    store = NULL;
    imr_error_clear(&err);
    rc = imr_store_open(url, &store, &err);
    ASSERT_EQ_INT(IMR_EUNSUPPORTED, rc);
    ASSERT_TRUE(store == NULL);
    ASSERT_CONTAINS(err.message, "the database's schema is at version 9999");
}

TEST(the_database_passes_its_consistency_check)
{
    char url[1024];
    long long id = 0;
    imr_store *store = open_with_case("integrity", url, sizeof(url), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_determination_add(store, id, "kb-1", NULL, "{}", 2,
                                     &reviewer, NULL, &err);
    if(rc == IMR_OK)
        rc = imr_store_check(store, &err);
    if(target == ON_SQLITE)
        ASSERT_EQ_INT(1, count_sql(store, "SELECT count(*) FROM "
                                          "pragma_journal_mode "
                                          "WHERE journal_mode = 'wal'"));
    imr_store_close(store);
    ASSERT_EQ_STR("", err.message);
    ASSERT_EQ_INT(IMR_OK, rc);
}

TEST(the_check_finds_a_case_written_around_the_store)
{
    char url[1024], message[512];
    long long id = 0;
    imr_store *store = open_with_case("around", url, sizeof(url), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    exec_sql(store,
             "INSERT INTO cases (case_number, added_at, json) "
             "VALUES ('X', '2014-12-05T10:00:00Z', '{}')",
             message, sizeof(message));
    rc = imr_store_check(store, &err);
    ASSERT_EQ_INT(IMR_EIO, rc);
    ASSERT_EQ_STR("cases without their requests: 1", err.message);
    exec_sql(store,
             "INSERT INTO requests (case_id, position, text) "
             "SELECT max(id), 0, 'MRI' FROM cases",
             message, sizeof(message));
    rc = imr_store_check(store, &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_EIO, rc);
    ASSERT_EQ_STR("cases without their \"case.add\" audit row: 1",
                  err.message);
}

TEST(a_database_url_of_an_unknown_kind_or_server_is_refused_clearly)
{
    imr_store *store = NULL;
    imr_error err;
    imr_status rc;

    imr_error_clear(&err);
    rc = imr_store_open("mysql://localhost/imr", &store, &err);
    ASSERT_EQ_INT(IMR_EUSAGE, rc);
    ASSERT_CONTAINS(err.message, "\"mysql\": unknown kind of database");
    rc = imr_store_open("postgresql://clerk:s3cret@127.0.0.1:1/imr", &store,
                        &err);
    ASSERT_EQ_INT(IMR_EIO, rc);
    ASSERT_TRUE(store == NULL);
    ASSERT_CONTAINS(err.message,
                    "cannot connect to postgresql://clerk:***@127.0.0.1:1/imr");
    ASSERT_TRUE(strstr(err.message, "s3cret") == NULL);
}

/*---- Several processes --------------------------------------------------*/

/* A child process: adds `count` cases (0 for until killed), writing each
 * committed id to `fd` before the next add; exits with _exit so that the
 * parent's atexit handlers (which drop schemas and scratch files) do not
 * run in it. */
static void writer_child(const char *url, int count, int fd)
{
    imr_store *store = NULL;
    imr_error err;
    int i;

    imr_error_clear(&err);
    if(imr_store_open(url, &store, &err) != IMR_OK) {
        fprintf(stderr, "  writer: %s\n", err.message);
        _exit(3);
    }
    for(i = 0; count == 0 || i < count; i++) {
        long long id = 0;
        char line[32];
        int n;
        if(imr_store_case_add(store, good_case, strlen(good_case), &clerk,
                              &id, &err) != IMR_OK) {
            fprintf(stderr, "  writer: %s\n", err.message);
            _exit(4);
        }
        n = snprintf(line, sizeof(line), "%lld\n", id);
        if(fd >= 0 && write(fd, line, (size_t)n) != n)
            _exit(5);
    }
    imr_store_close(store);
    _exit(0);
}

static pid_t start_writer(const char *url, int count, int fd)
{
    pid_t pid;
    fflush(NULL);
    pid = fork();
    if(pid == 0)
        writer_child(url, count, fd);
    return pid;
}

/* Waits for the child; its exit status, or 128 + the signal that ended
 * it. */
static int wait_child(pid_t pid)
{
    int status = 0;
    if(waitpid(pid, &status, 0) != pid)
        return -1;
    if(WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

#define WRITERS 4
#define CASES_PER_WRITER 40

TEST(writers_in_several_processes_at_once_lose_no_case)
{
    char url[1024];
    pid_t pids[WRITERS];
    imr_store *store = NULL;
    imr_error err;
    int i, failed = 0;

    fresh_url("writers", url, sizeof(url));
    for(i = 0; i < WRITERS; i++)
        pids[i] = start_writer(url, CASES_PER_WRITER, -1);
    for(i = 0; i < WRITERS; i++)
        failed += pids[i] < 0 || wait_child(pids[i]) != 0;
    ASSERT_EQ_INT(0, failed);
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, imr_store_open(url, &store, &err));
    ASSERT_EQ_INT(WRITERS * CASES_PER_WRITER,
                  count_sql(store, "SELECT count(*) FROM cases"));
    ASSERT_EQ_INT(WRITERS * CASES_PER_WRITER,
                  count_sql(store, "SELECT count(*) FROM audit_log"));
    ASSERT_EQ_INT(IMR_OK, imr_store_check(store, &err));
    ASSERT_EQ_INT(*store->backend->migration_count,
                  count_sql(store, "SELECT count(*) FROM schema_version"));
    imr_store_close(store);
}

/* Reads the ids a killed writer reported, and counts those missing from
 * the store. */
static int missing_committed(imr_store *store, int fd, int *reported)
{
    char text[65536];
    size_t len = 0;
    ssize_t n;
    char *line;
    int missing = 0;

    while(len < sizeof(text) - 1 &&
          (n = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
        len += (size_t)n;
    text[len] = '\0';
    for(line = text; *line; line = strchr(line, '\n') + 1) {
        imr_buf json;
        if(!strchr(line, '\n'))
            break; /* a line cut short is not a report */
        imr_buf_init(&json);
        if(imr_store_case_get(store, strtoll(line, NULL, 10), &json, NULL) !=
           IMR_OK)
            missing++;
        imr_buf_fini(&json);
        (*reported)++;
    }
    return missing;
}

/* One round: a writer killed after `delay_us`; then the database opens,
 * passes its check and has every case the writer reported. Returns 0 or
 * says what failed. */
static int kill_round(const char *url, long delay_us, int *reported)
{
    struct timespec pause;
    imr_store *store = NULL;
    imr_error err;
    int fds[2], missing;
    pid_t pid;

    if(pipe(fds) != 0)
        return 1;
    pid = start_writer(url, 0, fds[1]);
    close(fds[1]);
    pause.tv_sec = delay_us / 1000000;
    pause.tv_nsec = (delay_us % 1000000) * 1000;
    nanosleep(&pause, NULL);
    kill(pid, SIGKILL);
    wait_child(pid);
    imr_error_clear(&err);
    if(imr_store_open(url, &store, &err) != IMR_OK ||
       imr_store_check(store, &err) != IMR_OK) {
        fprintf(stderr, "  after a kill at %ld us: %s\n", delay_us,
                err.message);
        imr_store_close(store);
        close(fds[0]);
        return 1;
    }
    missing = missing_committed(store, fds[0], reported);
    close(fds[0]);
    imr_store_close(store);
    if(missing)
        fprintf(stderr, "  after a kill at %ld us: %d committed cases lost\n",
                delay_us, missing);
    return missing != 0;
}

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* How long a writer takes to open the database and add ten cases, in
 * microseconds: the kills are spread over that, whatever the machine,
 * the backend and the sanitizers cost. */
static long writer_time_us(const char *url)
{
    double start = seconds_now();
    pid_t pid = start_writer(url, 10, -1);
    if(pid < 0 || wait_child(pid) != 0)
        return -1;
    return (long)((seconds_now() - start) * 1e6);
}

#define KILL_ROUNDS 12
#define NEW_DATABASE_ROUNDS 3

TEST(a_writer_killed_at_random_points_loses_no_committed_case)
{
    char url[1024], new_url[1024], name[32];
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    int round, failed = 0, reported = 0;
    long span = writer_time_us(fresh_url("killed", url, sizeof(url)));

    ASSERT_TRUE(span > 0);
    for(round = 0; round < KILL_ROUNDS; round++) {
        long delay;
        seed = seed * 1103515245u + 12345u;
        delay = (long)((seed >> 8) % (unsigned long)span);
        /* The first rounds kill a writer opening a new database, most
         * likely while it migrates; the others while it adds cases. */
        if(round < NEW_DATABASE_ROUNDS) {
            snprintf(name, sizeof(name), "killed_new_%d", round);
            failed += kill_round(fresh_url(name, new_url, sizeof(new_url)),
                                 delay / 4, &reported);
        } else
            failed += kill_round(url, delay, &reported);
    }
    printf("     %d committed cases checked after %d kills within %ld us\n",
           reported, KILL_ROUNDS, span);
    if(failed)
        fprintf(stderr, "  seed %u, span %ld us\n", seed, span);
    ASSERT_EQ_INT(0, failed);
    ASSERT_TRUE(reported > 0);
}

TEST(processes_opening_a_new_database_at_once_migrate_it_once)
{
    char url[1024];
    pid_t pids[WRITERS];
    imr_store *store = NULL;
    imr_error err;
    int i, failed = 0;

    fresh_url("openers", url, sizeof(url));
    for(i = 0; i < WRITERS; i++)
        pids[i] = start_writer(url, 1, -1);
    for(i = 0; i < WRITERS; i++)
        failed += pids[i] < 0 || wait_child(pids[i]) != 0;
    ASSERT_EQ_INT(0, failed);
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, imr_store_open(url, &store, &err));
    ASSERT_EQ_INT(*store->backend->migration_count,
                  count_sql(store, "SELECT count(*) FROM schema_version"));
    ASSERT_EQ_INT(WRITERS, count_sql(store, "SELECT count(*) FROM cases"));
    imr_store_close(store);
}

/*---- Main ---------------------------------------------------------------*/

static const test_case tests[] = {
    T(an_added_case_is_listed_and_read_back_as_it_was_given),
    T(the_application_of_a_case_is_kept_in_its_own_table),
    T(a_determination_is_kept_with_its_knowledge_base_version),
    T(the_latest_determination_comes_with_its_version_and_date),
    T(a_determination_of_a_missing_case_is_refused),
    T(the_audit_log_has_who_when_and_what_in_order),
    T(the_audit_log_refuses_updates_and_deletes),
    T(an_invalid_case_stores_nothing_and_says_where),
    T(text_that_is_not_utf8_or_holds_a_nul_byte_is_refused_on_both),
    T(a_change_without_an_actor_is_refused),
    T(a_reviewer_is_kept_by_its_panel_id_and_replaced),
    T(a_case_is_assigned_to_a_stored_reviewer_and_the_latest_counts),
    T(an_assignment_to_an_unknown_reviewer_or_case_is_refused),
    T(deadlines_past_due_and_not_met_are_overdue),
    T(a_case_lists_its_deadlines_met_and_open),
    T(a_deadline_with_a_bad_date_or_kind_or_case_is_refused),
    T(the_facts_of_a_case_are_replaced_and_listed_in_order),
    T(both_dialects_have_the_same_migrations),
    T(a_reopened_store_keeps_its_data_and_migrates_once),
    T(a_schema_newer_than_the_library_is_refused),
    T(the_database_passes_its_consistency_check),
    T(the_check_finds_a_case_written_around_the_store),
    T(a_database_url_of_an_unknown_kind_or_server_is_refused_clearly),
    T(writers_in_several_processes_at_once_lose_no_case),
    T(a_writer_killed_at_random_points_loses_no_committed_case),
    T(processes_opening_a_new_database_at_once_migrate_it_once),
    {NULL, NULL},
};

/* usage: test_store [--postgresql-only] [TEST]; the option is for
 * tests/e2e/store_pg.sh, as unit_store runs the SQLite half. */
int main(int argc, char **argv)
{
    int failed = 0, sqlite_too = 1;

    if(argc > 1 && strcmp(argv[1], "--postgresql-only") == 0) {
        sqlite_too = 0;
        argv[1] = argv[0];
        argc--;
        argv++;
    }
    if(sqlite_too) {
        printf("# SQLite\n");
        target = ON_SQLITE;
        failed = test_main(tests, argc, argv);
    }
    pg_url = getenv("IMR_TEST_PG_URL");
    if(!pg_url || !pg_url[0]) {
        printf("# PostgreSQL: skipped (IMR_TEST_PG_URL is not set; "
               "tests/e2e/store_pg.sh sets it)\n");
        return failed;
    }
    printf("# PostgreSQL\n");
    target = ON_POSTGRES;
    connect_admin();
    failed |= test_main(tests, argc, argv);
    return failed;
}
