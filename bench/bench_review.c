/* SPDX-License-Identifier: MIT */
/* The determination benchmark: N case files generated in memory from the
 * test cases (each varied: its visits, pain score and a sentence of its
 * record), then timed on one core, best of RUNS:
 *   baseline  read each case file: imr_case_parse alone
 *   review    parse + extract + decide + render the text letter
 * usage: imr_bench_review [--kb DIR] CASES_DIR [N] [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case_corpus.h"
#include "imr/letter.h"
#include "imr/review.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double time_loading(const case_corpus *c)
{
    imr_arena *arena = imr_arena_new();
    double t0 = now();
    size_t i, ok = 0;
    for(i = 0; i < c->count; i++) {
        imr_case *k = NULL;
        ok += imr_case_parse(c->cases[i], c->lens[i], arena, &k, NULL) ==
              IMR_OK;
        imr_arena_reset(arena);
    }
    imr_arena_free(arena);
    if(ok != c->count)
        fprintf(stderr, "bench: %zu cases refused\n", c->count - ok);
    return now() - t0;
}

static double time_review(const case_corpus *c, const imr_review_context *ctx,
                          size_t *letters_bytes)
{
    imr_arena *arena = imr_arena_new();
    imr_letter_style style = {"Example Review Organization", "Example",
                              "Physical Medicine and Rehabilitation",
                              "California"};
    imr_buf out;
    double t0 = now();
    size_t i;

    imr_buf_init(&out);
    *letters_bytes = 0;
    for(i = 0; i < c->count; i++) {
        imr_case *k = NULL;
        imr_determination *d = NULL;
        if(imr_case_parse(c->cases[i], c->lens[i], arena, &k, NULL) !=
           IMR_OK)
            continue;
        imr_review(ctx, k, arena, &d);
        imr_buf_reset(&out);
        imr_letter_render_text(d, &style, &out);
        *letters_bytes += out.len;
        imr_arena_reset(arena);
    }
    imr_buf_fini(&out);
    imr_arena_free(arena);
    return now() - t0;
}

int main(int argc, char **argv)
{
    const char *kb = imr_kb_default_dir(), *dir = NULL;
    size_t n = 20000, runs = 3, r, letters = 0;
    case_corpus c;
    imr_review_context ctx;
    imr_kb *base = NULL;
    imr_catalogue *cat = NULL;
    imr_extractor *x = NULL;
    imr_error err;
    double best_load = 1e30, best_review = 1e30;
    int i, pos = 0;

    for(i = 1; i < argc; i++) {
        if(strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            kb = argv[++i];
        else if(pos == 0 && ++pos)
            dir = argv[i];
        else if(pos == 1 && ++pos)
            n = (size_t)strtoul(argv[i], NULL, 10);
        else
            runs = (size_t)strtoul(argv[i], NULL, 10);
    }
    if(!dir || n == 0 || runs == 0) {
        fprintf(stderr, "usage: imr_bench_review [--kb DIR] CASES_DIR [N] "
                        "[RUNS]\n");
        return 2;
    }
    imr_error_clear(&err);
    if(imr_kb_load(kb, &base, &err) != IMR_OK ||
       imr_catalogue_load(kb, &cat, &err) != IMR_OK ||
       imr_extractor_load(kb, &x, &err) != IMR_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    case_corpus_generate(&c, dir, n);
    ctx.kb = base;
    ctx.catalogue = cat;
    ctx.extractor = x;
    ctx.review_date = "2015-01-01";
    for(r = 0; r < runs; r++) {
        double a = time_loading(&c), b = time_review(&c, &ctx, &letters);
        if(a < best_load)
            best_load = a;
        if(b < best_review)
            best_review = b;
    }
    printf("%zu cases (%zu templates), %.1f MB of case files, best of %zu\n",
           c.count, c.templates, (double)c.bytes / 1e6, runs);
    printf("%-44s %9s %12s\n", "", "seconds", "cases/s");
    printf("%-44s %9.3f %12.0f\n", "load the case files (baseline)",
           best_load, (double)c.count / best_load);
    printf("%-44s %9.3f %12.0f\n",
           "load + extract + decide + render the letter", best_review,
           (double)c.count / best_review);
    printf("ratio to the baseline: %.1f; letters written: %.1f MB\n",
           best_review / best_load, (double)letters / 1e6);
    case_corpus_free(&c);
    imr_extractor_free(x);
    imr_catalogue_free(cat);
    imr_kb_release(base);
    return 0;
}
