/* SPDX-License-Identifier: MIT */
#include "intake_setup.h"

#include <string.h>

imr_status imr__intake_setup_load(intake_setup *s, const char *kb_dir,
                                  imr_error *err)
{
    imr_status rc;
    memset(s, 0, sizeof(*s));
    rc = imr_catalogue_load(kb_dir, &s->catalogue, err);
    if(rc == IMR_OK)
        rc = imr_intake_rules_load(kb_dir, s->catalogue, &s->rules, err);
    return rc;
}

void imr__intake_setup_fini(intake_setup *s)
{
    imr_intake_rules_free(s->rules);
    imr_catalogue_free(s->catalogue);
    memset(s, 0, sizeof(*s));
}

void imr__intake_setup_run(const intake_setup *s, const imr_case *c,
                           const imr_panel *panel, const char *as_of,
                           imr_arena *arena, imr_intake_result **r)
{
    imr_intake_context ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.rules = s->rules;
    ctx.catalogue = s->catalogue;
    ctx.panel = panel;
    ctx.as_of = as_of;
    imr_intake(&ctx, c, arena, r);
}

void imr__intake_render(const char *format, const imr_intake_result *r,
                        imr_buf *out)
{
    if(strcmp(format, "json") == 0) {
        cJSON *j = imr_intake_to_json(r);
        imr_json_print(j, IMR_JSON_PRETTY, out);
        imr_buf_putc(out, '\n');
        cJSON_Delete(j);
    } else {
        imr_intake_render_text(r, out);
    }
}
