/* Field checks: one function per kind of value, each adding rejects through
 * vd_reject with a stable reason code and a sentence a person can act on.
 * The schema table (schema.c) says which field goes through which. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "peel_csv.h"
#include "peel_text.h"
#include "vd.h"

static const char GRADES[] = "Outstanding, Good, Requires improvement, Inadequate or Ungraded";

/* Years are written "2019" or "2018/19"; bad is the part that is not. */
static void reject_year(const vd_row *row, const char *field, const char *value, const char *bad)
{
    if (strcmp(bad, value) == 0)
        vd_reject(row, field, value, "bad_year",
                  "\"%s\" is not a year: write 2019, or 2018/19 for a financial year", value);
    else
        vd_reject(row, field, value, "bad_year",
                  "\"%s\" in \"%s\" is not a year: write 2019, or 2018/19 for a financial year",
                  bad, value);
}

/* ---- identifiers and text ---- */

/* Keys and slugs: later stages look records up by them, so they must be there. */
void vd_chk_id(const vd_row *row, const char *field, const char *value)
{
    if (!value[0])
        vd_reject(row, field, value, "missing_field", "%s is empty", field);
}

/* Text taken from the report (findings, summaries, sentences): blank text
 * would print as an empty bullet or cell. */
void vd_chk_text(const vd_row *row, const char *field, const char *value)
{
    if (!vd_has_text(value))
        vd_reject(row, field, value, "empty_text", "%s is blank", field);
}

static void check_pillar(const vd_row *row, const char *field, const char *value, int required)
{
    if (!value[0]) {
        if (required)
            vd_reject(row, field, value, "missing_field", "no pillar");
        return;
    }
    if (!vd_pillar(value))
        vd_reject(row, field, value, "unknown_pillar",
                  "\"%s\" is not a pillar (effectiveness, efficiency or legitimacy)", value);
}

/* Findings, summaries and judgments each belong to one pillar's document. */
void vd_chk_pillar(const vd_row *row, const char *field, const char *value)
{
    check_pillar(row, field, value, 1);
}

/* Tables, figures and facts may sit outside the pillars ("Force in context"). */
void vd_chk_pillar_opt(const vd_row *row, const char *field, const char *value)
{
    check_pillar(row, field, value, 0);
}

/* A component must be one components.csv lists under the row's pillar: a
 * record filed under an unknown component would land on no page. */
void vd_chk_component(const vd_row *row, const char *field, const char *value)
{
    const char *pillar = vd_get(row, "pillar"), *other = "";
    if (!value[0])
        return;
    if (!pillar[0]) {
        vd_reject(row, field, value, "unknown_component", "component \"%s\" without a pillar",
                  value);
        return;
    }
    if (!vd_pillar(pillar))
        return; /* the pillar check has said it */
    int known = vd_component_known(row->cx, pillar, value, &other);
    if (known < 0)
        vd_reject(row, field, value, "unknown_component", "\"%s\" is a component of %s, not of %s",
                  value, other, pillar);
    else if (!known)
        vd_reject(row, field, value, "unknown_component",
                  "\"%s\" is not a component of %s (see components.csv)", value, pillar);
}

/* ---- grades and judgments ---- */

static void check_grade(const vd_row *row, const char *field, const char *value)
{
    if (!vd_grade(value))
        vd_reject(row, field, value, "unknown_grade", "\"%s\" is not a PEEL grade (%s)", value,
                  GRADES);
}

/* The grade of a judgment.  A pillar row without one is the report-level
 * finding missing_pillar (complete.c), not a field error. */
void vd_chk_grade(const vd_row *row, const char *field, const char *value)
{
    if (value[0])
        check_grade(row, field, value);
    else if (vd_get(row, "component")[0])
        vd_reject(row, field, value, "missing_field", "no grade for %s", vd_get(row, "component"));
}

void vd_chk_grade_opt(const vd_row *row, const char *field, const char *value)
{
    if (value[0])
        check_grade(row, field, value);
}

/* "2018/19" or "2017", and not after the report's own year: an area graded
 * in a later year than the report was written cannot be. */
void vd_chk_last_inspected(const vd_row *row, const char *field, const char *value)
{
    if (!value[0]) {
        if (vd_get(row, "grade")[0])
            vd_reject(row, field, value, "missing_field", "a grade without the year it was given");
        return;
    }
    int y = vd_year_label(value);
    if (!y)
        reject_year(row, field, value, value);
    else if (row->cx->year && y > row->cx->year)
        vd_reject(row, field, value, "bad_year", "inspected in %s, after the report's own year %s",
                  value, row->cx->year_label);
}

void vd_chk_yes_no(const vd_row *row, const char *field, const char *value)
{
    if (value[0] && strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
        vd_reject(row, field, value, "unknown_value", "%s must be yes, no or empty", field);
}

void vd_chk_kind(const vd_row *row, const char *field, const char *value)
{
    if (!value[0])
        vd_reject(row, field, value, "missing_field", "no kind");
    else if (!vd_finding_kind(value))
        vd_reject(row, field, value, "unknown_kind",
                  "\"%s\" is not a kind of finding (cause_of_concern, recommendation or "
                  "area_for_improvement)",
                  value);
}

void vd_chk_from(const vd_row *row, const char *field, const char *value)
{
    if (value[0] && peel_from_parse(value) == PEEL_NFROM)
        vd_reject(row, field, value, "unknown_value",
                  "\"%s\" is not where a summary comes from (summary, observations or section)",
                  value);
}

/* ---- report lines ---- */

/* Every record names the report line it came from, so a reader can check
 * it; a line outside the file means the record cannot be traced. */
static void check_line(const vd_row *row, const char *field, const char *value, int required)
{
    long n, last = row->cx->lines;
    if (!value[0]) {
        if (required)
            vd_reject(row, field, value, "missing_field", "no report line");
        return;
    }
    if (!vd_integer(value, &n))
        vd_reject(row, field, value, "not_a_number", "\"%s\" is not a line number", value);
    else if (n < 1 || (last > 0 && n > last))
        vd_reject(row, field, value, "line_out_of_range",
                  "line %ld is outside the report, which has lines 1 to %ld", n, last);
}

void vd_chk_line(const vd_row *row, const char *field, const char *value)
{
    check_line(row, field, value, 1);
}

void vd_chk_line_opt(const vd_row *row, const char *field, const char *value)
{
    check_line(row, field, value, 0);
}

/* A judgment with a grade says where the grade was printed. */
void vd_chk_line_if_graded(const vd_row *row, const char *field, const char *value)
{
    check_line(row, field, value, vd_get(row, "grade")[0] != '\0');
}

void vd_chk_int_opt(const vd_row *row, const char *field, const char *value)
{
    if (value[0] && !vd_integer(value, NULL))
        vd_reject(row, field, value, "not_a_number", "\"%s\" is not a whole number", value);
}

/* ---- units ---- */

void vd_chk_unit(const vd_row *row, const char *field, const char *value)
{
    if (!value[0])
        vd_reject(row, field, value, "missing_field", "no unit");
    else if (!vd_unit_known(row->cx, value))
        vd_reject(row, field, value, "unknown_unit", "\"%s\" is not a known unit", value);
}

/* Prose figures carry the units the number scanner gives (peel_unit_name). */
void vd_chk_figure_unit(const vd_row *row, const char *field, const char *value)
{
    if (strcmp(value, "") != 0 && strcmp(value, "%") != 0 && strcmp(value, "GBP") != 0 &&
        strcmp(value, "year") != 0)
        vd_reject(row, field, value, "unknown_unit",
                  "\"%s\" is not a unit of prose figures (GBP, %%, year or none)", value);
}

void vd_chk_sidecar_unit(const vd_row *row, const char *field, const char *value)
{
    if (!value[0])
        vd_reject(row, field, value, "missing_field", "no unit");
    else if (!vd_sidecar_unit(value))
        vd_reject(row, field, value, "unknown_unit",
                  "\"%s\" is not a sidecar unit (GBP, GBP per head, %%, FTE, count, officers, "
                  "staff, per 1,000 population)",
                  value);
}

/* ---- numbers and their ranges ---- */

/* A column or key that holds a change ("percentage-change") may go below
 * zero; a share of something never does, nor does money or a headcount. */
static int names_change(const char *key)
{
    return strstr(key, "change") != NULL;
}

/* Prose percentages above 100 are increases ("rose by 150 percent"); the
 * sentence says so with one of these words, anywhere and in any case (as
 * strcasestr finds them).  Matching loosely only lets a large increase
 * through, never a share.  One pass over the sentence: a word is compared
 * only where a letter is one the words begin with. */
static int speaks_of_change(const char *sentence)
{
    static const char *const words[] = {"increase", "rise",   "rose", "risen", "grew",   "grown",
                                        "growth",   "higher", "more", "up ",   "change", "double"};
    enum { NWORD = sizeof words / sizeof *words };
    /* Bit b of seconds[a] set when a word begins with the letters 'a' + a,
     * 'a' + b (every word has two letters or more): a place is compared
     * with the words only when its first two letters begin one. */
    uint32_t seconds[26] = {0};
    for (size_t i = 0; i < NWORD; i++)
        seconds[words[i][0] - 'a'] |= UINT32_C(1) << (words[i][1] - 'a');
    for (const char *p = sentence; *p; p++) {
        unsigned c = (unsigned)tolower((unsigned char)*p) - 'a';
        if (c >= 26 || !seconds[c])
            continue;
        unsigned c1 = (unsigned)tolower((unsigned char)p[1]) - 'a';
        if (c1 >= 26 || !(seconds[c] >> c1 & 1))
            continue;
        for (size_t i = 0; i < NWORD; i++)
            if (strncasecmp(p, words[i], strlen(words[i])) == 0)
                return 1;
    }
    return 0;
}

/* The range each unit allows: shares 0-100 (changes not below -100), years
 * 1900-2099, money, FTE and counts not negative (changes excepted), plain
 * numbers ("" unit) anything.  Whether the figure is a change,
 * is_change(about), is asked only where the range depends on it: a share,
 * or a figure below zero (a sentence's words are looked for in only those). */
static void check_range(const vd_row *row, const char *field, const char *value, double v,
                        const char *unit, int (*is_change)(const char *), const char *about)
{
    if (strcmp(unit, "%") == 0) {
        int change = is_change(about);
        if (change && v < -100)
            vd_reject(row, field, value, "share_out_of_range", "a change of %s%% is below -100%%",
                      value);
        else if (!change && (v < 0 || v > 100))
            vd_reject(row, field, value, "share_out_of_range",
                      "a share of %s%% is outside 0 to 100", value);
    } else if (strcmp(unit, "year") == 0) {
        if (v != floor(v) || v < 1900 || v > 2099)
            vd_reject(row, field, value, "bad_year", "%s is not a year between 1900 and 2099",
                      value);
    } else if (unit[0] && v < 0 && !is_change(about)) {
        vd_reject(row, field, value, "negative", "%s cannot be negative: %s", unit, value);
    }
}

static int check_number(const vd_row *row, const char *field, const char *value, double *v)
{
    if (!value[0]) {
        vd_reject(row, field, value, "missing_field", "no value");
        return 0;
    }
    if (!vd_plain_number(value, v)) {
        vd_reject(row, field, value, "not_a_number", "\"%s\" is not a plain number", value);
        return 0;
    }
    return 1;
}

/* What a table prints where it has no figure: not an error, no number. */
static int no_data_marker(const char *raw)
{
    static const char *const marks[] = {"n/a",          "N/A", "-", "\xe2\x80\x93",
                                        "\xe2\x80\x94", "*",   ".."};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strcmp(raw, marks[i]) == 0)
            return 1;
    return 0;
}

/* A table cell: ingest leaves value empty when the printed text is not one
 * number, so the printed text is what gets reported. */
void vd_chk_cell_value(const vd_row *row, const char *field, const char *value)
{
    double v;
    const char *unit = vd_get(row, "unit");
    if (!value[0]) {
        const char *raw = peel_csv_text(vd_get(row, "raw"));
        if (!no_data_marker(raw))
            vd_reject(row, "raw", raw, "not_a_number", "table cell \"%s\" is not one number", raw);
        return;
    }
    if (check_number(row, field, value, &v) && vd_unit_known(row->cx, unit))
        check_range(row, field, value, v, unit, names_change, vd_get(row, "column"));
}

void vd_chk_fact_value(const vd_row *row, const char *field, const char *value)
{
    double v;
    const char *unit = vd_get(row, "unit");
    if (check_number(row, field, value, &v) && vd_unit_known(row->cx, unit))
        check_range(row, field, value, v, unit, names_change, vd_get(row, "key"));
}

void vd_chk_figure_value(const vd_row *row, const char *field, const char *value)
{
    double v;
    const char *sentence = peel_csv_text(vd_get(row, "sentence"));
    if (check_number(row, field, value, &v))
        check_range(row, field, value, v, vd_get(row, "unit"), speaks_of_change, sentence);
}

/* The high end of a range ("£120m to £310m"): a number, not below the low end. */
void vd_chk_figure_high(const vd_row *row, const char *field, const char *value)
{
    double hi, lo;
    if (!value[0] || !check_number(row, field, value, &hi))
        return;
    if (vd_plain_number(vd_get(row, "value"), &lo) && hi < lo)
        vd_reject(row, field, value, "bad_range", "the range ends at %s, below its start %s", value,
                  vd_get(row, "value"));
    else
        vd_chk_figure_value(row, field, value);
}

void vd_chk_sidecar_value(const vd_row *row, const char *field, const char *value)
{
    double v;
    const char *unit = vd_get(row, "unit");
    if (!value[0]) {
        vd_reject(row, field, value, "missing_field", "no value");
        return;
    }
    if (!vd_plain_number(value, &v)) {
        vd_reject(row, field, value, "not_a_number",
                  "\"%s\" is not a plain number: write 1234.5, without thousands separators, "
                  "currency signs or units (the unit goes in the unit column)",
                  value);
        return;
    }
    if (vd_sidecar_unit(unit))
        check_range(row, field, value, v, unit, names_change, vd_get(row, "key"));
}

/* ---- periods and years ---- */

/* Report periods are free phrases ("2018/19 projection", "12 months ending
 * 30 September 2018"); only the years inside them are checked. */
void vd_chk_period_years(const vd_row *row, const char *field, const char *value)
{
    char bad[32];
    if (!vd_years_in_text(value, bad, sizeof bad))
        reject_year(row, field, value, bad);
}

/* Sidecar periods are typed by people for matching: they must be one of the
 * forms vd_period accepts. */
void vd_chk_period(const vd_row *row, const char *field, const char *value)
{
    char bad[32];
    if (!value[0] || vd_period(value))
        return;
    if (!vd_years_in_text(value, bad, sizeof bad))
        reject_year(row, field, value, bad);
    else
        vd_reject(row, field, value, "bad_period",
                  "\"%s\" is not a period (2019, 2018/19, 31 March 2019, March 2019, "
                  "2019-03-31, or two of them joined by \"to\")",
                  value);
}

/* ---- sidecars, meta, coverage ---- */

/* A sidecar row about another force would be compared with the wrong
 * report; names are compared as slugs, so case and punctuation do not count. */
void vd_chk_force(const vd_row *row, const char *field, const char *value)
{
    char a[256], b[256];
    if (!value[0]) {
        vd_reject(row, field, value, "missing_field", "no force");
        return;
    }
    if (!row->cx->force[0])
        return; /* meta.csv has no force: its own reject says so */
    peel_slug(value, a, sizeof a);
    peel_slug(row->cx->force, b, sizeof b);
    if (strcmp(a, b) != 0)
        vd_reject(row, field, value, "force_mismatch", "\"%s\" is not this report's force (%s)",
                  value, row->cx->force);
}

/* meta.csv: the keys other checks rely on must hold what they promise. */
void vd_chk_meta_value(const vd_row *row, const char *field, const char *value)
{
    const char *key = vd_get(row, "key");
    long n;
    if (strcmp(key, "force") == 0 && !vd_has_text(value))
        vd_reject(row, field, value, "empty_text", "the force has no name");
    else if (strcmp(key, "year") == 0 && !vd_year_label(value))
        reject_year(row, field, value, value);
    else if (strcmp(key, "lines") == 0 && (!vd_integer(value, &n) || n < 1))
        vd_reject(row, field, value, "not_a_number", "\"%s\" is not a count of lines", value);
}

/* A line the ingest stage could not place: whatever it said is in no record,
 * so it is listed here instead of being lost. */
void vd_chk_coverage_kind(const vd_row *row, const char *field, const char *value)
{
    if (!value[0]) {
        vd_reject(row, field, value, "missing_field", "no kind");
    } else if (strcmp(value, "unrecognised") == 0) {
        const char *detail = peel_csv_text(vd_get(row, "detail"));
        vd_reject(row, field, value, "unrecognised_line",
                  "report line %s was not recognised, so nothing was taken from it%s%s",
                  vd_get(row, "line"), detail[0] ? "; it reads as: " : "", detail);
    }
}
