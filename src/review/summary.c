/* SPDX-License-Identifier: MIT */
/* The clinical case summary of a determination, written from the case
 * file and the facts extracted from its records: who, what injury, what was
 * tried and how it worked, what the examination and the records show, and
 * what is requested. */
#include "review_int.h"

#include <stdio.h>
#include <string.h>

static int affirmed(const imr_fact *f)
{
    return f->context.polarity == IMR_POLARITY_AFFIRMED &&
           f->context.experiencer == IMR_EXPERIENCER_PATIENT;
}

/* Lower snake case to words: "physical_therapy" -> "physical therapy". */
static void put_words(imr_buf *out, const char *name)
{
    for(; *name; name++)
        imr_buf_putc(out, *name == '_' ? ' ' : *name);
}

static int listed(const char **seen, size_t n, const char *name)
{
    size_t i;
    for(i = 0; i < n; i++) {
        if(strcmp(seen[i], name) == 0)
            return 1;
    }
    return 0;
}

/* "a, b and c" of the distinct names of facts that pass `want`. */
static size_t put_list(imr_buf *out, const imr_facts *facts,
                       int (*want)(const imr_fact *), int with_response)
{
    const char *seen[32];
    const imr_fact *chosen[32];
    size_t n = 0, i;

    for(i = 0; i < facts->count && n < 32; i++) {
        const imr_fact *f = &facts->items[i];
        if(!want(f) || listed(seen, n, f->name))
            continue;
        seen[n] = f->name;
        chosen[n++] = f;
    }
    for(i = 0; i < n; i++) {
        if(i)
            imr_buf_puts(out, i + 1 == n ? " and " : ", ");
        put_words(out, seen[i]);
        if(chosen[i]->value && strcmp(chosen[i]->kind, "finding") == 0)
            imr_buf_printf(out, " (%s)", chosen[i]->value);
        if(chosen[i]->count > 0)
            imr_buf_printf(out, " (%d sessions)", chosen[i]->count);
        if(with_response && chosen[i]->response &&
           strcmp(chosen[i]->response, "not_documented") != 0) {
            imr_buf_puts(out, ", with ");
            put_words(out, strcmp(chosen[i]->response, "improved") == 0
                               ? "reported_improvement"
                           : strcmp(chosen[i]->response, "no_benefit") == 0
                               ? "no_benefit"
                               : "minimal_or_temporary_benefit");
        }
    }
    return n;
}

static int is_diagnosis(const imr_fact *f)
{
    return strcmp(f->kind, "diagnosis") == 0 && affirmed(f);
}

static int is_prior_treatment(const imr_fact *f)
{
    return strcmp(f->kind, "treatment") == 0 && affirmed(f) && !f->value &&
           f->context.temporality != IMR_TEMPORALITY_HYPOTHETICAL;
}

static int is_exam_finding(const imr_fact *f)
{
    return (strcmp(f->kind, "finding") == 0 ||
            strcmp(f->kind, "red_flag") == 0) &&
           affirmed(f);
}

/* Documentation the records say is missing ("no documentation of
 * functional improvement"). */
static int is_negated_documentation(const imr_fact *f)
{
    return strcmp(f->kind, "function") == 0 &&
           f->context.polarity == IMR_POLARITY_NEGATED;
}

/* Findings and red flags the records rule out ("denies bowel or bladder
 * dysfunction", "no weakness"). */
static int is_negated_finding(const imr_fact *f)
{
    return (strcmp(f->kind, "red_flag") == 0 ||
            strcmp(f->kind, "finding") == 0) &&
           f->context.polarity == IMR_POLARITY_NEGATED &&
           f->context.experiencer == IMR_EXPERIENCER_PATIENT;
}

static void put_claimant(imr_buf *out, const imr_case *c,
                         const imr_facts *facts)
{
    const char *sex = c->sex, *injury = c->date_of_injury, *age = NULL;
    size_t i;

    for(i = 0; i < facts->count; i++) {
        const imr_fact *f = &facts->items[i];
        if(strcmp(f->kind, "claimant") != 0)
            continue;
        if(!sex && strcmp(f->name, "sex") == 0)
            sex = f->value;
        if(!injury && strcmp(f->name, "date_of_injury") == 0)
            injury = f->date;
        if(!age && strcmp(f->name, "age") == 0)
            age = f->value;
    }
    imr_buf_puts(out, "The injured worker is a");
    if(c->age >= 0)
        imr_buf_printf(out, " %d-year-old", c->age);
    else if(age)
        imr_buf_printf(out, " %s-year-old", age);
    imr_buf_printf(out, " %s", sex ? sex : "person");
    if(injury && strlen(injury) == 10)
        imr_buf_printf(out, " with a date of injury of %.2s/%.2s/%.4s",
                       injury + 5, injury + 8, injury);
    imr_buf_puts(out, ".");
}

const char *imr__review_summary(const review_env *env, const imr_case *c,
                                imr_arena *arena)
{
    imr_buf out;
    size_t mark, i;
    const char *text;

    imr_buf_init(&out);
    put_claimant(&out, c, &env->facts);
    mark = out.len;
    imr_buf_puts(&out, " The diagnoses include ");
    if(!put_list(&out, &env->facts, is_diagnosis, 0))
        out.len = mark;
    else
        imr_buf_putc(&out, '.');
    mark = out.len;
    imr_buf_puts(&out, " Treatment to date has included ");
    if(!put_list(&out, &env->facts, is_prior_treatment, 1))
        out.len = mark;
    else
        imr_buf_putc(&out, '.');
    mark = out.len;
    imr_buf_puts(&out, " The records document ");
    if(!put_list(&out, &env->facts, is_exam_finding, 0))
        out.len = mark;
    else
        imr_buf_putc(&out, '.');
    mark = out.len;
    imr_buf_puts(&out, " There is no documentation of ");
    if(!put_list(&out, &env->facts, is_negated_documentation, 0))
        out.len = mark;
    else
        imr_buf_putc(&out, '.');
    mark = out.len;
    imr_buf_puts(&out, " The records note no ");
    if(!put_list(&out, &env->facts, is_negated_finding, 0))
        out.len = mark;
    else
        imr_buf_putc(&out, '.');
    imr_buf_puts(&out, " The request is for ");
    for(i = 0; i < c->request_count; i++)
        imr_buf_printf(&out, "%s%s", i == 0 ? ""
                                     : i + 1 == c->request_count ? " and "
                                                                  : ", ",
                       c->requests[i]);
    imr_buf_putc(&out, '.');
    out.data[out.len] = '\0';
    text = imr_arena_strndup(arena, out.data, out.len);
    imr_buf_fini(&out);
    return text;
}
