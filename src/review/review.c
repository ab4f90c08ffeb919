/* SPDX-License-Identifier: MIT */
/* Deciding each request: the topics of the evidence search sequence, each
 * criterion evaluated on the case's variables, and the rationale. Read
 * this file first; env.c settles the variables. */
#include "review_int.h"

#include <stdio.h>
#include <string.h>

enum { MAX_TOPICS = 8, MAX_CRITERIA = 64, MAX_REGIONS = 8 };

const char *imr_verdict_name(imr_verdict v)
{
    return v == IMR_VERDICT_OVERTURNED ? "overturned" : "upheld";
}

/* The first topic of the search sequence that does not declare itself
 * silent on the case. */
static const imr_topic *first_covering(const imr_review_context *ctx,
                                       const imr_kb_env *env,
                                       const char *service,
                                       const char *const *regions,
                                       size_t region_count, const char *date)
{
    const imr_topic *topics[MAX_TOPICS];
    size_t n = imr_kb_topics(ctx->kb, service, regions, region_count, date,
                             topics, MAX_TOPICS), i;
    for(i = 0; i < n && i < MAX_TOPICS; i++) {
        if(imr_kb_eval(topics[i]->covers, env) != IMR_FALSE)
            return topics[i];
    }
    return NULL;
}

static void add_topic(imr_item_decision *item, const imr_topic *t,
                      const imr_topic **store)
{
    size_t i;
    if(!t)
        return;
    for(i = 0; i < item->topic_count; i++) {
        if(store[i] == t)
            return;
    }
    if(item->topic_count < MAX_TOPICS)
        store[item->topic_count++] = t;
}

/* One topic per region named (an MRI of the neck and the low back is
 * decided by both chapters), or one for the request as a whole. */
static void choose_topics(const imr_review_context *ctx, imr_arena *arena,
                          const imr_kb_env *env, const char *date,
                          imr_item_decision *item)
{
    const imr_request *req = &item->parsed;
    const imr_topic **store = imr_arena_alloc(arena,
                                              MAX_TOPICS * sizeof(*store));
    size_t r;

    item->topics = store;
    if(!req->service)
        return;
    for(r = 0; r < req->body_region_count && r < MAX_REGIONS; r++)
        add_topic(item,
                  first_covering(ctx, env, req->service,
                                 &req->body_regions[r], 1, date),
                  store);
    if(item->topic_count == 0)
        add_topic(item,
                  first_covering(ctx, env, req->service, NULL, 0, date),
                  store);
}

typedef struct evidence_list {
    imr_arena *arena;
    const imr_kb_env *env;
    const char **items;
    size_t count;
} evidence_list;

static void note_variable(void *data, const char *name)
{
    evidence_list *ev = data;
    imr_value v = ev->env->lookup(ev->env->data, name);
    char line[160];
    size_t i;

    for(i = 0; i < ev->count; i++) {
        if(strncmp(ev->items[i], name, strlen(name)) == 0 &&
           ev->items[i][strlen(name)] == ' ')
            return;
    }
    if(v.type == IMR_VALUE_NUMBER)
        snprintf(line, sizeof(line), "%s = %g", name, v.number);
    else if(v.type == IMR_VALUE_BOOLEAN)
        snprintf(line, sizeof(line), "%s = %s", name,
                 v.boolean ? "yes" : "no");
    else if(v.type == IMR_VALUE_TEXT)
        snprintf(line, sizeof(line), "%s = %s", name, v.text);
    else
        snprintf(line, sizeof(line), "%s = unknown", name);
    if(ev->count < 16)
        ev->items[ev->count++] = imr_arena_strdup(ev->arena, line);
}

static void judge(imr_arena *arena, const imr_kb_env *env,
                  const imr_criterion *c, imr_criterion_result *out)
{
    evidence_list ev = {arena, env, NULL, 0};
    imr_buf sentence;

    ev.items = imr_arena_alloc(arena, 16 * sizeof(char *));
    out->criterion = c;
    out->met = imr_kb_eval(c->require, env);
    imr_kb_expr_variables(c->require, note_variable, &ev);
    out->evidence = ev.items;
    out->evidence_count = ev.count;
    imr_buf_init(&sentence);
    imr_kb_render(out->met == IMR_TRUE ? c->met : c->not_met, env,
                  &sentence);
    out->sentence = imr_arena_strndup(arena, sentence.data ? sentence.data
                                                           : "",
                                      sentence.len);
    imr_buf_fini(&sentence);
}

static void evaluate(imr_arena *arena, const imr_review_context *ctx,
                     const imr_kb_env *env, imr_item_decision *item)
{
    imr_criterion_result *results =
        imr_arena_alloc(arena, MAX_CRITERIA * sizeof(*results));
    size_t t;

    item->criteria = results;
    for(t = 0; t < item->topic_count; t++) {
        const imr_criterion *list[MAX_CRITERIA];
        size_t n = imr_kb_criteria(ctx->kb, item->topics[t], list,
                                   MAX_CRITERIA), i;
        for(i = 0; i < n && i < MAX_CRITERIA &&
                   item->criterion_count < MAX_CRITERIA;
            i++) {
            if(imr_kb_eval(list[i]->when, env) == IMR_FALSE)
                continue; /* the criterion does not apply here */
            judge(arena, env, list[i], &results[item->criterion_count++]);
        }
    }
}

/*---- Decision and rationale ------------------------------------------------*/

static void decide(imr_arena *arena, imr_item_decision *item)
{
    size_t i;
    int all_met = item->topic_count > 0 && item->criterion_count > 0;

    item->missing = imr_arena_alloc(arena, (item->criterion_count + 1) *
                                               sizeof(char *));
    item->mtus = item->topic_count > 0;
    for(i = 0; i < item->topic_count; i++)
        item->mtus &= item->topics[i]->guideline->is_mtus;
    for(i = 0; i < item->criterion_count; i++) {
        const imr_criterion_result *r = &item->criteria[i];
        if(r->met == IMR_TRUE)
            continue;
        all_met = 0;
        if(r->criterion->missing)
            item->missing[item->missing_count++] = r->criterion->missing;
    }
    item->verdict = all_met ? IMR_VERDICT_OVERTURNED : IMR_VERDICT_UPHELD;
}

static void write_rationale(imr_arena *arena, imr_item_decision *item)
{
    imr_buf text;
    size_t i;
    int upheld = item->verdict == IMR_VERDICT_UPHELD;

    imr_buf_init(&text);
    if(item->topic_count == 0)
        imr_buf_puts(&text, "No guideline criteria in the knowledge base "
                            "address this request, so its medical "
                            "necessity cannot be established.");
    for(i = 0; i < item->criterion_count; i++) {
        const imr_criterion_result *r = &item->criteria[i];
        /* An upheld request is explained by what it lacks; an overturned
         * one by every criterion it meets. */
        if(upheld && r->met == IMR_TRUE)
            continue;
        imr_buf_printf(&text, "%s%s", text.len ? " " : "", r->sentence);
    }
    imr_buf_printf(&text, "%sTherefore, the request for %s is %smedically "
                          "necessary.",
                   text.len ? " " : "", item->request, upheld ? "not " : "");
    item->rationale = imr_arena_strndup(arena, text.data, text.len);
    imr_buf_fini(&text);
}

void imr_review(const imr_review_context *ctx, const imr_case *c,
                imr_arena *arena, imr_determination **out)
{
    imr_determination *d = imr_arena_alloc(arena, sizeof(*d));
    review_env env;
    imr_kb_env kb_env;
    const char *date = c->ur_date ? c->ur_date : ctx->review_date;
    size_t i;

    memset(&env, 0, sizeof(env));
    env.arena = arena;
    imr__review_env_case(&env, ctx, c);
    kb_env = imr__review_kb_env(&env);
    d->knowledge_base = imr_kb_version(ctx->kb);
    d->decided_on = date;
    d->c = c;
    d->reviewer = ctx->reviewer;
    d->summary = imr__review_summary(&env, c, arena);
    d->item_count = c->request_count;
    d->items = imr_arena_alloc(arena, c->request_count * sizeof(*d->items));
    for(i = 0; i < c->request_count; i++) {
        imr_item_decision *item = &d->items[i];
        item->request = c->requests[i];
        item->claims_administrator_guideline =
            c->ur_guidelines ? c->ur_guidelines[i] : NULL;
        if(imr_request_parse(ctx->catalogue, item->request,
                             strlen(item->request), &item->parsed,
                             NULL) != IMR_OK)
            memset(&item->parsed, 0, sizeof(item->parsed));
        imr__review_env_request(&env, &item->parsed);
        choose_topics(ctx, arena, &kb_env, date, item);
        evaluate(arena, ctx, &kb_env, item);
        decide(arena, item);
        write_rationale(arena, item);
    }
    *out = d;
}
