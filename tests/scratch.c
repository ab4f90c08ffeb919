/* SPDX-License-Identifier: MIT */
#include "scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char scratch[512];

void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    char path[1024];
    struct stat st;

    if(!d)
        return;
    while((entry = readdir(d)) != NULL) {
        if(strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
        if(lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static void remove_scratch(void)
{
    remove_tree(scratch);
}

const char *scratch_dir(void)
{
    if(!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof(scratch), "%s/imr-test-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if(!mkdtemp(scratch)) {
            perror("mkdtemp");
            exit(1);
        }
        atexit(remove_scratch);
    }
    return scratch;
}

const char *scratch_path(const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", scratch_dir(), name);
    return out;
}
