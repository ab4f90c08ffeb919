/* SPDX-License-Identifier: MIT */
/* Runs a fuzz target on every file of its corpus folders (or on files named
 * on the command line), so every build exercises the targets. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imr/base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    imr_error err;

    imr_error_clear(&err);
    if(imr_file_read(path, (size_t)64 << 20, &data, &len, &err) != IMR_OK) {
        fprintf(stderr, "replay: %s\n", err.message);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    return 0;
}

static int replay_dir(const char *dir, int *count)
{
    struct dirent *entry;
    int failures = 0;
    DIR *d = opendir(dir);

    if(!d) {
        fprintf(stderr, "replay: cannot open corpus \"%s\"\n", dir);
        return 1;
    }
    while((entry = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if(entry->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
        if(stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        failures += replay_file(path);
        (*count)++;
    }
    closedir(d);
    return failures;
}

int main(int argc, char **argv)
{
    int i, failures = 0, count = 0;
    struct stat st;

    for(i = 1; i < argc; i++) {
        if(stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            failures += replay_dir(argv[i], &count);
        else {
            failures += replay_file(argv[i]);
            count++;
        }
    }
    if(count == 0) {
        fprintf(stderr, "replay: no corpus inputs\n");
        return 1;
    }
    printf("replayed %d inputs\n", count);
    return failures ? 1 : 0;
}
