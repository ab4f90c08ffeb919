/* SPDX-License-Identifier: MIT */
#include "review_setup.h"

#include <string.h>

imr_status imr__review_setup_load(review_setup *s, const char *kb_dir,
                                  const char *review_date, imr_error *err)
{
    imr_status rc;

    memset(s, 0, sizeof(*s));
    rc = imr_kb_load(kb_dir, &s->kb, err);
    if(rc == IMR_OK)
        rc = imr_catalogue_load(kb_dir, &s->catalogue, err);
    if(rc == IMR_OK)
        rc = imr_extractor_load(kb_dir, &s->extractor, err);
    if(rc != IMR_OK) {
        imr__review_setup_fini(s);
        return rc;
    }
    s->ctx.kb = s->kb;
    s->ctx.catalogue = s->catalogue;
    s->ctx.extractor = s->extractor;
    s->ctx.review_date = review_date;
    return IMR_OK;
}

void imr__review_setup_fini(review_setup *s)
{
    imr_extractor_free(s->extractor);
    imr_catalogue_free(s->catalogue);
    imr_kb_release(s->kb);
    memset(s, 0, sizeof(*s));
}

imr_status imr__review_setup_assign(const review_setup *s, const char *kb_dir,
                                    const imr_panel *panel, const imr_case *c,
                                    imr_arena *arena, imr_assignment *a,
                                    imr_error *err)
{
    imr_intake_rules *rules = NULL;
    imr_intake_context ctx;
    imr_status rc = imr_intake_rules_load(kb_dir, s->catalogue, &rules, err);

    if(rc != IMR_OK)
        return rc;
    memset(&ctx, 0, sizeof(ctx));
    ctx.rules = rules;
    ctx.catalogue = s->catalogue;
    ctx.panel = panel;
    imr_intake_assign(&ctx, c, arena, a);
    imr_intake_rules_free(rules);
    return IMR_OK;
}

imr_status imr__review_render(const char *format, const imr_determination *d,
                              const imr_letter_style *style, imr_buf *out,
                              imr_error *err)
{
    if(strcmp(format, "json") == 0) {
        cJSON *j = imr_determination_to_json(d);
        imr_json_print(j, IMR_JSON_PRETTY, out);
        imr_buf_putc(out, '\n');
        cJSON_Delete(j);
        return IMR_OK;
    }
    if(strcmp(format, "html") == 0) {
        imr_letter_render_html(d, style, out);
        return IMR_OK;
    }
    if(strcmp(format, "pdf") == 0)
        return imr_letter_render_pdf(d, style, out, err);
    imr_letter_render_text(d, style, out);
    return IMR_OK;
}
