/* Rule expressions on the one expression engine (peel_expr.h): numbers,
 * references (fact:, table:, sidecar:), + - * / and parentheses, and the
 * functions sum(REF), count(REF) and sumproduct(REF, REF) over references
 * that name several figures.  Tolerances propagate to first order (plus the
 * product term, to stay an upper bound). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "peel_expr.h"
#include "rc.h"

enum { MAX_VECTOR = 64 };

static const char *const PREFIXES[] = {"fact:", "table:", "sidecar:", NULL};
static const char *const FUNCTIONS[] = {"sumproduct", "sum", "count", NULL};
static const int ARITY[] = {2, 1, 1};

const peel_expr_syntax RC_EXPR_SYNTAX = {0, PREFIXES, FUNCTIONS, ARITY,
                                         "expected a reference (fact:, table: or sidecar:)"};

typedef struct evaluator {
    const rc_data *d;
    char *missing; /* the first reference not in the report; may be NULL */
    size_t missing_cap;
} evaluator;

static int fail_missing(evaluator *ev, const char *ref)
{
    if (ev->missing && !ev->missing[0])
        snprintf(ev->missing, ev->missing_cap, "%s", ref);
    return 0;
}

static void add_err(rc_val *out, const rc_val *a, const rc_val *b, char op)
{
    double x = a->v, y = b->v, ex = a->err, ey = b->err;
    switch (op) {
    case '+':
        out->v = x + y, out->err = ex + ey;
        break;
    case '-':
        out->v = x - y, out->err = ex + ey;
        break;
    case '*':
        out->v = x * y, out->err = fabs(x) * ey + fabs(y) * ex + ex * ey;
        break;
    default:
        out->v = y != 0 ? x / y : NAN;
        out->err =
            fabs(y) > ey ? (fabs(x) * ey + fabs(y) * ex) / (fabs(y) * (fabs(y) - ey)) : INFINITY;
    }
}

static void combine(rc_val *acc, const rc_val *b, char op)
{
    rc_val r;
    rc_val_number(&r, 0);
    add_err(&r, acc, b, op);
    rc_val_merge_lines(&r, acc);
    rc_val_merge_lines(&r, b);
    *acc = r;
}

static int on_number(void *ctx, const peel_expr *n, void *out)
{
    (void)ctx;
    rc_val_number(out, n->num);
    return 1;
}

static int on_ref(void *ctx, const peel_expr *n, void *out)
{
    evaluator *ev = ctx;
    rc_val_number(out, 0);
    return rc_resolve(ev->d, n->text, out, 1) ? 1 : fail_missing(ev, n->text);
}

/* sum(REF), count(REF), sumproduct(REF, REF) */
static int on_call(void *ctx, const peel_expr *n, void *v)
{
    evaluator *ev = ctx;
    rc_val *out = v, a[MAX_VECTOR], b[MAX_VECTOR];
    int two = n->narg == 2;
    rc_val_number(out, 0);
    size_t na = rc_resolve(ev->d, n->arg[0], a, MAX_VECTOR);
    size_t nb = two ? rc_resolve(ev->d, n->arg[1], b, MAX_VECTOR) : 0;
    if (na == 0)
        return fail_missing(ev, n->arg[0]);
    if (two && nb != na)
        return fail_missing(ev, n->arg[1]);
    for (size_t i = 0; i < na; i++) {
        rc_val term = a[i];
        if (two)
            combine(&term, &b[i], '*');
        if (strcmp(n->text, "count") == 0) {
            rc_val one;
            rc_val_number(&one, 1);
            rc_val_merge_lines(&one, &term);
            term = one;
        }
        combine(out, &term, '+');
    }
    return 1;
}

static int on_neg(void *ctx, void *v)
{
    (void)ctx;
    ((rc_val *)v)->v = -((rc_val *)v)->v;
    return 1;
}

static int on_group(void *ctx, void *v)
{
    (void)ctx;
    (void)v;
    return 1;
}

static int on_binary(void *ctx, char op, void *acc, const void *b)
{
    (void)ctx;
    combine(acc, b, op);
    return 1;
}

static const peel_expr_ops OPS = {sizeof(rc_val), on_number, on_ref,   on_call,
                                  on_neg,         on_group,  on_binary};

int rc_expr_check(const char *text, const char **why)
{
    peel_arena a;
    peel_arena_init(&a);
    int ok = peel_expr_parse(&a, text, &RC_EXPR_SYNTAX, why) != NULL;
    peel_arena_release(&a);
    return ok;
}

int rc_expr_value(const rc_data *d, const peel_expr *e, rc_val *out, char *missing, size_t cap)
{
    evaluator ev = {d, missing, cap};
    if (missing && cap)
        missing[0] = '\0';
    return peel_expr_eval(e, &OPS, &ev, out);
}

int rc_expr_eval(const rc_data *d, const char *text, rc_val *out, char *missing, size_t cap)
{
    peel_arena a;
    const char *why;
    peel_arena_init(&a);
    const peel_expr *e = peel_expr_parse(&a, text, &RC_EXPR_SYNTAX, &why);
    int ok = e && rc_expr_value(d, e, out, missing, cap);
    peel_arena_release(&a);
    return ok;
}
