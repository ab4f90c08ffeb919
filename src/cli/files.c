/* SPDX-License-Identifier: MIT */
/* Expands command-line arguments into files: a folder stands for the files
 * in it (recursively) whose names end in one of the given extensions,
 * sorted by path so that output order never depends on the file system. */
#include "files.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void imr__file_list_init(imr_file_list *list)
{
    list->paths = NULL;
    list->count = 0;
    list->cap = 0;
}

void imr__file_list_fini(imr_file_list *list)
{
    size_t i;
    for(i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    imr__file_list_init(list);
}

static void add_path(imr_file_list *list, char *path)
{
    if(list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->paths = imr_xrealloc(list->paths, list->cap * sizeof(char *));
    }
    list->paths[list->count++] = path;
}

static int has_extension(const char *name, const char *const *exts)
{
    size_t n = strlen(name), i;
    for(i = 0; exts[i]; i++) {
        size_t e = strlen(exts[i]);
        if(n > e && imr_text_ieq(name + n - e, e, exts[i]))
            return 1;
    }
    return 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static imr_status walk(imr_file_list *list, const char *dir,
                       const char *const *exts, imr_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    imr_status rc = IMR_OK;

    if(!d)
        return imr_error_set(err, IMR_EIO, "cannot open folder \"%s\"", dir);
    while(rc == IMR_OK && (entry = readdir(d)) != NULL) {
        imr_buf path;
        struct stat st;
        if(entry->d_name[0] == '.')
            continue;
        imr_buf_init(&path);
        /* "letters/" and "letters" name the same files */
        imr_buf_printf(&path, "%s%s%s", dir,
                       dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
                       entry->d_name);
        if(stat(path.data, &st) != 0) {
            imr_buf_fini(&path);
            continue;
        }
        if(S_ISDIR(st.st_mode))
            rc = walk(list, path.data, exts, err);
        else if(S_ISREG(st.st_mode) && has_extension(entry->d_name, exts)) {
            add_path(list, imr_buf_take(&path));
            continue;
        }
        imr_buf_fini(&path);
    }
    closedir(d);
    return rc;
}

imr_status imr__file_list_add(imr_file_list *list, const char *arg,
                              const char *const *exts, imr_error *err)
{
    struct stat st;
    size_t first = list->count;
    imr_status rc;

    if(stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        /* A file, or a missing path: reading it will say what is wrong. */
        add_path(list, imr_xstrdup(arg));
        return IMR_OK;
    }
    rc = walk(list, arg, exts, err);
    qsort(list->paths + first, list->count - first, sizeof(char *),
          compare_paths);
    return rc;
}
