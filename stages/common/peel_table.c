#include "peel_table.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_csv.h"
#include "peel_text.h"

/* ---- the table lines of the layout catalogue ---- */

void peel_tcat_init(peel_tcat *c)
{
    memset(c, 0, sizeof *c);
    peel_arena_init(&c->arena);
}

void peel_tcat_release(peel_tcat *c)
{
    peel_vec_release(&c->comparators, NULL);
    peel_vec_release(&c->openings, NULL);
    peel_arena_release(&c->arena);
}

int peel_tcat_line(peel_tcat *c, const char *kind, const char *pillar, const char *source,
                   const char *file, long line, peel_status *st, peel_err *err)
{
    *st = PEEL_OK;
    if (strcmp(kind, "force") == 0) {
        c->force_prefix = peel_arena_strdup(&c->arena, source);
    } else if (strcmp(kind, "comparator") == 0) {
        peel_vec_push(&c->comparators, peel_arena_strdup(&c->arena, source));
    } else if (strcmp(kind, "opening") == 0) {
        peel_pillar p = peel_pillar_parse(pillar, NULL);
        if (p == PEEL_NOPILLAR) {
            *st = PEEL_FAIL(err, PEEL_EDATA, file, line, "unknown pillar (\"%s\")", pillar);
            peel_err_field(err, "pillar");
            return 1;
        }
        peel_opening *o = peel_arena_alloc(&c->arena, sizeof *o);
        o->pillar = p;
        o->glob = peel_arena_strdup(&c->arena, source);
        peel_vec_push(&c->openings, o);
    } else {
        return 0;
    }
    return 1;
}

peel_status peel_tcat_check(const peel_tcat *c, const char *file, peel_err *err)
{
    if (!c->force_prefix)
        return PEEL_FAIL(err, PEEL_EDATA, file, 0, "no force line");
    return PEEL_OK;
}

peel_status peel_tcat_load(peel_tcat *c, const char *path, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int ck = peel_csv_col(&doc, "kind"), cp = peel_csv_col(&doc, "pillar");
    int cs = peel_csv_col(&doc, "source");
    if (ck < 0 || cp < 0 || cs < 0)
        st = PEEL_FAIL(err, PEEL_EDATA, path, 1, "no column %s",
                       ck < 0   ? "kind"
                       : cp < 0 ? "pillar"
                                : "source");
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++)
        peel_tcat_line(c, peel_csv_get(&doc, r, ck), peel_csv_get(&doc, r, cp),
                       peel_csv_get(&doc, r, cs), path, doc.row[r].line, &st, err);
    peel_csv_doc_release(&doc);
    return st == PEEL_OK ? peel_tcat_check(c, path, err) : st;
}

int peel_tcat_opening(const peel_tcat *c, const char *key, peel_pillar pillar)
{
    for (size_t i = 0; i < c->openings.n; i++) {
        const peel_opening *o = c->openings.item[i];
        if (o->pillar == pillar && fnmatch(o->glob, key, 0) == 0)
            return 1;
    }
    return 0;
}

static int is_comparator(const peel_tcat *c, const char *key)
{
    for (size_t i = 0; i < c->comparators.n; i++) {
        const char *prefix = c->comparators.item[i];
        if (strncmp(key, prefix, strlen(prefix)) == 0)
            return 1;
    }
    return 0;
}

/* ---- building ---- */

/* The latest year a period names ("31 March 2019" -> 2019, "2018/19" -> 2018). */
static int year_of(const char *period)
{
    int year = 0;
    for (const char *p = period; *p; p++)
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
            isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
            !isdigit((unsigned char)p[4]) && (p == period || !isdigit((unsigned char)p[-1]))) {
            int y = atoi(p);
            if (y > year)
                year = y;
        }
    return year;
}

/* Tables as they are met, each with its own growing arrays (malloc'd while
 * building, copied into the arena at the end). */
typedef struct draft {
    size_t index; /* among the tables */
    peel_table t;
    peel_vec cols, rows; /* peel_tcol*, peel_trow* */
    peel_vec cells;      /* (row, col, cell) triples as long[3] */
} draft;

/* "<n>/<s>" into k, cut to cap - 1 bytes as snprintf would cut it: the
 * maps' keys, made for every cell and looked up for every figure, without
 * a printf each time.  Returns k. */
static char *slash_key(char *k, size_t cap, long n, const char *s)
{
    char num[24], *end = num;
    size_t len = 0;
    if (n < 0)
        *end++ = '-';
    end = peel_utoa(end, n < 0 ? 0UL - (unsigned long)n : (unsigned long)n);
    for (const char *d = num; d < end && len + 1 < cap; d++)
        k[len++] = *d;
    if (len + 1 < cap)
        k[len++] = '/';
    size_t rest = strlen(s);
    if (rest > cap - 1 - len)
        rest = cap - 1 - len;
    memcpy(k + len, s, rest);
    k[len + rest] = '\0';
    return k;
}

static const char *table_key(peel_arena *a, peel_pillar pillar, const char *key)
{
    size_t cap = strlen(key) + 24; /* whole, however long */
    return slash_key(peel_arena_alloc(a, cap), cap, (long)pillar, key);
}

static int find_col(const draft *d, const char *key)
{
    for (size_t i = 0; i < d->cols.n; i++)
        if (strcmp(((const peel_tcol *)d->cols.item[i])->key, key) == 0)
            return (int)i;
    return -1;
}

static void add_cell(peel_tindex *ix, draft *d, size_t ti, const peel_cell *c, size_t ci,
                     const peel_tcat *cat)
{
    int col = find_col(d, c->column);
    if (col < 0) {
        peel_tcol *k = peel_arena_alloc(&ix->arena, sizeof *k);
        *k = (peel_tcol){c->column, c->column_label, c->unit, c->period, year_of(c->period), 0, ci};
        k->force = cat->force_prefix &&
                   strncmp(c->column, cat->force_prefix, strlen(cat->force_prefix)) == 0;
        col = (int)d->cols.n;
        peel_vec_push(&d->cols, k);
    }
    /* Rows are found by "<table>/<row key>". */
    char probe[600];
    slash_key(probe, sizeof probe, (long)ti, c->trow);
    peel_trow *row = peel_map_get(&ix->rows, probe);
    if (!row) {
        row = peel_arena_alloc(&ix->arena, sizeof *row);
        *row = (peel_trow){c->trow, c->row_label, c->line, d->rows.n};
        peel_vec_push(&d->rows, row);
        peel_map_put(&ix->rows, peel_arena_strdup(&ix->arena, probe), row);
    }
    long *triple = peel_arena_alloc(&ix->arena, 3 * sizeof *triple);
    triple[0] = (long)row->index;
    triple[1] = col;
    triple[2] = (long)ci;
    peel_vec_push(&d->cells, triple);
    peel_table *t = &d->t;
    if (c->line < t->first_line)
        t->first_line = c->line;
    if (c->line > t->last_line)
        t->last_line = c->line;
    if (t->unit && strcmp(t->unit, c->unit) != 0)
        t->unit = NULL;
    if (t->period && strcmp(t->period, c->period) != 0)
        t->period = NULL;
    t->all_values &= c->value.has;
}

/* Which column is which (see peel_table.h). */
static void classify(peel_table *t, const peel_tcat *cat)
{
    t->force = t->comparator = t->latest = t->earliest = t->change = -1;
    for (size_t i = 0; i < t->ncol; i++) {
        if (is_comparator(cat, t->col[i].key)) {
            if (t->comparator < 0)
                t->comparator = (int)i;
        } else if (t->col[i].force && t->force < 0) {
            t->force = (int)i;
        }
    }
    for (size_t i = 0; i < t->ncol && t->force < 0 && t->comparator >= 0; i++)
        if (!is_comparator(cat, t->col[i].key))
            t->force = (int)i;
    if (t->comparator >= 0)
        return;
    for (size_t i = 0; i < t->ncol; i++) {
        const peel_tcol *col = &t->col[i];
        if (!col->year || strcmp(col->unit, "%") == 0 || strstr(col->period, " to "))
            continue;
        if (t->latest < 0 || col->year > t->col[t->latest].year)
            t->latest = (int)i;
        if (t->earliest < 0 || col->year < t->col[t->earliest].year)
            t->earliest = (int)i;
    }
    if (t->latest < 0 || t->latest == t->earliest ||
        strcmp(t->col[t->latest].unit, t->col[t->earliest].unit) != 0) {
        t->latest = t->earliest = -1;
        return;
    }
    for (size_t i = 0; i < t->ncol; i++)
        if ((int)i != t->latest && (int)i != t->earliest && strcmp(t->col[i].unit, "%") == 0)
            t->change = (int)i;
}

/* The draft's arrays into the arena, the first cell of each place kept. */
static void finish(peel_tindex *ix, draft *d, const peel_tcat *cat)
{
    peel_table *t = &d->t;
    t->ncol = d->cols.n;
    t->nrow = d->rows.n;
    t->col = peel_arena_alloc(&ix->arena, (t->ncol + 1) * sizeof *t->col);
    for (size_t i = 0; i < t->ncol; i++)
        t->col[i] = *(const peel_tcol *)d->cols.item[i];
    t->row = peel_arena_alloc(&ix->arena, (t->nrow + 1) * sizeof *t->row);
    for (size_t i = 0; i < t->nrow; i++)
        t->row[i] = *(const peel_trow *)d->rows.item[i];
    t->cell = peel_arena_alloc(&ix->arena, (t->nrow * t->ncol + 1) * sizeof *t->cell);
    for (size_t i = 0; i < t->nrow * t->ncol; i++)
        t->cell[i] = -1;
    for (size_t i = 0; i < d->cells.n; i++) {
        const long *c = d->cells.item[i];
        long *slot = &t->cell[(size_t)c[0] * t->ncol + (size_t)c[1]];
        if (*slot < 0)
            *slot = c[2];
        ix->row_of[c[2]] = c[0];
    }
    classify(t, cat);
    peel_vec_release(&d->cols, NULL);
    peel_vec_release(&d->rows, NULL);
    peel_vec_release(&d->cells, NULL);
}

void peel_tindex_build(peel_tindex *ix, const peel_records *rec, const peel_tcat *cat)
{
    memset(ix, 0, sizeof *ix);
    peel_arena_init(&ix->arena);
    peel_map_init(&ix->tables);
    peel_map_init(&ix->rows);
    ix->table_of = peel_arena_alloc(&ix->arena, (rec->ncell + 1) * sizeof *ix->table_of);
    ix->row_of = peel_arena_alloc(&ix->arena, (rec->ncell + 1) * sizeof *ix->row_of);
    peel_vec drafts = {0}; /* draft*, owned */
    peel_map by_key;       /* "<pillar>/<key>" -> draft* */
    peel_map_init(&by_key);
    for (size_t i = 0; i < rec->ncell; i++) {
        const peel_cell *c = &rec->cells[i];
        char k[600];
        slash_key(k, sizeof k, (long)c->pillar, c->table);
        draft *d = peel_map_get(&by_key, k);
        if (!d) {
            d = peel_xcalloc(1, sizeof *d);
            d->index = drafts.n;
            d->t = (peel_table){.key = c->table,
                                .label = c->table_label,
                                .pillar = c->pillar,
                                .first = i,
                                .line = c->line,
                                .first_line = c->line,
                                .last_line = c->line,
                                .unit = c->unit,
                                .period = c->period,
                                .all_values = 1};
            peel_vec_push(&drafts, d);
            peel_map_put(&by_key, peel_arena_strdup(&ix->arena, k), d);
        }
        ix->table_of[i] = d->index;
        add_cell(ix, d, d->index, c, i, cat);
    }
    size_t n = drafts.n;
    ix->table = peel_arena_alloc(&ix->arena, (n + 1) * sizeof *ix->table);
    for (size_t i = 0; i < n; i++) {
        draft *d = drafts.item[i];
        finish(ix, d, cat);
        ix->table[i] = d->t;
    }
    ix->ntable = n;
    /* The table map points at the tables where they now live. */
    for (size_t i = 0; i < n; i++) {
        peel_table *t = &ix->table[i];
        peel_map_put(&ix->tables, table_key(&ix->arena, t->pillar, t->key), t);
    }
    peel_map_release(&by_key);
    peel_vec_release(&drafts, free);
}

void peel_tindex_release(peel_tindex *ix)
{
    peel_map_release(&ix->tables);
    peel_map_release(&ix->rows);
    peel_arena_release(&ix->arena);
    memset(ix, 0, sizeof *ix);
}

/* ---- lookups ---- */

const peel_table *peel_tindex_find(const peel_tindex *ix, peel_pillar pillar, const char *key)
{
    char k[600];
    slash_key(k, sizeof k, (long)pillar, key);
    return peel_map_get(&ix->tables, k);
}

const peel_table *peel_tindex_first(const peel_tindex *ix, const char *key)
{
    const peel_table *best = NULL;
    for (int p = 0; p <= PEEL_NOPILLAR; p++) {
        const peel_table *t = peel_tindex_find(ix, (peel_pillar)p, key);
        if (t && (!best || t->first < best->first))
            best = t;
    }
    return best;
}

int peel_table_col(const peel_table *t, const char *sel)
{
    if (sel[0] != '@') {
        for (size_t i = 0; i < t->ncol; i++)
            if (strcmp(t->col[i].key, sel) == 0)
                return (int)i;
        return -1;
    }
    if (strcmp(sel, "@force") == 0)
        return t->force >= 0 ? t->force : (t->ncol ? 0 : -1);
    if (strcmp(sel, "@comparator") == 0)
        return t->comparator;
    if (strcmp(sel, "@latest") == 0)
        return t->latest;
    if (strcmp(sel, "@earliest") == 0)
        return t->earliest;
    if (strcmp(sel, "@change") == 0)
        return t->change;
    return -1;
}

int peel_table_row(const peel_tindex *ix, const peel_table *t, const char *key)
{
    char k[600];
    slash_key(k, sizeof k, (long)(t - ix->table), key);
    const peel_trow *row = peel_map_get(&ix->rows, k);
    return row ? (int)row->index : -1;
}

long peel_table_cell(const peel_table *t, int row, int col)
{
    if (row < 0 || col < 0 || (size_t)row >= t->nrow || (size_t)col >= t->ncol)
        return -1;
    return t->cell[(size_t)row * t->ncol + (size_t)col];
}

int peel_table_on(const peel_table *t, const peel_tcat *cat, peel_pillar pillar)
{
    if (t->pillar != PEEL_NOPILLAR)
        return t->pillar == pillar;
    return peel_tcat_opening(cat, t->key, pillar);
}

long peel_tindex_ref(const peel_tindex *ix, const peel_tcat *cat, peel_pillar pillar,
                     const char *ref)
{
    char glob[256], row[256], sel[128];
    if (sscanf(ref, "%255[^/]/%255[^/]/%127s", glob, row, sel) != 3)
        return -1;
    /* The pillar's own tables first, then the others. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ix->ntable; i++) {
            const peel_table *t = &ix->table[i];
            if (fnmatch(glob, t->key, 0) != 0 || peel_table_on(t, cat, pillar) == !!pass)
                continue;
            long cell = peel_table_cell(t, peel_table_row(ix, t, row), peel_table_col(t, sel));
            if (cell >= 0)
                return cell;
        }
    return -1;
}
