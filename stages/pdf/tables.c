/* The pillar's tables: those printed in its own section, and the report's
 * opening tables that pipeline/pdf-tables.csv assigns to it.  Which opening
 * table belongs where is data, not code: the stage knows no table by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

peel_status pd_table_map_load(pd_table_map *m, const char *data_dir, peel_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/pdf-tables.csv", data_dir);
    peel_status st = peel_csv_load(path, &m->doc, err);
    if (st != PEEL_OK)
        return st;
    if (peel_csv_col(&m->doc, "table") < 0 || peel_csv_col(&m->doc, "pillars") < 0) {
        peel_csv_doc_release(&m->doc);
        return PEEL_FAIL(err, PEEL_EDATA, path, 1, "header must name the columns table,pillars");
    }
    return PEEL_OK;
}

void pd_table_map_release(pd_table_map *m)
{
    peel_csv_doc_release(&m->doc);
}

/* Nonzero when the space-separated list holds `word`. */
static int list_has(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *s = list; *s;) {
        s += strspn(s, " ");
        size_t len = strcspn(s, " ");
        if (len == n && n && strncmp(s, word, n) == 0)
            return 1;
        s += len;
    }
    return 0;
}

int pd_table_map_has(const pd_table_map *m, const char *key, const char *pillar)
{
    int ct = peel_csv_col(&m->doc, "table"), cp = peel_csv_col(&m->doc, "pillars");
    for (size_t i = 0; i < m->doc.nrow; i++)
        if (strcmp(peel_csv_get(&m->doc, i, ct), key) == 0 &&
            list_has(peel_csv_get(&m->doc, i, cp), pillar))
            return 1;
    return 0;
}

/* Column indexes of tables.csv, looked up once. */
typedef struct tcols {
    int table, row, column, value, unit, period, raw, line, pillar, tlabel, rlabel, clabel;
} tcols;

static tcols tcols_of(const peel_csv_doc *d)
{
    tcols c = {peel_csv_col(d, "table"),     peel_csv_col(d, "row"),
               peel_csv_col(d, "column"),    peel_csv_col(d, "value"),
               peel_csv_col(d, "unit"),      peel_csv_col(d, "period"),
               peel_csv_col(d, "raw"),       peel_csv_col(d, "source_line"),
               peel_csv_col(d, "pillar"),    peel_csv_col(d, "table_label"),
               peel_csv_col(d, "row_label"), peel_csv_col(d, "column_label")};
    return c;
}

/* Nonzero when the pillar's own section prints a table with this key: the
 * opening copy of it is then left out. */
static int own_table(const peel_csv_doc *d, const tcols *c, const char *key, const char *pillar)
{
    for (size_t i = 0; i < d->nrow; i++)
        if (strcmp(peel_csv_get(d, i, c->pillar), pillar) == 0 &&
            strcmp(peel_csv_get(d, i, c->table), key) == 0)
            return 1;
    return 0;
}

static int wanted(const peel_csv_doc *d, const tcols *c, size_t i, const pd_table_map *map,
                  const char *pillar)
{
    const char *tp = peel_csv_get(d, i, c->pillar), *key = peel_csv_get(d, i, c->table);
    if (strcmp(tp, pillar) == 0)
        return 1;
    return !tp[0] && pd_table_map_has(map, key, pillar) && !own_table(d, c, key, pillar);
}

/* Rows i and j are cells of the same table (same key, same section). */
static int same_table(const peel_csv_doc *d, const tcols *c, size_t i, size_t j)
{
    return strcmp(peel_csv_get(d, i, c->table), peel_csv_get(d, j, c->table)) == 0 &&
           strcmp(peel_csv_get(d, i, c->pillar), peel_csv_get(d, j, c->pillar)) == 0;
}

static const char *cell_text(pd_pack *p, const peel_csv_doc *d, size_t i, int col)
{
    return pd_clean(&p->arena, peel_csv_text(peel_csv_get(d, i, col)));
}

/* Index of `key` among the first n keys, or n. */
static size_t find_key(const char *const *keys, size_t n, const char *key)
{
    size_t k = 0;
    while (k < n && strcmp(keys[k], key) != 0)
        k++;
    return k;
}

/* The column and row keys of the table starting at row `first`, in order
 * of first appearance.  Arrays are sized for every row of the file. */
static void table_keys(pd_pack *p, const peel_csv_doc *d, const tcols *c, size_t first, pd_table *t,
                       const char **ckeys, const char **rkeys)
{
    for (size_t i = first; i < d->nrow; i++) {
        if (!same_table(d, c, first, i))
            continue;
        const char *ck = peel_csv_get(d, i, c->column), *rk = peel_csv_get(d, i, c->row);
        if (find_key(ckeys, t->ncol, ck) == t->ncol) {
            pd_col *col = &t->col[t->ncol];
            ckeys[t->ncol++] = ck;
            col->key = ck;
            col->label = cell_text(p, d, i, c->clabel);
            col->unit = cell_text(p, d, i, c->unit);
            col->period = cell_text(p, d, i, c->period);
            col->is_force = strncmp(ck, "force-", 6) == 0;
        }
        if (find_key(rkeys, t->nrow, rk) == t->nrow) {
            rkeys[t->nrow] = rk;
            t->row[t->nrow++].label = cell_text(p, d, i, c->rlabel);
        }
    }
}

/* unit or period shared by every cell of the table, else NULL. */
static const char *shared(pd_pack *p, const peel_csv_doc *d, const tcols *c, size_t first, int col)
{
    const char *v = peel_csv_get(d, first, col);
    for (size_t i = first; i < d->nrow; i++)
        if (same_table(d, c, first, i) && strcmp(peel_csv_get(d, i, col), v) != 0)
            return NULL;
    return cell_text(p, d, first, col);
}

static void table_cells(pd_pack *p, const peel_csv_doc *d, const tcols *c, size_t first,
                        pd_table *t, const char **ckeys, const char **rkeys)
{
    for (size_t r = 0; r < t->nrow; r++) {
        t->row[r].raw = peel_arena_alloc(&p->arena, t->ncol * sizeof *t->row[r].raw);
        t->row[r].value = peel_arena_alloc(&p->arena, t->ncol * sizeof *t->row[r].value);
    }
    t->first_line = t->last_line = strtol(peel_csv_get(d, first, c->line), NULL, 10);
    for (size_t i = first; i < d->nrow; i++) {
        if (!same_table(d, c, first, i))
            continue;
        size_t ci = find_key(ckeys, t->ncol, peel_csv_get(d, i, c->column));
        size_t ri = find_key(rkeys, t->nrow, peel_csv_get(d, i, c->row));
        t->row[ri].raw[ci] = cell_text(p, d, i, c->raw);
        t->row[ri].value[ci] = strtod(peel_csv_get(d, i, c->value), NULL);
        long line = strtol(peel_csv_get(d, i, c->line), NULL, 10);
        if (line > t->last_line)
            t->last_line = line;
        if (line < t->first_line)
            t->first_line = line;
    }
}

/* A comparison: at least one force column and one comparator, every cell
 * of them present and numeric. */
static int is_comparison(const peel_csv_doc *d, const tcols *c, size_t first, const pd_table *t)
{
    int force = 0, other = 0;
    for (size_t k = 0; k < t->ncol; k++)
        t->col[k].is_force ? force++ : other++;
    if (!force || !other || t->ncol > 5) /* a chart shows up to five series */
        return 0;
    for (size_t i = first; i < d->nrow; i++) {
        if (!same_table(d, c, first, i))
            continue;
        const char *v = peel_csv_get(d, i, c->value);
        char *end;
        strtod(v, &end);
        if (!v[0] || *end)
            return 0;
    }
    return 1;
}

static void table_build(pd_pack *p, const peel_csv_doc *d, const tcols *c, size_t first,
                        pd_table *t)
{
    const char **ckeys = peel_arena_alloc(&p->arena, d->nrow * sizeof *ckeys);
    const char **rkeys = peel_arena_alloc(&p->arena, d->nrow * sizeof *rkeys);
    t->key = cell_text(p, d, first, c->table);
    t->label = cell_text(p, d, first, c->tlabel);
    if (!t->label[0])
        t->label = t->key;
    t->col = peel_arena_alloc(&p->arena, d->nrow * sizeof *t->col);
    t->row = peel_arena_alloc(&p->arena, d->nrow * sizeof *t->row);
    table_keys(p, d, c, first, t, ckeys, rkeys);
    table_cells(p, d, c, first, t, ckeys, rkeys);
    t->unit = shared(p, d, c, first, c->unit);
    t->period = shared(p, d, c, first, c->period);
    t->comparison = is_comparison(d, c, first, t);
}

void pd_pack_tables(pd_pack *p, const peel_report *r, const pd_table_map *map)
{
    const peel_csv_doc *d = &r->tables;
    tcols c = tcols_of(d);
    p->table = peel_arena_alloc(&p->arena, (d->nrow + 1) * sizeof *p->table);
    for (size_t i = 0; i < d->nrow; i++) {
        if (!wanted(d, &c, i, map, p->pillar))
            continue;
        size_t j = 0;
        while (j < i && !same_table(d, &c, i, j))
            j++;
        if (j == i) /* the first cell of a table not yet seen */
            table_build(p, d, &c, i, &p->table[p->ntable++]);
    }
}
