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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int same_table(const peel_cell *a, const peel_cell *b)
{
    return a->pillar == b->pillar && strcmp(a->table, b->table) == 0;
}

static int first_of_column(const peel_records *rec, size_t r)
{
    const peel_cell *c = &rec->cells[r];
    for (size_t k = 0; k < r; k++)
        if (same_table(&rec->cells[k], c) && strcmp(rec->cells[k].column, c->column) == 0)
            return 0;
    return 1;
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
        if (!by || !first_of_column(rec, r))
            continue;
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

/* A "Total" row of a table against the other rows. */
static void total_rows(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        if (strncmp(t->trow, "total", 5) != 0)
            continue;
        rc_val parts;
        rc_val_number(&parts, 0);
        for (size_t k = 0; k < rec->ncell; k++) {
            const peel_cell *p = &rec->cells[k];
            if (k == r || !same_table(p, t) || strcmp(p->column, t->column) != 0 ||
                strncmp(p->trow, "total", 5) == 0)
                continue;
            char ref[600];
            rc_val v;
            table_ref(ref, sizeof ref, t->pillar, t->table, p->trow, t->column);
            if (rc_expr_eval(d, ref, &v, NULL, 0)) {
                parts.v += v.v;
                parts.err += v.err;
                rc_val_merge_lines(&parts, &v);
            }
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
        rc_emit(o, &c, &total, &parts);
    }
}

/* ---- shares ---- */

/* "White (as % of those with stated ethnicity)" → "as % of those with stated ethnicity". */
static const char *share_base(const char *label)
{
    const char *q = strstr(label, "(as % of ");
    return q ? q + 1 : NULL;
}

static void table_shares(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        const char *base = share_base(t->row_label);
        if (!base || strcmp(t->unit, "%") != 0)
            continue;
        int first = 1, n = 0;
        rc_val sum;
        rc_val_number(&sum, 0);
        for (size_t k = 0; k < rec->ncell; k++) {
            const peel_cell *p = &rec->cells[k];
            const char *kb = share_base(p->row_label);
            if (!same_table(p, t) || strcmp(p->column, t->column) != 0 || !kb ||
                strcmp(kb, base) != 0)
                continue;
            if (k < r)
                first = 0;
            rc_val v;
            char ref[600];
            table_ref(ref, sizeof ref, t->pillar, t->table, p->trow, t->column);
            if (rc_expr_eval(d, ref, &v, NULL, 0)) {
                sum.v += v.v, sum.err += v.err, n++;
                rc_val_merge_lines(&sum, &v);
            }
        }
        if (!first || n < 2)
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
        rc_emit(o, &c, &hundred, &sum);
    }
}

/* ---- lists in prose ---- */

/* The first figure of each item of the list `block` (its figures index);
 * 0 when some item has none. */
static size_t list_items(const peel_records *rec, long block, size_t *items, size_t max)
{
    size_t n = 0;
    long last_item = 0;
    for (size_t r = 0; r < rec->nfigure; r++) {
        const peel_figure *f = &rec->figures[r];
        if (f->block != block)
            continue;
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
static int intro_total(const peel_records *rec, long block, peel_unit unit, rc_val *total)
{
    int found = 0;
    for (size_t r = 0; r < rec->nfigure; r++) {
        const peel_figure *f = &rec->figures[r];
        if (f->block != block - 1 || f->intro != PEEL_YES || f->unit != unit)
            continue;
        rc_val v;
        figure_val(f, &v);
        if (!found || v.v > total->v)
            *total = v;
        found = 1;
    }
    return found;
}

static void list_parts(const rc_data *d, rc_out *o, long block, const size_t *it, size_t n)
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
    if (!intro_total(d->rec, block, unit, &total) || total.v < sum.v / n)
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
    for (size_t r = 0; r < rec->nfigure; r++) {
        const peel_figure *f = &rec->figures[r];
        if (f->item != 1 || (r > 0 && rec->figures[r - 1].block == f->block))
            continue;
        size_t it[MAX_ITEMS];
        size_t n = list_items(rec, f->block, it, MAX_ITEMS);
        if (n < 2)
            continue;
        list_shares(d, o, it, n);
        list_parts(d, o, f->block, it, n);
    }
}

/* ---- same measure twice ---- */

/* Rows of facts.csv ordered by key, then by row: each key's statements
 * side by side in report order. */
typedef struct keyed_row {
    const char *key;
    size_t row;
} keyed_row;

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
        k[r] = (keyed_row){rec->facts[r].key, r};
    qsort(k, rec->nfact, sizeof *k, by_key_then_row);
    for (size_t i = 0; i < rec->nfact; i++) {
        int same = i > 0 && strcmp(k[i].key, k[i - 1].key) == 0;
        first[k[i].row] = same ? first[k[i - 1].row] : k[i].row;
        nth[k[i].row] = same ? nth[k[i - 1].row] + 1 : 1;
    }
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

static void repeated_cells(const rc_data *d, rc_out *o)
{
    const peel_records *rec = d->rec;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *t = &rec->cells[r];
        for (size_t k = 0; k < r; k++) {
            const peel_cell *p = &rec->cells[k];
            if (strcmp(p->table, t->table) != 0 || strcmp(p->trow, t->trow) != 0 ||
                strcmp(p->column, t->column) != 0 || p->pillar == t->pillar)
                continue;
            rc_val e, a;
            char ref[600], id[600], desc[600];
            table_ref(ref, sizeof ref, p->pillar, p->table, p->trow, p->column);
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
            break;
        }
    }
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
