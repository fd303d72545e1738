/* The grammar of single values: numbers, years, periods and the closed
 * vocabularies of the records.  Pure functions: they know nothing about rows
 * or rejects, so each can be tested on its own. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "peel_vocab.h"
#include "vd.h"

static const char DIGITS[] = "0123456789";

/* Longest plain number accepted: more digits than a double holds means the
 * value is not a figure from a report anyway. */
enum { MAX_NUMBER_LEN = 40, MAX_INT_DIGITS = 18, FIRST_YEAR = 1900, LAST_YEAR = 2099 };

/* The value of a plain number's digits (the whole ones, then `frac` after
 * the point), as strtod reads them, without strtod where that is exact:
 * up to 15 digits are an integer a double holds, and so is 10^frac, so one
 * division rounds as strtod rounds the decimal.  The records' figures take
 * this way; strtod costs some 450 instructions a number. */
static double number_value(const char *s, size_t whole, size_t frac)
{
    static const double POW10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6, 1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14};
    enum { MAX_EXACT_DIGITS = 15 };
    if (whole + frac > MAX_EXACT_DIGITS)
        return strtod(s, NULL);
    const char *p = s + (*s == '-');
    int64_t m = 0;
    for (size_t i = 0; i < whole + frac + (frac > 0); i++)
        if (p[i] != '.')
            m = m * 10 + (p[i] - '0');
    double v = (double)m / POW10[frac]; /* whole >= 1: frac < 15 */
    return *s == '-' ? -v : v;
}

int vd_plain_number(const char *s, double *out)
{
    const char *p = s + (*s == '-');
    size_t whole = strspn(p, DIGITS), frac = 0;
    if (whole == 0)
        return 0;
    p += whole;
    if (*p == '.') {
        frac = strspn(p + 1, DIGITS);
        if (frac == 0)
            return 0;
        p += 1 + frac;
    }
    if (*p || p - s > MAX_NUMBER_LEN)
        return 0;
    if (out)
        *out = number_value(s, whole, frac);
    return 1;
}

int vd_integer(const char *s, long *out)
{
    /* Read digit by digit, not by strspn and strtol: every record's line
     * numbers come through here, and 18 digits fit in a long. */
    long v = 0;
    size_t n = 0;
    for (; s[n] >= '0' && s[n] <= '9'; n++)
        if (n < MAX_INT_DIGITS)
            v = v * 10 + (s[n] - '0');
    if (n == 0 || s[n] || n > MAX_INT_DIGITS)
        return 0;
    if (out)
        *out = v;
    return 1;
}

/* Exactly four digits within the years reports talk about; 0 otherwise. */
static int year4(const char *s, size_t n)
{
    if (n != 4 || strspn(s, DIGITS) < 4)
        return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= FIRST_YEAR && y <= LAST_YEAR ? y : 0;
}

/* "YY" or "YYYY" after the slash of a financial year must be the next year:
 * "2018/19", "2018/2019"; "2018/20" is a typing slip, not a year. */
static int next_year_ok(int first, const char *s, size_t n)
{
    if (n == 2 && strspn(s, DIGITS) >= 2)
        return (s[0] - '0') * 10 + (s[1] - '0') == (first + 1) % 100;
    return year4(s, n) == first + 1;
}

int vd_year_label(const char *s)
{
    size_t n = strlen(s);
    int y = year4(s, n < 4 ? n : 4);
    if (!y)
        return 0;
    if (n == 4)
        return y;
    if (s[4] == '/' && next_year_ok(y, s + 5, n - 5))
        return y;
    return 0;
}

int vd_years_in_text(const char *s, char *bad, size_t cap)
{
    for (size_t i = 0; s[i]; i++) {
        if (!isdigit((unsigned char)s[i]) || (i > 0 && isdigit((unsigned char)s[i - 1])))
            continue;
        size_t n = strspn(s + i, DIGITS);
        if (n != 4)
            continue; /* day numbers, "12 months": not years */
        int y = year4(s + i, 4);
        size_t end = i + 4, tail = 0;
        if (s[end] == '/')
            tail = strspn(s + end + 1, DIGITS);
        int ok = y && (tail == 0 || next_year_ok(y, s + end + 1, tail));
        if (!ok) {
            size_t len = end - i + (tail ? tail + 1 : 0);
            snprintf(bad, cap, "%.*s", (int)len, s + i);
            return 0;
        }
    }
    return 1;
}

/* ---- periods ---- */

static int month_number(const char *s)
{
    static const char *const names[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
    for (int m = 0; m < 12; m++) {
        /* Full names, their three-letter abbreviations, and "Sept". */
        if (strcasecmp(s, names[m]) == 0 || (strlen(s) == 3 && strncasecmp(s, names[m], 3) == 0) ||
            (m == 8 && strcasecmp(s, "sept") == 0))
            return m + 1;
    }
    return 0;
}

static int days_in_month(int m, int y)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* "31", "31st", "2nd", "23rd", "4th": the day with its proper suffix. */
static int day_number(const char *s)
{
    size_t n = strspn(s, DIGITS);
    if (n == 0 || n > 2)
        return 0;
    int d = atoi(s);
    const char *suffix = s + n;
    if (!*suffix)
        return d;
    const char *want = d % 10 == 1 && d != 11   ? "st"
                       : d % 10 == 2 && d != 12 ? "nd"
                       : d % 10 == 3 && d != 13 ? "rd"
                                                : "th";
    return strcmp(suffix, want) == 0 ? d : 0;
}

/* "2019-03-31". */
static int iso_date(const char *s, long *key)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || strspn(s + 5, DIGITS) != 2 ||
        strspn(s + 8, DIGITS) != 2)
        return 0;
    int y = year4(s, 4), m = atoi(s + 5), d = atoi(s + 8);
    if (!y || m < 1 || m > 12 || d < 1 || d > days_in_month(m, y))
        return 0;
    *key = y * 10000L + m * 100L + d;
    return 1;
}

/* Splits at single spaces; returns the word count, or -1 on empty words
 * (leading, trailing or doubled spaces) or too many words. */
static int split_words(char *s, char **word, int max)
{
    int n = 0;
    for (char *p = s;; p++) {
        char *sp = strchr(p, ' ');
        if (n == max || sp == p || *p == '\0')
            return -1;
        word[n++] = p;
        if (!sp)
            return n;
        *sp = '\0';
        p = sp;
    }
}

/* One point in time; *key orders points (yyyymmdd, zeros where unsaid). */
static int period_point(const char *s, size_t len, long *key)
{
    char buf[64];
    char *w[3];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int y = vd_year_label(buf);
    if (y) {
        *key = y * 10000L;
        return 1;
    }
    if (iso_date(buf, key))
        return 1;
    int n = split_words(buf, w, 3);
    if (n == 2 && month_number(w[0]) && (y = year4(w[1], strlen(w[1])))) {
        *key = y * 10000L + month_number(w[0]) * 100L;
        return 1;
    }
    if (n == 3 && month_number(w[1]) && (y = year4(w[2], strlen(w[2])))) {
        int m = month_number(w[1]), d = day_number(w[0]);
        if (d < 1 || d > days_in_month(m, y))
            return 0;
        *key = y * 10000L + m * 100L + d;
        return 1;
    }
    return 0;
}

int vd_period(const char *s)
{
    long a, b;
    const char *to = strstr(s, " to ");
    if (!to)
        return period_point(s, strlen(s), &a);
    return period_point(s, (size_t)(to - s), &a) && period_point(to + 4, strlen(to + 4), &b) &&
           a <= b;
}

/* ---- closed vocabularies (peel_vocab.h) ---- */

int vd_grade(const char *s)
{
    int known;
    peel_grade g = peel_grade_parse(s, &known);
    return known && g != PEEL_GRADE_NONE;
}

int vd_finding_kind(const char *s)
{
    return peel_kind_parse(s) < PEEL_NKIND;
}

int vd_pillar(const char *s)
{
    return s[0] && peel_pillar_parse(s, NULL) < PEEL_NOPILLAR;
}

int vd_has_text(const char *s)
{
    return s[strspn(s, " \t\r\n")] != '\0';
}
