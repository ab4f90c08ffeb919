/* SPDX-License-Identifier: MIT */
/* imr case: case files kept in the store (add, list, show), decided there
 * with the determination stored beside the knowledge-base version (decide),
 * and the audit log of each (log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "imr/letter.h"
#include "imr/store.h"
#include "review_setup.h"
#include "style_config.h"

#define MAX_CASE_BYTES ((size_t)64 << 20)

static const char usage[] =
    "usage: imr case add CASE.json     store a case file; prints its id\n"
    "       imr case list              id, case number, added, requests,\n"
    "                                  determinations (tab-separated)\n"
    "       imr case show ID           the case file as it was added\n"
    "       imr case decide ID         decide it, store the determination,\n"
    "                                  print the letter\n"
    "       imr case log ID            the case's audit log\n\n"
    "  --db URL      the store: a SQLite file or sqlite:FILE (default imr.db),\n"
    "                or postgresql://[USER@]HOST[:PORT]/DB[?PARAM=VALUE...]\n"
    "  --actor NAME  who is acting, for the audit log (default $USER)\n"
    "  --format F    decide: text (default) or json\n"
    "  --config F    decide: the organization and reviewer (JSON)\n"
    "  --date D      decide: the review date when the case has no UR date\n"
    "  --kb DIR      decide: the knowledge base (default: $IMR_KB or the\n"
    "                built-in one)\n";

typedef struct case_options {
    const char *action;
    const char *arg;
    const char *db;
    const char *actor;
    const char *format;
    const char *config;
    const char *date;
    const char *kb_dir;
} case_options;

static const char **option_slot(case_options *o, const char *a)
{
    if(strcmp(a, "--db") == 0)
        return &o->db;
    if(strcmp(a, "--actor") == 0)
        return &o->actor;
    if(strcmp(a, "--format") == 0)
        return &o->format;
    if(strcmp(a, "--config") == 0)
        return &o->config;
    if(strcmp(a, "--date") == 0)
        return &o->date;
    if(strcmp(a, "--kb") == 0)
        return &o->kb_dir;
    return NULL;
}

/* The action's operand count: add, show, decide and log take one. */
static int wants_operand(const char *action)
{
    return strcmp(action, "list") != 0;
}

static int check_options(const case_options *o)
{
    static const char *const actions[] = {"add", "list", "show", "decide",
                                          "log"};
    size_t i;
    if(!o->action)
        return imr__cli_usage_error("case", "no action given (add, list, "
                                            "show, decide or log)");
    for(i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if(strcmp(o->action, actions[i]) == 0)
            break;
    if(i == sizeof(actions) / sizeof(actions[0]))
        return imr__cli_usage_error("case", "unknown action \"%s\"", o->action);
    if(wants_operand(o->action) && !o->arg)
        return imr__cli_usage_error(
            "case", "%s needs %s", o->action,
            strcmp(o->action, "add") == 0 ? "a case file" : "a case id");
    if(strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0)
        return imr__cli_usage_error(
            "case", "unknown format \"%s\" (text or json)", o->format);
    return 0;
}

static int read_options(int argc, char **argv, case_options *o)
{
    int i;
    for(i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = option_slot(o, a);
        if(imr__cli_is_help(a)) {
            fputs(usage, stdout);
            return -1;
        }
        if(slot) {
            if(i + 1 >= argc)
                return imr__cli_usage_error("case", "%s needs a value", a);
            *slot = argv[++i];
        } else if(a[0] == '-' && a[1])
            return imr__cli_usage_error("case", "unknown option \"%s\"", a);
        else if(!o->action)
            o->action = a;
        else if(!o->arg && wants_operand(o->action))
            o->arg = a;
        else
            return imr__cli_usage_error("case", "unexpected \"%s\"", a);
    }
    return check_options(o);
}

static int parse_id(const char *s, long long *id)
{
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if(end == s || *end || v <= 0)
        return imr__cli_usage_error("case", "\"%s\" is not a case id", s);
    *id = v;
    return 0;
}

/*---- Who, when, where ---------------------------------------------------*/

/* The audit log's who, when and where: the CLI reads the clock and the
 * host name; the library never does. */
typedef struct actor_info {
    char at[32];
    char origin[300];
    imr_store_who who;
} actor_info;

static void actor_info_init(actor_info *a, const case_options *o)
{
    time_t now = time(NULL);
    struct tm tm;
    char host[256];
    const char *user = getenv("USER");

    gmtime_r(&now, &tm);
    strftime(a->at, sizeof(a->at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if(gethostname(host, sizeof(host)) != 0)
        snprintf(host, sizeof(host), "unknown");
    host[sizeof(host) - 1] = '\0';
    snprintf(a->origin, sizeof(a->origin), "cli@%s", host);
    a->who.actor = o->actor ? o->actor : user && user[0] ? user : "unknown";
    a->who.origin = a->origin;
    a->who.at = a->at;
}

/*---- Actions ------------------------------------------------------------*/

static int case_add(imr_store *store, const case_options *o)
{
    imr_buf text;
    imr_error err;
    actor_info who;
    long long id = 0;
    int rc = IMR_EXIT_OK;

    imr_buf_init(&text);
    imr_error_clear(&err);
    actor_info_init(&who, o);
    if(imr_file_read_buf(o->arg, MAX_CASE_BYTES, &text, &err) != IMR_OK ||
       imr_store_case_add(store, text.data, text.len, &who.who, &id, &err) !=
           IMR_OK) {
        if(err.status == IMR_EINPUT)
            imr_error_name_file(&err, o->arg);
        rc = imr__cli_fail(&err);
    } else {
        printf("%lld\n", id);
    }
    imr_buf_fini(&text);
    return rc;
}

static int print_case_row(const imr_store_case_row *row, void *data)
{
    (void)data;
    printf("%lld\t%s\t%s\t%lld\t%lld\n", row->id, row->case_number,
           row->added_at, row->request_count, row->determination_count);
    return 0;
}

static int print_audit_row(const imr_store_audit_row *row, void *data)
{
    (void)data;
    printf("%s\t%s\t%s\t%s\t%s\n", row->at, row->actor, row->origin,
           row->action, row->detail);
    return 0;
}

static int case_show(imr_store *store, long long id)
{
    imr_buf json;
    imr_error err;
    int rc = IMR_EXIT_OK;

    imr_buf_init(&json);
    imr_error_clear(&err);
    if(imr_store_case_get(store, id, &json, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else {
        fwrite(json.data, 1, json.len, stdout);
        if(json.len && json.data[json.len - 1] != '\n')
            putchar('\n');
    }
    imr_buf_fini(&json);
    return rc;
}

/* Today, for a case with no UR date and no --date. */
static void today(char iso[11])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(iso, 11, "%Y-%m-%d", &tm);
}

/* Stores the determination `d` of case `id` and renders what is printed. */
static imr_status keep_and_render(imr_store *store, long long id,
                                  const case_options *o, const review_setup *s,
                                  const imr_determination *d,
                                  const imr_letter_style *style, imr_buf *out,
                                  imr_error *err)
{
    cJSON *j = imr_determination_to_json(d);
    imr_buf json;
    actor_info who;
    imr_status rc;

    imr_buf_init(&json);
    imr_json_print(j, IMR_JSON_COMPACT, &json);
    cJSON_Delete(j);
    actor_info_init(&who, o);
    rc = imr_store_determination_add(store, id, imr_kb_version(s->kb),
                                     d->decided_on, json.data, json.len,
                                     &who.who, NULL, err);
    if(rc == IMR_OK && strcmp(o->format, "json") == 0) {
        imr_buf_append(out, json.data, json.len);
        imr_buf_putc(out, '\n');
    } else if(rc == IMR_OK)
        imr_letter_render_text(d, style, out);
    imr_buf_fini(&json);
    return rc;
}

static imr_status decide(imr_store *store, long long id, const case_options *o,
                         review_setup *s, const imr_letter_style *style,
                         imr_buf *out, imr_error *err)
{
    imr_arena *arena = imr_arena_new();
    imr_buf text;
    imr_case *c = NULL;
    imr_determination *d = NULL;
    char date[11];
    imr_status rc;

    imr_buf_init(&text);
    rc = imr_store_case_get(store, id, &text, err);
    if(rc == IMR_OK)
        rc = imr_case_parse(text.data, text.len, arena, &c, err);
    if(rc == IMR_OK) {
        if(o->date)
            snprintf(date, sizeof(date), "%s", o->date);
        else
            today(date);
        s->ctx.review_date = date;
        imr_review(&s->ctx, c, arena, &d);
        rc = keep_and_render(store, id, o, s, d, style, out, err);
    }
    imr_buf_fini(&text);
    imr_arena_free(arena);
    return rc;
}

static int case_decide(imr_store *store, const case_options *o, long long id)
{
    review_setup s;
    style_config cfg;
    imr_buf out;
    imr_error err;
    int rc = IMR_EXIT_OK;

    imr_error_clear(&err);
    if(imr__style_config_load(&cfg, o->config, &err) != IMR_OK)
        return imr__cli_fail(&err);
    if(imr__review_setup_load(&s, o->kb_dir ? o->kb_dir : imr_kb_default_dir(),
                              NULL, &err) != IMR_OK) {
        imr__style_config_fini(&cfg);
        return imr__cli_fail(&err);
    }
    imr_buf_init(&out);
    if(decide(store, id, o, &s, &cfg.style, &out, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else
        fwrite(out.data, 1, out.len, stdout);
    imr_buf_fini(&out);
    imr__review_setup_fini(&s);
    imr__style_config_fini(&cfg);
    return rc;
}

static int run(imr_store *store, const case_options *o)
{
    imr_error err;
    long long id = 0;
    int rc = 0;

    imr_error_clear(&err);
    if(strcmp(o->action, "add") == 0)
        return case_add(store, o);
    if(strcmp(o->action, "list") == 0) {
        if(imr_store_case_list(store, print_case_row, NULL, &err) != IMR_OK)
            return imr__cli_fail(&err);
        return IMR_EXIT_OK;
    }
    rc = parse_id(o->arg, &id);
    if(rc != 0)
        return rc;
    if(strcmp(o->action, "show") == 0)
        return case_show(store, id);
    if(strcmp(o->action, "decide") == 0)
        return case_decide(store, o, id);
    if(imr_store_audit_list(store, id, print_audit_row, NULL, &err) != IMR_OK)
        return imr__cli_fail(&err);
    return IMR_EXIT_OK;
}

int imr__cli_case(int argc, char **argv)
{
    case_options o;
    imr_store *store = NULL;
    imr_error err;
    int rc;

    memset(&o, 0, sizeof(o));
    o.db = "imr.db";
    o.format = "text";
    rc = read_options(argc, argv, &o);
    if(rc != 0)
        return rc < 0 ? IMR_EXIT_OK : rc;
    imr_error_clear(&err);
    if(imr_store_open(o.db, &store, &err) != IMR_OK)
        return imr__cli_fail(&err);
    rc = run(store, &o);
    imr_store_close(store);
    return rc;
}
