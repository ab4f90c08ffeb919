/* SPDX-License-Identifier: MIT */
/* JSON through cJSON, with the few helpers every module's output needs:
 * null for unknown values, keys that are string constants, and printing
 * into a buffer. Ownership is cJSON's: an object owns what is added to it,
 * and the caller deletes the root with cJSON_Delete. */
#ifndef IMR_JSON_H
#define IMR_JSON_H

#include <cjson/cJSON.h>

#include "imr/base.h"

/* Adds `item` under `key`, which must outlive the object (a literal). */
void imr_json_add(cJSON *object, const char *key, cJSON *item);
/* A string node that copies `s`; null when s is NULL. */
cJSON *imr_json_string(const char *s);
/* A string node that borrows `s` (it must outlive the node, as arena
 * strings outlive the JSON built from them); null when s is NULL. */
cJSON *imr_json_string_ref(const char *s);
/* The same JSON as imr_json_string_ref for a text, printed faster when it
 * is long, with a copy taken from `arena`, which must outlive the node. It
 * is no string node (cJSON_IsString says false), so use it only in trees
 * that are printed, not read. */
cJSON *imr_json_text_ref(const char *s, imr_arena *arena);
/* A whole number (its digits, as a raw node: see json.c), or null when
 * n < 0 (the convention for "not stated"). */
cJSON *imr_json_count(long n);
/* An array of borrowed strings. */
cJSON *imr_json_string_refs(const char *const *items, size_t count);

typedef enum imr_json_style {
    IMR_JSON_COMPACT, /* one line */
    IMR_JSON_PRETTY   /* indented, one member a line */
} imr_json_style;

/* Appends the JSON text of `item` to `out`. */
void imr_json_print(const cJSON *item, imr_json_style style, imr_buf *out);

#endif
