/* SPDX-License-Identifier: MIT */
/* One disputed treatment request, as written ("PT 2X4 FOR THE L/S"), parsed
 * into a service from the catalogue, visits, frequency, duration, body
 * regions, laterality, spinal levels and, for drugs, name, strength and
 * quantity. The services catalogue and body regions are data in kb/. */
#ifndef IMR_REQUEST_H
#define IMR_REQUEST_H

#include "imr/base.h"
#include "imr/json.h"

/* The services catalogue and body-region vocabulary, loaded from kb/.
 * Immutable once loaded; share it freely between threads. */
typedef struct imr_catalogue imr_catalogue;

/* Loads kb_dir/services.tsv and kb_dir/body_regions.tsv (their format is
 * described at the top of each). On error `*out` is untouched and `err`
 * names the file, line and column: IMR_EINPUT for a malformed file, IMR_EIO
 * when one cannot be read. Free with imr_catalogue_free (NULL is fine). */
imr_status imr_catalogue_load(const char *kb_dir, imr_catalogue **out,
                              imr_error *err);
void imr_catalogue_free(imr_catalogue *cat);
/* True when `id` is a service id of the catalogue ("physical_therapy"). */
int imr_catalogue_has_service(const imr_catalogue *cat, const char *id);
/* True when `id` is a body-region id of the catalogue ("lumbar_spine"). */
int imr_catalogue_has_region(const imr_catalogue *cat, const char *id);

typedef enum imr_laterality {
    IMR_LATERALITY_NONE = 0,
    IMR_LATERALITY_LEFT,
    IMR_LATERALITY_RIGHT,
    IMR_LATERALITY_BILATERAL
} imr_laterality;

/* "left", "right", "bilateral", or NULL for NONE. */
const char *imr_laterality_name(imr_laterality lat);

enum {
    IMR_REQUEST_MAX_REGIONS = 8,
    IMR_REQUEST_MAX_LEVELS = 4,
    IMR_REQUEST_MAX_ALSO = 4
};

/* A parsed request. Numbers are -1 when the text does not state them.
 * String pointers of `service`, `service_kind` and `body_regions` point into
 * the catalogue and live as long as it does. */
typedef struct imr_request {
    const char *service;      /* "physical_therapy", or NULL when unknown */
    const char *service_kind; /* "therapy", "imaging", "drug", ... or NULL */
    /* Other services the request names, of the same rank as `service`
     * ("EMG/NCV" is emg, also ncv); a lower-ranked, more general service
     * is not listed ("work hardening physical therapy" is work_hardening
     * alone). Catalogue strings, like `service`. */
    const char *also[IMR_REQUEST_MAX_ALSO];
    size_t also_count;
    int visits;               /* total sessions or visits; per_week *
                                 weeks when only those are stated */
    int per_week;             /* sessions a week */
    int weeks;                /* weeks of treatment */
    const char *body_regions[IMR_REQUEST_MAX_REGIONS];
    size_t body_region_count;
    imr_laterality laterality;
    char levels[IMR_REQUEST_MAX_LEVELS][16]; /* "L4-5", "C5-6" */
    size_t level_count;
    int is_drug;              /* a drug: the four fields below are
                                 meaningful (else "" and -1) */
    char drug_name[64];       /* "norco", as written, lower case; "" for
                                 a class word alone ("opioids") */
    char strength[32];        /* "10/325 mg", "5%", or "" */
    int quantity;             /* "#90" -> 90 */
    int refills;              /* "x 2 refills" -> 2 */
    int is_retrospective;     /* "Retrospective request for ..." */
} imr_request;

/* Parses `text` (len bytes, need not be NUL-terminated) into `*out`, which
 * needs no initializing; nothing is allocated. Never fails on words it does
 * not know: they leave fields unknown. A range ("2-3x/week") counts its
 * upper end. Requests are a line long: only the first kilobyte or so is
 * read. Returns IMR_EINPUT, with `*out` untouched, only for text that is
 * empty (or white space) or not text at all (a NUL byte). `cat` must not
 * be NULL; `err` may be. */
imr_status imr_request_parse(const imr_catalogue *cat, const char *text,
                             size_t len, imr_request *out, imr_error *err);

/* A new JSON object with the fields of DESIGN.md, in this order: service,
 * service_kind, also (a list), visits, per_week, weeks, body_regions,
 * laterality, levels, retrospective (true or false) and drug (null unless
 * a drug, else {name, strength, quantity, refills}). Unknown strings and
 * numbers are null. Strings are borrowed from the request and the
 * catalogue, which must outlive the JSON. The caller deletes it. */
cJSON *imr_request_to_json(const imr_request *req);
/* Adds the same fields to an existing object (a letter's item). */
void imr_request_add_json(cJSON *object, const imr_request *req);

#endif
