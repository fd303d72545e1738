/* Checks that need no rule: derived from the shape of the records.
 *   change  a table's stated percentage change against its two dated columns
 *   sum     "X by Y" category rows against the stated total of table X, and
 *           rows of a table against its own "Total" row
 *   shares  rows stated "as % of" the same base, and bulleted lists of shares,
 *           against 100
 *   parts   a total in a paragraph against the bulleted list of its parts
 *   same    the same fact, or the same table cell, stated twice
 *   grade   the summary table's grade against the section heading's
 *   sidecar a finance or HR team's figure against the report's */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rc.h"

enum { MAX_ITEMS = 64 };

static const char *get(const peel_csv_doc *doc, size_t r, const char *col)
{
    return peel_csv_text(peel_csv_get(doc, r, peel_csv_col(doc, col)));
}

/* A table reference in the pillar context the cell came from. */
static void table_ref(char *buf, size_t cap, const char *pillar, const char *table,
                      const char *row, const char *col)
{
    if (pillar[0])
        snprintf(buf, cap, "table:%s:%s/%s/%s", pillar, table, row, col);
    else
        snprintf(buf, cap, "table:%s/%s/%s", table, row, col);
}

static int first_of_column(const peel_csv_doc *t, size_t r)
{
    for (size_t k = 0; k < r; k++)
        if (strcmp(get(t, k, "pillar"), get(t, r, "pillar")) == 0 &&
            strcmp(get(t, k, "table"), get(t, r, "table")) == 0 &&
            strcmp(get(t, k, "column"), get(t, r, "column")) == 0)
            return 0;
    return 1;
}

/* ---- change ---- */

static void table_changes(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *t = &d->rep->tables;
    for (size_t r = 0; r < t->nrow; r++) {
        if (!strstr(get(t, r, "column"), "change") || strcmp(get(t, r, "unit"), "%") != 0)
            continue;
        const char *p = get(t, r, "pillar"), *tab = get(t, r, "table"), *row = get(t, r, "row");
        char ref_old[512], ref_new[512], id[400], desc[400], expr[1700];
        table_ref(ref_old, sizeof ref_old, p, tab, row, "@earliest");
        table_ref(ref_new, sizeof ref_new, p, tab, row, "@latest");
        snprintf(expr, sizeof expr, "(%s - %s) / %s * 100", ref_new, ref_old, ref_old);
        snprintf(id, sizeof id, "change:%s:%s", tab, row);
        snprintf(desc, sizeof desc, "%s: stated change (%s) against the change from %s",
                 get(t, r, "row_label"), get(t, r, "raw"), get(t, r, "period"));
        rc_check c = {.rule_id = id, .kind = "change", .pillar = p, .description = desc,
                      .unit = "%", .op = RC_EQ, .tolerance = -1};
        rc_val e, a;
        char missing[256];
        if (!rc_expr_eval(d, expr, &e, missing, sizeof missing)) {
            rc_emit_skip(o, &c, "the table has no two dated columns to compare");
            continue;
        }
        table_ref(ref_old, sizeof ref_old, p, tab, row, get(t, r, "column"));
        rc_expr_eval(d, ref_old, &a, NULL, 0);
        rc_emit(o, &c, &e, &a);
    }
}

/* ---- sum ---- */

static void sum_check(const rc_data *d, rc_out *o, const char *pillar, const char *parts_ref,
                      const char *total_ref, const char *id, const char *desc, const char *unit)
{
    char expr[700];
    snprintf(expr, sizeof expr, "sum(%s)", parts_ref);
    rc_val e, a;
    rc_check c = {.rule_id = id, .kind = "sum", .pillar = pillar, .description = desc,
                  .unit = unit, .op = RC_EQ, .tolerance = -1};
    if (rc_expr_eval(d, total_ref, &e, NULL, 0) && rc_expr_eval(d, expr, &a, NULL, 0))
        rc_emit(o, &c, &e, &a);
}

/* "spend-per-head-of-population-by-category" breaks down "spend-per-head-of-population". */
static void breakdown_sums(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *t = &d->rep->tables;
    for (size_t r = 0; r < t->nrow; r++) {
        const char *tab = get(t, r, "table"), *by = strstr(tab, "-by-");
        if (!by || !first_of_column(t, r))
            continue;
        char total[200], parts[512], tot_ref[512], id[400], desc[600];
        snprintf(total, sizeof total, "%.*s", (int)(by - tab), tab);
        const char *p = get(t, r, "pillar"), *col = get(t, r, "column");
        table_ref(parts, sizeof parts, p, tab, "*", col);
        snprintf(tot_ref, sizeof tot_ref, "table:%s/%s/%s", total, total, col);
        snprintf(id, sizeof id, "sum:%s:%s", tab, col);
        snprintf(desc, sizeof desc, "%s (%s): categories against the stated total",
                 get(t, r, "table_label"), get(t, r, "column_label"));
        sum_check(d, o, p, parts, tot_ref, id, desc, get(t, r, "unit"));
    }
}

/* A "Total" row of a table against the other rows. */
static void total_rows(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *t = &d->rep->tables;
    for (size_t r = 0; r < t->nrow; r++) {
        const char *row = get(t, r, "row");
        if (strncmp(row, "total", 5) != 0)
            continue;
        const char *p = get(t, r, "pillar"), *tab = get(t, r, "table"), *col = get(t, r, "column");
        rc_val parts;
        rc_val_number(&parts, 0);
        for (size_t k = 0; k < t->nrow; k++) {
            if (k == r || strcmp(get(t, k, "pillar"), p) != 0 || strcmp(get(t, k, "table"), tab) != 0 ||
                strcmp(get(t, k, "column"), col) != 0 || strncmp(get(t, k, "row"), "total", 5) == 0)
                continue;
            char ref[600];
            rc_val v;
            table_ref(ref, sizeof ref, p, tab, get(t, k, "row"), col);
            if (rc_expr_eval(d, ref, &v, NULL, 0)) {
                parts.v += v.v;
                parts.err += v.err;
                rc_val_merge_lines(&parts, &v);
            }
        }
        char ref[600], id[400], desc[400];
        rc_val total;
        table_ref(ref, sizeof ref, p, tab, row, col);
        rc_expr_eval(d, ref, &total, NULL, 0);
        snprintf(id, sizeof id, "sum:%s:%s:%s", tab, row, col);
        snprintf(desc, sizeof desc, "%s (%s): rows against the total row",
                 get(t, r, "table_label"), get(t, r, "column_label"));
        rc_check c = {.rule_id = id, .kind = "sum", .pillar = p, .description = desc,
                      .unit = get(t, r, "unit"), .op = RC_EQ, .tolerance = -1};
        rc_emit(o, &c, &total, &parts);
    }
}

/* ---- shares ---- */

/* "White (as % of those with stated ethnicity)" → "as % of those with stated ethnicity". */
static const char *share_base(const char *label)
{
    const char *q = strstr(label, "(as % of ");
    return q ? q + 1 : NULL;
}

static void table_shares(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *t = &d->rep->tables;
    for (size_t r = 0; r < t->nrow; r++) {
        const char *base = share_base(get(t, r, "row_label"));
        if (!base || strcmp(get(t, r, "unit"), "%") != 0)
            continue;
        const char *p = get(t, r, "pillar"), *tab = get(t, r, "table"), *col = get(t, r, "column");
        int first = 1, n = 0;
        rc_val sum;
        rc_val_number(&sum, 0);
        for (size_t k = 0; k < t->nrow; k++) {
            const char *kb = share_base(get(t, k, "row_label"));
            if (strcmp(get(t, k, "pillar"), p) != 0 || strcmp(get(t, k, "table"), tab) != 0 ||
                strcmp(get(t, k, "column"), col) != 0 || !kb || strcmp(kb, base) != 0)
                continue;
            if (k < r)
                first = 0;
            rc_val v;
            char ref[600];
            table_ref(ref, sizeof ref, p, tab, get(t, k, "row"), col);
            if (rc_expr_eval(d, ref, &v, NULL, 0)) {
                sum.v += v.v, sum.err += v.err, n++;
                rc_val_merge_lines(&sum, &v);
            }
        }
        if (!first || n < 2)
            continue;
        char id[400], desc[600];
        snprintf(id, sizeof id, "shares:%s:%s:%d", tab, col, (int)r);
        snprintf(desc, sizeof desc, "%s (%s): shares %s make 100", get(t, r, "table_label"),
                 get(t, r, "column_label"), base);
        rc_check c = {.rule_id = id, .kind = "shares", .pillar = p, .description = desc,
                      .unit = "%", .op = RC_EQ, .tolerance = -1};
        rc_val hundred;
        rc_val_number(&hundred, 100);
        rc_emit(o, &c, &hundred, &sum);
    }
}

/* ---- lists in prose ---- */

typedef struct list_item {
    size_t row; /* figures.csv row of the item's first figure */
} list_item;

/* The first figure of each item of the list `block`; 0 when some item has none. */
static size_t list_items(const peel_csv_doc *f, const char *block, list_item *items, size_t max)
{
    size_t n = 0;
    long last_item = 0;
    for (size_t r = 0; r < f->nrow; r++) {
        if (strcmp(get(f, r, "block"), block) != 0)
            continue;
        long item = strtol(get(f, r, "item"), NULL, 10);
        if (item <= 0 || item == last_item)
            continue;
        if (item != last_item + 1 || n == max)
            return 0; /* an item without figures */
        items[n++].row = r;
        last_item = item;
    }
    return n;
}

static int starts_item(const peel_csv_doc *f, size_t r)
{
    const char *raw = get(f, r, "raw"), *sentence = get(f, r, "sentence");
    return strncmp(sentence, raw, strlen(raw)) == 0;
}

static void figure_val(const peel_csv_doc *f, size_t r, rc_val *v)
{
    rc_val_number(v, strtod(get(f, r, "value"), NULL));
    v->err = rc_half_unit_of_raw(get(f, r, "raw"), get(f, r, "sentence"));
    v->line[0] = strtol(get(f, r, "source_line"), NULL, 10);
    v->nline = 1;
}

static void list_shares(const rc_data *d, rc_out *o, const char *block, const list_item *it,
                        size_t n)
{
    const peel_csv_doc *f = &d->rep->figures;
    rc_val sum, hundred;
    rc_val_number(&sum, 0);
    rc_val_number(&hundred, 100);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(get(f, it[i].row, "unit"), "%") != 0 || !starts_item(f, it[i].row))
            return;
        rc_val v;
        figure_val(f, it[i].row, &v);
        sum.v += v.v, sum.err += v.err;
        rc_val_merge_lines(&sum, &v);
    }
    char id[64], desc[200];
    snprintf(id, sizeof id, "shares:list:%s", get(f, it[0].row, "source_line"));
    snprintf(desc, sizeof desc, "the %zu shares listed from line %s make 100", n,
             get(f, it[0].row, "source_line"));
    (void)block;
    rc_check c = {.rule_id = id, .kind = "shares", .pillar = get(f, it[0].row, "pillar"),
                  .description = desc, .unit = "%", .op = RC_EQ, .tolerance = -1};
    rc_emit(o, &c, &hundred, &sum);
}

/* The largest figure of `unit` in the paragraph introducing the list. */
static int intro_total(const peel_csv_doc *f, long block, const char *unit, rc_val *total)
{
    char want[32];
    snprintf(want, sizeof want, "%ld", block - 1);
    int found = 0;
    for (size_t r = 0; r < f->nrow; r++) {
        if (strcmp(get(f, r, "block"), want) != 0 || strcmp(get(f, r, "intro"), "yes") != 0 ||
            strcmp(get(f, r, "unit"), unit) != 0)
            continue;
        rc_val v;
        figure_val(f, r, &v);
        if (!found || v.v > total->v)
            *total = v;
        found = 1;
    }
    return found;
}

static void list_parts(const rc_data *d, rc_out *o, const char *block, const list_item *it,
                       size_t n)
{
    const peel_csv_doc *f = &d->rep->figures;
    const char *unit = get(f, it[0].row, "unit");
    if (strcmp(unit, "GBP") != 0 && strcmp(unit, "") != 0)
        return;
    rc_val sum, total;
    rc_val_number(&sum, 0);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(get(f, it[i].row, "unit"), unit) != 0 || !starts_item(f, it[i].row))
            return;
        rc_val v;
        figure_val(f, it[i].row, &v);
        sum.v += v.v, sum.err += v.err;
        rc_val_merge_lines(&sum, &v);
    }
    if (!intro_total(f, strtol(block, NULL, 10), unit, &total) || total.v < sum.v / n)
        return;
    char id[64], desc[200];
    snprintf(id, sizeof id, "parts:list:%s", get(f, it[0].row, "source_line"));
    snprintf(desc, sizeof desc, "the %zu parts listed from line %s against the total stated "
             "before them", n, get(f, it[0].row, "source_line"));
    rc_check c = {.rule_id = id, .kind = "sum", .pillar = get(f, it[0].row, "pillar"),
                  .description = desc, .unit = unit[0] ? unit : "count", .op = RC_PARTS,
                  .tolerance = -1};
    rc_emit(o, &c, &total, &sum);
}

static void prose_lists(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *f = &d->rep->figures;
    for (size_t r = 0; r < f->nrow; r++) {
        if (strcmp(get(f, r, "item"), "1") != 0 || (r > 0 && strcmp(get(f, r - 1, "block"),
                                                                     get(f, r, "block")) == 0))
            continue;
        list_item it[MAX_ITEMS];
        size_t n = list_items(f, get(f, r, "block"), it, MAX_ITEMS);
        if (n < 2)
            continue;
        list_shares(d, o, get(f, r, "block"), it, n);
        list_parts(d, o, get(f, r, "block"), it, n);
    }
}

/* ---- same measure twice ---- */

/* Rows of facts.csv ordered by what they state (key, unit and period),
 * then by row: each fact's statements side by side in report order.  The
 * same key legitimately repeats for another unit or period (999 calls in
 * target 56% in July, 78% in September; a precept rise in % and in £ a
 * year), and only statements of the same fact are compared. */
typedef struct keyed_row {
    char *key; /* key, unit and period, owned */
    size_t row;
} keyed_row;

/* A period as the same fact's periods compare: lower case, without a
 * leading "by", "in", "during", "for", "as of", "on" or "at" ("by 2022/23"
 * and "2022/23" date the same gap). */
static void period_identity(const char *period, peel_buf *out)
{
    static const char *const FRAMES[] = {"by ", "in ", "during ", "for ", "as of ", "on ", "at "};
    for (size_t k = 0; k < sizeof FRAMES / sizeof *FRAMES; k++)
        if (strncasecmp(period, FRAMES[k], strlen(FRAMES[k])) == 0) {
            period += strlen(FRAMES[k]);
            break;
        }
    for (const char *c = period; *c; c++)
        peel_buf_putc(out, (char)tolower((unsigned char)*c));
}

static char *fact_identity(const peel_csv_doc *f, size_t r)
{
    peel_buf b;
    peel_buf_init(&b);
    peel_buf_printf(&b, "%s|%s|", get(f, r, "key"), get(f, r, "unit"));
    period_identity(get(f, r, "period"), &b);
    return peel_buf_detach(&b);
}

static int by_key_then_row(const void *pa, const void *pb)
{
    const keyed_row *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* For each fact row, the first row stating its key (first[r]) and how many
 * rows up to and including it do (nth[r]).  Sorting makes this n log n: a
 * scan of the earlier rows for each row was quadratic, and most of
 * reconcile's time on long reports. */
static void first_statements(const peel_csv_doc *f, size_t *first, int *nth)
{
    keyed_row *k = peel_xcalloc(f->nrow + 1, sizeof *k);
    for (size_t r = 0; r < f->nrow; r++)
        k[r] = (keyed_row){fact_identity(f, r), r};
    qsort(k, f->nrow, sizeof *k, by_key_then_row);
    for (size_t i = 0; i < f->nrow; i++) {
        int same = i > 0 && strcmp(k[i].key, k[i - 1].key) == 0;
        first[k[i].row] = same ? first[k[i - 1].row] : k[i].row;
        nth[k[i].row] = same ? nth[k[i - 1].row] + 1 : 1;
    }
    for (size_t i = 0; i < f->nrow; i++)
        free(k[i].key);
    free(k);
}

static void repeated_facts(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *f = &d->rep->facts;
    size_t *first = peel_xcalloc(f->nrow + 1, sizeof *first);
    int *nth = peel_xcalloc(f->nrow + 1, sizeof *nth);
    first_statements(f, first, nth);
    for (size_t r = 0; r < f->nrow; r++) {
        if (get(f, r, "label")[0] || first[r] == r)
            continue; /* list items (each a different part), and first statements */
        rc_val e, a;
        figure_val(f, first[r], &e);
        figure_val(f, r, &a);
        char id[300], desc[400];
        snprintf(id, sizeof id, "same:%s:%d", get(f, r, "key"), nth[r]);
        snprintf(desc, sizeof desc, "%s stated again on line %s (first on line %s)",
                 get(f, r, "key"), get(f, r, "source_line"), get(f, first[r], "source_line"));
        rc_check c = {.rule_id = id, .kind = "same", .pillar = get(f, r, "pillar"),
                      .description = desc, .unit = get(f, r, "unit"), .op = RC_EQ,
                      .tolerance = -1};
        rc_emit(o, &c, &e, &a);
    }
    free(first);
    free(nth);
}

static void repeated_cells(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *t = &d->rep->tables;
    for (size_t r = 0; r < t->nrow; r++)
        for (size_t k = 0; k < r; k++) {
            if (strcmp(get(t, k, "table"), get(t, r, "table")) != 0 ||
                strcmp(get(t, k, "row"), get(t, r, "row")) != 0 ||
                strcmp(get(t, k, "column"), get(t, r, "column")) != 0 ||
                strcmp(get(t, k, "pillar"), get(t, r, "pillar")) == 0)
                continue;
            rc_val e, a;
            char ref[600], id[600], desc[600];
            table_ref(ref, sizeof ref, get(t, k, "pillar"), get(t, k, "table"),
                      get(t, k, "row"), get(t, k, "column"));
            rc_expr_eval(d, ref, &e, NULL, 0);
            table_ref(ref, sizeof ref, get(t, r, "pillar"), get(t, r, "table"),
                      get(t, r, "row"), get(t, r, "column"));
            rc_expr_eval(d, ref, &a, NULL, 0);
            snprintf(id, sizeof id, "same:%s:%s:%s:%s", get(t, r, "table"), get(t, r, "row"),
                     get(t, r, "column"), get(t, r, "pillar"));
            snprintf(desc, sizeof desc, "%s (%s) stated again on line %s", get(t, r, "row_label"),
                     get(t, r, "column_label"), get(t, r, "source_line"));
            rc_check c = {.rule_id = id, .kind = "same", .pillar = get(t, r, "pillar"),
                          .description = desc, .unit = get(t, r, "unit"), .op = RC_EQ,
                          .tolerance = -1};
            rc_emit(o, &c, &e, &a);
            break;
        }
}

/* ---- grades ---- */

static void grades(const rc_data *d, rc_out *o)
{
    const peel_csv_doc *j = &d->rep->judgments;
    for (size_t r = 0; r < j->nrow; r++) {
        const char *sg = get(j, r, "summary_grade"), *hg = get(j, r, "section_grade");
        if (!sg[0] || !hg[0])
            continue;
        char id[200], desc[400];
        const char *comp = get(j, r, "component");
        snprintf(id, sizeof id, "grade:%s%s%s", get(j, r, "pillar"), comp[0] ? ":" : "", comp);
        snprintf(desc, sizeof desc, "%s: grade in the summary table (line %s) against the "
                 "section heading (line %s)", get(j, r, "label"), get(j, r, "summary_line"),
                 get(j, r, "section_line"));
        rc_check c = {.rule_id = id, .kind = "grade", .pillar = get(j, r, "pillar"),
                      .description = desc, .unit = "grade", .op = RC_EQ, .tolerance = 0};
        rc_val e, a;
        rc_val_number(&e, 0);
        rc_val_number(&a, strcmp(sg, hg) == 0 ? 0 : 1);
        a.line[0] = strtol(get(j, r, "summary_line"), NULL, 10);
        a.line[1] = strtol(get(j, r, "section_line"), NULL, 10);
        a.nline = 2;
        c.note = strcmp(sg, hg) == 0 ? "" : "the two grades differ";
        rc_emit_text(o, &c, sg, hg, &a, strcmp(sg, hg) == 0);
    }
}

/* ---- sidecars ---- */

/* Nonzero when a catalogue rule uses sidecar:KEY. */
static int used_by_rules(const peel_vec *rules, const char *key)
{
    char needle[200];
    snprintf(needle, sizeof needle, "sidecar:%s", key);
    size_t n = strlen(needle);
    for (size_t i = 0; i < rules->n; i++) {
        const rc_rule *r = rules->item[i];
        const char *texts[] = {r->expected, r->actual};
        for (int t = 0; t < 2; t++)
            for (const char *p = strstr(texts[t], needle); p; p = strstr(p + 1, needle))
                if (!p[n] || strchr("@) ,", p[n]))
                    return 1;
    }
    return 0;
}

static void sidecars(const rc_data *d, const peel_vec *rules, rc_out *o)
{
    for (size_t i = 0; i < d->sidecar_rows.n; i++) {
        const rc_sidecar_row *s = d->sidecar_rows.item[i];
        char ref[300], id[400], desc[600];
        if (strncmp(s->key, "table:", 6) == 0 || strncmp(s->key, "fact:", 5) == 0)
            snprintf(ref, sizeof ref, "%s", s->key);
        else
            snprintf(ref, sizeof ref, "fact:%s", s->key);
        snprintf(id, sizeof id, "sidecar:%s:%ld", s->file, s->csv_line);
        snprintf(desc, sizeof desc, "%s%s%s from %s (%s, line %ld) against the report",
                 s->key, s->period[0] ? " " : "", s->period, s->source[0] ? s->source : s->file,
                 s->file, s->csv_line);
        rc_check c = {.rule_id = id, .kind = "sidecar", .pillar = "", .description = desc,
                      .unit = s->unit, .op = RC_EQ, .tolerance = -1};
        rc_val e, a;
        if (!rc_expr_eval(d, ref, &e, NULL, 0)) {
            if (!used_by_rules(rules, s->key))
                rc_emit_skip(o, &c, "the report states no such figure and no rule uses it");
            continue;
        }
        rc_val_number(&a, s->value);
        a.err = 0;
        rc_emit(o, &c, &e, &a);
    }
}

void rc_generic_checks(const rc_data *d, const peel_vec *rules, rc_out *o)
{
    grades(d, o);
    table_changes(d, o);
    breakdown_sums(d, o);
    total_rows(d, o);
    table_shares(d, o);
    prose_lists(d, o);
    repeated_facts(d, o);
    repeated_cells(d, o);
    sidecars(d, rules, o);
}
