/* The pillar's tables: those printed in its own section, and the report's
 * opening tables that the layout catalogue's `opening` lines
 * (pipeline/workbook.csv) give it, as the workbooks' Data sheets have them.
 * Which opening table belongs where is data, not code: the stage knows no
 * table by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

/* The pillar's own tables, and the opening tables the catalogue gives it
 * unless its own section prints a table of the same key. */
static int wanted(const peel_tindex *ix, const peel_table *t, const peel_tcat *cat,
                  peel_pillar pillar)
{
    if (t->pillar == pillar)
        return 1;
    return t->pillar == PEEL_NOPILLAR && peel_tcat_opening(cat, t->key, pillar) &&
           !peel_tindex_find(ix, pillar, t->key);
}

static const char *clean(pd_pack *p, const char *s)
{
    return pd_clean(&p->arena, s);
}

/* A comparison: at least one force column and one comparator, every cell
 * of them present and numeric. */
static int is_comparison(const peel_table *x, const pd_table *t)
{
    int force = 0, other = 0;
    for (size_t k = 0; k < t->ncol; k++)
        t->col[k].is_force ? force++ : other++;
    /* a chart shows up to five series */
    return force && other && t->ncol <= 5 && x->all_values;
}

static void table_build(pd_pack *p, const pd_source *src, const peel_table *x, pd_table *t)
{
    t->key = clean(p, x->key);
    t->label = clean(p, x->label);
    if (!t->label[0])
        t->label = t->key;
    t->ncol = x->ncol;
    t->col = peel_arena_alloc(&p->arena, (x->ncol + 1) * sizeof *t->col);
    for (size_t k = 0; k < x->ncol; k++) {
        const peel_tcol *c = &x->col[k];
        t->col[k] =
            (pd_col){c->key, clean(p, c->label), clean(p, c->unit), clean(p, c->period), c->force};
    }
    t->nrow = x->nrow;
    t->row = peel_arena_alloc(&p->arena, (x->nrow + 1) * sizeof *t->row);
    for (size_t i = 0; i < x->nrow; i++) {
        pd_row *row = &t->row[i];
        row->label = clean(p, x->row[i].label);
        row->raw = peel_arena_alloc(&p->arena, (x->ncol + 1) * sizeof *row->raw);
        row->value = peel_arena_alloc(&p->arena, (x->ncol + 1) * sizeof *row->value);
        for (size_t k = 0; k < x->ncol; k++) {
            long ci = peel_table_cell(x, (int)i, (int)k);
            if (ci >= 0) {
                row->raw[k] = clean(p, src->rec->cells[ci].raw);
                row->value[k] = src->rec->cells[ci].value.v;
            }
        }
    }
    t->first_line = x->first_line;
    t->last_line = x->last_line;
    t->unit = x->unit ? clean(p, pd_layout_unit(src->lay, x->unit)) : NULL;
    t->period = x->period ? clean(p, x->period) : NULL;
    t->comparison = is_comparison(x, t);
}

void pd_pack_tables(pd_pack *p, const pd_source *src)
{
    const peel_tindex *ix = src->tables;
    p->table = peel_arena_alloc(&p->arena, (ix->ntable + 1) * sizeof *p->table);
    for (size_t i = 0; i < ix->ntable; i++)
        if (wanted(ix, &ix->table[i], &src->lay->tcat, p->pillar))
            table_build(p, src, &ix->table[i], &p->table[p->ntable++]);
}
