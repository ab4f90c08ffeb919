/* SPDX-License-Identifier: MIT */
/* The request parser on the requests of real letters, and the catalogue
 * loader on broken kb/ files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "imr/request.h"
#include "request/request_int.h"

/* The real catalogue, loaded once for the whole run. */
static const imr_catalogue *kb(void)
{
    static imr_catalogue *cat;
    imr_error err;

    if(!cat) {
        imr_error_clear(&err);
        if(imr_catalogue_load(imr_kb_default_dir(), &cat, &err) != IMR_OK) {
            char msg[1200];
            fprintf(stderr, "cannot load the catalogue: %s\n",
                    imr_error_format(&err, msg, sizeof(msg)));
            exit(1);
        }
    }
    return cat;
}

static imr_status parse(const char *text, imr_request *req)
{
    return imr_request_parse(kb(), text, strlen(text), req, NULL);
}

static int has_region(const imr_request *req, const char *region)
{
    size_t i;
    for(i = 0; i < req->body_region_count; i++) {
        if(strcmp(req->body_regions[i], region) == 0)
            return 1;
    }
    return 0;
}

/*---- Services ----------------------------------------------------------*/

TEST(a_count_of_sessions_gives_the_visits)
{
    imr_request req;
    ASSERT_EQ_INT(IMR_OK, parse("12 Sessions of physical therapy", &req));
    ASSERT_EQ_STR("physical_therapy", req.service);
    ASSERT_EQ_STR("therapy", req.service_kind);
    ASSERT_EQ_INT(12, req.visits);
    ASSERT_EQ_INT(-1, req.per_week);
    ASSERT_EQ_INT(-1, req.weeks);
    ASSERT_EQ_INT(0, req.is_drug);
}

TEST(a_times_count_gives_the_visits)
{
    imr_request req;
    parse("Physical Therapy X8 visits", &req);
    ASSERT_EQ_STR("physical_therapy", req.service);
    ASSERT_EQ_INT(8, req.visits);
    parse("Acupuncture X16 visits", &req);
    ASSERT_EQ_STR("acupuncture", req.service);
    ASSERT_EQ_INT(16, req.visits);
    parse("Aquatic therapy x 12", &req);
    ASSERT_EQ_STR("aquatic_therapy", req.service);
    ASSERT_EQ_INT(12, req.visits);
}

TEST(an_abbreviation_with_frequency_and_region_is_read_whole)
{
    imr_request req;
    parse("PT 2X4 FOR THE L/S", &req);
    ASSERT_EQ_STR("physical_therapy", req.service);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(4, req.weeks);
    ASSERT_EQ_INT(8, req.visits);
    ASSERT_EQ_INT(1, req.body_region_count);
    ASSERT_EQ_STR("lumbar_spine", req.body_regions[0]);
    ASSERT_EQ_INT(IMR_LATERALITY_NONE, req.laterality);
}

TEST(two_regions_are_both_listed_in_order)
{
    imr_request req;
    parse("MRI FOR THE C/S AND L/S", &req);
    ASSERT_EQ_STR("mri", req.service);
    ASSERT_EQ_STR("imaging", req.service_kind);
    ASSERT_EQ_INT(2, req.body_region_count);
    ASSERT_EQ_STR("cervical_spine", req.body_regions[0]);
    ASSERT_EQ_STR("lumbar_spine", req.body_regions[1]);
    ASSERT_EQ_INT(-1, req.visits);
}

TEST(the_more_specific_service_wins_over_physical_therapy)
{
    imr_request req;
    parse("Work hardening physical therapy 2 times a week for 6 weeks", &req);
    ASSERT_EQ_STR("work_hardening", req.service);
    ASSERT_EQ_STR("program", req.service_kind);
    ASSERT_EQ_INT(0, req.also_count);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(6, req.weeks);
    ASSERT_EQ_INT(12, req.visits);
}

TEST(a_number_before_the_service_words_counts_the_sessions)
{
    imr_request req;
    parse("6 PHYSICAL THERAPY SESSIONS", &req);
    ASSERT_EQ_STR("physical_therapy", req.service);
    ASSERT_EQ_INT(6, req.visits);
    parse("An additional 6 visits of physical therapy", &req);
    ASSERT_EQ_INT(6, req.visits);
}

TEST(number_words_are_numbers)
{
    imr_request req;
    parse("Physical therapy two times a week for four weeks", &req);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(4, req.weeks);
    ASSERT_EQ_INT(8, req.visits);
    parse("twice weekly for 4 weeks", &req);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(4, req.weeks);
    parse("physical therapy twelve (12) sessions", &req);
    ASSERT_EQ_INT(12, req.visits);
}

TEST(a_stated_total_and_a_frequency_are_both_kept)
{
    imr_request req;
    parse("12 sessions (2x6)", &req);
    ASSERT_EQ_INT(12, req.visits);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(6, req.weeks);
    ASSERT_TRUE(req.service == NULL);
    parse("3 x 4 weeks", &req);
    ASSERT_EQ_INT(3, req.per_week);
    ASSERT_EQ_INT(4, req.weeks);
    ASSERT_EQ_INT(12, req.visits);
}

TEST(other_frequency_forms_are_read)
{
    imr_request req;
    parse("Chiropractic 2x3 lumbar spine", &req);
    ASSERT_EQ_STR("chiropractic", req.service);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(3, req.weeks);
    ASSERT_EQ_STR("lumbar_spine", req.body_regions[0]);
    parse("physical therapy 2x/wk x 6wks", &req);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(6, req.weeks);
    parse("Physical therapy 3 visits per week for 4 weeks", &req);
    ASSERT_EQ_INT(3, req.per_week);
    ASSERT_EQ_INT(4, req.weeks);
    ASSERT_EQ_INT(12, req.visits);
    parse("PT 8 sessions 2x/week", &req);
    ASSERT_EQ_INT(8, req.visits);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(-1, req.weeks);
}

TEST(a_range_counts_its_upper_end)
{
    imr_request req;
    parse("Physical therapy 2-3x/week x 4-6 weeks", &req);
    ASSERT_EQ_INT(3, req.per_week);
    ASSERT_EQ_INT(6, req.weeks);
}

TEST(months_hours_and_days_are_not_visits)
{
    imr_request req;
    parse("Physical therapy x 2 months", &req);
    ASSERT_EQ_INT(-1, req.visits);
    ASSERT_EQ_INT(-1, req.weeks);
    parse("Functional restoration program x 160 hours", &req);
    ASSERT_EQ_STR("functional_restoration", req.service);
    ASSERT_EQ_INT(-1, req.visits);
    parse("TENS unit 30 day trial", &req);
    ASSERT_EQ_STR("tens", req.service);
    ASSERT_EQ_INT(-1, req.visits);
}

TEST(a_retrospective_request_is_marked)
{
    imr_request req;
    parse("Retrospective request for Urine drug screen", &req);
    ASSERT_EQ_STR("urine_drug_screen", req.service);
    ASSERT_EQ_INT(1, req.is_retrospective);
    parse("Urine drug screen", &req);
    ASSERT_EQ_INT(0, req.is_retrospective);
}

TEST(two_services_of_one_rank_give_the_first_and_also_the_second)
{
    imr_request req;
    parse("EMG/NCV of bilateral lower extremities", &req);
    ASSERT_EQ_STR("emg", req.service);
    ASSERT_EQ_STR("electrodiagnostic", req.service_kind);
    ASSERT_EQ_INT(1, req.also_count);
    ASSERT_EQ_STR("ncv", req.also[0]);
    ASSERT_EQ_INT(IMR_LATERALITY_BILATERAL, req.laterality);
    ASSERT_TRUE(has_region(&req, "lower_extremity"));
}

TEST(an_abbreviation_for_several_words_is_expanded)
{
    imr_request req;
    parse("BLE EMG/NCS", &req);
    ASSERT_EQ_STR("emg", req.service);
    ASSERT_EQ_STR("ncv", req.also[0]);
    ASSERT_EQ_INT(IMR_LATERALITY_BILATERAL, req.laterality);
    ASSERT_TRUE(has_region(&req, "lower_extremity"));
}

TEST(misspellings_from_letters_still_map)
{
    imr_request req;
    parse("Physical Therpay x 6", &req);
    ASSERT_EQ_STR("physical_therapy", req.service);
    ASSERT_EQ_INT(6, req.visits);
    parse("physical thearpy 2x3", &req);
    ASSERT_EQ_STR("physical_therapy", req.service);
    parse("acupunture x 6", &req);
    ASSERT_EQ_STR("acupuncture", req.service);
    parse("Accupuncture 6 sesions", &req);
    ASSERT_EQ_STR("acupuncture", req.service);
    ASSERT_EQ_INT(6, req.visits);
}

TEST(unknown_words_leave_the_service_unknown)
{
    imr_request req;
    ASSERT_EQ_INT(IMR_OK, parse("something entirely different 12", &req));
    ASSERT_TRUE(req.service == NULL);
    ASSERT_TRUE(req.service_kind == NULL);
    ASSERT_EQ_INT(-1, req.visits);
    ASSERT_EQ_INT(0, req.body_region_count);
}

TEST(a_word_is_matched_only_whole)
{
    imr_request req;
    /* "pt" inside "optical" and "ot" inside "lotion" are not services. */
    parse("optical", &req);
    ASSERT_TRUE(req.service == NULL);
    parse("plots", &req);
    ASSERT_TRUE(req.service == NULL);
}

/*---- Regions, sides and levels -----------------------------------------*/

TEST(a_side_and_a_region_are_read_apart)
{
    imr_request req;
    parse("left knee", &req);
    ASSERT_EQ_INT(1, req.body_region_count);
    ASSERT_EQ_STR("knee", req.body_regions[0]);
    ASSERT_EQ_INT(IMR_LATERALITY_LEFT, req.laterality);
    parse("Physical therapy for the right shoulder 3x4", &req);
    ASSERT_EQ_STR("shoulder", req.body_regions[0]);
    ASSERT_EQ_INT(IMR_LATERALITY_RIGHT, req.laterality);
    ASSERT_EQ_INT(12, req.visits);
    parse("bilateral", &req);
    ASSERT_EQ_INT(IMR_LATERALITY_BILATERAL, req.laterality);
}

TEST(left_and_right_together_are_bilateral)
{
    imr_request req;
    parse("MRI left and right knees", &req);
    ASSERT_EQ_INT(IMR_LATERALITY_BILATERAL, req.laterality);
    ASSERT_EQ_STR("bilateral", imr_laterality_name(req.laterality));
    ASSERT_TRUE(imr_laterality_name(IMR_LATERALITY_NONE) == NULL);
}

TEST(spinal_levels_are_written_one_way)
{
    imr_request req;
    parse("L4-5", &req);
    ASSERT_EQ_INT(1, req.level_count);
    ASSERT_EQ_STR("L4-5", req.levels[0]);
    parse("L4-L5", &req);
    ASSERT_EQ_STR("L4-5", req.levels[0]);
    parse("L4/5", &req);
    ASSERT_EQ_STR("L4-5", req.levels[0]);
    parse("l5-s1", &req);
    ASSERT_EQ_STR("L5-S1", req.levels[0]);
    parse("ESI C5-6 and C6-7", &req);
    ASSERT_EQ_INT(2, req.level_count);
    ASSERT_EQ_STR("C5-6", req.levels[0]);
    ASSERT_EQ_STR("C6-7", req.levels[1]);
    ASSERT_TRUE(has_region(&req, "cervical_spine"));
}

TEST(a_level_is_not_a_frequency)
{
    imr_request req;
    parse("Lumbar epidural steroid injection L4-5 left", &req);
    ASSERT_EQ_STR("epidural_steroid_injection", req.service);
    ASSERT_EQ_STR("injection", req.service_kind);
    ASSERT_EQ_STR("L4-5", req.levels[0]);
    ASSERT_EQ_INT(1, req.body_region_count);
    ASSERT_EQ_STR("lumbar_spine", req.body_regions[0]);
    ASSERT_EQ_INT(IMR_LATERALITY_LEFT, req.laterality);
    ASSERT_EQ_INT(-1, req.per_week);
    ASSERT_EQ_INT(-1, req.weeks);
    ASSERT_EQ_INT(-1, req.visits);
}

/*---- Drugs -------------------------------------------------------------*/

TEST(a_brand_name_drug_gives_strength_and_quantity)
{
    imr_request req;
    parse("Norco 10/325mg #90", &req);
    ASSERT_EQ_STR("opioid", req.service);
    ASSERT_EQ_STR("drug", req.service_kind);
    ASSERT_EQ_INT(1, req.is_drug);
    ASSERT_EQ_STR("norco", req.drug_name);
    ASSERT_EQ_STR("10/325 mg", req.strength);
    ASSERT_EQ_INT(90, req.quantity);
    ASSERT_EQ_INT(-1, req.refills);
    ASSERT_EQ_INT(-1, req.visits);
    ASSERT_EQ_INT(-1, req.per_week);
}

TEST(refills_are_not_visits)
{
    imr_request req;
    parse("Cyclobenzaprine 7.5mg #60 x 2 refills", &req);
    ASSERT_EQ_STR("muscle_relaxant", req.service);
    ASSERT_EQ_STR("cyclobenzaprine", req.drug_name);
    ASSERT_EQ_STR("7.5 mg", req.strength);
    ASSERT_EQ_INT(60, req.quantity);
    ASSERT_EQ_INT(2, req.refills);
    ASSERT_EQ_INT(-1, req.visits);
    parse("Norco 10mg/325mg 1 tab q6h #120 with no refills", &req);
    ASSERT_EQ_STR("10/325 mg", req.strength);
    ASSERT_EQ_INT(120, req.quantity);
    ASSERT_EQ_INT(0, req.refills);
}

TEST(a_generic_name_maps_to_its_class)
{
    imr_request req;
    parse("Omeprazole 20mg #60", &req);
    ASSERT_EQ_STR("proton_pump_inhibitor", req.service);
    ASSERT_EQ_STR("omeprazole", req.drug_name);
    ASSERT_EQ_STR("20 mg", req.strength);
    ASSERT_EQ_INT(60, req.quantity);
    parse("Zolpidem 10 mg qty 30", &req);
    ASSERT_EQ_STR("sleep_aid", req.service);
    ASSERT_EQ_INT(30, req.quantity);
    parse("Tramadol 50mg, 60 count", &req);
    ASSERT_EQ_STR("opioid", req.service);
    ASSERT_EQ_INT(60, req.quantity);
}

TEST(a_topical_form_wins_and_keeps_the_ingredient_as_name)
{
    imr_request req;
    parse("gabapentin 10% cream", &req);
    ASSERT_EQ_STR("topical_analgesic", req.service);
    ASSERT_EQ_STR("gabapentin", req.drug_name);
    ASSERT_EQ_STR("10%", req.strength);
    parse("Butrans 10mcg/hr patch #4", &req);
    ASSERT_EQ_STR("opioid", req.service);
    ASSERT_EQ_STR("10 mcg/hr", req.strength);
    ASSERT_EQ_INT(4, req.quantity);
}

TEST(a_strength_without_a_unit_counts_only_for_drugs)
{
    imr_request req;
    parse("Norco 10/325 #90 x2", &req);
    ASSERT_EQ_STR("10/325", req.strength);
    ASSERT_EQ_INT(90, req.quantity);
    parse("Physical therapy 10/325", &req);
    ASSERT_EQ_STR("", req.strength);
    ASSERT_EQ_INT(0, req.is_drug);
}

TEST(an_unknown_drug_is_named_by_the_word_before_its_strength)
{
    imr_request req;
    parse("Retrospective request for Zorvolex 35mg #90", &req);
    ASSERT_TRUE(req.service == NULL);
    ASSERT_EQ_INT(1, req.is_drug);
    ASSERT_EQ_STR("zorvolex", req.drug_name);
    ASSERT_EQ_STR("35 mg", req.strength);
    ASSERT_EQ_INT(90, req.quantity);
    ASSERT_EQ_INT(1, req.is_retrospective);
}

TEST(a_date_is_not_a_strength_or_a_count)
{
    imr_request req;
    parse("DOS 11/11/14 MRI lumbar spine", &req);
    ASSERT_EQ_STR("mri", req.service);
    ASSERT_EQ_INT(-1, req.visits);
    ASSERT_EQ_INT(0, req.is_drug);
}

/*---- Text --------------------------------------------------------------*/

TEST(non_ascii_signs_are_read_as_their_ascii_forms)
{
    imr_request req;
    parse("PT 2\xc3\x97"
          "4 L4\xe2\x80\x93"
          "5",
          &req);
    ASSERT_EQ_INT(2, req.per_week);
    ASSERT_EQ_INT(4, req.weeks);
    ASSERT_EQ_STR("L4-5", req.levels[0]);
}

TEST(the_text_need_not_end_with_a_nul)
{
    imr_request req;
    const char text[] = "PT 2x4 FOR THE L/S AND C/S";
    ASSERT_EQ_INT(IMR_OK, imr_request_parse(kb(), text, 18, &req, NULL));
    ASSERT_EQ_INT(1, req.body_region_count);
    ASSERT_EQ_STR("lumbar_spine", req.body_regions[0]);
}

TEST(an_empty_request_is_refused_and_the_output_untouched)
{
    imr_request req;
    imr_error err;

    memset(&req, 0x5a, sizeof(req));
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_EINPUT, imr_request_parse(kb(), "  \t ", 4, &req, &err));
    ASSERT_EQ_STR("the request is empty", err.message);
    ASSERT_EQ_INT(0x5a5a5a5a, req.visits);
    ASSERT_EQ_INT(IMR_EINPUT, imr_request_parse(kb(), "", 0, &req, NULL));
}

TEST(a_nul_byte_is_refused)
{
    imr_request req;
    imr_error err;

    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_EINPUT,
                  imr_request_parse(kb(), "PT\0 2x4", 7, &req, &err));
    ASSERT_CONTAINS(err.message, "NUL byte at offset 2");
}

TEST(a_very_long_request_is_read_up_to_the_limit)
{
    imr_request req;
    char text[5000];
    size_t i;

    memcpy(text, "PT 2x4 L/S ", 11);
    for(i = 11; i < sizeof(text); i++)
        text[i] = i % 7 == 0 ? ' ' : '9';
    ASSERT_EQ_INT(IMR_OK,
                  imr_request_parse(kb(), text, sizeof(text), &req, NULL));
    ASSERT_EQ_STR("physical_therapy", req.service);
    ASSERT_EQ_INT(8, req.visits);
}

TEST(normalizing_lowers_case_and_squeezes_spaces)
{
    char out[64];
    size_t n = imr__request_normalize(kb(), "  Physical\t\tTHERPAY  x8 ", 24,
                                      out, sizeof(out));
    ASSERT_EQ_INT(strlen("physical therapy x8"), n);
    out[n] = '\0';
    ASSERT_EQ_STR("physical therapy x8", out);
}

/*---- JSON --------------------------------------------------------------*/

static char *to_json_text(const char *request)
{
    imr_request req;
    cJSON *j;
    imr_buf s;

    parse(request, &req);
    j = imr_request_to_json(&req);
    imr_buf_init(&s);
    imr_json_print(j, IMR_JSON_COMPACT, &s);
    cJSON_Delete(j);
    return imr_buf_take(&s);
}

TEST(the_json_has_every_field_with_null_for_unknown)
{
    char *s = to_json_text("PT 2X4 FOR THE L/S");
    ASSERT_EQ_STR("{\"service\":\"physical_therapy\",\"service_kind\":"
                  "\"therapy\",\"also\":[],\"visits\":8,\"per_week\":2,"
                  "\"weeks\":4,\"body_regions\":[\"lumbar_spine\"],"
                  "\"laterality\":null,\"levels\":[],\"retrospective\":false,"
                  "\"drug\":null}",
                  s);
    free(s);
}

TEST(the_json_of_a_drug_has_its_details)
{
    char *s = to_json_text("Retro Cyclobenzaprine 7.5mg #60");
    ASSERT_CONTAINS(s, "\"retrospective\":true");
    ASSERT_CONTAINS(s, "\"drug\":{\"name\":\"cyclobenzaprine\",\"strength\":"
                       "\"7.5 mg\",\"quantity\":60,\"refills\":null}");
    free(s);
    s = to_json_text("EMG/NCV left L5-S1");
    ASSERT_CONTAINS(s, "\"also\":[\"ncv\"]");
    ASSERT_CONTAINS(s, "\"laterality\":\"left\",\"levels\":[\"L5-S1\"]");
    free(s);
}

/*---- Loading the catalogue ---------------------------------------------*/

static const char regions_ok[] = "region\tknee\nsynonyms\tknee\tknee\n";

/* Writes a kb/ with these two files into a new temporary folder and loads
 * it; returns the status and the formatted error in `msg`. */
static imr_status load_kb(const char *services, const char *regions, char *msg,
                          size_t size)
{
    char dir[256], path[300];
    const char *tmp = getenv("TMPDIR");
    imr_catalogue *cat = NULL;
    imr_error err;
    imr_status rc;

    snprintf(dir, sizeof(dir), "%s/imr-request-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if(!mkdtemp(dir))
        return IMR_EIO;
    snprintf(path, sizeof(path), "%s/services.tsv", dir);
    imr_file_write_atomic(path, services, strlen(services), NULL);
    snprintf(path, sizeof(path), "%s/body_regions.tsv", dir);
    if(regions)
        imr_file_write_atomic(path, regions, strlen(regions), NULL);
    imr_error_clear(&err);
    rc = imr_catalogue_load(dir, &cat, &err);
    imr_error_format(&err, msg, size);
    imr_catalogue_free(cat);
    unlink(path);
    snprintf(path, sizeof(path), "%s/services.tsv", dir);
    unlink(path);
    rmdir(dir);
    return rc;
}

TEST(a_small_valid_catalogue_loads)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_OK, load_kb("# services\n\nservice\tpt\ttherapy\t2\n"
                                  "synonyms\tpt\tpt, physical therapy\n",
                                  regions_ok, msg, sizeof(msg)));
}

TEST(an_unknown_record_is_refused_with_its_place)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_kb("service\tpt\ttherapy\t2\nservce\tx\n",
                                      regions_ok, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:2:1: expected a record type, "
                         "\"service\", \"synonyms\", \"drugs\" or "
                         "\"spelling\", found \"servce\"");
}

TEST(a_synonym_of_an_undeclared_service_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_kb("service\tpt\ttherapy\t2\nsynonyms\tpt\tpt\n"
                          "synonyms\tphisical\tx-ray\n",
                          regions_ok, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:3:10: unknown service \"phisical\"");
}

TEST(a_bad_rank_is_refused_at_its_column)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_kb("service\tpt\ttherapy\thigh\n",
                                      regions_ok, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:1:20: expected a rank from 1 to 9, "
                         "found \"high\"");
}

TEST(a_wrong_number_of_fields_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_kb("service\tpt\ttherapy\n", regions_ok, msg,
                                      sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:1:19: expected 4 tab-separated "
                         "fields (service ID KIND RANK), found 3");
}

TEST(a_synonym_used_twice_is_refused_naming_both_places)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_kb("service\tpt\ttherapy\t2\nsynonyms\tpt\tpt\n"
                          "service\tot\ttherapy\t2\nsynonyms\tot\tot, pt\n",
                          regions_ok, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:4:17: synonym \"pt\" already names pt "
                         "(services.tsv:2)");
}

TEST(an_empty_synonym_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_kb("service\tpt\ttherapy\t2\nsynonyms\tpt\tpt,, p.t.\n",
                          regions_ok, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:2:16: empty synonym");
}

TEST(a_synonym_a_spelling_rewrites_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_kb("service\tpt\ttherapy\t2\n"
                                      "synonyms\tpt\tphysical therpay\n"
                                      "spelling\ttherapy\ttherpay\n",
                                      regions_ok, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:2:13: synonym \"physical therpay\" "
                         "can never match");
}

TEST(a_service_without_synonyms_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_kb("service\tpt\ttherapy\t2\n", regions_ok,
                                      msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "services.tsv:1: service \"pt\" has no synonyms");
}

TEST(a_bad_side_in_the_regions_file_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_kb("service\tpt\ttherapy\t2\nsynonyms\tpt\tpt\n",
                          "region\tknee\nside\tmiddle\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "body_regions.tsv:2:6: expected a side");
}

TEST(a_missing_file_is_an_input_output_error)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EIO,
                  load_kb("service\tpt\ttherapy\t2\n", NULL, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "body_regions.tsv: cannot open: No such file or "
                         "directory");
}

TEST(the_shipped_catalogue_is_well_formed)
{
    const imr_catalogue *cat = kb();
    ASSERT_TRUE(cat->service_count >= 40);
    ASSERT_TRUE(cat->term_count >= 300);
    ASSERT_TRUE(cat->region_count >= 10);
}

TEST_MAIN(
    T(a_count_of_sessions_gives_the_visits), T(a_times_count_gives_the_visits),
    T(an_abbreviation_with_frequency_and_region_is_read_whole),
    T(two_regions_are_both_listed_in_order),
    T(the_more_specific_service_wins_over_physical_therapy),
    T(a_number_before_the_service_words_counts_the_sessions),
    T(number_words_are_numbers),
    T(a_stated_total_and_a_frequency_are_both_kept),
    T(other_frequency_forms_are_read), T(a_range_counts_its_upper_end),
    T(months_hours_and_days_are_not_visits),
    T(a_retrospective_request_is_marked),
    T(two_services_of_one_rank_give_the_first_and_also_the_second),
    T(an_abbreviation_for_several_words_is_expanded),
    T(misspellings_from_letters_still_map),
    T(unknown_words_leave_the_service_unknown), T(a_word_is_matched_only_whole),
    T(a_side_and_a_region_are_read_apart),
    T(left_and_right_together_are_bilateral),
    T(spinal_levels_are_written_one_way), T(a_level_is_not_a_frequency),
    T(a_brand_name_drug_gives_strength_and_quantity), T(refills_are_not_visits),
    T(a_generic_name_maps_to_its_class),
    T(a_topical_form_wins_and_keeps_the_ingredient_as_name),
    T(a_strength_without_a_unit_counts_only_for_drugs),
    T(an_unknown_drug_is_named_by_the_word_before_its_strength),
    T(a_date_is_not_a_strength_or_a_count),
    T(non_ascii_signs_are_read_as_their_ascii_forms),
    T(the_text_need_not_end_with_a_nul),
    T(an_empty_request_is_refused_and_the_output_untouched),
    T(a_nul_byte_is_refused), T(a_very_long_request_is_read_up_to_the_limit),
    T(normalizing_lowers_case_and_squeezes_spaces),
    T(the_json_has_every_field_with_null_for_unknown),
    T(the_json_of_a_drug_has_its_details), T(a_small_valid_catalogue_loads),
    T(an_unknown_record_is_refused_with_its_place),
    T(a_synonym_of_an_undeclared_service_is_refused),
    T(a_bad_rank_is_refused_at_its_column),
    T(a_wrong_number_of_fields_is_refused),
    T(a_synonym_used_twice_is_refused_naming_both_places),
    T(an_empty_synonym_is_refused), T(a_synonym_a_spelling_rewrites_is_refused),
    T(a_service_without_synonyms_is_refused),
    T(a_bad_side_in_the_regions_file_is_refused),
    T(a_missing_file_is_an_input_output_error),
    T(the_shipped_catalogue_is_well_formed))
