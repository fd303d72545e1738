/* Tab-separated tables: a header row (first cell empty, or all cells bold),
 * then rows of a label and values.  Each cell becomes a typed number with its
 * unit, period, raw text and line; keys are slugs of labels with the force's
 * own name made generic, so they are the same in every report. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ing.h"
#include "peel_text.h"

enum { MAX_COLS = 16 };

typedef struct raw_row {
    const char *cell[MAX_COLS]; /* borrowed from the line */
    size_t len[MAX_COLS];
    size_t n;
} raw_row;

static void split_raw(const ing_line *l, raw_row *r)
{
    size_t start = 0;
    r->n = 0;
    for (size_t i = 0; i <= l->len && r->n < MAX_COLS; i++) {
        if (i < l->len && l->s[i] != '\t')
            continue;
        r->cell[r->n] = l->s + start;
        r->len[r->n++] = i - start;
        start = i + 1;
    }
}

static int bold_cell(const char *s, size_t len)
{
    while (len && *s == ' ')
        s++, len--;
    return len >= 7 && strncmp(s, "<b>", 3) == 0;
}

static int is_header(peel_arena *a, const raw_row *r)
{
    if (r->n < 2)
        return 0;
    if (!ing_clean(a, r->cell[0], r->len[0])[0])
        return 1;
    for (size_t k = 0; k < r->n; k++)
        if (ing_clean(a, r->cell[k], r->len[k])[0] && !bold_cell(r->cell[k], r->len[k]))
            return 0;
    return 1;
}

static int has_year(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
            isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
            (s[i] == '1' || s[i] == '2'))
            return 1;
    return 0;
}

static int last_year(const char *s)
{
    int y = 0;
    for (size_t i = 0; s[i]; i++)
        if (isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
            isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
            y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + s[i + 3] -
                '0';
    return y;
}

/* The date a column holds: "FTE in post on 31 March 2019" → "31 March 2019". */
static const char *column_period(peel_arena *a, const char *label)
{
    static const char *const leads[] = {" on ", " as of ", " as at "};
    if (!has_year(label))
        return NULL;
    for (size_t k = 0; k < sizeof leads / sizeof *leads; k++) {
        const char *p = strstr(label, leads[k]);
        if (p)
            return peel_arena_strdup(a, p + strlen(leads[k]));
    }
    return label;
}

/* A row qualifier or caption as a period: "as of 31 March 2019" → "31 March
 * 2019"; "12 months ending 31 March 2019" stays whole. */
static const char *qualifier_period(const char *q)
{
    static const char *const leads[] = {"in post on ", "as of ", "as at ", "on "};
    if (!has_year(q))
        return NULL;
    for (size_t k = 0; k < sizeof leads / sizeof *leads; k++)
        if (strncasecmp(q, leads[k], strlen(leads[k])) == 0)
            return q + strlen(leads[k]);
    return q;
}

/* A short dated line between the heading and the table ("12 months ending
 * 30 September 2018", "2018/19 projection") is the table's period. */
static const char *caption(ing_ctx *cx, size_t from)
{
    size_t i = from;
    while (i > 0 && ing_is_blank(&cx->doc->line[i - 1]))
        i--;
    if (i == 0)
        return NULL;
    const ing_line *l = &cx->doc->line[i - 1];
    const char *t;
    size_t tl;
    if (l->len > 120 || ing_heading(l, &t, &tl) || ing_has_tab(l) || l->s[l->len - 1] == '.')
        return NULL;
    if (l->kind && strcmp(l->kind, "prose") != 0 && strcmp(l->kind, "heading") != 0)
        return NULL;
    char *text = ing_clean(&cx->rep->arena, l->s, l->len);
    if (!has_year(text))
        return NULL;
    if (ing_heading(l, &t, &tl) || (l->kind && strcmp(l->kind, "heading") == 0))
        return NULL;
    ing_mark(cx, i - 1, "table_caption", NULL);
    return qualifier_period(text);
}

typedef struct table_ctx {
    ing_ctx *cx;
    const char *pillar, *key, *label, *period;
    const char *col_label[MAX_COLS], *col_key[MAX_COLS], *col_period[MAX_COLS];
    size_t ncol;
} table_ctx;

static const char *slug_of(ing_ctx *cx, const char *label)
{
    char slug[160];
    peel_slug(ing_generic_label(&cx->rep->arena, label, cx->rep->force), slug, sizeof slug);
    return peel_arena_strdup(&cx->rep->arena, slug);
}

static const char *unit_of(const table_ctx *t, size_t col, const char *row_label, const char *raw)
{
    int per_head = strstr(t->label, "per head") || strstr(row_label, "per head");
    if (strstr(raw, "£"))
        return per_head ? "GBP per head" : "GBP";
    if (strchr(raw, '%'))
        return "%";
    if (strstr(t->col_label[col], "FTE"))
        return "FTE";
    const char *per = strstr(t->label, "per 1,000");
    if (!per)
        per = strstr(row_label, "per 1,000");
    if (per)
        return "per 1,000 population";
    return "count";
}

/* A "change" column spans the periods of the others: "older to newer". */
static void change_periods(table_ctx *t)
{
    for (size_t c = 1; c < t->ncol; c++) {
        if (t->col_period[c] || !strcasestr(t->col_label[c], "change"))
            continue;
        const char *old = NULL, *new = NULL;
        for (size_t k = 1; k < t->ncol; k++) {
            if (!t->col_period[k])
                continue;
            if (!old || last_year(t->col_period[k]) < last_year(old))
                old = t->col_period[k];
            if (!new || last_year(t->col_period[k]) > last_year(new))
                new = t->col_period[k];
        }
        if (old && new &&old != new)
            t->col_period[c] = peel_arena_printf(&t->cx->rep->arena, "%s to %s", old, new);
    }
}

static void set_columns(table_ctx *t, const raw_row *header, size_t width)
{
    peel_arena *a = &t->cx->rep->arena;
    t->ncol = width;
    for (size_t c = 1; c < width; c++) {
        const char *label =
            header && c < header->n ? ing_clean(a, header->cell[c], header->len[c]) : "";
        if (!label[0])
            label = peel_arena_printf(a, "Value %zu", c);
        t->col_label[c] = label;
        t->col_key[c] = slug_of(t->cx, label);
        t->col_period[c] = column_period(a, label);
    }
    change_periods(t);
}

/* "<b>Label</b> qualifier" → label and qualifier. */
static void split_label(peel_arena *a, const char *s, size_t len, const char **label,
                        const char **qual)
{
    const char *end = NULL;
    while (len && *s == ' ')
        s++, len--;
    if (len > 7 && strncmp(s, "<b>", 3) == 0)
        end = memmem(s, len, "</b>", 4);
    if (!end) {
        *label = ing_clean(a, s, len);
        *qual = "";
        return;
    }
    *label = ing_clean(a, s + 3, (size_t)(end - s - 3));
    *qual = ing_clean(a, end + 4, len - (size_t)(end - s) - 4);
}

static void add_cell(table_ctx *t, size_t col, const char *row_key, const char *row_label,
                     const char *row_period, const char *raw, long line)
{
    ing_report *rep = t->cx->rep;
    ing_cell *c = peel_arena_alloc(&rep->arena, sizeof *c);
    peel_num num;
    char value[64] = "";
    if (peel_num_parse(raw, strlen(raw), &num) == 0 && !num.is_range)
        peel_num_format(num.value, peel_num_base_decimals(&num), value, sizeof value);
    c->pillar = t->pillar;
    c->table = t->key;
    c->row = row_key;
    c->column = t->col_key[col];
    c->table_label = t->label;
    c->row_label = row_label;
    c->column_label = t->col_label[col];
    c->value = peel_arena_strdup(&rep->arena, value);
    c->unit = unit_of(t, col, row_label, raw);
    c->period = t->col_period[col] ? t->col_period[col] : row_period ? row_period : t->period;
    if (!c->period)
        c->period = "";
    c->raw = raw;
    c->line = line;
    peel_vec_push(&rep->cells, c);
}

static const char *unique_key(ing_ctx *cx, const char *pillar, const char *key)
{
    const char *try = key;
    for (int n = 2;; n++) {
        int used = 0;
        for (size_t i = 0; i < cx->rep->cells.n && !used; i++) {
            const ing_cell *c = cx->rep->cells.item[i];
            used = strcmp(c->pillar, pillar) == 0 && strcmp(c->table, try) == 0;
        }
        if (!used)
            return try;
        try = peel_arena_printf(&cx->rep->arena, "%s-%d", key, n);
    }
}

static void parse_rows(table_ctx *t, size_t from, size_t to)
{
    peel_arena *a = &t->cx->rep->arena;
    for (size_t i = from; i < to; i++) {
        raw_row r;
        split_raw(&t->cx->doc->line[i], &r);
        const char *label, *qual;
        split_label(a, r.cell[0], r.len[0], &label, &qual);
        const char *period = qualifier_period(qual);
        if (qual[0] && !period)
            label = peel_arena_printf(a, "%s (%s)", label, qual);
        const char *row_key = slug_of(t->cx, label);
        for (size_t c = 1; c < r.n && c < t->ncol; c++) {
            const char *raw = ing_clean(a, r.cell[c], r.len[c]);
            if (raw[0])
                add_cell(t, c, row_key, label, period, raw, (long)i + 1);
        }
        if (r.n > t->ncol && ing_clean(a, r.cell[t->ncol], r.len[t->ncol])[0])
            ing_warn(t->cx, (long)i + 1, "table row has more cells than the header");
        ing_mark(t->cx, i, "table", t->key);
    }
}

/* The table's name: a one-row table is named by its bold row label (with
 * its period after it); a longer one by the heading above it. */
static void name_table(table_ctx *t, size_t first, size_t ndata, const char *heading)
{
    peel_arena *a = &t->cx->rep->arena;
    raw_row r;
    split_raw(&t->cx->doc->line[first], &r);
    const char *label, *qual;
    split_label(a, r.cell[0], r.len[0], &label, &qual);
    if (ndata == 1 && bold_cell(r.cell[0], r.len[0])) {
        t->label = label;
        if (qualifier_period(qual))
            t->period = qualifier_period(qual);
    } else {
        t->label = heading ? heading : "Table";
    }
    t->key = unique_key(t->cx, t->pillar, slug_of(t->cx, t->label));
}

void ing_parse_tables(ing_ctx *cx, size_t from, size_t to, const char *pillar, const char *heading)
{
    peel_arena *a = &cx->rep->arena;
    raw_row header;
    split_raw(&cx->doc->line[from], &header);
    int has_header = is_header(a, &header);
    if (has_header &&
        strcasestr(ing_clean(a, cx->doc->line[from].s, cx->doc->line[from].len), "inspected")) {
        ing_parse_scope_table(cx, from, to);
        return;
    }
    table_ctx t = {.cx = cx, .pillar = pillar};
    size_t first = from + (has_header ? 1 : 0);
    t.period = caption(cx, from);
    size_t width = header.n;
    for (size_t i = first; i < to; i++) {
        raw_row r;
        split_raw(&cx->doc->line[i], &r);
        if (!has_header && r.n > width)
            width = r.n;
    }
    set_columns(&t, has_header ? &header : NULL, width);
    if (first == to) {
        ing_warn(cx, (long)from + 1, "table header with no rows");
        ing_mark(cx, from, "unrecognised", NULL);
        return;
    }
    name_table(&t, first, to - first, heading);
    if (has_header)
        ing_mark(cx, from, "table_header", t.key);
    parse_rows(&t, first, to);
}
