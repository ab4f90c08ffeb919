/* SPDX-License-Identifier: MIT */
/* Fuzzes the letter parser and its JSON output on arbitrary text. */
#include <stdint.h>
#include <stdlib.h>

#include "imr/letter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once: a fuzz target runs millions of inputs in one process. */
static imr_catalogue *catalogue(void)
{
    static imr_catalogue *cat;
    if(!cat && imr_catalogue_load(imr_kb_default_dir(), &cat, NULL) != IMR_OK)
        abort();
    return cat;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imr_arena *arena = imr_arena_new();
    imr_letter *letter = NULL;
    imr_error err;

    imr_error_clear(&err);
    if(imr_letter_parse(catalogue(), (const char *)data, size, arena, &letter,
                        &err) == IMR_OK) {
        cJSON *o = imr_letter_to_json(letter, NULL, arena);
        imr_buf out;
        imr_buf_init(&out);
        imr_json_print(o, IMR_JSON_COMPACT, &out);
        imr_buf_fini(&out);
        cJSON_Delete(o);
    }
    imr_arena_free(arena);
    return 0;
}
