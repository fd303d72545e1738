/* Horizontal grouped bar charts of comparison tables, drawn as vectors:
 * per row of the table, one bar for the force and one per comparator, each
 * labelled with its value as printed, on a scale with gridlines, under a
 * legend.  Horizontal bars leave room for the report's long row labels. */
#include <math.h>
#include <string.h>

#include "pd.h"
#include "peel_num.h"

#define LABEL_W 150.0f /* row labels */
#define BAR_H 10.0f
#define BAR_GAP 2.0f
#define ROW_PAD 9.0f
#define SWATCH 8.0f
#define AXIS_H 22.0f /* scale labels under the bars */

static const unsigned SERIES_RGB[] = {PD_NAVY, 0x9DB2C7u, 0xD9A54Bu, 0x7FB8A4u, 0xB58DB6u};

/* The force first, then the comparators, in table order. */
static size_t series_order(const pd_table *t, size_t *order)
{
    size_t n = 0;
    for (int force = 1; force >= 0; force--)
        for (size_t k = 0; k < t->ncol && n < 5; k++)
            if (t->col[k].is_force == force)
                order[n++] = k;
    return n;
}

/* A step of 1, 2 or 5 times a power of ten giving about four intervals. */
static double nice_step(double range)
{
    double raw = range / 4.0, mag = pow(10.0, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * mag;
}

typedef struct scale {
    double lo, hi, step;
    float x0, x1; /* plot area */
} scale;

static float xpos(const scale *s, double v)
{
    return s->x0 + (float)((v - s->lo) / (s->hi - s->lo)) * (s->x1 - s->x0);
}

static const char *value_label(const pd_table *t, size_t r, size_t k)
{
    return t->row[r].raw[k] ? t->row[r].raw[k] : "";
}

static scale make_scale(pd_ctx *c, const pd_table *t, const size_t *order, size_t ns)
{
    scale s = {0.0, 0.0, 1.0, 0.0f, 0.0f};
    float lw = 0.0f;
    for (size_t r = 0; r < t->nrow; r++)
        for (size_t i = 0; i < ns; i++) {
            if (!t->row[r].raw[order[i]])
                continue;
            double v = t->row[r].value[order[i]];
            s.lo = v < s.lo ? v : s.lo;
            s.hi = v > s.hi ? v : s.hi;
            float w = pd_swidth(c->font, c->small.size, value_label(t, r, order[i]));
            lw = w > lw ? w : lw;
        }
    if (s.hi - s.lo <= 0.0)
        s.hi = s.lo + 1.0;
    s.step = nice_step(s.hi - s.lo);
    s.lo = floor(s.lo / s.step) * s.step;
    s.hi = ceil(s.hi / s.step) * s.step;
    /* Room for value labels beyond the ends of the longest bars. */
    s.x0 = PD_LEFT + LABEL_W + 10.0f + (s.lo < 0 ? lw + 6.0f : 0.0f);
    s.x1 = PD_RIGHT - lw - 6.0f;
    return s;
}

static float legend(pd_ctx *c, const pd_table *t, const size_t *order, size_t ns, int draw)
{
    float x0 = PD_LEFT + LABEL_W + 10.0f, x = x0, y = c->y, h = c->small.lead;
    for (size_t i = 0; i < ns; i++) {
        /* A label longer than the legend's line is cut to fit it. */
        const char *label = pd_fit(c, c->font, c->small.size, t->col[order[i]].label,
                                   PD_RIGHT - x0 - SWATCH - 5.0f);
        float w = SWATCH + 5.0f + pd_swidth(c->font, c->small.size, label) + 16.0f;
        if (x + w > PD_RIGHT && x > PD_LEFT + LABEL_W + 10.0f) {
            x = PD_LEFT + LABEL_W + 10.0f;
            y -= h;
        }
        if (draw) {
            float base = pd_baseline(&c->small, y);
            pd_rect(c, x, base - 0.5f, SWATCH, SWATCH, SERIES_RGB[i]);
            pd_stext(c, &c->small, x + SWATCH + 5.0f, base, label);
        }
        x += w;
    }
    return c->y - y + h + 6.0f;
}

/* The rows of t's chart of ns series, laid out once for all the times the
 * chart is measured and drawn (c->chart_rows). */
static const pd_chart_rows *chart_rows(pd_ctx *c, const pd_table *t, size_t ns)
{
    pd_chart_rows *k = &c->chart_rows;
    if (k->table == t)
        return k;
    k->table = t;
    /* An array of pointers, one a row (each row's wrapped lines). */
    k->lines = peel_arena_alloc(&c->arena, sizeof(struct pd_line *) * (t->nrow + 1));
    k->nlines = peel_arena_alloc(&c->arena, sizeof *k->nlines * (t->nrow + 1));
    k->height = peel_arena_alloc(&c->arena, sizeof *k->height * (t->nrow + 1));
    float bars = (float)ns * BAR_H + (float)(ns - 1) * BAR_GAP;
    for (size_t r = 0; r < t->nrow; r++) {
        k->nlines[r] =
            pd_wrap(&c->arena, c->font, c->small.size, t->row[r].label, LABEL_W, &k->lines[r]);
        float text = (float)k->nlines[r] * c->small.lead;
        k->height[r] = (bars > text ? bars : text) + ROW_PAD;
    }
    return k;
}

/* A tick's number: in the figures' unit and multiple when the chart has
 * them ("£50m"), with the decimals its step needs. */
static const char *tick(pd_ctx *c, const pd_table *t, const scale *s, double v)
{
    if (t->axis_unit && (strncmp(t->axis_unit, "GBP", 3) == 0 || !strcmp(t->axis_unit, "%"))) {
        double m = t->axis_scale > 0 ? t->axis_scale : 1.0;
        int dec = (int)ceil(-log10(s->step / m) - 1e-9);
        return pd_fmt_amount(&c->arena, v, t->axis_unit, m, dec < 0 ? 0 : dec > 2 ? 2 : dec, 1);
    }
    return pd_fmt_amount(&c->arena, v, "", 1.0, s->step < 1.0 ? 2 : 0, 1);
}

static void grid(pd_ctx *c, const pd_table *t, const scale *s, float top, float bottom)
{
    pd_style st = c->note;
    int ticks = (int)lround((s->hi - s->lo) / s->step);
    for (int i = 0; i <= ticks; i++) {
        double v = s->lo + i * s->step;
        float x = xpos(s, v);
        int zero = fabs(v) < s->step / 1000.0;
        pd_line_at(c, x, top, x, bottom, zero ? 0.8f : 0.4f, zero ? PD_MUTED : PD_RULE);
        pd_stext_center(c, &st, x, bottom - 10.0f, tick(c, t, s, v));
    }
}

static void bars(pd_ctx *c, const pd_table *t, size_t r, const size_t *order, size_t ns,
                 const scale *s, float top)
{
    float x0 = xpos(s, 0.0), y = top - ROW_PAD / 2.0f;
    for (size_t i = 0; i < ns; i++, y -= BAR_H + BAR_GAP) {
        if (!t->row[r].raw[order[i]]) { /* no figure printed: say so, draw no zero */
            pd_style st = c->note;
            st.lead = BAR_H;
            pd_stext(c, &st, x0 + 4.0f, pd_baseline(&st, y), "no figure");
            continue;
        }
        double v = t->row[r].value[order[i]];
        float x = xpos(s, v);
        float left = x < x0 ? x : x0, w = fabsf(x - x0);
        pd_rect(c, left, y - BAR_H, w > 0.3f ? w : 0.3f, BAR_H, SERIES_RGB[i]);
        const char *label = value_label(t, r, order[i]);
        float lw = pd_swidth(c->font, c->small.size, label);
        float lx = v < 0 ? x - 4.0f - lw : x + 4.0f;
        pd_style st = c->small;
        st.lead = BAR_H;
        /* A white ground so gridlines never run through a value. */
        pd_rect(c, lx - 1.5f, y - BAR_H, lw + 3.0f, BAR_H, 0xFFFFFFu);
        pd_stext(c, &st, lx, pd_baseline(&st, y), label);
    }
}

float pd_chart_height(pd_ctx *c, const pd_table *t)
{
    size_t order[5], ns = series_order(t, order);
    const pd_chart_rows *k = chart_rows(c, t, ns);
    float h = legend(c, t, order, ns, 0) + AXIS_H;
    for (size_t r = 0; r < t->nrow; r++)
        h += k->height[r];
    return h;
}

/* Rows r0.. that fit under a legend in the room left, at least one. */
static size_t rows_that_fit(pd_ctx *c, const pd_table *t, size_t r0, size_t ns, float room)
{
    size_t order[5], r = r0;
    series_order(t, order);
    const pd_chart_rows *k = chart_rows(c, t, ns);
    float h = legend(c, t, order, ns, 0) + AXIS_H;
    while (r < t->nrow) {
        h += k->height[r];
        if (h > room && r > r0)
            break;
        r++;
    }
    return r;
}

static void row_label(pd_ctx *c, const pd_line *lines, size_t nl, float top)
{
    for (size_t i = 0; i < nl; i++) {
        float line_top = top - ROW_PAD / 2.0f - (float)i * c->small.lead;
        pd_text(c, &c->small, PD_LEFT, pd_baseline(&c->small, line_top), lines[i].s, lines[i].len);
    }
}

/* Legend, rows r0..r1-1 and the scale under them, from the cursor down. */
static void segment(pd_ctx *c, const pd_table *t, const scale *s, size_t r0, size_t r1)
{
    size_t order[5], ns = series_order(t, order);
    const pd_chart_rows *k = chart_rows(c, t, ns);
    c->y -= legend(c, t, order, ns, 1);
    float top = c->y;
    for (size_t r = r0; r < r1; r++)
        c->y -= k->height[r];
    grid(c, t, s, top, c->y);
    for (size_t r = r0; r < r1; r++) {
        row_label(c, k->lines[r], k->nlines[r], top);
        bars(c, t, r, order, ns, s, top);
        top -= k->height[r];
    }
    c->y -= AXIS_H;
}

/* Whole on one page when it fits one; else in parts, each filling a page
 * with its own legend and scale, so no bar runs into the footer. */
void pd_chart(pd_ctx *c, const pd_table *t)
{
    size_t order[5], ns = series_order(t, order);
    scale s = make_scale(c, t, order, ns);
    if (pd_chart_height(c, t) <= PD_FULL_PAGE) {
        pd_need(c, pd_chart_height(c, t));
        segment(c, t, &s, 0, t->nrow);
        return;
    }
    if (pd_room(c) < PD_FULL_PAGE * 0.3f)
        pd_page_new(c, 1);
    for (size_t r0 = 0; r0 < t->nrow;) {
        size_t r1 = rows_that_fit(c, t, r0, ns, pd_room(c));
        segment(c, t, &s, r0, r1);
        r0 = r1;
        if (r0 < t->nrow)
            pd_page_new(c, 1);
    }
}
