#include "peel_lines.h"

#include <stdlib.h>
#include <string.h>

#include "peel_mem.h"

peel_lines_of peel_fact_lines(const peel_records *rec)
{
    return (peel_lines_of){rec->facts, rec->nfact, sizeof *rec->facts, offsetof(peel_fact, line)};
}

peel_lines_of peel_cell_lines(const peel_records *rec)
{
    return (peel_lines_of){rec->cells, rec->ncell, sizeof *rec->cells, offsetof(peel_cell, line)};
}

long peel_line_at(const peel_lines_of *o, size_t i)
{
    long v;
    memcpy(&v, (const char *)o->base + i * o->size + o->offset, sizeof v);
    return v;
}

typedef struct line_ix {
    long line;
    size_t i;
} line_ix;

static int by_line_then_index(const void *x, const void *y)
{
    const line_ix *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

size_t *peel_by_line(const peel_lines_of *o)
{
    size_t n = o->n;
    line_ix *pairs = peel_xmalloc((n ? n : 1) * sizeof *pairs);
    for (size_t i = 0; i < n; i++)
        pairs[i] = (line_ix){peel_line_at(o, i), i};
    if (n)
        qsort(pairs, n, sizeof *pairs, by_line_then_index);
    size_t *ix = peel_xmalloc((n ? n : 1) * sizeof *ix);
    for (size_t i = 0; i < n; i++)
        ix[i] = pairs[i].i;
    free(pairs);
    return ix;
}

size_t peel_by_line_first(const peel_lines_of *o, const size_t *ix, long line)
{
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (peel_line_at(o, ix[mid]) < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
