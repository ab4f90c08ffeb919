/* SPDX-License-Identifier: MIT */
/* The reviewer panel file (docs/intake.md): the IMRO's expert reviewers
 * with what qualifies them and what could conflict. Fields a reviewer's
 * fitness depends on are required, so that a missing one is never read as
 * "none". */
#include "imr/intake.h"

#include <math.h>
#include <string.h>

#include "intake_int.h"

/* A required member: refused as missing when absent or null. */
static imr_status required(json_reader *r, const cJSON *obj, const char *key,
                           const char *parent, const char *expected)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    char path[JSON_PATH_MAX];

    if(v && !cJSON_IsNull(v))
        return IMR_OK;
    return imr__intake_refuse(r, imr__intake_path(path, parent, key), expected,
                              v);
}

static imr_status read_count(json_reader *r, const cJSON *obj, const char *key,
                             const char *parent, int max, const char *what,
                             int *out)
{
    char path[JSON_PATH_MAX];
    double v = 0;
    int present = 0;
    imr_status rc =
        imr__intake_opt_number(r, obj, key, parent, 0, max, what, &v, &present);

    if(rc != IMR_OK || !present)
        return rc;
    if(v != floor(v)) {
        imr_error_set_path(r->err, imr__intake_path(path, parent, key));
        return imr_error_set(r->err, IMR_EINPUT, "expected %s, found %g", what,
                             v);
    }
    *out = (int)v;
    return IMR_OK;
}

static imr_status read_id(json_reader *r, const cJSON *obj, const char *parent,
                          const imr_panel *panel, imr_reviewer *rv)
{
    char path[JSON_PATH_MAX];
    size_t i;
    imr_status rc = required(r, obj, "id", parent, "the reviewer's id");

    if(rc == IMR_OK)
        rc = imr__intake_opt_string(r, obj, "id", parent, &rv->id);
    if(rc != IMR_OK)
        return rc;
    imr__intake_path(path, parent, "id");
    if(!rv->id[0])
        return imr__intake_refuse(r, path, "the reviewer's id",
                                  cJSON_GetObjectItemCaseSensitive(obj, "id"));
    for(i = 0; i < panel->reviewer_count; i++) {
        if(strcmp(panel->reviewers[i].id, rv->id) == 0) {
            imr_error_set_path(r->err, path);
            return imr_error_set(r->err, IMR_EINPUT,
                                 "the id \"%s\" is already used by "
                                 "$.reviewers[%zu]",
                                 rv->id, i);
        }
    }
    return IMR_OK;
}

static imr_status read_affiliations(json_reader *r, const cJSON *obj,
                                    const char *parent, imr_reviewer *rv)
{
    const cJSON *kinds = NULL, *kind;
    char path[JSON_PATH_MAX];
    size_t total = 0;
    imr_status rc =
        required(r, obj, "affiliations", parent, "an object of lists of names");

    if(rc == IMR_OK)
        rc = imr__intake_opt_object(r, obj, "affiliations", parent, &kinds);
    if(rc != IMR_OK)
        return rc;
    imr__intake_path(path, parent, "affiliations");
    cJSON_ArrayForEach(kind, kinds)
    {
        total += cJSON_IsArray(kind) ? (size_t)cJSON_GetArraySize(kind) : 0;
    }
    rv->affiliations =
        imr_arena_alloc(r->arena, (total + 1) * sizeof(imr_affiliation));
    cJSON_ArrayForEach(kind, kinds)
    {
        const char **names;
        size_t count, i;
        rc = imr__intake_opt_strings(r, kinds, kind->string, path, &names,
                                     &count);
        if(rc != IMR_OK)
            return rc;
        for(i = 0; i < count && rv->affiliation_count < total; i++) {
            imr_affiliation *af = &rv->affiliations[rv->affiliation_count++];
            af->kind = imr_arena_strdup(r->arena, kind->string);
            af->name = names[i];
        }
    }
    return IMR_OK;
}

static imr_status read_lists(json_reader *r, const cJSON *obj,
                             const char *parent, imr_reviewer *rv)
{
    imr_status rc = required(r, obj, "board_certifications", parent,
                             "a list of board certifications");
    if(rc == IMR_OK)
        rc = imr__intake_opt_strings(r, obj, "board_certifications", parent,
                                     &rv->certifications,
                                     &rv->certification_count);
    if(rc == IMR_OK)
        rc = required(r, obj, "licensed_states", parent,
                      "a list of states of licensure");
    if(rc == IMR_OK)
        rc = imr__intake_opt_strings(r, obj, "licensed_states", parent,
                                     &rv->states, &rv->state_count);
    if(rc == IMR_OK)
        rc = required(r, obj, "disciplinary_history", parent,
                      "a list of disciplinary actions ([] for none)");
    if(rc == IMR_OK)
        rc = imr__intake_opt_strings(r, obj, "disciplinary_history", parent,
                                     &rv->discipline, &rv->discipline_count);
    return rc;
}

static imr_status read_practice(json_reader *r, const cJSON *obj,
                                const char *parent, imr_reviewer *rv)
{
    int present = 0;
    imr_status rc = required(r, obj, "weekly_clinical_hours", parent,
                             "hours a week (0 to 168)");

    if(rc == IMR_OK)
        rc = imr__intake_opt_number(r, obj, "weekly_clinical_hours", parent, 0,
                                    168, "hours a week (0 to 168)",
                                    &rv->weekly_clinical_hours, &present);
    rv->years_in_practice = -1;
    if(rc == IMR_OK)
        rc = read_count(r, obj, "years_in_practice", parent, 80,
                        "a number of years (0 to 80)", &rv->years_in_practice);
    if(rc == IMR_OK)
        rc = required(r, obj, "open_cases", parent,
                      "a count of open cases (0 or more)");
    if(rc == IMR_OK)
        rc = read_count(r, obj, "open_cases", parent, 1000000,
                        "a count of open cases (0 or more)", &rv->open_cases);
    return rc;
}

static imr_status read_reviewer(json_reader *r, const cJSON *obj,
                                const char *path, const imr_panel *panel,
                                imr_reviewer *rv)
{
    imr_status rc;

    if(!cJSON_IsObject(obj))
        return imr__intake_refuse(r, path, "a reviewer (an object)", obj);
    rc = read_id(r, obj, path, panel, rv);
    if(rc == IMR_OK)
        rc = imr__intake_opt_string(r, obj, "name", path, &rv->name);
    if(rc == IMR_OK)
        rc = read_lists(r, obj, path, rv);
    if(rc == IMR_OK)
        rc = read_practice(r, obj, path, rv);
    if(rc == IMR_OK)
        rc = read_affiliations(r, obj, path, rv);
    return rc;
}

static imr_status read_reviewers(json_reader *r, const cJSON *root,
                                 imr_panel *panel)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "reviewers");
    const cJSON *item;
    char path[JSON_PATH_MAX];

    if(!cJSON_IsArray(list))
        return imr__intake_refuse(r, "$.reviewers", "a list of reviewers",
                                  list);
    panel->reviewers =
        imr_arena_alloc(r->arena, ((size_t)cJSON_GetArraySize(list) + 1) *
                                      sizeof(imr_reviewer));
    cJSON_ArrayForEach(item, list)
    {
        imr_reviewer *rv = &panel->reviewers[panel->reviewer_count];
        imr_status rc = read_reviewer(
            r, item,
            imr__intake_index_path(path, "$.reviewers", panel->reviewer_count),
            panel, rv);
        if(rc != IMR_OK)
            return rc;
        panel->reviewer_count++;
    }
    return IMR_OK;
}

static imr_status read_requirements(json_reader *r, const cJSON *root,
                                    imr_panel *panel)
{
    const cJSON *req;
    int present = 0;
    imr_status rc = imr__intake_opt_object(r, root, "requirements", "$", &req);

    if(rc != IMR_OK || !req)
        return rc;
    rc = imr__intake_opt_number(
        r, req, "min_weekly_clinical_hours", "$.requirements", 0, 168,
        "hours a week (0 to 168)", &panel->min_weekly_clinical_hours, &present);
    if(rc == IMR_OK)
        rc = read_count(r, req, "min_years_in_practice", "$.requirements", 80,
                        "a number of years (0 to 80)",
                        &panel->min_years_in_practice);
    return rc;
}

imr_status imr_panel_parse(const char *json, size_t len, imr_arena *arena,
                           imr_panel **out, imr_error *err)
{
    json_reader r = {arena, err};
    imr_panel *panel;
    cJSON *root;
    imr_status rc = imr__intake_parse_json(json, len, &root, err);

    if(rc != IMR_OK)
        return rc;
    panel = imr_arena_alloc(arena, sizeof(*panel));
    if(!cJSON_IsObject(root))
        rc = imr__intake_refuse(&r, "$", "an object with \"reviewers\"", root);
    if(rc == IMR_OK)
        rc = read_requirements(&r, root, panel);
    if(rc == IMR_OK)
        rc = read_reviewers(&r, root, panel);
    cJSON_Delete(root);
    if(rc == IMR_OK)
        *out = panel;
    return rc;
}
