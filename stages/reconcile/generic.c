/* Checks that need no rule: derived from the shape of the records.
 *   change  a table's stated percentage change against its two dated columns
 *   sum     "X by Y" category rows against the stated total of table X, and
 *           rows of a table against its own "Total" row
 *   shares  rows stated "as % of" the same base, and bulleted lists of shares,
 *           against 100
 *   parts   a total in a paragraph against the bulleted list of its parts
 *   same    the same fact, or the same table cell, stated twice
 *   grade   the summary table's grade against the section heading's
 *   sidecar a finance or HR team's figure against the report's */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "peel_lines.h"
#include "peel_text.h"
#include "rc.h"

enum { MAX_ITEMS = 64 };

/* A table reference in the pillar context the cell came from. */
static void table_ref(char *buf, size_t cap, peel_pillar pillar, const char *table, const char *row,
                      const char *col)
{
    if (pillar != PEEL_NOPILLAR)
        snprintf(buf, cap, "table:%s:%s/%s/%s", peel_pillar_name(pillar), table, row, col);
    else
        snprintf(buf, cap, "table:%s/%s/%s", table, row, col);
}

/* The table of cell r, and the cell's column in it. */
static const peel_table *table_at(const rc_data *d, size_t r, int *col)
{
    const peel_table *t = &d->tables->table[d->tables->table_of[r]];
    *col = peel_table_col(t, d->rec->cells[r].column);
    return t;
}

/* ---- change ---- */

static void table_changes(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        if (!strstr(t->column, "change") || strcmp(t->unit, "%") != 0)
            continue;
        char ref_old[512], ref_new[512], id[400], desc[400], expr[1700];
        table_ref(ref_old, sizeof ref_old, t->pillar, t->table, t->trow, "@earliest");
        table_ref(ref_new, sizeof ref_new, t->pillar, t->table, t->trow, "@latest");
        snprintf(expr, sizeof expr, "(%s - %s) / %s * 100", ref_new, ref_old, ref_old);
        snprintf(id, sizeof id, "change:%s:%s", t->table, t->trow);
        snprintf(desc, sizeof desc, "%s: stated change (%s) against the change from %s",
                 t->row_label, t->raw, t->period);
        rc_check c = {.rule_id = id,
                      .kind = "change",
                      .pillar = peel_pillar_name(t->pillar),
                      .description = desc,
                      .unit = "%",
                      .op = RC_EQ,
                      .tolerance = -1};
        rc_val e, a;
        char missing[256];
        if (!rc_expr_eval(d, expr, &e, missing, sizeof missing)) {
            rc_emit_skip(o, &c, "the table has no two dated columns to compare");
            continue;
        }
        table_ref(ref_old, sizeof ref_old, t->pillar, t->table, t->trow, t->column);
        rc_expr_eval(d, ref_old, &a, NULL, 0);
        rc_emit(o, &c, &e, &a);
    }
}

/* ---- sum ---- */

static void sum_check(const rc_data *d, rc_out *o, const char *pillar, const char *parts_ref,
                      const char *total_ref, const char *id, const char *desc, const char *unit)
{
    char expr[700];
    snprintf(expr, sizeof expr, "sum(%s)", parts_ref);
    rc_val e, a;
    rc_check c = {.rule_id = id,
                  .kind = "sum",
                  .pillar = pillar,
                  .description = desc,
                  .unit = unit,
                  .op = RC_EQ,
                  .tolerance = -1};
    if (rc_expr_eval(d, total_ref, &e, NULL, 0) && rc_expr_eval(d, expr, &a, NULL, 0))
        rc_emit(o, &c, &e, &a);
}

/* "spend-per-head-of-population-by-category" breaks down "spend-per-head-of-population". */
static void breakdown_sums(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        const char *by = strstr(t->table, "-by-");
        int col;
        if (!by || table_at(d, r, &col)->col[col].first != r)
            continue; /* once per column: at its first cell */
        char total[200], parts[512], tot_ref[512], id[400], desc[600];
        snprintf(total, sizeof total, "%.*s", (int)(by - t->table), t->table);
        table_ref(parts, sizeof parts, t->pillar, t->table, "*", t->column);
        snprintf(tot_ref, sizeof tot_ref, "table:%s/%s/%s", total, total, t->column);
        snprintf(id, sizeof id, "sum:%s:%s", t->table, t->column);
        snprintf(desc, sizeof desc, "%s (%s): categories against the stated total", t->table_label,
                 t->column_label);
        sum_check(d, o, peel_pillar_name(t->pillar), parts, tot_ref, id, desc, t->unit);
    }
}

/* The rows of column col that are not totals, added up: what each total
 * row of the column is checked against (the same for all of them). */
static rc_val parts_of(const rc_data *d, const peel_table *t, int col)
{
    rc_val parts;
    rc_val_number(&parts, 0);
    for (size_t k = 0; k < t->nrow; k++) {
        long ci = peel_table_cell(t, (int)k, col);
        if (ci < 0 || strncmp(t->row[k].key, "total", 5) == 0)
            continue;
        char ref[600];
        rc_val v;
        table_ref(ref, sizeof ref, t->pillar, t->key, t->row[k].key, t->col[col].key);
        if (rc_expr_eval(d, ref, &v, NULL, 0)) {
            parts.v += v.v;
            parts.err += v.err;
            rc_val_merge_lines(&parts, &v);
        }
    }
    return parts;
}

/* A "Total" row of a table against the other rows. */
static void total_rows(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    /* Each column's parts are added up once, when its first total row comes. */
    rc_val *parts = NULL;
    size_t *done = peel_xcalloc(rec->ncell + 1, sizeof *done); /* per first cell: 1 + parts index */
    size_t nparts = 0;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        if (strncmp(t->trow, "total", 5) != 0)
            continue;
        int col;
        const peel_table *tab = table_at(d, r, &col);
        size_t first = tab->col[col].first;
        if (!done[first]) {
            parts = peel_xrealloc(parts, (nparts + 1) * sizeof *parts);
            parts[nparts] = parts_of(d, tab, col);
            done[first] = ++nparts;
        }
        char ref[600], id[400], desc[400];
        rc_val total;
        table_ref(ref, sizeof ref, t->pillar, t->table, t->trow, t->column);
        rc_expr_eval(d, ref, &total, NULL, 0);
        snprintf(id, sizeof id, "sum:%s:%s:%s", t->table, t->trow, t->column);
        snprintf(desc, sizeof desc, "%s (%s): rows against the total row", t->table_label,
                 t->column_label);
        rc_check c = {.rule_id = id,
                      .kind = "sum",
                      .pillar = peel_pillar_name(t->pillar),
                      .description = desc,
                      .unit = t->unit,
                      .op = RC_EQ,
                      .tolerance = -1};
        rc_emit(o, &c, &total, &parts[done[first] - 1]);
    }
    free(parts);
    free(done);
}

/* ---- shares ---- */

/* "White (as % of those with stated ethnicity)" → "as % of those with stated ethnicity". */
static const char *share_base(const char *label)
{
    const char *q = strstr(label, "(as % of ");
    return q ? q + 1 : NULL;
}

/* The rows of one column stated "as % of" one base, added up. */
typedef struct share_group {
    size_t first; /* its first cell (in the records) */
    int n;        /* rows holding a figure */
    rc_val sum;
} share_group;

/* The share groups of column col, by base: one pass over its rows. */
static void share_groups(const rc_data *d, const peel_table *t, int col, peel_map *groups,
                         peel_vec *owned)
{
    for (size_t k = 0; k < t->nrow; k++) {
        long ci = peel_table_cell(t, (int)k, col);
        const char *base = ci < 0 ? NULL : share_base(d->rec->cells[ci].row_label);
        if (!base)
            continue;
        share_group *g = peel_map_get(groups, base);
        if (!g) {
            g = peel_xcalloc(1, sizeof *g);
            g->first = (size_t)ci;
            rc_val_number(&g->sum, 0);
            peel_map_put(groups, base, g);
            peel_vec_push(owned, g);
        }
        if ((size_t)ci < g->first)
            g->first = (size_t)ci;
        rc_val v;
        char ref[600];
        table_ref(ref, sizeof ref, t->pillar, t->key, t->row[k].key, t->col[col].key);
        if (rc_expr_eval(d, ref, &v, NULL, 0)) {
            g->sum.v += v.v, g->sum.err += v.err, g->n++;
            rc_val_merge_lines(&g->sum, &v);
        }
    }
}

static void table_shares(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    peel_map *by_column = peel_xcalloc(rec->ncell + 1, sizeof *by_column); /* per first cell */
    peel_vec owned = {0};
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        const char *base = share_base(t->row_label);
        if (!base || strcmp(t->unit, "%") != 0)
            continue;
        int col;
        const peel_table *tab = table_at(d, r, &col);
        peel_map *groups = &by_column[tab->col[col].first];
        if (!groups->cap)
            share_groups(d, tab, col, groups, &owned);
        const share_group *g = peel_map_get(groups, base);
        /* Checked once, at the group's first cell. */
        if (!g || g->first != r || g->n < 2)
            continue;
        char id[400], desc[600];
        snprintf(id, sizeof id, "shares:%s:%s:%d", t->table, t->column, (int)r);
        snprintf(desc, sizeof desc, "%s (%s): shares %s make 100", t->table_label, t->column_label,
                 base);
        rc_check c = {.rule_id = id,
                      .kind = "shares",
                      .pillar = peel_pillar_name(t->pillar),
                      .description = desc,
                      .unit = "%",
                      .op = RC_EQ,
                      .tolerance = -1};
        rc_val hundred;
        rc_val_number(&hundred, 100);
        rc_emit(o, &c, &hundred, &g->sum);
    }
    for (size_t i = 0; i < rec->ncell; i++)
        peel_map_release(&by_column[i]);
    free(by_column);
    peel_vec_release(&owned, free);
}

/* ---- lists in prose ---- */

/* The figures of each block (paragraph or list), so that a list's items
 * are found without scanning every figure: figure indexes sorted by block,
 * report order within one (peel_lines, keyed on the block). */
typedef struct blocks {
    peel_lines_of of;
    size_t *ix; /* owned */
} blocks;

static void blocks_init(blocks *b, const peel_records *rec)
{
    b->of = (peel_lines_of){rec->figures, rec->nfigure, sizeof *rec->figures,
                            offsetof(peel_figure, block)};
    b->ix = peel_by_line(&b->of);
}

/* Position i's figure, when it is in `block`; NULL past the block. */
static const peel_figure *in_block(const peel_records *rec, const blocks *b, size_t i, long block)
{
    return i < b->of.n && peel_line_at(&b->of, b->ix[i]) == block ? &rec->figures[b->ix[i]] : NULL;
}

/* The first figure of each item of the list `block` (its figures index);
 * 0 when some item has none. */
static size_t list_items(const peel_records *rec, const blocks *b, long block, size_t *items,
                         size_t max)
{
    size_t n = 0;
    long last_item = 0;
    const peel_figure *f;
    for (size_t i = peel_by_line_first(&b->of, b->ix, block); (f = in_block(rec, b, i, block));
         i++) {
        size_t r = b->ix[i];
        if (f->item <= 0 || f->item == last_item)
            continue;
        if (f->item != last_item + 1 || n == max)
            return 0; /* an item without figures */
        items[n++] = r;
        last_item = f->item;
    }
    return n;
}

static int starts_item(const peel_figure *f)
{
    return strncmp(f->sentence, f->raw, strlen(f->raw)) == 0;
}

static void figure_val(const peel_figure *f, rc_val *v)
{
    rc_val_number(v, f->value.v);
    v->err = f->printed.half;
    v->line[0] = f->line;
    v->nline = 1;
}

static void list_shares(const rc_data *d, rc_out *o, const size_t *it, size_t n)
{
    const peel_figure *f = d->rec->figures;
    rc_val sum, hundred;
    rc_val_number(&sum, 0);
    rc_val_number(&hundred, 100);
    for (size_t i = 0; i < n; i++) {
        if (f[it[i]].unit != PEEL_UNIT_PCT || !starts_item(&f[it[i]]))
            return;
        rc_val v;
        figure_val(&f[it[i]], &v);
        sum.v += v.v, sum.err += v.err;
        rc_val_merge_lines(&sum, &v);
    }
    char id[64], desc[200];
    snprintf(id, sizeof id, "shares:list:%ld", f[it[0]].line);
    snprintf(desc, sizeof desc, "the %zu shares listed from line %ld make 100", n, f[it[0]].line);
    rc_check c = {.rule_id = id,
                  .kind = "shares",
                  .pillar = peel_pillar_name(f[it[0]].pillar),
                  .description = desc,
                  .unit = "%",
                  .op = RC_EQ,
                  .tolerance = -1};
    rc_emit(o, &c, &hundred, &sum);
}

/* The largest figure of `unit` in the paragraph introducing the list. */
static int intro_total(const peel_records *rec, const blocks *b, long block, peel_unit unit,
                       rc_val *total)
{
    int found = 0;
    const peel_figure *f;
    for (size_t i = peel_by_line_first(&b->of, b->ix, block - 1);
         (f = in_block(rec, b, i, block - 1)); i++) {
        if (f->intro != PEEL_YES || f->unit != unit)
            continue;
        rc_val v;
        figure_val(f, &v);
        if (!found || v.v > total->v)
            *total = v;
        found = 1;
    }
    return found;
}

static void list_parts(const rc_data *d, rc_out *o, const blocks *b, long block, const size_t *it,
                       size_t n)
{
    const peel_figure *f = d->rec->figures;
    peel_unit unit = f[it[0]].unit;
    if (unit != PEEL_UNIT_GBP && unit != PEEL_UNIT_NONE)
        return;
    rc_val sum, total;
    rc_val_number(&sum, 0);
    for (size_t i = 0; i < n; i++) {
        if (f[it[i]].unit != unit || !starts_item(&f[it[i]]))
            return;
        rc_val v;
        figure_val(&f[it[i]], &v);
        sum.v += v.v, sum.err += v.err;
        rc_val_merge_lines(&sum, &v);
    }
    if (!intro_total(d->rec, b, block, unit, &total) || total.v < sum.v / n)
        return;
    char id[64], desc[200];
    snprintf(id, sizeof id, "parts:list:%ld", f[it[0]].line);
    snprintf(desc, sizeof desc,
             "the %zu parts listed from line %ld against the total stated "
             "before them",
             n, f[it[0]].line);
    rc_check c = {.rule_id = id,
                  .kind = "sum",
                  .pillar = peel_pillar_name(f[it[0]].pillar),
                  .description = desc,
                  .unit = unit == PEEL_UNIT_GBP ? "GBP" : "count",
                  .op = RC_PARTS,
                  .tolerance = -1};
    rc_emit(o, &c, &total, &sum);
}

static void prose_lists(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    blocks b;
    blocks_init(&b, rec);
    for (size_t r = 0; r < rec->nfigure; r++) {
        const peel_figure *f = &rec->figures[r];
        if (f->item != 1 || (r > 0 && rec->figures[r - 1].block == f->block))
            continue;
        size_t it[MAX_ITEMS];
        size_t n = list_items(rec, &b, f->block, it, MAX_ITEMS);
        if (n < 2)
            continue;
        list_shares(d, o, it, n);
        list_parts(d, o, &b, f->block, it, n);
    }
    free(b.ix);
}

/* ---- same measure twice ---- */

/* Rows of facts.csv ordered by what they state (key, unit and period),
 * then by row: each fact's statements side by side in report order.  The
 * same key legitimately repeats for another unit or period (999 calls in
 * target 56% in July, 78% in September; a precept rise in % and in £ a
 * year), and only statements of the same fact are compared. */
typedef struct keyed_row {
    char *key; /* key, unit and period, owned */
    size_t row;
} keyed_row;

static char *fact_identity(const peel_fact *f)
{
    peel_buf b;
    peel_buf_init(&b);
    peel_buf_printf(&b, "%s|%s|", f->key, f->unit);
    peel_period_identity(f->period, &b);
    return peel_buf_detach(&b);
}

static int by_key_then_row(const void *pa, const void *pb)
{
    const keyed_row *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* For each fact, the first fact stating its key (first[r]) and how many up
 * to and including it do (nth[r]).  Sorting makes this n log n: a scan of
 * the earlier rows for each row was quadratic, and most of reconcile's time
 * on long reports. */
static void first_statements(const peel_records *rec, size_t *first, int *nth)
{
    keyed_row *k = peel_xcalloc(rec->nfact + 1, sizeof *k);
    for (size_t r = 0; r < rec->nfact; r++)
        k[r] = (keyed_row){fact_identity(&rec->facts[r]), r};
    qsort(k, rec->nfact, sizeof *k, by_key_then_row);
    for (size_t i = 0; i < rec->nfact; i++) {
        int same = i > 0 && strcmp(k[i].key, k[i - 1].key) == 0;
        first[k[i].row] = same ? first[k[i - 1].row] : k[i].row;
        nth[k[i].row] = same ? nth[k[i - 1].row] + 1 : 1;
    }
    for (size_t i = 0; i < rec->nfact; i++)
        free(k[i].key);
    free(k);
}

static void fact_val(const peel_fact *f, rc_val *v)
{
    rc_val_number(v, f->value.v);
    v->err = f->printed.half;
    v->line[0] = f->line;
    v->nline = 1;
}

static void repeated_facts(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    size_t *first = peel_xcalloc(rec->nfact + 1, sizeof *first);
    int *nth = peel_xcalloc(rec->nfact + 1, sizeof *nth);
    first_statements(rec, first, nth);
    for (size_t r = 0; r < rec->nfact; r++) {
        const peel_fact *f = &rec->facts[r], *f0 = &rec->facts[first[r]];
        if (f->label[0] || first[r] == r)
            continue; /* list items (each a different part), and first statements */
        rc_val e, a;
        fact_val(f0, &e);
        fact_val(f, &a);
        char id[300], desc[400];
        snprintf(id, sizeof id, "same:%s:%d", f->key, nth[r]);
        snprintf(desc, sizeof desc, "%s stated again on line %ld (first on line %ld)", f->key,
                 f->line, f0->line);
        rc_check c = {.rule_id = id,
                      .kind = "same",
                      .pillar = peel_pillar_name(f->pillar),
                      .description = desc,
                      .unit = f->unit,
                      .op = RC_EQ,
                      .tolerance = -1};
        rc_emit(o, &c, &e, &a);
    }
    free(first);
    free(nth);
}

/* Cells of one table, row and column key, in every section that prints
 * them: the first, and the first in a section other than the first's. */
typedef struct cell_place {
    size_t first, other;
    int has_other;
} cell_place;

static void repeated_cells(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    peel_map seen;
    peel_map_init(&seen);
    cell_place *place = peel_xcalloc(rec->ncell + 1, sizeof *place);
    const char **key = peel_xcalloc(rec->ncell + 1, sizeof *key);
    size_t nplace = 0;
    peel_arena keys;
    peel_arena_init(&keys);
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        key[r] = peel_arena_printf(&keys, "%s\x1f%s\x1f%s", t->table, t->trow, t->column);
        cell_place *p = peel_map_get(&seen, key[r]);
        if (!p) {
            p = &place[nplace++];
            p->first = r;
            peel_map_put(&seen, key[r], p);
        } else if (!p->has_other && rec->cells[p->first].pillar != t->pillar) {
            p->other = r;
            p->has_other = 1;
        }
    }
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        const cell_place *p = peel_map_get(&seen, key[r]);
        /* The first earlier cell of the same place in another section. */
        size_t k = p->first;
        if (k == r || (rec->cells[k].pillar == t->pillar && !(p->has_other && p->other < r)))
            continue;
        if (rec->cells[k].pillar == t->pillar)
            k = p->other;
        const peel_cell *q = &rec->cells[k];
        rc_val e, a;
        char ref[600], id[600], desc[600];
        table_ref(ref, sizeof ref, q->pillar, q->table, q->trow, q->column);
        rc_expr_eval(d, ref, &e, NULL, 0);
        table_ref(ref, sizeof ref, t->pillar, t->table, t->trow, t->column);
        rc_expr_eval(d, ref, &a, NULL, 0);
        snprintf(id, sizeof id, "same:%s:%s:%s:%s", t->table, t->trow, t->column,
                 peel_pillar_name(t->pillar));
        snprintf(desc, sizeof desc, "%s (%s) stated again on line %ld", t->row_label,
                 t->column_label, t->line);
        rc_check c = {.rule_id = id,
                      .kind = "same",
                      .pillar = peel_pillar_name(t->pillar),
                      .description = desc,
                      .unit = t->unit,
                      .op = RC_EQ,
                      .tolerance = -1};
        rc_emit(o, &c, &e, &a);
    }
    peel_arena_release(&keys);
    free(key);
    free(place);
    peel_map_release(&seen);
}

/* ---- grades ---- */

/* A report line as the records print it: "" when unknown. */
static const char *line_text(char *buf, size_t cap, long line)
{
    if (line > 0)
        snprintf(buf, cap, "%ld", line);
    else
        buf[0] = '\0';
    return buf;
}

static void grades(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    for (size_t r = 0; r < rec->njudgment; r++) {
        const peel_judgment *j = &rec->judgments[r];
        if (j->summary_grade == PEEL_GRADE_NONE || j->section_grade == PEEL_GRADE_NONE)
            continue;
        char id[200], desc[400], sl[24], hl[24];
        int same = j->summary_grade == j->section_grade;
        snprintf(id, sizeof id, "grade:%s%s%s", peel_pillar_name(j->pillar),
                 j->component[0] ? ":" : "", j->component);
        snprintf(desc, sizeof desc,
                 "%s: grade in the summary table (line %s) against the "
                 "section heading (line %s)",
                 j->label, line_text(sl, sizeof sl, j->summary_line),
                 line_text(hl, sizeof hl, j->section_line));
        rc_check c = {.rule_id = id,
                      .kind = "grade",
                      .pillar = peel_pillar_name(j->pillar),
                      .description = desc,
                      .unit = "grade",
                      .op = RC_EQ,
                      .tolerance = 0};
        rc_val e, a;
        rc_val_number(&e, 0);
        rc_val_number(&a, same ? 0 : 1);
        a.line[0] = j->summary_line;
        a.line[1] = j->section_line;
        a.nline = 2;
        c.note = same ? "" : "the two grades differ";
        rc_emit_text(o, &c, peel_grade_name(j->summary_grade), peel_grade_name(j->section_grade),
                     &a, same);
    }
}

/* ---- sidecars ---- */

/* Nonzero when a catalogue rule uses sidecar:KEY. */
static int used_by_rules(const peel_vec *rules, const char *key)
{
    char needle[200];
    snprintf(needle, sizeof needle, "sidecar:%s", key);
    size_t n = strlen(needle);
    for (size_t i = 0; i < rules->n; i++) {
        const rc_rule *r = rules->item[i];
        const char *texts[] = {r->expected, r->actual};
        for (int t = 0; t < 2; t++)
            for (const char *p = strstr(texts[t], needle); p; p = strstr(p + 1, needle))
                if (!p[n] || strchr("@) ,", p[n]))
                    return 1;
    }
    return 0;
}

static void sidecars(const rc_data *d, const peel_vec *rules, rc_out *o)
{
    for (size_t i = 0; i < d->rec->nsidecar; i++) {
        const peel_sidecar *s = &d->rec->sidecars[i];
        char ref[300], id[400], desc[600];
        if (strncmp(s->key, "table:", 6) == 0 || strncmp(s->key, "fact:", 5) == 0)
            snprintf(ref, sizeof ref, "%s", s->key);
        else
            snprintf(ref, sizeof ref, "fact:%s", s->key);
        snprintf(id, sizeof id, "sidecar:%s:%ld", s->file, s->row);
        snprintf(desc, sizeof desc, "%s%s%s from %s (%s, line %ld) against the report", s->key,
                 s->period[0] ? " " : "", s->period, s->source[0] ? s->source : s->file, s->file,
                 s->row);
        rc_check c = {.rule_id = id,
                      .kind = "sidecar",
                      .pillar = "",
                      .description = desc,
                      .unit = s->unit,
                      .op = RC_EQ,
                      .tolerance = -1};
        rc_val e, a;
        if (!rc_expr_eval(d, ref, &e, NULL, 0)) {
            if (!used_by_rules(rules, s->key))
                rc_emit_skip(o, &c, "the report states no such figure and no rule uses it");
            continue;
        }
        rc_val_number(&a, s->value.v);
        a.err = 0;
        rc_emit(o, &c, &e, &a);
    }
}

void rc_generic_checks(const rc_data *d, const peel_vec *rules, rc_out *o)
{
    grades(d, o);
    table_changes(d, o);
    breakdown_sums(d, o);
    total_rows(d, o);
    table_shares(d, o);
    prose_lists(d, o);
    repeated_facts(d, o);
    repeated_cells(d, o);
    sidecars(d, rules, o);
}
