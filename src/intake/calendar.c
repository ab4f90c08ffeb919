/* SPDX-License-Identifier: MIT */
/* Dates as day numbers, weekdays, and business days: every day but
 * Saturdays, Sundays and the state holidays of kb/holidays.tsv. */
#include "imr/intake.h"

#include "intake_int.h"

/* Days from 1970-01-01 to a civil date (H. Hinnant's algorithm, valid for
 * every Gregorian date). */
static long days_from_civil(long y, long m, long d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    long era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static long digits(const char *s, size_t n)
{
    long v = 0;
    size_t i;
    for(i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

long imr__intake_day(const char *iso)
{
    return days_from_civil(digits(iso, 4), digits(iso + 5, 2),
                           digits(iso + 8, 2));
}

/* The `width` last decimal digits of v, zero-padded. */
static void put_digits(char *out, long v, int width)
{
    while(width-- > 0) {
        out[width] = (char)('0' + v % 10);
        v /= 10;
    }
}

void imr__intake_iso(long day, char iso[11])
{
    long y, m, d;
    civil_from_days(day, &y, &m, &d);
    put_digits(iso, y < 0 ? 0 : y % 10000, 4);
    iso[4] = '-';
    put_digits(iso + 5, m, 2);
    iso[7] = '-';
    put_digits(iso + 8, d, 2);
    iso[10] = '\0';
}

const char *imr__intake_iso_in(imr_arena *arena, long day)
{
    char iso[11];
    imr__intake_iso(day, iso);
    return imr_arena_strdup(arena, iso);
}

int imr__intake_weekday(long day)
{
    /* 1970-01-01 was a Thursday. */
    return (int)(((day % 7) + 7 + 3) % 7);
}

const char *imr__intake_weekday_name(long day)
{
    static const char *const names[] = {"Monday",   "Tuesday", "Wednesday",
                                        "Thursday", "Friday",  "Saturday",
                                        "Sunday"};
    return names[imr__intake_weekday(day)];
}

const char *imr__intake_holiday(const imr_intake_rules *rules, long day)
{
    size_t lo = 0, hi = rules->holiday_count;

    while(lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if(rules->holidays[mid].day == day)
            return rules->holidays[mid].name;
        if(rules->holidays[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *imr__intake_closed_because(const imr_intake_rules *rules, long day)
{
    int weekday = imr__intake_weekday(day);
    if(weekday == 5)
        return "a Saturday";
    if(weekday == 6)
        return "a Sunday";
    return imr__intake_holiday(rules, day);
}

int imr__intake_is_business_day(const imr_intake_rules *rules, long day)
{
    return imr__intake_closed_because(rules, day) == NULL;
}

long imr__intake_add_business_days(const imr_intake_rules *rules, long day,
                                   int n)
{
    while(n > 0) {
        day++;
        if(imr__intake_is_business_day(rules, day))
            n--;
    }
    return day;
}

long imr__intake_roll_forward(const imr_intake_rules *rules, long day)
{
    while(!imr__intake_is_business_day(rules, day))
        day++;
    return day;
}

int imr__intake_covers(const imr_intake_rules *rules, long day)
{
    long y, m, d;
    civil_from_days(day, &y, &m, &d);
    return rules->holiday_count > 0 && y >= rules->first_year &&
           y <= rules->last_year;
}
