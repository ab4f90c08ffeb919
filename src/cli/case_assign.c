/* SPDX-License-Identifier: MIT */
/* imr case assign: the intake of a stored case (imr_intake, as imr intake
 * runs it) and what it decided kept in the store: the chosen reviewer's
 * record, the assignment with its reason, and the three deadlines. A case
 * that is not eligible, or that nobody on the panel may review, is
 * refused with the intake's reasons and nothing stored. */
#include <stdio.h>
#include <string.h>

#include "case.h"
#include "cli.h"
#include "intake_setup.h"

#define MAX_INPUT_BYTES ((size_t)64 << 20)

/* The stored case, read for intake, and the panel file, whose text is
 * kept for the reviewer's record. */
static imr_status read_inputs(imr_store *store, long long id,
                              const case_options *o, imr_arena *arena,
                              imr_buf *panel_text, imr_case **c,
                              imr_panel **panel, imr_error *err)
{
    imr_buf text;
    imr_status rc;

    imr_buf_init(&text);
    rc = imr_store_case_get(store, id, &text, err);
    if(rc == IMR_OK)
        rc = imr_case_read(text.data, text.len, IMR_CASE_FOR_INTAKE, arena, c,
                           err);
    imr_buf_fini(&text);
    if(rc != IMR_OK)
        return rc;
    rc = imr_file_read_buf(o->panel, MAX_INPUT_BYTES, panel_text, err);
    if(rc == IMR_OK)
        rc = imr_panel_parse(panel_text->data, panel_text->len, arena, panel,
                             err);
    if(rc != IMR_OK)
        imr_error_name_file(err, o->panel);
    return rc;
}

/*---- What is stored -----------------------------------------------------*/

/* The reviewer's object of the panel file as given, less its name: the
 * store, like the letters, knows a reviewer by id and credentials. */
static imr_status reviewer_record(const imr_buf *panel_text, const char *id,
                                  imr_buf *record, imr_error *err)
{
    cJSON *root = cJSON_ParseWithLength(panel_text->data, panel_text->len);
    cJSON *reviewers = cJSON_GetObjectItemCaseSensitive(root, "reviewers");
    const cJSON *rv;
    imr_status rc = IMR_ENOTFOUND;

    cJSON_ArrayForEach(rv, reviewers)
    {
        const cJSON *rv_id = cJSON_GetObjectItemCaseSensitive(rv, "id");
        cJSON *copy;
        if(!cJSON_IsString(rv_id) || strcmp(rv_id->valuestring, id) != 0)
            continue;
        copy = cJSON_Duplicate(rv, 1);
        cJSON_DeleteItemFromObjectCaseSensitive(copy, "name");
        imr_json_print(copy, IMR_JSON_COMPACT, record);
        cJSON_Delete(copy);
        rc = IMR_OK;
        break;
    }
    cJSON_Delete(root);
    if(rc != IMR_OK)
        return imr_error_set(err, IMR_EINPUT,
                             "reviewer \"%s\" is not in the panel file", id);
    return IMR_OK;
}

/* The due dates the intake computed; those the case file records as done
 * (the notice sent, the complete records arrived) are met on that day. */
static imr_status keep_deadlines(imr_store *store, long long id,
                                 const imr_intake_result *r,
                                 const imr_store_who *who, imr_error *err)
{
    const imr_application *app = &r->c->application;
    imr_status rc = IMR_OK;
    int d;

    for(d = 0; d < IMR_DUE_COUNT && rc == IMR_OK; d++) {
        if(r->due[d].date)
            rc = imr_store_deadline_put(store, id,
                                        imr_deadline_name((imr_deadline)d),
                                        r->due[d].date, who, err);
    }
    if(rc == IMR_OK && app->notice_sent &&
       r->due[IMR_DUE_ASSIGNMENT_NOTICE].date)
        rc = imr_store_deadline_met(
            store, id, imr_deadline_name(IMR_DUE_ASSIGNMENT_NOTICE),
            app->notice_sent, who, err);
    if(rc == IMR_OK && app->records_complete && r->due[IMR_DUE_RECORDS].date)
        rc = imr_store_deadline_met(store, id,
                                    imr_deadline_name(IMR_DUE_RECORDS),
                                    app->records_complete, who, err);
    return rc;
}

/* The reviewer's record, the assignment (its reason for the audit log)
 * and the deadlines, each change with its audit row. */
static imr_status keep(imr_store *store, long long id, const case_options *o,
                       const imr_buf *panel_text, const imr_intake_result *r,
                       imr_error *err)
{
    const imr_assignment *a = &r->assignment;
    case_actor who;
    imr_buf record;
    imr_status rc;

    imr__case_actor_init(&who, o);
    imr_buf_init(&record);
    rc = reviewer_record(panel_text, a->reviewer->id, &record, err);
    if(rc == IMR_OK)
        rc = imr_store_reviewer_put(store, a->reviewer->id, record.data,
                                    record.len, &who.who, err);
    if(rc == IMR_OK)
        rc = imr_store_assignment_add(store, id, a->reviewer->id, a->reason,
                                      &who.who, NULL, err);
    if(rc == IMR_OK)
        rc = keep_deadlines(store, id, r, &who.who, err);
    imr_buf_fini(&record);
    return rc;
}

/* Why a case is refused, or IMR_OK when it may be assigned. */
static imr_status refusal(long long id, const case_options *o,
                          const imr_intake_result *r, imr_error *err)
{
    if(!r->is_eligible)
        return imr_error_set(err, IMR_EINPUT,
                             "case %lld is not eligible for independent "
                             "medical review (%zu reason%s above); nothing "
                             "was stored",
                             id, r->reason_count,
                             r->reason_count == 1 ? "" : "s");
    if(!r->assignment.reviewer) {
        imr_error_name_file(err, o->panel);
        return imr_error_set(err, IMR_EINPUT,
                             "no reviewer of the panel qualifies for case "
                             "%lld (each is listed above with why); nothing "
                             "was stored",
                             id);
    }
    return IMR_OK;
}

static int assign(imr_store *store, const case_options *o, long long id,
                  const intake_setup *s)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = NULL;
    imr_case *c = NULL;
    imr_panel *panel = NULL;
    imr_buf panel_text, out;
    imr_error err;
    int rc = IMR_EXIT_OK;

    imr_error_clear(&err);
    imr_buf_init(&panel_text);
    imr_buf_init(&out);
    if(read_inputs(store, id, o, arena, &panel_text, &c, &panel, &err) !=
       IMR_OK)
        rc = imr__cli_fail(&err);
    if(rc == IMR_EXIT_OK) {
        imr__intake_setup_run(s, c, panel, o->date, arena, &r);
        imr__intake_render(o->format, r, &out);
        if(refusal(id, o, r, &err) != IMR_OK) {
            /* The reasons are the intake result's: print them first. */
            imr__cli_emit(o->output, &out);
            rc = imr__cli_fail(&err);
        } else if(keep(store, id, o, &panel_text, r, &err) != IMR_OK)
            rc = imr__cli_fail(&err);
        else
            rc = imr__cli_emit(o->output, &out);
    }
    imr_buf_fini(&out);
    imr_buf_fini(&panel_text);
    imr_arena_free(arena);
    return rc;
}

int imr__case_assign(imr_store *store, const case_options *o, long long id)
{
    intake_setup s;
    imr_error err;
    int rc;

    imr_error_clear(&err);
    if(imr__intake_setup_load(&s, imr__case_kb_dir(o), &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else
        rc = assign(store, o, id, &s);
    imr__intake_setup_fini(&s);
    return rc;
}
