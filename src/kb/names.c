/* SPDX-License-Identifier: MIT */
/* Name sets for the knowledge base (ids, vocabulary, services, regions):
 * an open-addressing hash map, and "did you mean" suggestions by edit
 * distance. */
#include "imr/kb.h"

#include <stdlib.h>
#include <string.h>

#include "kb_int.h"

uint32_t imr__kb_fnv1a(uint32_t hash, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t i;

    for(i = 0; i < len; i++) {
        hash ^= p[i];
        hash *= 16777619u;
    }
    return hash;
}

uint32_t imr__kb_hash_length(uint32_t hash, uint64_t len)
{
    unsigned char bytes[8];
    size_t i;

    for(i = 0; i < 8; i++)
        bytes[i] = (unsigned char)(len >> (8 * i));
    return imr__kb_fnv1a(hash, bytes, sizeof(bytes));
}

void imr__kb_names_init(kb_names *map)
{
    memset(map, 0, sizeof(*map));
}

void imr__kb_names_fini(kb_names *map)
{
    free(map->keys);
    free(map->values);
    memset(map, 0, sizeof(*map));
}

static size_t slot_of(const kb_names *map, const char *key, size_t len)
{
    size_t mask = map->cap - 1;
    size_t i = imr__kb_fnv1a(KB_FNV_SEED, key, len) & mask;

    while(map->keys[i] &&
          !(strncmp(map->keys[i], key, len) == 0 && map->keys[i][len] == '\0'))
        i = (i + 1) & mask;
    return i;
}

static void grow(kb_names *map)
{
    kb_names bigger;
    size_t i;

    bigger.cap = map->cap ? map->cap * 2 : 64;
    bigger.count = map->count;
    bigger.keys = imr_xcalloc(bigger.cap, sizeof(*bigger.keys));
    bigger.values = imr_xcalloc(bigger.cap, sizeof(*bigger.values));
    for(i = 0; i < map->cap; i++) {
        if(map->keys[i]) {
            size_t at = slot_of(&bigger, map->keys[i], strlen(map->keys[i]));
            bigger.keys[at] = map->keys[i];
            bigger.values[at] = map->values[i];
        }
    }
    imr__kb_names_fini(map);
    *map = bigger;
}

int imr__kb_names_add(kb_names *map, const char *key, size_t value,
                      size_t *existing)
{
    size_t at;

    if((map->count + 1) * 2 > map->cap)
        grow(map);
    at = slot_of(map, key, strlen(key));
    if(map->keys[at]) {
        *existing = map->values[at];
        return 0;
    }
    map->keys[at] = key;
    map->values[at] = value;
    map->count++;
    return 1;
}

int imr__kb_names_find(const kb_names *map, const char *key, size_t len,
                       size_t *value)
{
    size_t at;

    if(map->cap == 0)
        return 0;
    at = slot_of(map, key, len);
    if(!map->keys[at])
        return 0;
    *value = map->values[at];
    return 1;
}

/*---- Suggestions ---------------------------------------------------------*/

enum { SUGGEST_MAX_LEN = 96 };

/* Levenshtein distance with two rows; both lengths are at most
 * SUGGEST_MAX_LEN. */
static size_t distance(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t row[SUGGEST_MAX_LEN + 1], i, j;

    for(j = 0; j <= blen; j++)
        row[j] = j;
    for(i = 1; i <= alen; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for(j = 1; j <= blen; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if(above + 1 < best)
                best = above + 1;
            if(row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[blen];
}

/* Close enough to be a typo: at most two edits, and few for the length. */
static int is_close(size_t d, size_t len)
{
    return d > 0 && d <= 2 && d * 4 <= len;
}

const char *imr__kb_names_suggest(const kb_names *map, const char *word,
                                  size_t len)
{
    return imr__kb_suggest_among(map->keys, map->cap, word, len);
}

const char *imr__kb_suggest_among(const char *const *words, size_t count,
                                  const char *word, size_t len)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, i;

    if(len > SUGGEST_MAX_LEN)
        return NULL;
    for(i = 0; i < count; i++) {
        const char *key = words[i];
        size_t klen, d;
        if(!key)
            continue;
        klen = strlen(key);
        if(klen > SUGGEST_MAX_LEN || (klen > len ? klen - len : len - klen) > 2)
            continue;
        d = distance(word, len, key, klen);
        /* Ties go to the name first in byte order, so the hash layout
         * never changes a message. */
        if(d < best_d || (d == best_d && strcmp(key, best) < 0)) {
            best = key;
            best_d = d;
        }
    }
    return best && is_close(best_d, len) ? best : NULL;
}
