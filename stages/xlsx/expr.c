/* Expressions over named cells on the one expression engine (peel_expr.h),
 * in the layout's dialect:  [name]  sum([group])  numbers  + - * / ( )
 * One fold over the tree gives both the formula text (names replaced by
 * cell references) and its value, computed the way a spreadsheet does, so
 * the cached result is what a reader recomputes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_expr.h"
#include "xl.h"

int xl_expr_is_leaf(const char *src)
{
    return strncmp(src, "fact:", 5) == 0 || strncmp(src, "table:", 6) == 0 || src[0] == '@' ||
           src[0] == '#';
}

static const char *const FUNCTIONS[] = {"sum", NULL};
static const int ARITY[] = {1};
static const peel_expr_syntax SYNTAX = {1, NULL, FUNCTIONS, ARITY,
                                        "expected a number, [name], sum([group]) or ( )"};

/* What the fold keeps besides the values: the inputs' state, in order. */
typedef struct ectx {
    xl_book *b;
    xl_sym *self;
    int ok;              /* every input known */
    const char *missing; /* the first input not known */
    const xl_family *fam;
    int dec;
    xl_sym *last;      /* the last cell referred to */
    int nref;          /* 1 when the expression is one bare reference */
    const char *error; /* a layout error ("" when a needed cell reported its own) */
} ectx;

/* A value and its formula text (in the book's scratch arena). */
typedef struct xval {
    double v;
    const char *f;
} xval;

static int fail(ectx *e, const char *msg)
{
    if (!e->error)
        e->error = msg;
    return 0;
}

static xl_sym *resolve(ectx *e, const char *name)
{
    char full[512];
    for (int i = 0; i < 2; i++) {
        if (!e->self->scope[i])
            continue;
        xl_sym *s = xl_sym_find(e->b, xl_join(full, sizeof full, e->self->scope[i], '.', name));
        if (s)
            return s;
    }
    return xl_sym_find(e->b, name);
}

/* Every cell the expression uses passes here (once per mention). */
static void take_display(ectx *e, const xl_sym *s)
{
    xl_sym_uses(e->b, e->self, s);
    if (!e->fam && s->fam)
        e->fam = s->fam;
    if (s->dec > e->dec)
        e->dec = s->dec;
}

/* A cell of a section whose table this report lacks ("fte.police-officer.
 * latest" without a workforce table): known to be unknown, so the cells
 * using it say "n/a" instead of the workbook failing on an unknown name.
 * NULL for a name of no such section: a slip in workbook.csv. */
static xl_sym *absent_cell(xl_book *b, const char *name)
{
    for (size_t i = 0; i < b->absent.n; i++) {
        const char *sec = b->absent.item[i];
        size_t n = strlen(sec);
        if (strncmp(name, sec, n) == 0 && name[n] == '.') {
            xl_sym *s = xl_sym_new(b, peel_arena_strdup(&b->arena, name));
            s->label = peel_arena_printf(&b->arena, "%s (its table is not in this report)", name);
            s->state = XL_DONE; /* not known, and on no sheet */
            return s;
        }
    }
    return NULL;
}

/* Evaluates the named cell first, so its value and place are known. */
static xl_sym *use(ectx *e, const char *name)
{
    xl_sym *s = resolve(e, name);
    if (!s)
        s = absent_cell(e->b, name);
    if (!s) {
        fail(e, peel_arena_printf(&e->b->tmp, "unknown name [%s]", name));
        return NULL;
    }
    if (xl_sym_eval(e->b, s) != PEEL_OK) {
        fail(e, "");
        return NULL;
    }
    return s;
}

static void note_missing(ectx *e, const xl_sym *s)
{
    e->ok = 0;
    if (!e->missing)
        e->missing = s->label && s->label[0] ? s->label : s->name;
}

/* Contiguous members of one column on one sheet read as a range. */
static int contiguous(const xl_sym *g)
{
    for (size_t i = 1; i < g->nmember; i++)
        if (g->member[i]->sheet != g->member[0]->sheet || g->member[i]->col != g->member[0]->col ||
            g->member[i]->row != g->member[i - 1]->row + 1)
            return 0;
    return 1;
}

static const char *sum_formula(ectx *e, const xl_sym *g)
{
    const xl_sym *a = g->member[0], *z = g->member[g->nmember - 1];
    if (contiguous(g))
        return peel_arena_printf(
            &e->b->tmp, "SUM(%s)",
            xl_range(e->b, e->self->sheet, a->sheet, a->row, a->col, z->row, z->col));
    peel_buf f;
    peel_buf_init(&f);
    peel_buf_puts(&f, "SUM(");
    for (size_t i = 0; i < g->nmember; i++)
        peel_buf_printf(&f, "%s%s", i ? "," : "",
                        xl_ref(e->b, e->self->sheet, g->member[i]->sheet, g->member[i]->row,
                               g->member[i]->col, 0));
    peel_buf_puts(&f, ")");
    const char *out = peel_arena_strdup(&e->b->tmp, peel_buf_str(&f));
    peel_buf_release(&f);
    return out;
}

/* sum([group]) */
static int on_call(void *ctx, const peel_expr *n, void *v)
{
    ectx *e = ctx;
    xval *out = v;
    xl_sym *g = use(e, n->arg[0]);
    if (!g)
        return 0;
    if (!g->nmember) {
        note_missing(e, g);
        *out = (xval){NAN, "0"};
        return 1;
    }
    double sum = 0;
    for (size_t i = 0; i < g->nmember; i++) {
        xl_sym *m = g->member[i];
        if (xl_sym_eval(e->b, m) != PEEL_OK)
            return fail(e, "");
        if (!m->ok)
            note_missing(e, m);
        take_display(e, m);
        sum = i ? xl_add(sum, m->v) : m->v;
    }
    *out = (xval){sum, sum_formula(e, g)};
    e->nref += 2;
    return 1;
}

static int on_ref(void *ctx, const peel_expr *n, void *v)
{
    ectx *e = ctx;
    xval *out = v;
    xl_sym *s = use(e, n->text);
    if (!s)
        return 0;
    if (s->nmember)
        return fail(e, peel_arena_printf(&e->b->tmp, "[%s] is a group: use sum()", n->text));
    if (!s->ok)
        note_missing(e, s);
    take_display(e, s);
    e->last = s;
    e->nref++;
    /* A name with no cell (a total of a table the report lacks) has nowhere
     * to point to; it is not known either, so the formula is never used. */
    out->f = s->sheet ? xl_ref(e->b, e->self->sheet, s->sheet, s->row, s->col, 0) : "0";
    out->v = s->v;
    return 1;
}

static int on_number(void *ctx, const peel_expr *n, void *v)
{
    ectx *e = ctx;
    *(xval *)v = (xval){n->num, n->text};
    e->nref += 2; /* a constant makes the expression more than a reference */
    return 1;
}

static int on_neg(void *ctx, void *v)
{
    ectx *e = ctx;
    xval *x = v;
    *x = (xval){-x->v, peel_arena_concat(&e->b->tmp, (const char *[]){"-", x->f}, 2)};
    e->nref += 2;
    return 1;
}

static int on_group(void *ctx, void *v)
{
    ectx *e = ctx;
    xval *x = v;
    x->f = peel_arena_concat(&e->b->tmp, (const char *[]){"(", x->f, ")"}, 3);
    e->nref += 2;
    return 1;
}

/* The way a spreadsheet computes: sums and differences within the operands'
 * precision are zero; a divisor of zero leaves the cell unknown. */
static int on_binary(void *ctx, char op, void *acc, const void *b)
{
    ectx *e = ctx;
    xval *x = acc;
    const xval *y = b;
    double v = x->v, w = y->v;
    if (op == '*') {
        v = v * w;
    } else if (op == '/') {
        if (w == 0)
            e->ok = 0, e->missing = e->missing ? e->missing : "a divisor of zero", v = NAN;
        else
            v = v / w;
    } else {
        v = op == '+' ? xl_add(v, w) : xl_sub(v, w);
    }
    const char sign[2] = {(char)op, '\0'};
    *x = (xval){v, peel_arena_concat(&e->b->tmp, (const char *[]){x->f, sign, y->f}, 3)};
    e->nref += 2;
    return 1;
}

static const peel_expr_ops OPS = {sizeof(xval), on_number, on_ref,   on_call,
                                  on_neg,       on_group,  on_binary};

static int leaf_ok(const char *src)
{
    if (strncmp(src, "fact:", 5) == 0)
        return src[5] != '\0' && !strchr(src, ' ');
    if (strncmp(src, "table:", 6) == 0) {
        const char *s1 = strchr(src + 6, '/');
        const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
        return s1 && s2 && s2[1] && !strchr(s2 + 1, '/');
    }
    return src[1] != '\0';
}

const char *xl_expr_check(const char *src)
{
    if (!src[0])
        return "no source expression";
    if (xl_expr_is_leaf(src))
        return leaf_ok(src) ? NULL : "malformed figure reference";
    const char *why;
    peel_arena a;
    peel_arena_init(&a);
    peel_expr_parse(&a, src, &SYNTAX, &why);
    peel_arena_release(&a);
    return why;
}

peel_status xl_expr_eval(xl_book *b, xl_sym *self, xl_expr_value *out)
{
    ectx e = {.b = b, .self = self, .ok = 1};
    xval v = {NAN, ""};
    memset(out, 0, sizeof *out);
    const peel_expr *tree = peel_expr_parse(&b->tmp, self->expr, &SYNTAX, &e.error);
    if (tree && !peel_expr_eval(tree, &OPS, &e, &v) && !e.error)
        e.error = "";
    if (e.error) {
        /* "" marks an error already reported by a cell this one needs. */
        if (e.error[0])
            xl_layout_fail(b, self->lay_line, "source", "%s in \"%s\"", e.error, self->expr);
        return PEEL_EDATA;
    }
    out->v = v.v;
    out->ok = e.ok && isfinite(v.v);
    out->missing = e.missing ? e.missing : "an input";
    out->fam = e.fam;
    out->dec = e.dec;
    out->link = e.nref == 1 ? e.last : NULL;
    out->formula = v.f;
    return PEEL_OK;
}
