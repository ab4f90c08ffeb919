/* SPDX-License-Identifier: MIT */
/* The one test harness: tests are functions named as sentences, asserts
 * print expected and actual with file:line, and the runner ends with the
 * plain "N passed, N failed" line. */
#ifndef IMR_TESTS_HARNESS_H
#define IMR_TESTS_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct test_case {
    const char *name;
    void (*run)(void);
} test_case;

/* Set by the ASSERT macros; each test runs until its first failure. */
extern int test__failed;

#define TEST(fn) static void fn(void)

#define FAIL_AT(...)                                                         \
    do {                                                                     \
        fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__);                    \
        fprintf(stderr, __VA_ARGS__);                                        \
        fputc('\n', stderr);                                                 \
        test__failed = 1;                                                    \
        return;                                                              \
    } while(0)

#define ASSERT_TRUE(cond)                                                    \
    do {                                                                     \
        if(!(cond))                                                          \
            FAIL_AT("expected %s", #cond);                                   \
    } while(0)

#define ASSERT_EQ_INT(expected, actual)                                      \
    do {                                                                     \
        long long e_ = (long long)(expected), a_ = (long long)(actual);      \
        if(e_ != a_)                                                         \
            FAIL_AT("%s: expected %lld, got %lld", #actual, e_, a_);         \
    } while(0)

#define ASSERT_EQ_STR(expected, actual)                                      \
    do {                                                                     \
        const char *e_ = (expected), *a_ = (actual);                         \
        if(!e_ || !a_ ? e_ != a_ : strcmp(e_, a_) != 0)                      \
            FAIL_AT("%s: expected \"%s\", got \"%s\"", #actual,              \
                    e_ ? e_ : "(null)", a_ ? a_ : "(null)");                 \
    } while(0)

#define ASSERT_CONTAINS(haystack, needle)                                    \
    do {                                                                     \
        const char *h_ = (haystack), *n_ = (needle);                         \
        if(!h_ || !strstr(h_, n_))                                           \
            FAIL_AT("%s: expected to contain \"%s\", got \"%s\"", #haystack, \
                    n_, h_ ? h_ : "(null)");                                 \
    } while(0)

/* Runs every test in `tests` (NULL-terminated by name) and returns the exit
 * status: 0 when all passed. A test name on the command line runs only it. */
int test_main(const test_case *tests, int argc, char **argv);

#define TEST_MAIN(...)                                                       \
    int main(int argc, char **argv)                                          \
    {                                                                        \
        static const test_case tests_[] = {__VA_ARGS__, {NULL, NULL}};       \
        return test_main(tests_, argc, argv);                                \
    }
#define T(fn) {#fn, fn}

#endif
