/* SPDX-License-Identifier: MIT */
/* The case's variables: what the facts of the records settle about prior
 * treatment, diagnoses and documentation, and what the request states.
 * Absence is unknown unless a variable says otherwise: a diagnosis not
 * named is false, a treatment never mentioned was not tried. */
#include "review_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set(review_env *env, const char *name, imr_value v)
{
    size_t i;
    for(i = 0; i < env->count; i++) {
        if(strcmp(env->vars[i].name, name) == 0) {
            env->vars[i].value = v;
            return;
        }
    }
    if(env->count == env->cap) {
        size_t cap = env->cap ? env->cap * 2 : 128;
        review_var *grown = imr_arena_alloc(env->arena, cap * sizeof(*grown));
        if(env->count)
            memcpy(grown, env->vars, env->count * sizeof(*grown));
        env->vars = grown;
        env->cap = cap;
    }
    env->vars[env->count].name = imr_arena_strdup(env->arena, name);
    env->vars[env->count].value = v;
    env->count++;
}

static imr_value boolean(int b)
{
    imr_value v = {IMR_VALUE_BOOLEAN, 0, b ? 1 : 0, NULL};
    return v;
}

static imr_value number(double n)
{
    imr_value v = {IMR_VALUE_NUMBER, n, 0, NULL};
    return v;
}

static imr_value unknown(void)
{
    imr_value v = {IMR_VALUE_UNKNOWN, 0, 0, NULL};
    return v;
}

static void set_named(review_env *env, const char *prefix, const char *name,
                      const char *suffix, imr_value v)
{
    char full[128];
    snprintf(full, sizeof(full), "%s%s%s", prefix, name, suffix);
    set(env, full, v);
}

imr_value imr__review_lookup(void *data, const char *name)
{
    const review_env *env = data;
    size_t i;
    for(i = 0; i < env->count; i++) {
        if(strcmp(env->vars[i].name, name) == 0)
            return env->vars[i].value;
    }
    return unknown();
}

imr_kb_env imr__review_kb_env(review_env *env)
{
    imr_kb_env e = {imr__review_lookup, env};
    return e;
}

/*---- Facts ---------------------------------------------------------------*/

/* A fact about the patient that the text affirms. */
static int affirmed(const imr_fact *f)
{
    return f->context.polarity == IMR_POLARITY_AFFIRMED &&
           f->context.experiencer == IMR_EXPERIENCER_PATIENT;
}

static int negated(const imr_fact *f)
{
    return f->context.polarity == IMR_POLARITY_NEGATED &&
           f->context.experiencer == IMR_EXPERIENCER_PATIENT;
}

static int is(const imr_fact *f, const char *kind, const char *name)
{
    return strcmp(f->kind, kind) == 0 && (!name || strcmp(f->name, name) == 0);
}

/* A treatment given before, not one requested or merely considered. */
static int tried(const imr_fact *f)
{
    return is(f, "treatment", NULL) && affirmed(f) && !f->value &&
           f->context.temporality != IMR_TEMPORALITY_HYPOTHETICAL;
}

typedef struct tally {
    int tried;
    int sessions;       /* the largest count stated, -1 none */
    int improved;
    int failed;
} tally;

/* Folds one treatment fact into the tallies of its name. */
static void add_tally(tally *t, const imr_fact *f)
{
    t->tried = 1;
    if(f->count > t->sessions)
        t->sessions = f->count;
    if(f->response && strcmp(f->response, "improved") == 0)
        t->improved = 1;
    if(f->response && (strcmp(f->response, "no_benefit") == 0 ||
                       strcmp(f->response, "minimal_or_temporary") == 0))
        t->failed = 1;
}

/* Documentation: true when affirmed, false when only denied, unknown when
 * the records never say. */
typedef struct documented {
    const char *variable;
    const char *kind;
    const char *names[6];
} documented;

static const documented documentation[] = {
    {"functional_improvement", "function", {"functional_improvement"}},
    {"functional_limitation", NULL,
     {"functional_limitation", "motor_deficit", "range_of_motion",
      "antalgic_gait", "assistive_device", "activities_of_daily_living"}},
    {"pain_scores", NULL, {"pain_scores", "pain_score"}},
    {"plateau", "function", {"plateau"}},
    {"neurological_deficit", "finding",
     {"sensory_deficit", "motor_deficit", "reflex_deficit",
      "neurological_deficit"}},
    {"red_flag", "red_flag", {NULL}},
    {"surgical_candidate", "surgery_plan", {"surgical_candidate"}},
    {"medication_reduction", "function", {"medication_reduction"}},
    {"medication_intolerance", "function", {"medication_intolerance"}},
    {"urine_drug_screen", "monitoring", {"urine_drug_screen"}},
    {"pain_agreement", "monitoring", {"pain_agreement"}},
    {"aberrant_behavior", "monitoring", {"aberrant_behavior"}},
    {"cures_report", "monitoring", {"cures_report"}},
    {"gi_risk", "gi_risk", {NULL}},
    {"job_demands", "work", {"job_demands"}},
    {"return_to_work_goal", "work", {"return_to_work"}},
    {"work_restrictions", "work",
     {"work_restrictions", "modified_duty", "off_work"}},
    {"functional_capacity_evaluation", "imaging",
     {"functional_capacity_evaluation"}},
    {"request_rationale", "request", {"request_rationale"}},
    {"weight_bearing_limitation", "function", {"weight_bearing_limitation"}},
    {"trigger_points", "finding", {"trigger_points"}},
    {"homebound", "function", {"homebound"}},
    {"skilled_care_need", "function", {"skilled_care_need"}},
    {"screening", "function", {"program_screening"}},
    {"opioid_use", "medication", {"opioid"}},
    {"new_injury", "function", {"new_injury"}},
};

static int names_match(const documented *d, const imr_fact *f)
{
    size_t k;
    if(d->kind && strcmp(f->kind, d->kind) != 0)
        return 0;
    if(!d->names[0])
        return 1;
    for(k = 0; k < 6 && d->names[k]; k++) {
        if(strcmp(f->name, d->names[k]) == 0)
            return 1;
    }
    return 0;
}

static void settle_documentation(review_env *env, const imr_facts *all,
                                 size_t n)
{
    size_t d, i;
    for(d = 0; d < sizeof(documentation) / sizeof(documentation[0]); d++) {
        int yes = 0, no = 0;
        for(i = 0; i < n; i++) {
            const imr_fact *f = &all->items[i];
            if(!names_match(&documentation[d], f))
                continue;
            if(affirmed(f) &&
               f->context.temporality != IMR_TEMPORALITY_HYPOTHETICAL)
                yes = 1;
            else if(negated(f))
                no = 1;
        }
        set_named(env, "documented.", documentation[d].variable, "",
                  yes ? boolean(1) : no ? boolean(0) : unknown());
    }
}

static const char *const treatments[] = {
    "physical_therapy", "occupational_therapy", "chiropractic",
    "acupuncture", "massage", "aquatic_therapy", "epidural_steroid_injection",
    "facet_injection", "trigger_point_injection", "injection", "tens",
    "surgery", "home_exercise_program", "work_hardening", "work_conditioning",
    "functional_restoration", "psychotherapy", "medication",
};

enum { TREATMENT_COUNT = sizeof(treatments) / sizeof(treatments[0]) };

static void settle_treatments(review_env *env, const imr_facts *all)
{
    tally t[TREATMENT_COUNT];
    size_t i, k;
    int any_failed = 0;

    memset(t, 0, sizeof(t));
    for(k = 0; k < TREATMENT_COUNT; k++)
        t[k].sessions = -1;
    for(i = 0; i < all->count; i++) {
        const imr_fact *f = &all->items[i];
        if(!tried(f))
            continue;
        for(k = 0; k < TREATMENT_COUNT; k++) {
            if(strcmp(f->name, treatments[k]) == 0)
                add_tally(&t[k], f);
        }
    }
    for(k = 0; k < TREATMENT_COUNT; k++) {
        const char *n = treatments[k];
        set_named(env, "prior.", n, ".tried", boolean(t[k].tried));
        /* Never tried: none done. Tried without a count: unknown. */
        set_named(env, "prior.", n, ".sessions",
                  !t[k].tried            ? number(0)
                  : t[k].sessions >= 0 ? number(t[k].sessions)
                                       : unknown());
        set_named(env, "prior.", n, ".improved",
                  t[k].tried ? boolean(t[k].improved) : unknown());
        set_named(env, "prior.", n, ".failed", boolean(t[k].failed));
        any_failed |= t[k].failed && strcmp(n, "home_exercise_program") != 0;
    }
    set(env, "documented.failed_conservative_care",
        any_failed ? boolean(1) : unknown());
}

static void settle_diagnoses(review_env *env, const imr_facts *all)
{
    static const char *const names[] = {
        "radiculopathy", "myalgia_myositis", "neuralgia_neuritis",
        "sprain_strain", "cervicalgia", "low_back_pain", "crps",
        "degenerative_disc_disease", "stenosis", "disc_herniation",
        "disc_bulge", "chronic_pain", "carpal_tunnel_syndrome",
        "rotator_cuff_tear", "impingement", "meniscus_tear", "depression",
    };
    size_t k, i;
    for(k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        int yes = 0;
        for(i = 0; i < all->count && !yes; i++) {
            const imr_fact *f = &all->items[i];
            yes = is(f, "diagnosis", names[k]) && affirmed(f);
        }
        set_named(env, "diagnosis.", names[k], "", boolean(yes));
    }
}

/*---- The case ------------------------------------------------------------*/

/* All records' facts in one list, so the settlers see the whole file. */
static void gather_facts(const imr_review_context *ctx, const imr_case *c,
                         imr_arena *arena, imr_facts *all)
{
    size_t r, total = 0;
    imr_facts *parts = imr_arena_alloc(arena,
                                       (c->record_count + 1) *
                                           sizeof(imr_facts));
    for(r = 0; r < c->record_count; r++) {
        const char *text = c->records[r].text;
        imr_extract_facts(ctx->extractor, text, strlen(text), arena,
                          &parts[r]);
        total += parts[r].count;
    }
    all->items = imr_arena_alloc(arena, (total + 1) * sizeof(imr_fact));
    all->count = 0;
    for(r = 0; r < c->record_count; r++) {
        memcpy(all->items + all->count, parts[r].items,
               parts[r].count * sizeof(imr_fact));
        all->count += parts[r].count;
    }
}

static double years_between(const char *from, const char *to)
{
    double y1 = strtod(from, NULL), y2 = strtod(to, NULL);
    double m1 = strtod(from + 5, NULL), m2 = strtod(to + 5, NULL);
    return (y2 - y1) + (m2 - m1) / 12.0;
}

static void settle_claimant(review_env *env, const imr_review_context *ctx,
                            const imr_case *c, const imr_facts *all)
{
    const char *injury = c->date_of_injury, *when;
    size_t i;

    for(i = 0; i < all->count && !injury; i++) {
        if(strcmp(all->items[i].name, "date_of_injury") == 0)
            injury = all->items[i].date;
    }
    when = c->ur_date ? c->ur_date : ctx->review_date;
    set(env, "claimant.years_since_injury",
        injury && when ? number(years_between(injury, when)) : unknown());
    set(env, "claimant.age", c->age >= 0 ? number(c->age) : unknown());
}

/* Months between two ISO dates, by calendar month. */
static double months_between(const char *from, const char *to)
{
    return years_between(from, to) * 12.0;
}

/* Imaging done (not requested) whose sentence names a finding; and the
 * months since the latest surgery the records date. */
static void settle_imaging_and_surgery(review_env *env,
                                       const imr_review_context *ctx,
                                       const imr_case *c,
                                       const imr_facts *all)
{
    const char *surgery = NULL, *when = c->ur_date ? c->ur_date
                                                   : ctx->review_date;
    int imaging = 0;
    size_t i, k;

    for(i = 0; i < all->count; i++) {
        const imr_fact *f = &all->items[i];
        if(is(f, "imaging", NULL) && affirmed(f) && !f->value) {
            for(k = 0; k < all->count && !imaging; k++) {
                const imr_fact *g = &all->items[k];
                imaging = is(g, "diagnosis", NULL) && affirmed(g) &&
                          g->sentence.offset == f->sentence.offset &&
                          g->sentence.length == f->sentence.length;
            }
        }
        if((is(f, "treatment", "surgery") || is(f, "surgery_status", NULL)) &&
           f->context.polarity == IMR_POLARITY_AFFIRMED && f->date &&
           strlen(f->date) == 10 && (!surgery || strcmp(f->date, surgery) > 0))
            surgery = f->date;
    }
    set(env, "documented.imaging_findings",
        imaging ? boolean(1) : unknown());
    set(env, "case.postsurgical_months",
        surgery && when && strcmp(when, surgery) >= 0
            ? number(months_between(surgery, when))
            : unknown());
}

void imr__review_env_case(review_env *env, const imr_review_context *ctx,
                          const imr_case *c)
{
    imr_facts all;

    gather_facts(ctx, c, env->arena, &all);
    env->facts = all;
    settle_treatments(env, &all);
    settle_diagnoses(env, &all);
    settle_documentation(env, &all, all.count);
    settle_claimant(env, ctx, c, &all);
    settle_imaging_and_surgery(env, ctx, c, &all);
}

void imr__review_env_request(review_env *env, const imr_request *req)
{
    set(env, "request.visits",
        req->visits >= 0 ? number(req->visits) : unknown());
    set(env, "request.per_week",
        req->per_week >= 0 ? number(req->per_week) : unknown());
    set(env, "request.weeks",
        req->weeks >= 0 ? number(req->weeks) : unknown());
    set(env, "request.has_frequency", boolean(req->per_week >= 0));
    set(env, "request.has_duration", boolean(req->weeks >= 0));
    set(env, "request.has_body_region", boolean(req->body_region_count > 0));
    set(env, "request.quantity",
        req->is_drug && req->quantity >= 0 ? number(req->quantity)
                                           : unknown());
    set(env, "request.strength_stated",
        boolean(req->is_drug && req->strength[0]));
}
