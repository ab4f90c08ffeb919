/* SPDX-License-Identifier: MIT */
/* The choice of a reviewer: licensed in a US state, board certified in a
 * specialty that treats every request, no disciplinary history, no
 * affiliation with a party of the case, in active clinical practice; of
 * those, the one with the fewest open cases (ties by id). Every other
 * reviewer is passed over with all of its reasons. */
#include "imr/intake.h"

#include <stdlib.h>
#include <string.h>

#include "intake_int.h"

/* What the reviewer must be qualified for: a request in one of its body
 * regions, and the specialties that treat it there. */
typedef struct need {
    const char *request;
    const intake_specialty_row *row; /* NULL: no row maps it */
} need;

typedef struct need_list {
    need *items;
    size_t count;
} need_list;

/* One reviewer measured against the case. */
typedef struct standing {
    imr_buf why_not;      /* every reason it cannot review the case */
    const char **matched; /* its certifications that treat a request */
    size_t matched_count;
    const char **states; /* its US states, full names */
    size_t state_count;
} standing;

/*---- What the case needs ------------------------------------------------*/

static void add_need(need_list *needs, const char *request,
                     const intake_specialty_row *row)
{
    size_t i;
    /* Two regions the same specialties treat ask the same question. */
    for(i = 0; row && i < needs->count; i++) {
        if(needs->items[i].row == row)
            return;
    }
    needs->items[needs->count].request = request;
    needs->items[needs->count].row = row;
    needs->count++;
}

static void list_needs(const imr_intake_context *ctx, const imr_case *c,
                       imr_arena *arena, need_list *needs)
{
    size_t i, j;

    needs->count = 0;
    needs->items = imr_arena_alloc(
        arena, (c->request_count + 1) * IMR_REQUEST_MAX_REGIONS * sizeof(need));
    for(i = 0; i < c->request_count; i++) {
        const char *text = c->requests[i];
        imr_request req;
        if(imr_request_parse(ctx->catalogue, text, strlen(text), &req, NULL) !=
           IMR_OK)
            memset(&req, 0, sizeof(req));
        if(req.body_region_count == 0)
            add_need(needs, text,
                     imr__intake_specialties(ctx->rules, req.service, NULL));
        for(j = 0; j < req.body_region_count; j++)
            add_need(needs, text,
                     imr__intake_specialties(ctx->rules, req.service,
                                             req.body_regions[j]));
    }
}

/*---- The checks ---------------------------------------------------------*/

/* Appends an id as words: underscores read as spaces, "ur" as "UR"
 * ("ur_organization" is "UR organization"). */
static void put_words(imr_buf *out, const char *s)
{
    while(*s) {
        size_t n = strcspn(s, "_");
        if(n == 2 && (s[0] == 'u' || s[0] == 'U') &&
           (s[1] == 'r' || s[1] == 'R'))
            imr_buf_puts(out, "UR");
        else
            imr_buf_append(out, s, n);
        s += n;
        if(*s == '_') {
            imr_buf_putc(out, ' ');
            s++;
        }
    }
}

static void start_sentence(imr_buf *out)
{
    if(out->len)
        imr_buf_putc(out, ' ');
}

/* A period, unless the sentence already ends in one ("Example Co."). */
static void end_sentence(imr_buf *out)
{
    if(out->len == 0 || out->data[out->len - 1] != '.')
        imr_buf_putc(out, '.');
}

static void check_conflicts(const imr_case *c, const imr_reviewer *rv,
                            imr_buf *why_not)
{
    size_t i, j;

    for(i = 0; i < rv->affiliation_count; i++) {
        const imr_affiliation *af = &rv->affiliations[i];
        for(j = 0; j < c->party_count; j++) {
            if(!imr__intake_names_match(af->name, c->parties[j].name))
                continue;
            start_sentence(why_not);
            imr_buf_printf(why_not,
                           "Conflict of interest: affiliated with "
                           "%s (",
                           af->name);
            put_words(why_not, af->kind);
            imr_buf_puts(why_not, "), which matches the case's ");
            put_words(why_not, c->parties[j].role);
            imr_buf_printf(why_not, ", %s", c->parties[j].name);
            end_sentence(why_not);
        }
    }
}

static void check_discipline(const imr_reviewer *rv, imr_arena *arena,
                             imr_buf *why_not)
{
    if(rv->discipline_count == 0)
        return;
    start_sentence(why_not);
    imr_buf_printf(
        why_not, "Has a disciplinary history: %s",
        imr__intake_join(arena, rv->discipline, rv->discipline_count, "and"));
    end_sentence(why_not);
}

static void check_licence(const imr_intake_context *ctx, const imr_reviewer *rv,
                          imr_arena *arena, standing *s)
{
    size_t i;

    s->states = imr_arena_alloc(arena, (rv->state_count + 1) * sizeof(char *));
    for(i = 0; i < rv->state_count; i++) {
        const char *state = imr__intake_us_state(ctx->rules, rv->states[i]);
        /* Copied: the result must not outlive the tables' names. */
        if(state)
            s->states[s->state_count++] = imr_arena_strdup(arena, state);
    }
    if(s->state_count)
        return;
    start_sentence(&s->why_not);
    if(rv->state_count == 0)
        imr_buf_puts(&s->why_not, "Holds no licence to practice.");
    else
        imr_buf_printf(
            &s->why_not, "Holds no licence in a US state (licensed in %s).",
            imr__intake_join(arena, rv->states, rv->state_count, "and"));
}

static int is_same_specialty(const char *a, const char *b)
{
    char key_a[128], key_b[128];
    imr__intake_name_key(a, key_a, sizeof(key_a));
    imr__intake_name_key(b, key_b, sizeof(key_b));
    return key_a[0] && strcmp(key_a, key_b) == 0;
}

/* The reviewer's first certification among the row's specialties. */
static const char *matching_certification(const imr_reviewer *rv,
                                          const intake_specialty_row *row)
{
    size_t i, j;
    for(i = 0; i < rv->certification_count; i++) {
        for(j = 0; j < row->specialty_count; j++) {
            if(is_same_specialty(rv->certifications[i], row->specialties[j]))
                return rv->certifications[i];
        }
    }
    return NULL;
}

static void note_match(standing *s, const char *certification)
{
    size_t i;
    for(i = 0; i < s->matched_count; i++) {
        if(s->matched[i] == certification)
            return;
    }
    s->matched[s->matched_count++] = certification;
}

static void say_unqualified(const imr_reviewer *rv, const need *n,
                            imr_arena *arena, imr_buf *why_not)
{
    start_sentence(why_not);
    if(!n->row) {
        imr_buf_printf(why_not,
                       "No specialty in kb/specialties.tsv is "
                       "listed as treating \"%s\".",
                       n->request);
        return;
    }
    imr_buf_printf(
        why_not,
        "Not board certified in a specialty that treats \"%s\" (%s); "
        "certified in %s.",
        n->request,
        imr__intake_join(arena, n->row->specialties, n->row->specialty_count,
                         "or"),
        rv->certification_count
            ? imr__intake_join(arena, rv->certifications,
                               rv->certification_count, "and")
            : "nothing");
}

static void check_certification(const imr_reviewer *rv, const need_list *needs,
                                imr_arena *arena, standing *s)
{
    size_t i;

    s->matched = imr_arena_alloc(arena, (needs->count + 1) * sizeof(char *));
    for(i = 0; i < needs->count; i++) {
        const need *n = &needs->items[i];
        const char *match = n->row ? matching_certification(rv, n->row) : NULL;
        if(match)
            note_match(s, match);
        else
            say_unqualified(rv, n, arena, &s->why_not);
    }
}

static void check_practice(const imr_panel *panel, const imr_reviewer *rv,
                           imr_buf *why_not)
{
    if(rv->weekly_clinical_hours <= 0) {
        start_sentence(why_not);
        imr_buf_puts(why_not, "Not in active clinical practice (no clinical "
                              "hours a week).");
    } else if(rv->weekly_clinical_hours < panel->min_weekly_clinical_hours) {
        start_sentence(why_not);
        imr_buf_printf(why_not,
                       "Works %g clinical hours a week, fewer than the "
                       "panel's minimum of %g.",
                       rv->weekly_clinical_hours,
                       panel->min_weekly_clinical_hours);
    }
    if(panel->min_years_in_practice <= 0)
        return;
    if(rv->years_in_practice < 0) {
        start_sentence(why_not);
        imr_buf_printf(why_not,
                       "Its years in practice are not recorded, and the "
                       "panel asks for %d.",
                       panel->min_years_in_practice);
    } else if(rv->years_in_practice < panel->min_years_in_practice) {
        start_sentence(why_not);
        imr_buf_printf(why_not,
                       "Has %d years in practice, fewer than the panel's "
                       "minimum of %d.",
                       rv->years_in_practice, panel->min_years_in_practice);
    }
}

static void measure(const imr_intake_context *ctx, const imr_case *c,
                    const need_list *needs, const imr_reviewer *rv,
                    imr_arena *arena, standing *s)
{
    memset(s, 0, sizeof(*s));
    imr_buf_init(&s->why_not);
    check_conflicts(c, rv, &s->why_not);
    check_discipline(rv, arena, &s->why_not);
    check_licence(ctx, rv, arena, s);
    check_certification(rv, needs, arena, s);
    check_practice(ctx->panel, rv, &s->why_not);
}

/*---- The choice ---------------------------------------------------------*/

static int is_qualified(const standing *s)
{
    return s->why_not.len == 0;
}

/* The qualified reviewer with the fewest open cases, the first by id on a
 * tie; -1 when nobody qualifies. */
static long choose(const imr_panel *panel, const standing *standings)
{
    long best = -1;
    size_t i;

    for(i = 0; i < panel->reviewer_count; i++) {
        const imr_reviewer *rv = &panel->reviewers[i], *b;
        if(!is_qualified(&standings[i]))
            continue;
        b = best >= 0 ? &panel->reviewers[best] : NULL;
        if(!b || rv->open_cases < b->open_cases ||
           (rv->open_cases == b->open_cases && strcmp(rv->id, b->id) < 0))
            best = (long)i;
    }
    return best;
}

static const char *busier_reason(const imr_reviewer *rv,
                                 const imr_reviewer *chosen, imr_arena *arena)
{
    imr_buf why;
    const char *reason;

    imr_buf_init(&why);
    if(rv->open_cases > chosen->open_cases)
        imr_buf_printf(&why,
                       "Qualified and free of conflicts, but has %d open "
                       "case%s against %d for %s.",
                       rv->open_cases, rv->open_cases == 1 ? "" : "s",
                       chosen->open_cases, chosen->id);
    else
        imr_buf_printf(&why,
                       "Qualified and free of conflicts, with as many open "
                       "cases (%d) as %s, which comes first by id.",
                       rv->open_cases, chosen->id);
    reason = imr_arena_strndup(arena, why.data, why.len);
    imr_buf_fini(&why);
    return reason;
}

/* The qualified reviewers with `open_cases` open cases, or all of them
 * when open_cases < 0. */
static size_t count_qualified(const imr_panel *panel, const standing *standings,
                              int open_cases)
{
    size_t i, n = 0;
    for(i = 0; i < panel->reviewer_count; i++)
        n += is_qualified(&standings[i]) &&
             (open_cases < 0 || panel->reviewers[i].open_cases == open_cases);
    return n;
}

static const char *chosen_reason(const imr_assignment *a,
                                 const imr_panel *panel,
                                 const standing *standings, imr_arena *arena)
{
    const imr_reviewer *rv = a->reviewer;
    size_t qualified = count_qualified(panel, standings, -1);
    size_t tied = count_qualified(panel, standings, rv->open_cases);
    imr_buf why;
    const char *reason;

    imr_buf_init(&why);
    imr_buf_printf(&why,
                   "Board certified in %s, which treats every request; "
                   "licensed in %s; in active practice (%g clinical hours a "
                   "week); no disciplinary history and no affiliation with a "
                   "party of the case. ",
                   a->credentials.certification, a->credentials.licensure,
                   rv->weekly_clinical_hours);
    if(qualified == 1)
        imr_buf_puts(&why, "The only qualified reviewer on the panel.");
    else
        imr_buf_printf(&why,
                       "Of the %zu qualified reviewers, the one with the "
                       "fewest open cases (%d)%s.",
                       qualified, rv->open_cases,
                       tied > 1 ? ", and the first by id of those tied" : "");
    reason = imr_arena_strndup(arena, why.data, why.len);
    imr_buf_fini(&why);
    return reason;
}

void imr_intake_credentials(const char *certification,
                            const char *const *states, size_t state_count,
                            imr_arena *arena, imr_reviewer_credentials *out)
{
    out->certification = certification;
    out->licensure = imr__intake_join(arena, states, state_count, "and");
    out->states = states;
    out->state_count = state_count;
}

static void set_credentials(const standing *s, imr_arena *arena,
                            imr_reviewer_credentials *cred)
{
    imr_intake_credentials(
        imr__intake_join(arena, s->matched, s->matched_count, "and"),
        s->states, s->state_count, arena, cred);
}

static void pass_over(const imr_panel *panel, const standing *standings,
                      long chosen, imr_arena *arena, imr_assignment *out)
{
    size_t i;

    out->passed_over = imr_arena_alloc(arena, (panel->reviewer_count + 1) *
                                                  sizeof(imr_passed_over));
    for(i = 0; i < panel->reviewer_count; i++) {
        imr_passed_over *p = &out->passed_over[out->passed_over_count];
        if((long)i == chosen)
            continue;
        p->reviewer = &panel->reviewers[i];
        p->reason =
            is_qualified(&standings[i])
                ? busier_reason(p->reviewer, &panel->reviewers[chosen], arena)
                : imr_arena_strndup(arena, standings[i].why_not.data,
                                    standings[i].why_not.len);
        out->passed_over_count++;
    }
}

void imr_intake_assign(const imr_intake_context *ctx, const imr_case *c,
                       imr_arena *arena, imr_assignment *out)
{
    const imr_panel *panel = ctx->panel;
    standing *standings;
    need_list needs;
    long chosen;
    size_t i;

    memset(out, 0, sizeof(*out));
    if(!panel) {
        out->reason = "No reviewer is assigned: no panel was given.";
        return;
    }
    list_needs(ctx, c, arena, &needs);
    standings = imr_xcalloc(panel->reviewer_count + 1, sizeof(*standings));
    for(i = 0; i < panel->reviewer_count; i++)
        measure(ctx, c, &needs, &panel->reviewers[i], arena, &standings[i]);
    chosen = choose(panel, standings);
    if(chosen >= 0) {
        out->reviewer = &panel->reviewers[chosen];
        set_credentials(&standings[chosen], arena, &out->credentials);
        out->reason = chosen_reason(out, panel, standings, arena);
    } else {
        out->reason = panel->reviewer_count
                          ? "No reviewer on the panel qualifies for this "
                            "case: each is passed over for the reasons "
                            "given."
                          : "The panel has no reviewers.";
    }
    pass_over(panel, standings, chosen, arena, out);
    for(i = 0; i < panel->reviewer_count; i++)
        imr_buf_fini(&standings[i].why_not);
    free(standings);
}
