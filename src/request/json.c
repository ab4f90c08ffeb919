/* SPDX-License-Identifier: MIT */
/* A parsed request as JSON, in the shape DESIGN.md gives items of parsed
 * letters and determinations. */
#include "imr/request.h"

static json_t *string_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *number_or_null(int n)
{
    return n >= 0 ? json_integer(n) : json_null();
}

static json_t *string_list(const char *const *items, size_t count)
{
    json_t *list = json_array();
    size_t i;

    for(i = 0; i < count; i++)
        json_array_append_new(list, json_string(items[i]));
    return list;
}

static json_t *levels_json(const imr_request *req)
{
    json_t *list = json_array();
    size_t i;

    for(i = 0; i < req->level_count && i < IMR_REQUEST_MAX_LEVELS; i++)
        json_array_append_new(list, json_string(req->levels[i]));
    return list;
}

static json_t *drug_json(const imr_request *req)
{
    json_t *o;

    if(!req->is_drug)
        return json_null();
    o = json_object();
    json_object_set_new(o, "name", string_or_null(req->drug_name));
    json_object_set_new(o, "strength", string_or_null(req->strength));
    json_object_set_new(o, "quantity", number_or_null(req->quantity));
    json_object_set_new(o, "refills", number_or_null(req->refills));
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

json_t *imr_request_to_json(const imr_request *req)
{
    json_t *o = json_object();
    size_t regions = req->body_region_count < IMR_REQUEST_MAX_REGIONS
                         ? req->body_region_count
                         : IMR_REQUEST_MAX_REGIONS;
    size_t also = req->also_count < IMR_REQUEST_MAX_ALSO ? req->also_count
                                                         : IMR_REQUEST_MAX_ALSO;

    json_object_set_new(o, "service", string_or_null(req->service));
    json_object_set_new(o, "service_kind", string_or_null(req->service_kind));
    json_object_set_new(o, "also", string_list(req->also, also));
    json_object_set_new(o, "visits", number_or_null(req->visits));
    json_object_set_new(o, "per_week", number_or_null(req->per_week));
    json_object_set_new(o, "weeks", number_or_null(req->weeks));
    json_object_set_new(o, "body_regions",
                        string_list(req->body_regions, regions));
    json_object_set_new(o, "laterality",
                        string_or_null(imr_laterality_name(req->laterality)));
    json_object_set_new(o, "levels", levels_json(req));
    json_object_set_new(o, "retrospective",
                        json_boolean(req->is_retrospective));
    json_object_set_new(o, "drug", drug_json(req));
    return o;
}
