/* SPDX-License-Identifier: MIT */
/* Case files for the review and store benchmarks: N cases generated in
 * memory from the test cases in a folder, each varied (a sentence of its
 * first record names its number and a pain score), so that no two are the
 * same bytes. Shared by bench_review.c and bench_store.c. */
#ifndef IMR_BENCH_CASE_CORPUS_H
#define IMR_BENCH_CASE_CORPUS_H

#include <stddef.h>

typedef struct case_corpus {
    char **cases; /* NUL-terminated JSON */
    size_t *lens;
    size_t count;
    size_t bytes;
    size_t templates; /* how many test cases they were made from */
    size_t *template_of; /* the template each case was made from */
} case_corpus;

/* Generates `n` cases from the *.json files of `dir` (not
 * *.expected.json), in the order the folder lists them; exits 1 with a
 * message when there are none. Free with case_corpus_free. */
void case_corpus_generate(case_corpus *c, const char *dir, size_t n);
void case_corpus_free(case_corpus *c);

#endif
