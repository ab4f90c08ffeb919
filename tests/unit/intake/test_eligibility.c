/* SPDX-License-Identifier: MIT */
/* Eligibility, each rule both ways: who filed, the 30-day limit and its
 * mail extension, the UR decision attached, the signature, the kind of
 * decision, open applications for the same request, disputed liability,
 * and missing information as reasons. */
#include "intake_tests.h"

/* Intake of the default case with `application` members added. */
static imr_intake_result *with_application(imr_arena *arena, const char *extra)
{
    return fixture_intake(arena,
                          fixture_case_json(arena,
                                            fixture_application(arena, extra),
                                            NULL, NULL, NULL),
                          NULL, NULL);
}

/* Intake of a case whose application (whole) and UR decision are given. */
static imr_intake_result *with(imr_arena *arena, const char *application,
                               const char *ur)
{
    return fixture_intake(arena,
                          fixture_case_json(arena, application, ur, NULL, NULL),
                          NULL, NULL);
}

/* An application received on `received`, otherwise in order. */
static const char *received_on(imr_arena *arena, const char *received)
{
    imr_buf b;
    const char *s;
    imr_buf_init(&b);
    imr_buf_printf(&b,
                   "{\"received\": \"%s\", \"signed\": true, "
                   "\"ur_attached\": true, \"filed_by\": \"attorney\"}",
                   received);
    s = imr_arena_strdup(arena, b.data);
    imr_buf_fini(&b);
    return s;
}

void eligible_application_has_no_reasons(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = with_application(arena, NULL);

    ASSERT_TRUE(r != NULL);
    ASSERT_TRUE(r->is_eligible);
    ASSERT_EQ_INT(0, r->reason_count);
    ASSERT_TRUE(!r->is_expedited);
    imr_arena_free(arena);
}

void filer_employee_attorney_or_representative_is_eligible(void)
{
    static const char *const filers[] = {"employee", "attorney",
                                         "representative", "Injured Worker"};
    imr_arena *arena = imr_arena_new();
    char app[300];
    size_t i;

    for(i = 0; i < 4; i++) {
        imr_intake_result *r;
        snprintf(app, sizeof(app),
                 "{\"received\": \"2014-12-05\", \"signed\": true, "
                 "\"ur_attached\": true, \"filed_by\": \"%s\"}",
                 filers[i]);
        r = with(arena, app, NULL);
        ASSERT_TRUE(r != NULL);
        if(!r->is_eligible)
            FAIL_AT("filed by %s: %s", filers[i], r->reasons[0]);
    }
    imr_arena_free(arena);
}

void filer_employer_claims_administrator_or_provider_is_not(void)
{
    static const char *const filers[] = {"employer", "claims administrator",
                                         "provider"};
    imr_arena *arena = imr_arena_new();
    char app[300], said[200];
    size_t i;

    for(i = 0; i < 3; i++) {
        imr_intake_result *r;
        snprintf(app, sizeof(app),
                 "{\"received\": \"2014-12-05\", \"signed\": true, "
                 "\"ur_attached\": true, \"filed_by\": \"%s\"}",
                 filers[i]);
        r = with(arena, app, NULL);
        ASSERT_TRUE(r != NULL);
        ASSERT_TRUE(!r->is_eligible);
        ASSERT_EQ_INT(1, r->reason_count);
        snprintf(said, sizeof(said), "filed by the %s, but only the employee",
                 filers[i]);
        ASSERT_CONTAINS(r->reasons[0], said);
    }
    imr_arena_free(arena);
}

void filer_unstated_is_a_reason(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = with(
        arena,
        "{\"received\": \"2014-12-05\", \"signed\": true, \"ur_attached\": "
        "true}",
        NULL);

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_CONTAINS(r->reasons[0], "does not say who filed it "
                                   "(application.filed_by)");
    imr_arena_free(arena);
}

void mail_service_allows_day_35_but_not_day_36(void)
{
    imr_arena *arena = imr_arena_new();
    /* Served by mail Monday 2014-11-24: day 35 is Monday 2014-12-29. */
    imr_intake_result *day35 =
        with(arena, received_on(arena, "2014-12-29"), NULL);
    imr_intake_result *day36 =
        with(arena, received_on(arena, "2014-12-30"), NULL);

    ASSERT_TRUE(day35 != NULL && day35->is_eligible);
    ASSERT_TRUE(day36 != NULL && !day36->is_eligible);
    ASSERT_EQ_STR("The application was received on 2014-12-30, 36 days "
                  "after the UR decision was served by mail on 2014-11-24; "
                  "the last day to file was 2014-12-29 (30 days after "
                  "service, plus 5 for service by mail).",
                  day36->reasons[0]);
    imr_arena_free(arena);
}

void other_service_allows_day_30_but_not_day_31(void)
{
    imr_arena *arena = imr_arena_new();
    const char *ur = "{\"date\": \"2014-11-03\", \"served_by\": "
                     "\"electronic\", \"decision\": \"modified\"}";
    imr_intake_result *day30 =
        with(arena, received_on(arena, "2014-12-03"), ur);
    imr_intake_result *day31 =
        with(arena, received_on(arena, "2014-12-04"), ur);

    ASSERT_TRUE(day30 != NULL && day30->is_eligible);
    ASSERT_TRUE(day31 != NULL && !day31->is_eligible);
    ASSERT_CONTAINS(day31->reasons[0], "31 days after the UR decision was "
                                       "served electronically on 2014-11-03; "
                                       "the last day to file was 2014-12-03 "
                                       "(30 days after service)");
    imr_arena_free(arena);
}

void last_day_on_a_holiday_moves_to_the_next_business_day(void)
{
    imr_arena *arena = imr_arena_new();
    /* Served by mail 2014-11-20: day 35 is Christmas, so Friday the 26th
     * is the last day; Monday the 29th is late. */
    const char *ur = "{\"date\": \"2014-11-20\", \"served_by\": \"mail\", "
                     "\"decision\": \"non-certified\"}";
    imr_intake_result *friday =
        with(arena, received_on(arena, "2014-12-26"), ur);
    imr_intake_result *monday =
        with(arena, received_on(arena, "2014-12-29"), ur);
    /* Served electronically Thursday 2015-03-05: day 30 is a Saturday. */
    imr_intake_result *weekend =
        with(arena, received_on(arena, "2015-04-06"),
             "{\"date\": \"2015-03-05\", \"served_by\": \"fax\", \"decision\": "
             "\"delayed\"}");

    ASSERT_TRUE(friday != NULL && friday->is_eligible);
    ASSERT_TRUE(monday != NULL && !monday->is_eligible);
    ASSERT_CONTAINS(monday->reasons[0],
                    "the last day to file was 2014-12-26 (30 days after "
                    "service, plus 5 for service by mail, moved from "
                    "2014-12-25 (Christmas Day) to the next business day)");
    ASSERT_TRUE(weekend != NULL && weekend->is_eligible);
    imr_arena_free(arena);
}

void date_of_service_overrides_the_decision_date(void)
{
    imr_arena *arena = imr_arena_new();
    /* Dated 2014-11-10 but served 2014-11-24 by mail: 2014-12-29 is day
     * 35 of service, day 49 of the decision. */
    imr_intake_result *r =
        with(arena, received_on(arena, "2014-12-29"),
             "{\"date\": \"2014-11-10\", \"served\": \"2014-11-24\", "
             "\"served_by\": \"mail\", \"decision\": \"non-certified\"}");

    ASSERT_TRUE(r != NULL && r->is_eligible);
    imr_arena_free(arena);
}

void unknown_service_between_days_31_and_35_is_a_reason(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        with(arena, received_on(arena, "2014-12-26"),
             "{\"date\": \"2014-11-24\", \"decision\": \"non-certified\"}");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_EQ_STR("The application was received on 2014-12-26, 32 days "
                  "after the UR decision was served on 2014-11-24: in time "
                  "only if the decision was served by mail (the last day "
                  "would be 2014-12-29), and the case does not say how it "
                  "was served (ur.served_by).",
                  r->reasons[0]);
    imr_arena_free(arena);
}

void missing_dates_are_reasons(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *no_ur_date =
        with(arena, NULL,
             "{\"served_by\": \"mail\", \"decision\": "
             "\"non-certified\"}");
    imr_intake_result *no_receipt =
        with(arena,
             "{\"signed\": true, \"ur_attached\": true, \"filed_by\": "
             "\"employee\"}",
             NULL);
    imr_intake_result *before =
        with(arena, received_on(arena, "2014-11-20"), NULL);

    ASSERT_TRUE(no_ur_date != NULL && !no_ur_date->is_eligible);
    ASSERT_CONTAINS(no_ur_date->reasons[0],
                    "The UR decision has no date (ur.date or ur.served)");
    ASSERT_CONTAINS(no_ur_date->reasons[0], "received on 2014-12-05");
    ASSERT_TRUE(no_receipt != NULL && !no_receipt->is_eligible);
    ASSERT_CONTAINS(no_receipt->reasons[0],
                    "no date of receipt (application.received)");
    ASSERT_CONTAINS(no_receipt->reasons[0], "service on 2014-11-24");
    ASSERT_TRUE(before != NULL && !before->is_eligible);
    ASSERT_EQ_STR("The application was received on 2014-11-20, before the "
                  "UR decision was served on 2014-11-24 (ur.date).",
                  before->reasons[0]);
    imr_arena_free(arena);
}

void ur_decision_must_be_attached(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *no = with(
        arena,
        "{\"received\": \"2014-12-05\", \"signed\": true, \"ur_attached\": "
        "false, \"filed_by\": \"employee\"}",
        NULL);
    imr_intake_result *unsaid =
        with(arena,
             "{\"received\": \"2014-12-05\", \"signed\": true, \"filed_by\": "
             "\"employee\"}",
             NULL);

    ASSERT_TRUE(no != NULL && !no->is_eligible);
    ASSERT_EQ_INT(1, no->reason_count);
    ASSERT_CONTAINS(no->reasons[0], "without a copy of the UR decision");
    ASSERT_TRUE(unsaid != NULL && !unsaid->is_eligible);
    ASSERT_CONTAINS(unsaid->reasons[0], "(application.ur_attached)");
    imr_arena_free(arena);
}

void application_must_be_signed(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *no = with(
        arena,
        "{\"received\": \"2014-12-05\", \"signed\": false, \"ur_attached\": "
        "true, \"filed_by\": \"employee\"}",
        NULL);
    imr_intake_result *unsaid =
        with(arena,
             "{\"received\": \"2014-12-05\", \"ur_attached\": true, "
             "\"filed_by\": \"employee\"}",
             NULL);

    ASSERT_TRUE(no != NULL && !no->is_eligible);
    ASSERT_EQ_STR("The application is not signed (application.signed is "
                  "false).",
                  no->reasons[0]);
    ASSERT_TRUE(unsaid != NULL && !unsaid->is_eligible);
    ASSERT_CONTAINS(unsaid->reasons[0], "whether it was signed");
    imr_arena_free(arena);
}

void conditional_non_certification_is_not_eligible(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = with(
        arena, NULL,
        "{\"date\": \"2014-11-24\", \"served_by\": \"mail\", \"decision\": "
        "\"conditionally non-certified\"}");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_EQ_STR("The UR decision was \"conditionally non-certified\": a "
                  "conditional non-certification, for missing information, "
                  "is not eligible for independent medical review.",
                  r->reasons[0]);
    imr_arena_free(arena);
}

void modified_and_delayed_decisions_are_eligible(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *modified = with(
        arena, NULL,
        "{\"date\": \"2014-11-24\", \"served_by\": \"mail\", \"decision\": "
        "\"MODIFIED\"}");
    imr_intake_result *delayed = with(
        arena, NULL,
        "{\"date\": \"2014-11-24\", \"served_by\": \"mail\", \"decision\": "
        "\"delayed\"}");
    imr_intake_result *noncertified = with(
        arena, NULL,
        "{\"date\": \"2014-11-24\", \"served_by\": \"mail\", \"decision\": "
        "\"Non Certified\"}");

    ASSERT_TRUE(modified != NULL && modified->is_eligible);
    ASSERT_TRUE(delayed != NULL && delayed->is_eligible);
    ASSERT_TRUE(noncertified != NULL && noncertified->is_eligible);
    imr_arena_free(arena);
}

void missing_ur_decision_is_a_reason(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = with(
        arena, NULL, "{\"date\": \"2014-11-24\", \"served_by\": \"mail\"}");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_CONTAINS(r->reasons[0], "does not give the UR decision "
                                   "(ur.decision)");
    imr_arena_free(arena);
}

/* Intake of the default case with one previous application. */
static imr_intake_result *with_previous(imr_arena *arena, const char *request,
                                        const char *status_member)
{
    char extra[600];
    snprintf(extra, sizeof(extra),
             "\"previous_applications\": [{\"case_number\": "
             "\"CM14-0068812\", \"received\": \"2014-11-28\", \"ur_date\": "
             "\"2014-11-24\", \"requests\": [\"%s\"]%s}]",
             request, status_member);
    return with_application(arena, extra);
}

void open_application_for_the_same_request_is_a_duplicate(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        with_previous(arena, "physical therapy 2x4 lumbar spine",
                      ", \"status\": \"pending\"");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_EQ_STR("The request \"Physical therapy 2x4 for the lumbar spine\" "
                  "is already in independent medical review: application "
                  "CM14-0068812 (received 2014-11-28, on the UR decision of "
                  "2014-11-24) disputes \"physical therapy 2x4 lumbar "
                  "spine\" and is still open (status \"pending\").",
                  r->reasons[0]);
    imr_arena_free(arena);
}

void closed_application_for_the_same_request_is_not(void)
{
    static const char *const closed[] = {"decided", "Closed", "withdrawn"};
    imr_arena *arena = imr_arena_new();
    char status[64];
    size_t i;

    for(i = 0; i < 3; i++) {
        imr_intake_result *r;
        snprintf(status, sizeof(status), ", \"status\": \"%s\"", closed[i]);
        r = with_previous(arena, "Physical therapy 2x4 for the lumbar spine",
                          status);
        ASSERT_TRUE(r != NULL);
        if(!r->is_eligible)
            FAIL_AT("status %s: %s", closed[i], r->reasons[0]);
    }
    imr_arena_free(arena);
}

void duplicate_is_found_through_the_parsed_request(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        with_previous(arena, "PT 2X6 FOR THE L/S", ", \"status\": \"open\"");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_CONTAINS(r->reasons[0], "disputes \"PT 2X6 FOR THE L/S\"");
    imr_arena_free(arena);
}

void different_side_or_service_is_not_a_duplicate(void)
{
    imr_arena *arena = imr_arena_new();
    char extra[600];
    imr_intake_result *other_service = with_previous(
        arena, "Chiropractic 2x3 lumbar spine", ", \"status\": \"pending\"");
    imr_intake_result *other_side;

    snprintf(extra, sizeof(extra),
             "\"previous_applications\": [{\"requests\": [\"MRI of the left "
             "knee\"], \"status\": \"pending\"}]");
    other_side = fixture_intake(
        arena,
        fixture_case_json(arena, fixture_application(arena, extra), NULL, NULL,
                          "[\"MRI of the right knee\"]"),
        NULL, NULL);
    ASSERT_TRUE(other_service != NULL && other_service->is_eligible);
    ASSERT_TRUE(other_side != NULL && other_side->is_eligible);
    imr_arena_free(arena);
}

void previous_application_without_status_is_a_reason(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        with_previous(arena, "Physical therapy 2x4 for the lumbar spine", "");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_CONTAINS(r->reasons[0], "whose status is not given "
                                   "(application.previous_applications[0]."
                                   "status), so it may still be open");
    imr_arena_free(arena);
}

void disputed_liability_is_not_eligible(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *yes =
        with_application(arena, "\"liability_disputed\": true");
    imr_intake_result *no =
        with_application(arena, "\"liability_disputed\": false");

    ASSERT_TRUE(yes != NULL && !yes->is_eligible);
    ASSERT_CONTAINS(yes->reasons[0], "disputes liability for the claim");
    ASSERT_TRUE(no != NULL && no->is_eligible);
    imr_arena_free(arena);
}

void case_without_application_is_not_eligible(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        fixture_intake(arena,
                       "{\"ur\": {\"date\": \"2014-11-24\", \"decision\": "
                       "\"non-certified\"}, \"requests\": [\"MRI lumbar\"]}",
                       NULL, NULL);

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_EQ_INT(1, r->reason_count);
    ASSERT_CONTAINS(r->reasons[0], "The case file has no application");
    imr_arena_free(arena);
}

void every_reason_is_given_at_once(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = with(
        arena,
        "{\"received\": \"2015-02-01\", \"signed\": false, \"ur_attached\": "
        "false, \"filed_by\": \"employer\", \"liability_disputed\": true}",
        "{\"date\": \"2014-11-24\", \"served_by\": \"mail\", \"decision\": "
        "\"conditionally non-certified\"}");

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_EQ_INT(6, r->reason_count);
    ASSERT_CONTAINS(r->reasons[0], "filed by the employer");
    ASSERT_CONTAINS(r->reasons[1], "received on 2015-02-01, 69 days after");
    ASSERT_CONTAINS(r->reasons[2], "without a copy of the UR decision");
    ASSERT_CONTAINS(r->reasons[3], "not signed");
    ASSERT_CONTAINS(r->reasons[4], "conditional non-certification");
    ASSERT_CONTAINS(r->reasons[5], "disputes liability");
    imr_arena_free(arena);
}
