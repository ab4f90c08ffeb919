/* SPDX-License-Identifier: MIT */
/* ConText on sentences of real records and of review letters: each
 * category, the scope rules and the trigger spans; the lexicon loader on
 * broken kb/context/ files; and the concepts stated by patterns of word
 * classes (kb/facts/pairs.tsv), with their loader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract/extract_int.h"
#include "extract/pairs.h"
#include "harness.h"
#include "imr/extract.h"

/* The real lexicons, loaded once for the whole run. */
static const imr_context_rules *kb(void)
{
    static imr_context_rules *rules;
    imr_error err;

    if(!rules) {
        imr_error_clear(&err);
        if(imr_context_rules_load(imr_kb_default_dir(), &rules, &err) !=
           IMR_OK) {
            char msg[1200];
            fprintf(stderr, "cannot load the lexicons: %s\n",
                    imr_error_format(&err, msg, sizeof(msg)));
            exit(1);
        }
    }
    return rules;
}

/* The context of the first place of `concept` in `sentence`, which must
 * contain it. */
static imr_context judge(const char *sentence, const char *concept)
{
    const char *at = strstr(sentence, concept);
    imr_span span;
    imr_context ctx;

    IMR_ASSERT(at);
    span.offset = (size_t)(at - sentence);
    span.length = strlen(concept);
    imr_context_assess(kb(), sentence, strlen(sentence), span, &ctx);
    return ctx;
}

static const char *polarity(const char *sentence, const char *concept)
{
    return imr_polarity_name(judge(sentence, concept).polarity);
}

static const char *temporality(const char *sentence, const char *concept)
{
    return imr_temporality_name(judge(sentence, concept).temporality);
}

static const char *experiencer(const char *sentence, const char *concept)
{
    return imr_experiencer_name(judge(sentence, concept).experiencer);
}

/* The text of a trigger span, in a static buffer. */
static const char *text_of(const char *sentence, imr_span span)
{
    static char out[256];
    snprintf(out, sizeof(out), "%.*s", (int)span.length,
             sentence + span.offset);
    return out;
}

/*---- Negated -----------------------------------------------------------*/

TEST(no_documentation_of_improvement_is_negated)
{
    const char *s = "There is no documentation of functional improvement.";
    imr_context ctx = judge(s, "functional improvement");

    ASSERT_EQ_STR("negated", imr_polarity_name(ctx.polarity));
    ASSERT_EQ_STR("There is no", text_of(s, ctx.polarity_trigger));
    ASSERT_EQ_STR("negated", polarity("No documentation of functional "
                                      "improvement.",
                                      "functional improvement"));
    ASSERT_EQ_STR("recent", imr_temporality_name(ctx.temporality));
    ASSERT_EQ_STR("patient", imr_experiencer_name(ctx.experiencer));
    ASSERT_EQ_INT(0, ctx.temporality_trigger.length);
}

TEST(but_ends_a_denial)
{
    const char *s = "She denies numbness but reports tingling.";
    ASSERT_EQ_STR("negated", polarity(s, "numbness"));
    ASSERT_EQ_STR("affirmed", polarity(s, "tingling"));
}

TEST(however_ends_no_evidence_of)
{
    const char *s = "No evidence of fracture, however there is mild stenosis.";
    ASSERT_EQ_STR("negated", polarity(s, "fracture"));
    ASSERT_EQ_STR("affirmed", polarity(s, "stenosis"));
}

TEST(a_denial_reaches_every_item_of_a_list)
{
    const char *s = "Extremities reveal no peripheral cyanosis, clubbing or "
                    "edema.";
    ASSERT_EQ_STR("negated", polarity(s, "cyanosis"));
    ASSERT_EQ_STR("negated", polarity(s, "edema"));
    ASSERT_EQ_STR("affirmed", polarity(s, "Extremities"));
}

TEST(letters_say_what_the_records_do_not_reflect)
{
    ASSERT_EQ_STR("negated",
                  polarity("The MRI does not reflect any disc herniation.",
                           "disc herniation"));
    ASSERT_EQ_STR(
        "affirmed",
        polarity("The MRI does not reflect any disc herniation.", "MRI"));
    ASSERT_EQ_STR("negated",
                  polarity("The patient has not had physical therapy.",
                           "physical therapy"));
    ASSERT_EQ_STR("negated",
                  polarity("Lack of documentation of a home exercise program.",
                           "home exercise program"));
    ASSERT_EQ_STR("negated", polarity("There is no indication of "
                                      "neuropathic pain.",
                                      "neuropathic pain"));
}

TEST(a_backward_trigger_denies_what_comes_before_it)
{
    const char *s = "Objective functional improvement is not documented.";
    imr_context ctx = judge(s, "functional improvement");

    ASSERT_EQ_STR("negated", imr_polarity_name(ctx.polarity));
    ASSERT_EQ_STR("not documented", text_of(s, ctx.polarity_trigger));
    ASSERT_EQ_STR("negated", polarity("Pneumonia was ruled out.", "Pneumonia"));
    ASSERT_EQ_STR("negated", polarity("She has been pain free.", "pain"));
    ASSERT_EQ_STR("affirmed", polarity("Pain was not documented by "
                                       "the doctor before.",
                                       "doctor"));
}

TEST(failed_to_denies_only_what_follows_at_once)
{
    const char *s = "The patient failed to improve with physical therapy.";
    ASSERT_EQ_STR("negated", polarity(s, "improve"));
    ASSERT_EQ_STR("affirmed", polarity(s, "physical therapy"));
    ASSERT_EQ_STR("affirmed", polarity("She failed conservative care.",
                                       "conservative care"));
}

/*---- Pseudo-triggers and scope -----------------------------------------*/

TEST(a_pseudo_trigger_denies_nothing)
{
    ASSERT_EQ_STR("affirmed",
                  polarity("There is no increase in pain.", "pain"));
    ASSERT_EQ_STR("affirmed", polarity("She ambulates without difficulty "
                                       "using a cane.",
                                       "cane"));
    ASSERT_EQ_STR("affirmed",
                  polarity("Gram negative rods on culture.", "rods"));
}

TEST(a_pseudo_trigger_ends_an_earlier_denial)
{
    ASSERT_EQ_STR("affirmed", polarity("No fever; no change in the "
                                       "lumbar stenosis.",
                                       "lumbar stenosis"));
    ASSERT_EQ_STR("affirmed", polarity("Denies fever, no increase in "
                                       "back pain.",
                                       "back pain"));
}

TEST(the_nearest_trigger_on_an_axis_wins)
{
    const char *s = "No fever, pneumonia was ruled out, cough.";
    ASSERT_EQ_STR("negated", polarity(s, "fever"));
    ASSERT_EQ_STR("negated", polarity(s, "pneumonia"));
    ASSERT_EQ_STR("affirmed", polarity(s, "cough"));
}

TEST(at_equal_distance_possible_beats_negated)
{
    ASSERT_EQ_STR("possible",
                  polarity("No fracture is suspected.", "fracture"));
}

TEST(the_mentions_own_words_are_no_triggers)
{
    ASSERT_EQ_STR("affirmed", polarity("She reports no show appointments "
                                       "twice.",
                                       "no show appointments"));
    ASSERT_EQ_STR("negated",
                  polarity("NO KNOWN DRUG ALLERGIES.", "DRUG ALLERGIES"));
}

TEST(triggers_match_ignoring_case_and_spacing)
{
    ASSERT_EQ_STR("negated", polarity("DENIES NUMBNESS.", "NUMBNESS"));
    ASSERT_EQ_STR("historical",
                  temporality("S / P lumbar fusion.", "lumbar fusion"));
    ASSERT_EQ_STR("historical", temporality("s/p L4-5 fusion.", "fusion"));
}

/*---- Possible ----------------------------------------------------------*/

TEST(possible_and_rule_out_are_possible)
{
    const char *s = "Rule out radiculopathy.";
    imr_context ctx = judge(s, "radiculopathy");

    ASSERT_EQ_STR("possible", imr_polarity_name(ctx.polarity));
    ASSERT_EQ_STR("Rule out", text_of(s, ctx.polarity_trigger));
    ASSERT_EQ_STR("possible",
                  polarity("Possible radiculopathy at L5.", "radiculopathy"));
    ASSERT_EQ_STR("possible", polarity("A tear cannot be excluded.", "tear"));
    ASSERT_EQ_STR("possible",
                  polarity("Strain versus sprain of the knee.", "sprain"));
}

/*---- Time --------------------------------------------------------------*/

TEST(history_of_and_status_post_are_historical)
{
    const char *s = "History of lumbar fusion.";
    imr_context ctx = judge(s, "lumbar fusion");

    ASSERT_EQ_STR("historical", imr_temporality_name(ctx.temporality));
    ASSERT_EQ_STR("History of", text_of(s, ctx.temporality_trigger));
    ASSERT_EQ_STR("affirmed", imr_polarity_name(ctx.polarity));
    ASSERT_EQ_STR("historical", temporality("She is status post carpal "
                                            "tunnel release.",
                                            "carpal tunnel release"));
    ASSERT_EQ_STR("historical",
                  temporality("Knee surgery 3 years ago.", "Knee surgery"));
}

TEST(the_history_of_the_present_illness_is_recent)
{
    ASSERT_EQ_STR("recent", temporality("HISTORY OF PRESENT ILLNESS: low "
                                        "back pain after a fall.",
                                        "low back pain"));
    ASSERT_EQ_STR("recent", temporality("A three-day history of neck pain.",
                                        "neck pain"));
}

TEST(presenting_complaints_end_a_history)
{
    const char *s = "A man with a history of hypertension who presents "
                    "with chest pain.";
    ASSERT_EQ_STR("historical", temporality(s, "hypertension"));
    ASSERT_EQ_STR("recent", temporality(s, "chest pain"));
}

TEST(conditions_and_plans_are_hypothetical)
{
    ASSERT_EQ_STR("hypothetical", temporality("If the pain worsens, she "
                                              "will return.",
                                              "pain"));
    ASSERT_EQ_STR("hypothetical", temporality("Return to the clinic for "
                                              "fever or chills.",
                                              "chills"));
    ASSERT_EQ_STR("hypothetical", temporality("Physical therapy is "
                                              "recommended.",
                                              "Physical therapy"));
    ASSERT_EQ_STR("recent", temporality("He was able to return to work "
                                        "with restrictions.",
                                        "restrictions"));
}

/*---- Experiencer -------------------------------------------------------*/

TEST(a_relatives_condition_is_someone_elses)
{
    const char *s = "Her mother has diabetes.";
    imr_context ctx = judge(s, "diabetes");

    ASSERT_EQ_STR("other", imr_experiencer_name(ctx.experiencer));
    ASSERT_EQ_STR("mother", text_of(s, ctx.experiencer_trigger));
    ASSERT_EQ_STR("other", experiencer("Diabetes in her father.", "Diabetes"));
    ASSERT_EQ_STR("other", experiencer("Family history of colon cancer.",
                                       "colon cancer"));
    ASSERT_EQ_STR("historical", temporality("Family history of colon "
                                            "cancer.",
                                            "colon cancer"));
}

TEST(the_patient_comes_back_after_a_relative)
{
    const char *s = "His father had a stroke and he has low back pain.";
    ASSERT_EQ_STR("other", experiencer(s, "stroke"));
    ASSERT_EQ_STR("patient", experiencer(s, "low back pain"));
    ASSERT_EQ_STR("patient", experiencer("She was brought in by her "
                                         "husband with chest pain.",
                                         "chest pain"));
}

/*---- Odd input ---------------------------------------------------------*/

TEST(a_span_past_the_end_gives_the_defaults)
{
    const char *s = "No pain.";
    imr_span span = {100, 5};
    imr_context ctx;

    imr_context_assess(kb(), s, strlen(s), span, &ctx);
    ASSERT_EQ_STR("affirmed", imr_polarity_name(ctx.polarity));
    imr_context_assess(kb(), NULL, 0, span, &ctx);
    ASSERT_EQ_STR("recent", imr_temporality_name(ctx.temporality));
    span.offset = 3;
    span.length = 100;
    imr_context_assess(kb(), s, strlen(s), span, &ctx);
    ASSERT_EQ_STR("negated", imr_polarity_name(ctx.polarity));
}

TEST(a_trigger_gives_way_to_a_pseudo_or_backward_trigger_inside_it)
{
    ASSERT_EQ_STR("affirmed",
                  polarity("There is no increase in pain.", "pain"));
    ASSERT_EQ_STR("negated",
                  polarity("Improvement is not documented.", "Improvement"));
    ASSERT_EQ_STR("possible",
                  polarity("A tear has not been excluded.", "tear"));
}

TEST(a_long_sentence_is_read_near_the_mention)
{
    char s[6000];
    size_t i, n = 0;
    imr_span span;
    imr_context ctx;

    n += (size_t)snprintf(s + n, sizeof(s) - n, "No ");
    for(i = 0; i < 500; i++)
        n += (size_t)snprintf(s + n, sizeof(s) - n, "word ");
    span.offset = n;
    n += (size_t)snprintf(s + n, sizeof(s) - n, "fever, denies chills");
    span.length = 5;
    imr_context_assess(kb(), s, n, span, &ctx);
    ASSERT_EQ_STR("affirmed", imr_polarity_name(ctx.polarity));
    span.offset = n - 6;
    span.length = 6;
    imr_context_assess(kb(), s, n, span, &ctx);
    ASSERT_EQ_STR("negated", imr_polarity_name(ctx.polarity));
}

TEST(the_names_of_the_values)
{
    ASSERT_EQ_STR("affirmed", imr_polarity_name(IMR_POLARITY_AFFIRMED));
    ASSERT_EQ_STR("negated", imr_polarity_name(IMR_POLARITY_NEGATED));
    ASSERT_EQ_STR("possible", imr_polarity_name(IMR_POLARITY_POSSIBLE));
    ASSERT_EQ_STR("recent", imr_temporality_name(IMR_TEMPORALITY_RECENT));
    ASSERT_EQ_STR("historical",
                  imr_temporality_name(IMR_TEMPORALITY_HISTORICAL));
    ASSERT_EQ_STR("hypothetical",
                  imr_temporality_name(IMR_TEMPORALITY_HYPOTHETICAL));
    ASSERT_EQ_STR("patient", imr_experiencer_name(IMR_EXPERIENCER_PATIENT));
    ASSERT_EQ_STR("other", imr_experiencer_name(IMR_EXPERIENCER_OTHER));
}

TEST(tokens_are_words_and_single_marks)
{
    imr__ctx_token t[16];
    const char *s = "s/p L4-5  patient's";
    size_t n = imr__ctx_tokenize(s, strlen(s), t, 16);

    ASSERT_EQ_INT(9, n);
    ASSERT_EQ_INT(1, t[1].offset);
    ASSERT_EQ_INT(1, t[1].length);
    ASSERT_EQ_INT(4, t[3].offset);
    ASSERT_EQ_INT(2, t[3].length);
    ASSERT_EQ_INT(10, t[6].offset);
    ASSERT_EQ_INT(4, t[6].words);
    ASSERT_EQ_INT(3, imr__ctx_tokenize(s, strlen(s), t, 3));
}

/*---- Prepared sentences ------------------------------------------------*/

/* Sentences with triggers of every kind, pseudo-triggers, terminations
 * and marks; the NegEx test set adds its 2376 when it can be found. */
static const char *const sample_sentences[] = {
    "There is no documentation of functional improvement.",
    "No fever, but the patient has chills.",
    "Denies chest pain, shortness of breath or nausea; however, reports "
    "headache.",
    "There is no increase in pain.",
    "Improvement is not documented.",
    "A tear has not been excluded.",
    "Rule out radiculopathy versus facet arthropathy.",
    "History of hypertension, status post L4-5 fusion in 2012.",
    "His mother had breast cancer; the patient denies any.",
    "If pain persists, consider an epidural steroid injection.",
    "The records do not reflect a trial of physical therapy, which was "
    "requested.",
    "Pt w/ h/o DM2, s/p CABG x3, no CP/SOB, ?PE r/o.",
    "NO EVIDENCE OF ACUTE FRACTURE OR DISLOCATION.",
    "Patient failed to improve with 12 sessions of PT and is not a "
    "candidate for surgery.",
    "Gram negative rods; negative for MRSA; possible pneumonia.",
    "caf\xc3\xa9 au lait spots, no r\xc3\xa9sum\xc3\xa9 of prior care.",
    "",
    "no",
};

/* The field-by-field comparison of the two ways of judging. */
static int same_context(const imr_context *a, const imr_context *b)
{
    return a->polarity == b->polarity && a->temporality == b->temporality &&
           a->experiencer == b->experiencer &&
           a->polarity_trigger.offset == b->polarity_trigger.offset &&
           a->polarity_trigger.length == b->polarity_trigger.length &&
           a->temporality_trigger.offset == b->temporality_trigger.offset &&
           a->temporality_trigger.length == b->temporality_trigger.length &&
           a->experiencer_trigger.offset == b->experiencer_trigger.offset &&
           a->experiencer_trigger.length == b->experiencer_trigger.length;
}

/* Judges mentions starting at every `step`-th byte of s[0..len), both
 * ways, with a few lengths each (or, not `every_length`, one of them in
 * turn); returns the first offset where the two differ, or -1. */
static long first_difference(const char *s, size_t len, size_t step,
                             int every_length, imr_context_sentence *prepared)
{
    static const size_t lengths[] = {0, 1, 4, 9, 23, 200};
    const size_t count = sizeof(lengths) / sizeof(lengths[0]);
    size_t i, k;

    imr_context_prepare(kb(), s, len, prepared);
    for(i = 0; i <= len + 1; i += step) {
        for(k = 0; k < count; k++) {
            size_t which = every_length ? k : (i / step) % count;
            imr_span span = {i, lengths[which] + i % 3};
            imr_context a, b;
            imr_context_assess(kb(), s, len, span, &a);
            imr_context_judge(prepared, span, &b);
            if(!same_context(&a, &b)) {
                fprintf(stderr, "  differs at %zu+%zu in \"%.*s\"\n",
                        span.offset, span.length, (int)len, s);
                return (long)i;
            }
            if(!every_length)
                break;
        }
    }
    return -1;
}

/* The sentences of the NegEx test set, one a line in `buf`, or 0 lines
 * when the shared folder is not beside the clone. */
static size_t negex_sentences(imr_buf *buf)
{
    char *text = NULL;
    size_t len = 0, i = 0, lines = 0;

    if(imr_file_read(IMR_SHARED_DIR
                     "/testsets/negation/rsAnnotations-1-120-random.txt",
                     (size_t)16 << 20, &text, &len, NULL) != IMR_OK)
        return 0;
    while(i < len) {
        const char *line = text + i, *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        const char *tab1 = memchr(line, '\t', n);
        const char *tab2 =
            tab1 ? memchr(tab1 + 1, '\t', n - (size_t)(tab1 + 1 - line)) : NULL;
        const char *tab3 =
            tab2 ? memchr(tab2 + 1, '\t', n - (size_t)(tab2 + 1 - line)) : NULL;
        i += n + 1;
        if(!tab3 || line == text)
            continue; /* the header */
        imr_buf_append(buf, tab2 + 1, (size_t)(tab3 - tab2 - 1));
        imr_buf_putc(buf, '\n');
        lines++;
    }
    free(text);
    return lines;
}

/* The sample sentences, one a line, then (with `negex`) the NegEx
 * test set's. */
static void test_sentences(imr_buf *buf, int negex)
{
    size_t k;

    for(k = 0; k < sizeof(sample_sentences) / sizeof(sample_sentences[0]);
        k++) {
        imr_buf_puts(buf, sample_sentences[k]);
        imr_buf_putc(buf, '\n');
    }
    if(negex && negex_sentences(buf) == 0)
        fprintf(stderr, "  (the NegEx test set is not in " IMR_SHARED_DIR
                        "; judged the sample sentences only)\n");
}

/* first_difference on each line of `lines`, or (`chunk` > 0) on lines run
 * together, joined by a space, into texts of about `chunk` bytes. */
static long first_difference_in(const imr_buf *lines, size_t step,
                                int every_length, size_t chunk)
{
    static imr_context_sentence prepared; /* 11 KB */
    imr_buf text;
    size_t at = 0;
    long found = -1;

    imr_buf_init(&text);
    while(found < 0 && at < lines->len) {
        const char *s = lines->data + at;
        size_t n = (size_t)((const char *)memchr(s, '\n', lines->len - at) - s);
        imr_buf_append(&text, s, n);
        at += n + 1;
        if(chunk && text.len < chunk && at < lines->len) {
            imr_buf_putc(&text, ' ');
            continue;
        }
        found = first_difference(text.data ? text.data : "", text.len, step,
                                 every_length, &prepared);
        text.len = 0;
    }
    imr_buf_fini(&text);
    return found;
}

TEST(a_prepared_sentence_judges_as_assess_does)
{
    imr_buf samples, all;
    long sample_diff, negex_diff;

    imr_buf_init(&samples);
    imr_buf_init(&all);
    test_sentences(&samples, 0);
    test_sentences(&all, 1);
    sample_diff = first_difference_in(&samples, 1, 1, 0);
    negex_diff = first_difference_in(&all, 3, 0, 0);
    imr_buf_fini(&samples);
    imr_buf_fini(&all);
    ASSERT_EQ_INT(-1, sample_diff);
    ASSERT_EQ_INT(-1, negex_diff);
}

/* Sentences run together, so the text read on each side of a mention is
 * cut at IMR__CTX_SIDE_BYTES, and past IMR_CONTEXT_SENTENCE_TOKENS the
 * prepared sentence leaves the judging to imr_context_assess. */
TEST(a_long_prepared_sentence_judges_as_assess_does)
{
    static const size_t sizes[] = {1500, 2600, 3700, 7000};
    imr_buf all, some;
    size_t k, at = 0;
    long diff = -1;

    imr_buf_init(&all);
    test_sentences(&all, 1);
    /* Two texts of each size, from the first sentences. */
    for(k = 0; diff < 0 && k < 8; k++) {
        size_t start = at;
        while(at < all.len && at - start < sizes[k % 4])
            at += (size_t)((const char *)memchr(all.data + at, '\n',
                                                all.len - at) -
                           (all.data + at)) +
                  1;
        imr_buf_init(&some);
        imr_buf_append(&some, all.data + start, at - start);
        if(some.len)
            diff = first_difference_in(&some, 5, 0, sizes[k % 4]);
        imr_buf_fini(&some);
    }
    imr_buf_fini(&all);
    ASSERT_EQ_INT(-1, diff);
}

/*---- Loading the lexicons ----------------------------------------------*/

/* A new temporary kb folder, imr-NAME-XXXXXX, holding `files` (name,
 * text, name, text, ..., NULL) in its subfolder `folder`. */
typedef struct temp_kb {
    char dir[256];
    char sub[300];
    const char *const *files;
} temp_kb;

static int temp_kb_make(temp_kb *kb, const char *name, const char *folder,
                        const char *const *files)
{
    char path[400];
    const char *tmp = getenv("TMPDIR");
    size_t i;

    snprintf(kb->dir, sizeof(kb->dir), "%s/imr-%s-XXXXXX",
             tmp && *tmp ? tmp : "/tmp", name);
    if(!mkdtemp(kb->dir))
        return -1;
    snprintf(kb->sub, sizeof(kb->sub), "%s/%s", kb->dir, folder);
    mkdir(kb->sub, 0700);
    kb->files = files;
    for(i = 0; files[i]; i += 2) {
        snprintf(path, sizeof(path), "%s/%s", kb->sub, files[i]);
        imr_file_write_atomic(path, files[i + 1], strlen(files[i + 1]), NULL);
    }
    return 0;
}

static void temp_kb_remove(const temp_kb *kb)
{
    char path[400];
    size_t i;

    for(i = 0; kb->files[i]; i += 2) {
        snprintf(path, sizeof(path), "%s/%s", kb->sub, kb->files[i]);
        unlink(path);
    }
    rmdir(kb->sub);
    rmdir(kb->dir);
}

/* Writes `files` into the context/ folder of a new temporary kb and loads
 * it; returns the status and the formatted error in `msg`. */
static imr_status load_kb(const char *const *files, char *msg, size_t size)
{
    temp_kb kb;
    imr_context_rules *rules = NULL;
    imr_error err;
    imr_status rc;

    if(temp_kb_make(&kb, "context", "context", files) != 0)
        return IMR_EIO;
    imr_error_clear(&err);
    rc = imr_context_rules_load(kb.dir, &rules, &err);
    imr_error_format(&err, msg, size);
    imr_context_rules_free(rules);
    temp_kb_remove(&kb);
    return rc;
}

static imr_status load_one(const char *text, char *msg, size_t size)
{
    const char *files[] = {"x.tsv", text, NULL};
    return load_kb(files, msg, size);
}

TEST(a_small_valid_lexicon_loads)
{
    char msg[1200];
    const char *files[] = {"a.tsv",
                           "# comment\n\nno\tnegated\tforward\n"
                           "no increase\tpseudo\tnegated\n",
                           "b.tsv",
                           "but\ttermination\tall\r\n"
                           "mother\tother\tboth\t4\n",
                           NULL};
    ASSERT_EQ_INT(IMR_OK, load_kb(files, msg, sizeof(msg)));
}

TEST(an_unknown_category_is_refused_with_its_place)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_one("no\tnegated\tforward\n"
                                       "denies\tnegation\tforward\n",
                                       msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "context/x.tsv:2:8: expected a category, "
                         "\"negated\", \"possible\", \"historical\", "
                         "\"hypothetical\", \"other\", \"pseudo\" or "
                         "\"termination\", found \"negation\"");
}

TEST(an_unknown_direction_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_one("no\tnegated\tforwards\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:1:12: expected a direction, \"forward\", "
                         "\"backward\" or \"both\", found \"forwards\"");
}

TEST(an_unknown_target_category_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_one("but\ttermination\tnegated, histry\n",
                                       msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:1:26: expected \"all\" or categories");
    ASSERT_CONTAINS(msg, "found \"histry\"");
}

TEST(an_empty_phrase_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_one("no\tnegated\tforward\n"
                                       "\tnegated\tforward\n",
                                       msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:2:1: expected a phrase at the start of the "
                         "line, found a tab");
}

TEST(a_wrong_number_of_fields_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_one("no\tnegated\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:1:11: expected 3 or 4 tab-separated fields "
                         "(PHRASE CATEGORY DIRECTION [WINDOW]), found 2");
}

TEST(a_bad_window_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_one("no\tnegated\tforward\t0\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:1:20: expected a window of 1 to 99 words, "
                         "found \"0\"");
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_one("but\ttermination\tall\t3\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:1:21: a termination entry has no window");
}

TEST(a_phrase_listed_twice_for_a_category_is_refused_naming_both_places)
{
    char msg[1200];
    const char *files[] = {"a.tsv", "no\tnegated\tforward\n", "b.tsv",
                           "\n#\nNo\tnegated\tbackward\n", NULL};
    ASSERT_EQ_INT(IMR_EINPUT, load_kb(files, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "b.tsv:3:1: \"no\" is already listed for negated "
                         "(a.tsv:1)");
}

TEST(a_pseudo_trigger_that_hides_nothing_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT, load_one("no\tnegated\tforward\n"
                                       "gram negative\tpseudo\tnegated\n",
                                       msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:2:1: pseudo-trigger \"gram negative\" "
                         "contains no negated trigger");
}

TEST(a_phrase_that_is_not_plain_ascii_is_refused)
{
    char msg[1200];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_one("n\xc3\xb6\tnegated\tforward\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "x.tsv:1:2: phrase");
    ASSERT_CONTAINS(msg, "should be plain ASCII text");
}

TEST(a_folder_without_lexicons_is_refused)
{
    char msg[1200];
    const char *files[] = {NULL};
    ASSERT_EQ_INT(IMR_EINPUT, load_kb(files, msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "no lexicon (*.tsv) to load");
}

/*---- Concepts stated by a pattern of word classes (kb/facts/pairs.tsv) ----*/

/* The polarity of the first fact `name` extracted from `text` with the
 * real knowledge base, or "none". */
static const char *pair_fact(const char *text, const char *name)
{
    static imr_extractor *x;
    static char result[16];
    imr_arena *arena = imr_arena_new();
    imr_facts facts;
    imr_error err;
    size_t i;

    imr_error_clear(&err);
    if(!x && imr_extractor_load(imr_kb_default_dir(), &x, &err) != IMR_OK)
        return "no kb";
    imr_extract_facts(x, text, strlen(text), arena, &facts);
    snprintf(result, sizeof(result), "none");
    for(i = 0; i < facts.count; i++) {
        if(strcmp(facts.items[i].name, name) == 0) {
            snprintf(result, sizeof(result), "%s",
                     imr_polarity_name(facts.items[i].context.polarity));
            break;
        }
    }
    imr_arena_free(arena);
    return result;
}

TEST(a_pattern_states_a_medication_reduction)
{
    ASSERT_EQ_STR("affirmed", pair_fact("Oral medications were gradually "
                                        "reduced because of gastritis.",
                                        "medication_reduction"));
    ASSERT_EQ_STR("affirmed", pair_fact("He reduced his pain medications.",
                                        "medication_reduction"));
    ASSERT_EQ_STR("negated", pair_fact("There has been no reduction in "
                                       "opioid use.",
                                       "medication_reduction"));
}

TEST(what_a_medication_did_is_no_reduction_of_it)
{
    ASSERT_EQ_STR("none", pair_fact("Medications decreased his pain.",
                                    "medication_reduction"));
    ASSERT_EQ_STR("none", pair_fact("There was a decrease in pain with "
                                    "medications.",
                                    "medication_reduction"));
}

TEST(a_pattern_states_functional_improvement_or_its_absence)
{
    ASSERT_EQ_STR("affirmed", pair_fact("Her activities of daily living "
                                        "have improved.",
                                        "functional_improvement"));
    ASSERT_EQ_STR("affirmed", pair_fact("Walking tolerance has increased to "
                                        "30 minutes.",
                                        "functional_improvement"));
    ASSERT_EQ_STR("negated", pair_fact("Function has not improved.",
                                       "functional_improvement"));
    /* fewer work restrictions are functional improvement (9792.20) */
    ASSERT_EQ_STR("affirmed", pair_fact("His work restrictions were reduced.",
                                        "functional_improvement"));
    ASSERT_EQ_STR("negated", pair_fact("Work restrictions were not reduced.",
                                       "functional_improvement"));
}

TEST(a_pattern_does_not_reach_across_a_clause)
{
    ASSERT_EQ_STR("none", pair_fact("Pain improved, but function did not.",
                                    "functional_improvement"));
    ASSERT_EQ_STR("none", pair_fact("There was improved pain but no change "
                                    "in function.",
                                    "functional_improvement"));
}

/* Loads words.tsv and pairs.tsv written to a temporary kb folder. */
static imr_status load_pairs(const char *words, const char *gaps,
                             const char *pairs, char *msg, size_t size)
{
    const char *const files[] = {"words.tsv", words, "gaps.tsv", gaps,
                                 "pairs.tsv", pairs, NULL};
    temp_kb kb;
    pair_rules rules;
    imr_error err;
    imr_status rc;

    if(temp_kb_make(&kb, "pairs", "facts", files) != 0)
        return IMR_EIO;
    imr_error_clear(&err);
    rc = imr__pairs_load(kb.dir, &rules, &err);
    imr_error_format(&err, msg, size);
    if(rc == IMR_OK)
        imr__pairs_fini(&rules);
    temp_kb_remove(&kb);
    return rc;
}

static const char pair_words[] = "drug\tmedication | pills\n"
                                 "cut\treduced\n";
static const char pair_gaps[] = "aux\twas | were\n";

TEST(valid_patterns_load)
{
    char msg[512];
    ASSERT_EQ_INT(IMR_OK, load_pairs(pair_words, pair_gaps,
                                     "# a comment\n"
                                     "function\tmedication_reduction\tdrug"
                                     "\taux+\tcut\n",
                                     msg, sizeof(msg)));
}

TEST(a_pattern_naming_an_unknown_class_is_refused_with_its_place)
{
    char msg[512];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_pairs(pair_words, pair_gaps,
                             "function\tmedication_reduction\tdrugs\taux+"
                             "\tcut\n",
                             msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "pairs.tsv:1:");
    ASSERT_CONTAINS(msg, "no such class in words.tsv: \"drugs\"");
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_pairs(pair_words, pair_gaps,
                             "function\tmedication_reduction\tdrug\tcut+"
                             "\tcut\n",
                             msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "no such class in gaps.tsv: \"cut+\"");
}

TEST(a_gap_without_star_or_plus_is_refused)
{
    char msg[512];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_pairs(pair_words, pair_gaps,
                             "\nfunction\tmedication_reduction\tdrug\taux"
                             "\tcut\n",
                             msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "pairs.tsv:2:");
    ASSERT_CONTAINS(msg, "followed by * (none or more) or +");
}

TEST(a_pattern_with_missing_fields_is_refused)
{
    char msg[512];
    ASSERT_EQ_INT(IMR_EINPUT,
                  load_pairs(pair_words, pair_gaps,
                             "function\tdrug\taux+\tcut\n", msg, sizeof(msg)));
    ASSERT_CONTAINS(msg, "found 4 fields");
}

TEST_MAIN(T(a_pattern_states_a_medication_reduction),
          T(what_a_medication_did_is_no_reduction_of_it),
          T(a_pattern_states_functional_improvement_or_its_absence),
          T(a_pattern_does_not_reach_across_a_clause), T(valid_patterns_load),
          T(a_pattern_naming_an_unknown_class_is_refused_with_its_place),
          T(a_gap_without_star_or_plus_is_refused),
          T(a_pattern_with_missing_fields_is_refused),
          T(no_documentation_of_improvement_is_negated), T(but_ends_a_denial),
          T(however_ends_no_evidence_of),
          T(a_denial_reaches_every_item_of_a_list),
          T(letters_say_what_the_records_do_not_reflect),
          T(a_backward_trigger_denies_what_comes_before_it),
          T(failed_to_denies_only_what_follows_at_once),
          T(a_pseudo_trigger_denies_nothing),
          T(a_pseudo_trigger_ends_an_earlier_denial),
          T(the_nearest_trigger_on_an_axis_wins),
          T(at_equal_distance_possible_beats_negated),
          T(the_mentions_own_words_are_no_triggers),
          T(triggers_match_ignoring_case_and_spacing),
          T(possible_and_rule_out_are_possible),
          T(history_of_and_status_post_are_historical),
          T(the_history_of_the_present_illness_is_recent),
          T(presenting_complaints_end_a_history),
          T(conditions_and_plans_are_hypothetical),
          T(a_relatives_condition_is_someone_elses),
          T(the_patient_comes_back_after_a_relative),
          T(a_span_past_the_end_gives_the_defaults),
          T(a_trigger_gives_way_to_a_pseudo_or_backward_trigger_inside_it),
          T(a_long_sentence_is_read_near_the_mention),
          T(the_names_of_the_values), T(tokens_are_words_and_single_marks),
          T(a_prepared_sentence_judges_as_assess_does),
          T(a_long_prepared_sentence_judges_as_assess_does),
          T(a_small_valid_lexicon_loads),
          T(an_unknown_category_is_refused_with_its_place),
          T(an_unknown_direction_is_refused),
          T(an_unknown_target_category_is_refused),
          T(an_empty_phrase_is_refused), T(a_wrong_number_of_fields_is_refused),
          T(a_bad_window_is_refused),
          T(a_phrase_listed_twice_for_a_category_is_refused_naming_both_places),
          T(a_pseudo_trigger_that_hides_nothing_is_refused),
          T(a_phrase_that_is_not_plain_ascii_is_refused),
          T(a_folder_without_lexicons_is_refused))
