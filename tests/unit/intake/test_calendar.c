/* SPDX-License-Identifier: MIT */
/* Day numbers, weekdays, the state holidays of kb/holidays.tsv (checked
 * against Government Code section 19853 year by year), business days, and
 * refusals of malformed tables. */
#include "intake_tests.h"

#include <unistd.h>

static long day_of(const char *iso)
{
    return imr__intake_day(iso);
}

static const char *iso_of(long day, char iso[11])
{
    imr__intake_iso(day, iso);
    return iso;
}

void calendar_counts_weekdays_from_day_numbers(void)
{
    char iso[11];

    ASSERT_EQ_INT(0, day_of("1970-01-01"));
    ASSERT_EQ_INT(3, imr__intake_weekday(0)); /* a Thursday */
    ASSERT_EQ_STR("Friday", imr__intake_weekday_name(day_of("2014-12-05")));
    ASSERT_EQ_STR("Sunday", imr__intake_weekday_name(day_of("2000-02-27")));
    ASSERT_EQ_STR("2000-03-01", iso_of(day_of("2000-02-28") + 2, iso));
    ASSERT_EQ_STR("2015-01-22", iso_of(day_of("2014-12-23") + 30, iso));
    ASSERT_EQ_INT(365, day_of("2015-01-01") - day_of("2014-01-01"));
}

void calendar_observes_a_sunday_holiday_on_monday(void)
{
    const imr_intake_rules *r = fixture_rules();

    /* March 31, 2013 and January 1, 2017 were Sundays. */
    ASSERT_EQ_STR("Cesar Chavez Day (observed)",
                  imr__intake_holiday(r, day_of("2013-04-01")));
    ASSERT_EQ_STR("New Year's Day (observed)",
                  imr__intake_holiday(r, day_of("2017-01-02")));
    ASSERT_EQ_STR("Christmas Day",
                  imr__intake_holiday(r, day_of("2014-12-25")));
    ASSERT_TRUE(imr__intake_holiday(r, day_of("2014-12-24")) == NULL);
}

void calendar_moves_only_veterans_day_from_saturday(void)
{
    const imr_intake_rules *r = fixture_rules();

    /* November 11, 2017 was a Saturday: observed Friday the 10th. July 4,
     * 2015 was a Saturday too, and Friday the 3rd stayed a workday. */
    ASSERT_EQ_STR("Veterans Day (observed)",
                  imr__intake_holiday(r, day_of("2017-11-10")));
    ASSERT_TRUE(imr__intake_holiday(r, day_of("2015-07-03")) == NULL);
    ASSERT_TRUE(imr__intake_is_business_day(r, day_of("2015-07-03")));
}

/* The nth (1-based) `weekday` (0 Monday) of a month. */
static long nth_weekday(int year, int month, int weekday, int n)
{
    char iso[11];
    long first;

    snprintf(iso, sizeof(iso), "%04d-%02d-01", year, month);
    first = day_of(iso);
    return first + (weekday - imr__intake_weekday(first) + 7) % 7 + 7 * (n - 1);
}

/* A fixed-date holiday of 19853 as observed: Sunday moves to Monday,
 * November 11 on a Saturday to Friday, any other Saturday one to nothing
 * (returns -1). */
static long observed(int year, int month, int mday)
{
    char iso[11];
    long day;
    int weekday;

    snprintf(iso, sizeof(iso), "%04d-%02d-%02d", year, month, mday);
    day = day_of(iso);
    weekday = imr__intake_weekday(day);
    if(weekday == 6)
        return day + 1;
    if(weekday == 5)
        return month == 11 && mday == 11 ? day - 1 : -1;
    return day;
}

static int compare_days(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The days 19853 closes offices in `year`, ascending; returns the count. */
static size_t holidays_of(int year, long out[16])
{
    static const int fixed[][2] = {{1, 1}, {3, 31}, {7, 4}, {11, 11}, {12, 25}};
    size_t n = 0, i;
    long thanksgiving = nth_weekday(year, 11, 3, 4);

    out[n++] = nth_weekday(year, 1, 0, 3);
    out[n++] = nth_weekday(year, 2, 0, 3);
    out[n++] = nth_weekday(year, 6, 0, 1) - 7; /* last Monday in May */
    out[n++] = nth_weekday(year, 9, 0, 1);
    out[n++] = thanksgiving;
    out[n++] = thanksgiving + 1;
    for(i = 0; i < 5; i++) {
        long day = observed(year, fixed[i][0], fixed[i][1]);
        if(day >= 0)
            out[n++] = day;
    }
    qsort(out, n, sizeof(long), compare_days);
    return n;
}

void calendar_file_matches_government_code_19853(void)
{
    const imr_intake_rules *r = fixture_rules();
    size_t at = 0, i, n;
    long expected[16];
    char want[11], got[11];
    int year;

    ASSERT_EQ_INT(2013, r->first_year);
    ASSERT_EQ_INT(2030, r->last_year);
    for(year = 2013; year <= 2030; year++) {
        n = holidays_of(year, expected);
        for(i = 0; i < n; i++, at++) {
            if(at >= r->holiday_count)
                FAIL_AT("kb/holidays.tsv ends before %s",
                        iso_of(expected[i], want));
            if(r->holidays[at].day != expected[i])
                FAIL_AT("kb/holidays.tsv has %s (%s) where 19853 gives %s",
                        iso_of(r->holidays[at].day, got), r->holidays[at].name,
                        iso_of(expected[i], want));
        }
    }
    ASSERT_EQ_INT(at, r->holiday_count);
}

void calendar_skips_weekends_and_holidays_in_business_days(void)
{
    const imr_intake_rules *r = fixture_rules();
    char iso[11];

    /* Friday -> Monday; Wednesday before Thanksgiving -> Monday after. */
    ASSERT_EQ_STR(
        "2014-12-08",
        iso_of(imr__intake_add_business_days(r, day_of("2014-12-05"), 1), iso));
    ASSERT_EQ_STR(
        "2014-12-01",
        iso_of(imr__intake_add_business_days(r, day_of("2014-11-26"), 1), iso));
    ASSERT_EQ_STR(
        "2014-12-29",
        iso_of(imr__intake_add_business_days(r, day_of("2014-12-23"), 3), iso));
    ASSERT_TRUE(!imr__intake_is_business_day(r, day_of("2014-12-27")));
    ASSERT_EQ_STR("a Saturday",
                  imr__intake_closed_because(r, day_of("2014-12-27")));
    ASSERT_EQ_STR("Labor Day",
                  imr__intake_closed_because(r, day_of("2014-09-01")));
}

void calendar_rolls_a_closed_day_forward(void)
{
    const imr_intake_rules *r = fixture_rules();
    char iso[11];

    ASSERT_EQ_STR(
        "2014-12-22",
        iso_of(imr__intake_roll_forward(r, day_of("2014-12-20")), iso));
    ASSERT_EQ_STR(
        "2014-12-26",
        iso_of(imr__intake_roll_forward(r, day_of("2014-12-25")), iso));
    ASSERT_EQ_STR(
        "2014-12-23",
        iso_of(imr__intake_roll_forward(r, day_of("2014-12-23")), iso));
    /* Saturday, Sunday, then Memorial Day. */
    ASSERT_EQ_STR(
        "2015-05-26",
        iso_of(imr__intake_roll_forward(r, day_of("2015-05-23")), iso));
}

/* Loads a kb folder holding one table `name` with `text`; the refusal
 * with the folder's path cut off, or "(accepted)". */
static const char *load_table(const char *name, const char *text, char *msg,
                              size_t size)
{
    char dir[256], path[512];
    imr_intake_rules *rules = NULL;
    imr_error err;
    FILE *f;
    const char *tmp = getenv("TMPDIR");

    snprintf(dir, sizeof(dir), "%s/imr-intake-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if(!mkdtemp(dir))
        return "(no scratch folder)";
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    if(!f)
        return "(cannot write)";
    fputs(text, f);
    fclose(f);
    imr_error_clear(&err);
    if(imr_intake_rules_load(dir, fixture_catalogue(), &rules, &err) ==
       IMR_OK) {
        snprintf(msg, size, "(accepted)");
        imr_intake_rules_free(rules);
    } else {
        char full[1200];
        imr_error_format(&err, full, sizeof(full));
        snprintf(msg, size, "%s", full + strlen(dir) + 1);
    }
    unlink(path);
    rmdir(dir);
    return msg;
}

void calendar_tables_refuse_bad_lines_with_file_line_column(void)
{
    char msg[1200];

    ASSERT_EQ_STR("holidays.tsv:2:1: 2014-07-05 is a Saturday: list the "
                  "weekday the holiday is observed",
                  load_table("holidays.tsv",
                             "# comment\n2014-07-05\tIndependence Day\n", msg,
                             sizeof(msg)));
    ASSERT_EQ_STR("holidays.tsv:2:1: 2014-01-01 is not after the date above "
                  "it: keep the dates in order, each once",
                  load_table("holidays.tsv", "2014-07-04\tA\n2014-01-01\tB\n",
                             msg, sizeof(msg)));
    ASSERT_EQ_STR(
        "holidays.tsv:1:1: expected a date YYYY-MM-DD, found "
        "\"7/4/2014\"",
        load_table("holidays.tsv", "7/4/2014\tA\n", msg, sizeof(msg)));
    ASSERT_EQ_STR("specialties.tsv:1:1: unknown service \"physio\" (see "
                  "kb/services.tsv, or write *)",
                  load_table("specialties.tsv", "physio\t*\tNeurology\n", msg,
                             sizeof(msg)));
    ASSERT_EQ_STR("specialties.tsv:2:1: mri in knee is already listed above",
                  load_table("specialties.tsv",
                             "mri\tknee\tRadiology\nmri\tknee\tX\n", msg,
                             sizeof(msg)));
    ASSERT_EQ_STR("(accepted)", load_table("us_states.tsv", "CA\tCalifornia\n",
                                           msg, sizeof(msg)));
}
