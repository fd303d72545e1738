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

#include "xl.h"

xl_sym *xl_sym_new(xl_book *b, const char *name)
{
    xl_sym *s = peel_arena_alloc(&b->arena, sizeof *s);
    s->name = peel_arena_strdup(&b->arena, name);
    s->format = "auto";
    peel_vec_push(&b->syms, s);
    peel_map_put(&b->sym_names, s->name, s); /* a later cell of a name hides an earlier one */
    return s;
}

xl_sym *xl_sym_find(xl_book *b, const char *name)
{
    return peel_map_get(&b->sym_names, name);
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
        snprintf(name, sizeof name, "%.*s", (int)n, f);
        fam = xl_family_find(b->lay, name);
        dec = f[n] == ':' ? atoi(f + n + 1) : 0;
    }
    s->fam = fam;
    s->dec = dec;
    return xl_numfmt(b, fam, dec, flags | s->flags);
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
                 peel_arena_printf(&b->arena, "Not stated in this report (%s).", what));
        return;
    }
    xl_sym *placed = placed_for(b, &fig);
    s->v = fig.value;
    s->ok = 1;
    s->line = fig.line;
    s->period = fig.period;
    s->also = fig.also;
    if (placed && placed != s) {
        unsigned flags = placed->sheet != s->sheet ? XL_GREEN : 0;
        lxw_format *fmt = format_for(b, s, fig.fam, fig.dec, flags);
        const char *to = xl_ref(b, s->sheet, placed->sheet, placed->row, placed->col, 0);
        xl_formula(s->sheet, s->row, s->col, to, fig.value, fmt, xl_numwidth(s->fam, s->v, s->dec));
        xl_note(s->sheet, s->row, s->col,
                peel_arena_printf(&b->arena, "%s\nThe figure is held at %s.",
                                  xl_figure_note(b, &fig),
                                  xl_ref(b, NULL, placed->sheet, placed->row, placed->col, 0)));
        return;
    }
    lxw_format *fmt = format_for(b, s, fig.fam, fig.dec, XL_BLUE);
    xl_num(s->sheet, s->row, s->col, fig.value, fmt, xl_numwidth(s->fam, s->v, s->dec));
    xl_note(s->sheet, s->row, s->col, xl_figure_note(b, &fig));
    if (fig.table_row >= 0)
        b->table_sym[fig.table_row] = s;
    else
        b->fact_sym[fig.fact_row] = s;
    const char *what = fig.table_row < 0 && s->label && s->label[0] ? s->label : fig.what;
    xl_source src = {.sheet = s->sheet,
                     .row = s->row,
                     .col = s->col,
                     .what = what,
                     .raw = fig.raw,
                     .unit = fig.unit,
                     .period = fig.period,
                     .sentence = fig.sentence,
                     .line = fig.line,
                     .also = fig.also,
                     .fam = s->fam,
                     .dec = s->dec,
                     .value = s->v};
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
        flags = link->sheet != s->sheet ? XL_GREEN : 0;
    }
    lxw_format *fmt = format_for(b, s, e.fam, e.dec, flags);
    if (!e.ok) {
        write_na(b, s, "n/a",
                 peel_arena_printf(&b->arena, "Not computed: %s is not known for this report.",
                                   e.missing));
        return PEEL_OK;
    }
    s->ok = 1;
    s->v = e.v;
    xl_formula(s->sheet, s->row, s->col, e.formula, e.v, fmt, xl_numwidth(s->fam, e.v, s->dec));
    if (link && link->line)
        xl_note(s->sheet, s->row, s->col,
                peel_arena_printf(&b->arena, "Report line %ld.\nThe figure is held at %s.",
                                  link->line,
                                  xl_ref(b, NULL, link->sheet, link->row, link->col, 0)));
    return PEEL_OK;
}

peel_status xl_sym_eval(xl_book *b, xl_sym *s)
{
    if (s->state == XL_DONE)
        return PEEL_OK;
    if (s->state == XL_BUSY)
        return xl_layout_fail(b, s->lay_line, "source", "[%s] depends on itself", s->name);
    s->state = XL_BUSY;
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
    if (st == PEEL_OK && s->define && s->ok)
        peel_vec_push(&b->names, s);
    return st;
}
