/* The printed page: libxlsxwriter sizes neither rows nor page breaks, and
 * LibreOffice does not size rows of an imported xlsx either, so this file
 * estimates both from the final column widths:
 *   - a row whose wrapped text needs n lines gets n lines' height;
 *   - a block (a table, a section) that would straddle a page starts a new
 *     one, so no table prints without its header.
 * Estimates use Excel's metrics: a width unit is 7 pixels of the default
 * font plus 5 of padding, and 10-point Arial fits about 1.2 characters per
 * unit (1.05 in bold). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

#define LINE_HEIGHT 12.75   /* points, 10-point Arial */
#define DEFAULT_HEIGHT 15.0 /* points, libxlsxwriter's default row */
#define PAGE_WIDTH 770.0    /* landscape A4 less 0.5" side margins, points */
#define PAGE_HEIGHT 487.0   /* landscape A4 less 0.75" top and bottom margins */
#define MAX_BREAKS 1000     /* libxlsxwriter takes up to 1023 */

/* Lines a paragraph wider than the line takes when wrapped at word
 * boundaries in `cap` characters. */
static int words_lines(const char *p, size_t n, double cap)
{
    int lines = 1;
    double used = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double word = 0;
        while (j < n && p[j] != ' ') {
            if (((unsigned char)p[j] & 0xC0) != 0x80)
                word += 1;
            j++;
        }
        if (used > 0 && used + 1 + word > cap) {
            lines++;
            used = 0;
        }
        used += (used > 0) + word;
        while (used > cap) { /* a word longer than the line breaks anywhere */
            lines++;
            used -= cap;
        }
        i = j + 1;
    }
    return lines;
}

/* Lines a wrapped cell's text takes.  Text no wider than the line (most
 * headers and notes) is a line a line, as its width measured it: each
 * word's end is then within the line too.  A paragraph is walked word by
 * word only when it is wider. */
static int text_lines(const xl_wrap *w, double cap)
{
    if ((double)w->widest <= cap)
        return w->lines;
    if (w->lines == 1)
        return words_lines(w->text, strlen(w->text), cap);
    int lines = 0;
    for (const char *p = w->text;;) {
        size_t n = strcspn(p, "\n");
        lines += (double)xl_chars(p, n) <= cap ? 1 : words_lines(p, n, cap);
        if (!p[n])
            return lines;
        p += n + 1;
    }
}

/* Heights of rows 0..max_row in points, setting those wrapped text needs. */
static double *row_heights(xl_sheet *s, const double *width)
{
    size_t n = (size_t)s->max_row + 1;
    double *h = peel_xmalloc(sizeof *h * n);
    for (size_t r = 0; r < n; r++)
        h[r] = r == 0 ? XL_TITLE_HEIGHT : DEFAULT_HEIGHT;
    int *lines = peel_xcalloc(n, sizeof *lines);
    const xl_wrap *wrap = (const xl_wrap *)(const void *)s->wraps.data;
    for (size_t i = 0; i < s->wraps.len / sizeof *wrap; i++) {
        const xl_wrap *w = &wrap[i];
        double cap = width[w->col] * (w->bold ? 1.05 : 1.2) - 1;
        int k = text_lines(w, cap < 4 ? 4 : cap);
        if (w->row < n && k > lines[w->row])
            lines[w->row] = k;
    }
    for (size_t r = 1; r < n; r++)
        if (lines[r] > 1) {
            h[r] = LINE_HEIGHT * lines[r] + 2;
            xl_check(s->book, worksheet_set_row(s->ws, (lxw_row_t)r, h[r], NULL), s->name);
        }
    free(lines);
    return h;
}

/* The scale "fit to one page wide" will print at. */
static double print_scale(const xl_sheet *s, const double *width)
{
    double total = 0;
    for (lxw_col_t c = 0; c <= s->max_col && c < XL_MAXCOL; c++)
        total += (width[c] * 7 + 5) * 0.75;
    return total > PAGE_WIDTH ? floor(PAGE_WIDTH / total * 100) / 100 : 1.0;
}

static const xl_keep_rows *keep_at(const xl_sheet *s, lxw_row_t r)
{
    for (size_t i = 0; i < s->keeps.n; i++) {
        const xl_keep_rows *k = s->keeps.item[i];
        if (k->first == r)
            return k;
    }
    return NULL;
}

static void page_breaks(xl_sheet *s, const double *h, double scale)
{
    double page = PAGE_HEIGHT / scale * 0.97; /* leave room for our estimates' error */
    double repeat = s->repeat_last ? h[s->repeat_last] : 0, used = 0;
    lxw_row_t breaks[MAX_BREAKS + 1]; /* 0-terminated for libxlsxwriter */
    size_t nb = 0;
    for (lxw_row_t r = 0; r <= s->max_row; r++) {
        const xl_keep_rows *k = keep_at(s, r);
        if (k && used > repeat && nb < MAX_BREAKS) {
            double block = 0;
            for (lxw_row_t i = k->first; i <= k->last && i <= s->max_row; i++)
                block += h[i];
            if (used + block > page && block <= page - repeat) {
                breaks[nb++] = r;
                used = repeat;
            }
        }
        if (used + h[r] > page)
            used = repeat;
        used += h[r];
    }
    breaks[nb] = 0;
    if (nb)
        xl_check(s->book, worksheet_set_h_pagebreaks(s->ws, breaks), s->name);
}

void xl_page_layout(xl_sheet *s, const double *final_width)
{
    double *h = row_heights(s, final_width);
    if (!s->one_page)
        page_breaks(s, h, print_scale(s, final_width));
    free(h);
    peel_buf_release(&s->wraps);
}
