/* SPDX-License-Identifier: MIT */
/* Shared by the intake tests: the tables of the source tree's kb/, loaded
 * once for the run, and case files and panels written from JSON pieces. */
#include "intake_tests.h"

static imr_catalogue *catalogue;
static imr_intake_rules *rules;

static void unload(void)
{
    imr_intake_rules_free(rules);
    imr_catalogue_free(catalogue);
}

static void load(void)
{
    imr_error err;
    char msg[1200];

    if(rules)
        return;
    imr_error_clear(&err);
    if(imr_catalogue_load(IMR_SOURCE_DIR "/kb", &catalogue, &err) != IMR_OK ||
       imr_intake_rules_load(IMR_SOURCE_DIR "/kb", catalogue, &rules, &err) !=
           IMR_OK) {
        fprintf(stderr, "fixture: %s\n",
                imr_error_format(&err, msg, sizeof(msg)));
        exit(1);
    }
    atexit(unload);
}

const imr_catalogue *fixture_catalogue(void)
{
    load();
    return catalogue;
}

const imr_intake_rules *fixture_rules(void)
{
    load();
    return rules;
}

static const char *in_arena(imr_arena *arena, imr_buf *b)
{
    const char *s = imr_arena_strndup(arena, b->data, b->len);
    imr_buf_fini(b);
    return s;
}

const char *fixture_application(imr_arena *arena, const char *extra)
{
    imr_buf b;
    imr_buf_init(&b);
    imr_buf_printf(&b,
                   "{\"received\": \"2014-12-05\", \"signed\": true, "
                   "\"ur_attached\": true, \"filed_by\": \"employee\"%s%s}",
                   extra ? ", " : "", extra ? extra : "");
    return in_arena(arena, &b);
}

const char *fixture_case_json(imr_arena *arena, const char *application,
                              const char *ur, const char *parties,
                              const char *requests)
{
    imr_buf b;
    imr_buf_init(&b);
    imr_buf_printf(
        &b,
        "{\"case_number\": \"CM14-0000099\",\n"
        " \"application\": %s,\n"
        " \"ur\": %s,\n"
        " \"parties\": %s,\n"
        " \"requests\": %s}\n",
        application ? application : fixture_application(arena, NULL),
        ur ? ur
           : "{\"date\": \"2014-11-24\", \"served_by\": \"mail\", "
             "\"decision\": \"non-certified\"}",
        parties ? parties
                : "{\"employer\": \"Example Warehouse Co.\", "
                  "\"claims_administrator\": \"Example Claims Services\", "
                  "\"requesting_provider\": \"Example Spine Clinic\"}",
        requests ? requests
                 : "[{\"text\": \"Physical therapy 2x4 for the lumbar "
                   "spine\"}]");
    return in_arena(arena, &b);
}

imr_case *fixture_case(imr_arena *arena, const char *json)
{
    imr_case *c = NULL;
    imr_error err;
    char msg[1200];

    imr_error_clear(&err);
    if(imr_case_read(json, strlen(json), IMR_CASE_FOR_INTAKE, arena, &c,
                     &err) != IMR_OK) {
        fprintf(stderr, "  case refused: %s\n",
                imr_error_format(&err, msg, sizeof(msg)));
        return NULL;
    }
    return c;
}

imr_intake_result *fixture_intake(imr_arena *arena, const char *case_json,
                                  const char *panel_json, const char *as_of)
{
    imr_intake_context ctx;
    imr_intake_result *r = NULL;
    imr_panel *panel = NULL;
    imr_case *c = fixture_case(arena, case_json);
    imr_error err;
    char msg[1200];

    if(!c)
        return NULL;
    imr_error_clear(&err);
    if(panel_json && imr_panel_parse(panel_json, strlen(panel_json), arena,
                                     &panel, &err) != IMR_OK) {
        fprintf(stderr, "  panel refused: %s\n",
                imr_error_format(&err, msg, sizeof(msg)));
        return NULL;
    }
    memset(&ctx, 0, sizeof(ctx));
    ctx.rules = fixture_rules();
    ctx.catalogue = fixture_catalogue();
    ctx.panel = panel;
    ctx.as_of = as_of;
    imr_intake(&ctx, c, arena, &r);
    return r;
}

const char *fixture_reviewer(imr_arena *arena, const char *id,
                             const char *certifications, const char *states,
                             const char *affiliations, double hours,
                             int open_cases)
{
    imr_buf b;
    imr_buf_init(&b);
    imr_buf_printf(&b,
                   "{\"id\": \"%s\", \"board_certifications\": %s, "
                   "\"licensed_states\": %s, \"years_in_practice\": 10, "
                   "\"weekly_clinical_hours\": %g, "
                   "\"disciplinary_history\": [], \"affiliations\": %s, "
                   "\"open_cases\": %d}",
                   id, certifications, states, hours, affiliations, open_cases);
    return in_arena(arena, &b);
}

int fixture_has_reason(const imr_intake_result *r, const char *needle)
{
    size_t i;
    for(i = 0; i < r->reason_count; i++) {
        if(strstr(r->reasons[i], needle))
            return 1;
    }
    return 0;
}

const char *fixture_passed_over(const imr_assignment *a, const char *id)
{
    size_t i;
    for(i = 0; i < a->passed_over_count; i++) {
        if(strcmp(a->passed_over[i].reviewer->id, id) == 0)
            return a->passed_over[i].reason;
    }
    return NULL;
}
