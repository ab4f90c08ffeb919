/* SPDX-License-Identifier: MIT */
/* The knowledge base: loading rules written into a temporary kb folder with
 * small tables of its own, the exact place and wording of every refusal,
 * three-valued evaluation, the search sequence of topics, editions that
 * carry the topics of others, and templates. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"
#include "imr/kb.h"
#include "kb/kb_int.h"

/*---- Fixtures ------------------------------------------------------------*/

static const char vocabulary[] =
    "# test vocabulary\n"
    "request.visits\tnumber\tvisits requested\n"
    "request.per_week\tnumber\tvisits a week\n"
    "request.service\ttext\tthe service\n"
    "prior.physical_therapy.sessions\tnumber\tsessions done\n"
    "diagnosis.myalgia_myositis\tboolean\tmyalgia\n"
    "diagnosis.crps\tboolean\tcrps\n"
    "documented.functional_improvement\tboolean\timprovement\n"
    "x.a\t\tboolean\ta\n"
    "x.b\tboolean\tb\n"
    "x.n\tnumber\tn\n"
    "x.m\tnumber\tm\n"
    "x.t\ttext\tt\n";

static const char services[] =
    "# test services\n"
    "service\tphysical_therapy\ttherapy\t2\n"
    "synonyms\tphysical_therapy\tpt, physical therapy\n"
    "service\tacupuncture\ttherapy\t2\n";

static const char regions[] = "region\tlumbar_spine\n"
                              "region\tknee\n"
                              "side\tleft\n";

/* A good base: line numbers matter to the refusal tests, which replace
 * one line of it. */
static const char *const good[] = {
    "guideline mtus_a",                                         /* 1 */
    "  title      \"MTUS A\"",                                  /* 2 */
    "  cite       \"MTUS A Guidelines\"",                       /* 3 */
    "  mtus       yes",                                         /* 4 */
    "  effective  2009-07-18",                                  /* 5 */
    "  ends       2016-07-27",                                  /* 6 */
    "  source     \"8 CCR\"",                                   /* 7 */
    "",                                                         /* 8 */
    "topic mtus_a.pt",                                          /* 9 */
    "  guideline  mtus_a",                                      /* 10 */
    "  section    \"Physical Medicine\"",                       /* 11 */
    "  pages      98-99",                                       /* 12 */
    "  services   physical_therapy",                            /* 13 */
    "  regions    any",                                         /* 14 */
    "  covers     diagnosis.myalgia_myositis",                  /* 15 */
    "             or diagnosis.crps   # a comment",             /* 16 */
    "  order      10",                                          /* 17 */
    "",                                                         /* 18 */
    "criterion pt.visits",                                      /* 19 */
    "  topic      mtus_a.pt",                                   /* 20 */
    "  source     \"p. 99\"",                                   /* 21 */
    "  status     confirmed",                                   /* 22 */
    "  text       \"No more than 10 visits, counting those   ", /* 23 */
    "             already completed\"",                         /* 24 */
    "  when       diagnosis.myalgia_myositis",                  /* 25 */
    "  require    request.visits + prior.physical_therapy.sessions <= 10",
    "  met        \"The {request.visits} visits stay within 10.\"", /* 27 */
    "  not_met    \"{request.visits} visits exceed 10.\"",          /* 28 */
    "  missing    \"the number of visits already completed\"",      /* 29 */
    NULL,
};

typedef struct fixture {
    char dir[256];
    char rules[300]; /* dir/guidelines */
} fixture;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if(!f) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static void fixture_init(fixture *fx, int with_tables)
{
    const char *tmp = getenv("TMPDIR");
    char path[400];

    snprintf(fx->dir, sizeof(fx->dir), "%s/imr-kb-test-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if(!mkdtemp(fx->dir)) {
        perror("mkdtemp");
        exit(1);
    }
    snprintf(fx->rules, sizeof(fx->rules), "%s/guidelines", fx->dir);
    mkdir(fx->rules, 0700);
    if(!with_tables)
        return;
    snprintf(path, sizeof(path), "%s/vocabulary.tsv", fx->dir);
    write_file(path, vocabulary);
    snprintf(path, sizeof(path), "%s/services.tsv", fx->dir);
    write_file(path, services);
    snprintf(path, sizeof(path), "%s/body_regions.tsv", fx->dir);
    write_file(path, regions);
}

static void fixture_rules(fixture *fx, const char *name, const char *text)
{
    char path[400];
    snprintf(path, sizeof(path), "%s/%s", fx->rules, name);
    write_file(path, text);
}

static void fixture_fini(fixture *fx)
{
    remove_tree(fx->dir);
}

/* `lines` joined, with line `line` (1-based) replaced; NULL keeps it. */
static char *lines_with(const char *const *lines, unsigned line,
                        const char *replacement)
{
    imr_buf buf;
    unsigned i;

    imr_buf_init(&buf);
    for(i = 0; lines[i]; i++) {
        imr_buf_puts(&buf,
                     i + 1 == line && replacement ? replacement : lines[i]);
        imr_buf_putc(&buf, '\n');
    }
    return imr_buf_take(&buf);
}

/* The good base with line `line` (1-based) replaced; NULL keeps it. */
static char *good_with(unsigned line, const char *replacement)
{
    return lines_with(good, line, replacement);
}

/* Loads a.rules (and b.rules when given); returns the refusal as
 * "a.rules:L:C: message" with the folder left out, or "ok". */
static char *load_message(const char *a, const char *b)
{
    static char out[1200];
    char msg[1200], prefix[320];
    fixture fx;
    imr_kb *kb = NULL;
    imr_error err;
    const char *s;
    size_t n = 0;

    fixture_init(&fx, 1);
    fixture_rules(&fx, "a.rules", a);
    if(b)
        fixture_rules(&fx, "b.rules", b);
    imr_error_clear(&err);
    if(imr_kb_load(fx.dir, &kb, &err) == IMR_OK) {
        imr_kb_release(kb);
        fixture_fini(&fx);
        snprintf(out, sizeof(out), "ok");
        return out;
    }
    imr_error_format(&err, msg, sizeof(msg));
    snprintf(prefix, sizeof(prefix), "%s/", fx.rules);
    for(s = msg; *s && n + 1 < sizeof(out);) {
        if(strncmp(s, prefix, strlen(prefix)) == 0) {
            s += strlen(prefix);
            continue;
        }
        out[n++] = *s++;
    }
    out[n] = '\0';
    fixture_fini(&fx);
    return out;
}

static const char *refusal_with(unsigned line, const char *replacement)
{
    char *text = good_with(line, replacement);
    const char *msg = load_message(text, NULL);
    free(text);
    return msg;
}

/*---- Loading -------------------------------------------------------------*/

TEST(a_good_base_loads_with_its_fields)
{
    fixture fx;
    imr_kb *kb = NULL;
    imr_error err;
    const imr_topic *topics[4];
    const imr_criterion *criteria[4];
    char *text = good_with(0, NULL);
    size_t g, t, c;

    fixture_init(&fx, 1);
    fixture_rules(&fx, "a.rules", text);
    free(text);
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, &err));
    fixture_fini(&fx);
    imr_kb_counts(kb, &g, &t, &c);
    ASSERT_EQ_INT(1, g);
    ASSERT_EQ_INT(1, t);
    ASSERT_EQ_INT(1, c);
    ASSERT_EQ_INT(1, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2010-01-01", topics, 4));
    ASSERT_EQ_STR("mtus_a.pt", topics[0]->id);
    ASSERT_EQ_STR("MTUS A Guidelines", topics[0]->guideline->cite);
    ASSERT_EQ_INT(1, topics[0]->guideline->is_mtus);
    ASSERT_EQ_STR("2016-07-27", topics[0]->guideline->ends);
    ASSERT_EQ_STR("98-99", topics[0]->pages);
    ASSERT_EQ_INT(10, topics[0]->order);
    ASSERT_EQ_INT(9, topics[0]->line);
    ASSERT_EQ_INT(1, imr_kb_criteria(kb, topics[0], criteria, 4));
    ASSERT_EQ_STR("pt.visits", criteria[0]->id);
    ASSERT_EQ_STR("No more than 10 visits, counting those already completed",
                  criteria[0]->text);
    ASSERT_EQ_INT(IMR_CRITERION_CONFIRMED, criteria[0]->status);
    ASSERT_TRUE(criteria[0]->when != NULL);
    ASSERT_TRUE(criteria[0]->topic == topics[0]);
    ASSERT_EQ_INT(19, criteria[0]->line);
    ASSERT_EQ_INT(11, strlen(imr_kb_version(kb)));
    ASSERT_TRUE(strncmp(imr_kb_version(kb), "kb-", 3) == 0);
    imr_kb_release(kb);
}

TEST(the_version_changes_with_a_number_and_only_then)
{
    char *a = good_with(0, NULL);
    char *b = good_with(26, "  require    request.visits <= 12");
    char va[16], vb[16], va2[16];
    const char *texts[3] = {a, b, a};
    char *out[3] = {va, vb, va2};
    int i;

    for(i = 0; i < 3; i++) {
        fixture fx;
        imr_kb *kb = NULL;
        fixture_init(&fx, 1);
        fixture_rules(&fx, "a.rules", texts[i]);
        ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, NULL));
        snprintf(out[i], 16, "%s", imr_kb_version(kb));
        imr_kb_release(kb);
        fixture_fini(&fx);
    }
    free(a);
    free(b);
    ASSERT_EQ_STR(va, va2);
    ASSERT_TRUE(strcmp(va, vb) != 0);
}

TEST(a_missing_guidelines_folder_gives_an_empty_base)
{
    fixture fx;
    imr_kb *kb = NULL;
    size_t g, t, c;

    fixture_init(&fx, 1);
    rmdir(fx.rules);
    ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, NULL));
    imr_kb_counts(kb, &g, &t, &c);
    ASSERT_EQ_INT(0, g + t + c);
    imr_kb_release(kb);
    fixture_fini(&fx);
}

TEST(tables_the_folder_lacks_come_from_the_default_base)
{
    fixture fx;
    imr_kb *kb = NULL;
    imr_error err;
    char *text = good_with(0, NULL);

    fixture_init(&fx, 0);
    fixture_rules(&fx, "a.rules", text);
    free(text);
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, &err));
    imr_kb_release(kb);
    fixture_fini(&fx);
}

TEST(retain_and_release_count_references)
{
    fixture fx;
    imr_kb *kb = NULL;

    fixture_init(&fx, 1);
    ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, NULL));
    imr_kb_retain(kb);
    imr_kb_release(kb);
    ASSERT_TRUE(strncmp(imr_kb_version(kb), "kb-", 3) == 0);
    imr_kb_release(kb);
    imr_kb_release(NULL);
    fixture_fini(&fx);
}

/*---- Refusals ------------------------------------------------------------*/

TEST(an_unknown_variable_is_refused_with_a_suggestion)
{
    ASSERT_EQ_STR("a.rules:26:14: unknown variable "
                  "\"documented.functional_improvment\" (did you mean "
                  "\"documented.functional_improvement\"?)",
                  refusal_with(26, "  require    "
                                   "documented.functional_improvment"));
}

TEST(an_unknown_variable_far_from_any_has_no_suggestion)
{
    ASSERT_EQ_STR("a.rules:25:14: unknown variable \"weather.rain\"",
                  refusal_with(25, "  when       weather.rain"));
}

TEST(an_unknown_variable_in_a_template_is_refused_where_it_is)
{
    ASSERT_EQ_STR("a.rules:27:20: unknown variable \"request.visit\" (did "
                  "you mean \"request.visits\"?)",
                  refusal_with(27, "  met        \"The {request.visit} "
                                   "visits\""));
}

TEST(an_unknown_service_is_refused)
{
    ASSERT_EQ_STR("a.rules:13:31: unknown service \"massage\"",
                  refusal_with(13, "  services   physical_therapy massage"));
    ASSERT_EQ_STR("a.rules:13:14: unknown service \"physical_therapi\" (did "
                  "you mean \"physical_therapy\"?)",
                  refusal_with(13, "  services   physical_therapi"));
}

TEST(an_unknown_region_is_refused_and_any_stands_alone)
{
    ASSERT_EQ_STR("a.rules:14:14: unknown body region \"elbow\"",
                  refusal_with(14, "  regions    elbow"));
    ASSERT_EQ_STR("a.rules:14:14: \"any\" stands alone: it cannot be listed "
                  "with regions",
                  refusal_with(14, "  regions    any knee"));
}

TEST(an_unknown_topic_reference_is_refused)
{
    ASSERT_EQ_STR("a.rules:20:14: unknown topic \"mtus_a.physical\"",
                  refusal_with(20, "  topic      mtus_a.physical"));
}

TEST(an_unknown_guideline_reference_is_refused_with_a_suggestion)
{
    ASSERT_EQ_STR("a.rules:10:14: unknown guideline \"mtus_x\" (did you mean "
                  "\"mtus_a\"?)",
                  refusal_with(10, "  guideline  mtus_x"));
}

TEST(a_criterion_may_name_a_topic_of_another_file)
{
    char *a = good_with(0, NULL);
    const char *b = "criterion pt.other\n"
                    "  topic      mtus_a.pt\n"
                    "  source     \"p. 98\"\n"
                    "  status     seed\n"
                    "  text       \"t\"\n"
                    "  require    yes\n"
                    "  met        \"m\"\n"
                    "  not_met    \"n\"\n"
                    "  missing    \"x\"\n";
    ASSERT_EQ_STR("ok", load_message(a, b));
    free(a);
}

TEST(a_duplicate_id_is_refused_naming_both_places)
{
    char *a = good_with(0, NULL);
    const char *b = "# another file\n"
                    "criterion pt.visits\n"
                    "  topic      mtus_a.pt\n"
                    "  source     \"p. 98\"\n"
                    "  status     seed\n"
                    "  text       \"t\"\n"
                    "  require    yes\n"
                    "  met        \"m\"\n"
                    "  not_met    \"n\"\n"
                    "  missing    \"x\"\n";
    ASSERT_EQ_STR("b.rules:2:11: duplicate criterion \"pt.visits\" (first at "
                  "a.rules:19:11)",
                  load_message(a, b));
    free(a);
}

TEST(an_unterminated_string_is_refused_at_its_quote)
{
    ASSERT_EQ_STR("a.rules:21:14: unterminated string",
                  refusal_with(21, "  source     \"p. 99"));
    ASSERT_EQ_STR("a.rules:29:14: unterminated string",
                  refusal_with(29, "  missing    \"the number"));
}

TEST(a_bad_date_is_refused)
{
    ASSERT_EQ_STR("a.rules:5:14: expected a date as YYYY-MM-DD, found "
                  "\"2009-02-30\"",
                  refusal_with(5, "  effective  2009-02-30"));
    ASSERT_EQ_STR("a.rules:6:3: \"ends\" (2008-01-01) is before "
                  "\"effective\" (2009-07-18)",
                  refusal_with(6, "  ends       2008-01-01"));
}

TEST(a_missing_require_is_refused_at_the_block)
{
    ASSERT_EQ_STR("a.rules:19:1: criterion \"pt.visits\" has no \"require\"",
                  refusal_with(26, ""));
}

TEST(a_bad_status_is_refused)
{
    ASSERT_EQ_STR("a.rules:22:14: expected confirmed, seed or unconfirmed, "
                  "found \"confirmd\"",
                  refusal_with(22, "  status     confirmd"));
}

TEST(a_condition_syntax_error_is_refused_at_its_column)
{
    ASSERT_EQ_STR("a.rules:26:31: expected a value after \"<=\", found the "
                  "end of the condition",
                  refusal_with(26, "  require    request.visits <="));
    ASSERT_EQ_STR("a.rules:26:29: expected an operator, \"and\" or \"or\", "
                  "found \"10\"",
                  refusal_with(26, "  require    request.visits 10"));
    ASSERT_EQ_STR("a.rules:26:35: expected \")\" to close the \"(\" at "
                  "26:14, found the end of the condition",
                  refusal_with(26, "  require    (request.visits <= 10"));
    ASSERT_EQ_STR("a.rules:26:29: \"==\" is written \"=\" in conditions",
                  refusal_with(26, "  require    request.visits == 10"));
    ASSERT_EQ_STR("a.rules:26:27: expected \",\" or \"]\", found \"3\"",
                  refusal_with(26, "  require    x.n in [1, 2 3]"));
}

TEST(a_type_error_is_refused_at_the_operand)
{
    ASSERT_EQ_STR("a.rules:26:31: \"+\" needs numbers, found a boolean "
                  "(\"diagnosis.crps\")",
                  refusal_with(26, "  require    request.visits + "
                                   "diagnosis.crps <= 10"));
    ASSERT_EQ_STR("a.rules:26:14: expected a condition (yes or no), found a "
                  "number (\"request.visits\")",
                  refusal_with(26, "  require    request.visits"));
    ASSERT_EQ_STR("a.rules:26:20: cannot compare a boolean (\"x.a\") with "
                  "a number",
                  refusal_with(26, "  require    x.a = 1"));
}

TEST(field_mistakes_are_refused)
{
    ASSERT_EQ_STR("a.rules:21:3: unknown field \"sorce\" in a criterion (did "
                  "you mean \"source\"?)",
                  refusal_with(21, "  sorce      \"p. 99\""));
    ASSERT_EQ_STR("a.rules:26:3: \"require\" is given twice in this "
                  "criterion (first on line 25)",
                  refusal_with(25, "  require    yes"));
    ASSERT_EQ_STR("a.rules:4:14: expected yes or no, found \"true\"",
                  refusal_with(4, "  mtus       true"));
    ASSERT_EQ_STR("a.rules:17:3: \"order\" needs a value",
                  refusal_with(17, "  order"));
    ASSERT_EQ_STR("a.rules:19:1: expected \"guideline\", \"topic\" or "
                  "\"criterion\", found \"criterio\" (did you mean "
                  "\"criterion\"?)",
                  refusal_with(19, "criterio pt.visits"));
}

TEST(a_name_must_be_lower_snake_case)
{
    ASSERT_EQ_STR("a.rules:19:11: expected a name in lower snake case with "
                  "dots, found \"PT.visits\"",
                  refusal_with(19, "criterion PT.visits"));
}

/*---- Evaluation ----------------------------------------------------------*/

typedef struct test_env {
    const char *names[8];
    imr_value values[8];
} test_env;

static imr_value env_lookup(void *data, const char *name)
{
    const test_env *te = data;
    imr_value none;
    size_t i;

    for(i = 0; i < 8 && te->names[i]; i++) {
        if(strcmp(te->names[i], name) == 0)
            return te->values[i];
    }
    memset(&none, 0, sizeof(none));
    return none;
}

static imr_value boolean(imr_truth t)
{
    imr_value v;
    memset(&v, 0, sizeof(v));
    if(t != IMR_UNKNOWN) {
        v.type = IMR_VALUE_BOOLEAN;
        v.boolean = t == IMR_TRUE;
    }
    return v;
}

static imr_value num(double x)
{
    imr_value v;
    memset(&v, 0, sizeof(v));
    v.type = IMR_VALUE_NUMBER;
    v.number = x;
    return v;
}

static imr_value text(const char *s)
{
    imr_value v;
    memset(&v, 0, sizeof(v));
    v.type = IMR_VALUE_TEXT;
    v.text = s;
    return v;
}

/* Compiles `condition` as the good base's require and evaluates it. */
static imr_truth eval_in(const char *condition, test_env *te)
{
    fixture fx;
    imr_kb *kb = NULL;
    imr_error err;
    const imr_topic *topic;
    const imr_criterion *crit;
    imr_kb_env env;
    char line[300];
    char *rules;
    imr_truth t;

    snprintf(line, sizeof(line), "  require    %s", condition);
    rules = good_with(26, line);
    fixture_init(&fx, 1);
    fixture_rules(&fx, "a.rules", rules);
    free(rules);
    imr_error_clear(&err);
    if(imr_kb_load(fx.dir, &kb, &err) != IMR_OK) {
        fprintf(stderr, "  %s: %s\n", condition, err.message);
        fixture_fini(&fx);
        return (imr_truth)-1;
    }
    fixture_fini(&fx);
    imr_kb_topics(kb, "physical_therapy", NULL, 0, NULL, &topic, 1);
    imr_kb_criteria(kb, topic, &crit, 1);
    env.lookup = env_lookup;
    env.data = te;
    t = imr_kb_eval(crit->require, &env);
    imr_kb_release(kb);
    return t;
}

static imr_truth eval2(const char *condition, imr_truth a, imr_truth b)
{
    test_env te;
    memset(&te, 0, sizeof(te));
    te.names[0] = "x.a";
    te.values[0] = boolean(a);
    te.names[1] = "x.b";
    te.values[1] = boolean(b);
    return eval_in(condition, &te);
}

TEST(and_or_not_follow_kleene_logic)
{
    static const imr_truth v[3] = {IMR_FALSE, IMR_TRUE, IMR_UNKNOWN};
    /* [a][b], in the order false, true, unknown */
    static const imr_truth and_table[3][3] = {
        {IMR_FALSE, IMR_FALSE, IMR_FALSE},
        {IMR_FALSE, IMR_TRUE, IMR_UNKNOWN},
        {IMR_FALSE, IMR_UNKNOWN, IMR_UNKNOWN}};
    static const imr_truth or_table[3][3] = {
        {IMR_FALSE, IMR_TRUE, IMR_UNKNOWN},
        {IMR_TRUE, IMR_TRUE, IMR_TRUE},
        {IMR_UNKNOWN, IMR_TRUE, IMR_UNKNOWN}};
    static const imr_truth not_table[3] = {IMR_TRUE, IMR_FALSE, IMR_UNKNOWN};
    int i, j;

    for(i = 0; i < 3; i++) {
        for(j = 0; j < 3; j++) {
            ASSERT_EQ_INT(and_table[i][j], eval2("x.a and x.b", v[i], v[j]));
            ASSERT_EQ_INT(or_table[i][j], eval2("x.a or x.b", v[i], v[j]));
        }
        ASSERT_EQ_INT(not_table[i], eval2("not x.a", v[i], IMR_TRUE));
    }
}

TEST(comparison_and_arithmetic_with_an_unknown_are_unknown)
{
    test_env te;

    memset(&te, 0, sizeof(te));
    te.names[0] = "x.n";
    te.values[0] = num(4);
    ASSERT_EQ_INT(IMR_TRUE, eval_in("x.n <= 4", &te));
    ASSERT_EQ_INT(IMR_FALSE, eval_in("x.n > 4", &te));
    ASSERT_EQ_INT(IMR_TRUE, eval_in("x.n - 1 = 3 and x.n != 5", &te));
    ASSERT_EQ_INT(IMR_UNKNOWN, eval_in("x.m < 3", &te));
    ASSERT_EQ_INT(IMR_UNKNOWN, eval_in("x.n + x.m <= 100", &te));
    ASSERT_EQ_INT(IMR_UNKNOWN, eval_in("x.m + 1 > 0", &te));
    ASSERT_EQ_INT(IMR_TRUE, eval_in("x.n + x.m <= 100 or x.n = 4", &te));
    ASSERT_EQ_INT(IMR_FALSE, eval_in("x.m < 3 and x.n = 5", &te));
    ASSERT_EQ_INT(IMR_UNKNOWN, eval_in("not (x.m >= 2)", &te));
    /* a value of the wrong type is unknown, not false */
    te.names[1] = "x.m";
    te.values[1] = boolean(IMR_TRUE);
    ASSERT_EQ_INT(IMR_UNKNOWN, eval_in("x.m < 3", &te));
}

TEST(in_lists_and_text_equality)
{
    test_env te;

    memset(&te, 0, sizeof(te));
    te.names[0] = "x.t";
    te.values[0] = text("acupuncture");
    te.names[1] = "x.n";
    te.values[1] = num(2);
    ASSERT_EQ_INT(IMR_TRUE, eval_in("x.t = \"acupuncture\"", &te));
    ASSERT_EQ_INT(IMR_FALSE, eval_in("x.t != \"acupuncture\"", &te));
    ASSERT_EQ_INT(IMR_TRUE,
                  eval_in("x.t in [\"massage\", \"acupuncture\"]", &te));
    ASSERT_EQ_INT(IMR_FALSE, eval_in("x.n in [1, 3, 5]", &te));
    ASSERT_EQ_INT(IMR_TRUE, eval_in("x.n in [2]", &te));
    ASSERT_EQ_INT(IMR_UNKNOWN, eval_in("x.m in [1, 2]", &te));
    ASSERT_EQ_INT(IMR_TRUE, eval_in("x.a in [yes, no] or yes", &te));
}

static void append_name(void *data, const char *name)
{
    imr_buf_puts(data, name);
    imr_buf_putc(data, ' ');
}

TEST(a_null_condition_is_true_and_variables_are_listed_once)
{
    fixture fx;
    imr_kb *kb = NULL;
    const imr_topic *topic;
    const imr_criterion *crit;
    char *rules = good_with(26, "  require    x.n + x.m <= x.n and x.a");
    imr_buf names;

    ASSERT_EQ_INT(IMR_TRUE, imr_kb_eval(NULL, NULL));
    fixture_init(&fx, 1);
    fixture_rules(&fx, "a.rules", rules);
    free(rules);
    ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, NULL));
    fixture_fini(&fx);
    imr_kb_topics(kb, "physical_therapy", NULL, 0, NULL, &topic, 1);
    imr_kb_criteria(kb, topic, &crit, 1);
    imr_buf_init(&names);
    imr_kb_expr_variables(crit->require, append_name, &names);
    ASSERT_EQ_STR("x.n x.m x.a ", names.data);
    imr_buf_fini(&names);
    ASSERT_EQ_INT(IMR_UNKNOWN, imr_kb_eval(crit->require, NULL));
    imr_kb_release(kb);
}

/*---- Topics --------------------------------------------------------------*/

static const char editions[] =
    "guideline odg\n"
    "  title \"ODG\"\n  cite \"ODG\"\n  mtus no\n"
    "  effective 2000-01-01\n  source \"s\"\n"
    "guideline old\n"
    "  title \"Old\"\n  cite \"Old\"\n  mtus yes\n"
    "  effective 2000-01-01\n  ends 2009-12-31\n  source \"s\"\n"
    "guideline new\n"
    "  title \"New\"\n  cite \"New\"\n  mtus yes\n"
    "  effective 2010-01-01\n  source \"s\"\n"
    "topic odg.pt\n  guideline odg\n  section \"s\"\n"
    "  services physical_therapy\n  order 1\n"
    "topic old.pt\n  guideline old\n  section \"s\"\n"
    "  services physical_therapy acupuncture\n  order 5\n"
    "topic new.pt\n  guideline new\n  section \"s\"\n"
    "  services physical_therapy\n  order 5\n"
    "topic new.pt_knee\n  guideline new\n  section \"s\"\n"
    "  services physical_therapy\n  regions knee\n  order 2\n"
    "topic new.pt_lumbar\n  guideline new\n  section \"s\"\n"
    "  services physical_therapy\n  regions lumbar_spine knee\n  order 7\n";

static const char *topic_ids(const imr_kb *kb, const char *service,
                             const char *region, const char *date)
{
    static char out[200];
    const imr_topic *topics[8];
    size_t n, i, used = 0;

    n = imr_kb_topics(kb, service, region ? &region : NULL, region ? 1 : 0,
                      date, topics, 8);
    out[0] = '\0';
    for(i = 0; i < n && i < 8; i++)
        used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s",
                                 i ? " " : "", topics[i]->id);
    return out;
}

TEST(topics_come_mtus_first_in_force_on_the_date_and_for_the_region)
{
    fixture fx;
    imr_kb *kb = NULL;
    imr_error err;
    const imr_topic *one[1];

    fixture_init(&fx, 1);
    fixture_rules(&fx, "a.rules", editions);
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, imr_kb_load(fx.dir, &kb, &err));
    fixture_fini(&fx);
    ASSERT_EQ_STR(
        "new.pt new.pt_lumbar odg.pt",
        topic_ids(kb, "physical_therapy", "lumbar_spine", "2015-01-01"));
    ASSERT_EQ_STR("new.pt_knee new.pt new.pt_lumbar odg.pt",
                  topic_ids(kb, "physical_therapy", "knee", "2010-01-01"));
    ASSERT_EQ_STR("new.pt_knee new.pt new.pt_lumbar odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2012-05-05"));
    ASSERT_EQ_STR("old.pt odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2009-12-31"));
    ASSERT_EQ_STR("old.pt", topic_ids(kb, "acupuncture", NULL, "2005-06-01"));
    ASSERT_EQ_STR("", topic_ids(kb, "acupuncture", NULL, "2015-06-01"));
    ASSERT_EQ_STR("", topic_ids(kb, "physical_therapy", NULL, "1999-12-31"));
    ASSERT_EQ_INT(4, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2012-05-05", one, 1));
    ASSERT_EQ_STR("new.pt_knee", one[0]->id);
    imr_kb_release(kb);
}

/*---- Carried editions ----------------------------------------------------*/

/* Editions where "new" carries "old" but for its knee topic, and defines
 * its own acupuncture topic; the criteria are in a second file. */
static const char *const carrying[] = {
    "guideline odg",                           /* 1 */
    "  title      \"ODG\"",                    /* 2 */
    "  cite       \"ODG\"",                    /* 3 */
    "  mtus       no",                         /* 4 */
    "  effective  2000-01-01",                 /* 5 */
    "  source     \"s\"",                      /* 6 */
    "guideline old",                           /* 7 */
    "  title      \"Old\"",                    /* 8 */
    "  cite       \"Old Guidelines\"",         /* 9 */
    "  mtus       yes",                        /* 10 */
    "  effective  2000-01-01",                 /* 11 */
    "  ends       2009-12-31",                 /* 12 */
    "  source     \"s\"",                      /* 13 */
    "guideline new",                           /* 14 */
    "  title      \"New\"",                    /* 15 */
    "  cite       \"New Guidelines\"",         /* 16 */
    "  mtus       yes",                        /* 17 */
    "  effective  2010-01-01",                 /* 18 */
    "  ends       2014-12-31",                 /* 19 */
    "  carries    old except knee",            /* 20 */
    "  status     unconfirmed",                /* 21 */
    "  source     \"s\"",                      /* 22 */
    "topic old.pt",                            /* 23 */
    "  guideline  old",                        /* 24 */
    "  section    \"Physical Medicine\"",      /* 25 */
    "  pages      98-99",                      /* 26 */
    "  services   physical_therapy",           /* 27 */
    "  covers     diagnosis.myalgia_myositis", /* 28 */
    "  order      5",                          /* 29 */
    "topic old.knee",                          /* 30 */
    "  guideline  old",                        /* 31 */
    "  section    \"Knee\"",                   /* 32 */
    "  services   physical_therapy",           /* 33 */
    "  regions    knee",                       /* 34 */
    "  order      2",                          /* 35 */
    "topic old.acu",                           /* 36 */
    "  guideline  old",                        /* 37 */
    "  section    \"Acupuncture\"",            /* 38 */
    "  services   acupuncture",                /* 39 */
    "  order      3",                          /* 40 */
    "topic new.acu",                           /* 41 */
    "  guideline  new",                        /* 42 */
    "  section    \"Acupuncture, new\"",       /* 43 */
    "  services   acupuncture",                /* 44 */
    "  order      4",                          /* 45 */
    "topic odg.pt",                            /* 46 */
    "  guideline  odg",                        /* 47 */
    "  section    \"Physical Therapy\"",       /* 48 */
    "  services   physical_therapy",           /* 49 */
    "  order      1",                          /* 50 */
    NULL,
};

#define CRITERION(id, topic, status)                                           \
    "criterion " id "\n  topic " topic "\n  source \"s\"\n  status " status    \
    "\n  text \"t\"\n  require yes\n  met \"m\"\n  not_met \"n\"\n"            \
    "  missing \"x\"\n"

static const char *const carrying_criteria[] = {
    CRITERION("pt.visits", "old.pt", "confirmed"),
    CRITERION("pt.frequency", "old.pt", "seed"),
    CRITERION("knee.visits", "old.knee", "seed"),
    CRITERION("acu.old", "old.acu", "seed"),
    CRITERION("acu.new", "new.acu", "confirmed"),
    NULL,
};

/* Loads the carrying editions with line `line` replaced (0: none) and
 * `more` as a third file; NULL when they are refused. */
static imr_kb *load_carrying(unsigned line, const char *replacement,
                             const char *more)
{
    fixture fx;
    imr_kb *kb = NULL;
    imr_error err;
    char *text = lines_with(carrying, line, replacement);
    char *criteria = lines_with(carrying_criteria, 0, NULL);

    fixture_init(&fx, 1);
    fixture_rules(&fx, "a.rules", text);
    fixture_rules(&fx, "b.rules", criteria);
    if(more)
        fixture_rules(&fx, "c.rules", more);
    free(text);
    free(criteria);
    imr_error_clear(&err);
    if(imr_kb_load(fx.dir, &kb, &err) != IMR_OK) {
        fprintf(stderr, "  %s\n", err.message);
        kb = NULL;
    }
    fixture_fini(&fx);
    return kb;
}

static const char *carrying_refusal(unsigned line, const char *replacement)
{
    char *text = lines_with(carrying, line, replacement);
    char *criteria = lines_with(carrying_criteria, 0, NULL);
    const char *msg = load_message(text, criteria);
    free(text);
    free(criteria);
    return msg;
}

/* The ids of a topic's criteria and their statuses ("pt.visits:0"). */
static const char *criteria_of(const imr_kb *kb, const imr_topic *topic)
{
    static char out[200];
    const imr_criterion *list[8];
    size_t n = imr_kb_criteria(kb, topic, list, 8), i, used = 0;

    out[0] = '\0';
    for(i = 0; i < n && i < 8; i++)
        used +=
            (size_t)snprintf(out + used, sizeof(out) - used, "%s%s:%d",
                             i ? " " : "", list[i]->id, (int)list[i]->status);
    return out;
}

TEST(carried_topics_apply_only_while_the_carrying_edition_is_in_force)
{
    imr_kb *kb = load_carrying(0, NULL, NULL);

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_STR("old.knee old.pt odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2009-12-31"));
    ASSERT_EQ_STR("new.pt odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2010-01-01"));
    ASSERT_EQ_STR("new.pt odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2014-12-31"));
    ASSERT_EQ_STR("odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2015-01-01"));
    imr_kb_release(kb);
}

TEST(a_carried_topic_is_cited_as_the_new_edition_with_the_same_content)
{
    imr_kb *kb = load_carrying(0, NULL, NULL);
    const imr_topic *now[2], *then[2];
    const imr_criterion *list[4];
    size_t g, t, c;

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_INT(2, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2012-06-01", now, 2));
    ASSERT_EQ_INT(3, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2009-06-01", then, 2));
    ASSERT_EQ_STR("new.pt", now[0]->id);
    ASSERT_EQ_STR("New Guidelines", now[0]->guideline->cite);
    ASSERT_EQ_STR("new", now[0]->guideline->id);
    ASSERT_EQ_INT(1, now[0]->guideline->is_mtus);
    ASSERT_EQ_STR("Physical Medicine", now[0]->section);
    ASSERT_EQ_STR("98-99", now[0]->pages);
    ASSERT_EQ_INT(5, now[0]->order);
    ASSERT_TRUE(now[0]->covers != NULL);
    ASSERT_TRUE(now[0]->covers == then[1]->covers);
    /* where it is written, for messages */
    ASSERT_EQ_INT(23, now[0]->line);
    /* the same criteria, pointing at the copy, capped at its status */
    ASSERT_EQ_STR("pt.visits:2 pt.frequency:2", criteria_of(kb, now[0]));
    ASSERT_EQ_STR("pt.visits:0 pt.frequency:1", criteria_of(kb, then[1]));
    ASSERT_EQ_INT(2, imr_kb_criteria(kb, now[0], list, 4));
    ASSERT_TRUE(list[0]->topic == now[0]);
    ASSERT_EQ_INT(2, imr_kb_criteria(kb, then[1], list, 4));
    ASSERT_TRUE(list[0]->topic == then[1]);
    imr_kb_counts(kb, &g, &t, &c);
    ASSERT_EQ_INT(3, g);
    ASSERT_EQ_INT(6, t);
    ASSERT_EQ_INT(7, c);
    imr_kb_release(kb);
}

TEST(a_topic_the_carrying_edition_defines_itself_wins)
{
    imr_kb *kb = load_carrying(0, NULL, NULL);
    const imr_topic *topic;

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_STR("old.acu", topic_ids(kb, "acupuncture", NULL, "2009-01-01"));
    ASSERT_EQ_STR("new.acu", topic_ids(kb, "acupuncture", NULL, "2012-01-01"));
    ASSERT_EQ_INT(
        1, imr_kb_topics(kb, "acupuncture", NULL, 0, "2012-01-01", &topic, 1));
    ASSERT_EQ_STR("Acupuncture, new", topic->section);
    ASSERT_EQ_STR("acu.new:0", criteria_of(kb, topic));
    imr_kb_release(kb);
}

TEST(an_excepted_topic_is_not_carried)
{
    imr_kb *kb = load_carrying(0, NULL, NULL);

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_STR("old.knee old.pt odg.pt",
                  topic_ids(kb, "physical_therapy", "knee", "2005-01-01"));
    ASSERT_EQ_STR("new.pt odg.pt",
                  topic_ids(kb, "physical_therapy", "knee", "2012-01-01"));
    imr_kb_release(kb);
    /* without the except, it is */
    kb = load_carrying(20, "  carries    old", NULL);
    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_STR("new.knee new.pt odg.pt",
                  topic_ids(kb, "physical_therapy", "knee", "2012-01-01"));
    imr_kb_release(kb);
}

TEST(without_a_status_carried_criteria_keep_their_own)
{
    imr_kb *kb = load_carrying(21, "", NULL);
    const imr_topic *topic;

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_INT(2, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2012-01-01", &topic, 1));
    ASSERT_EQ_STR("pt.visits:0 pt.frequency:1", criteria_of(kb, topic));
    imr_kb_release(kb);
}

TEST(an_edition_carries_what_the_carried_one_carries_in_turn)
{
    static const char newer[] = "guideline newer\n"
                                "  title \"Newer\"\n  cite \"Newer\"\n"
                                "  mtus yes\n  effective 2015-01-01\n"
                                "  carries new\n  source \"s\"\n";
    imr_kb *kb = load_carrying(0, NULL, newer);
    const imr_topic *topic;

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_STR("newer.pt odg.pt",
                  topic_ids(kb, "physical_therapy", NULL, "2016-01-01"));
    ASSERT_EQ_STR("newer.acu",
                  topic_ids(kb, "acupuncture", NULL, "2016-01-01"));
    ASSERT_EQ_INT(2, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2016-01-01", &topic, 1));
    ASSERT_EQ_STR("Newer", topic->guideline->cite);
    ASSERT_EQ_STR("pt.visits:2 pt.frequency:2", criteria_of(kb, topic));
    imr_kb_release(kb);
}

TEST(an_unknown_carried_guideline_is_refused_with_a_suggestion)
{
    ASSERT_EQ_STR("a.rules:20:14: unknown guideline \"olde\" (did you mean "
                  "\"old\"?)",
                  carrying_refusal(20, "  carries    olde"));
    ASSERT_EQ_STR("a.rules:20:14: unknown guideline \"cpmtg_2009\"",
                  carrying_refusal(20, "  carries    cpmtg_2009"));
}

TEST(a_guideline_carrying_itself_or_in_a_cycle_is_refused)
{
    ASSERT_EQ_STR("a.rules:20:14: guideline \"new\" cannot carry itself",
                  carrying_refusal(20, "  carries    new"));
    /* old (line 12) carries new, which carries old */
    ASSERT_EQ_STR("a.rules:12:14: guidelines cannot carry each other in a "
                  "cycle: old -> new -> old",
                  carrying_refusal(12, "  carries    new"));
}

TEST(an_except_naming_no_topic_of_the_carried_edition_is_refused)
{
    ASSERT_EQ_STR("a.rules:20:25: \"knees\" names no topic of guideline "
                  "\"old\" (did you mean \"knee\"?)",
                  carrying_refusal(20, "  carries    old except knees"));
    ASSERT_EQ_STR("a.rules:20:30: \"heat\" names no topic of guideline "
                  "\"old\"",
                  carrying_refusal(20, "  carries    old except knee heat"));
}

TEST(carries_field_mistakes_are_refused)
{
    ASSERT_EQ_STR("a.rules:20:18: expected \"except\" or the end of "
                  "\"carries\", found \"only\"",
                  carrying_refusal(20, "  carries    old only knee"));
    ASSERT_EQ_STR("a.rules:20:30: \"knee\" is listed twice",
                  carrying_refusal(20, "  carries    old except knee knee"));
    ASSERT_EQ_STR("a.rules:20:24: expected a topic name after \"except\", "
                  "found the end of the value",
                  carrying_refusal(20, "  carries    old except"));
    ASSERT_EQ_STR("a.rules:21:3: \"status\" in a guideline is the status of "
                  "the criteria it carries, and this one has no \"carries\"",
                  carrying_refusal(20, ""));
    ASSERT_EQ_STR("a.rules:21:14: expected confirmed, seed or unconfirmed, "
                  "found \"maybe\"",
                  carrying_refusal(21, "  status     maybe"));
}

TEST(carried_pages_no_cites_the_carried_topics_without_their_pages)
{
    imr_kb *kb = load_carrying(
        21, "  status     unconfirmed\n  carried_pages no", NULL);
    const imr_topic *now[2], *then[3];

    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_INT(2, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2012-06-01", now, 2));
    ASSERT_EQ_INT(3, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2009-06-01", then, 3));
    ASSERT_EQ_STR("new.pt", now[0]->id);
    ASSERT_TRUE(now[0]->pages == NULL);
    ASSERT_EQ_STR("Physical Medicine", now[0]->section);
    /* the carried guideline's own topic keeps them */
    ASSERT_EQ_STR("old.pt", then[1]->id);
    ASSERT_EQ_STR("98-99", then[1]->pages);
    imr_kb_release(kb);
    /* "yes" is the default: the pages stay */
    kb = load_carrying(21, "  status     unconfirmed\n  carried_pages yes",
                       NULL);
    ASSERT_TRUE(kb != NULL);
    ASSERT_EQ_INT(2, imr_kb_topics(kb, "physical_therapy", NULL, 0,
                                   "2012-06-01", now, 2));
    ASSERT_EQ_STR("98-99", now[0]->pages);
    imr_kb_release(kb);
}

TEST(carried_pages_without_carries_is_refused)
{
    ASSERT_EQ_STR("a.rules:20:3: \"carried_pages\" says whether the topics "
                  "a guideline carries keep their pages, and this one has "
                  "no \"carries\"",
                  carrying_refusal(20, "  carried_pages no"));
}

TEST(a_carried_topic_taking_an_existing_id_is_refused)
{
    /* odg's topic named as new's copy of old.pt would be */
    ASSERT_EQ_STR("a.rules:20:14: carrying \"old.pt\" gives a topic "
                  "\"new.pt\" that is already defined (at a.rules:46:7)",
                  carrying_refusal(46, "topic new.pt"));
}

/*---- Templates -----------------------------------------------------------*/

TEST(templates_fill_numbers_without_trailing_zeros_and_name_unknowns)
{
    test_env te;
    imr_kb_env env;
    imr_buf out;

    memset(&te, 0, sizeof(te));
    te.names[0] = "request.visits";
    te.values[0] = num(12);
    te.names[1] = "request.per_week";
    te.values[1] = num(2.5);
    te.names[2] = "x.t";
    te.values[2] = text("lumbar");
    te.names[3] = "x.a";
    te.values[3] = boolean(IMR_FALSE);
    env.lookup = env_lookup;
    env.data = &te;
    imr_buf_init(&out);
    imr_kb_render("{request.visits} visits, {request.per_week} a week, "
                  "{x.t}, {x.a}; {x.n} before; {Not a slot} {x.t",
                  &env, &out);
    ASSERT_EQ_STR("12 visits, 2.5 a week, lumbar, no; an unstated number "
                  "before; {Not a slot} {x.t",
                  out.data);
    imr_buf_reset(&out);
    te.values[0] = num(0.125);
    imr_kb_render("{request.visits}", &env, &out);
    ASSERT_EQ_STR("0.125", out.data);
    imr_buf_fini(&out);
}

TEST_MAIN(T(a_good_base_loads_with_its_fields),
          T(the_version_changes_with_a_number_and_only_then),
          T(a_missing_guidelines_folder_gives_an_empty_base),
          T(tables_the_folder_lacks_come_from_the_default_base),
          T(retain_and_release_count_references),
          T(an_unknown_variable_is_refused_with_a_suggestion),
          T(an_unknown_variable_far_from_any_has_no_suggestion),
          T(an_unknown_variable_in_a_template_is_refused_where_it_is),
          T(an_unknown_service_is_refused),
          T(an_unknown_region_is_refused_and_any_stands_alone),
          T(an_unknown_topic_reference_is_refused),
          T(an_unknown_guideline_reference_is_refused_with_a_suggestion),
          T(a_criterion_may_name_a_topic_of_another_file),
          T(a_duplicate_id_is_refused_naming_both_places),
          T(an_unterminated_string_is_refused_at_its_quote),
          T(a_bad_date_is_refused),
          T(a_missing_require_is_refused_at_the_block),
          T(a_bad_status_is_refused),
          T(a_condition_syntax_error_is_refused_at_its_column),
          T(a_type_error_is_refused_at_the_operand),
          T(field_mistakes_are_refused), T(a_name_must_be_lower_snake_case),
          T(and_or_not_follow_kleene_logic),
          T(comparison_and_arithmetic_with_an_unknown_are_unknown),
          T(in_lists_and_text_equality),
          T(a_null_condition_is_true_and_variables_are_listed_once),
          T(topics_come_mtus_first_in_force_on_the_date_and_for_the_region),
          T(carried_topics_apply_only_while_the_carrying_edition_is_in_force),
          T(a_carried_topic_is_cited_as_the_new_edition_with_the_same_content),
          T(a_topic_the_carrying_edition_defines_itself_wins),
          T(an_excepted_topic_is_not_carried),
          T(without_a_status_carried_criteria_keep_their_own),
          T(an_edition_carries_what_the_carried_one_carries_in_turn),
          T(an_unknown_carried_guideline_is_refused_with_a_suggestion),
          T(a_guideline_carrying_itself_or_in_a_cycle_is_refused),
          T(an_except_naming_no_topic_of_the_carried_edition_is_refused),
          T(carries_field_mistakes_are_refused),
          T(carried_pages_no_cites_the_carried_topics_without_their_pages),
          T(carried_pages_without_carries_is_refused),
          T(a_carried_topic_taking_an_existing_id_is_refused),
          T(templates_fill_numbers_without_trailing_zeros_and_name_unknowns))
