/* SPDX-License-Identifier: MIT */
/* Comparing what people write: enumerated values whatever their case and
 * punctuation, organizations' names whatever their legal form, and
 * requests whatever their filler words. */
#include "imr/intake.h"

#include <ctype.h>
#include <string.h>

#include "intake_int.h"

static int is_word_char(int c)
{
    return isalnum((unsigned char)c);
}

static int lower(int c)
{
    return tolower((unsigned char)c);
}

int imr__intake_same_value(const char *s, const char *canonical)
{
    /* Compare the letters and digits only: "Non Certified",
     * "non_certified" and "NON-CERTIFIED" are one value. */
    for(;;) {
        while(*s && !is_word_char(*s))
            s++;
        while(*canonical && !is_word_char(*canonical))
            canonical++;
        if(!*s || !*canonical)
            return !*s && !*canonical;
        if(lower(*s) != lower(*canonical))
            return 0;
        s++;
        canonical++;
    }
}

/* True when the word s[0..n) is one of `words` (NULL-terminated). */
static int is_one_of(const char *s, size_t n, const char *const *words)
{
    size_t i;
    for(i = 0; words[i]; i++) {
        if(strlen(words[i]) == n && memcmp(s, words[i], n) == 0)
            return 1;
    }
    return 0;
}

/* Appends the lower-cased words of `text` to out[0..size), one space
 * between them, leaving out `skip` words. "&" is read as "and". */
static void words_key(const char *text, const char *const *skip, char *out,
                      size_t size)
{
    size_t used = 0;
    char word[64];

    out[0] = '\0';
    while(*text) {
        size_t n = 0;
        if(*text == '&') {
            memcpy(word, "and", 4);
            n = 3;
            text++;
        } else {
            while(is_word_char(*text)) {
                if(n + 1 < sizeof(word))
                    word[n++] = (char)lower(*text);
                text++;
            }
        }
        if(n == 0) {
            if(*text)
                text++;
            continue;
        }
        if(is_one_of(word, n, skip) || used + n + 2 > size)
            continue;
        if(used)
            out[used++] = ' ';
        memcpy(out + used, word, n);
        used += n;
        out[used] = '\0';
    }
}

void imr__intake_name_key(const char *name, char *out, size_t size)
{
    /* The legal form says nothing of who an organization is. */
    static const char *const legal_forms[] = {
        "the", "inc",  "incorporated", "llc",     "llp", "lp", "ltd", "limited",
        "co",  "corp", "corporation",  "company", "pc",  "pa", "plc", NULL};
    words_key(name, legal_forms, out, size);
}

/* True when the words of `part` appear together, in order, in `whole`. */
static int has_words(const char *whole, const char *part)
{
    size_t n = strlen(part);
    const char *at = whole;

    if(n == 0)
        return 0;
    while((at = strstr(at, part)) != NULL) {
        int starts = at == whole || at[-1] == ' ';
        int ends = at[n] == '\0' || at[n] == ' ';
        if(starts && ends)
            return 1;
        at++;
    }
    return 0;
}

int imr__intake_names_match(const char *a, const char *b)
{
    char key_a[256], key_b[256];

    imr__intake_name_key(a, key_a, sizeof(key_a));
    imr__intake_name_key(b, key_b, sizeof(key_b));
    return has_words(key_a, key_b) || has_words(key_b, key_a);
}

void imr__intake_request_key(const char *text, char *out, size_t size)
{
    static const char *const filler[] = {
        "a",  "an", "the", "for",     "of",        "to",     "and", "with",
        "on", "in", "at",  "request", "requested", "please", NULL};
    words_key(text, filler, out, size);
}

const char *imr__intake_join(imr_arena *arena, const char *const *items,
                             size_t count, const char *conjunction)
{
    imr_buf out;
    const char *joined;
    size_t i;

    imr_buf_init(&out);
    imr_buf_puts(&out, "");
    for(i = 0; i < count; i++) {
        if(i > 0 && i + 1 == count)
            imr_buf_printf(&out, " %s ", conjunction);
        else if(i > 0)
            imr_buf_puts(&out, ", ");
        imr_buf_puts(&out, items[i]);
    }
    joined = imr_arena_strndup(arena, out.data, out.len);
    imr_buf_fini(&out);
    return joined;
}
