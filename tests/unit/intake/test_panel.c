/* SPDX-License-Identifier: MIT */
/* The panel file: reviewers with every field read, and refusals with
 * their JSON path for repeated ids, missing fields and bad values. */
#include "intake_tests.h"

static const char *panel_refusal(const char *json, char *msg, size_t size)
{
    imr_arena *arena = imr_arena_new();
    imr_panel *panel = NULL;
    imr_error err;

    imr_error_clear(&err);
    if(imr_panel_parse(json, strlen(json), arena, &panel, &err) == IMR_OK)
        snprintf(msg, size, "(accepted)");
    else {
        /* A position is printed after a file name only. */
        if(err.line)
            imr_error_name_file(&err, "panel.json");
        imr_error_format(&err, msg, size);
    }
    imr_arena_free(arena);
    return msg;
}

static const char full_reviewer[] =
    "{\"id\": \"rv-1\", \"name\": \"Example\", \"board_certifications\": "
    "[\"Neurology\", \"Pain Medicine\"], \"licensed_states\": [\"NY\"], "
    "\"years_in_practice\": 12, \"weekly_clinical_hours\": 12.5, "
    "\"disciplinary_history\": [], \"affiliations\": {\"insurers\": [\"A\", "
    "\"B\"], \"facilities\": [\"C\"]}, \"open_cases\": 3}";

void panel_reads_reviewers_and_requirements(void)
{
    imr_arena *arena = imr_arena_new();
    imr_panel *panel = NULL;
    imr_error err;
    char json[1200];
    const imr_reviewer *rv;

    snprintf(json, sizeof(json),
             "{\"requirements\": {\"min_weekly_clinical_hours\": 20, "
             "\"min_years_in_practice\": 5}, \"reviewers\": [%s]}",
             full_reviewer);
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK,
                  imr_panel_parse(json, strlen(json), arena, &panel, &err));
    ASSERT_EQ_INT(20, (int)panel->min_weekly_clinical_hours);
    ASSERT_EQ_INT(5, panel->min_years_in_practice);
    ASSERT_EQ_INT(1, panel->reviewer_count);
    rv = &panel->reviewers[0];
    ASSERT_EQ_STR("rv-1", rv->id);
    ASSERT_EQ_INT(2, rv->certification_count);
    ASSERT_EQ_STR("NY", rv->states[0]);
    ASSERT_EQ_INT(12, rv->years_in_practice);
    ASSERT_TRUE(rv->weekly_clinical_hours == 12.5);
    ASSERT_EQ_INT(3, rv->affiliation_count);
    ASSERT_EQ_STR("insurers", rv->affiliations[1].kind);
    ASSERT_EQ_STR("B", rv->affiliations[1].name);
    ASSERT_EQ_STR("facilities", rv->affiliations[2].kind);
    ASSERT_EQ_INT(3, rv->open_cases);
    imr_arena_free(arena);
}

void panel_refuses_a_repeated_id(void)
{
    char json[2400], msg[1200];
    snprintf(json, sizeof(json), "{\"reviewers\": [%s, %s]}", full_reviewer,
             full_reviewer);
    ASSERT_EQ_STR("$.reviewers[1].id: the id \"rv-1\" is already used by "
                  "$.reviewers[0]",
                  panel_refusal(json, msg, sizeof(msg)));
}

void panel_refuses_missing_required_fields(void)
{
    char msg[1200];

    ASSERT_EQ_STR("$.reviewers: expected a list of reviewers, found nothing",
                  panel_refusal("{}", msg, sizeof(msg)));
    ASSERT_EQ_STR("$.reviewers[0].id: expected the reviewer's id, found "
                  "nothing",
                  panel_refusal("{\"reviewers\": [{}]}", msg, sizeof(msg)));
    ASSERT_EQ_STR("$.reviewers[0].disciplinary_history: expected a list of "
                  "disciplinary actions ([] for none), found nothing",
                  panel_refusal("{\"reviewers\": [{\"id\": \"a\", "
                                "\"board_certifications\": [], "
                                "\"licensed_states\": []}]}",
                                msg, sizeof(msg)));
    ASSERT_EQ_STR("$.reviewers[0].affiliations: expected an object of lists "
                  "of names, found nothing",
                  panel_refusal("{\"reviewers\": [{\"id\": \"a\", "
                                "\"board_certifications\": [], "
                                "\"licensed_states\": [], "
                                "\"disciplinary_history\": [], "
                                "\"weekly_clinical_hours\": 2, "
                                "\"open_cases\": 0}]}",
                                msg, sizeof(msg)));
}

void panel_refuses_values_out_of_range(void)
{
    char msg[1200];
    static const char head[] =
        "{\"reviewers\": [{\"id\": \"a\", \"board_certifications\": [], "
        "\"licensed_states\": [], \"disciplinary_history\": [], ";
    char json[600];

    snprintf(json, sizeof(json),
             "%s\"weekly_clinical_hours\": 200, \"open_cases\": 0, "
             "\"affiliations\": {}}]}",
             head);
    ASSERT_EQ_STR("$.reviewers[0].weekly_clinical_hours: expected hours a "
                  "week (0 to 168), found 200",
                  panel_refusal(json, msg, sizeof(msg)));
    snprintf(json, sizeof(json),
             "%s\"weekly_clinical_hours\": 20, \"open_cases\": 1.5, "
             "\"affiliations\": {}}]}",
             head);
    ASSERT_EQ_STR("$.reviewers[0].open_cases: expected a count of open "
                  "cases (0 or more), found 1.5",
                  panel_refusal(json, msg, sizeof(msg)));
    snprintf(json, sizeof(json),
             "%s\"weekly_clinical_hours\": 20, \"open_cases\": 1, "
             "\"affiliations\": {\"insurers\": \"A\"}}]}",
             head);
    ASSERT_EQ_STR("$.reviewers[0].affiliations.insurers: expected a list of "
                  "strings, found a string",
                  panel_refusal(json, msg, sizeof(msg)));
}

void panel_refuses_malformed_json(void)
{
    char msg[1200];
    ASSERT_EQ_STR("panel.json:1:15: not valid JSON here",
                  panel_refusal("{\"reviewers\": [", msg, sizeof(msg)));
}
