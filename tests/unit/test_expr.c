/* Unit tests for the expression engine: the two dialects, the tree, the
 * nesting limit and long chains, errors, and the fold's order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_expr.h"

static const char *const PREFIXES[] = {"fact:", "table:", NULL};
static const char *const RULE_FUNCS[] = {"sumproduct", "sum", NULL};
static const int RULE_ARITY[] = {2, 1};
static const peel_expr_syntax RULES = {0, PREFIXES, RULE_FUNCS, RULE_ARITY, "expected a reference"};
static const char *const LAYOUT_FUNCS[] = {"sum", NULL};
static const int LAYOUT_ARITY[] = {1};
static const peel_expr_syntax LAYOUT = {1, NULL, LAYOUT_FUNCS, LAYOUT_ARITY, "expected an operand"};

/* A value for the tests: the number, and the expression rebuilt as text. */
typedef struct val {
    double v;
    char text[256];
} val;

static int t_number(void *ctx, const peel_expr *n, void *out)
{
    (void)ctx;
    val *v = out;
    v->v = n->num;
    snprintf(v->text, sizeof v->text, "%s", n->text);
    return 1;
}

static int t_ref(void *ctx, const peel_expr *n, void *out)
{
    int *refs = ctx;
    val *v = out;
    (*refs)++;
    v->v = 10;
    snprintf(v->text, sizeof v->text, "<%s>", n->text);
    return strcmp(n->text, "fact:missing") != 0;
}

static int t_call(void *ctx, const peel_expr *n, void *out)
{
    (void)ctx;
    val *v = out;
    v->v = (double)n->narg;
    snprintf(v->text, sizeof v->text, "%s/%zu", n->text, n->narg);
    return 1;
}

static int t_neg(void *ctx, void *p)
{
    (void)ctx;
    val *v = p;
    char t[600];
    v->v = -v->v;
    snprintf(t, sizeof t, "-%s", v->text);
    snprintf(v->text, sizeof v->text, "%.255s", t);
    return 1;
}

static int t_group(void *ctx, void *p)
{
    (void)ctx;
    val *v = p;
    char t[600];
    snprintf(t, sizeof t, "(%s)", v->text);
    snprintf(v->text, sizeof v->text, "%.255s", t);
    return 1;
}

static int t_binary(void *ctx, char op, void *acc, const void *b)
{
    (void)ctx;
    val *x = acc;
    const val *y = b;
    char t[600];
    x->v = op == '+'   ? x->v + y->v
           : op == '-' ? x->v - y->v
           : op == '*' ? x->v * y->v
                       : x->v / y->v;
    snprintf(t, sizeof t, "%s%c%s", x->text, op, y->text);
    snprintf(x->text, sizeof x->text, "%.255s", t);
    return 1;
}

static const peel_expr_ops OPS = {sizeof(val), t_number, t_ref, t_call, t_neg, t_group, t_binary};

static void eval_text(const char *src, const peel_expr_syntax *syn, const char *want, double v)
{
    peel_arena a;
    const char *why;
    int refs = 0;
    val out;
    peel_arena_init(&a);
    const peel_expr *e = peel_expr_parse(&a, src, syn, &why);
    if (!e)
        fail_msg("%s: %s", src, why);
    assert_int_equal(peel_expr_eval(e, &OPS, &refs, &out), 1);
    assert_string_equal(out.text, want);
    assert_true(out.v == v);
    peel_arena_release(&a);
}

static void test_dialects(void **state)
{
    (void)state;
    eval_text("fact:a + 2 * table:x/y/@latest - 1", &RULES, "<fact:a>+2*<table:x/y/@latest>-1", 29);
    eval_text("(fact:a - fact:b) / fact:b * 100", &RULES, "(<fact:a>-<fact:b>)/<fact:b>*100", 0);
    eval_text("sumproduct(table:t/*/@change, table:t/*/@earliest) / sum (fact:x)", &RULES,
              "sumproduct/2/sum/1", 2);
    eval_text("[movement] / [years]", &LAYOUT, "<movement>/<years>", 1);
    eval_text("-sum([parts]) + -[x] * 2.50", &LAYOUT, "-sum/1+-<x>*2.50", -26);
    eval_text(" \t1e3 ", &LAYOUT, "1e3", 1000);
}

static void test_trees(void **state)
{
    (void)state;
    peel_arena a;
    const char *why;
    peel_arena_init(&a);
    assert_true(peel_expr_is_ref(peel_expr_parse(&a, "[x]", &LAYOUT, &why)));
    assert_false(peel_expr_is_ref(peel_expr_parse(&a, "([x])", &LAYOUT, &why)));
    peel_expr *e = peel_expr_parse(&a, "1 - 2 + 3", &LAYOUT, &why);
    assert_int_equal(e->kind, PEEL_EX_CHAIN);
    assert_int_equal(e->n, 3);
    assert_string_equal(e->op, "-+");
    peel_arena_release(&a);
}

static void expect_error(const char *src, const peel_expr_syntax *syn, const char *want)
{
    peel_arena a;
    const char *why;
    peel_arena_init(&a);
    assert_null(peel_expr_parse(&a, src, syn, &why));
    assert_string_equal(why, want);
    peel_arena_release(&a);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("", &LAYOUT, "expected an operand");
    expect_error("1 +", &LAYOUT, "expected an operand");
    expect_error("fact:a", &LAYOUT, "expected an operand"); /* not of this dialect */
    expect_error("[x", &LAYOUT, "a [name] is not closed");
    expect_error("(1 + 2", &LAYOUT, "a ( is not closed");
    expect_error("1 2", &LAYOUT, "unexpected text after the expression");
    expect_error("sum([x], [y])", &LAYOUT, "bad function call");
    expect_error("sumproduct(fact:a)", &RULES, "bad function call");
    expect_error("[x]", &RULES, "expected a reference");
    expect_error("other:x", &RULES, "expected a reference");
    expect_error("1e999 + 1", &LAYOUT, "a number too large for a double"); /* strtod: inf */
}

/* Nesting is refused past the limit, whatever the depth asked for; a long
 * flat chain is not nesting. */
static void test_limits(void **state)
{
    (void)state;
    enum { DEEP = 300000, LONG = 200000 };
    char *s = malloc(2 * DEEP + 2);
    memset(s, '(', DEEP);
    s[DEEP] = '1';
    memset(s + DEEP + 1, ')', DEEP);
    s[2 * DEEP + 1] = '\0';
    expect_error(s, &LAYOUT, "nested too deeply (more than 100 levels of parentheses or signs)");
    memset(s, '-', DEEP);
    s[DEEP] = '1';
    s[DEEP + 1] = '\0';
    expect_error(s, &RULES, "nested too deeply (more than 100 levels of parentheses or signs)");
    /* 99 levels of parentheses (and the factor inside) are fine. */
    memset(s, '(', 99);
    s[99] = '7';
    memset(s + 100, ')', 99);
    s[199] = '\0';
    peel_arena a;
    const char *why;
    peel_arena_init(&a);
    assert_non_null(peel_expr_parse(&a, s, &LAYOUT, &why));
    free(s);
    s = malloc(2 * LONG + 2);
    for (size_t i = 0; i < LONG; i++)
        s[2 * i] = '1', s[2 * i + 1] = '+';
    s[2 * LONG - 1] = '\0';
    peel_expr *e = peel_expr_parse(&a, s, &LAYOUT, &why);
    assert_non_null(e);
    assert_int_equal(e->n, LONG);
    peel_arena_release(&a);
    free(s);
}

/* The fold stops where an operation says so. */
static void test_stop(void **state)
{
    (void)state;
    peel_arena a;
    const char *why;
    int refs = 0;
    val out;
    peel_arena_init(&a);
    const peel_expr *e = peel_expr_parse(&a, "fact:a + fact:missing * fact:c", &RULES, &why);
    assert_int_equal(peel_expr_eval(e, &OPS, &refs, &out), 0);
    assert_int_equal(refs, 2); /* fact:c never looked up */
    peel_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dialects), cmocka_unit_test(test_trees),
        cmocka_unit_test(test_errors),   cmocka_unit_test(test_limits),
        cmocka_unit_test(test_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
