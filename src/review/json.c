/* SPDX-License-Identifier: MIT */
/* A determination as JSON (DESIGN.md: knowledge_base, items with request,
 * service, decision, guideline, criteria, missing, rationale). */
#include "imr/review.h"

#include <string.h>

static cJSON *truth_json(imr_truth t)
{
    if(t == IMR_UNKNOWN)
        return cJSON_CreateNull();
    return cJSON_CreateBool(t == IMR_TRUE);
}

static const char *status_name(imr_criterion_status s)
{
    switch(s) {
    case IMR_CRITERION_CONFIRMED:
        return "confirmed";
    case IMR_CRITERION_SEED:
        return "seed";
    case IMR_CRITERION_UNCONFIRMED:
        break;
    }
    return "unconfirmed";
}

static cJSON *criterion_json(const imr_criterion_result *r)
{
    cJSON *o = cJSON_CreateObject();
    imr_json_add(o, "id", imr_json_string_ref(r->criterion->id));
    imr_json_add(o, "text", imr_json_string_ref(r->criterion->text));
    imr_json_add(o, "met", truth_json(r->met));
    imr_json_add(o, "evidence",
                 imr_json_string_refs(r->evidence, r->evidence_count));
    imr_json_add(o, "sentence", imr_json_string_ref(r->sentence));
    imr_json_add(o, "source", imr_json_string_ref(r->criterion->source));
    imr_json_add(o, "status",
                 imr_json_string_ref(status_name(r->criterion->status)));
    return o;
}

static cJSON *guideline_json(const imr_item_decision *item)
{
    cJSON *o = cJSON_CreateObject(), *sections = cJSON_CreateArray();
    cJSON *pages = cJSON_CreateArray();
    const char *source = item->topic_count
                             ? item->topics[0]->guideline->cite
                             : NULL;
    size_t i;

    for(i = 0; i < item->topic_count; i++) {
        cJSON_AddItemToArray(sections,
                             imr_json_string_ref(item->topics[i]->section));
        if(item->topics[i]->pages)
            cJSON_AddItemToArray(pages,
                                 imr_json_string_ref(item->topics[i]->pages));
    }
    imr_json_add(o, "source", imr_json_string_ref(source));
    imr_json_add(o, "section", sections);
    imr_json_add(o, "pages", pages);
    imr_json_add(o, "mtus", item->topic_count ? cJSON_CreateBool(item->mtus)
                                              : cJSON_CreateNull());
    return o;
}

static cJSON *item_json(const imr_item_decision *item)
{
    cJSON *o = cJSON_CreateObject(), *criteria = cJSON_CreateArray();
    size_t i;

    imr_json_add(o, "request", imr_json_string_ref(item->request));
    imr_json_add(o, "service", imr_json_string_ref(item->parsed.service));
    imr_json_add(o, "decision",
                 imr_json_string_ref(imr_verdict_name(item->verdict)));
    imr_json_add(o, "guideline", guideline_json(item));
    for(i = 0; i < item->criterion_count; i++)
        cJSON_AddItemToArray(criteria, criterion_json(&item->criteria[i]));
    imr_json_add(o, "criteria", criteria);
    imr_json_add(o, "missing",
                 imr_json_string_refs(item->missing, item->missing_count));
    imr_json_add(o, "rationale", imr_json_string_ref(item->rationale));
    if(item->claims_administrator_guideline) /* only when the case says */
        imr_json_add(o, "claims_administrator_guideline",
                     imr_json_string_ref(item->claims_administrator_guideline));
    return o;
}

/* The credentials the letter states, as a parsed letter gives them. */
static cJSON *reviewer_json(const imr_reviewer_credentials *r)
{
    cJSON *o = cJSON_CreateObject();
    imr_json_add(o, "certification", imr_json_string_ref(r->certification));
    imr_json_add(o, "licensure",
                 imr_json_string_refs(r->states, r->state_count));
    return o;
}

cJSON *imr_determination_to_json(const imr_determination *d)
{
    cJSON *o = cJSON_CreateObject(), *items = cJSON_CreateArray();
    size_t i;

    imr_json_add(o, "case_number", imr_json_string_ref(d->c->case_number));
    imr_json_add(o, "knowledge_base", imr_json_string_ref(d->knowledge_base));
    if(d->reviewer)
        imr_json_add(o, "reviewer", reviewer_json(d->reviewer));
    for(i = 0; i < d->item_count; i++)
        cJSON_AddItemToArray(items, item_json(&d->items[i]));
    imr_json_add(o, "items", items);
    return o;
}
