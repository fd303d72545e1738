/* Figures of the reconciliation as a reader expects them: pounds with £ and
 * thousands commas, shares with %, at most two decimals.  The checks store
 * full precision ("-0.3389"); a briefing needs the figure, not the noise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

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

const char *pd_fmt_figure(peel_arena *a, const char *value, const char *unit)
{
    char *end, num[64], grouped[96];
    if (!value || !value[0])
        return "n/a";
    double v = strtod(value, &end);
    if (*end || !isfinite(v))
        return peel_arena_strdup(a, value); /* a grade or other text */
    snprintf(num, sizeof num, "%.2f", fabs(v));
    trim_zeros(num);
    group(num, grouped, sizeof grouped);
    const char *sign = v < 0 && strspn(num, "0.") != strlen(num) ? "-" : "";
    if (strcmp(unit, "GBP") == 0)
        return peel_arena_printf(a, "%s£%s", sign, grouped);
    if (strcmp(unit, "%") == 0)
        return peel_arena_printf(a, "%s%s%%", sign, grouped);
    if (!unit[0])
        return peel_arena_printf(a, "%s%s", sign, grouped);
    return peel_arena_printf(a, "%s%s %s", sign, grouped, unit);
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
