/* Figures that fail reconciliation, marked where they are used.  A FAIL
 * check names the report lines it used and the two figures it compared;
 * a figure of the records on one of those lines holding one of those two
 * values is a figure the check found wanting (the 39.5% of officers who
 * are women, line 1029, against the table's 27%, line 808).  Cells built
 * on such a figure carry the mark too (sym.c), so a total over it says so. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peel_lines.h"
#include "xl.h"

static int same_number(const peel_cval *cv, const peel_value *v)
{
    return cv->num && v->has && fabs(cv->v - v->v) <= 1e-9 * fmax(1.0, fabs(v->v));
}

/* Marks, for each of k's lines, the records on it holding one of the two
 * figures it compared (o and ix: where the records are, in line order). */
static void mark(const peel_check *k, const peel_lines_of *o, const size_t *ix,
                 const peel_check **fail, const peel_value *(*value)(const peel_records *, size_t),
                 const peel_records *rec)
{
    for (const char *p = k->source_lines; *p;) {
        char *end;
        long line = strtol(p, &end, 10);
        if (end == p)
            return;
        for (size_t i = peel_by_line_first(o, ix, line); i < o->n && peel_line_at(o, ix[i]) == line;
             i++) {
            const peel_value *x = value(rec, ix[i]);
            if (!fail[ix[i]] && (same_number(&k->expected, x) || same_number(&k->actual, x)))
                fail[ix[i]] = k;
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
    /* by report line, so that a check visits only the records of its own
     * lines (a long table's thousand checks would otherwise each scan every
     * cell: quadratic) */
    peel_lines_of fl = peel_fact_lines(rec), cl = peel_cell_lines(rec);
    size_t *facts = peel_by_line(&fl), *cells = peel_by_line(&cl);
    for (size_t i = 0; i < rec->ncheck; i++) {
        const peel_check *k = &rec->checks[i];
        if (k->status != PEEL_FAIL)
            continue;
        mark(k, &fl, facts, b->fact_fail, fact_value, rec);
        mark(k, &cl, cells, b->cell_fail, cell_value, rec);
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
    return peel_arena_concat(&b->tmp,
                             (const char *[]){what, " reconciliation check ", k->rule_id, " (",
                                              k->description, ": ", k->expected.text, " against ",
                                              k->actual.text, "). See the Reconciliation sheet."},
                             10);
}
