/* Figures as a reader expects them: in the report's own units (money at the
 * multiple it was printed with, "£1,580m", shares with %), thousands
 * grouped; and lists of report lines.  The checks store full precision
 * ("-0.3389"); a briefing needs the figure, not the noise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"
#include "peel_text.h"

/* Thousands commas in the integer part of a plain number "-1234.5". */
static void group(const char *num, char *out, size_t cap)
{
    const char *digits = num + (num[0] == '-');
    size_t nint = strspn(digits, "0123456789"), o = 0;
    if (num[0] == '-' && o + 1 < cap)
        out[o++] = '-';
    for (size_t i = 0; i < nint && o + 2 < cap; i++) {
        if (i && (nint - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    for (const char *r = digits + nint; *r && o + 1 < cap; r++)
        out[o++] = *r;
    out[o] = '\0';
}

/* "27.00" -> "27", "39.90" -> "39.9". */
static void trim_zeros(char *num)
{
    char *dot = strchr(num, '.');
    if (!dot)
        return;
    char *end = num + strlen(num);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}

/* The whole number w and dec zeros after a point, as "%.*f" prints it. */
static void whole(char *out, unsigned long long w, int dec)
{
    out = peel_utoa(out, w);
    if (dec > 0) {
        *out++ = '.';
        memset(out, '0', (size_t)dec);
        out += dec;
    }
    *out = '\0';
}

/* |v| with dec decimals (trailing zeros dropped when trim), grouped, after
 * a minus sign when v < 0 and the digits are not all zero. */
static void number(double v, int dec, int trim, char *out, size_t cap)
{
    char num[64];
    double a = fabs(v);
    dec = dec < 0 ? 0 : dec > 6 ? 6 : dec;
    /* Most figures are whole: below 10^15 a double holds a whole number
     * exactly, so its digits are printf's without printf. */
    if (a < 1e15 && a == floor(a)) {
        whole(num, (unsigned long long)a, trim ? 0 : dec);
    } else {
        snprintf(num, sizeof num, "%.*f", dec, a);
        if (trim)
            trim_zeros(num);
    }
    int neg = v < 0 && strspn(num, "0.") != strlen(num);
    if (cap < 2)
        return;
    out[0] = '-';
    group(num, out + neg, cap - (size_t)neg);
}

/* The money suffix of a unit after "GBP": " a year", " per head"... */
static const char *per(const char *rest)
{
    static const char *const from[] = {"", "/year", "/month", "/week", "/head", " per head"};
    static const char *const to[] = {"",        " a year",   " a month",
                                     " a week", " per head", " per head"};
    for (size_t i = 0; i < sizeof from / sizeof *from; i++)
        if (strcmp(rest, from[i]) == 0)
            return to[i];
    return NULL;
}

/* The multiple a scale prints as: " billion", "m", "k", or none. */
static const char *multiple(double scale, double *div)
{
    static const double at[] = {1e9, 1e6, 1e3};
    static const char *const word[] = {" billion", "m", "k"};
    for (size_t i = 0; i < 3; i++)
        if (scale >= at[i]) {
            *div = at[i];
            return word[i];
        }
    *div = 1.0;
    return "";
}

/* "-£111m": the sign before the pound sign; pence as "23p". */
static const char *money(peel_arena *a, double v, const char *suffix, double scale, int dec,
                         int trim)
{
    char n[96];
    if (scale > 0 && scale < 1) {
        number(v * 100, dec, trim, n, sizeof n);
        return peel_arena_concat(a, (const char *[]){n, "p", suffix}, 3);
    }
    double div;
    const char *mult = multiple(scale, &div);
    number(v / div, dec, trim, n, sizeof n);
    int neg = n[0] == '-';
    return peel_arena_concat(a, (const char *[]){neg ? "-" : "", "£", n + neg, mult, suffix}, 5);
}

const char *pd_fmt_amount(peel_arena *a, double v, const char *unit, double scale, int dec,
                          int trim)
{
    char n[96];
    if (!isfinite(v))
        return "n/a";
    if (strncmp(unit, "GBP", 3) == 0 && per(unit + 3))
        return money(a, v, per(unit + 3), scale, dec, trim);
    number(v, dec, trim, n, sizeof n);
    if (strcmp(unit, "%") == 0)
        return peel_arena_concat(a, (const char *[]){n, "%"}, 2);
    if (!unit[0] || strcmp(unit, "count") == 0)
        return peel_arena_strdup(a, n);
    return peel_arena_concat(a, (const char *[]){n, " ", unit}, 3);
}

/* "<list><sep><item[0..n)>" in a; what "%s%s%.*s" prints. */
static const char *appended(peel_arena *a, const char *list, const char *sep, const char *item,
                            size_t n)
{
    size_t nl = strlen(list), ns = strlen(sep);
    char *d = peel_arena_alloc(a, nl + ns + n + 1);
    memcpy(d, list, nl);
    memcpy(d + nl, sep, ns);
    memcpy(d + nl + ns, item, n);
    d[nl + ns + n] = '\0';
    return d;
}

const char *pd_list_add(peel_arena *a, const char *list, const char *items, const char *sep)
{
    size_t ns = strlen(sep);
    for (const char *it = items; *it;) {
        const char *ie = strstr(it, sep);
        size_t n = ie ? (size_t)(ie - it) : strlen(it);
        int there = 0;
        for (const char *s = list; *s && !there;) {
            const char *e = strstr(s, sep);
            size_t len = e ? (size_t)(e - s) : strlen(s);
            there = len == n && strncmp(s, it, n) == 0;
            s += len + (e ? ns : 0);
        }
        if (!there && n)
            list = appended(a, list, list[0] ? sep : "", it, n);
        it += n + (ie ? ns : 0);
    }
    return list;
}

int pd_dec_at(int dec, double from, double to)
{
    if (from <= 0 || to <= 0)
        return dec;
    int d = dec - (int)lround(log10(from / to));
    return d < 0 ? 0 : d;
}

const char *pd_fmt_lines(peel_arena *a, const char *lines)
{
    peel_buf b;
    peel_buf_init(&b);
    for (const char *s = lines; *s;) {
        s += strspn(s, " ");
        size_t len = strcspn(s, " ");
        if (len) {
            if (b.len)
                peel_buf_puts(&b, ", ");
            peel_buf_add(&b, s, len);
        }
        s += len;
    }
    const char *out = peel_arena_strdup(a, peel_buf_str(&b));
    peel_buf_release(&b);
    return out;
}
