/* SPDX-License-Identifier: MIT */
#ifndef IMR_CLI_FILES_H
#define IMR_CLI_FILES_H

#include "imr/base.h"

/* Paths owned by the list. */
typedef struct imr_file_list {
    char **paths;
    size_t count;
    size_t cap;
} imr_file_list;

void imr__file_list_init(imr_file_list *list);
void imr__file_list_fini(imr_file_list *list);
/* Adds `arg`: a file as it is, or the files under a folder whose names end
 * in one of `exts` (NULL-terminated), sorted. */
imr_status imr__file_list_add(imr_file_list *list, const char *arg,
                              const char *const *exts, imr_error *err);

#endif
