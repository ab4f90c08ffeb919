/* SPDX-License-Identifier: MIT */
/* imr eval: re-decide published letters from their own case summaries and
 * report agreement with the real reviewers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "files.h"
#include "imr/letter.h"
#include "review_setup.h"

#define MAX_LETTER_BYTES ((size_t)16 << 20)

static const char usage[] =
    "usage: imr eval [--kb DIR] [--explain] LETTER|DIR...\n\n"
    "For each published letter: builds the case from its claimant fields,\n"
    "case summary and requests; decides each request; compares with the real\n"
    "decision. Prints a table and the totals: agreement, balanced accuracy,\n"
    "Cohen's kappa, and agreement on the guideline cited.\n\n"
    "  --explain   also print the criteria that decided each of ours\n"
    "  --kb DIR    the knowledge base (default: $IMR_KB or the built-in one)\n";

typedef struct eval_tally {
    size_t n;
    size_t confusion[2][2]; /* [real][ours]: 0 upheld, 1 overturned */
    size_t guideline_agree;
    size_t guideline_known;
    size_t letters;
    size_t refused;
} eval_tally;

static const char *const letter_extensions[] = {".txt", ".pdf", NULL};

/* The case a letter describes: its claimant, UR date, summary and
 * requests. */
static imr_case *case_of_letter(const imr_letter *l, imr_arena *arena)
{
    imr_case *c = imr_arena_alloc(arena, sizeof(*c));
    size_t i;

    c->case_number = l->case_number;
    c->ur_date = l->ur_date;
    c->sex = l->sex;
    c->age = l->age;
    c->date_of_injury = l->date_of_injury;
    c->request_count = l->item_count;
    c->requests = imr_arena_alloc(arena, l->item_count * sizeof(char *));
    for(i = 0; i < l->item_count; i++)
        c->requests[i] = l->items[i].request;
    c->record_count = 1;
    c->records = imr_arena_alloc(arena, sizeof(imr_case_record));
    c->records[0].kind = "case summary";
    c->records[0].text = l->summary ? l->summary : "";
    return c;
}

/* Letters and digits only, lower case: "Post-Surgical" and "Postsurgical"
 * name the same guideline. */
static void squeeze(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for(; *s && n + 1 < size; s++) {
        char c = *s;
        if(c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        if((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[n++] = c;
    }
    out[n] = '\0';
}

/* Do we cite the guideline the reviewer cited? Same MTUS standing, and
 * one of their sources names our guideline. */
static int same_guideline(const imr_item_decision *ours,
                          const imr_citation *theirs)
{
    size_t i;
    const char *cite;

    if(ours->topic_count == 0)
        return 0;
    if(theirs->mtus >= 0 && theirs->mtus != ours->mtus)
        return 0;
    cite = ours->topics[0]->guideline->cite;
    {
        /* Letters cite the guideline by its MTUS name ("MTUS Chronic Pain
         * Treatment Guidelines") or by its title ("Chronic Pain Medical
         * Treatment Guidelines (2009)"); the title is taken up to any
         * parenthesis. */
        const char *title = ours->topics[0]->guideline->title;
        const char *paren = title ? strchr(title, '(') : NULL;
        char want[256], named[256], have[512], head[256];
        squeeze(cite, want, sizeof(want));
        snprintf(head, sizeof(head), "%.*s",
                 (int)(paren ? (size_t)(paren - title)
                             : (title ? strlen(title) : 0)),
                 title ? title : "");
        squeeze(head, named, sizeof(named));
        for(i = 0; i < theirs->source_count; i++) {
            squeeze(theirs->sources[i], have, sizeof(have));
            if(strstr(have, want) || (named[0] && strstr(have, named)))
                return 1;
        }
    }
    return 0;
}

static void short_text(char *out, size_t size, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if(!s) {
        snprintf(out, size, "-");
        return;
    }
    if(n < size)
        snprintf(out, size, "%s", s);
    else
        snprintf(out, size, "%.*s...", (int)(size - 4), s);
}

static void print_row(const imr_letter_item *real,
                      const imr_item_decision *ours, int agree_guideline,
                      int explain)
{
    char request[36], theirs[34], mine[34];
    size_t i;

    short_text(request, sizeof(request), real->request);
    short_text(theirs, sizeof(theirs),
               real->reviewer_guideline.source_count
                   ? real->reviewer_guideline.sources[0]
                   : NULL);
    short_text(mine, sizeof(mine),
               ours->topic_count ? ours->topics[0]->guideline->cite : NULL);
    printf("%-35s %-10s %-10s %-33s %-33s %s\n", request,
           imr_decision_name(real->decision), imr_verdict_name(ours->verdict),
           theirs, mine, agree_guideline ? "same" : "differs");
    for(i = 0; explain && i < ours->criterion_count; i++) {
        const imr_criterion_result *r = &ours->criteria[i];
        printf("    %-9s %s\n",
               r->met == IMR_TRUE    ? "met"
               : r->met == IMR_FALSE ? "not met"
                                     : "unknown",
               r->criterion->id);
    }
}

static void eval_letter(review_setup *s, const imr_letter *l, imr_arena *arena,
                        eval_tally *t, int explain)
{
    imr_case *c = case_of_letter(l, arena);
    imr_determination *d = NULL;
    size_t i;

    s->ctx.review_date = l->ur_date ? l->ur_date : l->letter_date;
    imr_review(&s->ctx, c, arena, &d);
    for(i = 0; i < l->item_count && i < d->item_count; i++) {
        const imr_letter_item *real = &l->items[i];
        const imr_item_decision *ours = &d->items[i];
        int agree = same_guideline(ours, &real->reviewer_guideline);
        int r = real->decision == IMR_DECISION_OVERTURNED;
        int o = ours->verdict == IMR_VERDICT_OVERTURNED;
        t->n++;
        t->confusion[r][o]++;
        t->guideline_known++;
        t->guideline_agree += (size_t)agree;
        print_row(real, ours, agree, explain);
    }
    t->letters++;
}

static void eval_file(review_setup *s, const char *path, eval_tally *t,
                      int explain)
{
    imr_buf text;
    imr_error err;
    const char *p;
    size_t left;
    imr_arena *arena = imr_arena_new();

    imr_buf_init(&text);
    imr_error_clear(&err);
    if(imr_letter_read_text(path, MAX_LETTER_BYTES, &text, &err) != IMR_OK) {
        imr_error_name_file(&err, path);
        imr__cli_fail(&err);
        t->refused++;
    }
    for(p = text.data, left = text.len; p && left;) {
        size_t piece = imr_letter_first_length(p, left);
        imr_letter *l = NULL;
        imr_error_clear(&err);
        if(imr_letter_parse(s->catalogue, p, piece, arena, &l, &err) ==
           IMR_OK)
            eval_letter(s, l, arena, t, explain);
        else {
            imr_error_name_file(&err, path);
            imr__cli_fail(&err);
            t->refused++;
        }
        imr_arena_reset(arena);
        p += piece;
        left -= piece;
    }
    imr_buf_fini(&text);
    imr_arena_free(arena);
}

/* Cohen's kappa and balanced accuracy from the 2x2 table. */
static void print_totals(const eval_tally *t)
{
    double n = (double)t->n, agree, pe, kappa, ba = 0;
    double real[2], ours[2];
    int k, classes = 0;

    if(t->n == 0) {
        printf("\nno decisions to compare\n");
        return;
    }
    for(k = 0; k < 2; k++) {
        real[k] = (double)(t->confusion[k][0] + t->confusion[k][1]);
        ours[k] = (double)(t->confusion[0][k] + t->confusion[1][k]);
        if(real[k] > 0) {
            ba += (double)t->confusion[k][k] / real[k];
            classes++;
        }
    }
    agree = (double)(t->confusion[0][0] + t->confusion[1][1]) / n;
    pe = (real[0] * ours[0] + real[1] * ours[1]) / (n * n);
    kappa = pe < 1 ? (agree - pe) / (1 - pe) : (agree == 1 ? 1 : 0);
    printf("\n%zu letters, %zu decisions", t->letters, t->n);
    if(t->refused)
        printf(", %zu letters refused", t->refused);
    printf("\nconfusion (real x ours): upheld/upheld %zu, upheld/overturned "
           "%zu, overturned/upheld %zu, overturned/overturned %zu\n",
           t->confusion[0][0], t->confusion[0][1], t->confusion[1][0],
           t->confusion[1][1]);
    printf("agreement %.3f (%zu/%zu)\n", agree,
           t->confusion[0][0] + t->confusion[1][1], t->n);
    printf("balanced accuracy %.3f (over %d class%s present)\n",
           classes ? ba / classes : 0, classes, classes == 1 ? "" : "es");
    printf("Cohen's kappa %.3f\n", kappa);
    printf("guideline agreement %.3f (%zu/%zu)\n",
           (double)t->guideline_agree / (double)t->guideline_known,
           t->guideline_agree, t->guideline_known);
}

int imr__cli_eval(int argc, char **argv)
{
    imr_file_list files;
    review_setup s;
    eval_tally t;
    imr_error err;
    const char *kb_dir = NULL;
    int i, explain = 0;
    size_t f;

    imr__file_list_init(&files);
    imr_error_clear(&err);
    for(i = 1; i < argc; i++) {
        if(imr__cli_is_help(argv[i])) {
            fputs(usage, stdout);
            imr__file_list_fini(&files);
            return IMR_EXIT_OK;
        }
        if(strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            kb_dir = argv[++i];
        else if(strcmp(argv[i], "--explain") == 0)
            explain = 1;
        else if(argv[i][0] == '-' && argv[i][1]) {
            imr__file_list_fini(&files);
            return imr__cli_usage_error("eval", "unknown option \"%s\"",
                                        argv[i]);
        }
        else
            imr__file_list_add(&files, argv[i], letter_extensions, &err);
    }
    if(files.count == 0) {
        imr__file_list_fini(&files);
        return imr__cli_usage_error("eval", "no letter given");
    }
    if(imr__review_setup_load(&s, kb_dir ? kb_dir : imr_kb_default_dir(),
                              NULL, &err) != IMR_OK) {
        imr__file_list_fini(&files);
        return imr__cli_fail(&err);
    }
    memset(&t, 0, sizeof(t));
    printf("%-35s %-10s %-10s %-33s %-33s %s\n", "request", "real", "ours",
           "their guideline", "our guideline", "guideline");
    for(f = 0; f < files.count; f++)
        eval_file(&s, files.paths[f], &t, explain);
    print_totals(&t);
    imr__review_setup_fini(&s);
    imr__file_list_fini(&files);
    return t.refused ? IMR_EXIT_REFUSED : IMR_EXIT_OK;
}
