/* SPDX-License-Identifier: MIT */
/* Helpers over cJSON shared by every module that writes JSON. */
#include "imr/json.h"

#include <stdint.h>
#include <string.h>

void imr_json_add(cJSON *object, const char *key, cJSON *item)
{
    IMR_ASSERT(item != NULL);
    cJSON_AddItemToObjectCS(object, key, item);
}

/* cJSON returns NULL only when out of memory. */
static cJSON *checked(cJSON *item)
{
    if(!item)
        imr__out_of_memory(0);
    return item;
}

cJSON *imr_json_string(const char *s)
{
    return checked(s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

cJSON *imr_json_string_ref(const char *s)
{
    return checked(s ? cJSON_CreateStringReference(s) : cJSON_CreateNull());
}

/* cJSON prints every number through "%1.15g" and reads it back with
 * sscanf to check the round trip, which made number printing the largest
 * cost of `imr extract` (two span numbers a fact). A count is a whole
 * number, so its decimal digits are written here and cJSON copies them
 * verbatim as a raw node; the printed JSON is the same. Nothing reads
 * these nodes back: trees built for output are only printed. */
cJSON *imr_json_count(long n)
{
    char digits[24];
    size_t i = sizeof(digits) - 1;
    unsigned long u = (unsigned long)n;

    if(n < 0)
        return checked(cJSON_CreateNull());
    digits[i] = '\0';
    do {
        digits[--i] = (char)('0' + u % 10);
        u /= 10;
    } while(u);
    return checked(cJSON_CreateRaw(digits + i));
}

/* True when the 8 bytes of `w` hold a byte JSON escapes: a control byte,
 * '"' or '\\'. */
static int word_may_escape(uint64_t w)
{
    return (imr_word_below(w, 0x20) | imr_word_equal(w, '"') |
            imr_word_equal(w, '\\')) != 0;
}

static int has_escape(const char *s, size_t n)
{
    size_t i = 0;

    for(; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if(word_may_escape(w))
            return 1;
    }
    for(; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if(c < 0x20 || c == '"' || c == '\\')
            return 1;
    }
    return 0;
}

/* Long texts are most of a parsed letter's JSON, and cJSON prints a string
 * by scanning it for bytes to escape, copying it (byte by byte if it found
 * one) and measuring the copy again. A text with no byte to escape is its
 * own JSON between quotes, so it goes in as a raw node, which cJSON copies
 * with memcpy; a text with one is left to cJSON's escaping. The quoted copy
 * is borrowed from `arena` (a malloc'd one made malloc a seventh of the
 * run, consolidating the small free chunks of cJSON's nodes). */
cJSON *imr_json_text_ref(const char *s, imr_arena *arena)
{
    size_t n;
    char *quoted;
    cJSON *raw;

    if(!s)
        return checked(cJSON_CreateNull());
    n = strlen(s);
    if(n < 64 || has_escape(s, n))
        return imr_json_string_ref(s);
    quoted = imr_arena_alloc(arena, n + 3);
    quoted[0] = '"';
    memcpy(quoted + 1, s, n);
    quoted[n + 1] = '"';
    raw = checked(cJSON_CreateRaw(""));
    cJSON_free(raw->valuestring);
    raw->valuestring = quoted;
    raw->type |= cJSON_IsReference; /* cJSON_Delete leaves it alone */
    return raw;
}

cJSON *imr_json_string_refs(const char *const *items, size_t count)
{
    cJSON *a = checked(cJSON_CreateArray());
    size_t i;
    for(i = 0; i < count; i++)
        cJSON_AddItemToArray(a, imr_json_string_ref(items[i]));
    return a;
}

static void print_compact(const cJSON *item, imr_buf *out)
{
    /* Print into the buffer's free space; grow and retry when short. */
    size_t room;

    imr_buf_reserve(out, 4096);
    room = out->cap - out->len - 1;
    while(!cJSON_PrintPreallocated((cJSON *)item, out->data + out->len,
                                   (int)(room < INT32_MAX ? room : INT32_MAX),
                                   0)) {
        imr_buf_reserve(out, room * 2);
        room = out->cap - out->len - 1;
    }
    out->len += strlen(out->data + out->len);
}

static void newline_indent(imr_buf *out, int depth)
{
    int i;
    imr_buf_putc(out, '\n');
    for(i = 0; i < depth; i++)
        imr_buf_append(out, "  ", 2);
}

/* cJSON indents with tabs; this lays its compact text out with two spaces
 * a level, as people and diff tools prefer. Strings are copied as they are. */
static void reindent(const char *json, size_t len, imr_buf *out)
{
    size_t i;
    int depth = 0, in_string = 0;

    for(i = 0; i < len; i++) {
        char c = json[i];
        if(in_string) {
            imr_buf_putc(out, c);
            if(c == '\\' && i + 1 < len)
                imr_buf_putc(out, json[++i]);
            else if(c == '"')
                in_string = 0;
            continue;
        }
        if((c == '{' || c == '[') && i + 1 < len &&
           (json[i + 1] == '}' || json[i + 1] == ']')) {
            imr_buf_putc(out, c);
            imr_buf_putc(out, json[++i]);
        }
        else if(c == '{' || c == '[') {
            imr_buf_putc(out, c);
            newline_indent(out, ++depth);
        }
        else if(c == '}' || c == ']') {
            newline_indent(out, --depth);
            imr_buf_putc(out, c);
        }
        else if(c == ',') {
            imr_buf_putc(out, c);
            newline_indent(out, depth);
        }
        else if(c == ':') {
            imr_buf_append(out, ": ", 2);
        }
        else {
            in_string = c == '"';
            imr_buf_putc(out, c);
        }
    }
}

void imr_json_print(const cJSON *item, imr_json_style style, imr_buf *out)
{
    imr_buf compact;

    if(style == IMR_JSON_COMPACT) {
        print_compact(item, out);
        return;
    }
    imr_buf_init(&compact);
    print_compact(item, &compact);
    reindent(compact.data, compact.len, out);
    imr_buf_fini(&compact);
}
