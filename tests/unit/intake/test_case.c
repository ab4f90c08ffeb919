/* SPDX-License-Identifier: MIT */
/* The case-file reader: every field DESIGN.md names, refusals with their
 * JSON path, and records required for review only. */
#include "intake_tests.h"

/* The refusal of `json` for `use`, formatted. */
static const char *refusal(const char *json, imr_case_use use, char *msg,
                           size_t size)
{
    imr_arena *arena = imr_arena_new();
    imr_case *c = NULL;
    imr_error err;

    imr_error_clear(&err);
    if(imr_case_read(json, strlen(json), use, arena, &c, &err) == IMR_OK)
        snprintf(msg, size, "(accepted)");
    else {
        /* A position is printed after a file name only. */
        if(err.line)
            imr_error_name_file(&err, "case.json");
        imr_error_format(&err, msg, size);
    }
    imr_arena_free(arena);
    return msg;
}

void case_reads_the_application_and_its_previous_applications(void)
{
    imr_arena *arena = imr_arena_new();
    const char *app = fixture_application(
        arena,
        "\"expedited\": true, \"liability_disputed\": false, "
        "\"notice\": \"Electronic\", \"notice_sent\": \"12/08/2014\", "
        "\"records_complete\": \"2014-12-19\", "
        "\"previous_applications\": [{\"case_number\": \"CM14-0068812\", "
        "\"received\": \"2014-05-02\", \"ur_date\": \"2014-04-18\", "
        "\"requests\": [\"Chiropractic 2x3 lumbar spine\", {\"text\": "
        "\"MRI\"}], \"status\": \"decided\"}]");
    imr_case *c =
        fixture_case(arena, fixture_case_json(arena, app, NULL, NULL, NULL));
    const imr_application *a;

    ASSERT_TRUE(c != NULL);
    a = &c->application;
    ASSERT_TRUE(a->is_present);
    ASSERT_EQ_STR("2014-12-05", a->received);
    ASSERT_EQ_INT(IMR_ANSWER_YES, a->is_signed);
    ASSERT_EQ_INT(IMR_ANSWER_YES, a->ur_attached);
    ASSERT_EQ_INT(IMR_ANSWER_YES, a->expedited);
    ASSERT_EQ_INT(IMR_ANSWER_NO, a->liability_disputed);
    ASSERT_EQ_INT(IMR_FILER_EMPLOYEE, a->filed_by);
    ASSERT_EQ_INT(IMR_DELIVERY_ELECTRONIC, a->notice_by);
    ASSERT_EQ_STR("2014-12-08", a->notice_sent);
    ASSERT_EQ_STR("2014-12-19", a->records_complete);
    ASSERT_EQ_INT(1, a->previous_count);
    ASSERT_EQ_STR("CM14-0068812", a->previous[0].case_number);
    ASSERT_EQ_STR("2014-04-18", a->previous[0].ur_date);
    ASSERT_EQ_INT(2, a->previous[0].request_count);
    ASSERT_EQ_STR("MRI", a->previous[0].requests[1]);
    ASSERT_EQ_STR("decided", a->previous[0].status);
    ASSERT_EQ_INT(0, c->record_count);
    imr_arena_free(arena);
}

void case_reads_parties_in_order(void)
{
    imr_arena *arena = imr_arena_new();
    imr_case *c = fixture_case(
        arena, fixture_case_json(arena, NULL, NULL,
                                 "{\"employer\": \"A Co.\", \"insurer\": "
                                 "\"B Mutual\", \"ur_organization\": null, "
                                 "\"facility\": \"C Hospital\"}",
                                 NULL));

    ASSERT_TRUE(c != NULL);
    ASSERT_EQ_INT(3, c->party_count);
    ASSERT_EQ_STR("employer", c->parties[0].role);
    ASSERT_EQ_STR("B Mutual", c->parties[1].name);
    ASSERT_EQ_STR("facility", c->parties[2].role);
    imr_arena_free(arena);
}

void case_reads_the_ur_decision_ignoring_case_spaces_and_hyphens(void)
{
    imr_arena *arena = imr_arena_new();
    imr_case *c = fixture_case(
        arena, fixture_case_json(arena, NULL,
                                 "{\"date\": \"2014-11-24\", \"served\": "
                                 "\"2014-11-26\", \"served_by\": \"E-Mail\", "
                                 "\"decision\": \"Conditionally Non "
                                 "Certified\"}",
                                 NULL, NULL));

    ASSERT_TRUE(c != NULL);
    ASSERT_EQ_INT(IMR_UR_CONDITIONALLY_NON_CERTIFIED, c->ur_outcome);
    ASSERT_EQ_STR("Conditionally Non Certified", c->ur_decision);
    ASSERT_EQ_INT(IMR_DELIVERY_ELECTRONIC, c->ur_served_by);
    ASSERT_EQ_STR("2014-11-26", c->ur_served);
    imr_arena_free(arena);
}

void case_refuses_an_unknown_ur_decision_with_its_path(void)
{
    imr_arena *arena = imr_arena_new();
    char msg[1200];
    const char *json = fixture_case_json(
        arena, NULL, "{\"date\": \"2014-11-24\", \"decision\": \"approved\"}",
        NULL, NULL);

    ASSERT_EQ_STR("$.ur.decision: expected non-certified, modified, delayed "
                  "or conditionally non-certified, found \"approved\"",
                  refusal(json, IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    imr_arena_free(arena);
}

void case_refuses_an_unknown_filer_with_its_path(void)
{
    imr_arena *arena = imr_arena_new();
    char msg[1200];
    const char *json = fixture_case_json(arena, "{\"filed_by\": \"neighbour\"}",
                                         NULL, NULL, NULL);

    ASSERT_EQ_STR("$.application.filed_by: expected employee, attorney, "
                  "representative, employer, claims administrator or "
                  "provider, found \"neighbour\"",
                  refusal(json, IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    imr_arena_free(arena);
}

void case_refuses_wrong_types_with_their_paths(void)
{
    imr_arena *arena = imr_arena_new();
    char msg[1200];

    ASSERT_EQ_STR("$.application.signed: expected true or false, found a "
                  "string",
                  refusal(fixture_case_json(arena, "{\"signed\": \"yes\"}",
                                            NULL, NULL, NULL),
                          IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    ASSERT_EQ_STR(
        "$.parties.insurer: expected a name (a non-empty string), "
        "found a number",
        refusal(fixture_case_json(arena, NULL, NULL, "{\"insurer\": 7}", NULL),
                IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    ASSERT_EQ_STR(
        "$.application.previous_applications[0].requests[1]: "
        "expected the request's text, found a number",
        refusal(fixture_case_json(arena,
                                  "{\"previous_applications\": [{\"requests\": "
                                  "[\"PT\", 3]}]}",
                                  NULL, NULL, NULL),
                IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    ASSERT_EQ_STR("$.application.received: expected a date (YYYY-MM-DD), "
                  "found \"soon\"",
                  refusal(fixture_case_json(arena, "{\"received\": \"soon\"}",
                                            NULL, NULL, NULL),
                          IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    ASSERT_EQ_STR(
        "$.ur.served_by: expected mail, electronic, fax or "
        "personal, found \"pigeon\"",
        refusal(fixture_case_json(arena, NULL, "{\"served_by\": \"pigeon\"}",
                                  NULL, NULL),
                IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    imr_arena_free(arena);
}

void case_needs_records_for_review_but_not_for_intake(void)
{
    imr_arena *arena = imr_arena_new();
    const char *json = fixture_case_json(arena, NULL, NULL, NULL, NULL);
    char msg[1200];

    ASSERT_EQ_STR("(accepted)",
                  refusal(json, IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    ASSERT_EQ_STR("$.records: expected a list of at least one record, found "
                  "nothing",
                  refusal(json, IMR_CASE_FOR_REVIEW, msg, sizeof(msg)));
    ASSERT_EQ_STR("$.requests: expected a list of at least one request, "
                  "found an empty list",
                  refusal(fixture_case_json(arena, NULL, NULL, NULL, "[]"),
                          IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
    imr_arena_free(arena);
}

void case_refuses_malformed_json_with_line_and_column(void)
{
    char msg[1200];
    ASSERT_EQ_STR("case.json:2:9: not valid JSON here",
                  refusal("{\"requests\":\n  [\"PT\" \"MRI\"]}",
                          IMR_CASE_FOR_INTAKE, msg, sizeof(msg)));
}
