/* SPDX-License-Identifier: MIT */
/* imr intake: a case file's eligibility for independent medical review,
 * its due dates and the reviewer assigned from a panel, as text or JSON. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "intake_setup.h"

#define MAX_INPUT_BYTES ((size_t)64 << 20)

static const char usage[] =
    "usage: imr intake CASE.json [--panel PANEL.json] [--format text|json]\n"
    "                  [-o FILE] [--date YYYY-MM-DD] [--kb DIR]\n\n"
    "Checks the application of the case file for independent medical\n"
    "review: who filed it, the 30-day limit (35 days when the UR decision\n"
    "was served by mail), the UR decision attached, the signature, the\n"
    "decision's kind, open applications for the same treatment, disputed\n"
    "liability. For an eligible application it gives the due dates of the\n"
    "notice of assignment, the records and the determination, and chooses\n"
    "a reviewer of the panel with no conflict of interest, saying why each\n"
    "other one was passed over (docs/intake.md).\n\n"
    "  --panel F    the reviewer panel (JSON); without it nobody is assigned\n"
    "  --format F   text (default) or json\n"
    "  -o FILE      write to FILE (through a temporary file renamed into "
    "place)\n"
    "  --date D     flag the due dates passed by D (the command never reads\n"
    "               the clock, so the same files give the same output)\n"
    "  --kb DIR     the knowledge base (default: $IMR_KB or the built-in "
    "one)\n\n"
    "Exit status: 0 success, 1 a file was refused (its name and the JSON path\n"
    "are printed), 2 wrong usage.\n";

typedef struct intake_options {
    const char *case_path;
    const char *panel_path;
    const char *format;
    const char *output;
    const char *date;
    const char *kb_dir;
} intake_options;

static int check_options(const intake_options *o)
{
    if(!o->case_path)
        return imr__cli_usage_error("intake", "no case file given");
    if(strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0)
        return imr__cli_usage_error(
            "intake", "unknown format \"%s\" (text or json)", o->format);
    if(o->date && !imr__cli_is_iso_date(o->date))
        return imr__cli_usage_error("intake",
                                    "--date needs a date YYYY-MM-DD, found "
                                    "\"%s\"",
                                    o->date);
    return 0;
}

/* Returns 0 to go on, -1 after printing the help, or an exit status. */
static int read_options(int argc, char **argv, intake_options *o)
{
    const imr_cli_flag flags[] = {
        {"--panel", &o->panel_path}, {"--format", &o->format},
        {"-o", &o->output},          {"--date", &o->date},
        {"--kb", &o->kb_dir},
    };
    int rc = imr__cli_read_flags(argc, argv, "intake", usage, flags,
                                 sizeof(flags) / sizeof(flags[0]),
                                 &o->case_path);
    if(rc != 0)
        return rc;
    return check_options(o);
}

/* The case file and the panel, each refusal naming its file. */
static imr_status read_inputs(const intake_options *o, imr_arena *arena,
                              imr_case **c, imr_panel **panel, imr_error *err)
{
    imr_buf text;
    imr_status rc;

    imr_buf_init(&text);
    rc = imr_file_read_buf(o->case_path, MAX_INPUT_BYTES, &text, err);
    if(rc == IMR_OK)
        rc = imr_case_read(text.data, text.len, IMR_CASE_FOR_INTAKE, arena, c,
                           err);
    if(rc != IMR_OK)
        imr_error_name_file(err, o->case_path);
    if(rc == IMR_OK && o->panel_path) {
        rc = imr_file_read_buf(o->panel_path, MAX_INPUT_BYTES, &text, err);
        if(rc == IMR_OK)
            rc = imr_panel_parse(text.data, text.len, arena, panel, err);
        if(rc != IMR_OK)
            imr_error_name_file(err, o->panel_path);
    }
    imr_buf_fini(&text);
    return rc;
}

static int run(const intake_options *o, const intake_setup *s)
{
    imr_arena *arena = imr_arena_new();
    imr_intake_result *r = NULL;
    imr_case *c = NULL;
    imr_panel *panel = NULL;
    imr_error err;
    imr_buf out;
    int rc;

    imr_error_clear(&err);
    imr_buf_init(&out);
    if(read_inputs(o, arena, &c, &panel, &err) != IMR_OK) {
        rc = imr__cli_fail(&err);
    } else {
        imr__intake_setup_run(s, c, panel, o->date, arena, &r);
        imr__intake_render(o->format, r, &out);
        rc = imr__cli_emit(o->output, &out);
    }
    imr_buf_fini(&out);
    imr_arena_free(arena);
    return rc;
}

int imr__cli_intake(int argc, char **argv)
{
    intake_options o;
    intake_setup s;
    imr_error err;
    int rc;

    memset(&o, 0, sizeof(o));
    o.format = "text";
    rc = read_options(argc, argv, &o);
    if(rc != 0)
        return rc < 0 ? IMR_EXIT_OK : rc;
    if(!o.kb_dir)
        o.kb_dir = imr_kb_default_dir();
    imr_error_clear(&err);
    if(imr__intake_setup_load(&s, o.kb_dir, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else
        rc = run(&o, &s);
    imr__intake_setup_fini(&s);
    return rc;
}
