/* SPDX-License-Identifier: MIT */
/* imr_bench_extract: how fast imr_extract_facts reads narrative records on
 * one core, against the floor of merely touching the same bytes, with and
 * without writing the facts as JSON. Records come from one file, separated
 * by form feeds (bench/run_extract.sh makes one with imr_gen_records). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "imr/base.h"
#include "imr/extract.h"
#include "imr/json.h"

#define PROGRAM "imr_bench_extract"

enum { MAX_RUNS = 1000, DEFAULT_RUNS = 5 };

/* Large enough for any corpus worth timing; the file is read whole. */
#define MAX_FILE_BYTES ((size_t)4 << 30)

typedef struct corpus {
    char *data;         /* the file, each form feed made a NUL */
    size_t bytes;       /* of the records, separators left out */
    imr_span *records;
    size_t count;
} corpus;

/* What one pass produced; it is printed or compared, so no pass is dead
 * code to the compiler. */
typedef struct tally {
    uint64_t facts;     /* or, for the floor, newlines */
    uint64_t checksum;  /* the floor's byte sum, or JSON bytes */
} tally;

typedef struct bench {
    const imr_extractor *x;
    const corpus *c;
    imr_arena *arena;
    imr_buf json;
} bench;

typedef tally (*pass_fn)(bench *b);

/*---- The corpus ----------------------------------------------------------*/

/* Splits the file at form feeds into records, in place: each separator
 * becomes the NUL that ends the record before it. Empty pieces (after the
 * last form feed) are not records. */
static void split_records(corpus *c, size_t len)
{
    size_t start = 0, i, cap = 1024;

    c->records = imr_xmalloc(cap * sizeof(*c->records));
    c->count = 0;
    c->bytes = 0;
    for(i = 0; i <= len; i++) {
        if(i < len && c->data[i] != '\f')
            continue;
        if(i > start) {
            if(c->count == cap) {
                cap *= 2;
                c->records = imr_xrealloc(c->records,
                                          cap * sizeof(*c->records));
            }
            c->records[c->count].offset = start;
            c->records[c->count].length = i - start;
            c->count++;
            c->bytes += i - start;
        }
        if(i < len)
            c->data[i] = '\0';
        start = i + 1;
    }
}

/*---- The passes ----------------------------------------------------------*/

/* The floor: every byte of every record read once, with work that cannot
 * be optimized away (newlines counted, bytes summed). */
static tally pass_floor(bench *b)
{
    tally t = {0, 0};
    size_t r, i;

    for(r = 0; r < b->c->count; r++) {
        const unsigned char *s =
            (const unsigned char *)b->c->data + b->c->records[r].offset;
        size_t n = b->c->records[r].length;
        uint64_t sum = 0, lines = 0;
        for(i = 0; i < n; i++) {
            sum += s[i];
            lines += s[i] == '\n';
        }
        t.facts += lines;
        t.checksum = t.checksum * 31u + sum;
    }
    return t;
}

/* imr_extract_facts on each record, with the arena reset per record as
 * a server would per request. */
static tally pass_extract(bench *b)
{
    tally t = {0, 0};
    size_t r;

    for(r = 0; r < b->c->count; r++) {
        imr_facts facts;
        imr_arena_reset(b->arena);
        imr_extract_facts(b->x, b->c->data + b->c->records[r].offset,
                          b->c->records[r].length, b->arena, &facts);
        t.facts += facts.count;
    }
    return t;
}

/* The same, and the facts printed as compact JSON: what `imr extract`
 * does per record. */
static tally pass_extract_json(bench *b)
{
    tally t = {0, 0};
    size_t r;

    for(r = 0; r < b->c->count; r++) {
        const char *text = b->c->data + b->c->records[r].offset;
        imr_facts facts;
        cJSON *json;
        imr_arena_reset(b->arena);
        imr_extract_facts(b->x, text, b->c->records[r].length, b->arena,
                          &facts);
        json = imr_facts_to_json(&facts, text);
        imr_buf_reset(&b->json);
        imr_json_print(json, IMR_JSON_COMPACT, &b->json);
        cJSON_Delete(json);
        t.facts += facts.count;
        t.checksum += b->json.len;
    }
    return t;
}

/*---- Timing --------------------------------------------------------------*/

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The best wall-clock time of `runs` passes; `out` gets the first pass's
 * tally, and a pass that disagrees with it is a bug. */
static double best_of(bench *b, pass_fn pass, int runs, tally *out)
{
    double best = -1.0;
    int i;

    for(i = 0; i < runs; i++) {
        double t0 = now(), elapsed;
        tally t = pass(b);
        elapsed = now() - t0;
        if(i == 0)
            *out = t;
        else if(t.facts != out->facts || t.checksum != out->checksum) {
            fprintf(stderr, PROGRAM ": run %d gave a different result\n",
                    i + 1);
            exit(1);
        }
        if(best < 0 || elapsed < best)
            best = elapsed;
    }
    return best < 1e-9 ? 1e-9 : best;
}

/*---- Report --------------------------------------------------------------*/

static void print_row(const char *label, const corpus *c, double seconds,
                      double floor, const char *facts)
{
    double mb = (double)c->bytes / 1e6;

    printf("%-24s %8.1f %9zu %9.3f %9.1f %11.0f %10s %10.1f\n", label, mb,
           c->count, seconds, mb / seconds, (double)c->count / seconds, facts,
           seconds / floor);
}

static void report(const corpus *c, int runs, const double seconds[3],
                   const tally tallies[3])
{
    char facts[24];

    printf("%zu records, %zu bytes (%.1f MB), best of %d runs\n\n",
           c->count, c->bytes, (double)c->bytes / 1e6, runs);
    printf("%-24s %8s %9s %9s %9s %11s %10s %10s\n", "", "MB", "records",
           "seconds", "MB/s", "records/s", "facts", "x floor");
    print_row("floor (read bytes)", c, seconds[0], seconds[0], "-");
    snprintf(facts, sizeof(facts), "%llu",
             (unsigned long long)tallies[1].facts);
    print_row("imr_extract_facts", c, seconds[1], seconds[0], facts);
    snprintf(facts, sizeof(facts), "%llu",
             (unsigned long long)tallies[2].facts);
    print_row("extract + JSON", c, seconds[2], seconds[0], facts);
    printf("\nJSON written: %.1f MB; floor checksum %016llx, %llu lines\n",
           (double)tallies[2].checksum / 1e6,
           (unsigned long long)tallies[0].checksum,
           (unsigned long long)tallies[0].facts);
}

/*---- Command line ------------------------------------------------------*/

typedef struct options {
    const char *kb_dir;
    const char *path;
    int runs;
} options;

static void usage(FILE *to)
{
    fprintf(to,
            "usage: " PROGRAM " [--kb DIR] FILE [RUNS]\n\n"
            "Reads FILE, narrative records separated by form feeds, and times\n"
            "on this thread, best of RUNS (default %d, at most %d): the floor\n"
            "of reading every byte, imr_extract_facts on every record, and\n"
            "extraction with the facts printed as JSON. Prints a table of\n"
            "MB/s and records/s and each time as a multiple of the floor.\n\n"
            "  --kb DIR   the knowledge base (default: $IMR_KB or the "
            "built-in one)\n",
            DEFAULT_RUNS, MAX_RUNS);
}

static void usage_error(const char *what, const char *arg)
    __attribute__((noreturn));

static void usage_error(const char *what, const char *arg)
{
    fprintf(stderr, PROGRAM ": %s", what);
    if(arg)
        fprintf(stderr, " \"%s\"", arg);
    fprintf(stderr, "\nRun '" PROGRAM " -h' for usage.\n");
    exit(2);
}

static int parse_runs(const char *arg)
{
    char *end;
    long v;

    if(arg[0] < '0' || arg[0] > '9')
        usage_error("RUNS must be a whole number, found", arg);
    errno = 0;
    v = strtol(arg, &end, 10);
    if(*end != '\0' || errno == ERANGE || v < 1 || v > MAX_RUNS)
        usage_error("RUNS must be 1 to 1000, found", arg);
    return (int)v;
}

static options parse_args(int argc, char **argv)
{
    options o = {NULL, NULL, DEFAULT_RUNS};
    const char *runs = NULL;
    int i;

    for(i = 1; i < argc; i++) {
        const char *a = argv[i];
        if(strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if(strcmp(a, "--kb") == 0) {
            if(i + 1 >= argc)
                usage_error("missing value after", a);
            o.kb_dir = argv[++i];
        } else if(a[0] == '-' && a[1] != '\0') {
            usage_error("unknown option", a);
        } else if(!o.path) {
            o.path = a;
        } else if(!runs) {
            runs = a;
        } else {
            usage_error("unexpected argument", a);
        }
    }
    if(!o.path)
        usage_error("no FILE given", NULL);
    if(runs)
        o.runs = parse_runs(runs);
    if(!o.kb_dir)
        o.kb_dir = imr_kb_default_dir();
    return o;
}

static int fail(const imr_error *err)
{
    char msg[1200];
    fprintf(stderr, PROGRAM ": %s\n", imr_error_format(err, msg, sizeof(msg)));
    return 1;
}

int main(int argc, char **argv)
{
    options o = parse_args(argc, argv);
    static const pass_fn passes[3] = {pass_floor, pass_extract,
                                      pass_extract_json};
    imr_extractor *x = NULL;
    imr_error err;
    corpus c;
    bench b;
    size_t len;
    double seconds[3];
    tally tallies[3];
    int i;

    memset(&c, 0, sizeof(c));
    imr_error_clear(&err);
    if(imr_file_read(o.path, MAX_FILE_BYTES, &c.data, &len, &err) != IMR_OK)
        return fail(&err);
    split_records(&c, len);
    if(c.count == 0) {
        fprintf(stderr, PROGRAM ": \"%s\" holds no records\n", o.path);
        free(c.data);
        free(c.records);
        return 1;
    }
    if(imr_extractor_load(o.kb_dir, &x, &err) != IMR_OK) {
        free(c.data);
        free(c.records);
        return fail(&err);
    }
    b.x = x;
    b.c = &c;
    b.arena = imr_arena_new();
    imr_buf_init(&b.json);
    for(i = 0; i < 3; i++)
        seconds[i] = best_of(&b, passes[i], o.runs, &tallies[i]);
    if(tallies[1].facts != tallies[2].facts) {
        fprintf(stderr, PROGRAM ": the passes found different facts\n");
        return 1;
    }
    report(&c, o.runs, seconds, tallies);
    imr_buf_fini(&b.json);
    imr_arena_free(b.arena);
    imr_extractor_free(x);
    free(c.records);
    free(c.data);
    return 0;
}
