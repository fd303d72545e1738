/* Unit tests for peel_num: whole-field parsing, prose scanning, formatting
 * and tolerances.  Tables of cases; each prose case lists every figure the
 * scanner must find, in order, and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_num.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* What a figure must read as.  `text` is the whole field for parse cases and
 * the expected span for scan cases; `shown` (when set) is the value formatted
 * with peel_num_base_decimals(). */
typedef struct want {
    const char *text;
    double value, hi;
    int is_range;
    peel_unit unit;
    int decimals;
    double scale;
    int is_word;
    const char *shown;
} want;

#define NUM(t, v, u, d, sc, shown)                                                                 \
    {                                                                                              \
        t, v, v, 0, u, d, sc, 0, shown                                                             \
    }
#define RANGE(t, lo, hi, u, d, sc)                                                                 \
    {                                                                                              \
        t, lo, hi, 1, u, d, sc, 0, NULL                                                            \
    }
#define WORD(t, v, u)                                                                              \
    {                                                                                              \
        t, v, v, 0, u, 0, 1, 1, NULL                                                               \
    }

/* Short names keep the tables readable. */
#define NONE PEEL_UNIT_NONE
#define GBP PEEL_UNIT_GBP
#define PCT PEEL_UNIT_PCT
#define YEAR PEEL_UNIT_YEAR

/* Values are compared exactly: the parser promises the double nearest the
 * printed decimal, which is what the literal here compiles to. */
static void check_num(const char *where, const peel_num *n, const want *w)
{
    char shown[64];
    if (n->value != w->value || n->hi != w->hi || n->is_range != w->is_range ||
        (int)n->unit != (int)w->unit || n->decimals != w->decimals || n->scale != w->scale ||
        n->is_word != w->is_word) {
        print_error("%s [%s]: got value=%.17g hi=%.17g range=%d unit=%d dec=%d scale=%g word=%d\n"
                    "  want value=%.17g hi=%.17g range=%d unit=%d dec=%d scale=%g word=%d\n",
                    where, w->text, n->value, n->hi, n->is_range, n->unit, n->decimals, n->scale,
                    n->is_word, w->value, w->hi, w->is_range, w->unit, w->decimals, w->scale,
                    w->is_word);
        fail();
    }
    if (w->value == 0 && signbit(n->value)) { /* "-0" reads as plain zero */
        print_error("%s [%s]: value is -0\n", where, w->text);
        fail();
    }
    if (w->shown) {
        peel_num_format(n->value, peel_num_base_decimals(n), shown, sizeof shown);
        if (strcmp(shown, w->shown) != 0) {
            print_error("%s [%s]: shown as \"%s\", want \"%s\"\n", where, w->text, shown, w->shown);
            fail();
        }
    }
}

/* ---- peel_num_parse ---------------------------------------------------- */

static const want parse_ok[] = {
    NUM("30,435", 30435, NONE, 0, 1, "30435"),
    NUM(" \t30,435 \n", 30435, NONE, 0, 1, "30435"),
    NUM("\xC2\xA0"
        "37%"
        "\xC2\xA0",
        37, PCT, 0, 1, "37"),
    NUM("1,000,000", 1000000, NONE, 0, 1, "1000000"),
    NUM("-2%", -2, PCT, 0, 1, "-2"),
    NUM("\xE2\x88\x92"
        "2%",
        -2, PCT, 0, 1, "-2"), /* U+2212 minus */
    NUM("\xE2\x80\x93"
        "2%",
        -2, PCT, 0, 1, "-2"), /* U+2013 en dash */
    NUM("+2%", 2, PCT, 0, 1, "2"),
    NUM("18.4%", 18.4, PCT, 1, 1, "18.4"),
    NUM("0.05%", 0.05, PCT, 2, 1, "0.05"),
    NUM("£297", 297, GBP, 0, 1, "297"),
    NUM("-£5m", -5e6, GBP, 0, 1e6, "-5000000"),
    NUM("£-5m", -5e6, GBP, 0, 1e6, "-5000000"),
    NUM("£154m", 154e6, GBP, 0, 1e6, "154000000"),
    NUM("£5M", 5e6, GBP, 0, 1e6, "5000000"),
    NUM("£1.58 billion", 1.58e9, GBP, 2, 1e9, "1580000000"),
    NUM("£3,381m", 3381e6, GBP, 0, 1e6, "3381000000"),
    NUM("£2bn", 2e9, GBP, 0, 1e9, "2000000000"),
    NUM("£1.2 million", 1.2e6, GBP, 1, 1e6, "1200000"),
    NUM("£1.2million", 1.2e6, GBP, 1, 1e6, "1200000"),
    NUM("£3.2m", 3.2e6, GBP, 1, 1e6, "3200000"),
    NUM("£500k", 500e3, GBP, 0, 1e3, "500000"),
    NUM("23p", 0.23, GBP, 0, 0.01, "0.23"),
    NUM("2.5p", 0.025, GBP, 1, 0.01, "0.025"),
    NUM("16 pence", 0.16, GBP, 0, 0.01, "0.16"),
    NUM("£248.56p", 248.56, GBP, 2, 1, "248.56"),
    NUM("£1.234567k", 1234.567, GBP, 6, 1e3, "1234.567"),
    NUM("1.2 million", 1.2e6, NONE, 1, 1e6, "1200000"),
    NUM("37 percent", 37, PCT, 0, 1, "37"),
    NUM("37 per cent", 37, PCT, 0, 1, "37"),
    NUM("37 Per Cent", 37, PCT, 0, 1, "37"),
    /* a no-break or narrow no-break space before the suffix word */
    NUM("4.4\u00a0per cent", 4.4, PCT, 1, 1, "4.4"),
    NUM("37\u202fpercent", 37, PCT, 0, 1, "37"),
    NUM("£4\u00a0million", 4e6, GBP, 0, 1e6, "4000000"),
    NUM("39.5 percent", 39.5, PCT, 1, 1, "39.5"),
    NUM("2019", 2019, NONE, 0, 1, "2019"), /* years are marked by the scanner only */
    NUM("0", 0, NONE, 0, 1, "0"),
    NUM("-0", 0, NONE, 0, 1, "0"),
    NUM("-0.0%", 0, PCT, 1, 1, "0.0"),
    NUM("1.1", 1.1, NONE, 1, 1, "1.1"),
    NUM("007", 7, NONE, 0, 1, "7"),
    NUM("123456789012345678", 123456789012345678.0, NONE, 0, 1, NULL),
    WORD("Eleven percent", 11, PCT),
    WORD("Twenty-three percent", 23, PCT),
    WORD("twenty three percent", 23, PCT),
    WORD("Fourteen per cent", 14, PCT),
    WORD("Twelve\u00a0per cent", 12, PCT),
    WORD("FIFTY PERCENT", 50, PCT),
    WORD("Eighty-three percent", 83, PCT),
    WORD("a hundred percent", 100, PCT),
    WORD("One hundred", 100, NONE),
    WORD("eleven", 11, NONE),
    WORD("zero", 0, NONE),
    WORD("nineteen", 19, NONE),
    WORD("ninety-nine", 99, NONE),
    WORD("  seventy  ", 70, NONE),
    RANGE("£250m to £475m", 250e6, 475e6, GBP, 0, 1e6),
    RANGE("£250m to £1.2bn", 250e6, 1.2e9, GBP, 0, 1e6), /* finer side: 250m */
    RANGE("10–15 percent", 10, 15, PCT, 0, 1),
    RANGE("10-15 percent", 10, 15, PCT, 0, 1),
    RANGE("10–15%", 10, 15, PCT, 0, 1),
    RANGE("20–30", 20, 30, NONE, 0, 1),
    RANGE("1.5–2 percent", 1.5, 2, PCT, 1, 1),
    RANGE("£10–15m", 10e6, 15e6, GBP, 0, 1e6),
    RANGE("-5–10", -5, 10, NONE, 0, 1),
    RANGE("2015–2017", 2015, 2017, NONE, 0, 1),
};

static void test_parse_forms(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_ELEMS(parse_ok); k++) {
        const want *w = &parse_ok[k];
        peel_num n;
        memset(&n, 0xA5, sizeof n);
        if (peel_num_parse(w->text, strlen(w->text), &n) != 0) {
            print_error("parse rejected [%s]\n", w->text);
            fail();
        }
        check_num("parse", &n, w);
    }
}

static void test_parse_span(void **state)
{
    (void)state;
    peel_num n;
    const char *s = "  £154m "; /* "£" is two bytes */
    assert_int_equal(peel_num_parse(s, strlen(s), &n), 0);
    assert_int_equal(n.start, 2);
    assert_int_equal(n.end, strlen(s) - 1);
}

static const char *const parse_bad[] = {
    "",
    "   ",
    "\xC2\xA0",
    "abc",
    "12abc",
    "1,23",
    "1,2345",
    "1234,567",
    "£",
    "%",
    "--2",
    "- 2",
    "\xE2\x88\x92",
    "£-",
    "-£-5",
    "2018/19",
    "2018–19", /* the high end would be below the low end */
    "£475m to £250m",
    "1.2.3",
    "1.",
    ".5",
    "1 2",
    "£ 5",
    "£5%",
    "£5 percent",
    "12m", /* m is a scale only after £ */
    "12 months",
    "37 percentage",
    "37  percent",
    "10%–15%",
    "10 to 15",
    "£5m to 6m",
    "10–",
    "–",
    "1234567890123456789", /* 19 digits */
    "0.0000000000000000001",
    "a",
    "hundred",
    "twenty-",
    "twentythree",
    "twenty-ten",
    "twenty  three",
    "Eleven%",
    "eleven percentage",
    "\xE2\x80",
};

static void test_parse_rejects(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_ELEMS(parse_bad); k++) {
        peel_num n;
        memset(&n, 0, sizeof n);
        n.value = 42;
        if (peel_num_parse(parse_bad[k], strlen(parse_bad[k]), &n) != -1) {
            print_error("parse accepted [%s] as %.17g\n", parse_bad[k], n.value);
            fail();
        }
        assert_true(n.value == 42); /* *out untouched on failure */
    }
}

/* Only s[0..len) counts, whatever follows it. */
static void test_parse_len_bounds(void **state)
{
    (void)state;
    peel_num n;
    assert_int_equal(peel_num_parse("2019xyz", 4, &n), 0);
    assert_true(n.value == 2019);
    assert_int_equal(peel_num_parse("30,435", 4, &n), -1);
    assert_int_equal(peel_num_parse("37 percent", 3, &n), 0);
    assert_true(n.value == 37 && n.unit == PEEL_UNIT_NONE);
    assert_int_equal(peel_num_parse("£154m", 5, &n), 0); /* "£" is two bytes */
    assert_true(n.value == 154 && n.scale == 1);
    assert_int_equal(peel_num_parse(NULL, 0, &n), -1);
    assert_int_equal(peel_num_parse("1", 1, NULL), -1);
}

/* ---- peel_num_next ----------------------------------------------------- */

typedef struct scan_case {
    const char *text;
    want found[8]; /* ends at the first entry with text NULL */
} scan_case;

static const scan_case scans[] = {
    {"The budget for 2019/20 is £3,381m including MOPAC.",
     {NUM("2019/20", 2019, YEAR, 0, 1, "2019"), NUM("£3,381m", 3381e6, GBP, 0, 1e6, "3381000000")}},
    {"The force expects these reserves to reduce from £154m to £43m over the next four years",
     {NUM("£154m", 154e6, GBP, 0, 1e6, NULL), NUM("£43m", 43e6, GBP, 0, 1e6, NULL)}},
    /* "from" makes it a movement even when it rises */
    {"reserves will grow From £43m to £154m",
     {NUM("£43m", 43e6, GBP, 0, 1e6, NULL), NUM("£154m", 154e6, GBP, 0, 1e6, NULL)}},
    /* "by" makes it a change and the new level */
    {"The core grant fell by £1.2m to £62.4m.",
     {NUM("£1.2m", 1.2e6, GBP, 1, 1e6, NULL), NUM("£62.4m", 62.4e6, GBP, 1, 1e6, NULL)}},
    {"Pay rises of 3% and standby £2m to £5m",
     {NUM("3%", 3, PCT, 0, 1, NULL), RANGE("£2m to £5m", 2e6, 5e6, GBP, 0, 1e6)}},
    {"an investment programme of £250m to £475m per year",
     {RANGE("£250m to £475m", 250e6, 475e6, GBP, 0, 1e6)}},
    {"£250m to £475m", {RANGE("£250m to £475m", 250e6, 475e6, GBP, 0, 1e6)}},
    /* high end below low end: two figures */
    {"reserves of £154m to £43m",
     {NUM("£154m", 154e6, GBP, 0, 1e6, NULL), NUM("£43m", 43e6, GBP, 0, 1e6, NULL)}},
    {"It has reduced demand by 30–35 percent.", {RANGE("30–35 percent", 30, 35, PCT, 0, 1)}},
    {"(72 out of 90 files reviewed)",
     {NUM("72", 72, NONE, 0, 1, "72"), NUM("90", 90, NONE, 0, 1, "90")}},
    {"Fourteen percent of officers are from BAME backgrounds.",
     {WORD("Fourteen percent", 14, PCT)}},
    {"increasing council tax by 5.1 percent in 2018/19",
     {NUM("5.1 percent", 5.1, PCT, 1, 1, "5.1"), NUM("2018/19", 2018, YEAR, 0, 1, "2018")}},
    {"the force is planning to invest £1.58 billion from 2018/19 to 2022/23.",
     {NUM("£1.58 billion", 1.58e9, GBP, 2, 1e9, "1580000000"),
      NUM("2018/19", 2018, YEAR, 0, 1, NULL), NUM("2022/23", 2022, YEAR, 0, 1, NULL)}},
    {"Women account for 39.5 percent of officer numbers",
     {NUM("39.5 percent", 39.5, PCT, 1, 1, "39.5")}},
    {"Eleven percent of all reported crime now comes via the new digital 101 online portal.",
     {WORD("Eleven percent", 11, PCT), NUM("101", 101, NONE, 0, 1, NULL)}},
    {"Twenty-three percent, then twenty three per cent, then forty-two",
     {WORD("Twenty-three percent", 23, PCT), WORD("twenty three per cent", 23, PCT)}},
    {"a hundred percent and one hundred per cent",
     {WORD("a hundred percent", 100, PCT), WORD("one hundred per cent", 100, PCT)}},
    {"fifty officers, eleven percent, seven years", {WORD("eleven percent", 11, PCT)}},
    /* a space that is no blank keeps the suffix off: an em space, a tab */
    {"37\u2003percent and 38\tper cent",
     {NUM("37", 37, NONE, 0, 1, NULL), NUM("38", 38, NONE, 0, 1, NULL)}},
    {"H2O, PIP3, IPA2 and Covid19 and Covid-19 and under-18s", {{0}}},
    {"the 12-BCU model runs 24/7 and takes 999 calls",
     {NUM("12", 12, NONE, 0, 1, NULL), NUM("24", 24, NONE, 0, 1, NULL),
      NUM("7", 7, NONE, 0, 1, NULL), NUM("999", 999, NONE, 0, 1, NULL)}},
    {"(2.1 compared with the 1.1 average)",
     {NUM("2.1", 2.1, NONE, 1, 1, "2.1"), NUM("1.1", 1.1, NONE, 1, 1, "1.1")}},
    {"It has done so since 2012.", {NUM("2012", 2012, YEAR, 0, 1, "2012")}},
    {"over the next 12 months", {NUM("12", 12, NONE, 0, 1, NULL)}},
    {"saved £3.2m in police costs and £36m in costs to society",
     {NUM("£3.2m", 3.2e6, GBP, 1, 1e6, "3200000"), NUM("£36m", 36e6, GBP, 0, 1e6, NULL)}},
    {"groups 2, 3 and 1,000 officers",
     {NUM("2", 2, NONE, 0, 1, NULL), NUM("3", 3, NONE, 0, 1, NULL),
      NUM("1,000", 1000, NONE, 0, 1, NULL)}},
    {"1,23 and 1,2345", /* a comma not followed by exactly three digits ends the number */
     {NUM("1", 1, NONE, 0, 1, NULL), NUM("23", 23, NONE, 0, 1, NULL), NUM("1", 1, NONE, 0, 1, NULL),
      NUM("2345", 2345, NONE, 0, 1, NULL)}},
    {"between 2015–2017 the force", /* two years, not a range */
     {NUM("2015", 2015, YEAR, 0, 1, NULL), NUM("2017", 2017, YEAR, 0, 1, NULL)}},
    {"the 2018–19 budget and the 2017-18 one",
     {NUM("2018–19", 2018, YEAR, 0, 1, NULL), NUM("2017-18", 2017, YEAR, 0, 1, NULL)}},
    /* a financial year glued to "FY" is the year, without the prefix */
    {"In FY2020/21, fy2024-25, FY2019 and FY21/22 (not FYI2020 or XFY2020)",
     {NUM("2020/21", 2020, YEAR, 0, 1, NULL), NUM("2024-25", 2024, YEAR, 0, 1, NULL),
      NUM("2019", 2019, YEAR, 0, 1, NULL), NUM("21/22", 2021, YEAR, 0, 1, NULL)}},
    {"FY99-00 and FY2025.5", {NUM("99-00", 1999, YEAR, 0, 1, NULL)}},
    /* two digits a side after '/' and the next year's: a financial year */
    {"in 15/16, 09/10 and 99/00",
     {NUM("15/16", 2015, YEAR, 0, 1, NULL), NUM("09/10", 2009, YEAR, 0, 1, NULL),
      NUM("99/00", 1999, YEAR, 0, 1, NULL)}},
    {"not 15/17 or 3/4",
     {NUM("15", 15, NONE, 0, 1, NULL), NUM("17", 17, NONE, 0, 1, NULL),
      NUM("3", 3, NONE, 0, 1, NULL), NUM("4", 4, NONE, 0, 1, NULL)}},
    {"nor 15-16 or 15/16/17",
     {RANGE("15-16", 15, 16, NONE, 0, 1), NUM("15", 15, NONE, 0, 1, NULL),
      NUM("16", 16, NONE, 0, 1, NULL), NUM("17", 17, NONE, 0, 1, NULL)}},
    {"On 31 March 2019 there were 30,435 officers",
     {NUM("31", 31, NONE, 0, 1, NULL), NUM("2019", 2019, YEAR, 0, 1, NULL),
      NUM("30,435", 30435, NONE, 0, 1, NULL)}},
    {"not years: 1899, 2100, 2,019, £2019, 2019%, 2019.5, -2019",
     {NUM("1899", 1899, NONE, 0, 1, NULL), NUM("2100", 2100, NONE, 0, 1, NULL),
      NUM("2,019", 2019, NONE, 0, 1, NULL), NUM("£2019", 2019, GBP, 0, 1, NULL),
      NUM("2019%", 2019, PCT, 0, 1, NULL), NUM("2019.5", 2019.5, NONE, 1, 1, NULL),
      NUM("-2019", -2019, NONE, 0, 1, NULL)}},
    {"calls answered increased from 56 percent to 78 percent;",
     {NUM("56 percent", 56, PCT, 0, 1, NULL), NUM("78 percent", 78, PCT, 0, 1, NULL)}},
    {"divert 10–15 percent of all calls; 20–30 investigations; 10-15 percent",
     {RANGE("10–15 percent", 10, 15, PCT, 0, 1), RANGE("20–30", 20, 30, NONE, 0, 1),
      RANGE("10-15 percent", 10, 15, PCT, 0, 1)}},
    {"2000–3000 officers and £10–15m",
     {RANGE("2000–3000", 2000, 3000, NONE, 0, 1), RANGE("£10–15m", 10e6, 15e6, GBP, 0, 1e6)}},
    {"fell by \xE2\x88\x92"
     "2% then –3% then -4% (-5%) and +6%",
     {NUM("\xE2\x88\x92"
          "2%",
          -2, PCT, 0, 1, "-2"),
      NUM("–3%", -3, PCT, 0, 1, NULL), NUM("-4%", -4, PCT, 0, 1, NULL),
      NUM("-5%", -5, PCT, 0, 1, NULL), NUM("+6%", 6, PCT, 0, 1, NULL)}},
    {"-7 at the start", {NUM("-7", -7, NONE, 0, 1, NULL)}},
    /* a dash after a letter or digit, or before a blank, is not a sign */
    {"a-2 and 10 – 15 and 3-",
     {NUM("10", 10, NONE, 0, 1, NULL), NUM("15", 15, NONE, 0, 1, NULL),
      NUM("3", 3, NONE, 0, 1, NULL)}},
    {"version 1.2.3 on the 3rd at 10am, 4x4", {{0}}},
    {"1.2 million people", {NUM("1.2 million", 1.2e6, NONE, 1, 1e6, "1200000")}},
    {"£500k and £2bn and £1.2 million",
     {NUM("£500k", 500e3, GBP, 0, 1e3, NULL), NUM("£2bn", 2e9, GBP, 0, 1e9, NULL),
      NUM("£1.2 million", 1.2e6, GBP, 1, 1e6, NULL)}},
    {"37 percentage points", {NUM("37", 37, NONE, 0, 1, NULL)}},
    {"£-5m and -£5m", {NUM("£-5m", -5e6, GBP, 0, 1e6, NULL), NUM("-£5m", -5e6, GBP, 0, 1e6, NULL)}},
    {"costs £12mx and £5m.", {NUM("£5m", 5e6, GBP, 0, 1e6, NULL)}},
    {"16 to 24-year-olds", {NUM("16", 16, NONE, 0, 1, NULL), NUM("24", 24, NONE, 0, 1, NULL)}},
    {"ISBN: 978-1-78655-863-3 and 0800-555-0199, but 20-30", {RANGE("20-30", 20, 30, NONE, 0, 1)}},
    {"reference 12345678901234567890123 then 7", {NUM("7", 7, NONE, 0, 1, NULL)}},
    {"£297\t£192\n£95",
     {NUM("£297", 297, GBP, 0, 1, NULL), NUM("£192", 192, GBP, 0, 1, NULL),
      NUM("£95", 95, GBP, 0, 1, NULL)}},
    /* tokens skipped whole, eight bytes a round where eight are left:
     * letters, digits, and '.' or ',' between digits, up to the text's end */
    {"Interoperability12.5, ABCDEFGH12,345 and 7", {NUM("7", 7, NONE, 0, 1, NULL)}},
    {"then 7 and ABCDEFGH", {NUM("7", 7, NONE, 0, 1, NULL)}},
    {"£12mABCDEFGHIJ and £5m", {NUM("£5m", 5e6, GBP, 0, 1e6, NULL)}},
    {"No figures here at all; £ – % .", {{0}}},
    {"", {{0}}},
};

static void check_scan(const char *buf, size_t len, const scan_case *c)
{
    size_t pos = 0, k = 0;
    peel_num n;
    while (peel_num_next(buf, len, &pos, &n)) {
        const want *w = k < N_ELEMS(c->found) ? &c->found[k] : NULL;
        size_t span = n.end - n.start;
        if (!w || !w->text) {
            print_error("[%s]: unexpected figure \"%.*s\"\n", c->text, (int)span, buf + n.start);
            fail();
        }
        if (span != strlen(w->text) || memcmp(buf + n.start, w->text, span) != 0) {
            print_error("[%s]: figure %zu spans \"%.*s\", want \"%s\"\n", c->text, k, (int)span,
                        buf + n.start, w->text);
            fail();
        }
        assert_int_equal(pos, n.end);
        check_num(c->text, &n, w);
        k++;
    }
    if (k < N_ELEMS(c->found) && c->found[k].text) {
        print_error("[%s]: missed \"%s\"\n", c->text, c->found[k].text);
        fail();
    }
}

static void test_scan_prose(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_ELEMS(scans); k++)
        check_scan(scans[k].text, strlen(scans[k].text), &scans[k]);
}

/* The same cases again from buffers of exactly their length, no NUL after. */
static void test_scan_unterminated(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_ELEMS(scans); k++) {
        size_t len = strlen(scans[k].text);
        char *buf = malloc(len ? len : 1);
        assert_non_null(buf);
        memcpy(buf, scans[k].text, len);
        check_scan(buf, len, &scans[k]);
        free(buf);
    }
}

/* Every prefix of texts that end mid-figure, copied to a buffer of exactly
 * that length: the sanitizer build catches any read past the end. */
static const char *const cut_texts[] = {
    "costs £154m",
    ("cut by \xE2\x88\x92"
     "2% in 2018/19"), /* U+2212; parentheses: one string */
    "Twenty-three per cent and a hundred percent",
    "£1.58 billion from 2018/19 to 2022/23",
    "£250m to £475m; 30–35 percent; 1,000,000.5",
    "(72 out of 90) H2O 24/7 2015–2017 2018–19",
    "12.5 million and £3,381m and 37 per cent.",
    "ABCDEFGH 12345678 interoperability2.5.6 and 42 percent",
};

static void scan_all(const char *buf, size_t len)
{
    size_t pos = 0, last = 0;
    peel_num n;
    while (peel_num_next(buf, len, &pos, &n)) {
        assert_true(n.start < n.end && n.end <= len);
        assert_true(n.start >= last && pos == n.end);
        last = pos;
    }
    assert_true(pos == len);
}

static void test_scan_prefixes(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_ELEMS(cut_texts); k++) {
        size_t full = strlen(cut_texts[k]);
        for (size_t len = 0; len <= full; len++) {
            char *buf = malloc(len ? len : 1);
            peel_num n;
            assert_non_null(buf);
            memcpy(buf, cut_texts[k], len);
            scan_all(buf, len);
            if (peel_num_parse(buf, len, &n) == 0)
                assert_true(n.end <= len);
            free(buf);
        }
    }
}

/* Random strings built from the report's tokens, in exact-size buffers:
 * nothing may crash or read out of bounds, and spans stay ordered. */
static void test_scan_random_tokens(void **state)
{
    /* clang-format off */
    static const char *const toks[] = {
        "£", "\xC2", "\xA3", "\xE2\x88\x92", "\xE2\x80\x93", "\xE2", "\xE2\x80", "-", "+",
        "1", "2018", "/", "19", ",", "000", ".", "5", " ", "percent", " per cent", "m", "bn", "k",
        " to ", "from ", "twenty", "-three", "a hundred", "(", "%", "\xC2\xA0", "a", " million",
        "12345678901234567", "eleven", "\t"};
    /* clang-format on */
    uint32_t seed = 12345;
    (void)state;
    for (int iter = 0; iter < 5000; iter++) {
        char tmp[256];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int ntok = (int)((seed >> 16) % 12);
        for (int t = 0; t < ntok; t++) {
            seed = seed * 1103515245u + 12345u;
            const char *tok = toks[(seed >> 16) % N_ELEMS(toks)];
            size_t tl = strlen(tok);
            if (len + tl > sizeof tmp)
                break;
            memcpy(tmp + len, tok, tl);
            len += tl;
        }
        char *buf = malloc(len ? len : 1);
        peel_num n;
        assert_non_null(buf);
        memcpy(buf, tmp, len);
        scan_all(buf, len);
        if (peel_num_parse(buf, len, &n) == 0)
            assert_true(n.start < n.end && n.end <= len);
        free(buf);
    }
}

static void test_scan_positions(void **state)
{
    (void)state;
    const char *s = "a 12 b 34";
    size_t pos = 4, len = strlen(s);
    peel_num n;
    assert_int_equal(peel_num_next(s, len, &pos, &n), 1);
    assert_true(n.value == 34 && n.start == 7 && n.end == 9);
    assert_int_equal(peel_num_next(s, len, &pos, &n), 0);
    assert_int_equal(pos, len);
    pos = len + 5; /* past the end: nothing, and pos left alone */
    assert_int_equal(peel_num_next(s, len, &pos, &n), 0);
    assert_int_equal(pos, len + 5);
    pos = 0;
    assert_int_equal(peel_num_next(NULL, 0, &pos, &n), 0);
    assert_int_equal(peel_num_next(s, len, NULL, &n), 0);
    assert_int_equal(peel_num_next(s, len, &pos, NULL), 0);
}

/* ---- formatting and tolerances ----------------------------------------- */

static void test_format(void **state)
{
    /* clang-format off */
    static const struct {
        double v;
        int decimals;
        const char *want;
    } cases[] = {
        {30435, 0, "30435"}, {-2, 0, "-2"}, {18.4, 1, "18.4"}, {1580000000, 0, "1580000000"},
        {-0.0, 0, "0"}, {-0.0, 2, "0.00"}, {-0.004, 2, "0.00"}, {-0.4, 0, "0"}, {0, 0, "0"},
        {2.5, 3, "2.500"}, {-1.5, 1, "-1.5"}, {1.1, -3, "1"}, {1.58e9 / 1e9, 2, "1.58"},
        {0.1 + 0.2, 1, "0.3"}, {1e6 * 3.2, 0, "3200000"},
        /* From 2^53 the shortest form that reads back: %.0f of 1e80 is 81
         * digits of binary noise, and it was cut to a wrong number. */
        {9007199254740991.0, 0, "9007199254740991"}, {1e80, 0, "1e+80"}, {-1e80, 4, "-1e+80"},
        {123456789012345678901234567890.0, 0, "1.2345678901234568e+29"}, {1e300, 2, "1e+300"}};
    /* clang-format on */
    char out[64];
    (void)state;
    for (size_t k = 0; k < N_ELEMS(cases); k++) {
        peel_num_format(cases[k].v, cases[k].decimals, out, sizeof out);
        assert_string_equal(out, cases[k].want);
    }
    peel_num_format(30435, 0, out, 3); /* truncated, still terminated */
    assert_string_equal(out, "30");
    peel_num_format(-0.0, 1, out, 3); /* "-0" after cutting: still no minus */
    assert_string_equal(out, "0");
    peel_num_format(1, 0, NULL, 10);
    peel_num_format(1, 0, out, 0);
}

/* "%.*f", a negative that rounds to zero shown as zero: what
 * peel_num_format gives below 2^53, whichever way it gets there. */
static void printf_form(double v, int decimals, char *out, size_t cap)
{
    snprintf(out, cap, "%.*f", decimals, v);
    if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out));
}

/* Figures as records hold them (a count or a printed decimal read back) and
 * doubles near the edges: the digits are printf's, bit for bit. */
static void test_format_as_printf(void **state)
{
    (void)state;
    char got[64], ref[64];
    unsigned long long x = 88172645463325252ULL; /* xorshift: the same cases every run */
    for (int k = 0; k < 200000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int dec = (int)(x % 8);
        double v;
        switch ((x >> 3) % 4) {
        case 0: /* a printed decimal: digits over a power of ten */
            v = (double)(long long)((x >> 8) % 100000000) / pow(10, (double)((x >> 40) % 7));
            break;
        case 1: /* any double of a modest size */
            v = ((double)(x >> 11) / 9007199254740992.0 - 0.5) * pow(10, (double)((x >> 5) % 12));
            break;
        case 2: /* halves and quarters: ties for printf to round */
            v = (double)(long long)((x >> 8) % 4000) / 8.0;
            break;
        default: /* near 2^50, where the short way stops */
            v = 1125899906842624.0 - (double)((x >> 8) % 4096) / 4.0;
        }
        if (x & 1)
            v = -v;
        peel_num_format(v, dec, got, sizeof got);
        printf_form(v, dec, ref, sizeof ref);
        if (strcmp(got, ref) != 0)
            fail_msg("%.17g to %d decimals: %s, printf %s", v, dec, got, ref);
    }
}

static void test_half_unit_and_base_decimals(void **state)
{
    static const struct {
        const char *text;
        double half;
        int base_decimals;
    } cases[] = {{"£154m", 500000, 0},      {"18.4%", 0.05, 1},  {"-2%", 0.5, 0},
                 {"£1.58 billion", 5e6, 0}, {"£3.2m", 50000, 0}, {"0.05%", 0.005, 2},
                 {"£1.234567k", 0.0005, 3}, {"£500k", 500, 0},   {"Eleven percent", 0.5, 0},
                 {"10–15 percent", 0.5, 0}};
    (void)state;
    for (size_t k = 0; k < N_ELEMS(cases); k++) {
        peel_num n;
        assert_int_equal(peel_num_parse(cases[k].text, strlen(cases[k].text), &n), 0);
        double h = peel_num_half_unit(&n);
        if (fabs(h - cases[k].half) > cases[k].half * 1e-9) {
            print_error("[%s]: half unit %.17g, want %.17g\n", cases[k].text, h, cases[k].half);
            fail();
        }
        assert_int_equal(peel_num_base_decimals(&n), cases[k].base_decimals);
    }
}

/* Odd structs (built by hand, not by the parser) must not trip anything. */
static void test_base_decimals_odd_scales(void **state)
{
    peel_num n;
    (void)state;
    memset(&n, 0, sizeof n);
    n.decimals = 2;
    n.scale = 0;
    assert_int_equal(peel_num_base_decimals(&n), 2);
    n.scale = NAN;
    assert_int_equal(peel_num_base_decimals(&n), 2);
    n.scale = INFINITY;
    assert_int_equal(peel_num_base_decimals(&n), 2);
    n.scale = 1e300;
    assert_int_equal(peel_num_base_decimals(&n), 0);
    n.decimals = -2147483647 - 1;
    n.scale = 1e6;
    assert_int_equal(peel_num_base_decimals(&n), 0);
    (void)peel_num_half_unit(&n);
}

/* A spelled number at the start of a text, with or without a percent word. */
static void test_spelled(void **state)
{
    static const struct {
        const char *text;
        size_t len;
        double value;
        peel_unit unit;
    } cases[] = {{"eleven police officers", 6, 11, NONE},
                 {"Twenty-three percent of staff", 20, 23, PCT},
                 {"four years", 4, 4, NONE}};
    (void)state;
    for (size_t k = 0; k < N_ELEMS(cases); k++) {
        peel_num n;
        assert_int_equal(peel_num_spelled(cases[k].text, strlen(cases[k].text), &n), cases[k].len);
        assert_true(n.value == cases[k].value && n.unit == cases[k].unit && n.is_word);
    }
    peel_num n;
    assert_int_equal(peel_num_spelled("officers", 8, &n), 0);
    assert_int_equal(peel_num_spelled("", 0, &n), 0);
    assert_int_equal(peel_num_spelled(NULL, 3, &n), 0);
}

/* Every number word from zero to ninety-nine, and a hundred, in lower, title
 * and upper case: the scanner's quick rejection of other words (by their
 * first letters) must let each one through. */
static void test_spelled_every_word(void **state)
{
    static const char *const units[] = {"zero",    "one",     "two",       "three",    "four",
                                        "five",    "six",     "seven",     "eight",    "nine",
                                        "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                       "sixty",  "seventy", "eighty", "ninety"};
    (void)state;
    for (int v = 0; v <= 100; v++) {
        char w[32];
        if (v < 20)
            snprintf(w, sizeof w, "%s", units[v]);
        else if (v == 100)
            snprintf(w, sizeof w, "a hundred");
        else if (v % 10 == 0)
            snprintf(w, sizeof w, "%s", tens[v / 10 - 2]);
        else
            snprintf(w, sizeof w, "%s-%s", tens[v / 10 - 2], units[v % 10]);
        for (int form = 0; form < 3; form++) {
            char t[48];
            for (size_t k = 0; k <= strlen(w); k++)
                t[k] = (char)(form == 2 || (form == 1 && k == 0) ? toupper((unsigned char)w[k])
                                                                 : w[k]);
            strcat(t, " percent");
            peel_num n;
            if (peel_num_spelled(t, strlen(t), &n) != strlen(t) || n.value != v) {
                print_error("[%s]: not read as %d\n", t, v);
                fail();
            }
        }
    }
}

/* peel_num_may_spell reads bytes by peel_num_col: a letter of either case
 * by its place, the blank, and nothing else.  Every number word's first
 * three letters pass in both cases; a byte that is no letter (one ASCII
 * letter | 0x20 away, above 'z', non-ASCII) never starts one. */
static void test_may_spell_by_bytes(void **state)
{
    (void)state;
    for (int c = 0; c < 256; c++) {
        unsigned col = c >= 'a' && c <= 'z'   ? (unsigned)(c - 'a' + 1)
                       : c >= 'A' && c <= 'Z' ? (unsigned)(c - 'A' + 1)
                       : c == ' '             ? PEEL_NUM_BLANK
                                              : 0;
        assert_int_equal(peel_num_col((unsigned char)c), col);
    }
    static const char *const starts[] = {"a h", "A H", "eig", "ele", "fif", "fiv", "for",
                                         "fou", "nin", "one", "sev", "six", "ten", "thi",
                                         "thr", "twe", "two", "zer", "ONE", "Twe"};
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
        assert_true(peel_num_may_spell(starts[k], 3));
    static const char *const others[] = {"the", "a\th",      "ah ",    "[ne", "{ne", "on{",
                                         "on[", "\xC3\xA9n", "on\xE9", "th ", "of",  "on"};
    for (size_t k = 0; k < sizeof others / sizeof *others; k++)
        assert_false(peel_num_may_spell(others[k], strlen(others[k])));
}

static void test_unit_names(void **state)
{
    (void)state;
    assert_string_equal(peel_unit_name(PEEL_UNIT_NONE), "");
    assert_string_equal(peel_unit_name(PEEL_UNIT_GBP), "GBP");
    assert_string_equal(peel_unit_name(PEEL_UNIT_PCT), "%");
    assert_string_equal(peel_unit_name(PEEL_UNIT_YEAR), "year");
}

/* Every decimal written with three places and any scale formats back to its
 * own digits: no 1.58 * 1e9 = 1579999999.9999998 surprises. */
static void test_round_trip_digits(void **state)
{
    static const char *const scales[] = {"", "k", "m", "bn"};
    (void)state;
    for (int whole = 0; whole < 40; whole++)
        for (int frac = 0; frac < 1000; frac += 7)
            for (int sc = 0; sc < 4; sc++) {
                char in[32], want_s[32], got[64];
                int m = whole * 1000 + frac;
                peel_num n;
                snprintf(in, sizeof in, "£%d.%03d%s", whole, frac, scales[sc]);
                assert_int_equal(peel_num_parse(in, strlen(in), &n), 0);
                /* the expected digits, by moving the point in text */
                if (sc == 0)
                    snprintf(want_s, sizeof want_s, "%d.%03d", whole, frac);
                else if (m == 0)
                    snprintf(want_s, sizeof want_s, "0");
                else
                    snprintf(want_s, sizeof want_s, "%d%.*s", m, 3 * sc - 3, "000000");
                peel_num_format(n.value, peel_num_base_decimals(&n), got, sizeof got);
                if (strcmp(got, want_s) != 0) {
                    print_error("[%s]: formats as %s, want %s\n", in, got, want_s);
                    fail();
                }
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_parse_span),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_parse_len_bounds),
        cmocka_unit_test(test_scan_prose),
        cmocka_unit_test(test_scan_unterminated),
        cmocka_unit_test(test_scan_prefixes),
        cmocka_unit_test(test_scan_random_tokens),
        cmocka_unit_test(test_scan_positions),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_as_printf),
        cmocka_unit_test(test_half_unit_and_base_decimals),
        cmocka_unit_test(test_base_decimals_odd_scales),
        cmocka_unit_test(test_spelled),
        cmocka_unit_test(test_spelled_every_word),
        cmocka_unit_test(test_may_spell_by_bytes),
        cmocka_unit_test(test_unit_names),
        cmocka_unit_test(test_round_trip_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
