/* SPDX-License-Identifier: MIT */
/* Fuzzes the rules language: any bytes, parsed from memory as one rules
 * file against the real vocabulary, services and body regions, must give
 * IMR_OK or IMR_EINPUT with a place; a base that loads is then queried,
 * evaluated and rendered with values of every type. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/kb/kb_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const kb_tables *tables(void)
{
    /* A fuzz target may keep this one static: the tables never change
     * once loaded, and libFuzzer runs inputs one after the other. */
    static kb_tables *loaded;
    imr_error err;

    if(!loaded) {
        imr_error_clear(&err);
        if(imr__kb_tables_load(imr_kb_default_dir(), NULL, &loaded, &err) !=
           IMR_OK) {
            char msg[1200];
            fprintf(stderr, "fuzz_rules: %s\n",
                    imr_error_format(&err, msg, sizeof(msg)));
            abort();
        }
    }
    return loaded;
}

/* Gives each variable a value chosen by its name and a counter, so every
 * type (and the wrong type) reaches the evaluator. */
static imr_value lookup(void *data, const char *name)
{
    unsigned *calls = data;
    imr_value v;
    uint32_t h = imr__kb_fnv1a(KB_FNV_SEED, name, strlen(name)) + (*calls)++;

    memset(&v, 0, sizeof(v));
    switch(h % 5) {
    case 1:
        v.type = IMR_VALUE_NUMBER;
        v.number = (double)(h % 40) / 4.0;
        break;
    case 2:
        v.type = IMR_VALUE_BOOLEAN;
        v.boolean = (int)(h & 8);
        break;
    case 3:
        v.type = IMR_VALUE_TEXT;
        v.text = h & 8 ? "physical_therapy" : NULL;
        break;
    case 4:
        v.type = IMR_VALUE_NUMBER;
        v.number = h & 8 ? 1e300 * 1e300 : -0.5;
        break;
    default:
        break;
    }
    return v;
}

static void count_variable(void *data, const char *name)
{
    size_t *n = data;
    IMR_ASSERT(name && name[0]);
    (*n)++;
}

static void exercise_criterion(const imr_criterion *c, imr_kb_env *env)
{
    imr_buf out;
    size_t n = 0;

    IMR_ASSERT(c->id && c->topic && c->require && c->met && c->file);
    IMR_ASSERT(imr_kb_eval(c->when, env) <= IMR_UNKNOWN);
    IMR_ASSERT(imr_kb_eval(c->require, env) <= IMR_UNKNOWN);
    imr_kb_expr_variables(c->require, count_variable, &n);
    imr_buf_init(&out);
    imr_kb_render(c->text, env, &out);
    imr_kb_render(c->met, env, &out);
    imr_kb_render(c->not_met, env, &out);
    imr_kb_render(c->missing, env, &out);
    imr_buf_fini(&out);
}

static void exercise(const imr_kb *kb)
{
    static const char *const services[] = {"physical_therapy", "acupuncture",
                                           "mri"};
    const char *regions[] = {"lumbar_spine", "knee"};
    const imr_topic *topics[16];
    const imr_criterion *criteria[16];
    unsigned calls = 0;
    imr_kb_env env = {lookup, &calls};
    size_t s, i, j, n, m;

    IMR_ASSERT(strlen(imr_kb_version(kb)) == 11);
    for(s = 0; s < 3; s++) {
        n = imr_kb_topics(kb, services[s], regions, s, s ? "2015-01-01" : NULL,
                          topics, 16);
        for(i = 0; i < n && i < 16; i++) {
            IMR_ASSERT(topics[i]->guideline != NULL);
            IMR_ASSERT(imr_kb_eval(topics[i]->covers, &env) <= IMR_UNKNOWN);
            m = imr_kb_criteria(kb, topics[i], criteria, 16);
            for(j = 0; j < m && j < 16; j++) {
                /* carried copies point at their own topic too */
                IMR_ASSERT(criteria[j]->topic == topics[i]);
                exercise_criterion(criteria[j], &env);
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imr_kb *kb = imr__kb_new(tables());
    imr_error err;
    imr_status rc;

    imr_error_clear(&err);
    rc = imr__kb_parse_text(kb, "fuzz.rules", (const char *)data, size, &err);
    if(rc == IMR_OK)
        rc = imr__kb_link(kb, &err);
    IMR_ASSERT(rc == IMR_OK || rc == IMR_EINPUT);
    if(rc == IMR_OK)
        exercise(kb);
    else
        IMR_ASSERT(err.message[0] && err.line > 0 && err.column > 0 &&
                   strcmp(err.file, "fuzz.rules") == 0);
    imr_kb_release(kb);
    return 0;
}
