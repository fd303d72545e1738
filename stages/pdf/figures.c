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
    L->g = (pd_grid){
        .ncol = L->across + 1, .width = L->w, .align = L->al, .head = L->head, .x = PD_LEFT};
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

/* Title, caption, table and chart: kept on one page when they fit one;
 * the title at `level`. */
/* The height a table takes drawn whole: title, caption, grid, chart. */
static float table_height(pd_ctx *c, const pd_table *t, laid_table *L, pd_block *cap)
{
    lay_table(c, t, L);
    *cap = caption_block(c, t, L);
    float h = 12.0f + c->h2.lead * 2.0f + cap->height + pd_grid_height(c, &L->g, L->cells, L->down);
    return t->comparison ? h + 14.0f + pd_chart_height(c, t) : h;
}

static void one(pd_ctx *c, const pd_table *t, int level)
{
    laid_table L;
    pd_block cap;
    float h = table_height(c, t, &L, &cap);
    if (h <= PD_FULL_PAGE)
        pd_need(c, h);
    pd_heading(c, level, t->label, 1);
    pd_block_draw(c, &cap, 1);
    pd_grid_begin(c, &L.g);
    for (size_t r = 0; r < L.down; r++)
        pd_grid_row(c, &L.g, L.cells + r * L.g.ncol);
    c->y -= 14.0f;
    if (t->comparison)
        pd_chart(c, t);
}

/* ---- key-figure blocks ---- */

#define NOT_STATED "not stated in this report"

static pd_cell text_cell(const char *text, int bold, unsigned rgb)
{
    return (pd_cell){text, PEEL_GRADE_NONE, bold, rgb};
}

/* A list block: one row a figure, with its period and report lines. */
static pd_cell *list_cells(pd_ctx *c, const pd_kblock *b)
{
    pd_cell *cells = peel_arena_alloc(&c->arena, sizeof *cells * 4 * (b->nrow + 1));
    for (size_t r = 0; r < b->nrow; r++) {
        const pd_krow *x = &b->row[r];
        const pd_kcell *k = &x->cell[0];
        pd_cell *row = cells + 4 * r;
        row[0] = text_cell(x->label, 0, 0);
        row[1] = k->text ? text_cell(k->text, 1, PD_NAVY) : text_cell(NOT_STATED, 0, PD_MUTED);
        row[2] = text_cell(k->text ? (k->period[0] ? k->period : "not stated") : "", 0,
                           k->period[0] ? 0 : PD_MUTED);
        row[3] = text_cell(!k->text      ? ""
                           : k->computed ? "computed"
                                         : k->lines,
                           0, k->computed ? PD_MUTED : 0);
    }
    return cells;
}

/* A grid block: its rows by its columns; periods and lines under it. */
static pd_cell *grid_cells(pd_ctx *c, const pd_kblock *b)
{
    size_t w = b->ncol + 1;
    pd_cell *cells = peel_arena_alloc(&c->arena, sizeof *cells * w * (b->nrow + 1));
    for (size_t r = 0; r < b->nrow; r++) {
        const pd_krow *x = &b->row[r];
        pd_cell *row = cells + w * r;
        row[0] = text_cell(x->label, x->total, 0);
        for (size_t k = 0; k < b->ncol; k++) {
            const pd_kcell *v = &x->cell[k];
            row[k + 1] =
                v->text ? text_cell(v->text, 1, PD_NAVY) : text_cell("not stated", 0, PD_MUTED);
        }
    }
    return cells;
}

/* "report line 946" or "report lines 96, 97, 98". */
static const char *lines_words(pd_ctx *c, const char *lines)
{
    return peel_arena_printf(&c->arena, "report %s %s", strchr(lines, ',') ? "lines" : "line",
                             lines);
}

/* A grid column's figures by period: "April 2019 (report line 946)",
 * "period not stated (report line 1029); 31 March 2019 (report line 803)". */
static const char *column_sources(pd_ctx *c, const pd_kblock *b, size_t k)
{
    peel_arena *a = &c->arena;
    const char *periods = "", *s = "";
    for (size_t r = 0; r < b->nrow; r++) {
        const pd_kcell *v = &b->row[r].cell[k];
        if (v->text && !v->computed)
            periods =
                pd_list_add(a, periods, v->period[0] ? v->period : "period not stated", "\x1f");
    }
    for (const char *p = periods; *p;) {
        size_t n = strcspn(p, "\x1f");
        const char *lines = "";
        for (size_t r = 0; r < b->nrow; r++) {
            const pd_kcell *v = &b->row[r].cell[k];
            const char *pv = v->period[0] ? v->period : "period not stated";
            if (v->text && !v->computed && strlen(pv) == n && strncmp(pv, p, n) == 0)
                lines = pd_list_add(a, lines, v->lines, ", ");
        }
        s = peel_arena_printf(a, "%s%s%.*s (%s)", s, s[0] ? "; " : "", (int)n, p,
                              lines_words(c, lines));
        p += n + (p[n] != '\0');
    }
    return s;
}

/* Each grid column's periods and report lines, under the grid. */
static const char *grid_sources(pd_ctx *c, const pd_kblock *b)
{
    const char *s = "";
    for (size_t k = 0; k < b->ncol; k++) {
        const char *col = column_sources(c, b, k);
        if (col[0])
            s = peel_arena_printf(&c->arena, "%s%s%s: %s", s, s[0] ? " · " : "", b->head[k + 1],
                                  col);
    }
    return s;
}

static void kgrid_widths(const pd_kblock *b, float *w, pd_align *al)
{
    if (!b->grid) {
        static const float share[4] = {0.36f, 0.24f, 0.28f, 0.12f};
        for (int k = 0; k < 4; k++) {
            w[k] = PD_WIDTH * share[k];
            al[k] = k == 1 ? PD_AL_RIGHT : PD_AL_LEFT;
        }
        return;
    }
    widths(b->ncol, w, al);
}

static void kblock(pd_ctx *c, const pd_kblock *b)
{
    static const char *const head[4] = {"Figure", "As stated", "Period", "Report line"};
    float w[MAX_COLS + 1];
    pd_align al[MAX_COLS + 1];
    size_t ncol = b->grid ? b->ncol + 1 : 4;
    if (ncol > MAX_COLS + 1)
        return;
    kgrid_widths(b, w, al);
    pd_cell *cells = b->grid ? grid_cells(c, b) : list_cells(c, b);
    pd_grid g = {
        .ncol = ncol, .width = w, .align = al, .head = b->grid ? b->head : head, .x = PD_LEFT};
    pd_block note;
    pd_block_init(&note);
    if (b->note[0])
        pd_block_text(c, &note, &c->note, b->note, PD_LEFT, NULL, 0.0f);
    pd_block_gap(c, &note, 4.0f);
    pd_block src;
    pd_block_init(&src);
    if (b->grid)
        pd_block_text(c, &src, &c->note, grid_sources(c, b), PD_LEFT, NULL, 0.0f);
    float h = 12.0f + c->h2.lead * 2.0f + note.height + pd_grid_height(c, &g, cells, b->nrow) +
              src.height + 14.0f;
    if (b->chart.nrow)
        h += 14.0f + pd_chart_height(c, &b->chart);
    if (h <= PD_FULL_PAGE)
        pd_need(c, h);
    pd_heading(c, 1, b->title, 1);
    pd_block_draw(c, &note, 1);
    pd_grid_begin(c, &g);
    for (size_t r = 0; r < b->nrow; r++)
        pd_grid_row(c, &g, cells + r * ncol);
    c->y -= 6.0f;
    pd_block_draw(c, &src, 1);
    c->y -= 8.0f;
    if (b->chart.nrow) {
        pd_chart(c, &b->chart);
        c->y -= 8.0f;
    }
}

/* The blocks the report states nothing of, named in one line. */
static void unstated(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    if (!p->nunstated)
        return;
    const char *s = "Not stated in this report, so left out: ";
    for (size_t i = 0; i < p->nunstated; i++)
        s = peel_arena_printf(&c->arena, "%s%s%s", s, i ? "; " : "", p->unstated[i]);
    pd_paragraph(c, &c->note, peel_arena_printf(&c->arena, "%s.", s));
}

void pd_figures(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_heading(c, 0, "Key figures", 0);
    if (p->nkblock || p->nunstated)
        pd_paragraph(c, &c->note,
                     "Figures named in the report's text, in its own units, each with the period "
                     "the report states it for and the lines it is on.");
    for (size_t i = 0; i < p->nkblock; i++)
        kblock(c, &p->kblock[i]);
    unstated(c);
    if (p->nkblock || p->nunstated) {
        /* With the first table, not alone at a page's foot. */
        float h = c->h2.lead * 2.0f + 40.0f;
        if (p->ntable) {
            laid_table L;
            pd_block cap;
            float first = table_height(c, &p->table[0], &L, &cap);
            h += first < PD_FULL_PAGE - h ? first : 160.0f;
        }
        pd_need(c, h);
        pd_heading(c, 1, "The report's tables", 1);
    }
    pd_paragraph(c, &c->note,
                 p->ntable ? "Figures as the report prints them, with the comparator it gives. "
                             "The force's own figures are in bold; in the charts its bars are "
                             "dark blue."
                           : "The report prints no tables for this pillar.");
    for (size_t i = 0; i < p->ntable; i++)
        one(c, &p->table[i], p->nkblock || p->nunstated ? 2 : 1);
}
