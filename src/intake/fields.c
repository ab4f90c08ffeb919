/* SPDX-License-Identifier: MIT */
/* Typed reads of JSON members for the case and panel parsers: each absent
 * member leaves its default, and each refusal names the member's JSON path
 * and says what was expected and what was found. */
#include "imr/intake.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "intake_int.h"

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

imr_status imr__intake_refuse(json_reader *r, const char *path,
                              const char *expected, const cJSON *found)
{
    imr_error_set_path(r->err, path);
    return imr_error_set(r->err, IMR_EINPUT, "expected %s, found %s", expected,
                         type_name(found));
}

/* A path longer than the buffer (a long key) ends in "..." rather than
 * in the middle of a name no one can find. */
static const char *mark_cut(char out[JSON_PATH_MAX], int written)
{
    if(written < 0 || written >= JSON_PATH_MAX)
        memcpy(out + JSON_PATH_MAX - 4, "...", 4);
    return out;
}

const char *imr__intake_path(char out[JSON_PATH_MAX], const char *parent,
                             const char *key)
{
    return mark_cut(out, snprintf(out, JSON_PATH_MAX, "%s.%s", parent, key));
}

const char *imr__intake_index_path(char out[JSON_PATH_MAX], const char *parent,
                                   size_t i)
{
    return mark_cut(out, snprintf(out, JSON_PATH_MAX, "%s[%zu]", parent, i));
}

/* The line and column of byte `at` of the JSON text. */
static void locate(const char *json, size_t at, unsigned *line, unsigned *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for(i = 0; i < at; i++) {
        if(json[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

imr_status imr__intake_parse_json(const char *json, size_t len, cJSON **root,
                                  imr_error *err)
{
    const char *end = NULL;
    unsigned line, col;
    size_t at;

    *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if(*root)
        return IMR_OK;
    at = end && end >= json ? (size_t)(end - json) : 0;
    locate(json, at < len ? at : len, &line, &col);
    return imr_error_at(err, IMR_EINPUT, line, col, "not valid JSON here");
}

/* The member, or NULL when absent or null. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return v && !cJSON_IsNull(v) ? v : NULL;
}

imr_status imr__intake_opt_object(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  const cJSON **out)
{
    const cJSON *v = member(obj, key);
    char path[JSON_PATH_MAX];

    *out = NULL;
    if(!v)
        return IMR_OK;
    if(!cJSON_IsObject(v))
        return imr__intake_refuse(r, imr__intake_path(path, parent, key),
                                  "an object", v);
    *out = v;
    return IMR_OK;
}

imr_status imr__intake_opt_string(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  const char **out)
{
    const cJSON *v = member(obj, key);
    char path[JSON_PATH_MAX];

    *out = NULL;
    if(!v)
        return IMR_OK;
    if(!cJSON_IsString(v))
        return imr__intake_refuse(r, imr__intake_path(path, parent, key),
                                  "a string", v);
    *out = imr_arena_strdup(r->arena, v->valuestring);
    return IMR_OK;
}

imr_status imr__intake_opt_date(json_reader *r, const cJSON *obj,
                                const char *key, const char *parent,
                                const char **out)
{
    char iso[11], path[JSON_PATH_MAX];
    imr_status rc = imr__intake_opt_string(r, obj, key, parent, out);

    if(rc != IMR_OK || !*out)
        return rc;
    if(!imr_text_parse_date(*out, strlen(*out), iso)) {
        imr_error_set_path(r->err, imr__intake_path(path, parent, key));
        return imr_error_set(r->err, IMR_EINPUT,
                             "expected a date (YYYY-MM-DD), found \"%s\"",
                             *out);
    }
    *out = imr_arena_strdup(r->arena, iso);
    return IMR_OK;
}

imr_status imr__intake_opt_answer(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  imr_answer *out)
{
    const cJSON *v = member(obj, key);
    char path[JSON_PATH_MAX];

    *out = IMR_ANSWER_UNSTATED;
    if(!v)
        return IMR_OK;
    if(!cJSON_IsBool(v))
        return imr__intake_refuse(r, imr__intake_path(path, parent, key),
                                  "true or false", v);
    *out = cJSON_IsTrue(v) ? IMR_ANSWER_YES : IMR_ANSWER_NO;
    return IMR_OK;
}

imr_status imr__intake_opt_number(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  double min, double max, const char *what,
                                  double *out, int *present)
{
    const cJSON *v = member(obj, key);
    char path[JSON_PATH_MAX];

    *present = 0;
    if(!v)
        return IMR_OK;
    imr__intake_path(path, parent, key);
    if(!cJSON_IsNumber(v))
        return imr__intake_refuse(r, path, what, v);
    if(!isfinite(v->valuedouble) || v->valuedouble < min ||
       v->valuedouble > max) {
        imr_error_set_path(r->err, path);
        return imr_error_set(r->err, IMR_EINPUT, "expected %s, found %g", what,
                             v->valuedouble);
    }
    *out = v->valuedouble;
    *present = 1;
    return IMR_OK;
}

imr_status imr__intake_opt_strings(json_reader *r, const cJSON *obj,
                                   const char *key, const char *parent,
                                   const char ***out, size_t *count)
{
    const cJSON *list = member(obj, key), *item;
    char path[JSON_PATH_MAX], item_path[JSON_PATH_MAX];
    size_t i = 0;

    *out = NULL;
    *count = 0;
    if(!list)
        return IMR_OK;
    imr__intake_path(path, parent, key);
    if(!cJSON_IsArray(list))
        return imr__intake_refuse(r, path, "a list of strings", list);
    *out = imr_arena_alloc(r->arena,
                           (size_t)cJSON_GetArraySize(list) * sizeof(char *));
    cJSON_ArrayForEach(item, list)
    {
        if(!cJSON_IsString(item) || !item->valuestring[0])
            return imr__intake_refuse(
                r, imr__intake_index_path(item_path, path, i),
                "a non-empty string", item);
        (*out)[i++] = imr_arena_strdup(r->arena, item->valuestring);
    }
    *count = i;
    return IMR_OK;
}

imr_status imr__intake_opt_enum(json_reader *r, const cJSON *obj,
                                const char *key, const char *parent,
                                const value_name *names, const char *expected,
                                int *out, const char **as_written)
{
    const char *s = NULL;
    char path[JSON_PATH_MAX];
    imr_status rc = imr__intake_opt_string(r, obj, key, parent, &s);
    size_t i;

    if(as_written)
        *as_written = s;
    if(rc != IMR_OK || !s)
        return rc;
    for(i = 0; names[i].name; i++) {
        if(imr__intake_same_value(s, names[i].name)) {
            *out = names[i].value;
            return IMR_OK;
        }
    }
    imr_error_set_path(r->err, imr__intake_path(path, parent, key));
    return imr_error_set(r->err, IMR_EINPUT, "expected %s, found \"%s\"",
                         expected, s);
}
