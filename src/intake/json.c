/* SPDX-License-Identifier: MIT */
/* The intake result as JSON: eligible, reasons, expedited, due (and how
 * each date was counted), the reviewer or null, and the reviewers passed
 * over. */
#include "imr/intake.h"

#include "intake_int.h"

static cJSON *due_json(const imr_intake_result *r, int basis)
{
    cJSON *o = cJSON_CreateObject();
    size_t i;
    for(i = 0; i < IMR_DUE_COUNT; i++)
        imr_json_add(
            o, imr_deadline_name((imr_deadline)i),
            imr_json_string_ref(basis ? r->due[i].basis : r->due[i].date));
    return o;
}

static cJSON *overdue_json(const imr_intake_result *r)
{
    cJSON *list = cJSON_CreateArray();
    size_t i;
    for(i = 0; i < IMR_DUE_COUNT; i++) {
        if(r->due[i].is_overdue)
            cJSON_AddItemToArray(
                list, imr_json_string_ref(imr_deadline_name((imr_deadline)i)));
    }
    return list;
}

static cJSON *reviewer_json(const imr_assignment *a)
{
    const imr_reviewer *rv = a->reviewer;
    cJSON *o;

    if(!rv)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    imr_json_add(o, "id", imr_json_string_ref(rv->id));
    imr_json_add(
        o, "specialties",
        imr_json_string_refs(rv->certifications, rv->certification_count));
    imr_json_add(o, "states",
                 imr_json_string_refs(a->credentials.states,
                                      a->credentials.state_count));
    imr_json_add(o, "certification",
                 imr_json_string_ref(a->credentials.certification));
    imr_json_add(o, "licensure", imr_json_string_ref(a->credentials.licensure));
    return o;
}

static cJSON *passed_over_json(const imr_assignment *a)
{
    cJSON *list = cJSON_CreateArray();
    size_t i;
    for(i = 0; i < a->passed_over_count; i++) {
        cJSON *o = cJSON_CreateObject();
        imr_json_add(o, "id",
                     imr_json_string_ref(a->passed_over[i].reviewer->id));
        imr_json_add(o, "reason",
                     imr_json_string_ref(a->passed_over[i].reason));
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

/* Why the result has no reviewer, when it has none. */
static const char *reviewer_reason(const imr_intake_result *r)
{
    if(!r->is_eligible)
        return "No reviewer is assigned: the application is not eligible.";
    if(!r->has_panel)
        return "No reviewer is assigned: no panel was given.";
    return r->assignment.reason;
}

cJSON *imr_intake_to_json(const imr_intake_result *r)
{
    cJSON *o = cJSON_CreateObject();

    imr_json_add(o, "case_number", imr_json_string_ref(r->c->case_number));
    imr_json_add(o, "eligible", cJSON_CreateBool(r->is_eligible));
    imr_json_add(o, "reasons",
                 imr_json_string_refs(r->reasons, r->reason_count));
    imr_json_add(o, "expedited", cJSON_CreateBool(r->is_expedited));
    imr_json_add(o, "due", due_json(r, 0));
    imr_json_add(o, "due_basis", due_json(r, 1));
    imr_json_add(o, "as_of", imr_json_string_ref(r->as_of));
    imr_json_add(o, "overdue", overdue_json(r));
    imr_json_add(o, "reviewer", reviewer_json(&r->assignment));
    imr_json_add(o, "reviewer_reason", imr_json_string_ref(reviewer_reason(r)));
    imr_json_add(o, "passed_over", passed_over_json(&r->assignment));
    return o;
}
