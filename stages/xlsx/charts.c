/* The Charts sheet: a native bar chart per Data table that compares the
 * force with a comparator (or one date with another), then the charts the
 * layout asks of the pillar sheets' figures (reserves, investment, savings,
 * shares by group), each drawn from a block of links under the charts that
 * says what every bar is and its period.  Series, categories and titles
 * point at cells, so no report text is passed to a chart as a string that
 * could be read as a formula; data labels keep the decimals printed. */
#include <math.h>
#include <string.h>

#include "xl.h"

#define CHART_ROWS 14 /* rows each chart takes, with a gap: two rows of charts a page */
#define MAX_SERIES 4

static const unsigned SERIES_RGB[MAX_SERIES] = {0x1F4E79, 0xA6A6A6, 0x2E75B6, 0xC55A11};

/* A number format for data labels: the family's, with dec decimals. */
static const char *label_format(xl_book *b, const xl_family *fam, int dec)
{
    char num[256];
    xl_pattern(fam ? fam->pattern : "#,##0{.d}", dec, num, sizeof num);
    return peel_arena_strdup(&b->arena, num);
}

static lxw_chart_series *add_series(xl_book *b, lxw_chart *chart, const char *sheet,
                                    lxw_row_t first, lxw_row_t last, lxw_col_t cat, lxw_col_t col,
                                    lxw_row_t name_row, unsigned rgb, const char *numfmt)
{
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    if (!s) {
        xl_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "Charts");
        return NULL;
    }
    chart_series_set_categories(s, sheet, first, cat, last, cat);
    chart_series_set_values(s, sheet, first, col, last, col);
    chart_series_set_name_range(s, sheet, name_row, col);
    lxw_chart_fill fill = {.color = rgb};
    chart_series_set_fill(s, &fill);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, numfmt);
    return s;
}

static lxw_chart *new_chart(xl_book *b, const char *title_sheet, lxw_row_t title_row,
                            const char *axis_format, int from_zero, int legend)
{
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
    if (!chart) {
        xl_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "Charts");
        return NULL;
    }
    chart_title_set_name_range(chart, title_sheet, title_row, 0);
    lxw_chart_font title = {.size = 11, .bold = 1};
    chart_title_set_name_font(chart, &title);
    /* In a bar chart x_axis is the (horizontal) value axis. */
    chart_axis_set_num_format(chart->x_axis, axis_format);
    if (from_zero)
        chart_axis_set_min(chart->x_axis, 0);   /* bars from zero, or differences look bigger */
    chart_axis_set_reverse(chart->y_axis);      /* first row at the top, as in the table */
    chart_axis_set_crossing_max(chart->y_axis); /* and the values along the bottom */
    chart_legend_set_position(chart, legend ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
    return chart;
}

/* The k-th chart of the sheet, two to a row of the grid. */
static void place(xl_book *b, lxw_chart *chart, size_t k)
{
    lxw_row_t row = (lxw_row_t)(3 + (k / 2) * CHART_ROWS);
    lxw_col_t col = (lxw_col_t)((k % 2) * 9);
    lxw_chart_options o = {.x_scale = 1.15, .y_scale = 0.9, .x_offset = 4, .y_offset = 4};
    xl_check(b, worksheet_insert_chart_opt(b->charts->ws, row, col, chart, &o), "Charts");
    /* Charts are not cells: tell the page layout where they are. */
    xl_sheet *s = b->charts;
    if (row + CHART_ROWS - 1 > s->max_row)
        s->max_row = row + CHART_ROWS - 1;
    if (col + 8 > s->max_col)
        s->max_col = (lxw_col_t)(col + 8);
    if (col == 0)
        xl_keep(s, row, row + CHART_ROWS - 1);
}

/* ---- the Data tables ---------------------------------------------------- */

/* Columns to chart: force and comparator, or earliest and latest. */
static int chart_cols(const peel_table *t, int *one, int *two)
{
    if (t->force >= 0 && t->comparator >= 0) {
        *one = t->force;
        *two = t->comparator;
        return 1;
    }
    if (t->latest >= 0 && t->earliest >= 0) {
        *one = t->latest; /* now dark, then grey */
        *two = t->earliest;
        return 1;
    }
    return 0;
}

/* The Data tables to chart: those with two columns to compare, a table
 * printed twice (opening and pillar) once.  Returns how many; charted[i]
 * says whether chart_tables[i] is one. */
static size_t table_charts(xl_book *b, unsigned char *charted)
{
    size_t n = 0;
    for (size_t i = 0; i < b->chart_tables.n; i++) {
        const xl_data_table *p = b->chart_tables.item[i];
        int one, two, seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(((const xl_data_table *)b->chart_tables.item[j])->t->key, p->t->key) == 0;
        charted[i] = !seen && chart_cols(p->t, &one, &two);
        n += charted[i];
    }
    return n;
}

static void table_chart(xl_book *b, const xl_data_table *p, size_t k)
{
    const peel_table *t = p->t;
    int one = 0, two = 0;
    if (!chart_cols(t, &one, &two))
        return;
    const xl_family *fam = xl_family_of_unit(b->lay, t->col[one].unit, 1);
    lxw_chart *chart = new_chart(b, b->data->name, p->title_row, label_format(b, fam, 0), 1, 1);
    if (!chart)
        return;
    const int cols[2] = {one, two};
    for (int i = 0; i < 2; i++)
        add_series(b, chart, b->data->name, p->first, p->last, 0,
                   (lxw_col_t)(p->col0 + (lxw_col_t)cols[i]), p->head_row, SERIES_RGB[i],
                   label_format(b, fam, xl_table_decimals(b, t, cols[i])));
    place(b, chart, k);
}

/* ---- the pillar sheets' figures ----------------------------------------- */

/* A layout chart resolved to cells: cell[s * stride + c] is category c of
 * series s (NULL: none). */
typedef struct fchart {
    const xl_lchart *ch;
    const char *series[MAX_SERIES];
    size_t nser, ncat, stride;
    xl_sym **cell;
    const char **cat;
} fchart;

/* Nonzero when name is in a section whose table this report lacks. */
static int absent(const xl_book *b, const char *name)
{
    for (size_t i = 0; i < b->absent.n; i++) {
        size_t n = strlen(b->absent.item[i]);
        if (strncmp(name, b->absent.item[i], n) == 0 && name[n] == '.')
            return 1;
    }
    return 0;
}

/* The total row's cell of a grid column "section.col": "section.total.col". */
static xl_sym *total_of(xl_book *b, const char *group)
{
    const char *dot = strrchr(group, '.');
    if (!dot)
        return NULL;
    return xl_sym_find(
        b, peel_arena_printf(&b->arena, "%.*s.total%s", (int)(dot - group), group, dot));
}

static peel_status resolve(xl_book *b, const xl_lchart *ch, fchart *out)
{
    memset(out, 0, sizeof *out);
    out->ch = ch;
    size_t cap = 1;
    for (size_t i = 0; i < ch->nref; i++) {
        xl_sym *s = xl_sym_find(b, ch->ref[i]);
        if (!s && absent(b, ch->ref[i]))
            continue; /* its table is not in this report: drawn without it */
        if (!s || (ch->series && !s->nmember))
            return xl_layout_fail(b, ch->line, "source",
                                  ch->series ? "[%s] is no grid column in chart %s"
                                             : "unknown name [%s] in chart %s",
                                  ch->ref[i], ch->name);
        cap += s->nmember + 2;
    }
    out->cell = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * cap * MAX_SERIES);
    out->stride = cap;
    out->cat = peel_arena_alloc(&b->arena, sizeof *out->cat * cap);
    for (size_t i = 0; i < ch->nref; i++) {
        xl_sym *s = xl_sym_find(b, ch->ref[i]);
        if (!s)
            continue;
        if (!ch->series) { /* the cells, a group's members in turn */
            for (size_t m = 0; m < (s->nmember ? s->nmember : 1); m++) {
                xl_sym *c = s->nmember ? s->member[m] : s;
                out->cat[out->ncat] = c->label;
                out->cell[out->ncat++] = c;
            }
            continue;
        }
        if (out->nser == MAX_SERIES)
            return xl_layout_fail(b, ch->line, "source", "chart %s has more than %d series",
                                  ch->name, MAX_SERIES);
        size_t ser = out->nser++;
        out->series[ser] = s->label && s->label[0] ? s->label : s->name;
        xl_sym *total = ch->total ? total_of(b, ch->ref[i]) : NULL;
        size_t n = s->nmember + (total != NULL);
        if (ser == 0)
            out->ncat = n;
        for (size_t m = 0; m < n && m < out->ncat; m++) {
            xl_sym *c = m < s->nmember ? s->member[m] : total;
            out->cell[ser * cap + m] = c;
            if (ser == 0)
                out->cat[m] = c->label;
        }
    }
    if (!ch->series) {
        out->nser = 1;
        out->series[0] = "Value";
    }
    return PEEL_OK;
}

static int drawable(const fchart *f)
{
    for (size_t i = 0; i < f->nser; i++)
        for (size_t c = 0; c < f->ncat; c++) {
            const xl_sym *x = f->cell[i * f->stride + c];
            if (x && x->ok && x->sheet)
                return 1;
        }
    return 0;
}

/* A link to a figure's cell, as the Sources sheet links: green, noted. */
static void link_cell(xl_book *b, lxw_row_t r, lxw_col_t c, const xl_sym *k)
{
    xl_sheet *s = b->charts;
    if (!k || !k->ok || !k->sheet) {
        xl_text(s, r, c, k ? "n/a" : "", b->st.na);
        return;
    }
    unsigned flags = XL_GREEN | (k->fail ? XL_FAIL : 0);
    xl_formula(s, r, c, xl_ref(b, s, k->sheet, k->row, k->col, 0), k->v,
               xl_numfmt(b, k->fam, k->dec, flags), xl_numwidth(k->fam, k->v, k->dec));
    const char *fail = xl_fail_note(b, k);
    xl_note(s, r, c,
            peel_arena_printf(
                &b->arena, "%sThe figure is held at %s.%s%s",
                k->line ? peel_arena_printf(&b->arena, "Report line %ld.\n", k->line) : "",
                xl_ref(b, NULL, k->sheet, k->row, k->col, 0), fail ? "\n" : "", fail ? fail : ""));
}

/* The block a layout chart is drawn from: title, a header (Figure, the
 * series, Period), a row per bar.  Returns the row after it. */
static lxw_row_t chart_block(xl_book *b, const fchart *f, lxw_row_t r, lxw_row_t *first)
{
    xl_sheet *s = b->charts;
    lxw_row_t top = r;
    xl_text(s, r++, 0, f->ch->label, b->st.section);
    if (f->ch->note[0])
        xl_text(s, r++, 0, f->ch->note, b->st.note);
    xl_text(s, r, 0, "Figure", b->st.head);
    for (size_t i = 0; i < f->nser; i++)
        xl_text(s, r, (lxw_col_t)(1 + i), f->series[i], b->st.head_num);
    xl_text(s, r++, (lxw_col_t)(1 + f->nser), "Period", b->st.head_indent);
    *first = r;
    /* Bars of one series stated for different periods say them in the label. */
    int own = 0;
    for (size_t c = 1; c < f->ncat && !f->ch->series; c++)
        for (size_t d = 0; d < c && !own; d++) {
            const xl_sym *x = f->cell[c], *y = f->cell[d];
            own = x && y && x->period && y->period && x->period[0] && y->period[0] &&
                  strcmp(x->period, y->period) != 0;
        }
    const char *mixed;
    for (size_t c = 0; c < f->ncat; c++, r++) {
        xl_sym *row[MAX_SERIES];
        for (size_t i = 0; i < f->nser; i++)
            row[i] = f->cell[i * f->stride + c];
        const char *period = xl_periods_join(b, row, f->nser, &mixed);
        const char *label = f->cat[c] && f->cat[c][0] ? f->cat[c] : "";
        if (own && period[0])
            label = peel_arena_printf(&b->arena, "%s (%s)", label, period);
        xl_text(s, r, 0, label, b->st.wrap);
        for (size_t i = 0; i < f->nser; i++)
            link_cell(b, r, (lxw_col_t)(1 + i), row[i]);
        xl_text(s, r, (lxw_col_t)(1 + f->nser), period[0] ? period : XL_NO_PERIOD,
                period[0] ? b->st.indent : b->st.note);
    }
    xl_keep(s, top, r - 1);
    return r + 1;
}

static void figure_chart(xl_book *b, const fchart *f, lxw_row_t title_row, lxw_row_t first,
                         size_t k)
{
    const xl_sym *like = NULL;
    int negative = 0;
    for (size_t i = 0; i < f->nser; i++)
        for (size_t c = 0; c < f->ncat; c++) {
            const xl_sym *x = f->cell[i * f->stride + c];
            if (x && x->ok && x->sheet) {
                like = like ? like : x;
                negative |= x->v < 0;
            }
        }
    if (!like)
        return; /* nothing known to draw (drawable() keeps such charts out) */
    lxw_chart *chart = new_chart(b, b->charts->name, title_row, label_format(b, like->fam, 0),
                                 !negative, f->nser > 1);
    if (!chart)
        return;
    lxw_row_t last = (lxw_row_t)(first + f->ncat - 1);
    for (size_t i = 0; i < f->nser; i++) {
        /* Labels to the decimals the report printed its figures to (a total
         * derived from them is shown to one more in its cell). */
        int dec = -1, any = 0;
        for (int pass = 0; pass < 2 && dec < 0; pass++)
            for (size_t c = 0; c < f->ncat; c++) {
                const xl_sym *x = f->cell[i * f->stride + c];
                if (x && x->ok && (pass || x->line > 0) && x->dec > dec)
                    dec = x->dec;
                any |= x && x->ok;
            }
        if (!any || dec < 0)
            dec = 0;
        add_series(b, chart, b->charts->name, first, last, 0, (lxw_col_t)(1 + i), first - 1,
                   SERIES_RGB[i], label_format(b, like->fam, dec));
    }
    place(b, chart, k);
}

peel_status xl_charts_write(xl_book *b)
{
    xl_sheet *s = b->charts;
    xl_sheet_title(
        s, peel_arena_printf(&b->arena, "%s: %s charts", b->force, peel_pillar_label(b->pillar)),
        "The force (dark) against its comparator (grey), or now (dark) against the "
        "earlier date (grey), from the Data sheet; then the pillar sheets' figures, drawn "
        "from the blocks under the charts.");
    unsigned char *charted = peel_arena_alloc(&b->arena, b->chart_tables.n + 1);
    size_t nt = table_charts(b, charted), nf = 0;
    fchart *figs = peel_arena_alloc(&b->arena, sizeof *figs * (b->lay->nchart + 1));
    for (size_t i = 0; i < b->lay->nchart; i++) {
        if (b->lay->chart[i].pillar != b->pillar)
            continue;
        peel_status st = resolve(b, &b->lay->chart[i], &figs[nf]);
        if (st != PEEL_OK)
            return st;
        nf += drawable(&figs[nf]);
    }
    size_t k = 0;
    for (size_t i = 0; i < b->chart_tables.n; i++)
        if (charted[i])
            table_chart(b, b->chart_tables.item[i], k++);
    lxw_row_t r = (lxw_row_t)(3 + ((nt + nf + 1) / 2) * CHART_ROWS + 1);
    if (nf)
        xl_text(s, r++, 0, "The figures the charts above are drawn from", b->st.title);
    for (size_t i = 0; i < nf; i++) {
        lxw_row_t first, title = r;
        r = chart_block(b, &figs[i], r, &first);
        figure_chart(b, &figs[i], title, first, k++);
    }
    if (!k)
        xl_text(s, 3, 0, "No table or figure of this pillar is charted.", b->st.msg);
    xl_cap(s, 0, 60);
    for (lxw_col_t c = 1; c < XL_MAXCOL; c++)
        xl_cap(s, c, 18);
    s->head_row = 2;
    return b->status;
}
