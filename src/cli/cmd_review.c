/* SPDX-License-Identifier: MIT */
/* imr review: a case file decided, as a letter (text, HTML, PDF) or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "imr/letter.h"
#include "review_setup.h"
#include "style_config.h"

#define MAX_CASE_BYTES ((size_t)64 << 20)

static const char usage[] =
    "usage: imr review [--format text|json|html|pdf] [-o FILE]\n"
    "                  [--config FILE] [--panel FILE] [--date YYYY-MM-DD]\n"
    "                  [--kb DIR] CASE.json\n\n"
    "Decides each request of the case file against the guideline knowledge\n"
    "base and prints the Final Determination Letter (text by default), or the\n"
    "determination as JSON with every criterion met, not met or unknown.\n\n"
    "  --format F   text (default), json, html or pdf\n"
    "  -o FILE      write to FILE (through a temporary file renamed into place)\n"
    "  --config F   the organization and reviewer (JSON; default $IMR_CONFIG)\n"
    "  --panel F    assign the reviewer from this panel (as imr intake does);\n"
    "               the letter states its certification and licensure\n"
    "  --date D     the review date, for editions when the case has no UR date\n"
    "  --kb DIR     the knowledge base (default: $IMR_KB or the built-in one)\n";

typedef struct review_options {
    const char *format;
    const char *output;
    const char *config;
    const char *panel;
    const char *date;
    const char *kb_dir;
    const char *path;
} review_options;

static int read_options(int argc, char **argv, review_options *o)
{
    const imr_cli_flag flags[] = {
        {"--format", &o->format}, {"-o", &o->output},
        {"--config", &o->config}, {"--panel", &o->panel},
        {"--date", &o->date},     {"--kb", &o->kb_dir},
    };
    int rc = imr__cli_read_flags(argc, argv, "review", usage, flags,
                                 sizeof(flags) / sizeof(flags[0]), &o->path);
    if(rc != 0)
        return rc;
    if(!o->path)
        return imr__cli_usage_error("review", "no case file given");
    if(strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0 &&
       strcmp(o->format, "html") != 0 && strcmp(o->format, "pdf") != 0)
        return imr__cli_usage_error("review",
                                    "unknown format \"%s\" (text, json, "
                                    "html or pdf)",
                                    o->format);
    return 0;
}

/* Assigns the reviewer of --panel and hands its credentials to the
 * review; a panel with nobody qualified refuses the case. */
static imr_status assign_reviewer(const review_options *o, review_setup *s,
                                  const imr_case *c, imr_arena *arena,
                                  imr_assignment *assignment, imr_error *err)
{
    imr_panel *panel = NULL;
    imr_buf text;
    imr_status rc;

    imr_buf_init(&text);
    rc = imr_file_read_buf(o->panel, MAX_CASE_BYTES, &text, err);
    if(rc == IMR_OK)
        rc = imr_panel_parse(text.data, text.len, arena, &panel, err);
    if(rc != IMR_OK)
        imr_error_name_file(err, o->panel);
    imr_buf_fini(&text);
    if(rc == IMR_OK)
        rc = imr__review_setup_assign(s, o->kb_dir ? o->kb_dir
                                                   : imr_kb_default_dir(),
                                      panel, c, arena, assignment, err);
    if(rc != IMR_OK)
        return rc;
    if(!assignment->reviewer) {
        imr_error_name_file(err, o->panel);
        return imr_error_set(err, IMR_EINPUT,
                             "no reviewer of the panel qualifies for this "
                             "case (imr intake --panel says why)");
    }
    s->ctx.reviewer = &assignment->credentials;
    return IMR_OK;
}

static int review_case(const review_options *o, review_setup *s,
                       const imr_letter_style *style)
{
    imr_arena *arena = imr_arena_new();
    imr_buf text, out;
    imr_case *c = NULL;
    imr_determination *d = NULL;
    imr_assignment assignment;
    imr_error err;
    char date[11];
    int rc = IMR_EXIT_OK;

    imr_buf_init(&text);
    imr_buf_init(&out);
    imr_error_clear(&err);
    if(imr_file_read_buf(o->path, MAX_CASE_BYTES, &text, &err) != IMR_OK ||
       imr_case_parse(text.data, text.len, arena, &c, &err) != IMR_OK) {
        imr_error_name_file(&err, o->path);
        rc = imr__cli_fail(&err);
    }
    if(rc == IMR_EXIT_OK && o->panel &&
       assign_reviewer(o, s, c, arena, &assignment, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    if(rc == IMR_EXIT_OK) {
        imr__cli_date_or_today(o->date, date);
        s->ctx.review_date = date;
        imr_review(&s->ctx, c, arena, &d);
        if(imr__review_render(o->format, d, style, &out, &err) != IMR_OK)
            rc = imr__cli_fail(&err);
        else
            rc = imr__cli_emit(o->output, &out);
    }
    imr_buf_fini(&out);
    imr_buf_fini(&text);
    imr_arena_free(arena);
    return rc;
}

int imr__cli_review(int argc, char **argv)
{
    review_options o;
    review_setup s;
    style_config cfg;
    imr_error err;
    int rc;

    memset(&o, 0, sizeof(o));
    o.format = "text";
    rc = read_options(argc, argv, &o);
    if(rc != 0)
        return rc < 0 ? IMR_EXIT_OK : rc;
    imr_error_clear(&err);
    if(imr__style_config_load(&cfg, o.config, &err) != IMR_OK)
        return imr__cli_fail(&err);
    if(imr__review_setup_load(&s, o.kb_dir ? o.kb_dir : imr_kb_default_dir(),
                              NULL, &err) != IMR_OK) {
        imr__style_config_fini(&cfg);
        return imr__cli_fail(&err);
    }
    rc = review_case(&o, &s, &cfg.style);
    imr__review_setup_fini(&s);
    imr__style_config_fini(&cfg);
    return rc;
}
