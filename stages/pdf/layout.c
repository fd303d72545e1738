/* The packs' lines of the layout catalogue (pipeline/workbook.csv), read
 * once a run with its table lines, and the names of the fact keys.
 *
 *   pack       a block of Key figures: section names it, label is its
 *              heading, note a line under it; source `grid` makes it a grid
 *              (rows by columns), whose total row `total` names
 *   pack-line  a figure of a list block: source fact:KEY, or a formula over
 *              the block's other lines ([name], sum([name]), + - * /)
 *   pack-row   a row of a grid: source `name=value;...`, substituted for
 *              {name} in its columns' sources
 *   pack-col   a column of a grid: source fact:KEY or table:GLOB/ROW/SEL,
 *              with {name} placeholders; total: `sum` of the rows, or the
 *              total row's own source
 *
 * format `chart` puts a line (or a column) in the block's bar chart.  What
 * a fact key is called in words (for the checks that name one) is the
 * label of the pack line showing it, else its definition in
 * pipeline/facts.csv. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "pd.h"
#include "peel_csv.h"
#include "peel_expr.h"
#include "peel_text.h"

enum { C_KIND, C_PILLAR, C_SECTION, C_NAME, C_LABEL, C_SOURCE, C_FORMAT, C_TOTAL, C_NOTE, NCOL };
static const char *const COLS[NCOL] = {"kind",   "pillar", "section", "name", "label",
                                       "source", "format", "total",   "note"};

static const char *const FUNCTIONS[] = {"sum", NULL};
static const int ARITY[] = {1};
const peel_expr_syntax PD_FORMULA = {1, NULL, FUNCTIONS, ARITY,
                                     "expected a number, [name], sum([name]) or ( )"};

typedef struct lctx {
    pd_layout *l;
    const peel_csv_doc *doc;
    int col[NCOL];
    size_t r;
    peel_err *err;
} lctx;

static const char *f(const lctx *c, int k)
{
    return peel_csv_get(c->doc, c->r, c->col[k]);
}

static long line_of(const lctx *c)
{
    return c->doc->row[c->r].line;
}

static peel_status bad(const lctx *c, int k, const char *why)
{
    peel_status st = PEEL_FAIL(c->err, PEEL_EDATA, c->l->path, line_of(c), "%s", why);
    peel_err_field(c->err, COLS[k]);
    return st;
}

static const char *dup(const lctx *c, int k)
{
    return peel_arena_strdup(&c->l->arena, f(c, k));
}

static pd_lblock *block_of(const lctx *c, peel_pillar pillar)
{
    for (size_t i = c->l->nblock; i-- > 0;)
        if (c->l->block[i].pillar == pillar && strcmp(c->l->block[i].name, f(c, C_SECTION)) == 0)
            return &c->l->block[i];
    return NULL;
}

static peel_status add_block(const lctx *c, peel_pillar pillar)
{
    const char *src = f(c, C_SOURCE);
    if (!f(c, C_SECTION)[0])
        return bad(c, C_SECTION, "a pack block needs a name");
    if (block_of(c, pillar))
        return bad(c, C_SECTION, "a pack block of this name is already defined for the pillar");
    if (src[0] && strcmp(src, "grid") != 0)
        return bad(c, C_SOURCE, "a pack block's source is empty (a list) or grid");
    pd_lblock *b = &c->l->block[c->l->nblock++];
    b->pillar = pillar;
    b->name = dup(c, C_SECTION);
    b->label = dup(c, C_LABEL);
    b->note = dup(c, C_NOTE);
    b->total = dup(c, C_TOTAL);
    b->grid = src[0] != '\0';
    b->line = peel_arena_alloc(&c->l->arena, sizeof *b->line * (c->doc->nrow + 1));
    b->row = peel_arena_alloc(&c->l->arena, sizeof *b->row * (c->doc->nrow + 1));
    return PEEL_OK;
}

/* fact:KEY or table:GLOB/ROW/SEL, or (lines only) a formula. */
static peel_status check_source(const lctx *c, int k, int formula)
{
    const char *src = f(c, k);
    if (strncmp(src, "fact:", 5) == 0 && src[5])
        return PEEL_OK;
    if (strncmp(src, "table:", 6) == 0 && strchr(src + 6, '/'))
        return PEEL_OK;
    if (!formula)
        return bad(c, k, "fact:KEY or table:GLOB/ROW/SEL");
    peel_arena scratch;
    peel_arena_init(&scratch);
    const char *why = NULL;
    int ok = peel_expr_parse(&scratch, src, &PD_FORMULA, &why) != NULL;
    peel_arena_release(&scratch);
    return ok ? PEEL_OK : bad(c, k, why);
}

static peel_status add_member(const lctx *c, peel_pillar pillar, const char *kind)
{
    pd_lblock *b = block_of(c, pillar);
    int row = strcmp(kind, "pack-row") == 0, col = strcmp(kind, "pack-col") == 0;
    if (!b)
        return bad(c, C_SECTION, "no pack block of this name before it for the pillar");
    if ((row || col) != b->grid)
        return bad(c, C_KIND,
                   b->grid ? "a grid block takes pack-row and pack-col lines"
                           : "a list block takes pack-line lines");
    if (!f(c, C_NAME)[0])
        return bad(c, C_NAME, "a pack line needs a name");
    if (f(c, C_FORMAT)[0] && strcmp(f(c, C_FORMAT), "chart") != 0)
        return bad(c, C_FORMAT, "format is empty or chart");
    peel_status st = row ? PEEL_OK : check_source(c, C_SOURCE, !col);
    if (st == PEEL_OK && col && f(c, C_TOTAL)[0] && strcmp(f(c, C_TOTAL), "sum") != 0)
        st = check_source(c, C_TOTAL, 0);
    if (st != PEEL_OK)
        return st;
    pd_lline *x = row ? &b->row[b->nrow++] : &b->line[b->nline++];
    x->name = dup(c, C_NAME);
    x->label = dup(c, C_LABEL);
    x->source = dup(c, C_SOURCE);
    x->total = dup(c, C_TOTAL);
    x->note = dup(c, C_NOTE);
    x->chart = f(c, C_FORMAT)[0] != '\0';
    x->line = line_of(c);
    return PEEL_OK;
}

static peel_status add_line(lctx *c)
{
    const char *kind = f(c, C_KIND);
    peel_status st;
    if (peel_tcat_line(&c->l->tcat, kind, f(c, C_PILLAR), f(c, C_SOURCE), c->l->path, line_of(c),
                       &st, c->err))
        return st;
    if (strcmp(kind, "unit") == 0 && f(c, C_LABEL)[0]) {
        pd_keydef *u = &c->l->unit[c->l->nunit++];
        u->key = dup(c, C_NAME); /* a records' unit, and what readers call it */
        u->definition = dup(c, C_LABEL);
        return PEEL_OK;
    }
    if (strncmp(kind, "pack", 4) != 0)
        return PEEL_OK; /* the workbooks' */
    int known;
    peel_pillar pillar = peel_pillar_parse(f(c, C_PILLAR), &known);
    if (pillar == PEEL_NOPILLAR)
        return bad(c, C_PILLAR, "a pack line needs its pillar");
    if (strcmp(kind, "pack") == 0)
        return add_block(c, pillar);
    if (!strcmp(kind, "pack-line") || !strcmp(kind, "pack-row") || !strcmp(kind, "pack-col"))
        return add_member(c, pillar, kind);
    return bad(c, C_KIND, "a pack line's kind is pack, pack-line, pack-row or pack-col");
}

static peel_status load_layout(pd_layout *l, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_load_data(l->path, &doc, err);
    if (st != PEEL_OK)
        return st;
    lctx c = {l, &doc, {0}, 0, err};
    for (int k = 0; k < NCOL && st == PEEL_OK; k++)
        if ((c.col[k] = peel_csv_col(&doc, COLS[k])) < 0)
            st = PEEL_FAIL(err, PEEL_EDATA, l->path, 1, "no column %s", COLS[k]);
    l->block = peel_arena_alloc(&l->arena, sizeof *l->block * (doc.nrow + 1));
    l->unit = peel_arena_alloc(&l->arena, sizeof *l->unit * (doc.nrow + 1));
    for (c.r = 0; c.r < doc.nrow && st == PEEL_OK; c.r++)
        st = add_line(&c);
    if (st == PEEL_OK)
        st = peel_tcat_check(&l->tcat, l->path, err);
    peel_csv_doc_release(&doc);
    return st;
}

/* The definitions of pipeline/facts.csv, first row of a key first; a key
 * with {group} stands for every group. */
static peel_status load_keys(pd_layout *l, const char *data_dir, peel_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/facts.csv", data_dir);
    peel_csv_doc doc;
    peel_status st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int ck = peel_csv_col(&doc, "key"), cd = peel_csv_col(&doc, "definition");
    if (ck < 0 || cd < 0)
        st = PEEL_FAIL(err, PEEL_EDATA, path, 1, "no column %s", ck < 0 ? "key" : "definition");
    l->key = peel_arena_alloc(&l->arena, sizeof *l->key * (doc.nrow + 1));
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++) {
        const char *key = peel_csv_get(&doc, r, ck), *def = peel_csv_get(&doc, r, cd);
        if (!key[0] || !def[0] || pd_layout_definition(l, key))
            continue;
        pd_keydef *k = &l->key[l->nkey++];
        k->key = peel_arena_strdup(&l->arena, key);
        k->definition = peel_arena_strdup(&l->arena, def);
    }
    peel_csv_doc_release(&doc);
    return st;
}

peel_status pd_layout_load(pd_layout *l, const char *data_dir, peel_err *err)
{
    memset(l, 0, sizeof *l);
    peel_arena_init(&l->arena);
    peel_tcat_init(&l->tcat);
    peel_status st = peel_path_join(l->path, sizeof l->path, err, data_dir, "workbook.csv");
    if (st == PEEL_OK)
        st = load_layout(l, err);
    if (st == PEEL_OK)
        st = load_keys(l, data_dir, err);
    return st;
}

void pd_layout_release(pd_layout *l)
{
    peel_tcat_release(&l->tcat);
    peel_arena_release(&l->arena);
    memset(l, 0, sizeof *l);
}

/* key matches pattern, whose "{group}" stands for any one word. */
static int key_matches(const char *pattern, const char *key)
{
    const char *brace = strstr(pattern, "{group}");
    if (!brace)
        return strcmp(pattern, key) == 0;
    size_t head = (size_t)(brace - pattern), klen = strlen(key);
    const char *tail = brace + 7;
    size_t tlen = strlen(tail);
    if (klen <= head + tlen || strncmp(pattern, key, head) != 0 ||
        strcmp(key + klen - tlen, tail) != 0)
        return 0;
    return strcspn(key + head, ".") >= klen - head - tlen;
}

const char *pd_layout_unit(const pd_layout *l, const char *unit)
{
    /* Only the records' code for money is renamed ("GBP per head" is "£ per
     * head"); other units are the report's own words. */
    if (strncmp(unit, "GBP", 3) != 0)
        return unit;
    for (size_t i = 0; i < l->nunit; i++)
        if (strcmp(l->unit[i].key, unit) == 0)
            return l->unit[i].definition;
    return unit;
}

const char *pd_layout_definition(const pd_layout *l, const char *key)
{
    for (size_t i = 0; i < l->nkey; i++)
        if (strcmp(l->key[i].key, key) == 0)
            return l->key[i].definition;
    for (size_t i = 0; i < l->nkey; i++)
        if (key_matches(l->key[i].key, key))
            return l->key[i].definition;
    return NULL;
}

/* "{group}" and the like in src replaced by a row's values
 * ("role=police-officer;group=officers"). */
const char *pd_layout_subst(peel_arena *a, const char *src, const char *values)
{
    peel_buf b;
    peel_buf_init(&b);
    for (const char *s = src; *s;) {
        const char *close = s[0] == '{' ? strchr(s, '}') : NULL;
        if (!close) {
            peel_buf_putc(&b, *s++);
            continue;
        }
        size_t n = (size_t)(close - s - 1);
        const char *v = values;
        int done = 0;
        while (v && *v && !done) {
            size_t len = strcspn(v, ";");
            if (len > n && v[n] == '=' && strncmp(v, s + 1, n) == 0) {
                peel_buf_add(&b, v + n + 1, len - n - 1);
                done = 1;
            }
            v += len + (v[len] == ';');
        }
        if (!done)
            peel_buf_add(&b, s, n + 2);
        s = close + 1;
    }
    const char *out = peel_arena_strdup(a, peel_buf_str(&b));
    peel_buf_release(&b);
    return out;
}

/* The label a pack gives the fact `key`, if it shows it: a list line's, or
 * a grid column's with the row's ("Women (Police officers)"). */
static const char *shown_label(peel_arena *a, const pd_layout *l, const char *key)
{
    for (size_t i = 0; i < l->nblock; i++) {
        const pd_lblock *b = &l->block[i];
        for (size_t k = 0; k < b->nline; k++) {
            const pd_lline *x = &b->line[k];
            if (strncmp(x->source, "fact:", 5) != 0)
                continue;
            if (!b->grid && strcmp(x->source + 5, key) == 0)
                return x->label;
            for (size_t r = 0; b->grid && r < b->nrow; r++)
                if (strcmp(pd_layout_subst(a, x->source + 5, b->row[r].source), key) == 0)
                    return peel_arena_printf(a, "%s (%s)", x->label, b->row[r].label);
            if (b->grid && strncmp(x->total, "fact:", 5) == 0 && strcmp(x->total + 5, key) == 0)
                return peel_arena_printf(a, "%s (%s)", x->label, b->total);
        }
    }
    return NULL;
}

const char *pd_layout_name(peel_arena *a, const pd_layout *l, const char *key)
{
    const char *s = shown_label(a, l, key);
    if (s)
        return s;
    const char *def = pd_layout_definition(l, key);
    if (!def)
        return NULL;
    char *d = peel_arena_strdup(a, def);
    d[0] = (char)toupper((unsigned char)d[0]);
    /* A definition of any group names the group ("... (cadets)"). */
    const char *dot = strrchr(key, '.');
    int exact = 0;
    for (size_t i = 0; i < l->nkey; i++)
        exact |= strcmp(l->key[i].key, key) == 0;
    return exact || !dot ? d : peel_arena_printf(a, "%s (%s)", d, dot + 1);
}
