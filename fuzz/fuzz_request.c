/* SPDX-License-Identifier: MIT */
/* Fuzzes the request parser and its JSON: any bytes must give IMR_OK or
 * IMR_EINPUT, and a parsed request must hold only catalogue strings and
 * bounded fields. The catalogue is loaded once, from imr_kb_default_dir(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imr/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const imr_catalogue *catalogue(void)
{
    /* A fuzz target may keep this one static: it never changes once
     * loaded, and libFuzzer runs inputs one after the other. */
    static imr_catalogue *cat;
    imr_error err;

    if(!cat) {
        imr_error_clear(&err);
        if(imr_catalogue_load(imr_kb_default_dir(), &cat, &err) != IMR_OK) {
            char msg[1200];
            fprintf(stderr, "fuzz_request: %s\n",
                    imr_error_format(&err, msg, sizeof(msg)));
            abort();
        }
    }
    return cat;
}

static void check(const imr_request *req)
{
    size_t i;

    IMR_ASSERT(req->body_region_count <= IMR_REQUEST_MAX_REGIONS);
    IMR_ASSERT(req->level_count <= IMR_REQUEST_MAX_LEVELS);
    IMR_ASSERT(req->also_count <= IMR_REQUEST_MAX_ALSO);
    IMR_ASSERT(!req->service == !req->service_kind);
    IMR_ASSERT(req->visits >= -1 && req->per_week >= -1 && req->weeks >= -1);
    IMR_ASSERT(memchr(req->drug_name, '\0', sizeof(req->drug_name)));
    IMR_ASSERT(memchr(req->strength, '\0', sizeof(req->strength)));
    for(i = 0; i < req->level_count; i++)
        IMR_ASSERT(memchr(req->levels[i], '\0', sizeof(req->levels[i])));
    for(i = 0; i < req->also_count; i++)
        IMR_ASSERT(req->also[i] && req->also[i] != req->service);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imr_request req;
    imr_status rc;
    cJSON *json;
    imr_buf text;

    rc = imr_request_parse(catalogue(), (const char *)data, size, &req, NULL);
    IMR_ASSERT(rc == IMR_OK || rc == IMR_EINPUT);
    if(rc != IMR_OK)
        return 0;
    check(&req);
    json = imr_request_to_json(&req);
    IMR_ASSERT(json != NULL);
    imr_buf_init(&text);
    imr_json_print(json, IMR_JSON_COMPACT, &text);
    IMR_ASSERT(text.len > 0);
    imr_buf_fini(&text);
    cJSON_Delete(json);
    return 0;
}
