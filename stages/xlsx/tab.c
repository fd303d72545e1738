/* The tables records regrouped as tables: rows and columns in report order,
 * and which column is the force's, the comparator's, the latest and earliest
 * period and the printed change.  The force's column key starts with the
 * layout's force prefix; failing that (a force name the ingest could not
 * generalise) it is the first column that is not a comparator. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

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

static int is_comparator(const xl_layout *lay, const char *key)
{
    for (size_t i = 0; i < lay->ncomparator; i++)
        if (strncmp(key, lay->comparator[i], strlen(lay->comparator[i])) == 0)
            return 1;
    return 0;
}

static xl_table *find_or_add(xl_table *tabs, size_t *n, const char *key, peel_pillar pillar)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(tabs[i].key, key) == 0 && tabs[i].pillar == pillar)
            return &tabs[i];
    xl_table *t = &tabs[(*n)++];
    memset(t, 0, sizeof *t);
    t->key = key;
    t->pillar = pillar;
    return t;
}

static int col_index(xl_table *t, const peel_cell *c)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->col[i].key, c->column) == 0)
            return (int)i;
    if (t->ncol == XL_MAXTCOL)
        return -1;
    xl_tcol *col = &t->col[t->ncol];
    col->key = c->column;
    col->label = c->column_label;
    col->unit = c->unit;
    col->period = c->period;
    col->year = year_of(col->period);
    return (int)t->ncol++;
}

static int row_index(peel_arena *a, xl_table *t, const peel_cell *c, size_t cap)
{
    const char *key = c->trow;
    for (size_t i = 0; i < t->nrow; i++)
        if (strcmp(t->row[i].key, key) == 0)
            return (int)i;
    if (!t->row) {
        t->row = peel_arena_alloc(a, sizeof *t->row * cap);
        t->cell = peel_arena_alloc(a, sizeof *t->cell * cap * XL_MAXTCOL);
        for (size_t i = 0; i < cap * XL_MAXTCOL; i++)
            t->cell[i] = -1;
    }
    xl_trow *row = &t->row[t->nrow];
    row->key = key;
    row->label = c->row_label;
    row->line = c->line;
    return (int)t->nrow++;
}

/* Period columns: same unit, not %, a year each; the change column is the
 * remaining % column of such a table. */
static void classify(xl_table *t, const xl_layout *lay)
{
    t->force = t->comparator = t->latest = t->earliest = t->change = -1;
    size_t fp = strlen(lay->force_prefix);
    for (size_t i = 0; i < t->ncol; i++) {
        const char *key = t->col[i].key;
        if (is_comparator(lay, key)) {
            if (t->comparator < 0)
                t->comparator = (int)i;
        } else if (strncmp(key, lay->force_prefix, fp) == 0 && t->force < 0) {
            t->force = (int)i;
        }
    }
    for (size_t i = 0; i < t->ncol && t->force < 0 && t->comparator >= 0; i++)
        if (!is_comparator(lay, t->col[i].key))
            t->force = (int)i;
    if (t->comparator >= 0)
        return;
    for (size_t i = 0; i < t->ncol; i++) {
        const xl_tcol *col = &t->col[i];
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

void xl_tables_build(peel_arena *a, const peel_records *rec, const xl_layout *lay, xl_table **out,
                     size_t *n)
{
    xl_table *tabs = peel_arena_alloc(a, sizeof *tabs * (rec->ncell + 1));
    size_t nt = 0;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *c = &rec->cells[r];
        xl_table *t = find_or_add(tabs, &nt, c->table, c->pillar);
        if (!t->label) {
            t->label = c->table_label;
            t->line = c->line;
        }
        int ci = col_index(t, c);
        int ri = row_index(a, t, c, rec->ncell);
        if (ci >= 0 && t->cell[(size_t)ri * XL_MAXTCOL + (size_t)ci] < 0)
            t->cell[(size_t)ri * XL_MAXTCOL + (size_t)ci] = (long)r;
    }
    for (size_t i = 0; i < nt; i++)
        classify(&tabs[i], lay);
    *out = tabs;
    *n = nt;
}

int xl_table_col(const xl_table *t, const char *sel)
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

int xl_table_row(const xl_table *t, const char *key)
{
    for (size_t i = 0; i < t->nrow; i++)
        if (strcmp(t->row[i].key, key) == 0)
            return (int)i;
    return -1;
}

int xl_table_on(const xl_table *t, const xl_layout *lay, peel_pillar pillar)
{
    if (t->pillar != PEEL_NOPILLAR)
        return t->pillar == pillar;
    for (size_t i = 0; i < lay->nopen; i++)
        if (lay->open_pillar[i] == pillar && fnmatch(lay->open_glob[i], t->key, 0) == 0)
            return 1;
    return 0;
}
