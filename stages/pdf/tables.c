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

int pd_table_map_has(const pd_table_map *m, const char *key, peel_pillar pillar)
{
    int ct = peel_csv_col(&m->doc, "table"), cp = peel_csv_col(&m->doc, "pillars");
    for (size_t i = 0; i < m->doc.nrow; i++)
        if (strcmp(peel_csv_get(&m->doc, i, ct), key) == 0 &&
            list_has(peel_csv_get(&m->doc, i, cp), peel_pillar_name(pillar)))
            return 1;
    return 0;
}

/* Nonzero when the pillar's own section prints a table with this key: the
 * opening copy of it is then left out. */
static int own_table(const peel_records *r, const char *key, peel_pillar pillar)
{
    for (size_t i = 0; i < r->ncell; i++)
        if (r->cells[i].pillar == pillar && strcmp(r->cells[i].table, key) == 0)
            return 1;
    return 0;
}

static int wanted(const peel_records *r, size_t i, const pd_table_map *map, peel_pillar pillar)
{
    const peel_cell *c = &r->cells[i];
    if (c->pillar == pillar)
        return 1;
    return c->pillar == PEEL_NOPILLAR && pd_table_map_has(map, c->table, pillar) &&
           !own_table(r, c->table, pillar);
}

/* Cells a and b are of the same table (same key, same section). */
static int same_table(const peel_cell *a, const peel_cell *b)
{
    return strcmp(a->table, b->table) == 0 && a->pillar == b->pillar;
}

/* Index of `key` among the first n keys, or n. */
static size_t find_key(const char *const *keys, size_t n, const char *key)
{
    size_t k = 0;
    while (k < n && strcmp(keys[k], key) != 0)
        k++;
    return k;
}

/* The column and row keys of the table starting at cell `first`, in order
 * of first appearance.  Arrays are sized for every cell of the report. */
static void table_keys(pd_pack *p, const peel_records *r, size_t first, pd_table *t,
                       const char **ckeys, const char **rkeys)
{
    for (size_t i = first; i < r->ncell; i++) {
        const peel_cell *c = &r->cells[i];
        if (!same_table(&r->cells[first], c))
            continue;
        if (find_key(ckeys, t->ncol, c->column) == t->ncol) {
            pd_col *col = &t->col[t->ncol];
            ckeys[t->ncol++] = c->column;
            col->key = c->column;
            col->label = pd_clean(&p->arena, c->column_label);
            col->unit = pd_clean(&p->arena, c->unit);
            col->period = pd_clean(&p->arena, c->period);
            col->is_force = strncmp(c->column, "force-", 6) == 0;
        }
        if (find_key(rkeys, t->nrow, c->trow) == t->nrow) {
            rkeys[t->nrow] = c->trow;
            t->row[t->nrow++].label = pd_clean(&p->arena, c->row_label);
        }
    }
}

/* unit or period shared by every cell of the table, else NULL. */
static const char *shared(pd_pack *p, const peel_records *r, size_t first, int period)
{
    const peel_cell *f = &r->cells[first];
    const char *v = period ? f->period : f->unit;
    for (size_t i = first; i < r->ncell; i++)
        if (same_table(f, &r->cells[i]) &&
            strcmp(period ? r->cells[i].period : r->cells[i].unit, v) != 0)
            return NULL;
    return pd_clean(&p->arena, v);
}

static void table_cells(pd_pack *p, const peel_records *r, size_t first, pd_table *t,
                        const char **ckeys, const char **rkeys)
{
    for (size_t k = 0; k < t->nrow; k++) {
        t->row[k].raw = peel_arena_alloc(&p->arena, t->ncol * sizeof *t->row[k].raw);
        t->row[k].value = peel_arena_alloc(&p->arena, t->ncol * sizeof *t->row[k].value);
    }
    t->first_line = t->last_line = r->cells[first].line;
    for (size_t i = first; i < r->ncell; i++) {
        const peel_cell *c = &r->cells[i];
        if (!same_table(&r->cells[first], c))
            continue;
        size_t ci = find_key(ckeys, t->ncol, c->column);
        size_t ri = find_key(rkeys, t->nrow, c->trow);
        t->row[ri].raw[ci] = pd_clean(&p->arena, c->raw);
        t->row[ri].value[ci] = c->value.v;
        if (c->line > t->last_line)
            t->last_line = c->line;
        if (c->line < t->first_line)
            t->first_line = c->line;
    }
}

/* A comparison: at least one force column and one comparator, every cell
 * of them present and numeric. */
static int is_comparison(const peel_records *r, size_t first, const pd_table *t)
{
    int force = 0, other = 0;
    for (size_t k = 0; k < t->ncol; k++)
        t->col[k].is_force ? force++ : other++;
    if (!force || !other || t->ncol > 5) /* a chart shows up to five series */
        return 0;
    for (size_t i = first; i < r->ncell; i++)
        if (same_table(&r->cells[first], &r->cells[i]) && !r->cells[i].value.has)
            return 0;
    return 1;
}

static void table_build(pd_pack *p, const peel_records *r, size_t first, pd_table *t)
{
    const char **ckeys = peel_arena_alloc(&p->arena, r->ncell * sizeof *ckeys);
    const char **rkeys = peel_arena_alloc(&p->arena, r->ncell * sizeof *rkeys);
    const peel_cell *c = &r->cells[first];
    t->key = pd_clean(&p->arena, c->table);
    t->label = pd_clean(&p->arena, c->table_label);
    if (!t->label[0])
        t->label = t->key;
    t->col = peel_arena_alloc(&p->arena, r->ncell * sizeof *t->col);
    t->row = peel_arena_alloc(&p->arena, r->ncell * sizeof *t->row);
    table_keys(p, r, first, t, ckeys, rkeys);
    table_cells(p, r, first, t, ckeys, rkeys);
    t->unit = shared(p, r, first, 0);
    t->period = shared(p, r, first, 1);
    t->comparison = is_comparison(r, first, t);
}

void pd_pack_tables(pd_pack *p, const peel_records *r, const pd_table_map *map)
{
    p->table = peel_arena_alloc(&p->arena, (r->ncell + 1) * sizeof *p->table);
    for (size_t i = 0; i < r->ncell; i++) {
        if (!wanted(r, i, map, p->pillar))
            continue;
        size_t j = 0;
        while (j < i && !same_table(&r->cells[i], &r->cells[j]))
            j++;
        if (j == i) /* the first cell of a table not yet seen */
            table_build(p, r, i, &p->table[p->ntable++]);
    }
}
