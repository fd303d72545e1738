/* Numbers as reports print them.  One small grammar serves both the whole-field
 * parser and the prose scanner:
 *
 *   figure := side | side " to " side | side dash side
 *   side   := [sign] ["£" [sign]] digits [suffix]
 *   digits := 1*DIGIT *("," 3DIGIT) ["." 1*DIGIT]
 *   suffix := "%" | " percent" | " per cent" | ["m" | "bn" | "k"] | [" "] ("million" | "billion")
 *           | "p" | " pence"                       (pence: "23p" is £0.23; "£248.56p" is £248.56)
 *
 * plus spelled numbers ("Twenty-three percent").  Decisions worth knowing:
 *
 * - Digits are read into an integer mantissa and a power of ten, and only then
 *   turned into a double, so that the value is the double nearest the printed
 *   decimal and formats back to the same digits ("£2.75 billion" is exactly
 *   158 * 1e7).  More than 18 digits is not a figure (it would not fit).
 * - "m", "bn" and "k" count as a scale only after "£" ("12m" may be metres);
 *   "million" and "billion" count anywhere ("1.2 million people").
 * - A sign is '-', '+', U+2212 or U+2013 (reports use the en dash as minus).
 * - A range takes its decimals and scale from the side printed more finely,
 *   so that formatting with peel_num_base_decimals() shows both ends exactly.
 *   A range whose high end is below its low end is not a range ("2018–19").
 * - "X to Y" is a range only as "£A to £B" (both sides in pounds), and in
 *   prose not when "from " or "by " comes just before (a movement, or a
 *   change and the new level: two figures).  "X–Y" / "X-Y" is a range when digits touch the dash on
 * both sides; the left side takes the right side's unit and scale ("10–15 percent", "£10–15m").
 * - Prose only: a plain 4-digit integer 1900..2099 is a year.  "2018/19" is
 *   one year (value 2018) spanning the whole text, and so is "2018–19" or
 *   "2018-19" when the two digits are the next year.  "2015–2017" is two
 *   years, not a range: a span of years is not a quantity.
 * - Prose only: figures glued into tokens are skipped whole: letters or
 *   digits on either side ("H2O", "Covid-19", "3rd", "10am", "£12mx"), dotted
 *   numbers ("1.2.3") and three or more hyphen-joined digit groups
 *   ("978-1-78655-863-3").  Spelled numbers count only before " percent" or
 *   " per cent". */
#include "peel_num.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_DIGITS = 18 }; /* 10^18 still fits in uint64_t */

/* One side of a figure (or the whole of a single figure) as written. */
typedef struct side {
    uint64_t mant;  /* the digits written, without point or commas */
    int digits;     /* how many digits went into mant */
    int int_digits; /* digits before the point */
    int decimals;   /* digits after the point */
    int grouped;    /* thousands commas were written */
    int signed_;    /* a sign was written */
    int neg;        /* ... and it was a minus */
    int money;      /* "£" written, or inherited in "£10–15m" */
    int pct;        /* "%", " percent" or " per cent" */
    int scale_pow;  /* 0, 3, 6 or 9; -2 for pence */
    size_t start, end;
} side;

/* Exact powers of ten: every one up to 1e22 is representable in a double. */
static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* ---- bytes ------------------------------------------------------------- */

/* The byte at i, or -1 past the end: the one place that reads s. */
static int at(const char *s, size_t len, size_t i)
{
    return i < len ? (unsigned char)s[i] : -1;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte of a token: a letter, a digit or '_'.  Looked up in a table made
 * by the compiler, not tested by ranges: skip_token asks it of every byte
 * of a report's words. */
#define TOKEN_BYTE(c)                                                                              \
    (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ||     \
     (c) == '_')
static const unsigned char TOKEN_BYTES[256] = PEEL_BYTE_TABLE(TOKEN_BYTE);

static int is_alnum(int c)
{
    return c >= 0 && TOKEN_BYTES[c];
}

/* ASCII-only lower case: no locale may change how figures are read. */
static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* Length of lit (lower case) when s[i..) starts with it, ignoring case. */
static size_t match_lit(const char *s, size_t len, size_t i, const char *lit)
{
    size_t k;
    for (k = 0; lit[k]; k++)
        if (lower(at(s, len, i + k)) != (unsigned char)lit[k])
            return 0;
    return k;
}

/* As match_lit, but lit must be a whole word: no letter right after it. */
static size_t match_word(const char *s, size_t len, size_t i, const char *lit)
{
    size_t n = match_lit(s, len, i, lit);
    return (n && !is_alpha(at(s, len, i + n))) ? n : 0;
}

static size_t pound_len(const char *s, size_t len, size_t i)
{
    return (at(s, len, i) == 0xC2 && at(s, len, i + 1) == 0xA3) ? 2 : 0;
}

/* A range dash: hyphen or en dash (U+2013). */
static size_t dash_len(const char *s, size_t len, size_t i)
{
    if (at(s, len, i) == '-')
        return 1;
    if (at(s, len, i) == 0xE2 && at(s, len, i + 1) == 0x80 && at(s, len, i + 2) == 0x93)
        return 3;
    return 0;
}

/* A sign: '+', '-', en dash or the minus sign U+2212. */
static size_t sign_len(const char *s, size_t len, size_t i)
{
    if (at(s, len, i) == '+')
        return 1;
    if (at(s, len, i) == 0xE2 && at(s, len, i + 1) == 0x88 && at(s, len, i + 2) == 0x92)
        return 3;
    return dash_len(s, len, i);
}

/* Blank bytes around a field: ASCII white space and no-break space (U+00A0). */
static size_t blank_len(const char *s, size_t len, size_t i)
{
    int c = at(s, len, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    return (c == 0xC2 && at(s, len, i + 1) == 0xA0) ? 2 : 0;
}

/* One space between a figure and its suffix word: ' ', a no-break space
 * (U+00A0) or a narrow no-break space (U+202F), which typeset reports put
 * there to keep "4.4 per cent" on one line.  0 for anything else. */
static size_t space_len(const char *s, size_t len, size_t i)
{
    if (at(s, len, i) == ' ')
        return 1;
    if (at(s, len, i) == 0xC2 && at(s, len, i + 1) == 0xA0)
        return 2;
    return (at(s, len, i) == 0xE2 && at(s, len, i + 1) == 0x80 && at(s, len, i + 2) == 0xAF) ? 3
                                                                                             : 0;
}

/* " percent" or " per cent" at i, the space any space_len takes. */
static size_t pct_word_len(const char *s, size_t len, size_t i)
{
    size_t sp = space_len(s, len, i), n;
    if (!sp)
        return 0;
    if ((n = match_word(s, len, i + sp, "percent")) || (n = match_word(s, len, i + sp, "per cent")))
        return sp + n;
    return 0;
}

/* ---- values ------------------------------------------------------------ */

/* mant * 10^e, rounded once: both operands are exact, so the result is the
 * double nearest the decimal. */
static double combine(uint64_t mant, int e)
{
    if (e >= 0)
        return (double)mant * p10[e];
    return (double)mant / p10[-e];
}

static double side_value(const side *sd)
{
    double v = combine(sd->mant, sd->scale_pow - sd->decimals);
    return (sd->neg && sd->mant) ? -v : v; /* never -0 */
}

static peel_unit side_unit(const side *sd)
{
    if (sd->money)
        return PEEL_UNIT_GBP;
    return sd->pct ? PEEL_UNIT_PCT : PEEL_UNIT_NONE;
}

/* "2019" but not "2,019", "-2019", "£2019", "2019%" or "2019.0". */
static int side_is_year(const side *sd)
{
    return !sd->signed_ && !sd->money && !sd->pct && !sd->grouped && sd->scale_pow == 0 &&
           sd->decimals == 0 && sd->int_digits == 4 && sd->mant >= 1900 && sd->mant <= 2099;
}

/* ---- reading a side ---------------------------------------------------- */

static int push_digit(side *sd, int c)
{
    if (sd->digits == MAX_DIGITS)
        return 0;
    sd->mant = sd->mant * 10 + (uint64_t)(c - '0');
    sd->digits++;
    return 1;
}

/* A thousands group at i: ',' then exactly three digits. */
static int is_group(const char *s, size_t len, size_t i)
{
    return at(s, len, i) == ',' && is_digit(at(s, len, i + 1)) && is_digit(at(s, len, i + 2)) &&
           is_digit(at(s, len, i + 3)) && !is_digit(at(s, len, i + 4));
}

/* Reads "12,345" or "21.7" at i; returns the end, or 0 when there is none.
 * A comma that does not start a well-formed group ends the digits ("2, 3"),
 * as does a point not followed by a digit ("in 2012."). */
static size_t scan_digits(const char *s, size_t len, size_t i, side *sd)
{
    for (; is_digit(at(s, len, i)); i++, sd->int_digits++)
        if (!push_digit(sd, at(s, len, i)))
            return 0;
    if (sd->int_digits == 0)
        return 0;
    for (; sd->int_digits <= 3 && is_group(s, len, i); i += 4) {
        sd->grouped = 1;
        for (size_t k = 1; k <= 3; k++)
            if (!push_digit(sd, at(s, len, i + k)))
                return 0;
    }
    if (at(s, len, i) != '.' || !is_digit(at(s, len, i + 1)))
        return i;
    for (i++; is_digit(at(s, len, i)); i++, sd->decimals++)
        if (!push_digit(sd, at(s, len, i)))
            return 0;
    return i;
}

/* "m", "bn", "k" straight after money digits; returns the scale's power. */
static int money_letters(const char *s, size_t len, size_t i, size_t *n)
{
    if ((*n = match_word(s, len, i, "bn")))
        return 9;
    if ((*n = match_word(s, len, i, "m")))
        return 6;
    if ((*n = match_word(s, len, i, "k")))
        return 3;
    return 0;
}

/* Pence after the digits: "23p", "16 pence" are pounds / 100; a "p" after
 * pounds ("£248.56p") repeats the unit.  Returns the new end, or 0. */
static size_t scan_pence(const char *s, size_t len, size_t i, side *sd)
{
    size_t n;
    if (sd->pct || sd->scale_pow)
        return 0;
    if (!(n = match_word(s, len, i, "p")) && (sd->money || !(n = match_word(s, len, i, " pence"))))
        return 0;
    if (!sd->money)
        sd->scale_pow = -2;
    sd->money = 1;
    return i + n;
}

/* Reads the unit or scale after the digits at i; returns the new end. */
static size_t scan_suffix(const char *s, size_t len, size_t i, side *sd)
{
    size_t n, sp = space_len(s, len, i);
    if ((n = scan_pence(s, len, i, sd)))
        return n;
    if (!sd->money && at(s, len, i) == '%') {
        sd->pct = 1;
        return i + 1;
    }
    if (sd->money && (sd->scale_pow = money_letters(s, len, i, &n)))
        return i + n;
    if ((n = match_word(s, len, i + sp, "million")) ||
        (n = match_word(s, len, i + sp, "billion"))) {
        sd->scale_pow = lower(at(s, len, i + sp)) == 'm' ? 6 : 9;
        return i + sp + n;
    }
    if (!sd->money && (n = pct_word_len(s, len, i))) {
        sd->pct = 1;
        return i + n;
    }
    return i;
}

/* Reads one side at i.  A sign before "£" only when allow_sign; a sign after
 * "£" ("£-5m") always, unless one came before.  Returns 1 when read. */
static int scan_side(const char *s, size_t len, size_t i, int allow_sign, int money, side *sd)
{
    size_t n;
    memset(sd, 0, sizeof *sd);
    sd->start = i;
    sd->money = money;
    if (allow_sign && (n = sign_len(s, len, i))) {
        sd->signed_ = 1;
        sd->neg = at(s, len, i) != '+';
        i += n;
    }
    if ((n = pound_len(s, len, i))) {
        sd->money = 1;
        i += n;
        if (!sd->signed_ && (n = sign_len(s, len, i))) {
            sd->signed_ = 1;
            sd->neg = at(s, len, i) != '+';
            i += n;
        }
    }
    if (!(i = scan_digits(s, len, i, sd)))
        return 0;
    sd->end = scan_suffix(s, len, i, sd);
    return 1;
}

/* ---- figures ----------------------------------------------------------- */

/* In prose, a figure running straight into a letter or digit ("3rd", "10am",
 * "£12mx") or into another ".digit" ("1.2.3") is part of a token, not a figure. */
static int glued_after(const char *s, size_t len, size_t end)
{
    int c = at(s, len, end);
    if (end > 0 && is_alnum(at(s, len, end - 1)) && is_alnum(c))
        return 1;
    return c == '.' && is_digit(at(s, len, end + 1));
}

/* In prose, a digit or letter at i continues a token: "H2O", "Covid-19",
 * "1.2.3". */
static int glued_before(const char *s, size_t len, size_t i)
{
    int p = i > 0 ? at(s, len, i - 1) : -1, pp = i > 1 ? at(s, len, i - 2) : -1;
    if (is_alnum(p))
        return 1;
    return (p == '-' && is_alpha(pp)) || (p == '.' && is_digit(pp));
}

static void fill_side(const side *a, peel_num *out)
{
    memset(out, 0, sizeof *out);
    out->value = out->hi = side_value(a);
    out->unit = side_unit(a);
    out->decimals = a->decimals;
    out->scale = a->scale_pow < 0 ? 1.0 / p10[-a->scale_pow] : p10[a->scale_pow];
    out->start = a->start;
    out->end = a->end;
}

/* Fills a range from lo and hi; 0 (nothing filled) when hi is below lo. */
static int fill_range(const side *lo, const side *hi, peel_num *out)
{
    const side *fine = (hi->scale_pow - hi->decimals < lo->scale_pow - lo->decimals) ? hi : lo;
    if (side_value(hi) < side_value(lo))
        return 0;
    fill_side(fine, out);
    out->value = side_value(lo);
    out->hi = side_value(hi);
    out->is_range = 1;
    out->unit = side_unit(hi);
    out->start = lo->start;
    out->end = hi->end;
    return 1;
}

/* "from " or "by " just before the figure: "from £212m to £64m" is a
 * movement, "fell by £1.2m to £62.4m" a change and the new level. */
static int after_from(const char *s, size_t len, size_t start)
{
    return (start >= 5 && match_lit(s, len, start - 5, "from ") == 5) ||
           (start >= 3 && match_lit(s, len, start - 3, "by ") == 3 &&
            (start == 3 || !is_alpha(at(s, len, start - 4))));
}

/* "£120m to £310m": both sides in pounds. */
static int money_range(const char *s, size_t len, int prose, const side *a, peel_num *out)
{
    side b;
    size_t i = a->end + 4;
    if (!a->money || match_lit(s, len, a->end, " to ") != 4 || !pound_len(s, len, i))
        return 0;
    if (!scan_side(s, len, i, 0, 0, &b) ||
        (prose && (after_from(s, len, a->start) || glued_after(s, len, b.end))))
        return 0;
    return fill_range(a, &b, out);
}

/* "10–15 percent", "20-30", "£10–15m": digits touching the dash on both
 * sides; the left side takes the right side's unit and scale. */
static int dash_range(const char *s, size_t len, int prose, const side *a, peel_num *out)
{
    side lo = *a, b;
    size_t n = dash_len(s, len, a->end);
    if (!n || a->pct || a->scale_pow || !is_digit(at(s, len, a->end - 1)) ||
        !is_digit(at(s, len, a->end + n)))
        return 0;
    if (!scan_side(s, len, a->end + n, 0, a->money, &b))
        return 0;
    if (prose && (glued_after(s, len, b.end) || (side_is_year(a) && side_is_year(&b))))
        return 0;
    lo.pct = b.pct;
    lo.scale_pow = b.scale_pow;
    return fill_range(&lo, &b, out);
}

/* End of a financial year after the year a ("2018/19", "2018–19"), or 0.
 * Any two digits after '/'; after a dash only the next year, since
 * "1990–95" reads as a span. */
static size_t year_end(const char *s, size_t len, const side *a)
{
    size_t i = a->end, n = at(s, len, i) == '/' ? 1 : dash_len(s, len, i);
    int d1 = at(s, len, i + n), d2 = at(s, len, i + n + 1);
    if (!n || !is_digit(d1) || !is_digit(d2) || is_alnum(at(s, len, i + n + 2)))
        return 0;
    if (at(s, len, i) != '/' && (int)((a->mant + 1) % 100) != (d1 - '0') * 10 + (d2 - '0'))
        return 0;
    return i + n + 2;
}

/* End of a financial year written with two digits a side ("15/16",
 * "09/10": the next year's after '/'), or 0.  Not a date or a part of one
 * ("15/16/17"), nor a dash ("15-16" is a range). */
static size_t short_year_end(const char *s, size_t len, const side *a)
{
    size_t i = a->end;
    if (at(s, len, i) != '/' || a->digits != 2 || a->int_digits != 2 || a->signed_ || a->money ||
        a->pct || a->grouped || a->scale_pow || a->decimals || at(s, len, a->start - 1) == '/')
        return 0;
    int d1 = at(s, len, i + 1), d2 = at(s, len, i + 2), next = at(s, len, i + 3);
    if (!is_digit(d1) || !is_digit(d2) || is_alnum(next) || next == '/' ||
        (d1 - '0') * 10 + (d2 - '0') != (int)((a->mant + 1) % 100))
        return 0;
    return i + 3;
}

/* Reads a figure at i: one side, a range, or (in prose) a year. */
static int scan_figure(const char *s, size_t len, size_t i, int prose, peel_num *out)
{
    side a;
    size_t fy;
    if (!scan_side(s, len, i, 1, 0, &a))
        return 0;
    if (prose && side_is_year(&a) && (fy = year_end(s, len, &a))) {
        fill_side(&a, out);
        out->unit = PEEL_UNIT_YEAR;
        out->end = fy;
        return 1;
    }
    if (prose && (fy = short_year_end(s, len, &a))) {
        a.mant += a.mant < 50 ? 2000 : 1900; /* "15/16" is 2015 */
        a.int_digits = a.digits = 4;
        fill_side(&a, out);
        out->unit = PEEL_UNIT_YEAR;
        out->end = fy;
        return 1;
    }
    if (money_range(s, len, prose, &a, out) || dash_range(s, len, prose, &a, out))
        return 1;
    fill_side(&a, out);
    if (prose && side_is_year(&a))
        out->unit = PEEL_UNIT_YEAR;
    return 1;
}

/* ---- spelled numbers --------------------------------------------------- */

static const char *const small_words[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[] = {"twenty", "thirty",  "forty",  "fifty",
                                         "sixty",  "seventy", "eighty", "ninety"};

/* Index in words[0..n) of the whole word at i, or -1; *wl gets its length.
 * A word whose first two letters differ is passed over without a call:
 * "the", "that", "this" reach here for every number word beginning "th". */
static int find_word(const char *s, size_t len, size_t i, const char *const *words, int n,
                     size_t *wl)
{
    int a = lower(at(s, len, i)), b = lower(at(s, len, i + 1));
    for (int k = 0; k < n; k++)
        if (words[k][0] == a && words[k][1] == b && (*wl = match_word(s, len, i, words[k])))
            return k;
    *wl = 0;
    return -1;
}

/* The second test of may_start_number_word, once peel_num_may_spell has
 * passed s[i..i+3): the first four letters are those of a number word
 * ("thir": thirteen, thirty), or the first three those of a short one with
 * no letter after ("six").  By the first three bytes' columns
 * (peel_num_col), the fourth letters that may follow and whether they are
 * a short word themselves. */
static int starts_number_word(const char *s, size_t len, size_t i)
{
#define C(c) ((c) == ' ' ? (unsigned)PEEL_NUM_BLANK : (unsigned)((c) - 'a' + 1))
#define KEY(a, b, c) (C(a) << 10 | C(b) << 5 | C(c))
#define L(c) (UINT32_C(1) << C(c))
    uint32_t fourths = 0;
    int short_word = 0;
    switch (peel_num_col((unsigned char)s[i]) << 10 | peel_num_col((unsigned char)s[i + 1]) << 5 |
            peel_num_col((unsigned char)s[i + 2])) {
    case KEY('a', ' ', 'h'):
        fourths = L('u');
        break;
    case KEY('e', 'i', 'g'):
        fourths = L('h');
        break;
    case KEY('e', 'l', 'e'):
        fourths = L('v');
        break;
    case KEY('f', 'o', 'u'):
    case KEY('t', 'h', 'i'):
        fourths = L('r');
        break;
    case KEY('f', 'i', 'v'):
    case KEY('n', 'i', 'n'):
    case KEY('s', 'e', 'v'):
    case KEY('t', 'h', 'r'):
        fourths = L('e');
        break;
    case KEY('f', 'i', 'f'):
    case KEY('f', 'o', 'r'):
        fourths = L('t');
        break;
    case KEY('s', 'i', 'x'):
        fourths = L('t'), short_word = 1;
        break;
    case KEY('t', 'w', 'e'):
        fourths = L('l') | L('n');
        break;
    case KEY('z', 'e', 'r'):
        fourths = L('o');
        break;
    case KEY('o', 'n', 'e'):
    case KEY('t', 'w', 'o'):
    case KEY('t', 'e', 'n'):
        short_word = 1;
        break;
    default:
        return 0;
    }
#undef L
#undef KEY
#undef C
    unsigned c3 = i + 3 < len ? peel_num_col((unsigned char)s[i + 3]) : 0;
    return (fourths >> c3 & 1) || (short_word && !(c3 >= 1 && c3 <= 26));
}

/* Whether a spelled number can start at i: its first three letters
 * (peel_num_may_spell, in line), then its first four. */
static inline int may_start_number_word(const char *s, size_t len, size_t i)
{
    return i < len && peel_num_may_spell(s + i, len - i) && starts_number_word(s, len, i);
}

/* Reads "eleven", "twenty-three", "twenty three", "a hundred" at i into *v;
 * returns the end, or 0. */
static size_t scan_word_value(const char *s, size_t len, size_t i, int *v)
{
    size_t n, wl;
    int k, u;
    if (!may_start_number_word(s, len, i))
        return 0;
    if ((n = match_word(s, len, i, "a hundred")) || (n = match_word(s, len, i, "one hundred"))) {
        *v = 100;
        return i + n;
    }
    if ((k = find_word(s, len, i, tens_words, 8, &wl)) >= 0) {
        *v = 20 + 10 * k;
        i += wl;
        n = (at(s, len, i) == '-' || at(s, len, i) == ' ');
        if (n && (u = find_word(s, len, i + 1, small_words + 1, 9, &wl)) >= 0) {
            *v += u + 1;
            i += 1 + wl;
        }
        return i;
    }
    if ((k = find_word(s, len, i, small_words, 20, &wl)) >= 0) {
        *v = k;
        return i + wl;
    }
    return 0;
}

/* A spelled number at i, with " percent"/" per cent" after it (required
 * when need_pct).  Returns 1 and fills *out. */
static int scan_words(const char *s, size_t len, size_t i, int need_pct, peel_num *out)
{
    int v;
    size_t n, end = scan_word_value(s, len, i, &v);
    if (!end)
        return 0;
    n = pct_word_len(s, len, end);
    if (!n && need_pct)
        return 0;
    memset(out, 0, sizeof *out);
    out->value = out->hi = v;
    out->unit = n ? PEEL_UNIT_PCT : PEEL_UNIT_NONE;
    out->scale = 1;
    out->is_word = 1;
    out->start = i;
    out->end = end + n;
    return 1;
}

/* ---- public ------------------------------------------------------------ */

/* Length of the blank just before end and not before i (a no-break space
 * is two bytes), or 0. */
static size_t blank_before(const char *s, size_t i, size_t end)
{
    if (end > i && blank_len(s, end, end - 1) == 1)
        return 1;
    if (end - i >= 2 && blank_len(s, end, end - 2) == 2)
        return 2;
    return 0;
}

int peel_num_parse(const char *s, size_t len, peel_num *out)
{
    size_t i = 0, end = len, n;
    peel_num num;
    if (!s || !out)
        return -1;
    while ((n = blank_len(s, end, i)))
        i += n;
    while ((n = blank_before(s, i, end)))
        end -= n;
    if (i == end)
        return -1;
    /* Scanning within s[0..end) keeps a trailing blank from joining a unit. */
    if (!(is_alpha(at(s, end, i)) ? scan_words(s, end, i, 0, &num)
                                  : scan_figure(s, end, i, 0, &num)))
        return -1;
    if (num.end != end)
        return -1;
    *out = num;
    return 0;
}

/* The end of the run of token bytes at u[j..len): one load and test a
 * byte, and the end of the text tested once for eight of them where eight
 * are left (a run is most often a word, shorter than that). */
static size_t token_run_end(const unsigned char *u, size_t j, size_t len)
{
    for (; len - j >= 8; j += 8) {
#pragma GCC unroll 8
        for (size_t k = 0; k < 8; k++)
            if (!TOKEN_BYTES[u[j + k]])
                return j + k;
    }
    while (j < len && TOKEN_BYTES[u[j]])
        j++;
    return j;
}

/* Skips the rest of a token (letters, digits, and '.' or ',' between digits)
 * so scanning does not restart inside "PIP3" or "1.2.3".  Always advances. */
static size_t skip_token(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = i;
    /* The '.' or ',' between digits is looked at only where a run stops. */
    for (;;) {
        j = token_run_end(u, j, len);
        if (j == i || j + 1 >= len || (u[j] != '.' && u[j] != ',') || !is_digit(u[j + 1]))
            break;
        j += 2; /* the point or comma, and the digit after it */
    }
    return j > i ? j : i + 1;
}

/* A sign opens a figure only after the start, a blank or '(' ("(-2%)",
 * "by –2%"), so that "a-2" and "10 – 15" are not negatives. */
static int sign_may_open(const char *s, size_t len, size_t i)
{
    int p = i > 0 ? at(s, len, i - 1) : ' ';
    size_t n = sign_len(s, len, i);
    if (!(p == ' ' || p == '\t' || p == '\n' || p == '\r' || p == '(' ||
          (p == 0xA0 && i > 1 && at(s, len, i - 2) == 0xC2)))
        return 0;
    return is_digit(at(s, len, i + n)) || pound_len(s, len, i + n);
}

/* End of three or more digit groups joined by hyphens at i: an ISBN, phone
 * or reference number ("978-1-78655-863-3"), not figures.  0 otherwise. */
static size_t id_chain_end(const char *s, size_t len, size_t i)
{
    int groups = 0;
    for (;;) {
        while (is_digit(at(s, len, i)))
            i++;
        groups++;
        if (at(s, len, i) != '-' || !is_digit(at(s, len, i + 1)))
            break;
        i++;
    }
    return groups >= 3 ? i : 0;
}

/* A financial year glued to its "FY" (prose only): "FY2020/21",
 * "fy2024-25", "FY2019", and with two digits "FY21/22" (the next year's
 * after '/' or a dash).  The figure is the year as printed, without the
 * prefix (start past it); value the first year.  Returns 1 and fills out,
 * or 0 when no year follows the prefix.  Out of line, its digits read
 * here: the scanner's loop, which asks it of words starting with "f",
 * keeps its own code as tight as without it. */
static __attribute__((noinline)) int fy_year(const char *s, size_t len, size_t i, peel_num *out)
{
    size_t d = i + 2, e = d, n;
    if (lower(at(s, len, i)) != 'f' || lower(at(s, len, i + 1)) != 'y' || glued_before(s, len, i) ||
        !is_digit(at(s, len, d)))
        return 0;
    while (is_digit(at(s, len, e)))
        e++;
    side a;
    memset(&a, 0, sizeof a);
    a.start = d;
    if (e - d == 4) {
        for (size_t k = d; k < e; k++)
            a.mant = a.mant * 10 + (uint64_t)(at(s, len, k) - '0');
        a.int_digits = a.digits = 4;
        a.end = e;
        if (!side_is_year(&a))
            return 0;
        size_t fy = year_end(s, len, &a);
        e = fy ? fy : e;
    } else if (e - d == 2 && (n = at(s, len, e) == '/' ? 1 : dash_len(s, len, e))) {
        int y1 = (at(s, len, d) - '0') * 10 + (at(s, len, d + 1) - '0');
        int d1 = at(s, len, e + n), d2 = at(s, len, e + n + 1);
        if (!is_digit(d1) || !is_digit(d2) || (d1 - '0') * 10 + (d2 - '0') != (y1 + 1) % 100)
            return 0;
        a.mant = (uint64_t)(y1 < 50 ? 2000 + y1 : 1900 + y1);
        a.int_digits = a.digits = 4;
        e += n + 2;
    } else
        return 0;
    if (is_alnum(at(s, len, e)) || glued_after(s, len, e))
        return 0;
    fill_side(&a, out);
    out->unit = PEEL_UNIT_YEAR;
    out->end = e;
    return 1;
}

/* What the scanner does at byte i: 1 found *out, 0 nothing here; *next is
 * where to look next. */
static int scan_at(const char *s, size_t len, size_t i, peel_num *out, size_t *next)
{
    int c = at(s, len, i);
    size_t chain;
    *next = i + 1;
    if (is_alpha(c)) {
        /* Most words of prose start no spelled number: told at once. */
        if (may_start_number_word(s, len, i) && !glued_before(s, len, i) &&
            scan_words(s, len, i, 1, out))
            return 1;
        if ((c | 0x20) == 'f' && fy_year(s, len, i, out)) /* "FY2020/21" */
            return 1;
        *next = skip_token(s, len, i);
        return 0;
    }
    if (is_digit(c) && glued_before(s, len, i)) {
        *next = skip_token(s, len, i);
        return 0;
    }
    if (is_digit(c) && (chain = id_chain_end(s, len, i))) {
        *next = chain;
        return 0;
    }
    if (!is_digit(c) && !pound_len(s, len, i) && !(sign_len(s, len, i) && sign_may_open(s, len, i)))
        return 0;
    if (!scan_figure(s, len, i, 1, out)) {
        if (is_digit(c)) /* too many digits: a reference number, skip it whole */
            *next = skip_token(s, len, i);
        return 0;
    }
    if (glued_after(s, len, out->end)) {
        *next = skip_token(s, len, out->end);
        return 0;
    }
    return 1;
}

/* Whether scan_at can find anything at a byte: a letter, a digit, the lead
 * byte of "£" or of an en dash or minus sign, '+' or '-'.  scan_at passes
 * every other byte by one, so the scanner steps over runs of them (blanks,
 * punctuation) without a call each: most of prose's bytes.  A table, one
 * load a byte, as TOKEN_BYTES. */
#define OPEN_BYTE(c)                                                                               \
    (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ||     \
     (c) == 0xC2 || (c) == 0xE2 || (c) == '+' || (c) == '-')
static const unsigned char OPEN_BYTES[256] = PEEL_BYTE_TABLE(OPEN_BYTE);

int peel_num_next(const char *s, size_t len, size_t *pos, peel_num *out)
{
    size_t i, next;
    peel_num num;
    if (!s || !pos || !out)
        return 0;
    for (i = *pos; i < len; i = next) {
        if (!OPEN_BYTES[(unsigned char)s[i]]) {
            next = i + 1;
            continue;
        }
        if (scan_at(s, len, i, &num, &next)) {
            *out = num;
            *pos = num.end;
            return 1;
        }
    }
    if (*pos < len)
        *pos = len;
    return 0;
}

double peel_num_half_unit(const peel_num *n)
{
    return 0.5 * pow(10.0, -(double)n->decimals) * n->scale;
}

/* "%.*f" of v when v times 10^decimals is an integer below 2^50, without
 * printf: the digits of that integer with the point put in.  Exact: the
 * product is correctly rounded, so the true one lies within 1/8 of that
 * integer, which is then what "%.*f" rounds it to.  Returns 0 (out
 * untouched) for any other v, or when out is too small. */
static int format_scaled(double v, int decimals, char *out, size_t cap)
{
    static const double POW10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    if (decimals >= (int)(sizeof POW10 / sizeof *POW10))
        return 0;
    double p = v * POW10[decimals];
    if (!(fabs(p) < 1125899906842624.0) || p != trunc(p)) /* 2^50; NaN fails too */
        return 0;
    long long n = (long long)p;
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    char digits[32];
    int nd = 0;
    do
        digits[nd++] = (char)('0' + u % 10);
    while (u /= 10);
    while (nd <= decimals) /* "0.05": a zero before the point */
        digits[nd++] = '0';
    /* A negative that rounds to zero prints as zero (n is 0 then). */
    size_t len = (size_t)(n < 0) + (size_t)nd + (decimals > 0);
    if (len >= cap)
        return 0;
    char *o = out;
    if (n < 0)
        *o++ = '-';
    for (int i = nd - 1; i >= 0; i--) {
        *o++ = digits[i];
        if (i == decimals && decimals > 0)
            *o++ = '.';
    }
    *o = '\0';
    return 1;
}

void peel_num_format(double v, int decimals, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    /* Bounded so a bad count cannot ask for a huge field. */
    if (decimals < 0)
        decimals = 0;
    if (decimals > 30)
        decimals = 30;
    /* Most figures (counts, percentages to a point) without printf. */
    if (format_scaled(v, decimals, out, cap))
        return;
    /* %.0f of 1e80 is 81 digits, most of them the binary value's noise. */
    if (fabs(v) >= 9007199254740992.0 && isfinite(v)) {
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(out, cap, "%.*g", prec, v);
            if (strtod(out, NULL) == v)
                break;
        }
        return;
    }
    int n = snprintf(out, cap, "%.*f", decimals, v);
    if (n >= 0 && (size_t)n >= cap) /* cut short: a wrong number; say it in full precision */
        snprintf(out, cap, "%.17g", v);
    /* "-0", "-0.00": a negative that rounds to zero prints as zero. */
    if (out[0] == '-' && out[1] && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out));
}

/* The power of ten of a scale (1e6 → 6, pence 0.01 → -2); 0 for anything odd. */
static int scale_pow_of(double scale)
{
    if (!(scale > 0.0) || !isfinite(scale))
        return 0;
    return (int)lround(log10(scale));
}

size_t peel_num_spelled(const char *s, size_t len, peel_num *out)
{
    peel_num num;
    /* The word's first letters first, in line: a word that fails them
     * is told without the calls down to scan_word_value (which tests the
     * same).  Ingest, asking at every word, tests the first three itself
     * (peel_num_may_spell) before it calls. */
    if (!s || !out || !may_start_number_word(s, len, 0) || !scan_words(s, len, 0, 0, &num))
        return 0;
    *out = num;
    return num.end;
}

int peel_num_base_decimals(const peel_num *n)
{
    int k = scale_pow_of(n->scale);
    return n->decimals > k ? n->decimals - k : 0;
}

const char *peel_unit_name(peel_unit unit)
{
    switch (unit) {
    case PEEL_UNIT_NONE:
        return "";
    case PEEL_UNIT_GBP:
        return "GBP";
    case PEEL_UNIT_PCT:
        return "%";
    case PEEL_UNIT_YEAR:
        return "year";
    }
    return "";
}

/* ---- printed precision ---- */

static const char *const APPROX[] = {"around", "approximately", "about", "roughly",
                                     "nearly", "almost",        "some"};

/* The word right before `raw` in the sentence, if it says the figure is
 * approximate ("around 27,000"). */
static int approximate(const char *raw, const char *sentence)
{
    const char *at = sentence ? strstr(sentence, raw) : NULL;
    if (!at || at == sentence)
        return 0;
    const char *end = at - 1;
    while (end > sentence && end[-1] == ' ')
        end--;
    const char *start = end;
    while (start > sentence && isalpha((unsigned char)start[-1]))
        start--;
    for (size_t i = 0; i < sizeof APPROX / sizeof *APPROX; i++)
        if ((size_t)(end - start) == strlen(APPROX[i]) &&
            strncasecmp(start, APPROX[i], strlen(APPROX[i])) == 0)
            return 1;
    return 0;
}

peel_printed peel_printed_of(const char *raw, const char *sentence)
{
    peel_printed p = {0};
    peel_num n;
    p.scale = 1;
    if (!raw || peel_num_parse(raw, strlen(raw), &n) != 0)
        return p;
    p.parsed = 1;
    p.decimals = n.decimals;
    p.scale = n.scale;
    p.half = peel_num_half_unit(&n);
    p.approx = approximate(raw, sentence);
    if (p.approx) {
        /* Rounded at its last non-zero digit: "around 27,000" is 27,000 ± 500. */
        double v = fabs(round(n.value)), unit = 1;
        while (v >= 10 && fmod(v, unit * 10) == 0 && unit < 1e9)
            unit *= 10;
        if (unit * 0.5 > p.half)
            p.half = unit * 0.5;
    }
    return p;
}
