/* SPDX-License-Identifier: MIT */
/* The benchmarks' case files, generated from the test cases. */
#include "case_corpus.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imr/base.h"

static int is_case(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0 &&
           !(n > 14 && strcmp(name + n - 14, ".expected.json") == 0);
}

/* The test cases as templates. */
static size_t load_templates(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t count = 0, cap = 0;
    char **list = NULL;

    if(!d) {
        fprintf(stderr, "bench: cannot open \"%s\"\n", dir);
        exit(2);
    }
    while((e = readdir(d)) != NULL) {
        imr_buf path;
        char *data;
        size_t len;
        if(!is_case(e->d_name))
            continue;
        imr_buf_init(&path);
        imr_buf_printf(&path, "%s/%s", dir, e->d_name);
        if(imr_file_read(path.data, 1 << 20, &data, &len, NULL) == IMR_OK) {
            if(count == cap) {
                cap = cap ? cap * 2 : 32;
                list = imr_xrealloc(list, cap * sizeof(char *));
            }
            list[count++] = data;
        }
        imr_buf_fini(&path);
    }
    closedir(d);
    *out = list;
    return count;
}

/* Case i: template i mod T with a varied record sentence. */
static void vary(case_corpus *c, char **templates, size_t n)
{
    size_t i, t = c->templates;
    c->cases = imr_xcalloc(n, sizeof(char *));
    c->lens = imr_xcalloc(n, sizeof(size_t));
    c->template_of = imr_xcalloc(n, sizeof(size_t));
    c->count = n;
    for(i = 0; i < n; i++) {
        const char *tpl = templates[i % t];
        const char *mark = strstr(tpl, "\"text\": \"");
        const char *rec = mark ? strstr(mark + 9, "\"text\": \"") : NULL;
        imr_buf out;
        imr_buf_init(&out);
        if(rec) {
            size_t at = (size_t)(rec - tpl) + 9;
            imr_buf_append(&out, tpl, at);
            imr_buf_printf(&out, "Visit %zu: pain is %zu/10. ", i, i % 10);
            imr_buf_puts(&out, tpl + at);
        } else {
            imr_buf_puts(&out, tpl);
        }
        c->template_of[i] = i % t;
        c->lens[i] = out.len;
        c->bytes += out.len;
        c->cases[i] = imr_buf_take(&out);
    }
}

void case_corpus_generate(case_corpus *c, const char *dir, size_t n)
{
    char **templates = NULL;
    size_t i;

    memset(c, 0, sizeof(*c));
    c->templates = load_templates(dir, &templates);
    if(c->templates == 0) {
        fprintf(stderr, "bench: no case files in \"%s\"\n", dir);
        exit(1);
    }
    vary(c, templates, n);
    for(i = 0; i < c->templates; i++)
        free(templates[i]);
    free(templates);
}

void case_corpus_free(case_corpus *c)
{
    size_t i;
    for(i = 0; i < c->count; i++)
        free(c->cases[i]);
    free(c->cases);
    free(c->lens);
    free(c->template_of);
    memset(c, 0, sizeof(*c));
}
