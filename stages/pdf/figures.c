/* Key figures: each of the pillar's tables as printed, with its comparator,
 * unit, period and report lines, and a bar chart for the comparisons. */
#include <string.h>

#include "pd.h"

#define MAX_COLS 15 /* pd_grid draws up to 16 columns with the labels */

static const char *caption(pd_ctx *c, const pd_table *t)
{
    peel_arena *a = &c->arena;
    const char *lines =
        t->first_line == t->last_line
            ? peel_arena_printf(a, "report line %ld", t->first_line)
            : peel_arena_printf(a, "report lines %ld–%ld", t->first_line, t->last_line);
    const char *s = "";
    if (t->unit && t->unit[0])
        s = peel_arena_printf(a, "Unit: %s · ", t->unit);
    if (t->period && t->period[0])
        s = peel_arena_printf(a, "%s%s · ", s, t->period);
    return peel_arena_printf(a, "%s%s", s, lines);
}

/* The label column takes what the figures leave, within limits. */
static void widths(size_t ncol, float *w, pd_align *al)
{
    float fig = ncol > 1 ? (ncol > 4 ? 80.0f : 105.0f) : 120.0f;
    float label = PD_WIDTH - fig * (float)ncol;
    if (label < PD_WIDTH * 0.3f) {
        label = PD_WIDTH * 0.3f;
        fig = (PD_WIDTH - label) / (float)ncol;
    }
    w[0] = label;
    al[0] = PD_AL_LEFT;
    for (size_t k = 0; k < ncol; k++) {
        w[k + 1] = fig;
        al[k + 1] = PD_AL_RIGHT;
    }
}

/* A table laid out as a grid: its geometry and every row's cells.  A table
 * with many columns and few rows is turned on its side, so its figures get
 * room rather than columns a few letters wide. */
typedef struct laid_table {
    int turned;          /* grid rows are the table's columns */
    size_t across, down; /* grid columns (besides the labels) and rows */
    float w[MAX_COLS + 1];
    pd_align al[MAX_COLS + 1];
    const char *head[MAX_COLS + 1];
    pd_cell *cells; /* down * (across + 1), arena */
    pd_grid g;
} laid_table;

static pd_cell figure(const pd_table *t, size_t r, size_t k)
{
    const char *raw = t->row[r].raw[k];
    int force = t->col[k].is_force;
    return (pd_cell){raw ? raw : "–", PEEL_GRADE_NONE, force, force ? PD_NAVY : 0};
}

static void lay_table(pd_ctx *c, const pd_table *t, laid_table *L)
{
    L->turned = t->ncol > 5 && t->nrow < t->ncol;
    size_t across = L->turned ? t->nrow : t->ncol, down = L->turned ? t->ncol : t->nrow;
    L->across = across < MAX_COLS ? across : MAX_COLS;
    L->down = down;
    widths(L->across, L->w, L->al);
    L->head[0] = "";
    for (size_t a = 0; a < L->across; a++)
        L->head[a + 1] = L->turned ? t->row[a].label : t->col[a].label;
    L->cells = peel_arena_alloc(&c->arena, (down + 1) * (L->across + 1) * sizeof *L->cells);
    for (size_t d = 0; d < down; d++) {
        pd_cell *row = L->cells + d * (L->across + 1);
        const pd_col *col = L->turned ? &t->col[d] : NULL;
        row[0] = (pd_cell){L->turned ? col->label : t->row[d].label, PEEL_GRADE_NONE,
                           col && col->is_force, col && col->is_force ? PD_NAVY : 0};
        for (size_t a = 0; a < L->across; a++)
            row[a + 1] = L->turned ? figure(t, a, d) : figure(t, d, a);
    }
    L->g = (pd_grid){L->across + 1, L->w, L->al, L->head, PD_LEFT, 0};
}

static pd_block caption_block(pd_ctx *c, const pd_table *t, const laid_table *L)
{
    pd_block b;
    pd_block_init(&b);
    const char *text = caption(c, t);
    size_t all = L->turned ? t->nrow : t->ncol;
    if (L->across < all)
        text =
            peel_arena_printf(&c->arena, "%s · the first %zu of %zu columns (the workbook has all)",
                              text, L->across, all);
    pd_block_text(c, &b, &c->note, text, PD_LEFT, NULL, 0.0f);
    pd_block_gap(c, &b, 4.0f);
    return b;
}

/* Title, caption, table and chart: kept on one page when they fit one. */
static void one(pd_ctx *c, const pd_table *t)
{
    laid_table L;
    lay_table(c, t, &L);
    pd_block cap = caption_block(c, t, &L);
    float h = 12.0f + c->h2.lead * 2.0f + cap.height + pd_grid_height(c, &L.g, L.cells, L.down);
    if (t->comparison)
        h += 14.0f + pd_chart_height(c, t);
    if (h <= PD_FULL_PAGE)
        pd_need(c, h);
    pd_heading(c, 1, t->label, 1);
    pd_block_draw(c, &cap, 1);
    pd_grid_begin(c, &L.g);
    for (size_t r = 0; r < L.down; r++)
        pd_grid_row(c, &L.g, L.cells + r * L.g.ncol);
    c->y -= 14.0f;
    if (t->comparison)
        pd_chart(c, t);
}

void pd_figures(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_heading(c, 0, "Key figures", 0);
    pd_paragraph(c, &c->note,
                 p->ntable ? "Figures as the report prints them, with the comparator it gives. "
                             "The force's own figures are in bold; in the charts its bars are "
                             "dark blue."
                           : "The report prints no tables for this pillar.");
    for (size_t i = 0; i < p->ntable; i++)
        one(c, &p->table[i]);
}
