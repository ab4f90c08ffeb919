/* SPDX-License-Identifier: MIT */
/* What imr intake and imr case assign load before the intake (the
 * services catalogue and the intake's rules), running it, and its output
 * as text or JSON. */
#ifndef IMR_CLI_INTAKE_SETUP_H
#define IMR_CLI_INTAKE_SETUP_H

#include "imr/intake.h"

typedef struct intake_setup {
    imr_catalogue *catalogue;
    imr_intake_rules *rules;
} intake_setup;

/* Loads both from kb_dir; call imr__intake_setup_fini whatever it
 * returns. */
imr_status imr__intake_setup_load(intake_setup *s, const char *kb_dir,
                                  imr_error *err);
void imr__intake_setup_fini(intake_setup *s);
/* Runs the intake of `c`, choosing a reviewer of `panel` unless it is
 * NULL and flagging the due dates passed by `as_of` (or none when NULL).
 * The result lives in `arena` and borrows the case and the panel. */
void imr__intake_setup_run(const intake_setup *s, const imr_case *c,
                           const imr_panel *panel, const char *as_of,
                           imr_arena *arena, imr_intake_result **r);
/* Appends the result as pretty JSON when `format` is "json", else as
 * text. */
void imr__intake_render(const char *format, const imr_intake_result *r,
                        imr_buf *out);

#endif
