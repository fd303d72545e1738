/* A check's verdict and its row in reconciliation.csv. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rc.h"

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Every report line the figures used, ascending, space-separated. */
static const char *lines_of(rc_out *o, const rc_val *e, const rc_val *a)
{
    rc_val all;
    rc_val_number(&all, 0);
    if (e)
        rc_val_merge_lines(&all, e);
    if (a)
        rc_val_merge_lines(&all, a);
    qsort(all.line, (size_t)all.nline, sizeof *all.line, cmp_long);
    char buf[RC_MAX_LINES * 12] = "";
    size_t n = 0;
    for (int i = 0; i < all.nline; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%ld", i ? " " : "", all.line[i]);
    return peel_records_str(o->rec, buf);
}

/* Far off: beyond ten times the tolerance and 10% of the larger figure.
 * A figure the report calls approximate, or a remainder of listed parts,
 * warns near its tolerance; so far off it is a contradiction all the same
 * (31,000 officers in the prose against 3,812 FTE in the table). */
static int far_off(double d, double tol, double e, double a)
{
    return fabs(d) > 10 * tol && fabs(d) > 0.1 * fmax(fabs(e), fabs(a));
}

static peel_verdict verdict(const rc_check *c, double d, double tol, double e, double a,
                            const char **note)
{
    peel_verdict st;
    switch (c->op) {
    case RC_LE: /* expected <= actual */
        st = d >= -tol ? PEEL_PASS : PEEL_FAIL;
        break;
    case RC_GE: /* expected >= actual */
        st = d <= tol ? PEEL_PASS : PEEL_FAIL;
        break;
    case RC_PARTS:
        st = fabs(d) <= tol ? PEEL_PASS : d < 0 && !far_off(d, tol, e, a) ? PEEL_WARN : PEEL_FAIL;
        if (d < -tol)
            *note = "the parts fall short of the total: a remainder is unexplained";
        else if (d > tol)
            *note = "the parts add up to more than the total";
        break;
    default:
        st = fabs(d) <= tol ? PEEL_PASS : fabs(d) <= 2 * tol ? PEEL_WARN : PEEL_FAIL;
    }
    if (c->cap_warn && st == PEEL_FAIL && !far_off(d, tol, e, a))
        st = PEEL_WARN;
    return st;
}

/* A new check record with the rule's own fields, counted under st. */
static peel_check *add(rc_out *o, const rc_check *c, peel_verdict st)
{
    peel_check *k = peel_records_add(o->rec, PEEL_RECONCILIATION);
    k->rule_id = peel_records_str(o->rec, c->rule_id);
    k->kind = peel_records_str(o->rec, c->kind);
    k->pillar = peel_pillar_parse(c->pillar ? c->pillar : "", NULL);
    k->description = peel_records_str(o->rec, c->description);
    k->status = st;
    k->unit = peel_records_str(o->rec, c->unit);
    long *counts[PEEL_NVERDICT] = {&o->pass, &o->warn, &o->fail, &o->skip};
    (*counts[st])++;
    return k;
}

void rc_emit(rc_out *o, const rc_check *c, const rc_val *e, const rc_val *a)
{
    double d = a->v - e->v;
    double tol = c->tolerance >= 0 ? c->tolerance : e->err + a->err;
    /* Floating-point noise is not a finding. */
    double slack = 1e-9 * fmax(1, fmax(fabs(a->v), fabs(e->v)));
    const char *note = c->note && c->note[0] ? c->note : NULL, *auto_note = NULL;
    peel_verdict st = isfinite(d) ? verdict(c, d, tol + slack, e->v, a->v, &auto_note) : PEEL_FAIL;
    peel_check *k = add(o, c, st);
    k->expected = peel_cval_number(o->rec, e->v);
    k->actual = peel_cval_number(o->rec, a->v);
    k->difference = peel_cval_number(o->rec, d);
    k->tolerance = peel_cval_number(o->rec, tol);
    k->source_lines = lines_of(o, e, a);
    k->note = peel_records_str(o->rec, note ? note : auto_note && st != PEEL_PASS ? auto_note : "");
}

void rc_emit_skip(rc_out *o, const rc_check *c, const char *why)
{
    peel_check *k = add(o, c, PEEL_SKIP);
    k->note = peel_records_str(o->rec, why);
}

void rc_emit_text(rc_out *o, const rc_check *c, const char *expected, const char *actual,
                  const rc_val *lines, int same)
{
    peel_check *k = add(o, c, same ? PEEL_PASS : c->cap_warn ? PEEL_WARN : PEEL_FAIL);
    k->expected = peel_cval_word(o->rec, expected);
    k->actual = peel_cval_word(o->rec, actual);
    k->source_lines = lines_of(o, lines, NULL);
    k->note = peel_records_str(o->rec, c->note);
}
