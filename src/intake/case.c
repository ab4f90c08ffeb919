/* SPDX-License-Identifier: MIT */
/* The case file: JSON read with cJSON, checked field by field, refusals
 * naming the JSON path of the fault. The application and the parties are
 * read in application.c. */
#include "imr/intake.h"

#include <string.h>

#include "intake_int.h"

static const value_name ur_outcomes[] = {
    {"non-certified", IMR_UR_NON_CERTIFIED},
    {"modified", IMR_UR_MODIFIED},
    {"delayed", IMR_UR_DELAYED},
    {"conditionally non-certified", IMR_UR_CONDITIONALLY_NON_CERTIFIED},
    {NULL, 0}};

const value_name imr__intake_deliveries[] = {
    {"mail", IMR_DELIVERY_MAIL},
    {"us mail", IMR_DELIVERY_MAIL},
    {"electronic", IMR_DELIVERY_ELECTRONIC},
    {"email", IMR_DELIVERY_ELECTRONIC},
    {"fax", IMR_DELIVERY_FAX},
    {"facsimile", IMR_DELIVERY_FAX},
    {"personal", IMR_DELIVERY_PERSONAL},
    {"hand", IMR_DELIVERY_PERSONAL},
    {NULL, 0}};

const char imr__intake_deliveries_expected[] =
    "mail, electronic, fax or personal";

const char *imr_filer_name(imr_filer filer)
{
    switch(filer) {
    case IMR_FILER_EMPLOYEE:
        return "employee";
    case IMR_FILER_ATTORNEY:
        return "attorney";
    case IMR_FILER_REPRESENTATIVE:
        return "representative";
    case IMR_FILER_EMPLOYER:
        return "employer";
    case IMR_FILER_CLAIMS_ADMINISTRATOR:
        return "claims administrator";
    case IMR_FILER_PROVIDER:
        return "provider";
    case IMR_FILER_UNSTATED:
        break;
    }
    return "";
}

const char *imr_ur_outcome_name(imr_ur_outcome outcome)
{
    size_t i;
    for(i = 0; ur_outcomes[i].name; i++) {
        if(ur_outcomes[i].value == (int)outcome)
            return ur_outcomes[i].name;
    }
    return "";
}

const char *imr_delivery_name(imr_delivery delivery)
{
    size_t i;
    for(i = 0; imr__intake_deliveries[i].name; i++) {
        if(imr__intake_deliveries[i].value == (int)delivery)
            return imr__intake_deliveries[i].name;
    }
    return "";
}

static imr_status read_claimant(json_reader *r, const cJSON *root, imr_case *c)
{
    const cJSON *cl;
    double age;
    int has_age = 0;
    imr_status rc = imr__intake_opt_object(r, root, "claimant", "$", &cl);

    c->age = -1;
    if(rc != IMR_OK || !cl)
        return rc;
    rc = imr__intake_opt_string(r, cl, "sex", "$.claimant", &c->sex);
    if(rc == IMR_OK)
        rc = imr__intake_opt_date(r, cl, "date_of_injury", "$.claimant",
                                  &c->date_of_injury);
    if(rc == IMR_OK)
        rc = imr__intake_opt_number(r, cl, "age", "$.claimant", 0, 130,
                                    "an age in years", &age, &has_age);
    if(rc == IMR_OK && has_age)
        c->age = (int)age;
    return rc;
}

static imr_status read_ur(json_reader *r, const cJSON *root, imr_case *c)
{
    const cJSON *ur;
    int outcome = IMR_UR_UNSTATED, served_by = IMR_DELIVERY_UNSTATED;
    imr_status rc = imr__intake_opt_object(r, root, "ur", "$", &ur);

    if(rc != IMR_OK || !ur)
        return rc;
    rc = imr__intake_opt_date(r, ur, "date", "$.ur", &c->ur_date);
    if(rc == IMR_OK)
        rc = imr__intake_opt_date(r, ur, "served", "$.ur", &c->ur_served);
    if(rc == IMR_OK)
        rc = imr__intake_opt_enum(
            r, ur, "served_by", "$.ur", imr__intake_deliveries,
            imr__intake_deliveries_expected, &served_by, NULL);
    if(rc == IMR_OK)
        rc = imr__intake_opt_enum(
            r, ur, "decision", "$.ur", ur_outcomes,
            "non-certified, modified, delayed or conditionally "
            "non-certified",
            &outcome, &c->ur_decision);
    c->ur_served_by = (imr_delivery)served_by;
    c->ur_outcome = (imr_ur_outcome)outcome;
    return rc;
}

static imr_status read_requests(json_reader *r, const cJSON *root, imr_case *c)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "requests");
    const cJSON *item;
    char path[JSON_PATH_MAX], item_path[JSON_PATH_MAX];
    size_t i = 0;

    if(!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
        return imr__intake_refuse(r, "$.requests",
                                  "a list of at least one request", list);
    c->request_count = (size_t)cJSON_GetArraySize(list);
    c->requests = imr_arena_alloc(r->arena, c->request_count * sizeof(char *));
    c->ur_guidelines =
        imr_arena_alloc(r->arena, c->request_count * sizeof(char *));
    cJSON_ArrayForEach(item, list)
    {
        /* A request is an object with "text", or the text alone. */
        const cJSON *text = item;
        imr_status rc;
        imr__intake_index_path(path, "$.requests", i);
        if(cJSON_IsObject(item)) {
            text = cJSON_GetObjectItemCaseSensitive(item, "text");
            imr__intake_path(item_path, path, "text");
            rc = imr__intake_opt_string(r, item, "ur_guideline", path,
                                        &c->ur_guidelines[i]);
            if(rc != IMR_OK)
                return rc;
        } else {
            memcpy(item_path, path, sizeof(item_path));
        }
        if(!cJSON_IsString(text) || !text->valuestring[0])
            return imr__intake_refuse(r, item_path, "the request's text", text);
        c->requests[i++] = imr_arena_strdup(r->arena, text->valuestring);
    }
    return IMR_OK;
}

static imr_status read_record(json_reader *r, const cJSON *item, size_t i,
                              imr_case_record *rec)
{
    char path[JSON_PATH_MAX], text_path[JSON_PATH_MAX];
    const cJSON *text;
    imr_status rc;

    imr__intake_index_path(path, "$.records", i);
    if(!cJSON_IsObject(item))
        return imr__intake_refuse(r, path, "an object", item);
    text = cJSON_GetObjectItemCaseSensitive(item, "text");
    if(!cJSON_IsString(text))
        return imr__intake_refuse(r, imr__intake_path(text_path, path, "text"),
                                  "a string", text);
    rec->text = imr_arena_strdup(r->arena, text->valuestring);
    rc = imr__intake_opt_date(r, item, "date", path, &rec->date);
    if(rc == IMR_OK)
        rc = imr__intake_opt_string(r, item, "kind", path, &rec->kind);
    if(rc == IMR_OK)
        rc = imr__intake_opt_string(r, item, "author", path, &rec->author);
    return rc;
}

static imr_status read_records(json_reader *r, const cJSON *root,
                               imr_case_use use, imr_case *c)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "records");
    const cJSON *item;
    size_t i = 0;

    /* Intake comes before the records: the claims administrator sends
     * them once the reviewer is assigned. */
    if(use == IMR_CASE_FOR_INTAKE && (!list || cJSON_IsNull(list)))
        return IMR_OK;
    if(!cJSON_IsArray(list) ||
       (use == IMR_CASE_FOR_REVIEW && cJSON_GetArraySize(list) == 0))
        return imr__intake_refuse(r, "$.records",
                                  "a list of at least one record", list);
    c->record_count = (size_t)cJSON_GetArraySize(list);
    c->records =
        imr_arena_alloc(r->arena, c->record_count * sizeof(imr_case_record));
    cJSON_ArrayForEach(item, list)
    {
        imr_status rc = read_record(r, item, i, &c->records[i]);
        if(rc != IMR_OK)
            return rc;
        i++;
    }
    return IMR_OK;
}

static imr_status read_case(json_reader *r, const cJSON *root, imr_case_use use,
                            imr_case *c)
{
    imr_status rc;

    if(!cJSON_IsObject(root))
        return imr__intake_refuse(r, "$", "an object", root);
    rc = imr__intake_opt_string(r, root, "case_number", "$", &c->case_number);
    if(rc == IMR_OK)
        rc = imr__intake_read_application(r, root, c);
    if(rc == IMR_OK)
        rc = read_ur(r, root, c);
    if(rc == IMR_OK)
        rc = read_claimant(r, root, c);
    if(rc == IMR_OK)
        rc = imr__intake_read_parties(r, root, c);
    if(rc == IMR_OK)
        rc = read_requests(r, root, c);
    if(rc == IMR_OK)
        rc = read_records(r, root, use, c);
    return rc;
}

imr_status imr_case_read(const char *json, size_t len, imr_case_use use,
                         imr_arena *arena, imr_case **out, imr_error *err)
{
    json_reader r = {arena, err};
    cJSON *root;
    imr_case *c;
    imr_status rc = imr__intake_parse_json(json, len, &root, err);

    if(rc != IMR_OK)
        return rc;
    c = imr_arena_alloc(arena, sizeof(*c));
    rc = read_case(&r, root, use, c);
    cJSON_Delete(root);
    if(rc == IMR_OK)
        *out = c;
    return rc;
}

imr_status imr_case_parse(const char *json, size_t len, imr_arena *arena,
                          imr_case **out, imr_error *err)
{
    return imr_case_read(json, len, IMR_CASE_FOR_REVIEW, arena, out, err);
}
