/* SPDX-License-Identifier: MIT */
/* Fuzzes the reviewer-panel loader: any bytes are refused with a path or a
 * position, or give a panel whose reviewers have every required part and
 * distinct ids. */
#include <stdint.h>
#include <string.h>

#include "imr/intake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_reviewer(const imr_panel *panel, size_t i)
{
    const imr_reviewer *rv = &panel->reviewers[i];
    size_t j;

    IMR_ASSERT(rv->id && rv->id[0]);
    IMR_ASSERT(rv->open_cases >= 0);
    IMR_ASSERT(rv->weekly_clinical_hours >= 0 &&
               rv->weekly_clinical_hours <= 168);
    for(j = 0; j < rv->certification_count; j++)
        IMR_ASSERT(rv->certifications[j] && rv->certifications[j][0]);
    for(j = 0; j < rv->affiliation_count; j++)
        IMR_ASSERT(rv->affiliations[j].kind && rv->affiliations[j].name);
    for(j = 0; j < i; j++)
        IMR_ASSERT(strcmp(panel->reviewers[j].id, rv->id) != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imr_arena *arena = imr_arena_new();
    imr_panel *panel = NULL;
    imr_error err;
    size_t i;

    imr_error_clear(&err);
    if(imr_panel_parse((const char *)data, size, arena, &panel, &err) ==
       IMR_OK) {
        for(i = 0; i < panel->reviewer_count; i++)
            check_reviewer(panel, i);
    } else {
        IMR_ASSERT(err.message[0] != '\0');
        IMR_ASSERT(err.path[0] || err.line > 0);
    }
    imr_arena_free(arena);
    return 0;
}
