/* SPDX-License-Identifier: MIT */
/* The due dates of an eligible application: the notice of assignment, the
 * records, the determination. Each says how it was counted. A standard
 * review's deadline in calendar days that falls on a weekend day or a
 * holiday moves to the next business day; an expedited review's run
 * through them (docs/intake.md). */
#include "imr/intake.h"

#include <string.h>

#include "intake_int.h"

enum {
    NOTICE_BUSINESS_DAYS = 1,
    RECORDS_DAYS_MAILED = 15,
    RECORDS_DAYS_ELECTRONIC = 12,
    RECORDS_DAYS_EXPEDITED = 1,
    DETERMINATION_DAYS = 30,
    DETERMINATION_DAYS_EXPEDITED = 3
};

/* A due date being written: its day and the sentence saying why. */
typedef struct due_draft {
    long day;
    imr_buf basis;
} due_draft;

/* Adds `days` calendar days to `from`; unless `runs_through`, a last day
 * that state offices are closed moves to the next business day, and the
 * basis says so. */
static void count_days(const imr_intake_rules *rules, long from, int days,
                       int runs_through, due_draft *due)
{
    long limit = from + days;
    char iso[11];

    due->day = runs_through ? limit : imr__intake_roll_forward(rules, limit);
    if(due->day != limit) {
        imr__intake_iso(limit, iso);
        imr_buf_printf(&due->basis,
                       ", moved from %s (%s) to the next "
                       "business day",
                       iso, imr__intake_closed_because(rules, limit));
    }
}

static void notice_due(const imr_intake_context *ctx, const imr_case *c,
                       due_draft *due)
{
    long received = imr__intake_day(c->application.received), day;
    const char *skipped = "; skipping";
    char iso[11];

    due->day = imr__intake_add_business_days(ctx->rules, received,
                                             NOTICE_BUSINESS_DAYS);
    imr_buf_printf(&due->basis,
                   "The first business day after the application was "
                   "received on %s (a %s)",
                   c->application.received, imr__intake_weekday_name(received));
    /* Weekends go without saying; holidays are named. */
    for(day = received + 1; day < due->day; day++) {
        const char *holiday = imr__intake_holiday(ctx->rules, day);
        if(!holiday)
            continue;
        imr__intake_iso(day, iso);
        imr_buf_printf(&due->basis, "%s %s (%s)", skipped, holiday, iso);
        skipped = " and";
    }
}

/* The day the notice of assignment went, or is due to go. */
static long notice_day(const imr_case *c, const due_draft *notice,
                       imr_buf *said)
{
    char iso[11];
    if(c->application.notice_sent) {
        imr_buf_printf(said, "the notice of assignment sent on %s",
                       c->application.notice_sent);
        return imr__intake_day(c->application.notice_sent);
    }
    imr__intake_iso(notice->day, iso);
    imr_buf_printf(said, "the notice of assignment's due date, %s", iso);
    return notice->day;
}

static int is_sent_electronically(imr_delivery by)
{
    return by == IMR_DELIVERY_ELECTRONIC || by == IMR_DELIVERY_FAX;
}

static void records_due(const imr_intake_context *ctx, const imr_case *c,
                        int is_expedited, const due_draft *notice,
                        due_draft *due)
{
    imr_delivery by = c->application.notice_by;
    imr_buf from;
    long start;
    int days;

    imr_buf_init(&from);
    start = notice_day(c, notice, &from);
    if(is_expedited) {
        imr_buf_printf(&due->basis, "24 hours (expedited review) after %s",
                       from.data);
        count_days(ctx->rules, start, RECORDS_DAYS_EXPEDITED, 1, due);
    } else {
        days = is_sent_electronically(by) ? RECORDS_DAYS_ELECTRONIC
                                          : RECORDS_DAYS_MAILED;
        imr_buf_printf(&due->basis, "%d days after %s, the notice %s", days,
                       from.data,
                       by == IMR_DELIVERY_UNSTATED
                           ? "taken to go by mail (application.notice is "
                             "not given)"
                       : is_sent_electronically(by) ? "going electronically"
                                                    : "going by mail");
        count_days(ctx->rules, start, days, 0, due);
    }
    imr_buf_fini(&from);
}

static void determination_due(const imr_intake_context *ctx, const imr_case *c,
                              int is_expedited, const due_draft *records,
                              due_draft *due)
{
    const char *complete = c->application.records_complete;
    int days = is_expedited ? DETERMINATION_DAYS_EXPEDITED : DETERMINATION_DAYS;
    char iso[11];
    long start;

    if(complete) {
        start = imr__intake_day(complete);
        imr_buf_printf(
            &due->basis, "%d days%s after the complete records arrived on %s",
            days, is_expedited ? " (expedited review)" : "", complete);
    } else {
        start = records->day;
        imr__intake_iso(start, iso);
        imr_buf_printf(&due->basis,
                       "%d days%s after the records' due date, %s, as the "
                       "case does not say when the complete records arrived "
                       "(application.records_complete)",
                       days, is_expedited ? " (expedited review)" : "", iso);
    }
    count_days(ctx->rules, start, days, is_expedited, due);
}

/* Whether the event a deadline is for is recorded as done. */
static int is_done(const imr_case *c, imr_deadline which)
{
    if(which == IMR_DUE_ASSIGNMENT_NOTICE)
        return c->application.notice_sent != NULL;
    if(which == IMR_DUE_RECORDS)
        return c->application.records_complete != NULL;
    return 0;
}

static void finish(const imr_intake_context *ctx, const imr_case *c,
                   imr_deadline which, due_draft *draft, imr_arena *arena,
                   imr_due *out)
{
    if(!imr__intake_covers(ctx->rules, draft->day))
        imr_buf_printf(&draft->basis,
                       "; the holidays of %d to %d are known, so this date "
                       "skips weekends alone",
                       ctx->rules->first_year, ctx->rules->last_year);
    imr_buf_putc(&draft->basis, '.');
    out->date = imr__intake_iso_in(arena, draft->day);
    out->basis = imr_arena_strndup(arena, draft->basis.data, draft->basis.len);
    out->is_overdue = ctx->as_of && !is_done(c, which) &&
                      imr__intake_day(ctx->as_of) > draft->day;
}

void imr__intake_due_dates(const imr_intake_context *ctx, const imr_case *c,
                           imr_arena *arena, imr_due due[IMR_DUE_COUNT])
{
    int is_expedited = c->application.expedited == IMR_ANSWER_YES;
    due_draft drafts[IMR_DUE_COUNT];
    size_t i;

    memset(due, 0, IMR_DUE_COUNT * sizeof(*due));
    if(!c->application.received)
        return;
    for(i = 0; i < IMR_DUE_COUNT; i++)
        imr_buf_init(&drafts[i].basis);
    notice_due(ctx, c, &drafts[IMR_DUE_ASSIGNMENT_NOTICE]);
    records_due(ctx, c, is_expedited, &drafts[IMR_DUE_ASSIGNMENT_NOTICE],
                &drafts[IMR_DUE_RECORDS]);
    determination_due(ctx, c, is_expedited, &drafts[IMR_DUE_RECORDS],
                      &drafts[IMR_DUE_DETERMINATION]);
    for(i = 0; i < IMR_DUE_COUNT; i++) {
        finish(ctx, c, (imr_deadline)i, &drafts[i], arena, &due[i]);
        imr_buf_fini(&drafts[i].basis);
    }
}
