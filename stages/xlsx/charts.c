/* The Charts sheet: a native bar chart per Data table that compares the
 * force with a comparator (or one date with another).  Series, categories
 * and titles point at the Data cells, so no report text is passed to the
 * chart as a string that could be read as a formula. */
#include <string.h>

#include "xl.h"

#define CHART_ROWS 14 /* rows each chart takes, with a gap: two rows of charts a page */

static void add_series(xl_book *b, lxw_chart *chart, const xl_data_table *p, int col, unsigned rgb,
                       const char *numfmt)
{
    const char *sheet = b->data->name;
    lxw_col_t c = (lxw_col_t)(p->col0 + (lxw_col_t)col);
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    if (!s) {
        xl_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "Charts");
        return;
    }
    chart_series_set_categories(s, sheet, p->first, 0, p->last, 0);
    chart_series_set_values(s, sheet, p->first, c, p->last, c);
    chart_series_set_name_range(s, sheet, p->head_row, c);
    lxw_chart_fill fill = {.color = rgb};
    chart_series_set_fill(s, &fill);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, numfmt);
}

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

static void chart_one(xl_book *b, const xl_data_table *p, size_t k)
{
    const peel_table *t = p->t;
    int one, two;
    if (!chart_cols(t, &one, &two))
        return;
    const xl_family *fam = xl_family_of_unit(b->lay, t->col[one].unit, 1);
    char numfmt[128];
    xl_pattern(fam->pattern, 0, numfmt, sizeof numfmt);
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
    if (!chart) {
        xl_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "Charts");
        return;
    }
    chart_title_set_name_range(chart, b->data->name, p->title_row, 0);
    lxw_chart_font title = {.size = 11, .bold = 1};
    chart_title_set_name_font(chart, &title);
    add_series(b, chart, p, one, 0x1F4E79, numfmt);
    add_series(b, chart, p, two, 0xA6A6A6, numfmt);
    /* In a bar chart x_axis is the (horizontal) value axis. */
    chart_axis_set_num_format(chart->x_axis, numfmt);
    chart_axis_set_min(chart->x_axis, 0);       /* bars from zero, or differences look bigger */
    chart_axis_set_reverse(chart->y_axis);      /* first row at the top, as in the table */
    chart_axis_set_crossing_max(chart->y_axis); /* and the values along the bottom */
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
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

void xl_charts_write(xl_book *b)
{
    xl_sheet *s = b->charts;
    xl_sheet_title(
        s, peel_arena_printf(&b->arena, "%s: %s charts", b->force, peel_pillar_label(b->pillar)),
        "The force (dark) against its comparator (grey), or now (dark) against the "
        "earlier date (grey), from the Data sheet.");
    size_t k = 0;
    for (size_t i = 0; i < b->chart_tables.n; i++) {
        const xl_data_table *p = b->chart_tables.item[i];
        int one, two, seen = 0;
        /* A table printed twice (opening and pillar) is charted once. */
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(((const xl_data_table *)b->chart_tables.item[j])->t->key, p->t->key) == 0;
        if (!seen && chart_cols(p->t, &one, &two))
            chart_one(b, p, k++);
    }
    if (!k)
        xl_text(s, 3, 0, "No table of this pillar has a comparator to chart.", b->st.msg);
    s->head_row = 2;
}
