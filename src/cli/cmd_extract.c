/* SPDX-License-Identifier: MIT */
/* imr extract: clinical facts from a narrative record, a letter's case
 * summary, or the records of a case file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "imr/extract.h"
#include "imr/letter.h"

#define MAX_INPUT_BYTES ((size_t)16 << 20)

static const char usage[] =
    "usage: imr extract [--explain] [--kb DIR] FILE\n\n"
    "Prints the clinical facts of FILE as JSON: each with its kind and name,\n"
    "value, date, polarity (affirmed, negated, possible), time (recent,\n"
    "historical, hypothetical), experiencer, the trigger that set them and\n"
    "the span of text they came from. FILE is a narrative record (.txt or\n"
    ".pdf), a published determination letter (its case summary is read), or\n"
    "a case file (.json; each record is read).\n\n"
    "  --explain   print the text with each fact marked where it was found\n"
    "  --kb DIR    the knowledge base (default: $IMR_KB or the built-in one)\n"
    "  -h          this help\n";

typedef struct extract_options {
    int explain;
    const char *kb_dir;
    const char *path;
} extract_options;

static int read_options(int argc, char **argv, extract_options *opt)
{
    int i;
    for(i = 1; i < argc; i++) {
        const char *a = argv[i];
        if(imr__cli_is_help(a)) {
            fputs(usage, stdout);
            return -1;
        }
        if(strcmp(a, "--explain") == 0)
            opt->explain = 1;
        else if(strcmp(a, "--kb") == 0 && i + 1 < argc)
            opt->kb_dir = argv[++i];
        else if(a[0] == '-' && a[1])
            return imr__cli_usage_error("extract", "unknown option \"%s\"", a);
        else if(opt->path)
            return imr__cli_usage_error("extract", "one file at a time");
        else
            opt->path = a;
    }
    if(!opt->path)
        return imr__cli_usage_error("extract", "no file given");
    return 0;
}

typedef struct extract_run {
    const imr_extractor *x;
    imr_arena *arena;
    int explain;
    imr_buf out;
} extract_run;

/* Facts of one text, as a JSON object {"text"?, "facts"} or the explained
 * text. `fields` receives the facts. */
static void extract_text(extract_run *run, const char *text, size_t len,
                         cJSON *fields)
{
    imr_facts facts;

    imr_extract_facts(run->x, text, len, run->arena, &facts);
    if(run->explain) {
        imr_facts_explain(&facts, text, len, &run->out);
        imr_buf_putc(&run->out, '\n');
        return;
    }
    imr_json_add(fields, "facts", imr_facts_to_json(&facts, text));
}

static int is_json_path(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && strcmp(path + n - 5, ".json") == 0;
}

/* A case file: the facts of each record. */
static int extract_case(extract_run *run, const char *path, const char *json,
                        size_t len, cJSON *root)
{
    cJSON *doc = cJSON_ParseWithLength(json, len), *records, *record;
    cJSON *list = cJSON_CreateArray();
    int index = 0;

    if(!doc || !cJSON_IsArray(records = cJSON_GetObjectItemCaseSensitive(
                                  doc, "records"))) {
        fprintf(stderr, "imr: %s: $.records: expected a list of records\n",
                path);
        cJSON_Delete(doc);
        cJSON_Delete(list);
        return IMR_EXIT_REFUSED;
    }
    cJSON_ArrayForEach(record, records)
    {
        cJSON *text = cJSON_GetObjectItemCaseSensitive(record, "text");
        cJSON *o = cJSON_CreateObject();
        if(!cJSON_IsString(text)) {
            fprintf(stderr,
                    "imr: %s: $.records[%d].text: expected a string\n", path,
                    index);
            cJSON_Delete(o);
            cJSON_Delete(list);
            cJSON_Delete(doc);
            return IMR_EXIT_REFUSED;
        }
        imr_json_add(o, "record", imr_json_count(index++));
        extract_text(run, text->valuestring, strlen(text->valuestring), o);
        cJSON_AddItemToArray(list, o);
    }
    imr_json_add(root, "records", list);
    /* The facts borrow nothing from `doc`; their words were copied. */
    cJSON_Delete(doc);
    return IMR_EXIT_OK;
}

/* A letter: the facts of its case summary, and of each item's rationale
 * (where reviewers quote the records: "last attended physical therapy in
 * 2013"); any other text: all of it. */
static void extract_document(extract_run *run, const imr_catalogue *cat,
                             const char *text, size_t len, cJSON *root)
{
    imr_letter *letter = NULL;
    cJSON *summary, *items;
    size_t i;

    if(imr_letter_parse(cat, text, len, run->arena, &letter, NULL) !=
           IMR_OK ||
       !letter->summary) {
        extract_text(run, text, len, root);
        return;
    }
    summary = cJSON_CreateObject();
    imr_json_add(summary, "text", imr_json_string_ref(letter->summary));
    extract_text(run, letter->summary, strlen(letter->summary), summary);
    imr_json_add(root, "summary", summary);
    items = cJSON_CreateArray();
    for(i = 0; i < letter->item_count; i++) {
        const imr_letter_item *item = &letter->items[i];
        cJSON *o = cJSON_CreateObject();
        imr_json_add(o, "request", imr_json_string_ref(item->request));
        imr_json_add(o, "rationale", imr_json_string_ref(item->rationale));
        if(item->rationale)
            extract_text(run, item->rationale, strlen(item->rationale), o);
        cJSON_AddItemToArray(items, o);
    }
    imr_json_add(root, "items", items);
}

static int run_extract(extract_run *run, const imr_catalogue *cat,
                       const char *path)
{
    imr_buf text;
    imr_error err;
    cJSON *root = cJSON_CreateObject();
    int rc = IMR_EXIT_OK;

    imr_buf_init(&text);
    imr_error_clear(&err);
    imr_json_add(root, "source", imr_json_string_ref(path));
    if(imr_letter_read_text(path, MAX_INPUT_BYTES, &text, &err) != IMR_OK)
        rc = imr__cli_fail(&err);
    else if(is_json_path(path))
        rc = extract_case(run, path, text.data, text.len, root);
    else
        extract_document(run, cat, text.data, text.len, root);
    if(rc == IMR_EXIT_OK && !run->explain)
        imr_json_print(root, IMR_JSON_PRETTY, &run->out);
    if(rc == IMR_EXIT_OK) {
        fwrite(run->out.data, 1, run->out.len, stdout);
        if(!run->explain)
            fputc('\n', stdout);
    }
    cJSON_Delete(root);
    imr_buf_fini(&text);
    return rc;
}

int imr__cli_extract(int argc, char **argv)
{
    extract_options opt;
    extract_run run;
    imr_extractor *x = NULL;
    imr_catalogue *cat = NULL;
    imr_error err;
    const char *kb;
    int rc;

    memset(&opt, 0, sizeof(opt));
    rc = read_options(argc, argv, &opt);
    if(rc != 0)
        return rc < 0 ? IMR_EXIT_OK : rc;
    kb = opt.kb_dir ? opt.kb_dir : imr_kb_default_dir();
    imr_error_clear(&err);
    if(imr_extractor_load(kb, &x, &err) != IMR_OK ||
       imr_catalogue_load(kb, &cat, &err) != IMR_OK) {
        imr_extractor_free(x);
        return imr__cli_fail(&err);
    }
    memset(&run, 0, sizeof(run));
    run.x = x;
    run.arena = imr_arena_new();
    run.explain = opt.explain;
    imr_buf_init(&run.out);
    rc = run_extract(&run, cat, opt.path);
    imr_buf_fini(&run.out);
    imr_arena_free(run.arena);
    imr_catalogue_free(cat);
    imr_extractor_free(x);
    return rc;
}
