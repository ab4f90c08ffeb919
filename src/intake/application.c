/* SPDX-License-Identifier: MIT */
/* The case file's "application" (the DWC Form IMR and what the IMRO
 * records of it) with its previous applications, and "parties". */
#include "imr/intake.h"

#include <string.h>

#include "intake_int.h"

static const value_name filers[] = {
    {"employee", IMR_FILER_EMPLOYEE},
    {"injured worker", IMR_FILER_EMPLOYEE},
    {"applicant", IMR_FILER_EMPLOYEE},
    {"attorney", IMR_FILER_ATTORNEY},
    {"applicant attorney", IMR_FILER_ATTORNEY},
    {"representative", IMR_FILER_REPRESENTATIVE},
    {"employer", IMR_FILER_EMPLOYER},
    {"claims administrator", IMR_FILER_CLAIMS_ADMINISTRATOR},
    {"provider", IMR_FILER_PROVIDER},
    {"requesting provider", IMR_FILER_PROVIDER},
    {NULL, 0}};

/* A request of a previous application: a string or {"text": ...}. */
static imr_status read_prior_request(json_reader *r, const cJSON *item,
                                     const char *path, const char **out)
{
    const cJSON *text = item;
    char text_path[JSON_PATH_MAX];

    if(cJSON_IsObject(item)) {
        text = cJSON_GetObjectItemCaseSensitive(item, "text");
        path = imr__intake_path(text_path, path, "text");
    }
    if(!cJSON_IsString(text) || !text->valuestring[0])
        return imr__intake_refuse(r, path, "the request's text", text);
    *out = imr_arena_strdup(r->arena, text->valuestring);
    return IMR_OK;
}

static imr_status read_prior_requests(json_reader *r, const cJSON *obj,
                                      const char *parent,
                                      imr_prior_application *p)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, "requests");
    const cJSON *item;
    char path[JSON_PATH_MAX], item_path[JSON_PATH_MAX];
    size_t i = 0;

    imr__intake_path(path, parent, "requests");
    if(!list || cJSON_IsNull(list))
        return IMR_OK;
    if(!cJSON_IsArray(list))
        return imr__intake_refuse(r, path, "a list of requests", list);
    p->requests = imr_arena_alloc(r->arena, (size_t)cJSON_GetArraySize(list) *
                                                sizeof(char *));
    cJSON_ArrayForEach(item, list)
    {
        imr_status rc = read_prior_request(
            r, item, imr__intake_index_path(item_path, path, i),
            &p->requests[i]);
        if(rc != IMR_OK)
            return rc;
        i++;
    }
    p->request_count = i;
    return IMR_OK;
}

static imr_status read_prior(json_reader *r, const cJSON *item,
                             const char *path, imr_prior_application *p)
{
    imr_status rc;

    if(!cJSON_IsObject(item))
        return imr__intake_refuse(r, path, "an object", item);
    rc = imr__intake_opt_string(r, item, "case_number", path, &p->case_number);
    if(rc == IMR_OK)
        rc = imr__intake_opt_date(r, item, "received", path, &p->received);
    if(rc == IMR_OK)
        rc = imr__intake_opt_date(r, item, "ur_date", path, &p->ur_date);
    if(rc == IMR_OK)
        rc = read_prior_requests(r, item, path, p);
    if(rc == IMR_OK)
        rc = imr__intake_opt_string(r, item, "status", path, &p->status);
    return rc;
}

static imr_status read_previous(json_reader *r, const cJSON *app,
                                imr_application *a)
{
    static const char parent[] = "$.application.previous_applications";
    const cJSON *list =
        cJSON_GetObjectItemCaseSensitive(app, "previous_applications");
    const cJSON *item;
    char path[JSON_PATH_MAX];
    size_t i = 0;

    if(!list || cJSON_IsNull(list))
        return IMR_OK;
    if(!cJSON_IsArray(list))
        return imr__intake_refuse(r, parent, "a list of applications", list);
    a->previous = imr_arena_alloc(r->arena, (size_t)cJSON_GetArraySize(list) *
                                                sizeof(imr_prior_application));
    cJSON_ArrayForEach(item, list)
    {
        imr_status rc = read_prior(
            r, item, imr__intake_index_path(path, parent, i), &a->previous[i]);
        if(rc != IMR_OK)
            return rc;
        i++;
    }
    a->previous_count = i;
    return IMR_OK;
}

static imr_status read_answers(json_reader *r, const cJSON *app,
                               imr_application *a)
{
    static const char parent[] = "$.application";
    imr_status rc =
        imr__intake_opt_answer(r, app, "signed", parent, &a->is_signed);
    if(rc == IMR_OK)
        rc = imr__intake_opt_answer(r, app, "ur_attached", parent,
                                    &a->ur_attached);
    if(rc == IMR_OK)
        rc = imr__intake_opt_answer(r, app, "expedited", parent, &a->expedited);
    if(rc == IMR_OK)
        rc = imr__intake_opt_answer(r, app, "liability_disputed", parent,
                                    &a->liability_disputed);
    return rc;
}

static imr_status read_dates(json_reader *r, const cJSON *app,
                             imr_application *a)
{
    static const char parent[] = "$.application";
    imr_status rc =
        imr__intake_opt_date(r, app, "received", parent, &a->received);
    if(rc == IMR_OK)
        rc = imr__intake_opt_date(r, app, "notice_sent", parent,
                                  &a->notice_sent);
    if(rc == IMR_OK)
        rc = imr__intake_opt_date(r, app, "records_complete", parent,
                                  &a->records_complete);
    return rc;
}

imr_status imr__intake_read_application(json_reader *r, const cJSON *root,
                                        imr_case *c)
{
    imr_application *a = &c->application;
    const cJSON *app;
    int filer = IMR_FILER_UNSTATED, notice = IMR_DELIVERY_UNSTATED;
    imr_status rc = imr__intake_opt_object(r, root, "application", "$", &app);

    if(rc != IMR_OK || !app)
        return rc;
    a->is_present = 1;
    rc = read_dates(r, app, a);
    if(rc == IMR_OK)
        rc = read_answers(r, app, a);
    if(rc == IMR_OK)
        rc = imr__intake_opt_enum(r, app, "filed_by", "$.application", filers,
                                  "employee, attorney, representative, "
                                  "employer, claims administrator or "
                                  "provider",
                                  &filer, NULL);
    if(rc == IMR_OK)
        rc = imr__intake_opt_enum(
            r, app, "notice", "$.application", imr__intake_deliveries,
            imr__intake_deliveries_expected, &notice, NULL);
    if(rc == IMR_OK)
        rc = read_previous(r, app, a);
    a->filed_by = (imr_filer)filer;
    a->notice_by = (imr_delivery)notice;
    return rc;
}

imr_status imr__intake_read_parties(json_reader *r, const cJSON *root,
                                    imr_case *c)
{
    const cJSON *parties, *party;
    char path[JSON_PATH_MAX];
    size_t i = 0;
    imr_status rc = imr__intake_opt_object(r, root, "parties", "$", &parties);

    if(rc != IMR_OK || !parties)
        return rc;
    c->parties = imr_arena_alloc(r->arena, (size_t)cJSON_GetArraySize(parties) *
                                               sizeof(imr_party));
    cJSON_ArrayForEach(party, parties)
    {
        if(cJSON_IsNull(party))
            continue;
        if(!cJSON_IsString(party) || !party->valuestring[0])
            return imr__intake_refuse(
                r, imr__intake_path(path, "$.parties", party->string),
                "a name (a non-empty string)", party);
        c->parties[i].role = imr_arena_strdup(r->arena, party->string);
        c->parties[i].name = imr_arena_strdup(r->arena, party->valuestring);
        i++;
    }
    c->party_count = i;
    return IMR_OK;
}
