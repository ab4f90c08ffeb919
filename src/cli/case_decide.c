/* SPDX-License-Identifier: MIT */
/* imr case decide and imr case letter. decide reviews a stored case as imr
 * review does, stating the credentials of the reviewer the case is
 * assigned to, and stores the determination with the knowledge base's
 * version. letter decides the case again and renders the letter only when
 * that gives the stored determination back: the same knowledge base, the
 * same date, the same JSON. */
#include <stdio.h>
#include <string.h>

#include "case.h"
#include "cli.h"
#include "imr/letter.h"
#include "review_setup.h"
#include "style_config.h"

/* What both actions load: the organization of --config and kb/. */
typedef struct decide_setup {
    style_config cfg;
    review_setup review;
} decide_setup;

static imr_status setup_load(decide_setup *s, const case_options *o,
                             imr_error *err)
{
    imr_status rc = imr__style_config_load(&s->cfg, o->config, err);
    if(rc != IMR_OK)
        return rc;
    rc = imr__review_setup_load(&s->review, imr__case_kb_dir(o), NULL, err);
    if(rc != IMR_OK)
        imr__style_config_fini(&s->cfg);
    return rc;
}

static void setup_fini(decide_setup *s)
{
    imr__review_setup_fini(&s->review);
    imr__style_config_fini(&s->cfg);
}

static imr_status read_case(imr_store *store, long long id, imr_arena *arena,
                            imr_case **c, imr_error *err)
{
    imr_buf text;
    imr_status rc;

    imr_buf_init(&text);
    rc = imr_store_case_get(store, id, &text, err);
    if(rc == IMR_OK)
        rc = imr_case_parse(text.data, text.len, arena, c, err);
    imr_buf_fini(&text);
    return rc;
}

/*---- The assigned reviewer ----------------------------------------------*/

/* The credentials of `record`, a stored reviewer, for case `c`: the
 * intake's assignment run on a panel of that reviewer alone, so that the
 * certifications named are those that treat the case's requests. */
static imr_status credentials_of(const imr_buf *record, const char *rv_id,
                                 const imr_case *c, const review_setup *s,
                                 const char *kb_dir, imr_arena *arena,
                                 imr_assignment *a, imr_error *err)
{
    imr_panel *panel = NULL;
    imr_buf text;
    imr_status rc;

    imr_buf_init(&text);
    imr_buf_printf(&text, "{\"reviewers\": [%s]}", record->data);
    rc = imr_panel_parse(text.data, text.len, arena, &panel, err);
    imr_buf_fini(&text);
    if(rc != IMR_OK) {
        char why[sizeof(err->message)];
        snprintf(why, sizeof(why), "%s", err->message);
        return imr_error_set(err, rc,
                             "the stored record of reviewer \"%s\" is not "
                             "a panel's reviewer: %s",
                             rv_id, why);
    }
    rc = imr__review_setup_assign(s, kb_dir, panel, c, arena, a, err);
    if(rc != IMR_OK)
        return rc;
    if(!a->reviewer)
        return imr_error_set(
            err, IMR_EINPUT,
            "the case's reviewer \"%s\" no longer "
            "qualifies for it: %s (imr case assign chooses "
            "another)",
            rv_id, a->passed_over_count ? a->passed_over[0].reason : a->reason);
    return IMR_OK;
}

/* The credentials of the reviewer case `id` was last assigned to, or
 * NULL (and IMR_OK) when it never was. */
static imr_status assigned_reviewer(imr_store *store, long long id,
                                    const imr_case *c, const review_setup *s,
                                    const char *kb_dir, imr_arena *arena,
                                    const imr_reviewer_credentials **out,
                                    imr_error *err)
{
    imr_assignment *a = imr_arena_alloc(arena, sizeof(*a));
    imr_buf rv_id, record;
    imr_status rc;

    *out = NULL;
    imr_buf_init(&rv_id);
    imr_buf_init(&record);
    rc = imr_store_assignment_latest(store, id, &rv_id, err);
    if(rc == IMR_ENOTFOUND) {
        imr_error_clear(err);
        rc = IMR_OK;
    } else if(rc == IMR_OK) {
        rc = imr_store_reviewer_get(store, rv_id.data, &record, err);
        if(rc == IMR_OK)
            rc = credentials_of(&record, rv_id.data, c, s, kb_dir, arena, a,
                                err);
        if(rc == IMR_OK)
            *out = &a->credentials;
    }
    imr_buf_fini(&record);
    imr_buf_fini(&rv_id);
    return rc;
}

/*---- decide -------------------------------------------------------------*/

static int is_open_determination(const imr_store_deadline_row *row, void *data)
{
    if(strcmp(row->kind, imr_deadline_name(IMR_DUE_DETERMINATION)) == 0 &&
       !row->met_on[0])
        *(int *)data = 1;
    return 0;
}

/* The case's determination deadline, when one is open, is met on the
 * review date. */
static imr_status meet_deadline(imr_store *store, long long id,
                                const char *date, const imr_store_who *who,
                                imr_error *err)
{
    int is_open = 0;
    imr_status rc = imr_store_deadline_list(store, id, is_open_determination,
                                            &is_open, err);
    if(rc == IMR_OK && is_open)
        rc = imr_store_deadline_met(store, id,
                                    imr_deadline_name(IMR_DUE_DETERMINATION),
                                    date, who, err);
    return rc;
}

/* Stores the determination `d` of case `id`, meets its deadline, and
 * renders what is printed: the letter, or the stored JSON. */
static imr_status keep_and_render(imr_store *store, long long id,
                                  const case_options *o, const decide_setup *s,
                                  const imr_determination *d, imr_buf *out,
                                  imr_error *err)
{
    cJSON *j = imr_determination_to_json(d);
    imr_buf json;
    case_actor who;
    imr_status rc;

    imr_buf_init(&json);
    imr_json_print(j, IMR_JSON_COMPACT, &json);
    cJSON_Delete(j);
    imr__case_actor_init(&who, o);
    rc = imr_store_determination_add(store, id, imr_kb_version(s->review.kb),
                                     d->decided_on, json.data, json.len,
                                     &who.who, NULL, err);
    if(rc == IMR_OK)
        rc = meet_deadline(store, id, s->review.ctx.review_date, &who.who, err);
    if(rc == IMR_OK && strcmp(o->format, "json") == 0) {
        imr_buf_append(out, json.data, json.len);
        imr_buf_putc(out, '\n');
    } else if(rc == IMR_OK)
        imr_letter_render_text(d, &s->cfg.style, out);
    imr_buf_fini(&json);
    return rc;
}

static imr_status decide(imr_store *store, long long id, const case_options *o,
                         decide_setup *s, imr_buf *out, imr_error *err)
{
    imr_arena *arena = imr_arena_new();
    imr_case *c = NULL;
    imr_determination *d = NULL;
    char date[11];
    imr_status rc;

    rc = read_case(store, id, arena, &c, err);
    if(rc == IMR_OK)
        rc = assigned_reviewer(store, id, c, &s->review, imr__case_kb_dir(o),
                               arena, &s->review.ctx.reviewer, err);
    if(rc == IMR_OK) {
        imr__cli_date_or_today(o->date, date);
        s->review.ctx.review_date = date;
        imr_review(&s->review.ctx, c, arena, &d);
        rc = keep_and_render(store, id, o, s, d, out, err);
    }
    imr_arena_free(arena);
    return rc;
}

int imr__case_decide(imr_store *store, const case_options *o, long long id)
{
    decide_setup s;
    imr_buf out;
    imr_error err;
    int rc;

    imr_error_clear(&err);
    if(setup_load(&s, o, &err) != IMR_OK)
        return imr__cli_fail(&err);
    imr_buf_init(&out);
    if(decide(store, id, o, &s, &out, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else
        rc = imr__cli_emit(o->output, &out);
    imr_buf_fini(&out);
    setup_fini(&s);
    return rc;
}

/*---- letter -------------------------------------------------------------*/

/* What was stored with the latest determination. */
typedef struct stored_decision {
    imr_buf kb_version;
    imr_buf decided_on; /* "" when none was stored */
    imr_buf json;
} stored_decision;

/* The credentials the stored determination states, or NULL when it
 * states none (the letter then names the configured reviewer). */
static imr_status stored_reviewer(const stored_decision *sd, imr_arena *arena,
                                  const imr_reviewer_credentials **out,
                                  imr_error *err)
{
    cJSON *root = cJSON_ParseWithLength(sd->json.data, sd->json.len);
    const cJSON *rv = cJSON_GetObjectItemCaseSensitive(root, "reviewer");
    const cJSON *cert = cJSON_GetObjectItemCaseSensitive(rv, "certification");
    const cJSON *states = cJSON_GetObjectItemCaseSensitive(rv, "licensure");
    imr_reviewer_credentials *cred;
    const char **names;
    size_t n = 0;
    const cJSON *s;

    *out = NULL;
    if(!root || (rv && (!cJSON_IsString(cert) || !cJSON_IsArray(states)))) {
        cJSON_Delete(root);
        return imr_error_set(err, IMR_EINPUT,
                             "the stored determination is not a "
                             "determination's JSON");
    }
    if(rv) {
        names = imr_arena_alloc(
            arena, ((size_t)cJSON_GetArraySize(states) + 1) * sizeof(*names));
        cJSON_ArrayForEach(s, states)
        {
            if(cJSON_IsString(s))
                names[n++] = imr_arena_strdup(arena, s->valuestring);
        }
        cred = imr_arena_alloc(arena, sizeof(*cred));
        imr_intake_credentials(imr_arena_strdup(arena, cert->valuestring),
                               names, n, arena, cred);
        *out = cred;
    }
    cJSON_Delete(root);
    return IMR_OK;
}

/* The knowledge base loaded must be the one that made the determination,
 * and the date its editions were chosen by must be known. */
static imr_status check_version(long long id, const case_options *o,
                                const stored_decision *sd,
                                const review_setup *s, imr_error *err)
{
    const char *now = imr_kb_version(s->kb);
    if(!sd->decided_on.len)
        return imr_error_set(err, IMR_EINPUT,
                             "case %lld's determination was stored without "
                             "the date it was decided on; decide the case "
                             "again",
                             id);
    if(strcmp(sd->kb_version.data, now) == 0)
        return IMR_OK;
    return imr_error_set(err, IMR_EINPUT,
                         "case %lld was decided with knowledge base %s, but "
                         "%s is %s: its letter cannot be reproduced (give "
                         "--kb the knowledge base it was decided with, or "
                         "decide the case again)",
                         id, sd->kb_version.data, imr__case_kb_dir(o), now);
}

/* Deciding again gave the stored determination back: the same date and
 * the same JSON (what a change of the program, not of kb/, would move). */
static imr_status check_same(long long id, const stored_decision *sd,
                             const imr_determination *d, imr_error *err)
{
    const char *on = d->decided_on ? d->decided_on : "";
    cJSON *j;
    imr_buf json;
    int is_same;

    if(strcmp(on, sd->decided_on.data) != 0)
        return imr_error_set(err, IMR_EINPUT,
                             "case %lld's determination was decided on "
                             "\"%s\", but deciding it again gives \"%s\"; "
                             "decide the case again",
                             id, sd->decided_on.data, on);
    j = imr_determination_to_json(d);
    imr_buf_init(&json);
    imr_json_print(j, IMR_JSON_COMPACT, &json);
    cJSON_Delete(j);
    is_same = json.len == sd->json.len &&
              memcmp(json.data, sd->json.data, json.len) == 0;
    imr_buf_fini(&json);
    if(!is_same)
        return imr_error_set(err, IMR_EINPUT,
                             "deciding case %lld again with knowledge base "
                             "%s does not give its stored determination "
                             "(this imr decides differently from the one "
                             "that made it); decide the case again",
                             id, sd->kb_version.data);
    return IMR_OK;
}

static imr_status letter(imr_store *store, long long id, const case_options *o,
                         decide_setup *s, const stored_decision *sd,
                         imr_buf *out, imr_error *err)
{
    imr_arena *arena = imr_arena_new();
    imr_case *c = NULL;
    imr_determination *d = NULL;
    imr_status rc;

    rc = check_version(id, o, sd, &s->review, err);
    if(rc == IMR_OK)
        rc = read_case(store, id, arena, &c, err);
    if(rc == IMR_OK)
        rc = stored_reviewer(sd, arena, &s->review.ctx.reviewer, err);
    if(rc == IMR_OK) {
        /* The date the editions were chosen by is the review date when the
         * case has no UR date, and the UR date otherwise. */
        s->review.ctx.review_date = sd->decided_on.data;
        imr_review(&s->review.ctx, c, arena, &d);
        rc = check_same(id, sd, d, err);
    }
    if(rc == IMR_OK)
        rc = imr__review_render(o->format, d, &s->cfg.style, out, err);
    imr_arena_free(arena);
    return rc;
}

int imr__case_letter(imr_store *store, const case_options *o, long long id)
{
    stored_decision sd;
    decide_setup s;
    imr_buf out;
    imr_error err;
    int rc = IMR_EXIT_OK;

    imr_error_clear(&err);
    imr_buf_init(&sd.kb_version);
    imr_buf_init(&sd.decided_on);
    imr_buf_init(&sd.json);
    imr_buf_init(&out);
    if(imr_store_determination_latest_meta(
           store, id, &sd.kb_version, &sd.decided_on, &sd.json, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else if(setup_load(&s, o, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else {
        if(letter(store, id, o, &s, &sd, &out, &err) != IMR_OK)
            rc = imr__cli_fail(&err);
        else
            rc = imr__cli_emit(o->output, &out);
        setup_fini(&s);
    }
    imr_buf_fini(&out);
    imr_buf_fini(&sd.json);
    imr_buf_fini(&sd.decided_on);
    imr_buf_fini(&sd.kb_version);
    return rc;
}
