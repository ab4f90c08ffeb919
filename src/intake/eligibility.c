/* SPDX-License-Identifier: MIT */
/* Is the application eligible for independent medical review? Each check
 * adds a plain sentence for what fails or what is missing, naming the
 * dates and values involved; docs/intake.md gives the rules' sources. */
#include "imr/intake.h"

#include <string.h>

#include "intake_int.h"

enum { FILING_DAYS = 30, MAIL_EXTENSION_DAYS = 5 };

static const char only_the_employee[] =
    "only the employee or the employee's attorney or other representative "
    "may request independent medical review";

static void check_filer(const imr_application *a, sentence_list *reasons)
{
    switch(a->filed_by) {
    case IMR_FILER_EMPLOYEE:
    case IMR_FILER_ATTORNEY:
    case IMR_FILER_REPRESENTATIVE:
        return;
    case IMR_FILER_UNSTATED:
        imr__intake_say(reasons,
                        "The application does not say who filed it "
                        "(application.filed_by); %s.",
                        only_the_employee);
        return;
    case IMR_FILER_EMPLOYER:
    case IMR_FILER_CLAIMS_ADMINISTRATOR:
    case IMR_FILER_PROVIDER:
        break;
    }
    imr__intake_say(reasons, "The application was filed by the %s, but %s.",
                    imr_filer_name(a->filed_by), only_the_employee);
}

static void check_signed(const imr_application *a, sentence_list *reasons)
{
    if(a->is_signed == IMR_ANSWER_NO)
        imr__intake_say(reasons, "The application is not signed "
                                 "(application.signed is false).");
    else if(a->is_signed == IMR_ANSWER_UNSTATED)
        imr__intake_say(reasons, "The application does not say whether it "
                                 "was signed (application.signed).");
}

static void check_ur_attached(const imr_application *a, sentence_list *reasons)
{
    if(a->ur_attached == IMR_ANSWER_NO)
        imr__intake_say(reasons,
                        "The application came without a copy of the UR "
                        "decision (application.ur_attached is false).");
    else if(a->ur_attached == IMR_ANSWER_UNSTATED)
        imr__intake_say(reasons,
                        "The application does not say whether a copy of the "
                        "UR decision came with it (application.ur_attached).");
}

static void check_decision(const imr_case *c, sentence_list *reasons)
{
    if(c->ur_outcome == IMR_UR_UNSTATED)
        imr__intake_say(reasons,
                        "The case does not give the UR decision "
                        "(ur.decision); only a decision that non-certified, "
                        "modified or delayed the treatment can be reviewed.");
    else if(c->ur_outcome == IMR_UR_CONDITIONALLY_NON_CERTIFIED)
        imr__intake_say(reasons,
                        "The UR decision was \"%s\": a conditional "
                        "non-certification, for missing information, is not "
                        "eligible for independent medical review.",
                        c->ur_decision);
}

static void check_liability(const imr_application *a, sentence_list *reasons)
{
    if(a->liability_disputed == IMR_ANSWER_YES)
        imr__intake_say(reasons,
                        "The claims administrator disputes liability for "
                        "the claim (application.liability_disputed); "
                        "independent medical review waits until liability "
                        "is resolved.");
}

/*---- Filed in time ------------------------------------------------------*/

/* " by mail", " by fax", or "" when the case does not say. */
static const char *served_how(imr_delivery by)
{
    switch(by) {
    case IMR_DELIVERY_MAIL:
        return " by mail";
    case IMR_DELIVERY_ELECTRONIC:
        return " electronically";
    case IMR_DELIVERY_FAX:
        return " by fax";
    case IMR_DELIVERY_PERSONAL:
        return " in person";
    case IMR_DELIVERY_UNSTATED:
        break;
    }
    return "";
}

/* The last day to file, from the last day counted: the next business day
 * when that one is a weekend day or a holiday. */
static long last_filing_day(const imr_intake_rules *rules, long served,
                            int days)
{
    return imr__intake_roll_forward(rules, served + days);
}

/* The days to file: 30, and 5 more when the decision was served by mail. */
static int filing_days(imr_delivery served_by)
{
    return FILING_DAYS +
           (served_by == IMR_DELIVERY_MAIL ? MAIL_EXTENSION_DAYS : 0);
}

static void say_late(const imr_intake_context *ctx, const imr_case *c,
                     long received, long served, const char *served_iso,
                     sentence_list *reasons)
{
    int is_mail = c->ur_served_by == IMR_DELIVERY_MAIL;
    int days = filing_days(c->ur_served_by);
    long limit = served + days;
    long last = last_filing_day(ctx->rules, served, days);
    char last_iso[11], limit_iso[11];
    imr_buf moved;

    imr__intake_iso(last, last_iso);
    imr__intake_iso(limit, limit_iso);
    imr_buf_init(&moved);
    imr_buf_puts(&moved, "");
    if(last != limit)
        imr_buf_printf(&moved,
                       ", moved from %s (%s) to the next business "
                       "day",
                       limit_iso,
                       imr__intake_closed_because(ctx->rules, limit));
    imr__intake_say(reasons,
                    "The application was received on %s, %ld days after the "
                    "UR decision was served%s on %s; the last day to file "
                    "was %s (%d days after service%s%s).",
                    c->application.received, received - served,
                    served_how(c->ur_served_by), served_iso, last_iso,
                    FILING_DAYS, is_mail ? ", plus 5 for service by mail" : "",
                    moved.data);
    imr_buf_fini(&moved);
}

/* Says which date the check lacks; true when one is missing. */
static int say_missing_date(const imr_case *c, const char *served_iso,
                            sentence_list *reasons)
{
    const char *received_iso = c->application.received;

    if(!received_iso && !served_iso)
        imr__intake_say(reasons,
                        "Neither the application's date of receipt "
                        "(application.received) nor the UR decision's date "
                        "(ur.date) is given, so the 30-day filing limit "
                        "cannot be checked.");
    else if(!received_iso)
        imr__intake_say(reasons,
                        "The application has no date of receipt "
                        "(application.received), so it cannot be checked "
                        "that it was filed within 30 days of the UR "
                        "decision's service on %s.",
                        served_iso);
    else if(!served_iso)
        imr__intake_say(reasons,
                        "The UR decision has no date (ur.date or "
                        "ur.served), so it cannot be checked that the "
                        "application received on %s was filed within 30 "
                        "days of its service.",
                        received_iso);
    return !received_iso || !served_iso;
}

static void say_if_mailed(const imr_case *c, long received, long served,
                          long mail_last, const char *served_iso,
                          sentence_list *reasons)
{
    char mail_iso[11];

    imr__intake_iso(mail_last, mail_iso);
    imr__intake_say(reasons,
                    "The application was received on %s, %ld days after the "
                    "UR decision was served on %s: in time only if the "
                    "decision was served by mail (the last day would be "
                    "%s), and the case does not say how it was served "
                    "(ur.served_by).",
                    c->application.received, received - served, served_iso,
                    mail_iso);
}

static void check_in_time(const imr_intake_context *ctx, const imr_case *c,
                          sentence_list *reasons)
{
    const char *served_iso = c->ur_served ? c->ur_served : c->ur_date;
    long received, served, mail_last;

    if(say_missing_date(c, served_iso, reasons))
        return;
    received = imr__intake_day(c->application.received);
    served = imr__intake_day(served_iso);
    if(received < served) {
        imr__intake_say(reasons,
                        "The application was received on %s, before the UR "
                        "decision was served on %s (%s).",
                        c->application.received, served_iso,
                        c->ur_served ? "ur.served" : "ur.date");
        return;
    }
    if(received <=
       last_filing_day(ctx->rules, served, filing_days(c->ur_served_by)))
        return;
    mail_last =
        last_filing_day(ctx->rules, served, FILING_DAYS + MAIL_EXTENSION_DAYS);
    if(c->ur_served_by == IMR_DELIVERY_UNSTATED && received <= mail_last)
        say_if_mailed(c, received, served, mail_last, served_iso, reasons);
    else
        say_late(ctx, c, received, served, served_iso, reasons);
}

/*---- Not already in review ----------------------------------------------*/

static int is_closed(const char *status)
{
    static const char *const closed[] = {"decided",    "closed",    "withdrawn",
                                         "ineligible", "dismissed", NULL};
    size_t i;
    for(i = 0; closed[i]; i++) {
        if(imr__intake_same_value(status, closed[i]))
            return 1;
    }
    return 0;
}

/* "application CM14-0068812 (received 2014-05-02, on the UR decision of
 * 2014-04-18)"; previous applications without a number are counted. */
static void describe_prior(imr_buf *out, const imr_prior_application *p,
                           size_t index)
{
    if(p->case_number)
        imr_buf_printf(out, "application %s", p->case_number);
    else
        imr_buf_printf(out, "previous application %zu", index + 1);
    if(p->received && p->ur_date)
        imr_buf_printf(out, " (received %s, on the UR decision of %s)",
                       p->received, p->ur_date);
    else if(p->received)
        imr_buf_printf(out, " (received %s)", p->received);
    else if(p->ur_date)
        imr_buf_printf(out, " (on the UR decision of %s)", p->ur_date);
}

static void say_duplicate(const char *request, const imr_prior_application *p,
                          size_t index, const char *prior_request,
                          sentence_list *reasons)
{
    imr_buf prior;

    imr_buf_init(&prior);
    describe_prior(&prior, p, index);
    if(!p->status)
        imr__intake_say(reasons,
                        "The request \"%s\" is also disputed in %s as "
                        "\"%s\", whose status is not given "
                        "(application.previous_applications[%zu].status), "
                        "so it may still be open.",
                        request, prior.data, prior_request, index);
    else
        imr__intake_say(reasons,
                        "The request \"%s\" is already in independent "
                        "medical review: %s disputes \"%s\" and is still "
                        "open (status \"%s\").",
                        request, prior.data, prior_request, p->status);
    imr_buf_fini(&prior);
}

/* The first request of `p` that disputes the same treatment, or NULL. */
static const char *same_in_prior(const imr_catalogue *cat, const char *request,
                                 const imr_prior_application *p)
{
    size_t j;
    for(j = 0; j < p->request_count; j++) {
        if(imr__intake_same_request(cat, request, p->requests[j]))
            return p->requests[j];
    }
    return NULL;
}

static void check_not_in_review(const imr_intake_context *ctx,
                                const imr_case *c, sentence_list *reasons)
{
    const imr_application *a = &c->application;
    size_t i, k;

    for(k = 0; k < a->previous_count; k++) {
        const imr_prior_application *p = &a->previous[k];
        if(p->status && is_closed(p->status))
            continue;
        for(i = 0; i < c->request_count; i++) {
            const char *prior_request =
                same_in_prior(ctx->catalogue, c->requests[i], p);
            if(prior_request)
                say_duplicate(c->requests[i], p, k, prior_request, reasons);
        }
    }
}

void imr__intake_check_eligibility(const imr_intake_context *ctx,
                                   const imr_case *c, sentence_list *reasons)
{
    const imr_application *a = &c->application;

    if(!a->is_present) {
        imr__intake_say(reasons,
                        "The case file has no application (application): "
                        "who filed it, when it was received, whether it was "
                        "signed and whether the UR decision came with it "
                        "are unknown.");
        check_decision(c, reasons);
        return;
    }
    check_filer(a, reasons);
    check_in_time(ctx, c, reasons);
    check_ur_attached(a, reasons);
    check_signed(a, reasons);
    check_decision(c, reasons);
    check_not_in_review(ctx, c, reasons);
    check_liability(a, reasons);
}

/*---- The same treatment -------------------------------------------------*/

static int regions_overlap(const imr_request *a, const imr_request *b)
{
    size_t i, j;

    if(a->body_region_count == 0 || b->body_region_count == 0)
        return a->body_region_count == b->body_region_count;
    for(i = 0; i < a->body_region_count; i++) {
        for(j = 0; j < b->body_region_count; j++) {
            if(strcmp(a->body_regions[i], b->body_regions[j]) == 0)
                return 1;
        }
    }
    return 0;
}

/* Left and right are different knees; bilateral covers both. */
static int sides_overlap(const imr_request *a, const imr_request *b)
{
    if(a->laterality == IMR_LATERALITY_NONE ||
       b->laterality == IMR_LATERALITY_NONE ||
       a->laterality == IMR_LATERALITY_BILATERAL ||
       b->laterality == IMR_LATERALITY_BILATERAL)
        return 1;
    return a->laterality == b->laterality;
}

static int same_drug(const imr_request *a, const imr_request *b)
{
    if(!a->is_drug || !b->is_drug || !a->drug_name[0] || !b->drug_name[0])
        return 1;
    return strcmp(a->drug_name, b->drug_name) == 0;
}

int imr__intake_same_request(const imr_catalogue *cat, const char *a,
                             const char *b)
{
    char key_a[512], key_b[512];
    imr_request ra, rb;

    imr__intake_request_key(a, key_a, sizeof(key_a));
    imr__intake_request_key(b, key_b, sizeof(key_b));
    if(key_a[0] && strcmp(key_a, key_b) == 0)
        return 1;
    if(!cat || imr_request_parse(cat, a, strlen(a), &ra, NULL) != IMR_OK ||
       imr_request_parse(cat, b, strlen(b), &rb, NULL) != IMR_OK)
        return 0;
    if(!ra.service || !rb.service || strcmp(ra.service, rb.service) != 0)
        return 0;
    return regions_overlap(&ra, &rb) && sides_overlap(&ra, &rb) &&
           same_drug(&ra, &rb);
}
