/* A check's verdict and its row in reconciliation.csv. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_num.h"
#include "rc.h"

void rc_emit_header(rc_out *o)
{
    static const char *const h[] = {"rule_id",    "kind",      "pillar",     "description",
                                    "expected",   "actual",    "difference", "tolerance",
                                    "status",     "source_lines", "unit",    "note"};
    peel_csv_put_row(&o->w, h, sizeof h / sizeof *h);
}

/* Plain numbers: whole ones without decimals, others to four places. */
static void put_number(peel_csv_writer *w, double v)
{
    char buf[64];
    if (!isfinite(v)) {
        peel_csv_put(w, "");
        return;
    }
    double r = round(v);
    if (fabs(v - r) < 1e-9 * (fabs(v) > 1 ? fabs(v) : 1)) {
        peel_num_format(r, 0, buf, sizeof buf);
    } else {
        peel_num_format(v, 4, buf, sizeof buf);
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    peel_csv_put(w, buf);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void put_lines(peel_csv_writer *w, const rc_val *e, const rc_val *a)
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
    peel_csv_put(w, buf);
}

/* Far off: beyond ten times the tolerance and 10% of the larger figure.
 * A figure the report calls approximate, or a remainder of listed parts,
 * warns near its tolerance; so far off it is a contradiction all the same
 * (31,000 officers in the prose against 3,812 FTE in the table). */
static int far_off(double d, double tol, double e, double a)
{
    return fabs(d) > 10 * tol && fabs(d) > 0.1 * fmax(fabs(e), fabs(a));
}

static const char *verdict(const rc_check *c, double d, double tol, double e, double a,
                           const char **note)
{
    const char *st;
    switch (c->op) {
    case RC_LE: /* expected <= actual */
        st = d >= -tol ? "PASS" : "FAIL";
        break;
    case RC_GE: /* expected >= actual */
        st = d <= tol ? "PASS" : "FAIL";
        break;
    case RC_PARTS:
        st = fabs(d) <= tol ? "PASS" : d < 0 && !far_off(d, tol, e, a) ? "WARN" : "FAIL";
        if (d < -tol)
            *note = "the parts fall short of the total: a remainder is unexplained";
        else if (d > tol)
            *note = "the parts add up to more than the total";
        break;
    default:
        st = fabs(d) <= tol ? "PASS" : fabs(d) <= 2 * tol ? "WARN" : "FAIL";
    }
    if (c->cap_warn && strcmp(st, "FAIL") == 0 && !far_off(d, tol, e, a))
        st = "WARN";
    return st;
}

static void count(rc_out *o, const char *st)
{
    if (strcmp(st, "PASS") == 0)
        o->pass++;
    else if (strcmp(st, "WARN") == 0)
        o->warn++;
    else if (strcmp(st, "FAIL") == 0)
        o->fail++;
    else
        o->skip++;
}

static void put_head(rc_out *o, const rc_check *c)
{
    peel_csv_put(&o->w, c->rule_id);
    peel_csv_put(&o->w, c->kind);
    peel_csv_put(&o->w, c->pillar ? c->pillar : "");
    peel_csv_put_text(&o->w, c->description);
}

void rc_emit(rc_out *o, const rc_check *c, const rc_val *e, const rc_val *a)
{
    double d = a->v - e->v;
    double tol = c->tolerance >= 0 ? c->tolerance : e->err + a->err;
    /* Floating-point noise is not a finding. */
    double slack = 1e-9 * fmax(1, fmax(fabs(a->v), fabs(e->v)));
    const char *note = c->note && c->note[0] ? c->note : NULL, *auto_note = NULL;
    const char *st = isfinite(d) ? verdict(c, d, tol + slack, e->v, a->v, &auto_note) : "FAIL";
    put_head(o, c);
    put_number(&o->w, e->v);
    put_number(&o->w, a->v);
    put_number(&o->w, d);
    put_number(&o->w, tol);
    peel_csv_put(&o->w, st);
    put_lines(&o->w, e, a);
    peel_csv_put(&o->w, c->unit ? c->unit : "");
    peel_csv_put_text(&o->w, note ? note : auto_note && strcmp(st, "PASS") != 0 ? auto_note : "");
    peel_csv_end_row(&o->w);
    count(o, st);
}

void rc_emit_skip(rc_out *o, const rc_check *c, const char *why)
{
    put_head(o, c);
    for (int i = 0; i < 4; i++)
        peel_csv_put(&o->w, "");
    peel_csv_put(&o->w, "SKIP");
    peel_csv_put(&o->w, "");
    peel_csv_put(&o->w, c->unit ? c->unit : "");
    peel_csv_put_text(&o->w, why);
    peel_csv_end_row(&o->w);
    count(o, "SKIP");
}

void rc_emit_text(rc_out *o, const rc_check *c, const char *expected, const char *actual,
                  const rc_val *lines, int same)
{
    const char *st = same ? "PASS" : c->cap_warn ? "WARN" : "FAIL";
    put_head(o, c);
    peel_csv_put_text(&o->w, expected);
    peel_csv_put_text(&o->w, actual);
    peel_csv_put(&o->w, "");
    peel_csv_put(&o->w, "");
    peel_csv_put(&o->w, st);
    put_lines(&o->w, lines, NULL);
    peel_csv_put(&o->w, c->unit ? c->unit : "");
    peel_csv_put_text(&o->w, c->note ? c->note : "");
    peel_csv_end_row(&o->w);
    count(o, st);
}
