/* References to the report's figures:
 *   fact:KEY                 facts.csv rows with that key (the first, outside sum())
 *   table:[PILLAR:]TABLE/ROW/COLUMN
 *                            ROW may be *; COLUMN a key or @latest, @earliest,
 *                            @change, @force, @comparator
 *   sidecar:KEY[@PERIOD|@first|@last]
 *                            rows of the report's sidecar CSVs
 * Each value carries the tolerance of its printed form and its report line. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peel_num.h"
#include "rc.h"

void rc_val_number(rc_val *out, double v)
{
    memset(out, 0, sizeof *out);
    out->v = v;
}

static void add_line(rc_val *v, long line)
{
    if (line <= 0)
        return;
    for (int i = 0; i < v->nline; i++)
        if (v->line[i] == line)
            return;
    if (v->nline < RC_MAX_LINES)
        v->line[v->nline++] = line;
}

void rc_val_merge_lines(rc_val *into, const rc_val *from)
{
    for (int i = 0; i < from->nline; i++)
        add_line(into, from->line[i]);
}

/* A figure's value with the tolerance of its printed form and its line. */
static void figure_of(rc_val *out, double v, const peel_printed *printed, long line)
{
    rc_val_number(out, v);
    out->err = printed->half;
    add_line(out, line);
}

/* ---- facts ---- */

static size_t resolve_fact(const peel_records *rec, const char *key, rc_val *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->nfact && n < max; i++) {
        const peel_fact *f = &rec->facts[i];
        if (strcmp(f->key, key) == 0)
            figure_of(&out[n++], f->value.v, &f->printed, f->line);
    }
    return n;
}

/* ---- tables ---- */

typedef struct table_ref {
    char pillar[32], table[160], row[160], col[160];
} table_ref;

static int parse_table_ref(const char *ref, table_ref *t)
{
    memset(t, 0, sizeof *t);
    const char *colon = strchr(ref, ':');
    const char *slash = strchr(ref, '/');
    if (colon && slash && colon < slash) {
        snprintf(t->pillar, sizeof t->pillar, "%.*s", (int)(colon - ref), ref);
        ref = colon + 1;
    }
    const char *s1 = strchr(ref, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
    if (!s1 || !s2 || strchr(s2 + 1, '/'))
        return 0;
    snprintf(t->table, sizeof t->table, "%.*s", (int)(s1 - ref), ref);
    snprintf(t->row, sizeof t->row, "%.*s", (int)(s2 - s1 - 1), s1 + 1);
    snprintf(t->col, sizeof t->col, "%s", s2 + 1);
    return t->table[0] && t->row[0] && t->col[0];
}

/* The table a reference names: in the pillar given, else the first of
 * that key. */
static const peel_table *table_of(const rc_data *d, const table_ref *tr)
{
    if (!tr->pillar[0])
        return peel_tindex_first(d->tables, tr->table);
    int known;
    peel_pillar p = peel_pillar_parse(tr->pillar, &known);
    return known && p != PEEL_NOPILLAR ? peel_tindex_find(d->tables, p, tr->table) : NULL;
}

/* The figure in (row, col), when the cell holds one. */
static int cell_figure(const rc_data *d, const peel_table *t, int row, int col, rc_val *out)
{
    long ci = peel_table_cell(t, row, col);
    if (ci < 0 || !d->rec->cells[ci].value.has)
        return 0;
    const peel_cell *c = &d->rec->cells[ci];
    figure_of(out, c->value.v, &c->printed, c->line);
    return 1;
}

static size_t resolve_table(const rc_data *d, const char *ref, rc_val *out, size_t max)
{
    table_ref tr;
    const peel_table *t = parse_table_ref(ref, &tr) ? table_of(d, &tr) : NULL;
    int col = t ? peel_table_col(t, tr.col) : -1;
    if (col < 0)
        return 0;
    if (strcmp(tr.row, "*") != 0)
        return max > 0 && cell_figure(d, t, peel_table_row(d->tables, t, tr.row), col, out);
    size_t n = 0;
    for (size_t r = 0; r < t->nrow && n < max; r++)
        n += (size_t)cell_figure(d, t, (int)r, col, &out[n]);
    return n;
}

/* ---- sidecars ---- */

static void sidecar_val(rc_val *out, const peel_sidecar *s)
{
    rc_val_number(out, s->value.v);
    out->err = 0.5 * pow(10, -s->value.dec);
}

static size_t resolve_sidecar(const peel_records *rec, const char *ref, rc_val *out, size_t max)
{
    char key[160], sel[64] = "";
    const char *at = strchr(ref, '@');
    snprintf(key, sizeof key, "%.*s", at ? (int)(at - ref) : (int)strlen(ref), ref);
    if (at)
        snprintf(sel, sizeof sel, "%s", at + 1);
    const peel_sidecar *first = NULL, *last = NULL;
    size_t n = 0;
    for (size_t i = 0; i < rec->nsidecar; i++) {
        const peel_sidecar *s = &rec->sidecars[i];
        if (strcmp(s->key, key) != 0)
            continue;
        if (!first || strcmp(s->period, first->period) < 0)
            first = s;
        if (!last || strcmp(s->period, last->period) > 0)
            last = s;
        if ((!sel[0] || strcmp(sel, s->period) == 0) && n < max)
            sidecar_val(&out[n++], s);
    }
    const peel_sidecar *pick = strcmp(sel, "first") == 0  ? first
                               : strcmp(sel, "last") == 0 ? last
                                                          : NULL;
    if (pick && max > 0) {
        sidecar_val(&out[0], pick);
        return 1;
    }
    return n;
}

size_t rc_resolve(const rc_data *d, const char *ref, rc_val *out, size_t max)
{
    if (strncmp(ref, "fact:", 5) == 0)
        return resolve_fact(d->rec, ref + 5, out, max);
    if (strncmp(ref, "table:", 6) == 0)
        return resolve_table(d, ref + 6, out, max);
    if (strncmp(ref, "sidecar:", 8) == 0)
        return resolve_sidecar(d->rec, ref + 8, out, max);
    return 0;
}
