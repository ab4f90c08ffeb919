/* SPDX-License-Identifier: MIT */
/* A parsed request as JSON, in the shape DESIGN.md gives items of parsed
 * letters and determinations. */
#include "imr/request.h"

#include "imr/json.h"

static cJSON *levels_json(const imr_request *req)
{
    const char *levels[IMR_REQUEST_MAX_LEVELS];
    size_t i, n = req->level_count < IMR_REQUEST_MAX_LEVELS
                      ? req->level_count
                      : IMR_REQUEST_MAX_LEVELS;

    for(i = 0; i < n; i++)
        levels[i] = req->levels[i];
    return imr_json_string_refs(levels, n);
}

static cJSON *text_or_null(const char *s)
{
    return imr_json_string_ref(s && *s ? s : NULL);
}

static cJSON *drug_json(const imr_request *req)
{
    cJSON *o;

    if(!req->is_drug)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    imr_json_add(o, "name", text_or_null(req->drug_name));
    imr_json_add(o, "strength", text_or_null(req->strength));
    imr_json_add(o, "quantity", imr_json_count(req->quantity));
    imr_json_add(o, "refills", imr_json_count(req->refills));
    return o;
}

const char *imr_laterality_name(imr_laterality lat)
{
    switch(lat) {
    case IMR_LATERALITY_LEFT:
        return "left";
    case IMR_LATERALITY_RIGHT:
        return "right";
    case IMR_LATERALITY_BILATERAL:
        return "bilateral";
    default:
        return NULL;
    }
}

void imr_request_add_json(cJSON *o, const imr_request *req)
{
    size_t regions = req->body_region_count < IMR_REQUEST_MAX_REGIONS
                         ? req->body_region_count
                         : IMR_REQUEST_MAX_REGIONS;
    size_t also = req->also_count < IMR_REQUEST_MAX_ALSO ? req->also_count
                                                         : IMR_REQUEST_MAX_ALSO;

    imr_json_add(o, "service", text_or_null(req->service));
    imr_json_add(o, "service_kind", text_or_null(req->service_kind));
    imr_json_add(o, "also", imr_json_string_refs(req->also, also));
    imr_json_add(o, "visits", imr_json_count(req->visits));
    imr_json_add(o, "per_week", imr_json_count(req->per_week));
    imr_json_add(o, "weeks", imr_json_count(req->weeks));
    imr_json_add(o, "body_regions",
                 imr_json_string_refs(req->body_regions, regions));
    imr_json_add(o, "laterality",
                 text_or_null(imr_laterality_name(req->laterality)));
    imr_json_add(o, "levels", levels_json(req));
    imr_json_add(o, "retrospective",
                 cJSON_CreateBool(req->is_retrospective));
    imr_json_add(o, "drug", drug_json(req));
}

cJSON *imr_request_to_json(const imr_request *req)
{
    cJSON *o = cJSON_CreateObject();
    imr_request_add_json(o, req);
    return o;
}
