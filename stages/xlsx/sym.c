/* Named cells.  Every figure and derived cell a workbook shows is an
 * xl_sym: a name ("reserves.movement", "fte.police-officer.latest"), a
 * place, and the expression from the layout.  An expression is either one
 * figure (fact:KEY, fact:KEY#N, table:GLOB/ROW/SEL, @SEL, #N), written as a
 * constant with its note -- or, when the same figure is already in the
 * workbook, as a link to it -- or arithmetic over other cells (expr.c),
 * written as a formula with its result cached.  Figures never appear in a
 * formula as constants: each is a cell, and formulas point at it.
 *
 * Cells are evaluated on demand, so a formula may need a cell further down
 * or on another sheet; a cell that needs itself is a layout error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "xl.h"

xl_sym *xl_sym_new(xl_book *b, const char *name)
{
    xl_sym *s = peel_arena_alloc(&b->arena, sizeof *s);
    s->name = name; /* the caller's, in the book's arena: not copied again */
    s->format = "auto";
    peel_vec_push(&b->syms, s);
    peel_map_put(&b->sym_names, s->name, s); /* a later cell of a name hides an earlier one */
    return s;
}

xl_sym *xl_sym_find(xl_book *b, const char *name)
{
    return peel_map_get(&b->sym_names, name);
}

/* ---- periods ------------------------------------------------------------
 * Every figure shows the period the report states for it; a derived cell
 * the periods of the figures it is built on.  A ratio of two figures
 * stated for different periods (four years' savings over one year's budget)
 * says so where it is shown. */

static void add_period(xl_book *b, xl_sym *s, const char *period)
{
    if (!period || !period[0])
        return;
    for (size_t i = 0; i < s->nperiod; i++)
        if (strcmp(s->periods[i], period) == 0)
            return;
    const char **grown = peel_arena_alloc(&b->arena, sizeof *grown * (s->nperiod + 1));
    if (s->nperiod)
        memcpy(grown, s->periods, sizeof *grown * s->nperiod);
    grown[s->nperiod++] = period;
    s->periods = grown;
}

void xl_sym_uses(xl_book *b, xl_sym *self, const xl_sym *in)
{
    if (!self->nperiod) { /* its first periods: in's, shared (a list grows by a copy) */
        self->periods = in->periods;
        self->nperiod = in->nperiod;
    } else {
        for (size_t i = 0; i < in->nperiod; i++)
            add_period(b, self, in->periods[i]);
    }
    if (!self->undated)
        self->undated = in->undated;
    if (!self->fail)
        self->fail = in->fail;
    if (!self->nin++)
        self->first_in = in;
    self->last_in = in;
}

/* Nonzero when two cells share a stated period ("by 2022/23" is 2022/23). */
static int periods_meet(const xl_sym *a, const xl_sym *c)
{
    peel_buf x, y;
    peel_buf_init(&x);
    peel_buf_init(&y);
    int meet = 0;
    for (size_t i = 0; i < a->nperiod && !meet; i++)
        for (size_t j = 0; j < c->nperiod && !meet; j++) {
            x.len = y.len = 0;
            peel_period_identity(a->periods[i], &x);
            peel_period_identity(c->periods[j], &y);
            meet = strcmp(peel_buf_str(&x), peel_buf_str(&y)) == 0;
        }
    peel_buf_release(&x);
    peel_buf_release(&y);
    return meet;
}

static const char *join(xl_book *b, const char *const *periods, size_t n)
{
    if (n <= 1) /* none, or the one: kept as it is */
        return n ? periods[0] : "";
    peel_buf out;
    peel_buf_init(&out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            peel_buf_add(&out, "; ", 2);
        peel_buf_puts(&out, periods[i]);
    }
    const char *r = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return r;
}

static const char *what_of(const xl_sym *s)
{
    return s->label && s->label[0] ? s->label : s->name;
}

/* A derived cell's period: its inputs' periods; a ratio (a pct or ratio
 * format) of two cells of no common period names both. */
static void derived_period(xl_book *b, xl_sym *s)
{
    int ratio = s->fam && (strcmp(s->fam->name, "pct") == 0 || strcmp(s->fam->name, "ratio") == 0);
    const xl_sym *num = s->first_in, *den = s->last_in;
    if (ratio && s->nin == 2 && num->nperiod && den->nperiod && !periods_meet(num, den)) {
        s->period = peel_arena_printf(&b->arena, "%s over %s", num->period, den->period);
        s->mixed = peel_arena_printf(&b->arena, "mixes periods: %s is for %s, %s for %s",
                                     what_of(num), num->period, what_of(den), den->period);
        return;
    }
    s->period = join(b, s->periods, s->nperiod);
    if (s->nperiod && s->undated)
        s->period =
            peel_arena_printf(&b->arena, "%s; %s: " XL_NO_PERIOD, s->period, what_of(s->undated));
}

const char *xl_periods_join(xl_book *b, xl_sym *const *cells, size_t n, const char **mixed)
{
    xl_sym all = {0};
    *mixed = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!cells[i] || !cells[i]->ok)
            continue;
        for (size_t k = 0; k < cells[i]->nperiod; k++)
            add_period(b, &all, cells[i]->periods[k]);
        if (!*mixed && cells[i]->mixed)
            *mixed = cells[i]->mixed;
        if (!all.undated)
            all.undated = cells[i]->undated;
    }
    const char *p = join(b, all.periods, all.nperiod);
    if (all.nperiod && all.undated)
        p = peel_arena_printf(&b->arena, "%s; some figures: " XL_NO_PERIOD, p);
    return p;
}

void xl_period_row(xl_sheet *s, lxw_row_t r, lxw_col_t col0, xl_sym **const *cells, const size_t *n,
                   size_t ncol)
{
    xl_book *b = s->book;
    xl_text(s, r, 0, "Period", b->st.msg);
    for (size_t i = 0; i < ncol; i++) {
        const char *mixed;
        const char *p = xl_periods_join(b, cells[i], n[i], &mixed);
        lxw_col_t c = (lxw_col_t)(col0 + i);
        xl_text(s, r, c, p[0] ? p : XL_NO_PERIOD, b->st.period);
        if (mixed)
            xl_note(s, r, c, peel_arena_printf(&b->arena, "This column %s.", mixed));
    }
}

const char *xl_subst(xl_book *b, const char *src, const char *vars, const char *row)
{
    if (!strchr(src, '{'))
        return src;
    peel_buf out;
    peel_buf_init(&out);
    for (const char *p = src; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            peel_buf_putc(&out, *p++);
            continue;
        }
        size_t n = (size_t)(close - p - 1);
        const char *val = NULL;
        size_t vlen = 0;
        if (row && n == 3 && strncmp(p + 1, "row", 3) == 0) {
            val = row;
            vlen = strlen(row);
        }
        for (const char *v = vars; v && *v && !val;) {
            size_t len = strcspn(v, ";");
            const char *eq = memchr(v, '=', len);
            if (eq && (size_t)(eq - v) == n && strncmp(v, p + 1, n) == 0) {
                val = eq + 1;
                vlen = len - (size_t)(eq - v) - 1;
            }
            v += len + (v[len] == ';');
        }
        if (val)
            peel_buf_add(&out, val, vlen);
        else
            peel_buf_add(&out, p, n + 2);
        p = close + 1;
    }
    char *s = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return s;
}

static lxw_format *format_for(xl_book *b, xl_sym *s, const xl_family *fam, int dec, unsigned flags)
{
    const char *f = s->format;
    if (s->like && s->like->fam) {
        fam = s->like->fam;
        dec = s->like->dec + 1;
    } else if (strcmp(f, "auto") != 0 && strcmp(f, "same") != 0) {
        char name[64];
        size_t n = strcspn(f, ":");
        size_t k = n < sizeof name ? n : sizeof name - 1; /* as snprintf would cut it */
        memcpy(name, f, k);
        name[k] = '\0';
        fam = xl_family_find(b->lay, name);
        dec = f[n] == ':' ? atoi(f + n + 1) : 0;
    }
    s->fam = fam;
    s->dec = dec;
    return xl_numfmt(b, fam, dec, flags | s->flags | (s->fail ? XL_FAIL : 0));
}

static void write_na(xl_book *b, xl_sym *s, const char *shown, const char *why)
{
    xl_text(s->sheet, s->row, s->col, shown, b->st.na);
    xl_note(s->sheet, s->row, s->col, why);
    s->ok = 0;
    s->v = NAN;
}

static xl_sym *placed_for(xl_book *b, const xl_figure *fig)
{
    return fig->table_row >= 0 ? b->table_sym[fig->table_row] : b->fact_sym[fig->fact_row];
}

static void write_figure(xl_book *b, xl_sym *s)
{
    xl_figure fig;
    if (!xl_figure_find(b, s->expr, s->table, s->trow, &fig)) {
        int ri = s->expr[0] == '@' && s->table ? peel_table_row(b->tix, s->table, s->trow) : -1;
        if (ri >= 0) { /* the row is printed: this cell was rejected or left blank */
            write_na(b, s, "n/a", xl_missing_note(b, s->table->row[ri].line));
            return;
        }
        const char *what = s->expr[0] == '@' ? "this table cell" : s->expr;
        write_na(b, s, "not stated",
                 peel_arena_printf(&b->tmp, "Not stated in this report (%s).", what));
        return;
    }
    xl_sym *placed = placed_for(b, &fig);
    s->v = fig.value;
    s->ok = 1;
    s->line = fig.line;
    s->period = fig.period;
    add_period(b, s, fig.period);
    s->undated = fig.period[0] ? NULL : s;
    s->also = fig.also;
    s->fail = fig.table_row >= 0 ? b->cell_fail[fig.table_row] : b->fact_fail[fig.fact_row];
    s->fail_own = s->fail != NULL;
    const char *fail =
        s->fail ? peel_arena_concat(&b->tmp, (const char *[]){"\n", xl_fail_note(b, s)}, 2) : "";
    if (placed && placed != s) {
        unsigned flags = placed->sheet != s->sheet ? XL_GREEN : 0;
        lxw_format *fmt = format_for(b, s, fig.fam, fig.dec, flags);
        const char *to = xl_ref(b, s->sheet, placed->sheet, placed->row, placed->col, 0);
        xl_formula(s->sheet, s->row, s->col, to, fig.value, fmt, xl_numwidth(s->fam, s->v, s->dec));
        const char *note[] = {xl_figure_note(b, &fig), "\nThe figure is held at ",
                              xl_ref(b, NULL, placed->sheet, placed->row, placed->col, 0), ".",
                              fail};
        xl_note(s->sheet, s->row, s->col, peel_arena_concat(&b->tmp, note, 5));
        return;
    }
    lxw_format *fmt = format_for(b, s, fig.fam, fig.dec, XL_BLUE);
    xl_num(s->sheet, s->row, s->col, fig.value, fmt, xl_numwidth(s->fam, s->v, s->dec));
    xl_note(s->sheet, s->row, s->col,
            peel_arena_concat(&b->tmp, (const char *[]){xl_figure_note(b, &fig), fail}, 2));
    s->held = 1;
    if (fig.table_row >= 0)
        b->table_sym[fig.table_row] = s;
    else
        b->fact_sym[fig.fact_row] = s;
    const char *what = fig.table_row < 0 && s->label && s->label[0] ? s->label : fig.what;
    const char *sentence = fig.sentence;
    if (fig.table_row >= 0) { /* kept for the Sources sheet, out of the scratch arena */
        what = peel_arena_strdup(&b->arena, what);
        sentence = peel_arena_strdup(&b->arena, sentence);
    }
    xl_source src = {
        .cell = s, .what = what, .raw = fig.raw, .unit = fig.unit, .sentence = sentence};
    xl_source_add(b, &src);
}

static peel_status write_formula(xl_book *b, xl_sym *s)
{
    xl_expr_value e;
    peel_status st = xl_expr_eval(b, s, &e);
    if (st != PEEL_OK)
        return st;
    unsigned flags = 0;
    const xl_sym *link = e.link; /* one bare reference: the same figure, linked */
    if (link) {
        s->line = link->line;
        s->period = link->period;
        s->mixed = link->mixed;
        s->undated = link->undated;
        s->fail_own = link->fail_own;
        flags = link->sheet != s->sheet ? XL_GREEN : 0;
    }
    lxw_format *fmt = format_for(b, s, e.fam, e.dec, flags);
    if (!link)
        derived_period(b, s);
    if (!e.ok) {
        write_na(b, s, "n/a",
                 peel_arena_printf(&b->tmp, "Not computed: %s is not known for this report.",
                                   e.missing));
        return PEEL_OK;
    }
    s->ok = 1;
    s->v = e.v;
    xl_formula(s->sheet, s->row, s->col, e.formula, e.v, fmt, xl_numwidth(s->fam, e.v, s->dec));
    /* One note says all: where a linked figure is held, mixed periods, a
     * failing figure it is built on. */
    const char *note = "";
    char line[XL_LONG_TEXT];
    if (link && link->line)
        note = peel_arena_concat(
            &b->tmp,
            (const char *[]){"Report line ", xl_ltoa(line, link->line), ".\nThe figure is held at ",
                             xl_ref(b, NULL, link->sheet, link->row, link->col, 0), "."},
            5);
    else if (s->mixed)
        note = peel_arena_concat(&b->tmp, (const char *[]){"This figure ", s->mixed, "."}, 3);
    if (s->fail)
        note = peel_arena_concat(
            &b->tmp, (const char *[]){note, note[0] ? "\n" : "", xl_fail_note(b, s)}, 3);
    if (note[0])
        xl_note(s->sheet, s->row, s->col, note);
    return PEEL_OK;
}

peel_status xl_sym_eval(xl_book *b, xl_sym *s)
{
    if (s->state == XL_DONE)
        return PEEL_OK;
    if (s->state == XL_BUSY)
        return xl_layout_fail(b, s->lay_line, "source", "[%s] depends on itself", s->name);
    s->state = XL_BUSY;
    peel_arena_mark scratch = peel_arena_here(&b->tmp);
    peel_status st = s->like ? xl_sym_eval(b, s->like) : PEEL_OK;
    if (st != PEEL_OK) {
    } else if (s->nmember) {
        for (size_t i = 0; i < s->nmember && st == PEEL_OK; i++)
            st = xl_sym_eval(b, s->member[i]);
        s->ok = 1;
    } else if (s->expr && xl_expr_is_leaf(s->expr)) {
        write_figure(b, s);
    } else if (s->expr) {
        st = write_formula(b, s);
    }
    s->state = XL_DONE;
    peel_arena_rewind(&b->tmp, scratch); /* libxlsxwriter has the cell's texts */
    if (st == PEEL_OK && s->define && s->ok)
        peel_vec_push(&b->names, s);
    return st;
}
