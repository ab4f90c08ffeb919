/* SPDX-License-Identifier: MIT */
/* What the benchmarks' text generators share: a seeded random stream,
 * picking from phrase lists, fatal errors, fixed paragraph buffers and
 * calendar dates, the command line. Included by gen_letters.c and
 * gen_records.c, each of which defines PROGRAM (its name, for messages),
 * PARA_CAP (its paragraph size), MAX_COUNT and the `list` type (a
 * NULL-terminated array of phrases) first, and usage() after.
 * Deterministic for a seed: the same seed gives the same bytes. */
#ifndef IMR_BENCH_GEN_COMMON_H
#define IMR_BENCH_GEN_COMMON_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*---- Random numbers ----------------------------------------------------*/

/* splitmix64: small, fast and good enough for text; each letter or record
 * gets its own stream derived from (seed, index), so none depends on
 * another and item 7 is the same whatever the count. */
typedef struct rng {
    uint64_t state;
} rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t rng_next(rng *r)
{
    r->state += 0x9E3779B97F4A7C15u;
    return mix64(r->state);
}

/* Uniform in [0, n); n > 0. */
static unsigned rng_below(rng *r, unsigned n)
{
    uint64_t high = rng_next(r) >> 32;
    return (unsigned)((high * n) >> 32);
}

static int rng_chance(rng *r, unsigned percent)
{
    return rng_below(r, 100) < percent;
}

/* Uniform in [low, high]. */
static int rng_range(rng *r, int low, int high)
{
    return low + (int)rng_below(r, (unsigned)(high - low + 1));
}

static size_t list_count(list items)
{
    size_t n = 0;
    while(items[n])
        n++;
    return n;
}

static const char *pick(rng *r, list items)
{
    return items[rng_below(r, (unsigned)list_count(items))];
}

/* Picks up to `want` distinct entries (at most 32 considered) into `out`;
 * returns how many. */
static size_t pick_distinct(rng *r, list items, size_t want, const char **out)
{
    size_t count = list_count(items);
    uint32_t used = 0;
    size_t got = 0;

    if(count > 32)
        count = 32;
    while(got < want && got < count) {
        unsigned i = rng_below(r, (unsigned)count);
        if(used & (1u << i))
            continue;
        used |= 1u << i;
        out[got++] = items[i];
    }
    return got;
}

/*---- Errors ------------------------------------------------------------*/

static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, PROGRAM ": ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* A broken template or a full buffer is a bug here, not bad input. */
static void bug(const char *what, const char *detail) __attribute__((noreturn));

static void bug(const char *what, const char *detail)
{
    fprintf(stderr, PROGRAM ": internal error: %s \"%s\"\n", what, detail);
    abort();
}

/*---- Text buffers ------------------------------------------------------*/

typedef struct text {
    size_t len;
    char data[PARA_CAP];
} text;

static void text_putn(text *t, const char *s, size_t n)
{
    if(n >= PARA_CAP - t->len)
        bug("paragraph too long at", s);
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void text_puts(text *t, const char *s)
{
    text_putn(t, s, strlen(s));
}

static void text_reset(text *t)
{
    t->len = 0;
    t->data[0] = '\0';
}

/*---- Dates -------------------------------------------------------------*/

typedef struct date {
    int year;
    int month; /* 1-12 */
    int day;   /* 1-31 */
} date;

/* Days since 1970-01-01 and back (H. Hinnant's civil calendar). */
static long days_from_civil(date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static date civil_from_days(long z)
{
    date d;
    long era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

/*---- The command line --------------------------------------------------*/

/* Both generators take --count N --seed S --out PATH; each defines
 * usage() (its own text) and MAX_COUNT (the largest N) before this. */
typedef struct options {
    unsigned long long count;
    unsigned long long seed;
    const char *out;
} options;

static void usage(FILE *to);

static void usage_error(const char *what, const char *arg)
    __attribute__((noreturn));

static void usage_error(const char *what, const char *arg)
{
    fprintf(stderr, PROGRAM ": %s \"%s\"", what, arg);
    fprintf(stderr, "\nRun '" PROGRAM " -h' for usage.\n");
    exit(2);
}

static unsigned long long parse_number(const char *opt, const char *arg)
{
    char *end;
    unsigned long long v;

    if(!arg)
        usage_error("missing value after", opt);
    if(arg[0] < '0' || arg[0] > '9')
        usage_error("expected a number, found", arg);
    errno = 0;
    v = strtoull(arg, &end, 10);
    if(*end != '\0')
        usage_error("expected a number, found", arg);
    if(errno == ERANGE)
        usage_error("number too large:", arg);
    return v;
}

static options parse_args(int argc, char **argv)
{
    options o = {0, 1, NULL};
    int have_count = 0, i;

    for(i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if(strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if(strcmp(a, "--count") == 0) {
            o.count = parse_number(a, v);
            if(o.count < 1 || o.count > MAX_COUNT) {
                char what[64];
                snprintf(what, sizeof(what), "--count must be 1 to %d, found",
                         (int)MAX_COUNT);
                usage_error(what, v);
            }
            have_count = 1;
            i++;
        } else if(strcmp(a, "--seed") == 0) {
            o.seed = parse_number(a, v);
            i++;
        } else if(strcmp(a, "--out") == 0) {
            if(!v)
                usage_error("missing value after", a);
            o.out = v;
            i++;
        } else {
            usage_error("unknown argument", a);
        }
    }
    if(!have_count)
        usage_error("missing option", "--count");
    if(!o.out)
        usage_error("missing option", "--out");
    return o;
}

#endif
