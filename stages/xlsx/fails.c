/* Figures that fail reconciliation, marked where they are used.  A FAIL
 * check names the report lines it used and the two figures it compared;
 * a figure of the records on one of those lines holding one of those two
 * values is a figure the check found wanting (the 39.5% of officers who
 * are women, line 1029, against the table's 27%, line 808).  Cells built
 * on such a figure carry the mark too (sym.c), so a total over it says so. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

static int same_number(const peel_cval *cv, const peel_value *v)
{
    return cv->num && v->has && fabs(cv->v - v->v) <= 1e-9 * fmax(1.0, fabs(v->v));
}

/* Records by report line, so that a check visits only the records of its
 * own lines (a long table's thousand checks would otherwise each scan
 * every cell: quadratic). */
typedef struct by_line {
    long line;
    size_t index;
} by_line;

static int line_cmp(const void *pa, const void *pb)
{
    const by_line *a = pa, *c = pb;
    if (a->line != c->line)
        return a->line < c->line ? -1 : 1;
    return (a->index > c->index) - (a->index < c->index);
}

/* The first entry of `line` in the sorted array, or n. */
static size_t first_of(const by_line *v, size_t n, long line)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Marks, for each of k's lines, the records on it holding one of the two
 * figures it compared; value(i) and line order come from `v`. */
static void mark(const peel_check *k, const by_line *v, size_t n, const peel_check **fail,
                 const peel_value *(*value)(const peel_records *, size_t), const peel_records *rec)
{
    for (const char *p = k->source_lines; *p;) {
        char *end;
        long line = strtol(p, &end, 10);
        if (end == p)
            return;
        for (size_t i = first_of(v, n, line); i < n && v[i].line == line; i++) {
            const peel_value *x = value(rec, v[i].index);
            if (!fail[v[i].index] && (same_number(&k->expected, x) || same_number(&k->actual, x)))
                fail[v[i].index] = k;
        }
        p = end;
    }
}

static const peel_value *fact_value(const peel_records *rec, size_t i)
{
    return &rec->facts[i].value;
}

static const peel_value *cell_value(const peel_records *rec, size_t i)
{
    return &rec->cells[i].value;
}

void xl_fails_find(xl_book *b)
{
    const peel_records *rec = b->rec;
    b->cell_fail = peel_arena_alloc(&b->arena, sizeof(const peel_check *) * (rec->ncell + 1));
    b->fact_fail = peel_arena_alloc(&b->arena, sizeof(const peel_check *) * (rec->nfact + 1));
    size_t nfail = 0;
    for (size_t i = 0; i < rec->ncheck; i++)
        nfail += rec->checks[i].status == PEEL_FAIL;
    if (!nfail)
        return;
    by_line *facts = peel_xmalloc(sizeof *facts * (rec->nfact + 1));
    by_line *cells = peel_xmalloc(sizeof *cells * (rec->ncell + 1));
    for (size_t i = 0; i < rec->nfact; i++)
        facts[i] = (by_line){rec->facts[i].line, i};
    for (size_t i = 0; i < rec->ncell; i++)
        cells[i] = (by_line){rec->cells[i].line, i};
    qsort(facts, rec->nfact, sizeof *facts, line_cmp);
    qsort(cells, rec->ncell, sizeof *cells, line_cmp);
    for (size_t i = 0; i < rec->ncheck; i++) {
        const peel_check *k = &rec->checks[i];
        if (k->status != PEEL_FAIL)
            continue;
        mark(k, facts, rec->nfact, b->fact_fail, fact_value, rec);
        mark(k, cells, rec->ncell, b->cell_fail, cell_value, rec);
    }
    free(facts);
    free(cells);
}

const char *xl_fail_note(xl_book *b, const xl_sym *s)
{
    const peel_check *k = s->fail;
    if (!k)
        return NULL;
    const char *what = s->fail_own ? "This figure fails" : "Built on a figure that fails";
    return peel_arena_printf(&b->arena,
                             "%s reconciliation check %s (%s: %s against %s). See the "
                             "Reconciliation sheet.",
                             what, k->rule_id, k->description, k->expected.text, k->actual.text);
}
