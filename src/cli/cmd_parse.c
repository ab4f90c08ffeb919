/* SPDX-License-Identifier: MIT */
/* imr parse: published determination letters -> JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "files.h"
#include "imr/letter.h"

/* A letter is a few pages and a compilation some thousands of letters;
 * anything bigger is neither. */
#define MAX_LETTER_BYTES ((size_t)16 << 20)

static const char usage[] =
    "usage: imr parse [--jsonl|--text|--check] [--kb DIR] FILE|DIR...\n\n"
    "Reads published IMR Final Determination Letters (.txt as pdftotext\n"
    "writes them, or .pdf) and prints one JSON object per letter. A folder\n"
    "stands for every .txt and .pdf file under it, in name order.\n\n"
    "  --jsonl     one compact JSON object per line\n"
    "  --text      a readable outline instead of JSON\n"
    "  --check     print only refusals and a count of letters read\n"
    "  --kb DIR    the knowledge base (default: $IMR_KB or the built-in one)\n"
    "  -h          this help\n\n"
    "A letter that cannot be read is reported on stderr with its file and\n"
    "line; the others are still printed, and the exit status is 1.\n";

typedef enum output_form {
    OUTPUT_JSON,
    OUTPUT_JSONL,
    OUTPUT_TEXT,
    OUTPUT_CHECK /* nothing for letters read; refusals and a count */
} output_form;

typedef struct parse_options {
    output_form form;
    const char *kb_dir;
    imr_file_list files;
} parse_options;

static const char *const letter_extensions[] = {".txt", ".pdf", NULL};

static int read_options(int argc, char **argv, parse_options *opt)
{
    int i;
    imr_error err;

    for(i = 1; i < argc; i++) {
        const char *a = argv[i];
        if(imr__cli_is_help(a)) {
            fputs(usage, stdout);
            return -1;
        }
        if(strcmp(a, "--jsonl") == 0)
            opt->form = OUTPUT_JSONL;
        else if(strcmp(a, "--text") == 0)
            opt->form = OUTPUT_TEXT;
        else if(strcmp(a, "--check") == 0)
            opt->form = OUTPUT_CHECK;
        else if(strcmp(a, "--kb") == 0) {
            if(i + 1 == argc)
                return imr__cli_usage_error("parse", "--kb needs a folder");
            opt->kb_dir = argv[++i];
        }
        else if(a[0] == '-' && a[1])
            return imr__cli_usage_error("parse", "unknown option \"%s\"", a);
        else if(imr__file_list_add(&opt->files, a, letter_extensions,
                                   (imr_error_clear(&err), &err)) != IMR_OK)
            return imr__cli_fail(&err);
    }
    if(opt->files.count == 0)
        return imr__cli_usage_error("parse", "no letter given");
    return 0;
}

static const char *or_unknown(const char *s)
{
    return s ? s : "-";
}

static void print_citation(const char *who, const imr_citation *c)
{
    size_t i;
    printf("      %-9s %s", who, c->mtus == 1 ? "MTUS" :
                                 c->mtus == 0 ? "not MTUS" : "-");
    for(i = 0; i < c->source_count; i++)
        printf("%s %s", i ? ";" : ":", c->sources[i]);
    for(i = 0; i < c->page_count; i++)
        printf("%s%s", i ? ", " : ", pages ", c->pages[i]);
    putchar('\n');
}

static void print_outline(const imr_letter *l, const char *path)
{
    size_t i;

    printf("%s  (%s)\n", path, l->format);
    printf("  reviewer: %s; licensed in %s\n",
           or_unknown(l->certification_count ? l->certifications[0] : NULL),
           or_unknown(l->licensure_count ? l->licensure[0] : NULL));
    if(l->age >= 0)
        printf("  claimant: %d years, ", l->age);
    else
        printf("  claimant: age not stated, ");
    printf("%s, injured %s\n", or_unknown(l->sex),
           or_unknown(l->date_of_injury));
    for(i = 0; i < l->item_count; i++) {
        const imr_letter_item *item = &l->items[i];
        printf("  %zu. %-10s %s  [%s]\n", i + 1,
               or_unknown(imr_decision_name(item->decision)), item->request,
               or_unknown(item->parsed.service));
        print_citation("UR:", &item->claims_administrator_guideline);
        print_citation("reviewer:", &item->reviewer_guideline);
    }
    putchar('\n');
}

/* Output goes out in writes of about this size: a write a letter made the
 * system calls a sixth of the time `imr parse --jsonl` took. To a terminal
 * each letter goes out at once, for the person watching. */
#define OUTPUT_CHUNK_BYTES ((size_t)1 << 20)

/* One run of the command: what every letter needs, and the tallies. */
typedef struct parse_run {
    const imr_catalogue *cat;
    imr_arena *arena;
    output_form form;
    imr_buf out;
    size_t out_chunk; /* write `out` when it holds this much */
    imr_buf text; /* one buffer for every file's text */
    size_t letters_read;
    size_t refusals;
} parse_run;

static void write_out(imr_buf *out)
{
    fwrite(out->data, 1, out->len, stdout);
    imr_buf_reset(out);
}

/* Adds the letter to the run's output, written when it holds a chunk. */
static void print_letter(parse_run *run, const imr_letter *letter,
                         const char *path)
{
    cJSON *o;

    if(run->form == OUTPUT_CHECK)
        return;
    if(run->form == OUTPUT_TEXT) {
        print_outline(letter, path);
        return;
    }
    o = imr_letter_to_json(letter, path, run->arena);
    imr_json_print(o,
                   run->form == OUTPUT_JSONL ? IMR_JSON_COMPACT
                                             : IMR_JSON_PRETTY,
                   &run->out);
    imr_buf_putc(&run->out, '\n');
    cJSON_Delete(o);
    if(run->out.len >= run->out_chunk)
        write_out(&run->out);
}

static unsigned count_newlines(const char *s, size_t n)
{
    unsigned lines = 0;
    const char *end = s + n;
    while((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        lines++;
        s++;
    }
    return lines;
}


static void refuse(parse_run *run, imr_error *err, const char *path)
{
    /* The letters before it come out first, as a reader of both expects. */
    write_out(&run->out);
    fflush(stdout);
    imr_error_name_file(err, path);
    imr__cli_fail(err);
    run->refusals++;
}

/* Parses and prints each letter of a file's text. A refusal's line is
 * counted from the start of the file, which is counted only then: counting
 * every letter's lines took a twentieth of the time. */
static void parse_text(parse_run *run, const char *path, const char *text,
                       size_t len)
{
    const char *counted = text;
    unsigned line_offset = 0;

    while(len) {
        size_t piece = imr_letter_first_length(text, len);
        imr_letter *letter = NULL;
        imr_error err;
        imr_error_clear(&err);
        if(imr_letter_parse(run->cat, text, piece, run->arena, &letter,
                            &err) == IMR_OK) {
            print_letter(run, letter, path);
            run->letters_read++;
        }
        else {
            line_offset += count_newlines(counted, (size_t)(text - counted));
            counted = text;
            if(err.line)
                err.line += line_offset;
            refuse(run, &err, path);
        }
        imr_arena_reset(run->arena);
        text += piece;
        len -= piece;
    }
}

/* Reads, parses and prints the letters of one file. */
static void parse_file(parse_run *run, const char *path)
{
    imr_error err;

    imr_error_clear(&err);
    if(imr_letter_read_text(path, MAX_LETTER_BYTES, &run->text, &err) !=
       IMR_OK) {
        refuse(run, &err, path);
        return;
    }
    parse_text(run, path, run->text.data, run->text.len);
}

int imr__cli_parse(int argc, char **argv)
{
    parse_options opt;
    parse_run run;
    imr_catalogue *cat = NULL;
    imr_error err;
    size_t i;
    int rc;

    memset(&opt, 0, sizeof(opt));
    imr__file_list_init(&opt.files);
    rc = read_options(argc, argv, &opt);
    if(rc != 0) {
        imr__file_list_fini(&opt.files);
        return rc < 0 ? IMR_EXIT_OK : rc;
    }
    imr_error_clear(&err);
    if(imr_catalogue_load(opt.kb_dir ? opt.kb_dir : imr_kb_default_dir(),
                          &cat, &err) != IMR_OK) {
        imr__file_list_fini(&opt.files);
        return imr__cli_fail(&err);
    }
    memset(&run, 0, sizeof(run));
    run.cat = cat;
    run.arena = imr_arena_new();
    run.form = opt.form;
    run.out_chunk = isatty(STDOUT_FILENO) ? 1 : OUTPUT_CHUNK_BYTES;
    imr_buf_init(&run.out);
    imr_buf_init(&run.text);
    for(i = 0; i < opt.files.count; i++)
        parse_file(&run, opt.files.paths[i]);
    write_out(&run.out);
    if(run.form == OUTPUT_CHECK)
        printf("%zu letters read, %zu refused\n", run.letters_read,
               run.refusals);
    imr_buf_fini(&run.out);
    imr_buf_fini(&run.text);
    imr_arena_free(run.arena);
    imr_catalogue_free(cat);
    imr__file_list_fini(&opt.files);
    if(fflush(stdout) != 0)
        return IMR_EXIT_REFUSED;
    return run.refusals ? IMR_EXIT_REFUSED : IMR_EXIT_OK;
}
