/* SPDX-License-Identifier: MIT */
#include "harness.h"

int test__failed;

int test_main(const test_case *tests, int argc, char **argv)
{
    int passed = 0, failed = 0;
    const test_case *t;

    for(t = tests; t->name; t++) {
        if(argc > 1 && strcmp(argv[1], t->name) != 0)
            continue;
        test__failed = 0;
        t->run();
        if(test__failed) {
            failed++;
            fprintf(stderr, "FAIL %s\n", t->name);
        }
        else {
            passed++;
            printf("ok   %s\n", t->name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
