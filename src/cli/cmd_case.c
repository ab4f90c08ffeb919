/* SPDX-License-Identifier: MIT */
/* imr case: case files kept in the store (add, list, show), assigned to a
 * reviewer of a panel with their deadlines (assign, case_assign.c),
 * decided there with the determination stored beside the knowledge-base
 * version and its letter reproduced from it (decide, letter,
 * case_decide.c), and the audit log (log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "case.h"
#include "cli.h"

#define MAX_CASE_BYTES ((size_t)64 << 20)

static const char usage[] =
    "usage: imr case add CASE.json     store a case file; prints its id\n"
    "       imr case list              id, case number, added, requests,\n"
    "                                  determinations, reviewer, overdue\n"
    "                                  deadlines (tab-separated)\n"
    "       imr case show ID           the case file as it was added\n"
    "       imr case assign ID --panel PANEL.json\n"
    "                                  intake: eligibility, due dates and a\n"
    "                                  reviewer of the panel; stores the\n"
    "                                  reviewer, the assignment and the\n"
    "                                  deadlines, prints the intake result\n"
    "       imr case decide ID         decide it, store the determination,\n"
    "                                  print the letter (stating the assigned\n"
    "                                  reviewer's credentials)\n"
    "       imr case letter ID         the letter of the latest "
    "determination,\n"
    "                                  decided again and refused unless the\n"
    "                                  knowledge base is the one that made it\n"
    "       imr case log [ID]          the case's audit log; every row, with\n"
    "                                  its case, when no ID is given\n\n"
    "  --db URL      the store: a SQLite file or sqlite:FILE (default "
    "imr.db),\n"
    "                or postgresql://[USER@]HOST[:PORT]/DB[?PARAM=VALUE...]\n"
    "  --actor NAME  who is acting, for the audit log (default $USER)\n"
    "  --panel F     assign: the reviewer panel (JSON)\n"
    "  --format F    assign, decide: text (default) or json;\n"
    "                letter: text (default), html or pdf\n"
    "  -o FILE       assign, decide, letter: write to FILE (through a\n"
    "                temporary file renamed into place)\n"
    "  --config F    decide, letter: the organization and reviewer (JSON)\n"
    "  --date D      YYYY-MM-DD; assign: flag the due dates passed by D;\n"
    "                decide: the review date (default today): the editions'\n"
    "                date when the case has no UR date, and the day its\n"
    "                determination deadline is met; list: the day overdue\n"
    "                deadlines are counted at (default today)\n"
    "  --kb DIR      assign, decide, letter: the knowledge base (default:\n"
    "                $IMR_KB or the built-in one)\n\n"
    "Exit status: 0 success; 1 refused (a bad case file, a case that is not\n"
    "eligible or that nobody on the panel may review, a letter whose\n"
    "knowledge base differs from its determination's); 2 wrong usage.\n";

static const char **option_slot(case_options *o, const char *a)
{
    if(strcmp(a, "--db") == 0)
        return &o->db;
    if(strcmp(a, "--actor") == 0)
        return &o->actor;
    if(strcmp(a, "--format") == 0)
        return &o->format;
    if(strcmp(a, "-o") == 0)
        return &o->output;
    if(strcmp(a, "--config") == 0)
        return &o->config;
    if(strcmp(a, "--panel") == 0)
        return &o->panel;
    if(strcmp(a, "--date") == 0)
        return &o->date;
    if(strcmp(a, "--kb") == 0)
        return &o->kb_dir;
    return NULL;
}

static int is_action(const case_options *o, const char *name)
{
    return strcmp(o->action, name) == 0;
}

/* Whether the action takes an operand: list takes none, log an optional
 * one, the others one. */
static int takes_operand(const char *action)
{
    return strcmp(action, "list") != 0;
}

static int check_format(const case_options *o)
{
    if(is_action(o, "letter")) {
        if(strcmp(o->format, "text") != 0 && strcmp(o->format, "html") != 0 &&
           strcmp(o->format, "pdf") != 0)
            return imr__cli_usage_error(
                "case", "unknown letter format \"%s\" (text, html or pdf)",
                o->format);
        return 0;
    }
    if(strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0)
        return imr__cli_usage_error(
            "case", "unknown format \"%s\" (text or json)", o->format);
    return 0;
}

static int check_options(const case_options *o)
{
    static const char *const actions[] = {"add",    "list",   "show", "assign",
                                          "decide", "letter", "log"};
    size_t i;
    if(!o->action)
        return imr__cli_usage_error("case", "no action given (add, list, "
                                            "show, assign, decide, letter "
                                            "or log)");
    for(i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if(strcmp(o->action, actions[i]) == 0)
            break;
    if(i == sizeof(actions) / sizeof(actions[0]))
        return imr__cli_usage_error("case", "unknown action \"%s\"", o->action);
    if(takes_operand(o->action) && !is_action(o, "log") && !o->arg)
        return imr__cli_usage_error("case", "%s needs %s", o->action,
                                    is_action(o, "add") ? "a case file"
                                                        : "a case id");
    if(is_action(o, "assign") && !o->panel)
        return imr__cli_usage_error("case", "assign needs --panel PANEL.json");
    if(o->date && !imr__cli_is_iso_date(o->date))
        return imr__cli_usage_error(
            "case", "--date needs a date YYYY-MM-DD, found \"%s\"", o->date);
    return check_format(o);
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
        else if(!o->arg && takes_operand(o->action))
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

/*---- Shared by the actions ---------------------------------------------*/

void imr__case_actor_init(case_actor *a, const case_options *o)
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

const char *imr__case_kb_dir(const case_options *o)
{
    return o->kb_dir ? o->kb_dir : imr_kb_default_dir();
}

/*---- add, show, log -----------------------------------------------------*/

static int case_add(imr_store *store, const case_options *o)
{
    imr_buf text;
    imr_error err;
    case_actor who;
    long long id = 0;
    int rc = IMR_EXIT_OK;

    imr_buf_init(&text);
    imr_error_clear(&err);
    imr__case_actor_init(&who, o);
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

static int print_audit_row(const imr_store_audit_row *row, void *data)
{
    (void)data;
    printf("%s\t%s\t%s\t%s\t%s\n", row->at, row->actor, row->origin,
           row->action, row->detail);
    return 0;
}

/* The whole log: the case (or "-") comes before the detail. */
static int print_any_audit_row(const imr_store_audit_row *row, void *data)
{
    (void)data;
    printf("%s\t%s\t%s\t%s\t", row->at, row->actor, row->origin, row->action);
    if(row->case_id)
        printf("%lld", row->case_id);
    else
        putchar('-');
    printf("\t%s\n", row->detail);
    return 0;
}

static int case_log(imr_store *store, long long id)
{
    imr_error err;
    imr_error_clear(&err);
    if(imr_store_audit_list(store, id,
                            id ? print_audit_row : print_any_audit_row, NULL,
                            &err) != IMR_OK)
        return imr__cli_fail(&err);
    return IMR_EXIT_OK;
}

/*---- list ---------------------------------------------------------------*/

/* The cases, read whole before the assignments and deadlines are looked
 * up, so that no statement runs while another's rows are being read. */
typedef struct listed_case {
    long long id;
    char *case_number;
    char *added_at;
    long long request_count;
    long long determination_count;
    imr_buf overdue; /* kinds, comma-separated */
} listed_case;

typedef struct case_listing {
    listed_case *items;
    size_t count;
    size_t cap;
} case_listing;

static int collect_case(const imr_store_case_row *row, void *data)
{
    case_listing *l = data;
    listed_case *c;

    if(l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = imr_xrealloc(l->items, l->cap * sizeof(*l->items));
    }
    c = &l->items[l->count++];
    c->id = row->id;
    c->case_number = imr_xstrdup(row->case_number);
    c->added_at = imr_xstrdup(row->added_at);
    c->request_count = row->request_count;
    c->determination_count = row->determination_count;
    imr_buf_init(&c->overdue);
    imr_buf_puts(&c->overdue, "");
    return 0;
}

static int note_overdue(const imr_store_deadline_row *row, void *data)
{
    case_listing *l = data;
    size_t i;
    for(i = 0; i < l->count; i++) {
        if(l->items[i].id != row->case_id)
            continue;
        if(l->items[i].overdue.len)
            imr_buf_putc(&l->items[i].overdue, ',');
        imr_buf_puts(&l->items[i].overdue, row->kind);
    }
    return 0;
}

static void listing_fini(case_listing *l)
{
    size_t i;
    for(i = 0; i < l->count; i++) {
        free(l->items[i].case_number);
        free(l->items[i].added_at);
        imr_buf_fini(&l->items[i].overdue);
    }
    free(l->items);
}

static imr_status print_listing(imr_store *store, const case_listing *l,
                                imr_error *err)
{
    imr_buf reviewer;
    imr_status rc = IMR_OK;
    size_t i;

    imr_buf_init(&reviewer);
    for(i = 0; i < l->count && rc == IMR_OK; i++) {
        const listed_case *c = &l->items[i];
        imr_buf_reset(&reviewer);
        rc = imr_store_assignment_latest(store, c->id, &reviewer, err);
        if(rc == IMR_ENOTFOUND) {
            imr_error_clear(err);
            imr_buf_puts(&reviewer, "-");
            rc = IMR_OK;
        }
        if(rc == IMR_OK)
            printf("%lld\t%s\t%s\t%lld\t%lld\t%s\t%s\n", c->id, c->case_number,
                   c->added_at, c->request_count, c->determination_count,
                   reviewer.data, c->overdue.len ? c->overdue.data : "-");
    }
    imr_buf_fini(&reviewer);
    return rc;
}

static int case_list(imr_store *store, const case_options *o)
{
    case_listing l;
    imr_error err;
    char today[11];
    imr_status rc;

    memset(&l, 0, sizeof(l));
    imr_error_clear(&err);
    imr__cli_date_or_today(o->date, today);
    rc = imr_store_case_list(store, collect_case, &l, &err);
    if(rc == IMR_OK)
        rc = imr_store_deadline_overdue(store, today, note_overdue, &l, &err);
    if(rc == IMR_OK)
        rc = print_listing(store, &l, &err);
    listing_fini(&l);
    return rc == IMR_OK ? IMR_EXIT_OK : imr__cli_fail(&err);
}

/*---- The command --------------------------------------------------------*/

static int run(imr_store *store, const case_options *o)
{
    long long id = 0;
    int rc = 0;

    if(is_action(o, "add"))
        return case_add(store, o);
    if(is_action(o, "list"))
        return case_list(store, o);
    if(is_action(o, "log") && !o->arg)
        return case_log(store, 0);
    rc = parse_id(o->arg, &id);
    if(rc != 0)
        return rc;
    if(is_action(o, "show"))
        return case_show(store, id);
    if(is_action(o, "assign"))
        return imr__case_assign(store, o, id);
    if(is_action(o, "decide"))
        return imr__case_decide(store, o, id);
    if(is_action(o, "letter"))
        return imr__case_letter(store, o, id);
    return case_log(store, id);
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
