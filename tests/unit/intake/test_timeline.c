/* SPDX-License-Identifier: MIT */
/* Due dates: the notice of assignment a business day after receipt, the
 * records 15 days after a mailed notice (12 electronic, 1 expedited), the
 * determination 30 days after the complete records (3 expedited), moved
 * past weekends and holidays for a standard review only. */
#include "intake_tests.h"

/* Intake of a case whose UR decision was served 2014-11-24 by mail and
 * whose application, received `received`, has `extra` members. */
static imr_intake_result *timeline(imr_arena *arena, const char *received,
                                   const char *extra, const char *as_of)
{
    char app[600];
    snprintf(app, sizeof(app),
             "{\"received\": \"%s\", \"signed\": true, \"ur_attached\": "
             "true, \"filed_by\": \"employee\"%s%s}",
             received, extra ? ", " : "", extra ? extra : "");
    return fixture_intake(
        arena, fixture_case_json(arena, app, NULL, NULL, NULL), NULL, as_of);
}

void notice_is_due_the_next_business_day(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *friday = timeline(arena, "2014-12-05", NULL, NULL);
    imr_intake_result *monday = timeline(arena, "2014-12-08", NULL, NULL);

    ASSERT_TRUE(friday != NULL && friday->is_eligible);
    ASSERT_EQ_STR("2014-12-08", friday->due[IMR_DUE_ASSIGNMENT_NOTICE].date);
    ASSERT_EQ_STR("The first business day after the application was "
                  "received on 2014-12-05 (a Friday).",
                  friday->due[IMR_DUE_ASSIGNMENT_NOTICE].basis);
    ASSERT_TRUE(monday != NULL);
    ASSERT_EQ_STR("2014-12-09", monday->due[IMR_DUE_ASSIGNMENT_NOTICE].date);
    imr_arena_free(arena);
}

void notice_skips_named_holidays(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = timeline(arena, "2014-11-26", NULL, NULL);

    ASSERT_TRUE(r != NULL && r->is_eligible);
    ASSERT_EQ_STR("2014-12-01", r->due[IMR_DUE_ASSIGNMENT_NOTICE].date);
    ASSERT_CONTAINS(r->due[IMR_DUE_ASSIGNMENT_NOTICE].basis,
                    "skipping Thanksgiving Day (2014-11-27) and Day after "
                    "Thanksgiving (2014-11-28)");
    imr_arena_free(arena);
}

void records_are_due_15_days_after_a_mailed_notice(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *unsaid = timeline(arena, "2014-12-05", NULL, NULL);
    imr_intake_result *mail =
        timeline(arena, "2014-12-05", "\"notice\": \"mail\"", NULL);

    ASSERT_TRUE(unsaid != NULL && mail != NULL);
    ASSERT_EQ_STR("2014-12-23", unsaid->due[IMR_DUE_RECORDS].date);
    ASSERT_CONTAINS(unsaid->due[IMR_DUE_RECORDS].basis,
                    "15 days after the notice of assignment's due date, "
                    "2014-12-08, the notice taken to go by mail");
    ASSERT_EQ_STR("2014-12-23", mail->due[IMR_DUE_RECORDS].date);
    ASSERT_CONTAINS(mail->due[IMR_DUE_RECORDS].basis,
                    "the notice going by mail");
    ASSERT_EQ_STR("2015-01-22", mail->due[IMR_DUE_DETERMINATION].date);
    ASSERT_CONTAINS(mail->due[IMR_DUE_DETERMINATION].basis,
                    "30 days after the records' due date, 2014-12-23, as the "
                    "case does not say when the complete records arrived");
    imr_arena_free(arena);
}

void records_are_due_12_days_after_an_electronic_notice(void)
{
    imr_arena *arena = imr_arena_new();
    /* 2014-12-08 + 12 is Saturday the 20th: Monday the 22nd. */
    imr_intake_result *r =
        timeline(arena, "2014-12-05", "\"notice\": \"electronic\"", NULL);

    ASSERT_TRUE(r != NULL);
    ASSERT_EQ_STR("2014-12-22", r->due[IMR_DUE_RECORDS].date);
    ASSERT_EQ_STR("12 days after the notice of assignment's due date, "
                  "2014-12-08, the notice going electronically, moved from "
                  "2014-12-20 "
                  "(a Saturday) to the next business day.",
                  r->due[IMR_DUE_RECORDS].basis);
    ASSERT_EQ_STR("2015-01-21", r->due[IMR_DUE_DETERMINATION].date);
    imr_arena_free(arena);
}

void records_count_from_the_notice_actually_sent(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        timeline(arena, "2014-12-05",
                 "\"notice_sent\": \"2014-12-09\", \"notice\": \"fax\"", NULL);

    ASSERT_TRUE(r != NULL);
    ASSERT_EQ_STR("2014-12-08", r->due[IMR_DUE_ASSIGNMENT_NOTICE].date);
    ASSERT_EQ_STR("2014-12-22", r->due[IMR_DUE_RECORDS].date);
    ASSERT_CONTAINS(r->due[IMR_DUE_RECORDS].basis,
                    "12 days after the notice of assignment sent on "
                    "2014-12-09");
    imr_arena_free(arena);
}

void determination_counts_from_complete_records_when_known(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = timeline(
        arena, "2014-12-05", "\"records_complete\": \"2014-12-15\"", NULL);
    /* 2014-11-25 + 30 is Christmas: Friday the 26th. */
    imr_intake_result *christmas = timeline(
        arena, "2014-12-05", "\"records_complete\": \"2014-11-25\"", NULL);

    ASSERT_TRUE(r != NULL && christmas != NULL);
    ASSERT_EQ_STR("2015-01-14", r->due[IMR_DUE_DETERMINATION].date);
    ASSERT_EQ_STR("30 days after the complete records arrived on "
                  "2014-12-15.",
                  r->due[IMR_DUE_DETERMINATION].basis);
    ASSERT_EQ_STR("2014-12-26", christmas->due[IMR_DUE_DETERMINATION].date);
    ASSERT_CONTAINS(christmas->due[IMR_DUE_DETERMINATION].basis,
                    "moved from 2014-12-25 (Christmas Day)");
    imr_arena_free(arena);
}

void expedited_review_runs_through_weekends(void)
{
    imr_arena *arena = imr_arena_new();
    /* Received Thursday: notice Friday, records Saturday, determination
     * Tuesday, none moved. */
    imr_intake_result *r =
        timeline(arena, "2014-12-04", "\"expedited\": true", NULL);

    ASSERT_TRUE(r != NULL && r->is_eligible && r->is_expedited);
    ASSERT_EQ_STR("2014-12-05", r->due[IMR_DUE_ASSIGNMENT_NOTICE].date);
    ASSERT_EQ_STR("2014-12-06", r->due[IMR_DUE_RECORDS].date);
    ASSERT_CONTAINS(r->due[IMR_DUE_RECORDS].basis,
                    "24 hours (expedited review) after the notice of "
                    "assignment's due date, 2014-12-05");
    ASSERT_EQ_STR("2014-12-09", r->due[IMR_DUE_DETERMINATION].date);
    ASSERT_CONTAINS(r->due[IMR_DUE_DETERMINATION].basis,
                    "3 days (expedited review) after the records' due date, "
                    "2014-12-06");
    imr_arena_free(arena);
}

void overdue_dates_are_flagged_against_the_reference_date(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *early =
        timeline(arena, "2014-12-05", NULL, "2014-12-08");
    imr_intake_result *late = timeline(arena, "2014-12-05", NULL, "2014-12-24");
    imr_intake_result *done =
        timeline(arena, "2014-12-05",
                 "\"notice_sent\": \"2014-12-08\", \"records_complete\": "
                 "\"2014-12-19\"",
                 "2015-01-30");

    ASSERT_TRUE(early != NULL && late != NULL && done != NULL);
    ASSERT_TRUE(!early->due[IMR_DUE_ASSIGNMENT_NOTICE].is_overdue);
    ASSERT_TRUE(late->due[IMR_DUE_ASSIGNMENT_NOTICE].is_overdue);
    ASSERT_TRUE(late->due[IMR_DUE_RECORDS].is_overdue);
    ASSERT_TRUE(!late->due[IMR_DUE_DETERMINATION].is_overdue);
    ASSERT_TRUE(!done->due[IMR_DUE_ASSIGNMENT_NOTICE].is_overdue);
    ASSERT_TRUE(!done->due[IMR_DUE_RECORDS].is_overdue);
    ASSERT_TRUE(done->due[IMR_DUE_DETERMINATION].is_overdue);
    ASSERT_EQ_STR("2014-12-24", late->as_of);
    imr_arena_free(arena);
}

void dates_past_the_holiday_file_say_so(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = fixture_intake(
        arena,
        fixture_case_json(arena,
                          "{\"received\": \"2031-01-06\", \"signed\": true, "
                          "\"ur_attached\": true, \"filed_by\": "
                          "\"employee\"}",
                          "{\"date\": \"2030-12-20\", \"served_by\": "
                          "\"mail\", \"decision\": \"delayed\"}",
                          NULL, NULL),
        NULL, NULL);

    ASSERT_TRUE(r != NULL && r->is_eligible);
    ASSERT_EQ_STR("2031-01-07", r->due[IMR_DUE_ASSIGNMENT_NOTICE].date);
    ASSERT_CONTAINS(r->due[IMR_DUE_ASSIGNMENT_NOTICE].basis,
                    "the holidays of 2013 to 2030 are known, so this date "
                    "skips weekends alone");
    imr_arena_free(arena);
}

void ineligible_application_has_no_due_dates(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r =
        timeline(arena, "2014-12-05", "\"liability_disputed\": true", NULL);

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_TRUE(r->due[IMR_DUE_ASSIGNMENT_NOTICE].date == NULL);
    ASSERT_TRUE(r->due[IMR_DUE_RECORDS].date == NULL);
    ASSERT_TRUE(r->due[IMR_DUE_DETERMINATION].date == NULL);
    imr_arena_free(arena);
}
