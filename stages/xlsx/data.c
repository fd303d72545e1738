/* The Data sheet: every table that belongs to the pillar, one block each,
 * figures as numbers, then the derived columns a table's shape calls for:
 *   force against a comparator  -> difference, ratio to the comparator
 *   the same measure at two dates -> change, change computed
 * and a total row when the unit adds up.  Cells are xl_syms, so derived
 * columns are formulas over the figures with their results cached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

#define COL_LABEL 0

typedef struct derived {
    const char *head, *expr, *format;
} derived;

int xl_table_decimals(xl_book *b, const peel_table *t, int ci)
{
    int dec = 0;
    for (size_t ri = 0; ri < t->nrow; ri++) {
        long rec = peel_table_cell(t, (int)ri, ci);
        int d = rec < 0 ? 0 : xl_figure_decimals(b, rec);
        if (d > dec)
            dec = d;
    }
    return dec;
}

/* Derived columns by shape, as expressions over the row's cells c<i>. */
static size_t derived_of(xl_book *b, const peel_table *t, derived *out, int *a, int *c)
{
    if (t->force >= 0 && t->comparator >= 0) {
        *a = t->force;
        *c = t->comparator;
        int pct = strcmp(t->col[*a].unit, "%") == 0;
        int dec = xl_table_decimals(b, t, *a), dc = xl_table_decimals(b, t, *c);
        /* Named after the comparator as the report labels its column. */
        out[0].head = peel_arena_printf(&b->arena, "Difference from %s", t->col[*c].label);
        out[0].expr =
            peel_arena_printf(&b->arena, pct ? "([c%d] - [c%d]) * 100" : "[c%d] - [c%d]", *a, *c);
        /* A difference of shares is in points, to the decimals printed. */
        out[0].format = pct ? peel_arena_printf(&b->arena, "pts:%d", dec > dc ? dec : dc) : "same";
        out[1].head = peel_arena_printf(&b->arena, "Ratio to %s", t->col[*c].label);
        out[1].expr = peel_arena_printf(&b->arena, "[c%d] / [c%d]", *a, *c);
        out[1].format = "ratio:2";
        return 2;
    }
    if (t->latest >= 0 && t->earliest >= 0) {
        *a = t->latest;
        *c = t->earliest;
        out[0].head = "Change";
        out[0].expr = peel_arena_printf(&b->arena, "[c%d] - [c%d]", *a, *c);
        out[0].format = "same";
        out[1].head = "Change computed";
        out[1].expr = peel_arena_printf(&b->arena, "[d0] / [c%d]", *c);
        out[1].format = "pct:1";
        return 2;
    }
    return 0;
}

static int additive(xl_book *b, const peel_tcol *col)
{
    const xl_family *fam = xl_family_of_unit(b->lay, col->unit, 1);
    return fam && fam->additive;
}

/* The table's units, each once, in column order. */
static const char *units_of(xl_book *b, const peel_table *t)
{
    peel_buf out;
    peel_buf_init(&out);
    for (size_t i = 0; i < t->ncol; i++) {
        const char *v = t->col[i].unit;
        size_t k = 0;
        while (k < i && strcmp(t->col[k].unit, v) != 0)
            k++;
        if (v[0] && k == i)
            peel_buf_printf(&out, "%s%s", out.len ? "; " : "", v);
    }
    char *s = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return s;
}

/* "line 96" or "lines 96–98": where a table is printed. */
static const char *table_lines(xl_book *b, const peel_table *t)
{
    long last = t->nrow ? t->row[t->nrow - 1].line : t->line;
    return last > t->line ? peel_arena_printf(&b->arena, "lines %ld–%ld", t->line, last)
                          : peel_arena_printf(&b->arena, "line %ld", t->line);
}

/* A table of the pillar printed twice with the same figures (an opening
 * table the pillar repeats) is shown once: nonzero when every cell of t
 * has its twin in `first`, an earlier table of the same key and shape. */
static int same_table(const xl_book *b, const peel_table *t, const peel_table *first)
{
    if (strcmp(t->key, first->key) != 0 || t->nrow != first->nrow || t->ncol != first->ncol)
        return 0;
    for (size_t i = 0; i < t->nrow * t->ncol; i++)
        if (t->cell[i] >= 0 && xl_twin_cell(b, first, t->cell[i]) < 0)
            return 0;
    return 1;
}

/* The tables of the pillar in the order the Data sheet shows them: the
 * opening tables first, then the pillar's own, each in report order.
 * dup[i] is the index in `order` of the table order[i] repeats, or -1. */
static size_t data_order(xl_book *b, size_t *order, long *dup)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t ti = 0; ti < b->tix->ntable; ti++) {
            const peel_table *t = &b->tix->table[ti];
            if ((t->pillar != PEEL_NOPILLAR) != pass || !peel_table_on(t, &b->lay->tcat, b->pillar))
                continue;
            dup[n] = -1;
            for (size_t k = 0; k < n && dup[n] < 0; k++)
                if (dup[k] < 0 && same_table(b, t, &b->tix->table[order[k]]))
                    dup[n] = (long)k;
            order[n++] = ti;
        }
    return n;
}

/* Where the table is printed, its repeats included. */
static const char *printed_at(xl_book *b, size_t k, const size_t *order, const long *dup, size_t n)
{
    const peel_table *t = &b->tix->table[order[k]];
    const char *where = peel_arena_printf(&b->arena, "Report %s%s", table_lines(b, t),
                                          t->pillar != PEEL_NOPILLAR ? "" : ", an opening table");
    for (size_t i = k + 1; i < n; i++)
        if (dup[i] == (long)k)
            where = peel_arena_printf(&b->arena, "%s; printed again with the same figures at %s",
                                      where, table_lines(b, &b->tix->table[order[i]]));
    return where;
}

static void block_head(xl_book *b, const peel_table *t, const char *where, lxw_row_t *r,
                       derived *dv, size_t nd)
{
    xl_sheet *s = b->data;
    xl_text(s, *r, COL_LABEL, t->label, b->st.section);
    xl_check(
        b,
        worksheet_write_string(s->ws, *r + 1, COL_LABEL,
                               peel_arena_printf(&b->arena, "Unit: %s. %s.", units_of(b, t), where),
                               b->st.subtitle),
        "Data");
    *r += 2;
    xl_text(s, *r, COL_LABEL, "", b->st.head);
    for (size_t i = 0; i < t->ncol; i++)
        xl_text(s, *r, (lxw_col_t)(1 + i), t->col[i].label, b->st.head_num);
    for (size_t i = 0; i < nd; i++)
        xl_text(s, *r, (lxw_col_t)(1 + t->ncol + i), dv[i].head, b->st.head_num);
    xl_text(s, *r, (lxw_col_t)(1 + t->ncol + nd), "Report line", b->st.head_num);
    (*r)++;
}

/* Names of a block's cells: d<table>.<row>.<kind><col> (kind c for a
 * table column, d for a derived one), d<table>.total.c<col>. */
static const char *cell_name(xl_book *b, size_t ti, const char *row, char kind, size_t col)
{
    char t[XL_LONG_TEXT], c[XL_LONG_TEXT], k[2] = {kind, '\0'};
    return peel_arena_concat(
        &b->arena,
        (const char *[]){"d", xl_ltoa(t, (long)ti), ".", row, ".", k, xl_ltoa(c, (long)col)}, 7);
}

/* Why a cell of a printed row has no figure: a validation reject on its
 * line, or nothing printed there. */
const char *xl_missing_note(xl_book *b, long line)
{
    for (size_t i = 0; i < b->rec->nreject; i++)
        if (b->rec->rejects[i].source_line == line)
            return peel_arena_printf(&b->tmp,
                                     "Report line %ld: rejected by validation (%s). See the "
                                     "Rejects sheet.",
                                     line, b->rec->rejects[i].reason);
    return peel_arena_printf(&b->tmp, "Report line %ld: no figure for this cell.", line);
}

static xl_sym *value_sym(xl_book *b, size_t ti, const peel_table *t, size_t ri, size_t ci,
                         lxw_row_t r)
{
    long rec = peel_table_cell(t, (int)ri, (int)ci);
    xl_sym *s = xl_sym_new(b, cell_name(b, ti, t->row[ri].key, 'c', ci));
    s->sheet = b->data;
    s->row = r;
    s->col = (lxw_col_t)(1 + ci);
    s->label = t->row[ri].label;
    if (rec >= 0) {
        char n[XL_LONG_TEXT];
        s->expr = peel_arena_concat(&b->arena, (const char *[]){"#", xl_ltoa(n, rec)}, 2);
        return s;
    }
    xl_text(b->data, r, s->col, "n/a", b->st.na);
    xl_note(b->data, r, s->col, xl_missing_note(b, t->row[ri].line));
    s->state = XL_DONE; /* placed, value unknown */
    return s;
}

/* The derived cells of a row; *out[i] gets the one of derived column i
 * when out is not NULL. */
static void derived_syms(xl_book *b, size_t ti, const peel_table *t, const char *rowkey,
                         lxw_row_t r, const derived *dv, size_t nd, unsigned flags, xl_sym ***out)
{
    char n[XL_LONG_TEXT];
    const char *scope = NULL;
    if (nd)
        scope = peel_arena_concat(&b->arena,
                                  (const char *[]){"d", xl_ltoa(n, (long)ti), ".", rowkey}, 4);
    for (size_t i = 0; i < nd; i++) {
        xl_sym *s = xl_sym_new(b, cell_name(b, ti, rowkey, 'd', i));
        s->sheet = b->data;
        s->row = r;
        s->col = (lxw_col_t)(1 + t->ncol + i);
        s->expr = dv[i].expr;
        s->format = dv[i].format;
        s->flags = flags;
        s->scope[0] = scope; /* one for the row's derived cells */
        s->label = dv[i].head;
        if (out)
            *out[i] = s;
    }
}

/* The total row: sums of the additive columns, derived columns over them
 * when both compared columns were summed.  Returns 0 when nothing adds up. */
static int total_row(xl_book *b, size_t ti, const peel_table *t, lxw_row_t r, const derived *dv,
                     size_t nd, int a, int c, xl_sym **const *cols)
{
    size_t nsum = 0;
    for (size_t ci = 0; ci < t->ncol; ci++)
        nsum += additive(b, &t->col[ci]);
    if (!nsum)
        return 0;
    lxw_format *rule = xl_numfmt(b, NULL, 0, XL_TOTAL);
    xl_text(b->data, r, COL_LABEL, "Total", b->st.total_text);
    for (size_t col = 1; col <= t->ncol + nd + 1; col++)
        xl_text(b->data, r, (lxw_col_t)col, "", rule);
    for (size_t ci = 0; ci < t->ncol; ci++) {
        if (!additive(b, &t->col[ci]))
            continue;
        xl_sym *g = xl_sym_new(b, cell_name(b, ti, "rows", 'c', ci));
        g->member = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * t->nrow);
        for (size_t ri = 0; ri < t->nrow; ri++)
            g->member[g->nmember++] = cols[ci][ri];
        xl_sym *s = xl_sym_new(b, cell_name(b, ti, "total", 'c', ci));
        s->sheet = b->data;
        s->row = r;
        s->col = (lxw_col_t)(1 + ci);
        s->expr = peel_arena_concat(&b->arena, (const char *[]){"sum([", g->name, "])"}, 3);
        s->format = "same";
        s->flags = XL_BOLD | XL_TOTAL;
        s->label = "Total";
    }
    if (a >= 0 && additive(b, &t->col[a]) && additive(b, &t->col[c]))
        derived_syms(b, ti, t, "total", r, dv, nd, XL_BOLD | XL_TOTAL, NULL);
    return 1;
}

static peel_status write_block(xl_book *b, size_t ti, const char *where, lxw_row_t *r)
{
    const peel_table *t = &b->tix->table[ti];
    derived dv[2];
    int a = -1, c = -1;
    size_t nd = derived_of(b, t, dv, &a, &c);
    xl_data_table *placed = peel_arena_alloc(&b->arena, sizeof *placed);
    placed->t = t;
    placed->title_row = *r;
    block_head(b, t, where, r, dv, nd);
    placed->head_row = *r - 1;
    lxw_row_t period_row = (*r)++;
    placed->first = *r;
    placed->col0 = 1;
    size_t before = b->syms.n, ncol = t->ncol + nd;
    /* The cells column by column (values, then derived), for the totals
     * and the period row. */
    xl_sym ***cols = peel_arena_alloc(&b->arena, sizeof *cols * (ncol + 1));
    size_t *n = peel_arena_alloc(&b->arena, sizeof *n * (ncol + 1));
    for (size_t ci = 0; ci < ncol; ci++) {
        cols[ci] = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * (t->nrow + 1));
        n[ci] = t->nrow;
    }
    for (size_t ri = 0; ri < t->nrow; ri++, (*r)++) {
        peel_arena_mark scratch = peel_arena_here(&b->tmp);
        xl_text_kept(b->data, *r, COL_LABEL, t->row[ri].label, b->st.wrap);
        for (size_t ci = 0; ci < t->ncol; ci++)
            cols[ci][ri] = value_sym(b, ti, t, ri, ci, *r);
        xl_sym **row_derived[2] = {nd > 0 ? &cols[t->ncol][ri] : NULL,
                                   nd > 1 ? &cols[t->ncol + 1][ri] : NULL};
        derived_syms(b, ti, t, t->row[ri].key, *r, dv, nd, 0, row_derived);
        xl_num(b->data, *r, (lxw_col_t)(1 + ncol), (double)t->row[ri].line, b->st.muted, 6);
        peel_arena_rewind(&b->tmp, scratch); /* the notes of its blank cells */
    }
    placed->last = *r - 1;
    if (t->nrow > 1 && total_row(b, ti, t, *r, dv, nd, a, c, cols))
        (*r)++;
    peel_vec_push(&b->chart_tables, placed);
    xl_keep(b->data, placed->title_row, *r - 1);
    (*r)++;
    peel_status st = PEEL_OK;
    for (size_t i = before; i < b->syms.n && st == PEEL_OK; i++)
        st = xl_sym_eval(b, b->syms.item[i]);
    if (st == PEEL_OK)
        xl_period_row(b->data, period_row, 1, cols, n, ncol);
    return st;
}

peel_status xl_data_write(xl_book *b)
{
    xl_sheet *s = b->data;
    xl_sheet_title(s,
                   peel_arena_printf(&b->arena, "%s: the report's tables for %s", b->force,
                                     peel_pillar_label(b->pillar)),
                   "Blue figures are as printed in the report (hover for the line); black "
                   "cells are formulas over them. Percentages are held as fractions.");
    lxw_row_t r = 3;
    peel_status st = PEEL_OK;
    size_t *order = peel_arena_alloc(&b->arena, sizeof *order * (b->tix->ntable + 1));
    long *dup = peel_arena_alloc(&b->arena, sizeof *dup * (b->tix->ntable + 1));
    size_t n = data_order(b, order, dup);
    for (size_t k = 0; k < n && st == PEEL_OK; k++)
        if (dup[k] < 0)
            st = write_block(b, order[k], printed_at(b, k, order, dup, n), &r);
    /* A repeat's figures are the ones shown: formulas over it point there. */
    for (size_t k = 0; k < n; k++) {
        const peel_table *t = &b->tix->table[order[k]];
        for (size_t i = 0; dup[k] >= 0 && i < t->nrow * t->ncol; i++) {
            long twin =
                t->cell[i] >= 0 ? xl_twin_cell(b, &b->tix->table[order[dup[k]]], t->cell[i]) : -1;
            if (twin >= 0)
                b->table_sym[t->cell[i]] = b->table_sym[twin];
        }
    }
    if (!n)
        xl_text(s, r, COL_LABEL, "No tables in this report belong to this pillar.", b->st.msg);
    xl_cap(s, COL_LABEL, 48);
    for (lxw_col_t c = 1; c < XL_MAXCOL; c++)
        xl_cap(s, c, 16);
    s->head_row = 2;
    s->head_col = 1;
    return st;
}
