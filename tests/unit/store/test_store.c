/* SPDX-License-Identifier: MIT */
/* The store on SQLite: cases, determinations and the audit log kept in a
 * scratch database file, the log append-only, refusals storing nothing,
 * and migrations applied once. */
#include "imr/store.h"

#include <dirent.h>
#include <sqlite3.h>
#include <unistd.h>

#include "harness.h"
#include "store/store_int.h"

/*---- Scratch databases --------------------------------------------------*/

/* One scratch folder for the run (flat: databases and their WAL files),
 * removed at exit even when a test fails half way. */
static char scratch[512];

static void remove_scratch(void)
{
    DIR *d = opendir(scratch);
    struct dirent *entry;
    char path[1024];

    if(!d)
        return;
    while((entry = readdir(d)) != NULL) {
        if(entry->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", scratch, entry->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(scratch);
}

static const char *scratch_db(const char *name, char *out, size_t size)
{
    if(!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof(scratch), "%s/imr-store-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if(!mkdtemp(scratch)) {
            perror("mkdtemp");
            exit(1);
        }
        atexit(remove_scratch);
    }
    snprintf(out, size, "%s/%s", scratch, name);
    return out;
}

static const char good_case[] =
    "{\"case_number\": \"CM14-0000042\",\n"
    " \"ur\": {\"date\": \"2014-11-24\", \"decision\": \"non-certified\"},\n"
    " \"requests\": [{\"text\": \"Physical therapy 2x4 for the lumbar "
    "spine\"},\n"
    "              {\"text\": \"MRI of the lumbar spine\"}],\n"
    " \"records\": [{\"date\": \"2014-10-01\", \"kind\": \"progress note\",\n"
    "               \"text\": \"Low back pain for six weeks.\"}]}\n";

static const char bad_case[] =
    "{\"requests\": [{\"text\": 12}],\n"
    " \"records\": [{\"text\": \"Low back pain.\"}]}\n";

static const imr_store_who clerk = {"clerk", "test@localhost",
                                    "2014-12-05T10:00:00Z"};
static const imr_store_who reviewer = {"reviewer", "test@localhost",
                                       "2014-12-06T09:30:00Z"};

/* A count from one SQL query on the database file, read directly. */
static long long count_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    long long n = -1;

    if(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

/* Runs one statement on the database file; returns SQLite's code and
 * copies its message. */
static int exec_sql(const char *path, const char *sql, char *message,
                    size_t size)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

    if(rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    snprintf(message, size, "%s", msg ? msg : "");
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

typedef struct collected {
    int count;
    long long last_id;
    char actions[256];
} collected;

static int collect_case(const imr_store_case_row *row, void *data)
{
    collected *c = data;
    c->count++;
    c->last_id = row->id;
    snprintf(c->actions, sizeof(c->actions), "%s %lld %lld", row->case_number,
             row->request_count, row->determination_count);
    return 0;
}

static int collect_audit(const imr_store_audit_row *row, void *data)
{
    collected *c = data;
    size_t used = strlen(c->actions);
    c->count++;
    snprintf(c->actions + used, sizeof(c->actions) - used, "%s%s/%s/%s",
             used ? " " : "", row->action, row->actor, row->at);
    return 0;
}

/* Opens `name` in the scratch folder and adds the good case to it. */
static imr_store *open_with_case(const char *name, char *path, size_t size,
                                 long long *id)
{
    imr_store *store = NULL;
    imr_error err;
    imr_error_clear(&err);
    if(imr_store_open(scratch_db(name, path, size), &store, &err) != IMR_OK)
        return NULL;
    if(imr_store_case_add(store, good_case, strlen(good_case), &clerk, id,
                          &err) != IMR_OK) {
        imr_store_close(store);
        return NULL;
    }
    return store;
}

/*---- Tests --------------------------------------------------------------*/

TEST(an_added_case_is_listed_and_read_back_as_it_was_given)
{
    char path[1024];
    long long id = 0;
    imr_store *store = open_with_case("added.db", path, sizeof(path), &id);
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
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, id);
    ASSERT_EQ_INT(1, c.count);
    ASSERT_EQ_STR("CM14-0000042 2 0", c.actions);
    ASSERT_EQ_STR(good_case, json.data);
    imr_buf_fini(&json);
    ASSERT_EQ_INT(2, count_sql(path, "SELECT count(*) FROM requests"));
    ASSERT_EQ_INT(1, count_sql(path, "SELECT count(*) FROM records "
                                     "WHERE kind = 'progress note'"));
}

TEST(a_determination_is_kept_with_its_knowledge_base_version)
{
    char path[1024];
    long long id = 0, det = 0;
    imr_store *store = open_with_case("decided.db", path, sizeof(path), &id);
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
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, det);
    ASSERT_EQ_STR(json, latest.data);
    imr_buf_fini(&latest);
    ASSERT_EQ_INT(1, count_sql(path, "SELECT count(*) FROM determinations "
                                     "WHERE kb_version = 'kb-1234' AND "
                                     "decided_on = '2014-11-24'"));
}

TEST(a_determination_of_a_missing_case_is_refused)
{
    char path[1024];
    long long id = 0;
    imr_store *store = open_with_case("missing.db", path, sizeof(path), &id);
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_determination_add(store, id + 1, "kb-1", NULL, "{}", 2,
                                     &reviewer, NULL, &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_ENOTFOUND, rc);
    ASSERT_EQ_STR("no case 2", err.message);
    ASSERT_EQ_INT(1, count_sql(path, "SELECT count(*) FROM audit_log"));
}

TEST(the_audit_log_has_who_when_and_what_in_order)
{
    char path[1024];
    long long id = 0;
    imr_store *store = open_with_case("audit.db", path, sizeof(path), &id);
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
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(2, c.count);
    ASSERT_EQ_STR("case.add/clerk/2014-12-05T10:00:00Z "
                  "determination.add/reviewer/2014-12-06T09:30:00Z",
                  c.actions);
    ASSERT_EQ_INT(2, count_sql(path, "SELECT count(*) FROM audit_log "
                                     "WHERE origin = 'test@localhost'"));
}

TEST(the_audit_log_refuses_updates_and_deletes)
{
    char path[1024], message[256];
    long long id = 0;
    imr_store *store = open_with_case("append.db", path, sizeof(path), &id);

    ASSERT_TRUE(store != NULL);
    imr_store_close(store);
    ASSERT_TRUE(exec_sql(path, "UPDATE audit_log SET actor = 'someone'",
                         message, sizeof(message)) != SQLITE_OK);
    ASSERT_CONTAINS(message, "append-only");
    ASSERT_TRUE(exec_sql(path, "DELETE FROM audit_log", message,
                         sizeof(message)) != SQLITE_OK);
    ASSERT_CONTAINS(message, "append-only");
    ASSERT_EQ_INT(1, count_sql(path, "SELECT count(*) FROM audit_log "
                                     "WHERE actor = 'clerk'"));
}

TEST(an_invalid_case_stores_nothing_and_says_where)
{
    char path[1024];
    imr_store *store = NULL;
    imr_error err;
    long long id = -7;
    imr_status rc;

    imr_error_clear(&err);
    rc = imr_store_open(scratch_db("invalid.db", path, sizeof(path)), &store,
                        &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    rc = imr_store_case_add(store, bad_case, strlen(bad_case), &clerk, &id,
                            &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_EINPUT, rc);
    ASSERT_EQ_STR("$.requests[0].text", err.path);
    ASSERT_EQ_INT(-7, id);
    ASSERT_EQ_INT(0, count_sql(path, "SELECT count(*) FROM cases"));
    ASSERT_EQ_INT(0, count_sql(path, "SELECT count(*) FROM requests"));
    ASSERT_EQ_INT(0, count_sql(path, "SELECT count(*) FROM audit_log"));
}

TEST(a_reopened_store_keeps_its_data_and_migrates_once)
{
    char path[1024];
    long long id = 0;
    imr_store *store = open_with_case("reopen.db", path, sizeof(path), &id);
    collected c;
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_store_close(store);
    store = NULL;
    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    rc = imr_store_open(path, &store, &err);
    ASSERT_EQ_INT(IMR_OK, rc);
    rc = imr_store_case_list(store, collect_case, &c, &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_OK, rc);
    ASSERT_EQ_INT(1, c.count);
    ASSERT_EQ_INT(imr__store_migration_count,
                  count_sql(path, "SELECT count(*) FROM schema_version"));
    ASSERT_EQ_INT(imr__store_migrations[imr__store_migration_count - 1].version,
                  count_sql(path, "SELECT max(version) FROM schema_version"));
}

TEST(the_database_is_in_wal_mode_and_passes_its_integrity_check)
{
    char path[1024], message[256];
    long long id = 0;
    imr_store *store = open_with_case("integrity.db", path, sizeof(path), &id);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    char result[64] = "";

    ASSERT_TRUE(store != NULL);
    imr_store_close(store);
    if(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL) ==
           SQLITE_OK &&
       sqlite3_step(stmt) == SQLITE_ROW)
        snprintf(result, sizeof(result), "%s",
                 (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    ASSERT_EQ_STR("ok", result);
    ASSERT_EQ_INT(SQLITE_OK, exec_sql(path, "PRAGMA foreign_key_check", message,
                                      sizeof(message)));
    ASSERT_EQ_INT(1, count_sql(path, "SELECT count(*) FROM "
                                     "pragma_journal_mode "
                                     "WHERE journal_mode = 'wal'"));
}

TEST(a_postgresql_url_is_refused_until_that_backend_exists)
{
    imr_store *store = NULL;
    imr_error err;
    imr_status rc;

    imr_error_clear(&err);
    rc = imr_store_open("postgresql://localhost/imr", &store, &err);
    ASSERT_EQ_INT(IMR_EUNSUPPORTED, rc);
    ASSERT_TRUE(store == NULL);
    ASSERT_CONTAINS(err.message, "the PostgreSQL backend is not built yet");
}

TEST(a_change_without_an_actor_is_refused)
{
    char path[1024];
    long long id = 0;
    imr_store *store = open_with_case("actor.db", path, sizeof(path), &id);
    imr_store_who nobody = {"", "test@localhost", "2014-12-05T10:00:00Z"};
    imr_error err;
    imr_status rc;

    ASSERT_TRUE(store != NULL);
    imr_error_clear(&err);
    rc = imr_store_case_add(store, good_case, strlen(good_case), &nobody, &id,
                            &err);
    imr_store_close(store);
    ASSERT_EQ_INT(IMR_EUSAGE, rc);
    ASSERT_EQ_INT(1, count_sql(path, "SELECT count(*) FROM cases"));
}

TEST_MAIN(T(an_added_case_is_listed_and_read_back_as_it_was_given),
          T(a_determination_is_kept_with_its_knowledge_base_version),
          T(a_determination_of_a_missing_case_is_refused),
          T(the_audit_log_has_who_when_and_what_in_order),
          T(the_audit_log_refuses_updates_and_deletes),
          T(an_invalid_case_stores_nothing_and_says_where),
          T(a_reopened_store_keeps_its_data_and_migrates_once),
          T(the_database_is_in_wal_mode_and_passes_its_integrity_check),
          T(a_postgresql_url_is_refused_until_that_backend_exists),
          T(a_change_without_an_actor_is_refused))
