/* SPDX-License-Identifier: MIT */
/* The organization and reviewer a letter names, from a JSON file:
 * {"organization": "...", "label": "...",
 *  "reviewer": {"certification": "...", "licensure": "California"}}. */
#ifndef IMR_CLI_STYLE_CONFIG_H
#define IMR_CLI_STYLE_CONFIG_H

#include "imr/letter.h"

typedef struct style_config {
    imr_letter_style style;
    imr_arena *arena;
} style_config;

/* Loads `path`, or $IMR_CONFIG when path is NULL; with neither, the style
 * names no organization. */
imr_status imr__style_config_load(style_config *cfg, const char *path,
                                  imr_error *err);
void imr__style_config_fini(style_config *cfg);

#endif
