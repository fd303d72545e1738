/* Numbers as reports print them: "30,435", "-2%", "£1.58 billion", "£154m",
 * "37 percent", "18.4%", "£250m to £475m", "10–15 percent", "Eleven percent".
 *
 * Values are kept in base units: pounds for money (so "£154m" is 154000000),
 * percentage points for shares ("37 percent" is 37).  `decimals` and `scale`
 * remember how the figure was printed, which fixes its rounding tolerance. */
#ifndef PEEL_NUM_H
#define PEEL_NUM_H

#include <stddef.h>

typedef enum peel_unit {
    PEEL_UNIT_NONE = 0, /* a plain count or rate: "11,508", "2.1" */
    PEEL_UNIT_GBP,      /* "£297", "£1.58 billion" */
    PEEL_UNIT_PCT,      /* "37 percent", "-40%", "Eleven percent" */
    PEEL_UNIT_YEAR      /* "2018", "2018/19" (only from peel_num_next) */
} peel_unit;

typedef struct peel_num {
    double value;  /* in base units; the low end of a range */
    double hi;     /* the high end of a range; equal to value otherwise */
    int is_range;  /* "£250m to £475m", "10–15 percent", "20–30" */
    peel_unit unit;
    int decimals;  /* digits printed after the point ("1.58" → 2) */
    double scale;  /* multiplier printed after the digits: 1, 1e3 (k), 1e6 (m, million), 1e9 (bn, billion) */
    int is_word;   /* spelled out in words ("Twenty-three percent") */
    size_t start;  /* byte span of the whole figure in the text scanned */
    size_t end;    /* one past its last byte */
} peel_num;

/* Parses a whole field, surrounding blanks allowed: a table cell, a captured
 * fact.  Returns 0 and fills *out, or -1 when the text is not exactly one
 * number (or range) of the forms above.  A year ("2019", "2018/19") parses
 * as a plain number here; only the prose scanner marks years. */
int peel_num_parse(const char *s, size_t len, peel_num *out);

/* Finds the next number in prose at or after byte *pos of s[0..len).
 * Returns 1 and fills *out (with start/end relative to s) and moves *pos past
 * it; returns 0 when none is left.  Numbers inside words ("H2O", "IPA2") are
 * skipped; years ("2018", "2018/19", "2012" in "since 2012") come back with
 * PEEL_UNIT_YEAR; spelled numbers only when a percent word follows
 * ("Eleven percent"). */
int peel_num_next(const char *s, size_t len, size_t *pos, peel_num *out);

/* Half of the last printed digit, in base units: the rounding tolerance of
 * the figure as printed ("£154m" → 500000, "18.4%" → 0.05, "-2%" → 0.5). */
double peel_num_half_unit(const peel_num *n);

/* Writes v with `decimals` digits after the point, without trailing zeros
 * beyond them and without "-0": "30435", "-2", "18.4", "1580000000". */
void peel_num_format(double v, int decimals, char *out, size_t cap);

/* Decimals of the value in base units: "£1.58 billion" → 0, "18.4%" → 1. */
int peel_num_base_decimals(const peel_num *n);

/* Unit as written in records: "", "GBP", "%", "year". */
const char *peel_unit_name(peel_unit unit);

#endif
