/* SPDX-License-Identifier: MIT */
/* Fuzzes the loaders of the knowledge base's tab-separated tables (the
 * fact lexicons and word patterns of kb/facts/, the ConText triggers of
 * kb/context/, the services catalogue and body regions, the intake's
 * holidays, specialties and states). The input's first byte picks a
 * table and the rest replaces it in a copy of the knowledge base; the
 * loader that reads it must then load, or refuse with a message that
 * names the file: never crash, never leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imr/extract.h"
#include "imr/intake.h"
#include "imr/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef enum loader { EXTRACTOR, CATALOGUE, INTAKE } loader;

typedef struct table {
    const char *path; /* under the knowledge base */
    loader reader;
} table;

static const table tables[] = {
    {"facts/concepts.tsv", EXTRACTOR},   {"facts/responses.tsv", EXTRACTOR},
    {"facts/sections.tsv", EXTRACTOR},   {"facts/words.tsv", EXTRACTOR},
    {"facts/gaps.tsv", EXTRACTOR},       {"facts/pairs.tsv", EXTRACTOR},
    {"context/negation.tsv", EXTRACTOR}, {"context/temporality.tsv", EXTRACTOR},
    {"services.tsv", CATALOGUE},         {"body_regions.tsv", CATALOGUE},
    {"holidays.tsv", INTAKE},            {"specialties.tsv", INTAKE},
    {"us_states.tsv", INTAKE},
};
enum { TABLES = sizeof(tables) / sizeof(tables[0]) };

static void die(const char *what, const imr_error *err)
{
    char msg[1200];
    fprintf(stderr, "fuzz_tables: %s: %s\n", what,
            imr_error_format(err, msg, sizeof(msg)));
    abort();
}

static void copy_file(const char *from_dir, const char *to_dir,
                      const char *name, char **kept, size_t *kept_len)
{
    char from[1024], to[1024];
    imr_error err;

    snprintf(from, sizeof(from), "%s/%s", from_dir, name);
    snprintf(to, sizeof(to), "%s/%s", to_dir, name);
    imr_error_clear(&err);
    if(imr_file_read(from, (size_t)4 << 20, kept, kept_len, &err) != IMR_OK ||
       imr_file_write_atomic(to, *kept, *kept_len, &err) != IMR_OK)
        die(name, &err);
}

/* A copy of the knowledge base's tables in a temporary folder, made once
 * (libFuzzer runs inputs one after the other), with each table's bytes
 * kept to put back after an input replaced them. */
typedef struct kb_copy {
    char dir[256];
    char *original[TABLES];
    size_t length[TABLES];
    imr_catalogue *catalogue; /* of the real tables, for the intake's */
} kb_copy;

static kb_copy copy;

static const char *const context_others[] = {"context/experiencer.tsv",
                                             "context/termination.tsv"};

/* The copy is removed when the process ends, so runs leave no folders. */
static void remove_copy(void)
{
    char path[600];
    size_t i;

    for(i = 0; i < TABLES; i++) {
        snprintf(path, sizeof(path), "%s/%s", copy.dir, tables[i].path);
        unlink(path);
        free(copy.original[i]);
    }
    for(i = 0; i < sizeof(context_others) / sizeof(context_others[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", copy.dir, context_others[i]);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/facts", copy.dir);
    rmdir(path);
    snprintf(path, sizeof(path), "%s/context", copy.dir);
    rmdir(path);
    rmdir(copy.dir);
    imr_catalogue_free(copy.catalogue);
}

static kb_copy *kb(void)
{
    static int made;
    const char *tmp = getenv("TMPDIR");
    char sub[300];
    size_t i;
    imr_error err;

    if(made)
        return &copy;
    snprintf(copy.dir, sizeof(copy.dir), "%s/imr-fuzz-tables-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if(!mkdtemp(copy.dir))
        abort();
    snprintf(sub, sizeof(sub), "%s/facts", copy.dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof(sub), "%s/context", copy.dir);
    mkdir(sub, 0700);
    for(i = 0; i < TABLES; i++)
        copy_file(imr_kb_default_dir(), copy.dir, tables[i].path,
                  &copy.original[i], &copy.length[i]);
    /* the ConText loader reads every file of kb/context */
    for(i = 0; i < sizeof(context_others) / sizeof(context_others[0]); i++) {
        char *text = NULL;
        size_t len = 0;
        copy_file(imr_kb_default_dir(), copy.dir, context_others[i], &text,
                  &len);
        free(text);
    }
    imr_error_clear(&err);
    if(imr_catalogue_load(copy.dir, &copy.catalogue, &err) != IMR_OK)
        die("the catalogue", &err);
    atexit(remove_copy);
    made = 1;
    return &copy;
}

static void put(const kb_copy *k, size_t t, const char *text, size_t len)
{
    char path[600];
    imr_error err;

    snprintf(path, sizeof(path), "%s/%s", k->dir, tables[t].path);
    imr_error_clear(&err);
    if(imr_file_write_atomic(path, text, len, &err) != IMR_OK)
        die(tables[t].path, &err);
}

static imr_status load(const kb_copy *k, loader reader, imr_error *err)
{
    imr_status rc;

    if(reader == EXTRACTOR) {
        imr_extractor *x = NULL;
        rc = imr_extractor_load(k->dir, &x, err);
        imr_extractor_free(x);
    }
    else if(reader == CATALOGUE) {
        imr_catalogue *cat = NULL;
        rc = imr_catalogue_load(k->dir, &cat, err);
        imr_catalogue_free(cat);
    }
    else {
        imr_intake_rules *rules = NULL;
        rc = imr_intake_rules_load(k->dir, k->catalogue, &rules, err);
        imr_intake_rules_free(rules);
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kb_copy *k = kb();
    size_t t;
    imr_error err;
    imr_status rc;

    if(size == 0)
        return 0;
    t = data[0] % TABLES;
    put(k, t, (const char *)data + 1, size - 1);
    imr_error_clear(&err);
    rc = load(k, tables[t].reader, &err);
    /* A refusal says what and where: the table it read. */
    IMR_ASSERT(rc == IMR_OK || rc == IMR_EINPUT || rc == IMR_ETOOBIG);
    IMR_ASSERT(rc == IMR_OK || err.message[0] != '\0');
    put(k, t, k->original[t], k->length[t]);
    return 0;
}
