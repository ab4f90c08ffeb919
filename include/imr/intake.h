/* SPDX-License-Identifier: MIT */
/* Intake, the first stage of the pipeline: the case file read and checked
 * field by field; the application's eligibility for independent medical
 * review; whether it is expedited and its due dates; and the choice of a
 * qualified reviewer with no conflict of interest. The state holidays, the
 * specialties that treat each service and the US states are data in kb/;
 * the reviewer panel is a JSON file. docs/intake.md gives the rules and
 * their sources. */
#ifndef IMR_INTAKE_H
#define IMR_INTAKE_H

#include "imr/base.h"
#include "imr/json.h"
#include "imr/request.h"

/*---- The case file ------------------------------------------------------*/

/* A yes-or-no field that the case file may leave out. */
typedef enum imr_answer {
    IMR_ANSWER_UNSTATED = 0,
    IMR_ANSWER_NO,
    IMR_ANSWER_YES
} imr_answer;

/* Who filed the application (application.filed_by). */
typedef enum imr_filer {
    IMR_FILER_UNSTATED = 0,
    IMR_FILER_EMPLOYEE,
    IMR_FILER_ATTORNEY,
    IMR_FILER_REPRESENTATIVE,
    IMR_FILER_EMPLOYER,
    IMR_FILER_CLAIMS_ADMINISTRATOR,
    IMR_FILER_PROVIDER
} imr_filer;

/* The UR decision in dispute (ur.decision). */
typedef enum imr_ur_outcome {
    IMR_UR_UNSTATED = 0,
    IMR_UR_NON_CERTIFIED,
    IMR_UR_MODIFIED,
    IMR_UR_DELAYED,
    IMR_UR_CONDITIONALLY_NON_CERTIFIED
} imr_ur_outcome;

/* How a paper was served or sent (ur.served_by, application.notice). */
typedef enum imr_delivery {
    IMR_DELIVERY_UNSTATED = 0,
    IMR_DELIVERY_MAIL,
    IMR_DELIVERY_ELECTRONIC, /* e-mail or an online portal */
    IMR_DELIVERY_FAX,
    IMR_DELIVERY_PERSONAL /* by hand */
} imr_delivery;

typedef struct imr_case_record {
    const char *date; /* ISO, or NULL */
    const char *kind;
    const char *author;
    const char *text; /* never NULL */
} imr_case_record;

/* An earlier IMR application on the same claim
 * (application.previous_applications[]). */
typedef struct imr_prior_application {
    const char *case_number; /* or NULL */
    const char *received;    /* ISO, or NULL */
    const char *ur_date;     /* ISO, or NULL */
    const char **requests;
    size_t request_count;
    const char *status; /* as written ("decided", "pending"), or NULL */
} imr_prior_application;

/* A named party of the case: a key of "parties" and its value. */
typedef struct imr_party {
    const char *role; /* "employer", "claims_administrator", "insurer", ... */
    const char *name;
} imr_party;

typedef struct imr_application {
    int is_present;       /* the case file has "application" */
    const char *received; /* ISO, or NULL */
    imr_answer is_signed;
    imr_answer ur_attached; /* a copy of the UR decision came with it */
    imr_answer expedited;
    imr_answer liability_disputed; /* the claims administrator disputes
                                      liability for the claim */
    imr_filer filed_by;
    imr_delivery notice_by;       /* how the notice of assignment goes */
    const char *notice_sent;      /* ISO: the notice of assignment's date */
    const char *records_complete; /* ISO: the complete records arrived */
    imr_prior_application *previous;
    size_t previous_count;
} imr_application;

/* A case file (docs/case-file.md). Strings are NULL when not given. */
typedef struct imr_case {
    const char *case_number;
    imr_application application;
    const char *ur_date;   /* ISO: the UR decision's date */
    const char *ur_served; /* ISO: its date of service, when it differs */
    imr_delivery ur_served_by;
    const char *ur_decision;   /* as written */
    imr_ur_outcome ur_outcome; /* ur_decision, recognized */
    const char *sex;
    int age;                    /* -1 when not given */
    const char *date_of_injury; /* ISO */
    imr_party *parties;         /* in the file's order */
    size_t party_count;
    const char **requests; /* at least one */
    /* What the UR decision cited for each request ("MTUS Chronic Pain
     * Treatment Guidelines Physical therapy"), NULL where not given. */
    const char **ur_guidelines;
    size_t request_count;
    imr_case_record *records;
    size_t record_count;
} imr_case;

/* What the reader of a case file needs beyond well-formed fields. */
typedef enum imr_case_use {
    IMR_CASE_FOR_REVIEW = 0, /* requests and at least one record */
    IMR_CASE_FOR_INTAKE      /* requests; records arrive after assignment */
} imr_case_use;

/* Reads a case file (docs/case-file.md). A field of the wrong type or
 * value, or a missing request or (for review) record, is refused with its
 * JSON path in err->path ("$.requests[2].text: expected a string, found a
 * number"); malformed JSON with its line and column. Everything lives in
 * `arena`; on error `*out` is untouched. */
imr_status imr_case_read(const char *json, size_t len, imr_case_use use,
                         imr_arena *arena, imr_case **out, imr_error *err);
/* imr_case_read for review: at least one record is required. */
imr_status imr_case_parse(const char *json, size_t len, imr_arena *arena,
                          imr_case **out, imr_error *err);

/* "employee", "claims administrator", ...; "" for UNSTATED. */
const char *imr_filer_name(imr_filer filer);
/* "non-certified", "conditionally non-certified", ...; "" for UNSTATED. */
const char *imr_ur_outcome_name(imr_ur_outcome outcome);
/* "mail", "electronic", "fax", "personal"; "" for UNSTATED. */
const char *imr_delivery_name(imr_delivery delivery);

/*---- The intake tables (kb/) --------------------------------------------*/

/* State holidays (kb/holidays.tsv), the specialties that treat each
 * service and body region (kb/specialties.tsv) and the US states
 * (kb/us_states.tsv). Immutable once loaded; share it between threads. */
typedef struct imr_intake_rules imr_intake_rules;

/* Loads the three tables of kb_dir; a table kb_dir lacks is read from the
 * default knowledge base. `cat` checks the service and region ids of
 * specialties.tsv and must outlive nothing (it is not kept). On error
 * `*out` is untouched and `err` names the file, line and column. Free with
 * imr_intake_rules_free (NULL is fine). */
imr_status imr_intake_rules_load(const char *kb_dir, const imr_catalogue *cat,
                                 imr_intake_rules **out, imr_error *err);
void imr_intake_rules_free(imr_intake_rules *rules);
/* What the tables hold, for `imr kb check`: holidays and the years they
 * cover, specialty rows and states. */
void imr_intake_rules_counts(const imr_intake_rules *rules, size_t *holidays,
                             int *first_year, int *last_year,
                             size_t *specialty_rows, size_t *states);

/*---- The reviewer panel -------------------------------------------------*/

/* A tie to a person or organization (affiliations.<kind>[]). */
typedef struct imr_affiliation {
    const char *kind; /* "employers", "insurers", "claims_administrators",
                         "ur_organizations", "providers", "facilities",
                         "manufacturers", or another the panel names */
    const char *name;
} imr_affiliation;

/* One expert reviewer of the panel file (docs/intake.md). */
typedef struct imr_reviewer {
    const char *id;
    const char *name;            /* never shown: ids and credentials are */
    const char **certifications; /* board certifications */
    size_t certification_count;
    const char **states; /* states of licensure, as written */
    size_t state_count;
    int years_in_practice; /* -1 when not given */
    double weekly_clinical_hours;
    const char **discipline; /* disciplinary actions; none if empty */
    size_t discipline_count;
    imr_affiliation *affiliations;
    size_t affiliation_count;
    int open_cases;
} imr_reviewer;

typedef struct imr_panel {
    imr_reviewer *reviewers;
    size_t reviewer_count;
    double min_weekly_clinical_hours; /* 0: any clinical hours at all */
    int min_years_in_practice;        /* 0: no minimum */
} imr_panel;

/* Reads a panel file. Fields of the wrong type or value, a missing
 * required field and a repeated id are refused with the JSON path
 * ("$.reviewers[3].open_cases: expected a count of open cases (0 or more),
 * found -1");
 * malformed JSON with its line and column. Everything lives in `arena`;
 * on error `*out` is untouched. */
imr_status imr_panel_parse(const char *json, size_t len, imr_arena *arena,
                           imr_panel **out, imr_error *err);

/*---- The intake result --------------------------------------------------*/

/* What a letter says of its reviewer: never the name. */
typedef struct imr_reviewer_credentials {
    const char *certification; /* "Physical Medicine and Rehabilitation" */
    const char *licensure;     /* the states as a sentence says them:
                                  "California and Nevada" */
    const char *const *states; /* the same states, one by one */
    size_t state_count;
} imr_reviewer_credentials;

typedef struct imr_passed_over {
    const imr_reviewer *reviewer;
    const char *reason; /* sentences: every reason it was not chosen */
} imr_passed_over;

/* The reviewer chosen for a case, or why nobody was. */
typedef struct imr_assignment {
    const imr_reviewer *reviewer;         /* NULL when nobody qualifies */
    imr_reviewer_credentials credentials; /* the reviewer's certifications
                                             that matched, and US states */
    const char *reason;                   /* why this one, or why nobody */
    imr_passed_over *passed_over;         /* the others, in panel order */
    size_t passed_over_count;
} imr_assignment;

typedef enum imr_deadline {
    IMR_DUE_ASSIGNMENT_NOTICE = 0,
    IMR_DUE_RECORDS,
    IMR_DUE_DETERMINATION,
    IMR_DUE_COUNT
} imr_deadline;

typedef struct imr_due {
    const char *date;  /* ISO, or NULL when it cannot be computed */
    const char *basis; /* how it was counted, naming the dates used */
    int is_overdue;    /* passed by the reference date, with nothing
                          recorded as done */
} imr_due;

typedef struct imr_intake_result {
    const imr_case *c;
    int is_eligible;
    const char **reasons; /* plain sentences; none when eligible */
    size_t reason_count;
    int is_expedited;
    imr_due due[IMR_DUE_COUNT];
    const char *as_of; /* the reference date of the overdue flags */
    int has_panel;     /* an assignment was attempted */
    imr_assignment assignment;
} imr_intake_result;

typedef struct imr_intake_context {
    const imr_intake_rules *rules;
    const imr_catalogue *catalogue;
    const imr_panel *panel; /* NULL: no reviewer is chosen */
    const char *as_of;      /* ISO "today" for overdue flags, or NULL; the
                               library never reads the clock */
} imr_intake_context;

/* Checks the application, computes its due dates and, when it is eligible
 * and ctx->panel is set, assigns a reviewer. Never fails on a case that
 * was read: what is missing becomes a reason. The result borrows the case
 * and the panel, which must outlive it; everything else it holds lives in
 * `arena` (the tables may be freed first). */
void imr_intake(const imr_intake_context *ctx, const imr_case *c,
                imr_arena *arena, imr_intake_result **out);

/* Chooses the reviewer of ctx->panel for the case's requests, whatever the
 * application's eligibility (`imr review --panel` uses it alone); with
 * no ctx->panel nobody is. Fills `*out`, which borrows the panel's
 * reviewers and certifications; the reasons, states and credentials live
 * in `arena`. */
void imr_intake_assign(const imr_intake_context *ctx, const imr_case *c,
                       imr_arena *arena, imr_assignment *out);

/* Fills `out` with credentials as a letter states them, from a
 * certification and the states of licensure as a determination's JSON
 * keeps them: `licensure` joins the states as a sentence says them
 * ("California and Nevada"). `out` borrows `certification` and `states`;
 * the sentence lives in `arena`. */
void imr_intake_credentials(const char *certification,
                            const char *const *states, size_t state_count,
                            imr_arena *arena, imr_reviewer_credentials *out);

/* "assignment_notice", "records", "determination". */
const char *imr_deadline_name(imr_deadline deadline);

/* The intake result as JSON (DESIGN.md; docs/intake.md). Strings are
 * borrowed from the result, which must outlive the JSON. The caller
 * deletes it. */
cJSON *imr_intake_to_json(const imr_intake_result *result);
/* The same, as text for a person to read. Appends to `out`. */
void imr_intake_render_text(const imr_intake_result *result, imr_buf *out);

#endif
