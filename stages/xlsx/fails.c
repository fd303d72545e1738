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

/* Nonzero when line is one of the check's space-separated source lines. */
static int on_line(const peel_check *k, long line)
{
    for (const char *p = k->source_lines; *p;) {
        char *end;
        long l = strtol(p, &end, 10);
        if (end == p)
            return 0;
        if (l == line)
            return 1;
        p = end;
    }
    return 0;
}

static int same_number(const peel_cval *cv, const peel_value *v)
{
    return cv->num && v->has && fabs(cv->v - v->v) <= 1e-9 * fmax(1.0, fabs(v->v));
}

static int compared(const peel_check *k, const peel_value *v, long line)
{
    return (same_number(&k->expected, v) || same_number(&k->actual, v)) && on_line(k, line);
}

void xl_fails_find(xl_book *b)
{
    const peel_records *rec = b->rec;
    b->cell_fail = peel_arena_alloc(&b->arena, sizeof(const peel_check *) * (rec->ncell + 1));
    b->fact_fail = peel_arena_alloc(&b->arena, sizeof(const peel_check *) * (rec->nfact + 1));
    for (size_t i = 0; i < rec->ncheck; i++) {
        const peel_check *k = &rec->checks[i];
        if (k->status != PEEL_FAIL)
            continue;
        for (size_t f = 0; f < rec->nfact; f++)
            if (!b->fact_fail[f] && compared(k, &rec->facts[f].value, rec->facts[f].line))
                b->fact_fail[f] = k;
        for (size_t c = 0; c < rec->ncell; c++)
            if (!b->cell_fail[c] && compared(k, &rec->cells[c].value, rec->cells[c].line))
                b->cell_fail[c] = k;
    }
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
