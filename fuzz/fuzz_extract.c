/* SPDX-License-Identifier: MIT */
/* Fuzzes the fact extractor: sentences, concepts, context, attributes, and
 * the JSON and explained text of what it finds. */
#include <stdint.h>
#include <stdlib.h>

#include "imr/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once: a fuzz target runs millions of inputs in one process. */
static imr_extractor *extractor(void)
{
    static imr_extractor *x;
    if(!x && imr_extractor_load(imr_kb_default_dir(), &x, NULL) != IMR_OK)
        abort();
    return x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imr_arena *arena = imr_arena_new();
    const char *text = (const char *)data;
    imr_facts facts;
    imr_buf out;
    cJSON *json;
    size_t i;

    imr_extract_facts(extractor(), text, size, arena, &facts);
    for(i = 0; i < facts.count; i++) {
        const imr_fact *f = &facts.items[i];
        IMR_ASSERT(f->span.offset + f->span.length <= size);
        IMR_ASSERT(f->kind && f->name);
    }
    imr_buf_init(&out);
    json = imr_facts_to_json(&facts, text);
    imr_json_print(json, IMR_JSON_COMPACT, &out);
    cJSON_Delete(json);
    imr_buf_reset(&out);
    imr_facts_explain(&facts, text, size, &out);
    imr_buf_fini(&out);
    imr_arena_free(arena);
    return 0;
}
