/* SPDX-License-Identifier: MIT */
/* This file is private to the intake module: the JSON field readers the
 * case and panel parsers share, the loaded tables, the calendar, name
 * comparison, and the stages imr_intake runs. Tests reach them here. */
#ifndef IMR_INTAKE_INT_H
#define IMR_INTAKE_INT_H

#include "imr/intake.h"

/*---- Reading JSON fields (fields.c) -------------------------------------*/

/* Reads fields into an arena; every refusal names the field's JSON path. */
typedef struct json_reader {
    imr_arena *arena;
    imr_error *err;
} json_reader;

enum { JSON_PATH_MAX = 200 };

/* Parses `json` into `*root` (the caller deletes it); malformed JSON is
 * refused with its line and column. */
imr_status imr__intake_parse_json(const char *json, size_t len, cJSON **root,
                                  imr_error *err);
/* "expected EXPECTED, found <what v is>" at `path`. */
imr_status imr__intake_refuse(json_reader *r, const char *path,
                              const char *expected, const cJSON *found);
/* The path of `key` under `parent` ("$.ur" + "date" -> "$.ur.date"). */
const char *imr__intake_path(char out[JSON_PATH_MAX], const char *parent,
                             const char *key);
/* The path of item `i` of `parent` ("$.records" -> "$.records[2]"). */
const char *imr__intake_index_path(char out[JSON_PATH_MAX], const char *parent,
                                   size_t i);

/* Each reads the member `key` of `obj` (whose path is `parent`); an absent
 * or null member leaves the default (NULL, UNSTATED, `*present` = 0). */
imr_status imr__intake_opt_object(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  const cJSON **out);
imr_status imr__intake_opt_string(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  const char **out);
/* A date in any form imr_text_parse_date reads, stored as ISO. */
imr_status imr__intake_opt_date(json_reader *r, const cJSON *obj,
                                const char *key, const char *parent,
                                const char **out);
imr_status imr__intake_opt_answer(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  imr_answer *out);
/* A number within [min, max]; `what` names it in a refusal. */
imr_status imr__intake_opt_number(json_reader *r, const cJSON *obj,
                                  const char *key, const char *parent,
                                  double min, double max, const char *what,
                                  double *out, int *present);
/* A list of non-empty strings; an absent list is empty. */
imr_status imr__intake_opt_strings(json_reader *r, const cJSON *obj,
                                   const char *key, const char *parent,
                                   const char ***out, size_t *count);

/* One accepted spelling of an enumerated value and what it means. */
typedef struct value_name {
    const char *name;
    int value;
} value_name;

/* Reads a string member and recognizes it among `names` (NULL-terminated),
 * ignoring case, spaces, hyphens and underscores; another value is refused
 * with `expected`. Leaves `*out` alone when the member is absent. */
imr_status imr__intake_opt_enum(json_reader *r, const cJSON *obj,
                                const char *key, const char *parent,
                                const value_name *names, const char *expected,
                                int *out, const char **as_written);

/*---- The case file (case.c, application.c) ------------------------------*/

/* The spellings of imr_delivery, and the refusal's list of them. */
extern const value_name imr__intake_deliveries[];
extern const char imr__intake_deliveries_expected[];

imr_status imr__intake_read_application(json_reader *r, const cJSON *root,
                                        imr_case *c);
imr_status imr__intake_read_parties(json_reader *r, const cJSON *root,
                                    imr_case *c);

/*---- Names and texts compared (names.c) ---------------------------------*/

/* True when `s` spells `canonical` ignoring case, spaces, hyphens and
 * underscores ("Non Certified" is "non-certified"). */
int imr__intake_same_value(const char *s, const char *canonical);
/* An organization's or person's name as comparable words: lower case,
 * letters and digits, "&" read as "and", legal-form words ("Inc.",
 * "LLC", "Co.", "The") dropped. Written into `out` (always terminated). */
void imr__intake_name_key(const char *name, char *out, size_t size);
/* True when one name's words appear, in order and together, in the
 * other's: "Example Claims" and "Example Claims Services, Inc." match. */
int imr__intake_names_match(const char *a, const char *b);
/* A request's text as comparable words: lower case, letters and digits,
 * without "for", "the", "of" and the like. */
void imr__intake_request_key(const char *text, char *out, size_t size);
/* A list in prose: "A", "A and B", "A, B and C" (or "or" for
 * `conjunction`). Lives in `arena`. */
const char *imr__intake_join(imr_arena *arena, const char *const *items,
                             size_t count, const char *conjunction);

/*---- The tables (tables.c) ----------------------------------------------*/

typedef struct intake_holiday {
    long day; /* days since 1970-01-01 */
    const char *name;
} intake_holiday;

/* One line of specialties.tsv: a service (NULL for "*") in a region (NULL
 * for "*") and the specialties that treat it. */
typedef struct intake_specialty_row {
    const char *service;
    const char *region;
    const char **specialties;
    size_t specialty_count;
} intake_specialty_row;

typedef struct intake_state {
    const char *code; /* "CA" */
    const char *name; /* "California" */
} intake_state;

struct imr_intake_rules {
    imr_arena *arena;
    intake_holiday *holidays; /* ascending */
    size_t holiday_count;
    int first_year; /* the years the holidays cover */
    int last_year;
    intake_specialty_row *rows;
    size_t row_count;
    intake_state *states;
    size_t state_count;
};

/* The specialties that treat `service` in `region` (either may be NULL):
 * the most specific row wins (service and region, service, region, then
 * "*" "*"). NULL when no row applies. */
const intake_specialty_row *
imr__intake_specialties(const imr_intake_rules *rules, const char *service,
                        const char *region);
/* The full name of a US state given by name or postal code ("ca",
 * "California"), or NULL when it is not a US state. */
const char *imr__intake_us_state(const imr_intake_rules *rules,
                                 const char *state);

/*---- The calendar (calendar.c) ------------------------------------------*/

/* Days since 1970-01-01 of an ISO date the readers produced (valid). */
long imr__intake_day(const char *iso);
/* The ISO date of a day number. */
void imr__intake_iso(long day, char iso[11]);
/* The same, in `arena`. */
const char *imr__intake_iso_in(imr_arena *arena, long day);
/* 0 Monday ... 6 Sunday. */
int imr__intake_weekday(long day);
/* "Monday" ... "Sunday". */
const char *imr__intake_weekday_name(long day);
/* The holiday that closes state offices that day, or NULL. */
const char *imr__intake_holiday(const imr_intake_rules *rules, long day);
int imr__intake_is_business_day(const imr_intake_rules *rules, long day);
/* The `n`th business day after `day` (n >= 1). */
long imr__intake_add_business_days(const imr_intake_rules *rules, long day,
                                   int n);
/* `day` when it is a business day, else the next one. */
long imr__intake_roll_forward(const imr_intake_rules *rules, long day);
/* Why `day` is not a business day: "a Saturday", "a Sunday", "Labor Day";
 * NULL for a business day. */
const char *imr__intake_closed_because(const imr_intake_rules *rules, long day);
/* True when the holidays cover the year of `day`. */
int imr__intake_covers(const imr_intake_rules *rules, long day);

/*---- The stages (eligibility.c, timeline.c, assign.c) -------------------*/

/* Appends a sentence to a growing list in the arena. */
typedef struct sentence_list {
    imr_arena *arena;
    const char **items;
    size_t count;
    size_t cap;
} sentence_list;

void imr__intake_say(sentence_list *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Every reason the application is not eligible, in the order of the
 * checks (docs/intake.md). */
void imr__intake_check_eligibility(const imr_intake_context *ctx,
                                   const imr_case *c, sentence_list *reasons);
/* The due dates of an eligible application. */
void imr__intake_due_dates(const imr_intake_context *ctx, const imr_case *c,
                           imr_arena *arena, imr_due due[IMR_DUE_COUNT]);
/* True when two requests dispute the same treatment: the same words, or
 * the same service, body region, side and drug. */
int imr__intake_same_request(const imr_catalogue *cat, const char *a,
                             const char *b);

#endif
