/* SPDX-License-Identifier: MIT */
/* Reviewer assignment: conflicts by each kind of affiliation, discipline,
 * licence, specialty, active practice, the panel's minimums, workload and
 * its ties, nobody left, and the credentials the letter states. */
#include "intake_tests.h"

static const char every_party[] =
    "{\"employer\": \"Acme Freight Lines\", \"insurer\": \"Golden Mutual "
    "Insurance\", \"claims_administrator\": \"Coastal Claims Services\", "
    "\"ur_organization\": \"Pacific UR Partners\", \"requesting_provider\": "
    "\"Harbor Spine Clinic\", \"facility\": \"Bayside Surgery Center\", "
    "\"manufacturer\": \"Ortho Devices Corp\"}";

/* A panel of the given reviewers (JSON objects, comma-separated). */
static const char *panel_of(imr_arena *arena, const char *requirements,
                            const char *reviewers)
{
    imr_buf b;
    const char *s;
    imr_buf_init(&b);
    imr_buf_printf(&b, "{%s%s\"reviewers\": [%s]}",
                   requirements ? requirements : "", requirements ? ", " : "",
                   reviewers);
    s = imr_arena_strdup(arena, b.data);
    imr_buf_fini(&b);
    return s;
}

/* A reviewer certified in PM&R in California, with `affiliations`. */
static const char *pmr(imr_arena *arena, const char *id,
                       const char *affiliations, int open_cases)
{
    return fixture_reviewer(arena, id,
                            "[\"Physical Medicine and Rehabilitation\"]",
                            "[\"California\"]", affiliations, 30, open_cases);
}

/* The assignment of the default case (with `parties`, or the default
 * ones) to `panel`. */
static const imr_assignment *assign(imr_arena *arena, const char *parties,
                                    const char *requests, const char *panel)
{
    imr_intake_result *r = fixture_intake(
        arena, fixture_case_json(arena, NULL, NULL, parties, requests), panel,
        NULL);
    if(!r || !r->is_eligible || !r->has_panel)
        return NULL;
    return &r->assignment;
}

static const char *join3(imr_arena *arena, const char *a, const char *b,
                         const char *c)
{
    imr_buf buf;
    const char *s;
    imr_buf_init(&buf);
    imr_buf_printf(&buf, "%s, %s, %s", a, b, c);
    s = imr_arena_strdup(arena, buf.data);
    imr_buf_fini(&buf);
    return s;
}

void conflict_with_each_kind_of_party_passes_over(void)
{
    static const char *const kinds[][3] = {
        {"c1", "employers", "Acme Freight Lines"},
        {"c2", "insurers", "Golden Mutual Insurance"},
        {"c3", "claims_administrators", "Coastal Claims Services"},
        {"c4", "ur_organizations", "Pacific UR Partners"},
        {"c5", "providers", "Harbor Spine Clinic"},
        {"c6", "facilities", "Bayside Surgery Center"},
        {"c7", "manufacturers", "Ortho Devices Corp"}};
    imr_arena *arena = imr_arena_new();
    const imr_assignment *a;
    char affiliation[200], said[200];
    const char *reviewers;
    imr_buf list;
    size_t i;

    imr_buf_init(&list);
    imr_buf_puts(&list,
                 pmr(arena, "z-clean", "{\"employers\": [\"Other Co\"]}", 9));
    for(i = 0; i < 7; i++) {
        snprintf(affiliation, sizeof(affiliation), "{\"%s\": [\"%s\"]}",
                 kinds[i][1], kinds[i][2]);
        imr_buf_printf(&list, ", %s", pmr(arena, kinds[i][0], affiliation, 0));
    }
    reviewers = imr_arena_strdup(arena, list.data);
    imr_buf_fini(&list);
    a = assign(arena, every_party, NULL, panel_of(arena, NULL, reviewers));
    ASSERT_TRUE(a != NULL);
    ASSERT_TRUE(a->reviewer != NULL);
    ASSERT_EQ_STR("z-clean", a->reviewer->id);
    ASSERT_EQ_INT(7, a->passed_over_count);
    for(i = 0; i < 7; i++) {
        const char *why = fixture_passed_over(a, kinds[i][0]);
        ASSERT_TRUE(why != NULL);
        snprintf(said, sizeof(said), "Conflict of interest: affiliated with %s",
                 kinds[i][2]);
        ASSERT_CONTAINS(why, said);
    }
    ASSERT_CONTAINS(fixture_passed_over(a, "c3"),
                    "(claims administrators), which matches the case's "
                    "claims administrator, Coastal Claims Services.");
    ASSERT_CONTAINS(
        fixture_passed_over(a, "c4"),
        "(UR organizations), which matches the case's UR organization");
    imr_arena_free(arena);
}

void conflicting_names_are_compared_normalized(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        join3(arena,
              pmr(arena, "a",
                  "{\"insurers\": [\"GOLDEN MUTUAL INSURANCE, "
                  "INC.\"]}",
                  0),
              pmr(arena, "b", "{\"employers\": [\"Acme Freight\"]}", 0),
              pmr(arena, "c", "{\"employers\": [\"Acme Freightways\"]}", 1)));
    const imr_assignment *a = assign(arena, every_party, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("c", a->reviewer->id);
    ASSERT_CONTAINS(fixture_passed_over(a, "a"), "Conflict of interest");
    ASSERT_CONTAINS(fixture_passed_over(a, "b"), "Conflict of interest");
    ASSERT_TRUE(
        imr__intake_names_match("Smith & Jones LLP", "smith and jones"));
    ASSERT_TRUE(!imr__intake_names_match("Acme Freight", "Acme Freightways"));
    imr_arena_free(arena);
}

void disciplinary_history_passes_over(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        "{\"id\": \"d\", \"board_certifications\": [\"Physical Medicine and "
        "Rehabilitation\"], \"licensed_states\": [\"CA\"], "
        "\"weekly_clinical_hours\": 30, \"disciplinary_history\": [\"2018 "
        "public reprimand\"], \"affiliations\": {}, \"open_cases\": 0}");
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer == NULL);
    ASSERT_EQ_STR("Has a disciplinary history: 2018 public reprimand.",
                  fixture_passed_over(a, "d"));
    imr_arena_free(arena);
}

void no_us_licence_passes_over(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        join3(arena,
              fixture_reviewer(arena, "none",
                               "[\"Physical Medicine and Rehabilitation\"]",
                               "[]", "{}", 30, 0),
              fixture_reviewer(arena, "abroad",
                               "[\"Physical Medicine and Rehabilitation\"]",
                               "[\"Ontario\", \"Bavaria\"]", "{}", 30, 0),
              pmr(arena, "home", "{}", 5)));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("home", a->reviewer->id);
    ASSERT_EQ_STR("Holds no licence to practice.",
                  fixture_passed_over(a, "none"));
    ASSERT_EQ_STR("Holds no licence in a US state (licensed in Ontario and "
                  "Bavaria).",
                  fixture_passed_over(a, "abroad"));
    imr_arena_free(arena);
}

void states_may_be_postal_codes(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        fixture_reviewer(arena, "r", "[\"Occupational Medicine\"]",
                         "[\"ca\", \"Ontario\", \"new york\"]", "{}", 30, 0));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("California and New York", a->credentials.licensure);
    ASSERT_EQ_INT(2, a->credentials.state_count);
    imr_arena_free(arena);
}

void credentials_join_the_states_as_a_sentence(void)
{
    imr_arena *arena = imr_arena_new();
    static const char *const states[] = {"California", "Nevada", "Oregon"};
    imr_reviewer_credentials cred;

    imr_intake_credentials("Occupational Medicine", states, 3, arena, &cred);
    ASSERT_EQ_STR("Occupational Medicine", cred.certification);
    ASSERT_EQ_STR("California, Nevada and Oregon", cred.licensure);
    ASSERT_EQ_INT(3, cred.state_count);
    imr_intake_credentials("Psychiatry", states, 1, arena, &cred);
    ASSERT_EQ_STR("California", cred.licensure);
    imr_arena_free(arena);
}

void specialty_must_treat_every_request(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        join3(arena,
              fixture_reviewer(arena, "psych", "[\"Psychiatry\"]", "[\"CA\"]",
                               "{}", 30, 0),
              fixture_reviewer(arena, "pmr-only",
                               "[\"Physical Medicine and Rehabilitation\"]",
                               "[\"CA\"]", "{}", 30, 0),
              fixture_reviewer(arena, "both",
                               "[\"Physical Medicine and Rehabilitation\", "
                               "\"Psychiatry\"]",
                               "[\"CA\"]", "{}", 30, 3)));
    const imr_assignment *a = assign(
        arena, NULL,
        "[\"Physical therapy 2x4 for the lumbar spine\", \"Psychotherapy x6 "
        "sessions\"]",
        panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("both", a->reviewer->id);
    ASSERT_EQ_STR("Physical Medicine and Rehabilitation and Psychiatry",
                  a->credentials.certification);
    ASSERT_CONTAINS(fixture_passed_over(a, "psych"),
                    "Not board certified in a specialty that treats "
                    "\"Physical therapy 2x4 for the lumbar spine\" (Physical "
                    "Medicine and Rehabilitation, Occupational Medicine, "
                    "Orthopedic Surgery, Sports Medicine or Family "
                    "Medicine); certified in Psychiatry.");
    ASSERT_EQ_STR("Not board certified in a specialty that treats "
                  "\"Psychotherapy x6 sessions\" (Psychiatry or Psychology); "
                  "certified in Physical Medicine and Rehabilitation.",
                  fixture_passed_over(a, "pmr-only"));
    imr_arena_free(arena);
}

void certifications_match_ignoring_ampersand_and_case(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        fixture_reviewer(arena, "r", "[\"PHYSICAL MEDICINE & REHABILITATION\"]",
                         "[\"CA\"]", "{}", 30, 0));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("PHYSICAL MEDICINE & REHABILITATION",
                  a->credentials.certification);
    imr_arena_free(arena);
}

void inactive_reviewer_passes_over(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel =
        panel_of(arena, NULL,
                 fixture_reviewer(arena, "retired",
                                  "[\"Physical Medicine and Rehabilitation\"]",
                                  "[\"CA\"]", "{}", 0, 0));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer == NULL);
    ASSERT_EQ_STR("Not in active clinical practice (no clinical hours a "
                  "week).",
                  fixture_passed_over(a, "retired"));
    imr_arena_free(arena);
}

void panel_minimums_of_hours_and_years_apply(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena,
        "\"requirements\": {\"min_weekly_clinical_hours\": 24, "
        "\"min_years_in_practice\": 12}",
        join3(arena,
              fixture_reviewer(arena, "part-time",
                               "[\"Physical Medicine and Rehabilitation\"]",
                               "[\"CA\"]", "{}", 8, 0),
              "{\"id\": \"unknown-years\", \"board_certifications\": "
              "[\"Physical Medicine and Rehabilitation\"], "
              "\"licensed_states\": [\"CA\"], \"weekly_clinical_hours\": 30, "
              "\"disciplinary_history\": [], \"affiliations\": {}, "
              "\"open_cases\": 0}",
              "{\"id\": \"senior\", \"board_certifications\": [\"Physical "
              "Medicine and Rehabilitation\"], \"licensed_states\": "
              "[\"CA\"], \"years_in_practice\": 20, "
              "\"weekly_clinical_hours\": 24, \"disciplinary_history\": [], "
              "\"affiliations\": {}, \"open_cases\": 6}"));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("senior", a->reviewer->id);
    ASSERT_EQ_STR("Works 8 clinical hours a week, fewer than the panel's "
                  "minimum of 24. Has 10 years in practice, fewer than the "
                  "panel's minimum of 12.",
                  fixture_passed_over(a, "part-time"));
    ASSERT_EQ_STR("Its years in practice are not recorded, and the panel "
                  "asks for 12.",
                  fixture_passed_over(a, "unknown-years"));
    imr_arena_free(arena);
}

void fewest_open_cases_wins(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel =
        panel_of(arena, NULL,
                 join3(arena, pmr(arena, "a", "{}", 4),
                       pmr(arena, "b", "{}", 2), pmr(arena, "c", "{}", 7)));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("b", a->reviewer->id);
    ASSERT_EQ_STR("Qualified and free of conflicts, but has 4 open cases "
                  "against 2 for b.",
                  fixture_passed_over(a, "a"));
    ASSERT_CONTAINS(a->reason, "Of the 3 qualified reviewers, the one with "
                               "the fewest open cases (2).");
    imr_arena_free(arena);
}

void tie_in_open_cases_goes_to_the_first_id(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(arena, NULL,
                                 join3(arena, pmr(arena, "r-20", "{}", 1),
                                       pmr(arena, "r-10", "{}", 1),
                                       pmr(arena, "r-30", "{}", 1)));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("r-10", a->reviewer->id);
    ASSERT_EQ_STR("Qualified and free of conflicts, with as many open cases "
                  "(1) as r-10, which comes first by id.",
                  fixture_passed_over(a, "r-20"));
    ASSERT_CONTAINS(a->reason, "and the first by id of those tied");
    imr_arena_free(arena);
}

void nobody_left_gives_no_reviewer_and_every_reason(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel = panel_of(
        arena, NULL,
        join3(arena,
              pmr(arena, "conflicted",
                  "{\"providers\": [\"Example Spine Clinic\"]}", 0),
              fixture_reviewer(arena, "wrong-board", "[\"Dermatology\"]",
                               "[\"CA\"]", "{}", 30, 0),
              "{\"id\": \"everything\", \"board_certifications\": [], "
              "\"licensed_states\": [], \"weekly_clinical_hours\": 0, "
              "\"disciplinary_history\": [\"license revoked 2016\"], "
              "\"affiliations\": {\"employers\": [\"Example Warehouse "
              "Co\"]}, \"open_cases\": 0}"));
    const imr_assignment *a = assign(arena, NULL, NULL, panel);
    const char *why;

    ASSERT_TRUE(a != NULL);
    ASSERT_TRUE(a->reviewer == NULL);
    ASSERT_EQ_STR("No reviewer on the panel qualifies for this case: each is "
                  "passed over for the reasons given.",
                  a->reason);
    ASSERT_EQ_INT(3, a->passed_over_count);
    why = fixture_passed_over(a, "everything");
    ASSERT_CONTAINS(why, "Conflict of interest: affiliated with Example "
                         "Warehouse Co (employers), which matches the "
                         "case's employer, Example Warehouse Co.");
    ASSERT_CONTAINS(why, "Has a disciplinary history: license revoked 2016.");
    ASSERT_CONTAINS(why, "Holds no licence to practice.");
    ASSERT_CONTAINS(why, "certified in nothing.");
    ASSERT_CONTAINS(why, "Not in active clinical practice");
    ASSERT_TRUE(a->credentials.certification == NULL);
    imr_arena_free(arena);
}

void empty_panel_gives_no_reviewer(void)
{
    imr_arena *arena = imr_arena_new();
    const imr_assignment *a = assign(arena, NULL, NULL, "{\"reviewers\": []}");

    ASSERT_TRUE(a != NULL && a->reviewer == NULL);
    ASSERT_EQ_STR("The panel has no reviewers.", a->reason);
    ASSERT_EQ_INT(0, a->passed_over_count);
    imr_arena_free(arena);
}

void credentials_name_the_matching_board_and_us_states(void)
{
    imr_arena *arena = imr_arena_new();
    const char *panel =
        panel_of(arena, NULL,
                 fixture_reviewer(
                     arena, "r", "[\"Dermatology\", \"Orthopedic Surgery\"]",
                     "[\"Nevada\", \"Ontario\", \"CA\"]", "{}", 40, 0));
    const imr_assignment *a =
        assign(arena, NULL, "[\"MRI of the lumbar spine\"]", panel);

    ASSERT_TRUE(a != NULL && a->reviewer != NULL);
    ASSERT_EQ_STR("Orthopedic Surgery", a->credentials.certification);
    ASSERT_EQ_STR("Nevada and California", a->credentials.licensure);
    ASSERT_EQ_STR("California", a->credentials.states[1]);
    ASSERT_EQ_STR("Board certified in Orthopedic Surgery, which treats every "
                  "request; licensed in Nevada and California; in active "
                  "practice (40 clinical hours a week); no disciplinary "
                  "history and no affiliation with a party of the case. The "
                  "only qualified reviewer on the panel.",
                  a->reason);
    imr_arena_free(arena);
}

void ineligible_application_gets_no_reviewer(void)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = fixture_intake(
        arena,
        fixture_case_json(
            arena, fixture_application(arena, "\"liability_disputed\": true"),
            NULL, NULL, NULL),
        panel_of(arena, NULL, pmr(arena, "r", "{}", 0)), NULL);
    cJSON *j;
    char *text;

    ASSERT_TRUE(r != NULL && !r->is_eligible);
    ASSERT_TRUE(!r->has_panel && r->assignment.reviewer == NULL);
    j = imr_intake_to_json(r);
    text = cJSON_PrintUnformatted(j);
    ASSERT_CONTAINS(text, "\"reviewer\":null,\"reviewer_reason\":\"No "
                          "reviewer is assigned: the application is not "
                          "eligible.\"");
    free(text);
    cJSON_Delete(j);
    imr_arena_free(arena);
}
