/* SPDX-License-Identifier: MIT */
/* The intake module's tests: each test_<topic>.c defines its tests, this
 * header declares them for test_main.c's list, and fixture.c loads the
 * tables once and builds case files and panels from JSON. */
#ifndef IMR_TESTS_INTAKE_H
#define IMR_TESTS_INTAKE_H

#include "harness.h"
#include "intake/intake_int.h"

/*---- Fixture (fixture.c) ------------------------------------------------*/

/* The catalogue and intake tables of the source tree's kb/, loaded once. */
const imr_catalogue *fixture_catalogue(void);
const imr_intake_rules *fixture_rules(void);

/* A case file with the given members as JSON text; NULL keeps the
 * defaults: an application received 2014-12-05, signed, with the UR
 * decision, filed by the employee; a UR decision of 2014-11-24 served by
 * mail, non-certified; an employer, a claims administrator and a
 * requesting provider; physical therapy for the lumbar spine. */
const char *fixture_case_json(imr_arena *arena, const char *application,
                              const char *ur, const char *parties,
                              const char *requests);
/* The default application with `extra` members added ("\"expedited\":
 * true"). */
const char *fixture_application(imr_arena *arena, const char *extra);
/* Reads a case for intake; NULL when refused (the message is printed). */
imr_case *fixture_case(imr_arena *arena, const char *json);
/* imr_intake of `case_json` with a panel (or NULL) and a reference date
 * (or NULL); NULL when an input is refused. */
imr_intake_result *fixture_intake(imr_arena *arena, const char *case_json,
                                  const char *panel_json, const char *as_of);
/* One reviewer of a panel as JSON: id, certifications, states and the
 * rest as JSON member text, e.g. fixture_reviewer(a, "r1", "[\"Occupational
 * Medicine\"]", "[\"CA\"]", "{}", 30, 2). Discipline is none. */
const char *fixture_reviewer(imr_arena *arena, const char *id,
                             const char *certifications, const char *states,
                             const char *affiliations, double hours,
                             int open_cases);
/* True when some reason contains `needle`. */
int fixture_has_reason(const imr_intake_result *r, const char *needle);
/* The passed-over reason of reviewer `id`, or NULL. */
const char *fixture_passed_over(const imr_assignment *a, const char *id);

/*---- The tests ----------------------------------------------------------*/

/* test_case.c */
void case_reads_the_application_and_its_previous_applications(void);
void case_reads_parties_in_order(void);
void case_reads_the_ur_decision_ignoring_case_spaces_and_hyphens(void);
void case_refuses_an_unknown_ur_decision_with_its_path(void);
void case_refuses_an_unknown_filer_with_its_path(void);
void case_refuses_wrong_types_with_their_paths(void);
void case_needs_records_for_review_but_not_for_intake(void);
void case_refuses_malformed_json_with_line_and_column(void);

/* test_calendar.c */
void calendar_counts_weekdays_from_day_numbers(void);
void calendar_observes_a_sunday_holiday_on_monday(void);
void calendar_moves_only_veterans_day_from_saturday(void);
void calendar_file_matches_government_code_19853(void);
void calendar_skips_weekends_and_holidays_in_business_days(void);
void calendar_rolls_a_closed_day_forward(void);
void calendar_tables_refuse_bad_lines_with_file_line_column(void);

/* test_eligibility.c */
void eligible_application_has_no_reasons(void);
void filer_employee_attorney_or_representative_is_eligible(void);
void filer_employer_claims_administrator_or_provider_is_not(void);
void filer_unstated_is_a_reason(void);
void mail_service_allows_day_35_but_not_day_36(void);
void other_service_allows_day_30_but_not_day_31(void);
void last_day_on_a_holiday_moves_to_the_next_business_day(void);
void date_of_service_overrides_the_decision_date(void);
void unknown_service_between_days_31_and_35_is_a_reason(void);
void missing_dates_are_reasons(void);
void ur_decision_must_be_attached(void);
void application_must_be_signed(void);
void conditional_non_certification_is_not_eligible(void);
void modified_and_delayed_decisions_are_eligible(void);
void missing_ur_decision_is_a_reason(void);
void open_application_for_the_same_request_is_a_duplicate(void);
void closed_application_for_the_same_request_is_not(void);
void duplicate_is_found_through_the_parsed_request(void);
void different_side_or_service_is_not_a_duplicate(void);
void previous_application_without_status_is_a_reason(void);
void disputed_liability_is_not_eligible(void);
void case_without_application_is_not_eligible(void);
void every_reason_is_given_at_once(void);

/* test_timeline.c */
void notice_is_due_the_next_business_day(void);
void notice_skips_named_holidays(void);
void records_are_due_15_days_after_a_mailed_notice(void);
void records_are_due_12_days_after_an_electronic_notice(void);
void records_count_from_the_notice_actually_sent(void);
void determination_counts_from_complete_records_when_known(void);
void expedited_review_runs_through_weekends(void);
void overdue_dates_are_flagged_against_the_reference_date(void);
void dates_past_the_holiday_file_say_so(void);
void ineligible_application_has_no_due_dates(void);

/* test_assign.c */
void conflict_with_each_kind_of_party_passes_over(void);
void conflicting_names_are_compared_normalized(void);
void disciplinary_history_passes_over(void);
void no_us_licence_passes_over(void);
void states_may_be_postal_codes(void);
void credentials_join_the_states_as_a_sentence(void);
void specialty_must_treat_every_request(void);
void certifications_match_ignoring_ampersand_and_case(void);
void inactive_reviewer_passes_over(void);
void panel_minimums_of_hours_and_years_apply(void);
void fewest_open_cases_wins(void);
void tie_in_open_cases_goes_to_the_first_id(void);
void nobody_left_gives_no_reviewer_and_every_reason(void);
void empty_panel_gives_no_reviewer(void);
void credentials_name_the_matching_board_and_us_states(void);
void ineligible_application_gets_no_reviewer(void);

/* test_panel.c */
void panel_reads_reviewers_and_requirements(void);
void panel_refuses_a_repeated_id(void);
void panel_refuses_missing_required_fields(void);
void panel_refuses_values_out_of_range(void);
void panel_refuses_malformed_json(void);

#endif
