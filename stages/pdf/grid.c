/* Tables: cells wrapped to their column, rows never split, the header row
 * drawn again at the top of each page a table runs onto, light zebra
 * stripes so a row can be followed across. */
#include <string.h>

#include "pd.h"

#define PAD_X 5.0f
#define PAD_Y 4.5f
#define BADGE_SIZE 7.5f

typedef struct laid {
    pd_line *line;
    size_t n;
    float h;
} laid;

static const pd_style *cell_style(pd_ctx *c, int bold, unsigned rgb, pd_style *tmp)
{
    *tmp = c->small;
    tmp->font = bold ? c->bold : c->font;
    tmp->rgb = rgb ? rgb : PD_INK;
    return tmp;
}

static float width_sum(const pd_grid *g)
{
    float w = 0.0f;
    for (size_t k = 0; k < g->ncol; k++)
        w += g->width[k];
    return w;
}

/* A badge keeps its padding inside its cell: a grade too long for the
 * column at the usual size is set smaller rather than run into the next. */
static float badge_size(pd_ctx *c, peel_grade g, float w)
{
    float at1 = pd_badge_width(c, 1.0f, peel_grade_name(g)), fit = (w - 2 * PAD_X) / at1;
    return fit < BADGE_SIZE ? fit : BADGE_SIZE;
}

static laid lay(pd_ctx *c, const pd_cell *cell, const pd_style *st, float w)
{
    laid l = {NULL, 0, 0.0f};
    if (cell->badge) {
        l.h = pd_badge_height(BADGE_SIZE);
        return l;
    }
    float room = w - 2 * PAD_X;
    l.n = pd_wrap(&c->arena, st->font, st->size, cell->text ? cell->text : "", room, &l.line);
    /* A row may take half a page at most, so it always fits on one: a cell
     * longer than that ends in an ellipsis (the records keep it whole). */
    size_t most = (size_t)(PD_FULL_PAGE / 2.0f / st->lead);
    if (l.n > most) {
        pd_line *last = &l.line[most - 1];
        const char *s =
            pd_fit(c, st->font, st->size,
                   peel_arena_printf(&c->arena, "%.*s …", (int)last->len, last->s), room);
        *last = (pd_line){s, strlen(s), pd_swidth(st->font, st->size, s)};
        l.n = most;
    }
    l.h = (float)l.n * st->lead;
    return l;
}

static void draw_cell(pd_ctx *c, const pd_grid *g, size_t k, float x, float top, float h,
                      const pd_cell *cell, const pd_style *st, const laid *l)
{
    float w = g->width[k], y = top - PAD_Y - (h - 2 * PAD_Y - l->h) / 2.0f;
    if (cell->badge != PEEL_GRADE_NONE) {
        float size = badge_size(c, cell->badge, w);
        float bw = pd_badge_width(c, size, peel_grade_name(cell->badge));
        float bx = g->align[k] == PD_AL_CENTER ? x + (w - bw) / 2.0f : x + PAD_X;
        pd_grade_badge(c, bx, y - (pd_badge_height(BADGE_SIZE) - pd_badge_height(size)) / 2.0f,
                       size, cell->badge);
        return;
    }
    for (size_t i = 0; i < l->n; i++, y -= st->lead) {
        float lx = x + PAD_X;
        if (g->align[k] == PD_AL_RIGHT)
            lx = x + w - PAD_X - l->line[i].width;
        else if (g->align[k] == PD_AL_CENTER)
            lx = x + (w - l->line[i].width) / 2.0f;
        pd_text(c, st, lx, pd_baseline(st, y), l->line[i].s, l->line[i].len);
    }
}

/* A row of cells laid out: each cell's lines, its style, the height. */
typedef struct pd_laid_row {
    const pd_cell *cells; /* what was laid out */
    laid l[16];
    pd_style st[16];
    size_t ncol;
    float h;
} laid_row;

static void row_lay(pd_ctx *c, const pd_grid *g, const pd_cell *cells, laid_row *r)
{
    r->cells = cells;
    r->ncol = g->ncol < 16 ? g->ncol : 16;
    r->h = 0.0f;
    for (size_t k = 0; k < r->ncol; k++) {
        cell_style(c, cells[k].bold, cells[k].rgb, &r->st[k]);
        r->l[k] = lay(c, &cells[k], &r->st[k], g->width[k]);
        if (r->l[k].h > r->h)
            r->h = r->l[k].h;
    }
    r->h += 2 * PAD_Y;
}

/* Draws a row laid out by row_lay, with a background when bg. */
static void row_draw(pd_ctx *c, const pd_grid *g, const pd_cell *cells, unsigned bg,
                     const laid_row *r)
{
    if (bg)
        pd_rect(c, g->x, c->y - r->h, width_sum(g), r->h, bg);
    float x = g->x;
    for (size_t k = 0; k < r->ncol; k++) {
        draw_cell(c, g, k, x, c->y, r->h, &cells[k], &r->st[k], &r->l[k]);
        x += g->width[k];
    }
}

/* The header's cells, bold and navy (cells has 16; those past the grid's
 * columns cleared). */
static void head_cells(const pd_grid *g, pd_cell *cells)
{
    size_t ncol = g->ncol < 16 ? g->ncol : 16;
    memset(cells, 0, 16 * sizeof *cells);
    for (size_t k = 0; k < ncol; k++)
        cells[k] = (pd_cell){g->head[k], PEEL_GRADE_NONE, 1, PD_NAVY};
}

/* Row i of the grid laid out (0 the header, whose cells are in tmp): the
 * layout pd_grid_height kept when it is of these cells, else made now. */
static const laid_row *laid_at(pd_ctx *c, const pd_grid *g, size_t i, const pd_cell *cells,
                               laid_row *tmp)
{
    if (g->laid && i < g->nlaid && (i == 0 || g->laid[i].cells == cells))
        return &g->laid[i];
    row_lay(c, g, cells, tmp);
    return tmp;
}

static void head(pd_ctx *c, const pd_grid *g)
{
    pd_cell cells[16];
    head_cells(g, cells);
    laid_row tmp;
    const laid_row *r = laid_at(c, g, 0, cells, &tmp);
    row_draw(c, g, cells, PD_HEAD_BG, r);
    c->y -= r->h;
    pd_line_at(c, g->x, c->y, g->x + width_sum(g), c->y, 0.8f, PD_ACCENT);
}

float pd_grid_height(pd_ctx *c, pd_grid *g, const pd_cell *rows, size_t nrows)
{
    laid_row *rows_laid = peel_arena_alloc(&c->arena, sizeof *rows_laid * (nrows + 1));
    pd_cell cells[16];
    head_cells(g, cells);
    row_lay(c, g, cells, &rows_laid[0]);
    rows_laid[0].cells = NULL; /* this array's: the header's are made again where drawn */
    float h = rows_laid[0].h;
    for (size_t r = 0; r < nrows; r++) {
        row_lay(c, g, rows + r * g->ncol, &rows_laid[r + 1]);
        h += rows_laid[r + 1].h;
    }
    g->laid = rows_laid;
    g->nlaid = nrows + 1;
    return h;
}

void pd_grid_begin(pd_ctx *c, pd_grid *g)
{
    pd_cell cells[16];
    head_cells(g, cells);
    laid_row tmp;
    /* The header and at least two rows together. */
    pd_need(c, laid_at(c, g, 0, cells, &tmp)->h + 44.0f);
    head(c, g);
    g->nrows_drawn = 0;
    g->nrows_done = 0;
}

void pd_grid_row(pd_ctx *c, pd_grid *g, const pd_cell *cells)
{
    laid_row tmp; /* laid out once: measured, then drawn */
    const laid_row *r = laid_at(c, g, g->nrows_done + 1, cells, &tmp);
    if (c->y - r->h < PD_BOTTOM && c->y < PD_TOP) {
        pd_page_new(c, 1);
        head(c, g);
        g->nrows_drawn = 0;
    }
    row_draw(c, g, cells, g->nrows_drawn % 2 ? PD_ZEBRA : 0, r);
    c->y -= r->h;
    pd_line_at(c, g->x, c->y, g->x + width_sum(g), c->y, 0.4f, PD_RULE);
    g->nrows_drawn++;
    g->nrows_done++;
}
