/* Key figures from the named facts: the blocks the layout catalogue's pack
 * lines give this pillar, each figure in the report's own units with the
 * period the report states it for and its report lines.  A key the report
 * does not state is "not stated"; a block it states nothing of is left out
 * and named at the end.  Which figures, in what order, and which are
 * charted is data (pipeline/workbook.csv); nothing here knows a key. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pd.h"

/* A figure found, before it is formatted. */
typedef struct kfig {
    double v;
    double scale;       /* as printed: 1e6 for "£1,250m"; 0 when unknown (a constant) */
    const char *unit;   /* records' unit */
    const char *period; /* distinct periods, "; " between (arena) */
    const char *lines;  /* distinct report lines, ", " between (arena) */
    const char *label;  /* a list item's own words; NULL otherwise */
    int has;
    int dec; /* digits printed after the point, at that scale */
} kfig;

/* What a block is built from: the records and the rows made so far. */
typedef struct kctx {
    pd_pack *p;
    const pd_source *src;
    const pd_lblock *lb;
    kfig *fig;           /* per built row, parallel to the block's rows */
    const pd_lline **of; /* per built row, its catalogue line */
    size_t n;
    size_t cap; /* room in fig, of and a list's rows (rows_room) */
} kctx;

static void kfig_init(kfig *k)
{
    memset(k, 0, sizeof *k);
    k->unit = k->period = k->lines = "";
}

static void take(peel_arena *a, kfig *k, double v, const char *unit, const peel_printed *pr,
                 const char *period, long line)
{
    char s[24] = "";
    k->has = 1;
    k->v = v;
    k->unit = unit;
    k->scale = pr->parsed && pr->scale > 0 ? pr->scale : 1.0;
    k->dec = pr->parsed ? pr->decimals : 0;
    k->period = pd_list_add(a, k->period, period, "; ");
    if (line > 0)
        snprintf(s, sizeof s, "%ld", line);
    k->lines = pd_list_add(a, k->lines, s, ", ");
}

/* The same figure stated again (same value and unit) adds its period and
 * line to the first statement; with `each`, every statement is its own
 * (the parts of a list, told apart by their words). */
static int same_figure(const kfig *k, const peel_fact *f, int each)
{
    return !each && k->has && strcmp(k->unit, f->unit) == 0 &&
           fabs(k->v - f->value.v) <= 1e-9 * (fabs(k->v) + 1.0);
}

/* The facts of a key, each distinct figure once (each statement with
 * `each`).  Returns how many went to out[0..cap). */
static size_t facts_of(peel_arena *a, const pd_source *src, const char *key, int each, kfig *out,
                       size_t cap)
{
    size_t n = 0;
    const pd_bylines *by = src->bylines; /* the facts whose key starts as key does, in order */
    unsigned first = (unsigned char)key[0];
    for (size_t b = by->first_at[first]; b < by->first_at[first + 1]; b++) {
        const peel_fact *f = &src->rec->facts[by->by_first[b]];
        if (strcmp(f->key, key) != 0)
            continue;
        size_t j = 0;
        while (j < n && !same_figure(&out[j], f, each))
            j++;
        if (j == n) {
            if (n == cap)
                continue;
            kfig_init(&out[n++]);
        }
        take(a, &out[j], f->value.v, f->unit, &f->printed, f->period, f->line);
        if (f->label[0])
            out[j].label = f->label;
    }
    return n;
}

/* A table cell: table:GLOB/ROW/SEL, the pillar's tables first. */
static void cell_of(peel_arena *a, const pd_source *src, peel_pillar pillar, const char *ref,
                    kfig *k)
{
    long ci = peel_tindex_ref(src->tables, &src->lay->tcat, pillar, ref);
    if (ci < 0)
        return;
    const peel_cell *c = &src->rec->cells[ci];
    if (c->value.has)
        take(a, k, c->value.v, c->unit, &c->printed, c->period, c->line);
}

/* One figure a source names: a fact's first statement, or a cell. */
static void one_of(peel_arena *a, const pd_source *src, peel_pillar pillar, const char *source,
                   kfig *k)
{
    kfig_init(k);
    if (strncmp(source, "table:", 6) == 0)
        cell_of(a, src, pillar, source + 6, k);
    else if (strncmp(source, "fact:", 5) == 0)
        facts_of(a, src, source + 5, 0, k, 1);
}

static pd_kcell cell_text(pd_pack *p, const kfig *k, int computed)
{
    pd_kcell c = {NULL, "", "", 0.0, "", 1.0, computed};
    if (!k->has)
        return c;
    c.v = k->v;
    c.unit = k->unit;
    c.scale = k->scale;
    c.text = pd_clean(&p->arena, pd_fmt_amount(&p->arena, k->v, k->unit, k->scale, k->dec, 0));
    c.period = pd_clean(&p->arena, k->period);
    c.lines = k->lines;
    return c;
}

/* ---- formulas over the block's lines ---- */

typedef struct fval {
    double v;
    const char *unit;
    double scale; /* 0: a constant, which takes the other side's */
    int dec;
} fval;

typedef struct fctx {
    kctx *k;
    kfig *into; /* collects the periods and lines used */
} fctx;

static void use(fctx *e, const kfig *k, fval *out)
{
    peel_arena *a = &e->k->p->arena;
    *out = (fval){k->v, k->unit, k->scale, k->dec};
    e->into->period = pd_list_add(a, e->into->period, k->period, "; ");
    e->into->lines = pd_list_add(a, e->into->lines, k->lines, ", ");
}

/* The rows built from line `name`: its first, or (sum) all of them. */
static int lookup(fctx *e, const char *name, int all, fval *out)
{
    int found = 0;
    for (size_t i = 0; i < e->k->n; i++) {
        if (strcmp(e->k->of[i]->name, name) != 0 || !e->k->fig[i].has)
            continue;
        fval v;
        use(e, &e->k->fig[i], &v);
        if (!found)
            *out = v;
        else if (all)
            out->v += v.v;
        found = 1;
        if (!all)
            break;
    }
    return found;
}

static int on_ref(void *ctx, const peel_expr *n, void *out)
{
    return lookup(ctx, n->text, 0, out);
}

static int on_call(void *ctx, const peel_expr *n, void *out)
{
    return lookup(ctx, n->arg[0], 1, out);
}

static int on_number(void *ctx, const peel_expr *n, void *out)
{
    (void)ctx;
    const char *dot = strchr(n->text, '.');
    *(fval *)out = (fval){n->num, "", 0.0, dot ? (int)strspn(dot + 1, "0123456789") : 0};
    return 1;
}

static int on_neg(void *ctx, void *v)
{
    (void)ctx;
    ((fval *)v)->v = -((fval *)v)->v;
    return 1;
}

/* Sums and differences keep the unit and show at the finer of the two
 * scales; products and ratios with a constant keep the figure's. */
static int on_binary(void *ctx, char op, void *acc, const void *b)
{
    (void)ctx;
    fval *x = acc;
    const fval *y = b;
    double scale = x->scale <= 0 ? y->scale : y->scale <= 0 ? x->scale : fmin(x->scale, y->scale);
    int dec = pd_dec_at(x->dec, x->scale, scale), dy = pd_dec_at(y->dec, y->scale, scale);
    x->dec = dec > dy ? dec : dy;
    if (op == '+' || op == '-')
        x->v = op == '+' ? x->v + y->v : x->v - y->v;
    else
        x->v = op == '*' ? x->v * y->v : x->v / y->v;
    if (!x->unit[0])
        x->unit = y->unit;
    else if ((op == '*' || op == '/') && y->unit[0])
        x->unit = ""; /* a ratio of two figures */
    x->scale = scale;
    return 1;
}

static const peel_expr_ops FORMULA_OPS = {sizeof(fval), on_number, on_ref,   on_call,
                                          on_neg,       NULL,      on_binary};

/* A computed line: only when every figure it uses is stated. */
static int computed(kctx *k, const pd_lline *x, kfig *out)
{
    kfig_init(out);
    const char *why = NULL;
    const peel_expr *e = peel_expr_parse(&k->p->arena, x->source, &PD_FORMULA, &why);
    fctx ctx = {k, out};
    fval v;
    if (!e || !peel_expr_eval(e, &FORMULA_OPS, &ctx, &v) || !isfinite(v.v))
        return 0;
    out->has = 1;
    out->v = v.v;
    out->unit = v.unit;
    out->scale = v.scale > 0 ? v.scale : 1.0;
    out->dec = v.dec;
    return 1;
}

/* ---- blocks ---- */

static pd_krow *new_row(pd_kblock *b, const char *label, size_t ncol, peel_arena *a)
{
    pd_krow *r = &b->row[b->nrow++];
    r->label = label;
    r->cell = peel_arena_alloc(a, sizeof *r->cell * (ncol + 1));
    for (size_t c = 0; c < ncol; c++)
        r->cell[c] = (pd_kcell){NULL, "", "", 0.0, "", 1.0, 0}; /* not stated */
    return r;
}

/* The line's label with "{label}" replaced by a statement's own words. */
static const char *with_label(peel_arena *a, const char *pattern, const char *label)
{
    const char *at = strstr(pattern, "{label}");
    return pd_clean(a, peel_arena_printf(a, "%.*s%s%s", (int)(at - pattern), pattern,
                                         label ? label : "", at + 7));
}

/* A copy of the n elements of `size` bytes at old in a zeroed array of cap. */
static void *grown_copy(peel_arena *a, const void *old, size_t n, size_t cap, size_t size)
{
    void *v = peel_arena_alloc(a, cap * size);
    if (n)
        memcpy(v, old, n * size);
    return v;
}

/* Room for `more` rows in a list's rows and k's arrays beside them (a row
 * that is not stated has no figure, so the rows are never fewer): grown as
 * its lines add them, a line up to 64, rather than made for 64 a line. */
static void rows_room(kctx *k, pd_kblock *b, size_t more)
{
    if (k->fig && b->nrow + more <= k->cap)
        return;
    peel_arena *a = &k->p->arena;
    size_t cap = 2 * (b->nrow + more);
    b->row = grown_copy(a, b->row, b->nrow, cap, sizeof *b->row);
    k->fig = grown_copy(a, k->fig, k->n, cap, sizeof *k->fig);
    k->of = grown_copy(a, k->of, k->n, cap, sizeof(const pd_lline *));
    k->cap = cap;
}

/* A list line's rows: each figure of its key, or "not stated"; a formula's
 * one row, when it can be computed. */
static void list_line(kctx *k, pd_kblock *b, const pd_lline *x)
{
    enum { MAXFIG = 64 };
    peel_arena *a = &k->p->arena;
    kfig figs[MAXFIG];
    size_t n;
    int formula = strncmp(x->source, "fact:", 5) != 0 && strncmp(x->source, "table:", 6) != 0;
    int each = strstr(x->label, "{label}") != NULL; /* a row per statement, in its words */
    if (formula) {
        n = (size_t)computed(k, x, &figs[0]);
    } else if (strncmp(x->source, "fact:", 5) == 0) {
        n = facts_of(a, k->src, x->source + 5, each, figs, MAXFIG);
    } else {
        one_of(a, k->src, k->p->pillar, x->source, &figs[0]);
        n = (size_t)figs[0].has;
    }
    rows_room(k, b, n + 1);
    if (!n && !formula && !each) /* a list of parts the report gives none of is no row */
        new_row(b, x->label, 1, a)->chart = x->chart;
    for (size_t i = 0; i < n; i++) {
        const char *label = each ? with_label(a, x->label, figs[i].label) : x->label;
        pd_krow *r = new_row(b, label, 1, a);
        r->cell[0] = cell_text(k->p, &figs[i], formula);
        r->chart = x->chart;
        b->nstated += !formula;
        k->fig[k->n] = figs[i];
        k->of[k->n++] = x;
    }
}

static void build_list(kctx *k, pd_kblock *b)
{
    const pd_lblock *lb = k->lb;
    b->ncol = 1;
    for (size_t i = 0; i < lb->nline; i++)
        list_line(k, b, &lb->line[i]);
}

/* A grid's total row: a column's `sum` of the rows, or its own source. */
static void total_cell(kctx *k, const pd_lline *col, const kfig *rows, size_t nrows, kfig *out)
{
    peel_arena *a = &k->p->arena;
    if (strcmp(col->total, "sum") != 0) {
        one_of(a, k->src, k->p->pillar, col->total, out);
        return;
    }
    kfig_init(out);
    for (size_t r = 0; r < nrows; r++) {
        if (!rows[r].has) {
            out->has = 0;
            return;
        }
        peel_printed pr = {1, rows[r].dec, rows[r].scale, 0, 0.0};
        take(a, out, out->has ? out->v + rows[r].v : rows[r].v, rows[r].unit, &pr, rows[r].period,
             0);
        out->lines = pd_list_add(a, out->lines, rows[r].lines, ", ");
    }
}

static void build_grid(kctx *k, pd_kblock *b)
{
    const pd_lblock *lb = k->lb;
    peel_arena *a = &k->p->arena;
    b->grid = 1;
    b->ncol = lb->nline;
    b->head = peel_arena_alloc(a, sizeof *b->head * (lb->nline + 2));
    b->head[0] = "";
    for (size_t c = 0; c < lb->nline; c++)
        b->head[c + 1] = lb->line[c].label;
    b->row = peel_arena_alloc(a, sizeof *b->row * (lb->nrow + 2));
    kfig *col = peel_arena_alloc(a, sizeof *col * (lb->nrow + 1));
    pd_krow *total = NULL;
    for (size_t r = 0; r < lb->nrow; r++)
        new_row(b, lb->row[r].label, lb->nline, a);
    if (lb->total[0]) {
        total = new_row(b, lb->total, lb->nline, a);
        total->total = 1;
    }
    for (size_t c = 0; c < lb->nline; c++) {
        const pd_lline *x = &lb->line[c];
        for (size_t r = 0; r < lb->nrow; r++) {
            one_of(a, k->src, k->p->pillar, pd_layout_subst(a, x->source, lb->row[r].source),
                   &col[r]);
            b->row[r].cell[c] = cell_text(k->p, &col[r], 0);
            b->nstated += (size_t)col[r].has;
        }
        if (total && x->total[0]) {
            kfig t;
            total_cell(k, x, col, lb->nrow, &t);
            total->cell[c] = cell_text(k->p, &t, strcmp(x->total, "sum") == 0);
        }
    }
}

/* ---- charts: the block's charted figures as a table pd_chart draws ---- */

/* Row r's label is another charted row's too: its bar needs its period. */
static int label_repeats(const pd_kblock *b, size_t r)
{
    for (size_t i = 0; i < b->nrow; i++)
        if (i != r && b->row[i].chart && strcmp(b->row[i].label, b->row[r].label) == 0)
            return 1;
    return 0;
}

static void chart_list(pd_pack *p, pd_kblock *b)
{
    pd_table *t = &b->chart;
    t->col = peel_arena_alloc(&p->arena, sizeof *t->col);
    t->ncol = 1;
    t->col[0] = (pd_col){"", p->force, "", "", 1};
    t->row = peel_arena_alloc(&p->arena, sizeof *t->row * (b->nrow + 1));
    for (size_t r = 0; r < b->nrow; r++) {
        const pd_krow *x = &b->row[r];
        if (!x->chart || !x->cell[0].text)
            continue;
        pd_row *row = &t->row[t->nrow++];
        row->label = x->label;
        if (x->cell[0].period[0] && label_repeats(b, r))
            row->label = peel_arena_printf(&p->arena, "%s · %s", x->label, x->cell[0].period);
        row->raw = peel_arena_alloc(&p->arena, sizeof *row->raw);
        row->value = peel_arena_alloc(&p->arena, sizeof *row->value);
        row->raw[0] = x->cell[0].text;
        row->value[0] = x->cell[0].v;
    }
}

static int column_stated(const pd_kblock *b, size_t c)
{
    for (size_t r = 0; r < b->nrow; r++)
        if (b->row[r].cell[c].text)
            return 1;
    return 0;
}

/* A grid's charted columns are the series; each row's label carries its
 * first uncharted figure ("Police officers · 2,150 FTE"). */
static void chart_grid(pd_pack *p, const pd_lblock *lb, pd_kblock *b)
{
    pd_table *t = &b->chart;
    size_t *series = peel_arena_alloc(&p->arena, sizeof *series * (lb->nline + 1)), ns = 0;
    long plain = -1;
    for (size_t c = 0; c < lb->nline; c++)
        if (lb->line[c].chart && column_stated(b, c)) /* a series of no figure is no series */
            series[ns++] = c;
        else if (!lb->line[c].chart && plain < 0)
            plain = (long)c;
    t->ncol = ns;
    t->col = peel_arena_alloc(&p->arena, sizeof *t->col * (ns + 1));
    for (size_t s = 0; s < ns; s++)
        t->col[s] = (pd_col){"", lb->line[series[s]].label, "", "", 0};
    t->row = peel_arena_alloc(&p->arena, sizeof *t->row * (b->nrow + 1));
    for (size_t r = 0; r < b->nrow; r++) {
        const pd_krow *x = &b->row[r];
        pd_row row = {x->label, peel_arena_alloc(&p->arena, sizeof *row.raw * (ns + 1)),
                      peel_arena_alloc(&p->arena, sizeof *row.value * (ns + 1))};
        int any = 0;
        for (size_t s = 0; s < ns; s++) {
            row.raw[s] = x->cell[series[s]].text;
            row.value[s] = x->cell[series[s]].v;
            any |= row.raw[s] != NULL;
        }
        if (plain >= 0 && x->cell[plain].text)
            row.label = peel_arena_printf(&p->arena, "%s · %s", x->label, x->cell[plain].text);
        if (any)
            t->row[t->nrow++] = row;
    }
}

/* The unit and multiple of the charted figures when they share them. */
static int one_unit(const pd_kblock *b, const pd_lblock *lb, const char **unit, double *scale)
{
    *unit = NULL;
    for (size_t r = 0; r < b->nrow; r++)
        for (size_t c = 0; c < b->ncol; c++) {
            const pd_kcell *k = &b->row[r].cell[c];
            int charted = b->grid ? lb->line[c].chart : b->row[r].chart;
            if (!charted || !k->text)
                continue;
            if (!*unit) {
                *unit = k->unit;
                *scale = k->scale;
            } else if (strcmp(*unit, k->unit) != 0) {
                return 0;
            } else if (k->scale < *scale) {
                *scale = k->scale;
            }
        }
    return 1;
}

/* Bars only where there is something to compare: two figures or more, all
 * in one unit. */
static void chart(pd_pack *p, const pd_lblock *lb, pd_kblock *b)
{
    if (!one_unit(b, lb, &b->chart.axis_unit, &b->chart.axis_scale))
        return;
    if (b->grid)
        chart_grid(p, lb, b);
    else
        chart_list(p, b);
    size_t bars = 0;
    for (size_t r = 0; r < b->chart.nrow; r++)
        for (size_t c = 0; c < b->chart.ncol; c++)
            bars += b->chart.row[r].raw[c] != NULL;
    if (bars < 2 || b->chart.ncol > 5)
        b->chart.nrow = 0;
}

void pd_pack_keyfigs(pd_pack *p, const pd_source *src)
{
    const pd_layout *lay = src->lay;
    p->layout_path = lay->path;
    p->kblock = peel_arena_alloc(&p->arena, sizeof *p->kblock * (lay->nblock + 1));
    p->unstated = peel_arena_alloc(&p->arena, sizeof *p->unstated * (lay->nblock + 1));
    for (size_t i = 0; i < lay->nblock; i++) {
        const pd_lblock *lb = &lay->block[i];
        if (lb->pillar != p->pillar)
            continue;
        pd_kblock *b = &p->kblock[p->nkblock];
        memset(b, 0, sizeof *b);
        b->title = lb->label;
        b->note = lb->note;
        kctx k = {p, src, lb, NULL, NULL, 0, 0};
        if (lb->grid)
            build_grid(&k, b);
        else
            build_list(&k, b);
        if (!b->nstated) {
            p->unstated[p->nunstated++] = lb->label;
            continue;
        }
        chart(p, lb, b);
        p->nkblock++;
    }
}
