/* SPDX-License-Identifier: MIT */
/* Fuzzes the case-file loader: any bytes are refused with a path or a
 * position, or give a case whose parts are all there. */
#include <stdint.h>
#include <string.h>

#include "imr/intake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imr_arena *arena = imr_arena_new();
    imr_case *c = NULL;
    imr_error err;
    size_t i;

    imr_error_clear(&err);
    if(imr_case_parse((const char *)data, size, arena, &c, &err) == IMR_OK) {
        IMR_ASSERT(c->request_count > 0 && c->record_count > 0);
        for(i = 0; i < c->request_count; i++)
            IMR_ASSERT(c->requests[i] && c->requests[i][0]);
        for(i = 0; i < c->record_count; i++)
            IMR_ASSERT(c->records[i].text != NULL);
    }
    else {
        IMR_ASSERT(err.message[0] != '\0');
        IMR_ASSERT(err.path[0] || err.line > 0);
    }
    imr_arena_free(arena);
    return 0;
}
