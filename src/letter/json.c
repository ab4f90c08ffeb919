/* SPDX-License-Identifier: MIT */
/* A parsed letter as JSON, with the field names of DESIGN.md. */
#include "imr/letter.h"

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *string_list(const char *const *items, size_t count)
{
    json_t *a = json_array();
    size_t i;
    for(i = 0; i < count; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *citation_json(const imr_citation *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", string_or_null(c->text));
    json_object_set_new(o, "mtus",
                        c->mtus < 0 ? json_null() : json_boolean(c->mtus));
    json_object_set_new(o, "sources", string_list(c->sources, c->source_count));
    json_object_set_new(o, "pages", string_list(c->pages, c->page_count));
    return o;
}

static json_t *item_json(const imr_letter_item *item)
{
    json_t *o = json_object();
    json_t *req = imr_request_to_json(&item->parsed);

    json_object_set_new(o, "request", json_string(item->request));
    json_object_set_new(o, "decision",
                        string_or_null(imr_decision_name(item->decision)));
    /* The parsed request's fields sit beside the request text. */
    json_object_update(o, req);
    json_decref(req);
    json_object_set_new(o, "claims_administrator_guideline",
                        citation_json(&item->claims_administrator_guideline));
    json_object_set_new(o, "reviewer_guideline",
                        citation_json(&item->reviewer_guideline));
    json_object_set_new(o, "rationale", string_or_null(item->rationale));
    return o;
}

static json_t *reviewer_json(const imr_letter *l)
{
    json_t *o = json_object();
    json_object_set_new(o, "certification",
                        string_or_null(l->certification_count
                                           ? l->certifications[0]
                                           : NULL));
    json_object_set_new(o, "certifications",
                        string_list(l->certifications,
                                    l->certification_count));
    json_object_set_new(o, "licensure",
                        string_list(l->licensure, l->licensure_count));
    return o;
}

static json_t *claimant_json(const imr_letter *l)
{
    json_t *o = json_object();
    json_object_set_new(o, "age",
                        l->age < 0 ? json_null() : json_integer(l->age));
    json_object_set_new(o, "sex", string_or_null(l->sex));
    json_object_set_new(o, "date_of_injury",
                        string_or_null(l->date_of_injury));
    return o;
}

json_t *imr_letter_to_json(const imr_letter *l, const char *source)
{
    json_t *o = json_object(), *items = json_array();
    size_t i;

    if(source)
        json_object_set_new(o, "source", json_string(source));
    json_object_set_new(o, "format", json_string(l->format));
    json_object_set_new(o, "organization", string_or_null(l->organization));
    json_object_set_new(o, "case_number", string_or_null(l->case_number));
    json_object_set_new(o, "letter_date", string_or_null(l->letter_date));
    json_object_set_new(o, "ur_date", string_or_null(l->ur_date));
    json_object_set_new(o, "application_received",
                        string_or_null(l->application_received));
    json_object_set_new(o, "date_assigned", string_or_null(l->date_assigned));
    json_object_set_new(o, "priority", string_or_null(l->priority));
    json_object_set_new(o, "treatments_in_dispute",
                        string_or_null(l->treatments_in_dispute));
    json_object_set_new(o, "reviewer", reviewer_json(l));
    json_object_set_new(o, "claimant", claimant_json(l));
    json_object_set_new(o, "summary", string_or_null(l->summary));
    json_object_set_new(o, "documents_reviewed",
                        string_or_null(l->documents_reviewed));
    for(i = 0; i < l->item_count; i++)
        json_array_append_new(items, item_json(&l->items[i]));
    json_object_set_new(o, "items", items);
    return o;
}
