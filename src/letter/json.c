/* SPDX-License-Identifier: MIT */
/* A parsed letter as JSON, with the field names of DESIGN.md. Strings are
 * borrowed from the letter's arena; only the long texts are copied, once,
 * between quotes, for cJSON to print them as they are. */
#include "imr/letter.h"

static cJSON *citation_json(const imr_citation *c, imr_arena *arena)
{
    cJSON *o = cJSON_CreateObject();
    imr_json_add(o, "text", imr_json_text_ref(c->text, arena));
    imr_json_add(o, "mtus",
                 c->mtus < 0 ? cJSON_CreateNull() : cJSON_CreateBool(c->mtus));
    imr_json_add(o, "sources", imr_json_string_refs(c->sources,
                                                    c->source_count));
    imr_json_add(o, "pages", imr_json_string_refs(c->pages, c->page_count));
    return o;
}

static cJSON *item_json(const imr_letter_item *item, imr_arena *arena)
{
    cJSON *o = cJSON_CreateObject();

    imr_json_add(o, "request", imr_json_string_ref(item->request));
    imr_json_add(o, "decision",
                 imr_json_string_ref(imr_decision_name(item->decision)));
    /* The parsed request's fields sit beside the request text. */
    imr_request_add_json(o, &item->parsed);
    imr_json_add(o, "claims_administrator_guideline",
                 citation_json(&item->claims_administrator_guideline, arena));
    imr_json_add(o, "reviewer_guideline",
                 citation_json(&item->reviewer_guideline, arena));
    imr_json_add(o, "rationale", imr_json_text_ref(item->rationale, arena));
    return o;
}

static cJSON *reviewer_json(const imr_letter *l)
{
    cJSON *o = cJSON_CreateObject();
    imr_json_add(o, "certification",
                 imr_json_string_ref(l->certification_count
                                         ? l->certifications[0]
                                         : NULL));
    imr_json_add(o, "certifications",
                 imr_json_string_refs(l->certifications,
                                      l->certification_count));
    imr_json_add(o, "licensure",
                 imr_json_string_refs(l->licensure, l->licensure_count));
    return o;
}

static cJSON *claimant_json(const imr_letter *l)
{
    cJSON *o = cJSON_CreateObject();
    imr_json_add(o, "age", imr_json_count(l->age));
    imr_json_add(o, "sex", imr_json_string_ref(l->sex));
    imr_json_add(o, "date_of_injury", imr_json_string_ref(l->date_of_injury));
    return o;
}

cJSON *imr_letter_to_json(const imr_letter *l, const char *source,
                          imr_arena *arena)
{
    cJSON *o = cJSON_CreateObject(), *items = cJSON_CreateArray();
    size_t i;

    if(source)
        imr_json_add(o, "source", imr_json_string_ref(source));
    imr_json_add(o, "format", imr_json_string_ref(l->format));
    imr_json_add(o, "organization", imr_json_string_ref(l->organization));
    imr_json_add(o, "case_number", imr_json_string_ref(l->case_number));
    imr_json_add(o, "letter_date", imr_json_string_ref(l->letter_date));
    imr_json_add(o, "ur_date", imr_json_string_ref(l->ur_date));
    imr_json_add(o, "application_received",
                 imr_json_string_ref(l->application_received));
    imr_json_add(o, "date_assigned", imr_json_string_ref(l->date_assigned));
    imr_json_add(o, "priority", imr_json_string_ref(l->priority));
    imr_json_add(o, "treatments_in_dispute",
                 imr_json_string_refs(l->treatments_in_dispute,
                                      l->treatment_count));
    imr_json_add(o, "reviewer", reviewer_json(l));
    imr_json_add(o, "claimant", claimant_json(l));
    imr_json_add(o, "summary", imr_json_text_ref(l->summary, arena));
    imr_json_add(o, "documents_reviewed",
                 imr_json_text_ref(l->documents_reviewed, arena));
    for(i = 0; i < l->item_count; i++)
        cJSON_AddItemToArray(items, item_json(&l->items[i], arena));
    imr_json_add(o, "items", items);
    return o;
}
