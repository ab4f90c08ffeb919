/* SPDX-License-Identifier: MIT */
/* `imr context`: the ConText judgement of concepts in sentences, one
 * "id TAB concept TAB sentence" line at a time, as the NegEx test kit
 * lays them out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "imr/extract.h"

static const char usage[] =
    "usage: imr context [--kb DIR] < LINES\n"
    "\n"
    "Reads lines \"id<TAB>concept<TAB>sentence\" on standard input and\n"
    "prints, for each, \"id<TAB>polarity<TAB>time<TAB>experiencer\":\n"
    "negated, affirmed or possible; recent, historical or hypothetical;\n"
    "patient or other. The trigger phrases are in kb/context/.\n"
    "\n"
    "The concept is found in the sentence ignoring case, any run of white\n"
    "space matching any other. Of its places, the first that starts and\n"
    "ends at word boundaries and is no heading (followed by a colon) is\n"
    "taken, else the first at word boundaries, else the first at all.\n"
    "When the sentence does not contain it, the longest run of its leading\n"
    "words that the sentence contains stands for it; when not even its\n"
    "first word is there, the whole sentence does, which leaves no words\n"
    "around it and so gives affirmed, recent, patient. Blank lines are\n"
    "skipped; a line with fewer than two tabs is refused (exit status 1)\n"
    "after the lines before it are printed.\n"
    "\n"
    "options:\n"
    "  --kb DIR   the knowledge base (default: $IMR_KB, else the built-in)\n"
    "  -h         this help\n";

/*---- Finding the concept -----------------------------------------------*/

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Matches need[0..nlen) (trimmed) at s[at..len), any run of white space
 * in the needle matching a run of at least one in the text; returns the
 * end of the match in s, or 0 when it does not match. */
static size_t match_at(const char *s, size_t len, size_t at, const char *need,
                       size_t nlen)
{
    size_t i = at, k = 0;

    while(k < nlen) {
        if(is_space((unsigned char)need[k])) {
            if(i >= len || !is_space((unsigned char)s[i]))
                return 0;
            while(k < nlen && is_space((unsigned char)need[k]))
                k++;
            while(i < len && is_space((unsigned char)s[i]))
                i++;
            continue;
        }
        if(i >= len ||
           lower((unsigned char)s[i]) != lower((unsigned char)need[k]))
            return 0;
        i++;
        k++;
    }
    return i;
}

static int at_boundaries(const char *s, size_t len, size_t start, size_t end,
                         const char *need, size_t nlen)
{
    if(start > 0 && is_alnum((unsigned char)s[start - 1]) &&
       is_alnum((unsigned char)need[0]))
        return 0;
    return end >= len || !is_alnum((unsigned char)s[end]) ||
           !is_alnum((unsigned char)need[nlen - 1]);
}

/* True when s[end..) is a colon, after any spaces: the place is a
 * heading ("ALLERGIES:  He has no known allergies."). */
static int is_heading(const char *s, size_t len, size_t end)
{
    while(end < len && (s[end] == ' ' || s[end] == '\t'))
        end++;
    return end < len && s[end] == ':';
}

/* How well a place suits: 3 at word boundaries and not a heading, 2 at
 * word boundaries, 1 anywhere. */
static int rank_place(const char *s, size_t len, size_t start, size_t end,
                      const char *need, size_t nlen)
{
    if(!at_boundaries(s, len, start, end, need, nlen))
        return 1;
    return is_heading(s, len, end) ? 2 : 3;
}

/* The first place of the needle of the best rank. Returns 1 and sets
 * *span when found. */
static int find_phrase(const char *s, size_t len, const char *need, size_t nlen,
                       imr_span *span)
{
    size_t i, end;
    int best = 0;

    for(i = 0; i < len && best < 3; i++) {
        int rank;
        end = match_at(s, len, i, need, nlen);
        if(!end)
            continue;
        rank = rank_place(s, len, i, end, need, nlen);
        if(rank > best) {
            best = rank;
            span->offset = i;
            span->length = end - i;
        }
    }
    return best > 0;
}

/* The concept, else its longest run of leading words found, else the
 * whole sentence (see the usage text). */
static imr_span locate(const char *s, size_t len, const char *concept,
                       size_t clen)
{
    imr_span span = {0, len};
    size_t n;

    imr_text_trim(&concept, &clen);
    n = clen;
    while(n > 0) {
        if(find_phrase(s, len, concept, n, &span))
            return span;
        while(n > 0 && !is_space((unsigned char)concept[n - 1]))
            n--;
        while(n > 0 && is_space((unsigned char)concept[n - 1]))
            n--;
    }
    span.offset = 0;
    span.length = len;
    return span;
}

/*---- Lines -------------------------------------------------------------*/

/* Judges one line and prints the answer; returns 0 for a malformed line. */
static int judge_line(const imr_context_rules *rules, char *line, size_t len)
{
    char *tab1 = memchr(line, '\t', len), *tab2;
    const char *concept, *sentence;
    size_t clen, slen;
    imr_context ctx;

    if(!tab1)
        return 0;
    tab2 = memchr(tab1 + 1, '\t', len - (size_t)(tab1 + 1 - line));
    if(!tab2)
        return 0;
    concept = tab1 + 1;
    clen = (size_t)(tab2 - concept);
    sentence = tab2 + 1;
    slen = len - (size_t)(sentence - line);
    imr_context_assess(rules, sentence, slen,
                       locate(sentence, slen, concept, clen), &ctx);
    printf("%.*s\t%s\t%s\t%s\n", (int)(tab1 - line), line,
           imr_polarity_name(ctx.polarity),
           imr_temporality_name(ctx.temporality),
           imr_experiencer_name(ctx.experiencer));
    return 1;
}

static int judge_stream(const imr_context_rules *rules, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned number = 0;
    int status = IMR_EXIT_OK;

    for(got = getline(&line, &cap, in); got >= 0;
        got = getline(&line, &cap, in)) {
        size_t len = (size_t)got;
        number++;
        while(len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if(len == 0)
            continue;
        if(!judge_line(rules, line, len)) {
            fflush(stdout);
            fprintf(stderr,
                    "imr: <stdin>:%u: expected id<TAB>concept<TAB>sentence\n",
                    number);
            status = IMR_EXIT_REFUSED;
            break;
        }
    }
    free(line);
    return status;
}

int imr__cli_context(int argc, char **argv)
{
    const char *kb_dir = imr_kb_default_dir();
    imr_context_rules *rules = NULL;
    imr_error err;
    int i, status;

    for(i = 1; i < argc; i++) {
        if(imr__cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return IMR_EXIT_OK;
        }
        if(strcmp(argv[i], "--kb") != 0)
            return imr__cli_usage_error("context", "unknown argument \"%s\"",
                                        argv[i]);
        if(i + 1 >= argc)
            return imr__cli_usage_error("context", "--kb needs a folder");
        kb_dir = argv[++i];
    }
    imr_error_clear(&err);
    if(imr_context_rules_load(kb_dir, &rules, &err) != IMR_OK)
        return imr__cli_fail(&err);
    status = judge_stream(rules, stdin);
    imr_context_rules_free(rules);
    return status;
}
