/* A recursive-descent parser to a tree, and a left-to-right fold over it.
 * Recursion is bounded by the nesting limit: a chain of operators is parsed
 * in a loop into one node. */
#include "peel_expr.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    peel_arena *a;
    const peel_expr_syntax *syn;
    const char *s;
    const char *why;
    int depth; /* factors now being parsed, one inside another */
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

static void *fail(parser *p, const char *why)
{
    if (!p->why)
        p->why = why;
    return NULL;
}

static peel_expr *node(parser *p, peel_ekind kind)
{
    peel_expr *e = peel_arena_alloc(p->a, sizeof *e);
    e->kind = kind;
    return e;
}

/* Characters of a bare reference: keys, slugs, selectors and globs. */
static int ref_char(char c)
{
    return isalnum((unsigned char)c) || (c && strchr("._-:/@*#", c));
}

static int has_prefix(const parser *p, const char *s)
{
    for (const char *const *x = p->syn->prefixes; x && *x; x++)
        if (strncmp(s, *x, strlen(*x)) == 0)
            return 1;
    return 0;
}

/* A reference of the dialect into *out (arena); 0 when there is none. */
static int reference(parser *p, const char **out)
{
    skip(p);
    if (*p->s == '[' && p->syn->bracket_names) {
        const char *close = strchr(p->s, ']');
        if (!close || close == p->s + 1)
            return fail(p, "a [name] is not closed"), 0;
        *out = peel_arena_strndup(p->a, p->s + 1, (size_t)(close - p->s - 1));
        p->s = close + 1;
        return 1;
    }
    size_t n = 0;
    while (ref_char(p->s[n]))
        n++;
    if (n == 0 || !has_prefix(p, p->s))
        return 0;
    *out = peel_arena_strndup(p->a, p->s, n);
    p->s += n;
    return 1;
}

/* The index of the function named s[0..n), or -1. */
static int function_of(const parser *p, const char *s, size_t n)
{
    for (int i = 0; p->syn->functions && p->syn->functions[i]; i++)
        if (strlen(p->syn->functions[i]) == n && strncmp(s, p->syn->functions[i], n) == 0)
            return i;
    return -1;
}

/* name(REF) or name(REF, REF), the name already read. */
static peel_expr *call(parser *p, int f)
{
    peel_expr *e = node(p, PEEL_EX_CALL);
    e->text = p->syn->functions[f];
    if (!eat(p, '('))
        return fail(p, "bad function call");
    for (int i = 0; i < p->syn->arity[f]; i++)
        if ((i && !eat(p, ',')) || !reference(p, &e->arg[e->narg++]))
            return fail(p, "bad function call");
    if (!eat(p, ')'))
        return fail(p, "bad function call");
    return e;
}

static peel_expr *expr(parser *p);

static peel_expr *wrap(parser *p, peel_ekind kind, peel_expr *inner)
{
    if (!inner)
        return NULL;
    peel_expr *e = node(p, kind);
    e->operand = peel_arena_alloc(p->a, sizeof(peel_expr *));
    e->operand[0] = inner;
    e->n = 1;
    return e;
}

static peel_expr *factor_at(parser *p)
{
    skip(p);
    if (eat(p, '(')) {
        peel_expr *e = wrap(p, PEEL_EX_GROUP, expr(p));
        if (e && !eat(p, ')'))
            return fail(p, "a ( is not closed");
        return e;
    }
    if (isdigit((unsigned char)*p->s) || *p->s == '.') {
        char *end;
        peel_expr *e = node(p, PEEL_EX_NUM);
        e->num = strtod(p->s, &end);
        if (!isfinite(e->num)) /* 1e999: no figure of a report */
            return fail(p, "a number too large for a double");
        e->text = peel_arena_strndup(p->a, p->s, (size_t)(end - p->s));
        p->s = end;
        return e;
    }
    size_t n = 0;
    while (isalpha((unsigned char)p->s[n]) || p->s[n] == '_')
        n++;
    int f = n ? function_of(p, p->s, n) : -1;
    if (f >= 0) {
        const char *after = p->s + n;
        while (isspace((unsigned char)*after))
            after++;
        if (*after == '(') {
            p->s += n;
            return call(p, f);
        }
    }
    peel_expr *e = node(p, PEEL_EX_REF);
    if (!reference(p, &e->text))
        return fail(p, p->syn->expected);
    return e;
}

/* Parentheses and signs recurse: thousands of "(" would overflow the stack
 * (found by fuzzing the rules, then the workbook layout). */
static peel_expr *factor(parser *p)
{
    if (p->depth >= PEEL_EXPR_MAX_NEST)
        return fail(p, "nested too deeply (more than 100 levels of parentheses or signs)");
    p->depth++;
    peel_expr *e;
    skip(p);
    if (*p->s == '-') {
        p->s++;
        e = wrap(p, PEEL_EX_NEG, factor(p));
    } else {
        e = factor_at(p);
    }
    p->depth--;
    return e;
}

/* operand (op operand)* with op among ops, as one node when there are two
 * or more operands. */
static peel_expr *chain(parser *p, const char *ops, peel_expr *(*next)(parser *))
{
    peel_expr *first = next(p);
    if (!first)
        return NULL;
    peel_vec operands = {0};
    peel_buf opv;
    peel_buf_init(&opv);
    peel_vec_push(&operands, first);
    for (;;) {
        skip(p);
        char op = *p->s;
        if (!op || !strchr(ops, op))
            break;
        p->s++;
        peel_expr *e = next(p);
        if (!e) {
            peel_vec_release(&operands, NULL);
            peel_buf_release(&opv);
            return NULL;
        }
        peel_vec_push(&operands, e);
        peel_buf_putc(&opv, op);
    }
    peel_expr *out = first;
    if (operands.n > 1) {
        out = node(p, PEEL_EX_CHAIN);
        out->n = operands.n;
        out->operand = peel_arena_alloc(p->a, operands.n * sizeof(peel_expr *));
        memcpy(out->operand, operands.item, operands.n * sizeof(peel_expr *));
        out->op = peel_arena_strndup(p->a, peel_buf_str(&opv), opv.len);
    }
    peel_vec_release(&operands, NULL);
    peel_buf_release(&opv);
    return out;
}

static peel_expr *term(parser *p)
{
    return chain(p, "*/", factor);
}

static peel_expr *expr(parser *p)
{
    return chain(p, "+-", term);
}

peel_expr *peel_expr_parse(peel_arena *a, const char *text, const peel_expr_syntax *syn,
                           const char **why)
{
    parser p = {.a = a, .syn = syn, .s = text};
    peel_expr *e = expr(&p);
    if (e) {
        skip(&p);
        if (*p.s)
            e = fail(&p, "unexpected text after the expression");
    }
    *why = e ? NULL : p.why ? p.why : "bad expression";
    return e;
}

int peel_expr_is_ref(const peel_expr *e)
{
    return e && e->kind == PEEL_EX_REF;
}

int peel_expr_eval(const peel_expr *e, const peel_expr_ops *ops, void *ctx, void *out)
{
    switch (e->kind) {
    case PEEL_EX_NUM:
        return ops->number(ctx, e, out);
    case PEEL_EX_REF:
        return ops->ref(ctx, e, out);
    case PEEL_EX_CALL:
        return ops->call(ctx, e, out);
    case PEEL_EX_NEG:
        return peel_expr_eval(e->operand[0], ops, ctx, out) && ops->neg(ctx, out);
    case PEEL_EX_GROUP:
        return peel_expr_eval(e->operand[0], ops, ctx, out) &&
               (!ops->group || ops->group(ctx, out));
    case PEEL_EX_CHAIN:
        break;
    }
    if (!peel_expr_eval(e->operand[0], ops, ctx, out))
        return 0;
    void *b = peel_xmalloc(ops->size);
    int ok = 1;
    for (size_t i = 1; i < e->n && ok; i++)
        ok = peel_expr_eval(e->operand[i], ops, ctx, b) && ops->binary(ctx, e->op[i - 1], out, b);
    free(b);
    return ok;
}
