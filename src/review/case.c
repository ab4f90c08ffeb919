/* SPDX-License-Identifier: MIT */
/* The case file: JSON read with cJSON, checked field by field, refusals
 * naming the JSON path of the fault. */
#include "imr/review.h"

#include <stdio.h>
#include <string.h>

typedef struct case_reader {
    imr_arena *arena;
    imr_error *err;
    const char *json;
} case_reader;

static const char *type_name(const cJSON *v)
{
    if(!v || cJSON_IsNull(v))
        return "nothing";
    if(cJSON_IsString(v))
        return "a string";
    if(cJSON_IsNumber(v))
        return "a number";
    if(cJSON_IsBool(v))
        return "true or false";
    if(cJSON_IsArray(v))
        return cJSON_GetArraySize(v) ? "a list" : "an empty list";
    return "an object";
}

static imr_status refuse_at(case_reader *r, const char *path,
                            const char *expected, const cJSON *found)
{
    imr_error_set_path(r->err, path);
    return imr_error_set(r->err, IMR_EINPUT, "expected %s, found %s",
                         expected, type_name(found));
}

/* An optional string field; NULL when absent or null. */
static imr_status opt_string(case_reader *r, const cJSON *obj,
                             const char *key, const char *path,
                             const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if(!v || cJSON_IsNull(v))
        return IMR_OK;
    if(!cJSON_IsString(v))
        return refuse_at(r, path, "a string", v);
    *out = imr_arena_strdup(r->arena, v->valuestring);
    return IMR_OK;
}

/* An optional ISO date field, normalized. */
static imr_status opt_date(case_reader *r, const cJSON *obj, const char *key,
                           const char *path, const char **out)
{
    char iso[11];
    imr_status rc = opt_string(r, obj, key, path, out);
    if(rc != IMR_OK || !*out)
        return rc;
    if(!imr_text_parse_date(*out, strlen(*out), iso)) {
        imr_error_set_path(r->err, path);
        return imr_error_set(r->err, IMR_EINPUT,
                             "expected a date (YYYY-MM-DD), found \"%s\"",
                             *out);
    }
    *out = imr_arena_strdup(r->arena, iso);
    return IMR_OK;
}

static imr_status read_claimant(case_reader *r, const cJSON *root,
                                imr_case *c)
{
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(root, "claimant");
    const cJSON *age;
    imr_status rc;

    c->age = -1;
    if(!cl || cJSON_IsNull(cl))
        return IMR_OK;
    if(!cJSON_IsObject(cl))
        return refuse_at(r, "$.claimant", "an object", cl);
    rc = opt_string(r, cl, "sex", "$.claimant.sex", &c->sex);
    if(rc == IMR_OK)
        rc = opt_date(r, cl, "date_of_injury", "$.claimant.date_of_injury",
                      &c->date_of_injury);
    age = cJSON_GetObjectItemCaseSensitive(cl, "age");
    if(rc == IMR_OK && age && !cJSON_IsNull(age)) {
        if(!cJSON_IsNumber(age) || age->valuedouble < 0 ||
           age->valuedouble > 130)
            return refuse_at(r, "$.claimant.age", "an age in years", age);
        c->age = age->valueint;
    }
    return rc;
}

static imr_status read_ur(case_reader *r, const cJSON *root, imr_case *c)
{
    const cJSON *ur = cJSON_GetObjectItemCaseSensitive(root, "ur");
    imr_status rc;
    if(!ur || cJSON_IsNull(ur))
        return IMR_OK;
    if(!cJSON_IsObject(ur))
        return refuse_at(r, "$.ur", "an object", ur);
    rc = opt_date(r, ur, "date", "$.ur.date", &c->ur_date);
    if(rc == IMR_OK)
        rc = opt_string(r, ur, "decision", "$.ur.decision", &c->ur_decision);
    return rc;
}

static imr_status read_requests(case_reader *r, const cJSON *root,
                                imr_case *c)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "requests");
    const cJSON *item;
    size_t i = 0;
    char path[64];

    if(!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
        return refuse_at(r, "$.requests", "a list of at least one request",
                         list);
    c->request_count = (size_t)cJSON_GetArraySize(list);
    c->requests = imr_arena_alloc(r->arena,
                                  c->request_count * sizeof(char *));
    cJSON_ArrayForEach(item, list)
    {
        const cJSON *text = cJSON_IsObject(item)
                                ? cJSON_GetObjectItemCaseSensitive(item,
                                                                   "text")
                                : item;
        snprintf(path, sizeof(path),
                 cJSON_IsObject(item) ? "$.requests[%zu].text"
                                      : "$.requests[%zu]",
                 i);
        if(!cJSON_IsString(text) || !text->valuestring[0])
            return refuse_at(r, path, "the request's text", text);
        c->requests[i++] = imr_arena_strdup(r->arena, text->valuestring);
    }
    return IMR_OK;
}

static imr_status read_record(case_reader *r, const cJSON *item, size_t i,
                              imr_case_record *rec)
{
    char path[64];
    const cJSON *text;
    imr_status rc;

    snprintf(path, sizeof(path), "$.records[%zu]", i);
    if(!cJSON_IsObject(item))
        return refuse_at(r, path, "an object", item);
    text = cJSON_GetObjectItemCaseSensitive(item, "text");
    snprintf(path, sizeof(path), "$.records[%zu].text", i);
    if(!cJSON_IsString(text))
        return refuse_at(r, path, "a string", text);
    rec->text = imr_arena_strdup(r->arena, text->valuestring);
    snprintf(path, sizeof(path), "$.records[%zu].date", i);
    rc = opt_date(r, item, "date", path, &rec->date);
    snprintf(path, sizeof(path), "$.records[%zu].kind", i);
    if(rc == IMR_OK)
        rc = opt_string(r, item, "kind", path, &rec->kind);
    snprintf(path, sizeof(path), "$.records[%zu].author", i);
    if(rc == IMR_OK)
        rc = opt_string(r, item, "author", path, &rec->author);
    return rc;
}

static imr_status read_records(case_reader *r, const cJSON *root,
                               imr_case *c)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "records");
    const cJSON *item;
    size_t i = 0;

    if(!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
        return refuse_at(r, "$.records", "a list of at least one record",
                         list);
    c->record_count = (size_t)cJSON_GetArraySize(list);
    c->records = imr_arena_alloc(r->arena,
                                 c->record_count * sizeof(imr_case_record));
    cJSON_ArrayForEach(item, list)
    {
        imr_status rc = read_record(r, item, i, &c->records[i]);
        if(rc != IMR_OK)
            return rc;
        i++;
    }
    return IMR_OK;
}

/* The line and column of byte `at` of the JSON text. */
static void locate(const char *json, size_t at, unsigned *line,
                   unsigned *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for(i = 0; i < at; i++) {
        if(json[i] == '\n') {
            (*line)++;
            *col = 1;
        }
        else {
            (*col)++;
        }
    }
}

imr_status imr_case_parse(const char *json, size_t len, imr_arena *arena,
                          imr_case **out, imr_error *err)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    case_reader r = {arena, err, json};
    imr_case *c;
    imr_status rc;

    if(!root) {
        unsigned line, col;
        size_t at = end && end >= json ? (size_t)(end - json) : 0;
        locate(json, at < len ? at : len, &line, &col);
        return imr_error_at(err, IMR_EINPUT, line, col,
                            "not valid JSON here");
    }
    if(!cJSON_IsObject(root)) {
        rc = refuse_at(&r, "$", "an object", root);
        cJSON_Delete(root);
        return rc;
    }
    c = imr_arena_alloc(arena, sizeof(*c));
    rc = opt_string(&r, root, "case_number", "$.case_number",
                    &c->case_number);
    if(rc == IMR_OK)
        rc = read_claimant(&r, root, c);
    if(rc == IMR_OK)
        rc = read_ur(&r, root, c);
    if(rc == IMR_OK)
        rc = read_requests(&r, root, c);
    if(rc == IMR_OK)
        rc = read_records(&r, root, c);
    cJSON_Delete(root);
    if(rc == IMR_OK)
        *out = c;
    return rc;
}
