/* SPDX-License-Identifier: MIT */
/* `imr request TEXT...`: one treatment request, parsed, as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "imr/request.h"

static const char usage[] =
    "usage: imr request [--kb DIR] TEXT...\n"
    "\n"
    "Parses one treatment request, such as \"PT 2X4 FOR THE L/S\", and\n"
    "prints it as JSON: the service from the catalogue (and any other\n"
    "service of the same rank in \"also\"), visits, visits a week, weeks,\n"
    "body regions, laterality, spinal levels, whether it is retrospective,\n"
    "and for a drug its name, strength, quantity and refills. Numbers the\n"
    "request does not state are null. The words of TEXT are joined with\n"
    "spaces.\n"
    "\n"
    "options:\n"
    "  --kb DIR   the knowledge base (default: $IMR_KB, else the built-in)\n"
    "  -h         this help\n";

/* Joins argv[first..argc) with single spaces; the caller frees it. */
static char *join_words(int argc, char **argv, int first)
{
    imr_buf buf;
    int i;

    imr_buf_init(&buf);
    for(i = first; i < argc; i++) {
        if(i > first)
            imr_buf_putc(&buf, ' ');
        imr_buf_puts(&buf, argv[i]);
    }
    return imr_buf_take(&buf);
}

static int print_request(const imr_catalogue *cat, const char *text)
{
    imr_request req;
    imr_error err;
    imr_buf json;
    cJSON *out;

    imr_error_clear(&err);
    if(imr_request_parse(cat, text, strlen(text), &req, &err) != IMR_OK)
        return imr__cli_fail(&err);
    out = cJSON_CreateObject();
    imr_json_add(out, "request", imr_json_string_ref(text));
    imr_request_add_json(out, &req);
    imr_buf_init(&json);
    imr_json_print(out, IMR_JSON_PRETTY, &json);
    cJSON_Delete(out);
    printf("%s\n", json.data);
    imr_buf_fini(&json);
    return IMR_EXIT_OK;
}

int imr__cli_request(int argc, char **argv)
{
    const char *kb_dir = imr_kb_default_dir();
    imr_catalogue *cat = NULL;
    imr_error err;
    char *text;
    int i = 1, status;

    for(; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if(imr__cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return IMR_EXIT_OK;
        }
        if(strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if(strcmp(argv[i], "--kb") != 0)
            return imr__cli_usage_error("request", "unknown option \"%s\"",
                                        argv[i]);
        if(i + 1 >= argc)
            return imr__cli_usage_error("request", "--kb needs a folder");
        kb_dir = argv[++i];
    }
    if(i >= argc)
        return imr__cli_usage_error("request", "missing the request TEXT");
    imr_error_clear(&err);
    if(imr_catalogue_load(kb_dir, &cat, &err) != IMR_OK)
        return imr__cli_fail(&err);
    text = join_words(argc, argv, i);
    status = print_request(cat, text);
    free(text);
    imr_catalogue_free(cat);
    return status;
}
