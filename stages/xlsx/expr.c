/* Expressions over named cells:  [name]  sum([group])  numbers  + - * / ( )
 * One recursive-descent pass gives both the formula text (names replaced
 * by cell references) and its value, computed the way a spreadsheet does,
 * so the cached result is what a reader recomputes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

int xl_expr_is_leaf(const char *src)
{
    return strncmp(src, "fact:", 5) == 0 || strncmp(src, "table:", 6) == 0 || src[0] == '@' ||
           src[0] == '#';
}

typedef struct ectx {
    xl_book *b; /* NULL when only checking syntax */
    xl_sym *self;
    const char *p;
    peel_buf f;          /* formula text */
    int ok;              /* every input known */
    const char *missing; /* the first input not known */
    const xl_family *fam;
    int dec;
    xl_sym *last;      /* the last cell referred to */
    int nref;          /* 1 when the expression is one bare reference */
    const char *error; /* syntax or layout error */
} ectx;

static double expr(ectx *e);

static void skip(ectx *e)
{
    while (*e->p == ' ')
        e->p++;
}

/* Consumes c when it comes next; never steps past the end. */
static int eat(ectx *e, char c)
{
    skip(e);
    if (*e->p != c)
        return 0;
    e->p++;
    return 1;
}

static void fail(ectx *e, const char *msg)
{
    if (!e->error)
        e->error = msg;
}

static xl_sym *resolve(ectx *e, const char *name)
{
    char full[512];
    for (int i = 0; i < 2; i++) {
        if (!e->self->scope[i])
            continue;
        snprintf(full, sizeof full, "%s.%s", e->self->scope[i], name);
        xl_sym *s = xl_sym_find(e->b, full);
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
    if (!e->b)
        return NULL;
    xl_sym *s = resolve(e, name);
    if (!s)
        s = absent_cell(e->b, name);
    if (!s) {
        fail(e, peel_arena_printf(&e->b->arena, "unknown name [%s]", name));
        return NULL;
    }
    if (xl_sym_eval(e->b, s) != PEEL_OK) {
        fail(e, "");
        return NULL;
    }
    return s;
}

static int read_name(ectx *e, char *name, size_t cap)
{
    if (*e->p != '[')
        return 0;
    const char *close = strchr(e->p, ']');
    size_t n = close ? (size_t)(close - e->p - 1) : 0;
    if (!close || n == 0 || n >= cap) {
        fail(e, "a [name] is not closed");
        return 0;
    }
    memcpy(name, e->p + 1, n);
    name[n] = '\0';
    e->p = close + 1;
    return 1;
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

static double sum_of(ectx *e)
{
    char name[256];
    e->p += 4; /* "sum(" */
    skip(e);
    if (!read_name(e, name, sizeof name))
        return fail(e, "sum() takes one [group]"), NAN;
    if (!eat(e, ')'))
        return fail(e, "sum([group]) is not closed"), NAN;
    xl_sym *g = use(e, name);
    if (!g)
        return NAN;
    if (!g->nmember) {
        note_missing(e, g);
        peel_buf_puts(&e->f, "0");
        return NAN;
    }
    double v = 0;
    for (size_t i = 0; i < g->nmember; i++) {
        xl_sym *m = g->member[i];
        if (xl_sym_eval(e->b, m) != PEEL_OK)
            return fail(e, ""), NAN;
        if (!m->ok)
            note_missing(e, m);
        take_display(e, m);
        v = i ? xl_add(v, m->v) : m->v;
    }
    const xl_sym *a = g->member[0], *z = g->member[g->nmember - 1];
    if (contiguous(g)) {
        peel_buf_printf(&e->f, "SUM(%s)",
                        xl_range(e->b, e->self->sheet, a->sheet, a->row, a->col, z->row, z->col));
    } else {
        peel_buf_puts(&e->f, "SUM(");
        for (size_t i = 0; i < g->nmember; i++)
            peel_buf_printf(&e->f, "%s%s", i ? "," : "",
                            xl_ref(e->b, e->self->sheet, g->member[i]->sheet, g->member[i]->row,
                                   g->member[i]->col, 0));
        peel_buf_puts(&e->f, ")");
    }
    e->nref += 2;
    return v;
}

static double ref(ectx *e)
{
    char name[256];
    if (!read_name(e, name, sizeof name))
        return NAN;
    if (!e->b)
        return 1;
    xl_sym *s = use(e, name);
    if (!s)
        return NAN;
    if (s->nmember)
        return fail(e, peel_arena_printf(&e->b->arena, "[%s] is a group: use sum()", name)), NAN;
    if (!s->ok)
        note_missing(e, s);
    take_display(e, s);
    e->last = s;
    e->nref++;
    /* A name with no cell (a total of a table the report lacks) has nowhere
     * to point to; it is not known either, so the formula is never used. */
    peel_buf_puts(&e->f,
                  s->sheet ? xl_ref(e->b, e->self->sheet, s->sheet, s->row, s->col, 0) : "0");
    return s->v;
}

static double number(ectx *e)
{
    char *end;
    double v = strtod(e->p, &end);
    if (end == e->p)
        return fail(e, "expected a number, [name], sum([group]) or ( )"), NAN;
    peel_buf_add(&e->f, e->p, (size_t)(end - e->p));
    e->p = end;
    e->nref += 2; /* a constant makes the expression more than a reference */
    return v;
}

static double primary(ectx *e)
{
    skip(e);
    if (*e->p == '[')
        return ref(e);
    if (strncmp(e->p, "sum(", 4) == 0)
        return sum_of(e);
    if (*e->p == '(') {
        e->p++;
        peel_buf_putc(&e->f, '(');
        double v = expr(e);
        if (!eat(e, ')'))
            return fail(e, "a ( is not closed"), NAN;
        peel_buf_putc(&e->f, ')');
        e->nref += 2;
        return v;
    }
    if (*e->p == '-') {
        e->p++;
        peel_buf_putc(&e->f, '-');
        e->nref += 2;
        return -primary(e);
    }
    return number(e);
}

static double term(ectx *e)
{
    double v = primary(e);
    for (;;) {
        skip(e);
        if (e->error)
            return NAN;
        char op = *e->p;
        if (op != '*' && op != '/')
            return v;
        e->p++;
        peel_buf_putc(&e->f, op);
        e->nref += 2;
        double w = primary(e);
        if (op == '*')
            v = v * w;
        else if (w == 0)
            e->ok = 0, e->missing = e->missing ? e->missing : "a divisor of zero", v = NAN;
        else
            v = v / w;
    }
}

static double expr(ectx *e)
{
    double v = term(e);
    for (;;) {
        skip(e);
        if (e->error)
            return NAN;
        char op = *e->p;
        if (op != '+' && op != '-')
            return v;
        e->p++;
        peel_buf_putc(&e->f, op);
        e->nref += 2;
        double w = term(e);
        v = op == '+' ? xl_add(v, w) : xl_sub(v, w);
    }
}

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
    static xl_sym dummy;
    ectx e = {.p = src, .self = &dummy, .ok = 1};
    peel_buf_init(&e.f);
    expr(&e);
    skip(&e);
    if (!e.error && *e.p)
        e.error = "unexpected text after the expression";
    peel_buf_release(&e.f);
    return e.error;
}

peel_status xl_expr_eval(xl_book *b, xl_sym *self, xl_expr_value *out)
{
    ectx e = {.b = b, .self = self, .p = self->expr, .ok = 1};
    peel_buf_init(&e.f);
    double v = expr(&e);
    skip(&e);
    if (!e.error && *e.p)
        e.error = "unexpected text after the expression";
    memset(out, 0, sizeof *out);
    if (e.error) {
        peel_buf_release(&e.f);
        /* "" marks an error already reported by a cell this one needs. */
        if (e.error[0])
            xl_layout_fail(b, self->lay_line, "source", "%s in \"%s\"", e.error, self->expr);
        return PEEL_EDATA;
    }
    out->v = v;
    out->ok = e.ok && isfinite(v);
    out->missing = e.missing ? e.missing : "an input";
    out->fam = e.fam;
    out->dec = e.dec;
    out->link = e.nref == 1 ? e.last : NULL;
    out->formula = peel_arena_strdup(&b->arena, peel_buf_str(&e.f));
    peel_buf_release(&e.f);
    return PEEL_OK;
}
