/* SPDX-License-Identifier: MIT */
#include "style_config.h"

#include <stdlib.h>
#include <string.h>

static imr_status text_field(style_config *cfg, const cJSON *obj,
                             const char *key, const char *path,
                             const char **out, imr_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if(!v)
        return IMR_OK;
    if(!cJSON_IsString(v)) {
        imr_error_set_path(err, path);
        return imr_error_set(err, IMR_EINPUT, "expected a string");
    }
    *out = imr_arena_strdup(cfg->arena, v->valuestring);
    return IMR_OK;
}

imr_status imr__style_config_load(style_config *cfg, const char *path,
                                  imr_error *err)
{
    imr_buf text;
    cJSON *root;
    const cJSON *reviewer;
    imr_status rc;

    memset(cfg, 0, sizeof(*cfg));
    cfg->arena = imr_arena_new();
    if(!path)
        path = getenv("IMR_CONFIG");
    if(!path || !*path)
        return IMR_OK;
    imr_buf_init(&text);
    rc = imr_file_read_buf(path, (size_t)1 << 20, &text, err);
    root = rc == IMR_OK ? cJSON_ParseWithLength(text.data, text.len) : NULL;
    imr_buf_fini(&text);
    if(rc == IMR_OK && !cJSON_IsObject(root)) {
        imr_error_name_file(err, path);
        rc = imr_error_set(err, IMR_EINPUT,
                           "expected a JSON object with \"organization\"");
    }
    if(rc == IMR_OK)
        rc = text_field(cfg, root, "organization", "$.organization",
                        &cfg->style.organization, err);
    if(rc == IMR_OK)
        rc = text_field(cfg, root, "label", "$.label", &cfg->style.label,
                        err);
    reviewer = root ? cJSON_GetObjectItemCaseSensitive(root, "reviewer")
                    : NULL;
    if(rc == IMR_OK && reviewer)
        rc = text_field(cfg, reviewer, "certification",
                        "$.reviewer.certification",
                        &cfg->style.certification, err);
    if(rc == IMR_OK && reviewer)
        rc = text_field(cfg, reviewer, "licensure", "$.reviewer.licensure",
                        &cfg->style.licensure, err);
    if(rc != IMR_OK)
        imr_error_name_file(err, path);
    cJSON_Delete(root);
    return rc;
}

void imr__style_config_fini(style_config *cfg)
{
    imr_arena_free(cfg->arena);
    memset(cfg, 0, sizeof(*cfg));
}
