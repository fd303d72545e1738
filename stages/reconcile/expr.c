/* Rule expressions: numbers, references, + - * / and parentheses, and the
 * functions sum(REF), count(REF) and sumproduct(REF, REF) over references
 * that name several figures.  A recursive-descent evaluator; tolerances
 * propagate to first order (plus the product term, to stay an upper bound). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rc.h"

/* Parentheses and unary minus recurse: a rules file is user input, and
 * thousands of "(" would overflow the stack (found by fuzz_rules). */
enum { MAX_VECTOR = 64, MAX_NEST = 100 };

typedef struct parser {
    const char *s;
    const rc_data *d; /* NULL: only check the syntax */
    const char *why;
    char *missing;
    size_t missing_cap;
    int depth; /* of factor() calls now running */
} parser;

static void skip(parser *p)
{
    while (isspace((unsigned char)*p->s))
        p->s++;
}

static int eat(parser *p, char c)
{
    skip(p);
    if (*p->s != c)
        return 0;
    p->s++;
    return 1;
}

static int ref_char(char c)
{
    return isalnum((unsigned char)c) || (c && strchr("._-:/@*#", c));
}

/* Reads a reference token into buf. */
static int read_ref(parser *p, char *buf, size_t cap)
{
    skip(p);
    size_t n = 0;
    while (ref_char(p->s[n]) && n + 1 < cap)
        n++;
    if (n == 0 || (strncmp(p->s, "fact:", 5) != 0 && strncmp(p->s, "table:", 6) != 0 &&
                   strncmp(p->s, "sidecar:", 8) != 0)) {
        p->why = "expected a reference (fact:, table: or sidecar:)";
        return 0;
    }
    memcpy(buf, p->s, n);
    buf[n] = '\0';
    p->s += n;
    return 1;
}

static int fail_missing(parser *p, const char *ref)
{
    if (p->missing && !p->missing[0])
        snprintf(p->missing, p->missing_cap, "%s", ref);
    return 0;
}

static int expr(parser *p, rc_val *out);

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

static int combine(rc_val *acc, const rc_val *b, char op)
{
    rc_val r;
    rc_val_number(&r, 0);
    add_err(&r, acc, b, op);
    rc_val_merge_lines(&r, acc);
    rc_val_merge_lines(&r, b);
    *acc = r;
    return 1;
}

/* sum(REF), count(REF), sumproduct(REF, REF) */
static int function(parser *p, const char *name, rc_val *out)
{
    rc_val a[MAX_VECTOR], b[MAX_VECTOR];
    char r1[256], r2[256] = "";
    int two = strcmp(name, "sumproduct") == 0;
    if (!eat(p, '(') || !read_ref(p, r1, sizeof r1) ||
        (two && (!eat(p, ',') || !read_ref(p, r2, sizeof r2))) || !eat(p, ')')) {
        if (!p->why)
            p->why = "bad function call";
        return 0;
    }
    rc_val_number(out, 0);
    if (!p->d)
        return 1;
    size_t na = rc_resolve(p->d, r1, a, MAX_VECTOR);
    size_t nb = two ? rc_resolve(p->d, r2, b, MAX_VECTOR) : 0;
    if (na == 0)
        return fail_missing(p, r1);
    if (two && nb != na)
        return fail_missing(p, r2);
    for (size_t i = 0; i < na; i++) {
        rc_val term = a[i];
        if (two)
            combine(&term, &b[i], '*');
        if (strcmp(name, "count") == 0) {
            rc_val one;
            rc_val_number(&one, 1);
            rc_val_merge_lines(&one, &term);
            term = one;
        }
        combine(out, &term, '+');
    }
    return 1;
}

static int factor_at(parser *p, rc_val *out);

static int factor(parser *p, rc_val *out)
{
    if (p->depth >= MAX_NEST) {
        p->why = "nested too deeply (more than 100 levels of parentheses or signs)";
        return 0;
    }
    p->depth++;
    int ok = factor_at(p, out);
    p->depth--;
    return ok;
}

static int factor_at(parser *p, rc_val *out)
{
    skip(p);
    if (eat(p, '(')) {
        if (!expr(p, out))
            return 0;
        if (!eat(p, ')')) {
            p->why = "missing ')'";
            return 0;
        }
        return 1;
    }
    if (eat(p, '-')) {
        if (!factor(p, out))
            return 0;
        out->v = -out->v;
        return 1;
    }
    if (isdigit((unsigned char)*p->s) || *p->s == '.') {
        char *end;
        rc_val_number(out, strtod(p->s, &end));
        p->s = end;
        return 1;
    }
    static const char *const funcs[] = {"sumproduct", "sum", "count"};
    for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++) {
        size_t n = strlen(funcs[i]);
        if (strncmp(p->s, funcs[i], n) == 0 &&
            (p->s[n] == '(' || isspace((unsigned char)p->s[n]))) {
            p->s += n;
            return function(p, funcs[i], out);
        }
    }
    char ref[256];
    if (!read_ref(p, ref, sizeof ref))
        return 0;
    rc_val_number(out, 0);
    if (p->d && rc_resolve(p->d, ref, out, 1) == 0)
        return fail_missing(p, ref);
    return 1;
}

static int term(parser *p, rc_val *out)
{
    if (!factor(p, out))
        return 0;
    for (;;) {
        skip(p);
        char op = *p->s;
        if (op != '*' && op != '/')
            return 1;
        p->s++;
        rc_val b;
        if (!factor(p, &b) || !combine(out, &b, op))
            return 0;
    }
}

static int expr(parser *p, rc_val *out)
{
    if (!term(p, out))
        return 0;
    for (;;) {
        skip(p);
        char op = *p->s;
        if (op != '+' && op != '-')
            return 1;
        p->s++;
        rc_val b;
        if (!term(p, &b) || !combine(out, &b, op))
            return 0;
    }
}

static int parse_all(parser *p, rc_val *out)
{
    if (!expr(p, out))
        return 0;
    skip(p);
    if (*p->s) {
        p->why = "unexpected text after the expression";
        return 0;
    }
    return 1;
}

int rc_expr_check(const char *text, const char **why)
{
    parser p = {.s = text};
    rc_val v;
    int ok = parse_all(&p, &v);
    *why = ok ? NULL : p.why ? p.why : "bad expression";
    return ok;
}

int rc_expr_eval(const rc_data *d, const char *text, rc_val *out, char *missing, size_t cap)
{
    parser p = {.s = text, .d = d, .missing = missing, .missing_cap = cap};
    if (missing && cap)
        missing[0] = '\0';
    return parse_all(&p, out);
}
